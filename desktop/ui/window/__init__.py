"""The main window's behaviour, one concern a module (mixed into MainWindow)."""
