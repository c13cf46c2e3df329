"""Every UI setting in one place, stored as JSON in the user data folder.

Not QSettings: the file lives next to the user's store (SHISAKU_DATA_DIR / platformdirs),
never next to the executable, and a test's temporary data folder isolates it completely.
Unknown keys and wrong types fall back to the defaults, so an old or damaged file never
stops the app from starting.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop import paths
from desktop.atomicfile import atomic_write
from desktop.errors import UserError
from desktop.infile import read_limited

FILE_NAME = "ui-settings.json"
MAX_BYTES = 1024 * 1024  # a few KB when written by us

# name: default. The type of the default is the type accepted from the file.
DEFAULTS: dict[str, object] = {
    "geometry": "",  # QMainWindow.saveGeometry(), base64
    "window_state": "",  # QMainWindow.saveState(), base64
    "main_splitter": [],  # [left, centre, right] widths
    "reader_splitter": [],  # [measure view, note editor] heights
    "last_location": "",  # measure id or "preface"
    "last_tab": 0,  # 0 目次, 1 ブックマーク, 2 メモ
    "zoom": 0,  # reading view font size offset in points
    "target_collection": "",  # where Ctrl+D puts a bookmark ("" = the default collection)
    "reading_chars": 40,  # reading column in 全角 characters (0 = the whole width)
    "recent": [],  # recently opened measure ids, newest first
    "exact_only": False,  # 完全一致のみ: search without tier 2 (other spellings, near matches)
    "brief": {},  # the brief dialog's last choice: {"format", "notes", "bodies"}
    "last_folder": "",  # where the last brief, share file or backup was saved or opened
}
ZOOM_MIN, ZOOM_MAX = -6, 16


class Settings:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.values: dict[str, object] = dict(DEFAULTS)
        self.load()

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> Settings:
        return cls(paths.data_dir(data_dir) / FILE_NAME)

    def load(self) -> None:
        try:
            raw = json.loads(read_limited(self.path, MAX_BYTES).decode("utf-8"))
        except (UserError, ValueError, RecursionError):  # RecursionError: nested too deep
            return
        if not isinstance(raw, dict):
            return
        for key, default in DEFAULTS.items():
            value = raw.get(key)
            # bool is an int to isinstance: a flag only for a flag, a number only for a number
            if isinstance(value, type(default)) and isinstance(value, bool) == isinstance(
                default, bool
            ):
                self.values[key] = value

    def get(self, key: str):
        return self.values[key]

    def set(self, key: str, value) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self.values[key] = value

    def save(self) -> bool:
        """Write atomically (fsync, then rename; mode 0600). A failure (read-only folder, full
        disk) is reported on stderr, never raised: settings are a comfort. True if written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps(self.values, ensure_ascii=False, indent=1).encode("utf-8")
            atomic_write(self.path, data, mode=0o600)
        except (OSError, UserError) as e:
            if sys.stderr is not None:  # a windowed build has no console
                print(f"shisaku: 画面の設定を保存できませんでした: {e}", file=sys.stderr)
            return False
        return True
