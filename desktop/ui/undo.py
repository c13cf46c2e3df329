"""Undo for the window's store changes (delete, move, rename, clear a note). Qt-free.

Each change that loses something pushes one step: a label for the status message and a
function that puts it back. Ctrl+Z and the 「元に戻す」 button pop the newest step. A step
whose undo fails (the CLI changed the same thing meanwhile) raises; the caller says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LIMIT = 50


@dataclass(frozen=True)
class Step:
    label: str  # what was done, e.g. 「コレクション「レク」を削除」
    undo: Callable[[], None]


class UndoStack:
    def __init__(self) -> None:
        self._steps: list[Step] = []
        self.listeners: list[Callable[[], None]] = []

    def push(self, label: str, undo: Callable[[], None]) -> None:
        self._steps.append(Step(label, undo))
        del self._steps[:-LIMIT]
        self._changed()

    def can_undo(self) -> bool:
        return bool(self._steps)

    def label(self) -> str:
        return self._steps[-1].label if self._steps else ""

    def undo(self) -> str | None:
        """Undo the newest step; its label, or None when there is nothing to undo."""
        if not self._steps:
            return None
        step = self._steps.pop()
        try:
            step.undo()
        finally:
            self._changed()
        return step.label

    def _changed(self) -> None:
        for fn in self.listeners:
            fn()
