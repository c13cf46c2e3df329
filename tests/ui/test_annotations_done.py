"""Issue 12's "Done when", end to end through the user's path: highlight three passages in
two measures (mouse and keyboard), comment one, tag both 要確認 (Ctrl+T), find them with
`タグ:要確認` typed in the search box, bookmark them (Ctrl+D) and export a brief (Ctrl+E, the
brief dialog) that shows them, then rebuild the catalogue from a modified source (`shisaku
build --source FILE`: a sentence of 1-1-28 reworded, 1-5-10 deleted) and still see every
highlight, placed or orphaned, in the メモ tab of the restarted window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.cli.main import main
from tests.ui.annot_helpers import CTRL, SHIFT, drag_select, key_select
from tests.ui.conftest import click_item, reopen, search
from tests.ui.dialogs import brief_options, press, save_as
from tests.ui.test_highlights import comment_answer
from tests.ui.test_tags_ui import type_tags
from tests.userdata.test_edition_anchoring import REWORDED, modified_source

REWORDED_PASSAGE = "産業教育に係る教育環境の整備、専門高校の魅力発信に関する取組の強化を行う。"
KEPT_PASSAGE = "専門高校を拠点とした地方創生の取組を進める"
GONE_PASSAGE = "離島航路の就航率向上"
COMMENT = "港湾局に予算を聞く"


def keys(qtbot, win, key, modifiers=CTRL) -> None:
    """A window shortcut, the window active again as a window manager makes it when the
    last dialog closes."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    qtbot.keyClick(win, key, modifiers)


def open_by_search(qtbot, win, words: str, mid: str) -> None:
    """Type words that find the measure, ↓ to its row, Enter."""
    search(qtbot, win, words)
    row = win.results.model.hit_rows().index(win.results.model.row_of(mid))
    for _ in range(row + 1):
        qtbot.keyClick(win.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(win.search_box, Qt.Key.Key_Return)
    assert win.location == mid


def test_highlight_comment_tag_find_brief_rebuild(
    window, qtbot, dialogs, tmp_path, open_window, monkeypatch, capsys
):
    store = window.ctx.store
    view = window.view
    # 1-1-28: two passages, one with the mouse (Ctrl+Shift+H), one with the keys (2 = 緑)
    open_by_search(qtbot, window, "専門高校を拠点とした地方創生支援", "1-1-28")
    body = view.measure.body
    a = body.index(REWORDED_PASSAGE)
    drag_select(qtbot, view, a, a + len(REWORDED_PASSAGE))
    qtbot.keyClick(view, Qt.Key.Key_H, CTRL | SHIFT)
    b = body.index(KEPT_PASSAGE)
    key_select(qtbot, view, b, b + len(KEPT_PASSAGE))
    qtbot.keyClick(view, Qt.Key.Key_2)
    dialogs.expect(type_tags("要確認"))
    keys(qtbot, window, Qt.Key.Key_T)
    dialogs.settle(qtbot)
    keys(qtbot, window, Qt.Key.Key_D)  # Ctrl+D: into 「ブックマーク」
    # 1-5-10: one passage with a comment (Ctrl+Shift+M on the selection), tagged, bookmarked
    open_by_search(qtbot, window, "離島交通の安定的確保", "1-5-10")
    c = view.measure.body.index(GONE_PASSAGE)
    drag_select(qtbot, view, c, c + len(GONE_PASSAGE))
    dialogs.expect(comment_answer(COMMENT))
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL | SHIFT)
    dialogs.settle(qtbot)
    dialogs.expect(type_tags("要確認"))
    keys(qtbot, window, Qt.Key.Key_T)
    dialogs.settle(qtbot)
    keys(qtbot, window, Qt.Key.Key_D)
    made = {h.exact: h for h in store.highlights()}
    assert set(made) == {REWORDED_PASSAGE, KEPT_PASSAGE, GONE_PASSAGE}
    assert made[GONE_PASSAGE].comment == COMMENT
    assert store.measures_with_tag("要確認") == ["1-1-28", "1-5-10"]
    assert [b.measure_id for b in store.bookmarks("ブックマーク")] == ["1-1-28", "1-5-10"]

    # find them: タグ:要確認 typed in the box
    search(qtbot, window, "タグ:要確認")
    assert window.results.model.ids() == ["1-1-28", "1-5-10"]
    assert window.results.list.itemDelegate().tags["1-5-10"] == ["要確認"]
    # and the comment's words find its measure, marked as the user's
    search(qtbot, window, "港湾局に予算")
    hit = window.results.model.hit("1-5-10")
    assert hit is not None and hit.comment_hit

    # the brief: Ctrl+E on the ブックマーク collection, Markdown, with notes (and highlights)
    window.clear_search()
    window.show_tab(1)
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("ブックマーク", ""))
    out = tmp_path / "brief.md"
    dialogs.expect(brief_options("md", notes=True), save_as(out), press("OK"))
    keys(qtbot, window, Qt.Key.Key_E)
    dialogs.settle(qtbot, timeout=30000)
    text = out.read_text(encoding="utf-8")
    for passage in (REWORDED_PASSAGE, KEPT_PASSAGE, GONE_PASSAGE):
        assert f"「{passage}」" in text
    assert f"— {COMMENT}" in text and "要確認" in text

    # a new edition: built from a modified source, the window restarted on it
    src = tmp_path / "modified.txt"
    src.write_text(modified_source(), encoding="utf-8")
    edition = tmp_path / "edition"
    monkeypatch.setenv("SHISAKU_BUILD_DIR", str(edition))
    assert main(["build", "--source", str(src)]) == 0, capsys.readouterr().err
    win2 = reopen(window, open_window)
    assert "1-5-10" not in win2.ctx.catalogue
    win2.show_tab(2)
    tree = win2.notes.highlights
    rows = {h.exact: h for h in tree.rows()}
    assert len(rows) == 3  # every highlight is listed
    assert not rows[KEPT_PASSAGE].orphan
    assert rows[REWORDED_PASSAGE.replace(*REWORDED)].measure_id == "1-1-28"  # placed again
    gone = rows[GONE_PASSAGE]
    assert gone.orphan and gone.comment == COMMENT  # kept, shown apart
    tops = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert tops[-1] == "本文に見つからないハイライト（1）"
    # the tag search still finds the measure of this edition
    search(qtbot, win2, "タグ:要確認")
    assert win2.results.model.ids() == ["1-1-28"]
    assert not dialogs.errors()
