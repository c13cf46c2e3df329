"""The window's brief dialog offers the one registry's formats, and a format is written from
the ファイル menu like a user does it: trigger the action, pick the format, answer the save
dialog and the message. Printing paints the same document as the PDF (tests/ui/
test_brief_ui.py prints it)."""

from __future__ import annotations

import pytest

from desktop.brief import FORMATS


@pytest.fixture
def window(qtbot):
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    ctx = AppContext.open()
    win = MainWindow(ctx, Settings.open())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    ctx.close()


@pytest.fixture
def dialogs():
    from tests.ui.dialogs import Dialogs

    d = Dialogs()
    yield d
    d.stop()


def meeting(win, name="レク"):
    store = win.ctx.store
    store.create_collection(name)
    for mid in ("2-3", "1-1-28"):
        store.add_bookmark(mid, win.ctx.catalogue.require(mid).title, name)
    win.store_changed()
    win.bookmarks.select(name)


def test_every_registered_format_is_in_the_brief_dialog(window, qtbot, dialogs):
    from PySide6.QtWidgets import QLabel

    from tests.ui.dialogs import reject

    meeting(window)
    seen = {}

    def look(dlg):
        labels = [label.text() for label in dlg.findChildren(QLabel)]
        seen.update(
            {k: (r.text(), r.accessibleDescription(), labels) for k, r in dlg.radios.items()}
        )
        reject(dlg)

    dialogs.expect(look)
    window.commands.brief.trigger()
    dialogs.settle(qtbot)
    assert list(seen) == list(FORMATS)
    for key, f in FORMATS.items():
        text, description, labels = seen[key]
        assert text == f.name and f.description and f.description in description
        assert f.description in labels and f".{key}" in labels


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_new_format_is_written_from_the_file_menu(window, qtbot, dialogs, tmp_path, fmt):
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.dialogs import brief_options, press, save_as

    meeting(window)
    out = tmp_path / f"brief.{fmt}"
    filters = []

    def save(dlg):
        filters.append(dlg.nameFilters())
        assert isinstance(dlg, QFileDialog)
        save_as(out)(dlg)

    dialogs.expect(brief_options(fmt), save, press("OK"))
    window.commands.brief.trigger()
    dialogs.settle(qtbot, timeout=30000)
    assert filters == [[FORMATS[fmt].filter]]
    assert out.read_bytes().startswith(b"PK")
    assert not dialogs.errors()


def test_an_empty_collection_is_refused_with_a_message(window, qtbot, dialogs):
    window.ctx.store.create_collection("空")
    window.store_changed()
    window.bookmarks.select("空")
    window.commands.brief.trigger()
    dialogs.settle(qtbot)
    assert dialogs.kinds() == ["warning"] and "施策がない" in dialogs.shown[0].text
