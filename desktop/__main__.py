import sys

if sys.argv[1:] == ["bench", "startup", "--child", "--blank"]:
    # the benchmark's floor: a blank Qt window, before anything of the app is imported
    from desktop.ui.blank_window import main as blank

    sys.exit(blank())
if sys.argv[1:] == ["bench", "startup", "--child", "--floor"]:
    # the second floor: the widgets of our first paint, none of the app behind them
    from desktop.ui.floor_window import main as floor

    sys.exit(floor())

try:
    from desktop.cli.main import main
except KeyboardInterrupt:  # Ctrl+C while starting: quiet, like Ctrl+C later (main())
    sys.exit(130)

sys.exit(main())
