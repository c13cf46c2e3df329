import sys

try:
    from desktop.cli.main import main
except KeyboardInterrupt:  # Ctrl+C while starting: quiet, like Ctrl+C later (main())
    sys.exit(130)

sys.exit(main())
