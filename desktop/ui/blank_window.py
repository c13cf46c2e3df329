"""The floor of `bench startup`: the same interpreter (or the same frozen executable)
painting one blank 1280×800 PySide6 window, with nothing of the app imported (no CLI, no
make_app, no translations). `python -m desktop bench startup --child --blank` reaches this
from desktop/__main__.py before the CLI is imported; from a checkout it also runs as a
plain script (`python desktop/ui/blank_window.py`; `--stay` keeps it open, for measuring
its memory from outside).
"""

import sys
import time


def main() -> int:
    from PySide6.QtWidgets import QApplication

    return show_blank(QApplication(sys.argv[:1]), stay="--stay" in sys.argv)


def show_blank(app, stay: bool = False) -> int:
    """Paint one blank 1280×800 window, print when it painted (CPU time so far), quit."""
    from PySide6.QtWidgets import QWidget

    w = paints_once(QWidget, app, stay)()
    w.resize(1280, 800)
    w.show()
    app.exec()
    return 0


def paints_once(base, app, stay: bool = False):
    """A subclass of the widget class `base` that prints "painted 1 cpu S" at its first
    paint (the line `bench startup` waits for) and then quits `app` (unless `stay`)."""
    from PySide6.QtCore import QTimer

    class Probe(base):
        shown = False

        def paintEvent(self, event) -> None:
            super().paintEvent(event)
            if not self.shown:
                self.shown = True
                print(f"painted 1 cpu {time.process_time():.4f}", flush=True)
                if not stay:
                    QTimer.singleShot(0, app.quit)

    return Probe


if __name__ == "__main__":
    sys.exit(main())
