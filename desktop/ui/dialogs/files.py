"""Picking a file to write or read: the folder last used, a file name that every system
accepts, and the suffix added when the user typed none."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

SHARE_FILTER = "施策ナビ共有ファイル (*.shisaku)"
BACKUP_FILTER = "施策ナビのバックアップ (*.json)"
ANY_FILE = "すべてのファイル (*)"
UNSAFE = '\\/:*?"<>|'  # not allowed in a Windows file name (and / nowhere)


def safe_file_name(name: str, fallback: str = "brief") -> str:
    """`name` as a file name on Windows, macOS and Linux: no separators, no reserved
    characters, no control characters, no trailing dots or blanks (Windows drops them)."""
    cleaned = "".join("_" if ch in UNSAFE or ord(ch) < 32 else ch for ch in name)
    cleaned = cleaned.strip().rstrip(". ")
    return cleaned[:120] or fallback


class FilePicker:
    """Save and open dialogs that remember the folder (in the window's settings)."""

    def __init__(self, settings=None):
        self.settings = settings

    def folder(self) -> Path:
        last = self.settings.get("last_folder") if self.settings is not None else ""
        if last and Path(last).is_dir():
            return Path(last)
        return Path.home()

    def remember(self, path: Path) -> None:
        if self.settings is not None:
            self.settings.set("last_folder", str(path.parent))

    def save_path(self, parent, title: str, name: str, suffix: str, filter_: str) -> Path | None:
        """The file to write, or None when cancelled. `suffix` (".pdf") is added to a name
        typed without one, before the dialog asks whether to replace an existing file."""
        suggested = self.folder() / f"{safe_file_name(name)}{suffix}"
        dlg = QFileDialog(parent, title, str(suggested), filter_)
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setFileMode(QFileDialog.FileMode.AnyFile)
        dlg.setDefaultSuffix(suffix.lstrip("."))
        dlg.selectFile(str(suggested))
        if dlg.exec() != QFileDialog.DialogCode.Accepted or not dlg.selectedFiles():
            return None
        p = Path(dlg.selectedFiles()[0])
        self.remember(p)
        return p

    def open_path(self, parent, title: str, filter_: str) -> Path | None:
        dlg = QFileDialog(parent, title, str(self.folder()), filter_)
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        if dlg.exec() != QFileDialog.DialogCode.Accepted or not dlg.selectedFiles():
            return None
        p = Path(dlg.selectedFiles()[0])
        self.remember(p)
        return p


@contextlib.contextmanager
def busy():
    """The wait cursor while a long brief (344 measures in Word) is written."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
