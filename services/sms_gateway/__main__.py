from services.sms_gateway.main import main

main()
