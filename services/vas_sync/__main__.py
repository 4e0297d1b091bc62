from services.vas_sync.main import main

main()
