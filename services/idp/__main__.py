from services.idp.main import main

main()
