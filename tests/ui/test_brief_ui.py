"""The brief from the window, the user's way: ファイル → ブリーフを作成… (one dialog: format,
notes, bodies; then save or print), the print preview (Ctrl+P) painting the PDF's document,
and a single measure from the reader. Files are really written and read back."""

from __future__ import annotations

import re
import unicodedata

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from desktop.brief import BriefOptions
from tests.brief.conftest import flat, pdftotext
from tests.ui.conftest import click_item, reopen
from tests.ui.dialogs import brief_options, choose, press, print_to_file, reject, save_as

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
NAME = "12/3 局長レク"
IDS = ("2-3", "1-1-28", "1-1-1")
NOTE = "局長に予算額を確認する"


def meeting(win, qtbot, name=NAME, ids=IDS):
    """A collection with three measures and a note, selected in the ブックマーク tab."""
    store, cat = win.ctx.store, win.ctx.catalogue
    store.create_collection(name)
    for mid in ids:
        store.add_bookmark(mid, cat.require(mid).title, name)
    store.set_note("1-1-28", cat.require("1-1-28").title, NOTE)
    win.store_changed()
    win.show_tab(1)
    click_item(qtbot, win.bookmarks.view, win.bookmarks.model.find(name, ""))
    return [cat.require(mid).title for mid in ids]


def docx_text(path) -> str:
    from docx import Document

    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def look_alike(ch: str) -> bool:
    """A character Qt's PDF writer may name instead of the one drawn (⻑ for 長, ⽅ for 方,
    ‧ for ・, ∕ for ／): anything but ASCII, kana and the unified ideographs. The exported
    PDF corrects these names (docs/brief.md); a printer prints the glyphs, and only a print
    to a file keeps Qt's names."""
    return not (ch.isascii() or "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")


def same_but_look_alikes(got: str, want: str) -> bool:
    got, want = (unicodedata.normalize("NFKC", t) for t in (got, want))
    return len(got) == len(want) and all(
        a == b or look_alike(a) for a, b in zip(got, want, strict=True)
    )


def pages(text: str) -> int:
    return text.count("\f")


def test_brief_dialog_saves_the_chosen_format_and_remembers_it(
    window, qtbot, dialogs, tmp_path, open_window
):
    titles = meeting(window, qtbot)
    out = tmp_path / "lek.docx"
    seen: list = []
    dialogs.expect(brief_options("docx", notes=False, seen=seen), save_as(out), press("OK"))
    window.commands.brief.trigger()  # ファイル → ブリーフを作成…
    dialogs.settle(qtbot, timeout=30000)
    assert dialogs.kinds() == ["BriefDialog", "file", "information"], dialogs.shown
    assert seen[0]["format"] == "pdf" and seen[0]["notes"] and seen[0]["bodies"]  # defaults
    assert NAME in seen[0]["text"] and "3 件" in seen[0]["text"]
    text = docx_text(out)
    positions = [text.index(t) for t in titles]
    assert positions == sorted(positions)  # the user's order
    assert NOTE not in text  # without notes: a brief to hand out
    assert not dialogs.errors()
    # the choice is remembered, across a restart too
    win2 = reopen(window, open_window)
    win2.activateWindow()  # the user clicks into the new window
    qtbot.waitUntil(win2.isActiveWindow)
    meeting_again = win2.bookmarks.model.find(NAME, "")
    win2.show_tab(1)
    click_item(qtbot, win2.bookmarks.view, meeting_again)
    seen.clear()
    dialogs.expect(brief_options(seen=seen), reject)  # 保存…, then cancel the file dialog
    qtbot.keyClick(win2, Qt.Key.Key_E, CTRL)  # Ctrl+E opens it too
    dialogs.settle(qtbot)
    dialogs.expect(brief_options(seen=seen), reject)
    qtbot.mouseClick(win2.bookmarks.export_button, LEFT)  # and the tab's ブリーフ… button
    dialogs.settle(qtbot)
    remembered = {"format": "docx", "notes": False, "bodies": True}
    assert [{k: s[k] for k in remembered} for s in seen] == [remembered, remembered]


def test_without_bodies_the_brief_is_the_one_page_list(window, qtbot, dialogs, tmp_path):
    titles = meeting(window, qtbot)
    out = tmp_path / "list.pdf"
    dialogs.expect(brief_options("pdf", notes=True, bodies=False), save_as(out), press("OK"))
    qtbot.mouseClick(window.bookmarks.export_button, LEFT)
    dialogs.settle(qtbot, timeout=30000)
    text = pdftotext(out)
    assert pages(text) == 1 and re.search(r"^1\s*/\s*1$", text, re.M)
    assert all(flat(t) in flat(text) for t in titles)
    body = window.ctx.catalogue.require("2-3").body
    assert flat(body)[:30] not in flat(text)  # no body: the 一覧 alone
    assert NOTE in flat(text)  # the 一覧's メモ column


def test_an_empty_collection_is_refused_before_any_dialog(window, qtbot, dialogs):
    window.ctx.store.create_collection("空の会議")
    window.store_changed()
    window.show_tab(1)
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("空の会議", ""))
    window.commands.brief.trigger()
    dialogs.settle(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)  # printing too
    dialogs.settle(qtbot)
    assert dialogs.kinds() == ["warning", "warning"], dialogs.shown
    assert "施策がない" in dialogs.shown[0].text and "空の会議" in dialogs.shown[0].text


def test_ctrl_p_previews_and_prints_the_pdf_document(window, qtbot, dialogs, tmp_path):
    """The preview shows as many pages as the PDF has; printing it (to a file, through
    Qt's print dialog) gives the PDF's text, page for page."""
    meeting(window, qtbot)
    printed = tmp_path / "printed.pdf"
    seen = {}

    def in_preview(dlg):
        assert type(dlg).__name__ == "PrintPreview", dlg
        qtbot.waitUntil(lambda: dlg.page_count() > 0)
        seen["pages"] = dlg.page_count()
        seen["title"] = dlg.windowTitle()
        qtbot.mouseClick(dlg.print_button, LEFT)  # 印刷… under the pages

    dialogs.expect(in_preview, print_to_file(printed))
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    dialogs.settle(qtbot, timeout=30000)
    assert dialogs.kinds() == ["PrintPreview", "QPrintDialog"], dialogs.shown
    assert NAME in seen["title"]
    exported = tmp_path / "exported.pdf"
    window.bookmarks.export_brief(exported, "pdf", NAME, BriefOptions())
    want, got = pdftotext(exported), pdftotext(printed)
    assert seen["pages"] == pages(want) == pages(got) >= 2
    assert same_but_look_alikes(got, want)
    assert not dialogs.errors()


def test_print_from_the_brief_dialog_uses_its_options(window, qtbot, dialogs):
    meeting(window, qtbot)
    seen = {}

    def in_preview(dlg):
        qtbot.waitUntil(lambda: dlg.page_count() > 0)
        seen["pages"] = dlg.page_count()
        seen["notes"] = dlg.brief.options.notes
        reject(dlg)

    dialogs.expect(brief_options(notes=False, bodies=False, action="print"), in_preview)
    window.commands.brief.trigger()
    dialogs.settle(qtbot, timeout=30000)
    assert seen == {"pages": 1, "notes": False}


def test_a_single_measure_from_the_reader(window, qtbot, dialogs, tmp_path):
    cat = window.ctx.catalogue
    window.open_location("1-1-28")
    window.editor.edit.setFocus()
    qtbot.keyClicks(window.editor.edit, "kakunin")  # typed, not saved yet by the timer
    out = tmp_path / "measure.pdf"
    seen: list = []
    dialogs.expect(brief_options("pdf", notes=True, seen=seen), save_as(out), press("OK"))
    qtbot.mouseClick(window.reader.print_button, LEFT)  # the reader's 印刷・書き出し
    dialogs.settle(qtbot, timeout=30000)
    m = cat.require("1-1-28")
    assert m.title in seen[0]["text"] and "1-1-28" in seen[0]["text"]
    text = pdftotext(out)
    assert f"ID: 1-1-28（{cat.label(m)}）" in text
    assert f"p.{m.page}" in text and "kakunin" in text
    # one measure: its title and the measure on one page, no one-row 一覧 before it
    assert pages(text) == 1 and "施策名" not in text and "出典ページ" not in text
    # the measure's right-click menu has it too: 印刷プレビュー from there
    shown = {}

    def in_preview(dlg):
        qtbot.waitUntil(lambda: dlg.page_count() > 0)
        shown["name"] = dlg.brief.name
        reject(dlg)

    dialogs.expect(choose("この施策を印刷・書き出す…"), brief_options(action="print"), in_preview)
    vp = window.view.viewport()
    pos = QPoint(40, 40)
    QApplication.sendEvent(
        vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos))
    )
    dialogs.settle(qtbot, timeout=30000)
    assert shown == {"name": m.title}
    assert not dialogs.errors()


def test_the_measure_command_waits_for_a_measure(window, qtbot):
    window.open_location("preface")
    assert not window.commands.print_measure.isEnabled()
    assert not window.reader.print_button.isEnabled()
    window.open_location("2-3")
    assert window.commands.print_measure.isEnabled()


@pytest.mark.parametrize("key", ["brief", "print", "print_measure", "share_export"])
def test_new_commands_are_in_the_file_menu_and_the_help(window, key):
    action = getattr(window.commands, key)
    assert action in window.menus["file"].actions()
    if action.shortcuts():
        assert action.text() in window.help.shortcuts_html()
