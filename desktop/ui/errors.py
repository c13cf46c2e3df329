"""No traceback reaches the user of the window either.

install() sets sys.excepthook (PySide6 hands it every exception that escapes a slot). Bad
input or a store problem (UserError) is shown as its message; anything else is written to the
error log (desktop.crashlog: no note text) and shown as a short message naming the log file.
All go to one shared dialog with 「詳細をコピー」: a burst of errors (a failing repaint) updates
its count instead of stacking dialogs.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop import APP_TITLE
from desktop.errors import UserError

COPY = "詳細をコピー"
_dialog: ErrorDialog | None = None


class ErrorDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more = QLabel()
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(COPY)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.copy_button.clicked.connect(lambda _checked=False: self.copy_details())
        buttons.rejected.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.more)
        layout.addWidget(buttons)
        self.details = ""
        self.count = 0

    def report(self, message: str, details: str) -> None:
        if self.isVisible():
            self.count += 1
            self.more.setText(f"ほかに {self.count} 件のエラーがありました")
            self.more.show()
            return
        self.count = 0
        self.message.setText(message)
        self.more.hide()
        self.details = details
        self.copy_button.setEnabled(bool(details))
        self.show()
        self.raise_()

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("コピーしました")


def dialog() -> ErrorDialog:
    global _dialog
    if _dialog is None:
        _dialog = ErrorDialog()  # no parent: it outlives any window it reports on
    return _dialog


def handle(exc_type, exc, tb, data_dir=None) -> None:
    try:
        report(exc_type, exc, tb, data_dir)
    except Exception:  # never a second traceback from the hook itself
        if sys.stderr is not None:
            print(f"shisaku: 内部エラー ({exc_type.__name__})", file=sys.stderr)


def report(exc_type, exc, tb, data_dir=None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc is None:
        exc = exc_type()
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    if isinstance(exc, UserError):
        message, details = str(exc), ""
    else:
        from desktop import crashlog  # here: logging is not loaded before the first paint

        log = crashlog.record(exc, data_dir)
        where = f"詳細はログに記録しました:\n{log}" if log else "ログを書けませんでした。"
        message = (
            f"予期しないエラーが発生しました ({exc_type.__name__})。保存済みのメモや"
            f"ブックマークはそのままです。\n\n{where}\n\n(internal error; the log holds no note text)"
        )
        details = f"{APP_TITLE} {message}\n\n{crashlog.describe(exc)}"
    if QApplication.instance() is None:  # before the window exists: the console, if any
        if sys.stderr is not None:
            print(f"shisaku: {message}", file=sys.stderr)
        return
    dialog().report(message, details)


def install(data_dir=None) -> None:
    """Route uncaught exceptions (slots, timers, paint events) to the dialog and the log."""
    sys.excepthook = lambda t, e, tb: handle(t, e, tb, data_dir)
