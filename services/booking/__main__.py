from services.booking.main import main

main()
