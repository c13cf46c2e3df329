"""Autosave of the note editor: saves 400 ms after the last keystroke, and on demand
(measure switch, window close). Every save goes straight to the store, which commits it.

An editing session starts when a measure's note is attached (and again after a version is
restored from the history). Its first save passes amend=None, so the text the note had
before the session goes to the note history. Later saves of the same session pass `amend` =
the text we saved last: the store then replaces it without pushing each keystroke's text
into the history, yet keeps a version if someone else (the CLI) changed the note in between.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

DELAY_MS = 400  # within the 0.5 s promise, long enough not to save mid-word


class AutosaveManager(QObject):
    state_changed = Signal(str)  # "saved" | "dirty" | "error"
    saved = Signal(str)  # measure id

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.measure_id: str | None = None
        self.title = ""
        self.last_saved = ""
        self.text = ""
        self.error = ""
        self._session_saved = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def attach(self, measure_id: str | None, title: str, text: str) -> None:
        """Start editing another measure's note (the caller flushed the previous one)."""
        self._timer.stop()
        self.measure_id, self.title = measure_id, title
        self.last_saved = self.text = text
        self.error = ""
        self.new_session()
        self.state_changed.emit("saved")

    def new_session(self) -> None:
        """The next save keeps the stored text as a version (see the module docstring)."""
        self._session_saved = False

    def edited(self, text: str) -> None:
        if self.measure_id is None or text == self.text:
            return
        self.text = text
        self.state_changed.emit("dirty")
        self._timer.start()

    @property
    def dirty(self) -> bool:
        return self.measure_id is not None and self.text != self.last_saved

    def flush(self) -> bool:
        """Save now if anything changed. True when the store has the editor's text."""
        self._timer.stop()
        if not self.dirty:
            return True
        try:
            amend = self.last_saved if self._session_saved else None
            self.store.set_note(self.measure_id, self.title, self.text, amend=amend)
        except Exception as e:  # StoreWriteError, disk full…: keep the text, say so, retry later
            self.error = str(e)
            self.state_changed.emit("error")
            self._timer.start(2000)
            return False
        self.last_saved = self.text
        self._session_saved = True
        self.error = ""
        self.state_changed.emit("saved")
        self.saved.emit(self.measure_id)
        return True
