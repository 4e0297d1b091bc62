import sys

if len(sys.argv) > 1:
    from services.ops_console.cli import main as cli

    sys.exit(cli(sys.argv[1:]))
else:
    from services.ops_console.main import main

    main()
