from services.vas_simulator.main import main

main()
