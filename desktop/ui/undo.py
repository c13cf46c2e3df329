"""Undo and redo for the window's store changes (delete, move, rename, clear a note,
highlights and tags). Qt-free.

Each change that loses something pushes one step: a label for the status message, a
function that puts it back and, where the change can be made again as it was, one that
does (redo). Ctrl+Z and the 「元に戻す」 button pop the newest step; Ctrl+Shift+Z / Ctrl+Y
make the newest undone step again; a new change forgets what was undone. A step whose
undo or redo fails (the CLI changed the same thing meanwhile) raises; the caller says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LIMIT = 50


@dataclass(frozen=True)
class Step:
    label: str  # what was done, e.g. 「コレクション「レク」を削除」
    undo: Callable[[], None]
    redo: Callable[[], None] | None = None  # the change again; None: cannot be redone


class UndoStack:
    def __init__(self, changes: Callable[[], int] | None = None) -> None:
        """`changes`: a count of the store's writes (UserStore.change_count). Redo is offered
        only while it has not moved since the last undo: a bookmark added or a note typed
        meanwhile (changes that push no step) would otherwise be lost by redoing a delete."""
        self._steps: list[Step] = []
        self._undone: list[Step] = []  # newest last; emptied by a new change
        self._changes = changes
        self._mark: int | None = None  # the count right after the last undo or redo
        self.listeners: list[Callable[[], None]] = []

    def push(
        self, label: str, undo: Callable[[], None], redo: Callable[[], None] | None = None
    ) -> None:
        self._steps.append(Step(label, undo, redo))
        del self._steps[:-LIMIT]
        self._undone.clear()
        self._changed()

    def can_undo(self) -> bool:
        return bool(self._steps)

    def can_redo(self) -> bool:
        if self._undone and self._changes is not None and self._changes() != self._mark:
            self._undone.clear()  # something was written since: redo could lose it
        return bool(self._undone)

    def label(self) -> str:
        return self._steps[-1].label if self._steps else ""

    def redo_label(self) -> str:
        return self._undone[-1].label if self.can_redo() else ""

    def undo(self) -> str | None:
        """Undo the newest step; its label, or None when there is nothing to undo."""
        if not self._steps:
            return None
        step = self._steps.pop()
        kept = list(self._undone) if self.can_redo() else []  # before this undo writes
        try:
            step.undo()
            # a step that cannot be redone ends what can be (redo goes in order)
            self._undone = [*kept, step] if step.redo else []
            self._mark = self._changes() if self._changes else None
        finally:
            self._changed()
        return step.label

    def redo(self) -> str | None:
        """Make the newest undone step again; its label, or None when there is none."""
        if not self.can_redo():
            return None
        step = self._undone.pop()
        try:
            assert step.redo is not None
            step.redo()
            self._steps.append(step)
            self._mark = self._changes() if self._changes else None
        finally:
            self._changed()
        return step.label

    def _changed(self) -> None:
        for fn in self.listeners:
            fn()
