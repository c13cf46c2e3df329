"""Autosave of the note editor: saves 400 ms after the last keystroke, and on demand
(measure switch, window close). Every save goes straight to the store, which commits it.

An editing session starts when a measure's note is attached (and again after a version is
restored from the history). Its first save passes amend=None, so the text the note had
before the session goes to the note history. Later saves of the same session pass `amend` =
the text we saved last: the store then replaces it without pushing each keystroke's text
into the history, yet keeps a version if someone else (the CLI) changed the note in between.

Before it overwrites, a save looks at the stored text: if someone else changed it since our
last save (the CLI, another copy of the app, a synced store), nothing is written until
`resolve_conflict(mine, theirs)` (the editor's dialog) returns the text to keep; the text
not kept stays in the note's history. Without a resolver both texts are kept, joined.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

DELAY_MS = 400  # within the 0.5 s promise, long enough not to save mid-word
BOTH_SEPARATOR = "\n\n――― 別の場所で保存された内容 ―――\n"


def keep_both(mine: str, theirs: str) -> str:
    return f"{mine}{BOTH_SEPARATOR}{theirs}" if theirs.strip() else mine


class AutosaveManager(QObject):
    state_changed = Signal(str)  # "saved" | "dirty" | "error"
    saved = Signal(str)  # measure id
    replaced = Signal(str)  # a conflict was resolved: the editor shows this text

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.measure_id: str | None = None
        self.title = ""
        self.last_saved = ""
        self.text = ""
        self.error = ""
        self._session_saved = False
        self._resolving = False
        self.resolve_conflict: Callable[[str, str], str] | None = None
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
        if self._resolving:  # the conflict dialog is open: it decides
            return False
        try:
            theirs = self.changed_underneath()
            if theirs is not None:
                return self._resolve(theirs)
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

    def changed_underneath(self) -> str | None:
        """The stored text if someone else changed it since our last save, else None."""
        note = self.store.get_note(self.measure_id)
        theirs = note.text if note else ""
        return None if theirs in (self.last_saved, self.text) else theirs

    def _resolve(self, theirs: str) -> bool:
        mine = self.text
        self._resolving = True
        try:
            chosen = self.resolve_conflict(mine, theirs) if self.resolve_conflict else None
        finally:
            self._resolving = False
        if chosen is None:
            chosen = keep_both(mine, theirs)
        if chosen == theirs:  # theirs wins: ours goes to the history first
            self.store.set_note(self.measure_id, self.title, mine)
        self.store.set_note(self.measure_id, self.title, chosen)  # the replaced text → history
        self.text = self.last_saved = chosen
        self._session_saved = False  # the next typing starts a new version
        self.error = ""
        self.replaced.emit(chosen)
        self.state_changed.emit("saved")
        self.saved.emit(self.measure_id)
        return True
