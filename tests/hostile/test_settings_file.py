"""#14 item 16: a deeply nested ui-settings.json used to stop the window from starting
(RecursionError from the JSON parser). A settings file is a comfort: anything wrong in it
gives the defaults."""

from __future__ import annotations

import json

from desktop import paths


def test_deeply_nested_settings_file_does_not_stop_the_window(qtbot):
    from desktop.ui.app import open_window
    from desktop.ui.settings import FILE_NAME

    folder = paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_NAME).write_text(
        '{"zoom": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8"
    )
    win, ctx = open_window()
    qtbot.addWidget(win)
    try:
        assert win.isVisible() and win.settings.get("zoom") == 0  # the default
        win.close()  # and saving replaces the bad file with good settings
    finally:
        ctx.close()
    assert json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))["zoom"] == 0
