"""PySide6's import hook, made cheap (decision 0007).

Once PySide6 is imported, every module imported after it is checked for the text
"PySide6" in its source (`shibokensupport.feature._mod_uses_pyside`, for the optional
`from __feature__ import snake_case`, which this app does not use) with
`inspect.getsource`: each module's file is decoded, split into lines and kept in
`linecache` for the life of the process. At start-up that was ~150 modules, 20 ms of CPU
before the first paint and 4.5 MB of memory that nothing reads again.

`install()` replaces the check with one that gives the same answer from the raw bytes of
the module's `.py` file, keeping nothing; anything else (no file, a `.pyc` in the frozen
app) goes to PySide's own check. If PySide changes the hook, this does nothing.
"""

from __future__ import annotations

import sys

MARKER = b"PySide6"


def install() -> bool:
    """Replace PySide's per-import source check (once PySide6 is imported). True if done."""
    import PySide6.QtCore  # noqa: F401 (the hook exists once PySide6 has started)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if not callable(original) or getattr(original, "_shisaku", False):
        return False

    def mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as f:
                return MARKER in f.read()
        except OSError:
            return original(module)

    mod_uses_pyside._shisaku = True  # type: ignore[attr-defined]
    mod_uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[union-attr]
    return True
