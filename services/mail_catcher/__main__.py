from services.mail_catcher.main import main

main()
