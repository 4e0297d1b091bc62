from services.eligibility.main import main

main()
