"""Tier 2 in the window (issue 10): exact matches first, near matches under their own
separator row, the 「完全一致のみ」 toggle, note-only hits marked 「メモ」, and the
「もしかして」 link of a search that finds nothing — typed, clicked and keyed as a user does."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible

from desktop.ui.annotate.colours import search_mark
from desktop.ui.models.results_model import HIT_ROLE, ID_ROLE, SEPARATOR_ROLE
from desktop.ui.widgets.result_delegate import snippet_html
from tests.ui.conftest import choose_in_combo, click_item, reopen, search

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def rows(win) -> list[tuple[str, str]]:
    """("sep", heading) or (match, id) per row of the result list."""
    m = win.results.model
    out = []
    for r in range(m.rowCount()):
        idx = m.index(r)
        heading = idx.data(SEPARATOR_ROLE)
        out.append(("sep", heading) if heading else (idx.data(HIT_ROLE).match, idx.data(ID_ROLE)))
    return out


def click_link(qtbot, label) -> None:
    """Click the link of a QLabel whose text is a prefix and then one link."""
    prefix, _, rest = label.text().partition("<a ")
    link = rest.split(">", 1)[1].split("</a>")[0]
    fm = label.fontMetrics()
    m = label.contentsMargins()
    x = m.left() + fm.horizontalAdvance(prefix) + fm.horizontalAdvance(link) // 2
    if x >= label.width() - m.right():  # wrapped: the link starts the second line
        x, y = m.left() + 4, m.top() + fm.lineSpacing() + fm.height() // 2
    else:
        y = m.top() + fm.height() // 2
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(x, y))


def test_exact_first_then_near_under_a_separator_and_keys_skip_it(window, qtbot):
    search(qtbot, window, "受け入れ")
    got = rows(window)
    assert got[0] == ("sep", "完全一致 1 件")
    assert got[1] == ("exact", "1-1-54")
    assert got[2][0] == "sep" and got[2][1].startswith("近い結果 9 件")
    assert [kind for kind, _ in got[3:]] == ["variant"] * 9
    assert "完全一致 1 件・近い結果 9 件" in window.results.count.text()
    engine = window.ctx.searcher.search("受け入れ", limit=200)
    assert [x for k, x in got if k != "sep"] == [h.id for h in engine]

    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # the first hit, not the heading
    assert window.location == "1-1-54"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # over the 近い結果 separator
    assert window.location == got[3][1]
    lst = window.results.list
    lst.setFocus()
    qtbot.keyClick(lst, Qt.Key.Key_Up)
    assert window.location == "1-1-54" and lst.currentIndex().row() == 1
    qtbot.keyClick(lst, Qt.Key.Key_Home)
    assert lst.currentIndex().row() == 1  # never the heading
    qtbot.keyClick(lst, Qt.Key.Key_Down)
    assert window.location == got[3][1]
    # a separator row opens nothing and is never selected
    click_item(qtbot, lst, window.results.model.index(0))
    assert window.location == got[3][1] and lst.currentIndex().row() == 3


def test_a_near_hit_marks_what_matched_in_the_list_and_the_reader(window, qtbot):
    search(qtbot, window, "受け入れ")
    m = window.results.model
    row = next(r for r in range(m.rowCount()) if m.index(r).data(ID_ROLE) == "1-2-3")
    hit = m.index(row).data(HIT_ROLE)
    assert "<mark>受入</mark>" in hit.title_marked + hit.snippet
    click_item(qtbot, window.results.list, m.index(row))
    assert window.location == "1-2-3"
    html = window.view.toHtml()
    assert (
        f"background-color:{search_mark(False)[0]}" in html
    )  # the printed spelling 受入 is highlighted
    assert "受け入れ" not in window.view.toPlainText()


def test_exact_only_toggle_by_the_search_box_is_remembered(window, qtbot, open_window):
    button = window.exact_button
    assert button.isVisible() and button.isCheckable() and not button.isChecked()
    assert button.accessibleName() == "完全一致のみ" and button.accessibleDescription()
    search(qtbot, window, "子供")
    assert window.results.model.total == 11
    assert {k for k, _ in rows(window)} == {"sep", "variant"}
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.isChecked()
    assert window.results.model.rowCount() == 0 and window.results.empty.isVisible()
    assert "ありません" in window.results.empty.text()
    search(qtbot, window, "受け入れ")
    assert rows(window) == [("exact", "1-1-54")]  # no separators: nothing but exact
    window = reopen(window, open_window)
    assert window.exact_button.isChecked() and window.commands.exact_only.isChecked()
    search(qtbot, window, "受け入れ")
    assert rows(window) == [("exact", "1-1-54")]
    qtbot.keyClick(window.search_box, Qt.Key.Key_K, CTRL_SHIFT)  # the shortcut, off again
    assert not window.exact_button.isChecked()
    assert len(rows(window)) == 12 and window.results.model.total == 10


def test_a_hit_only_in_the_users_note_is_marked_memo(window, qtbot):
    window.open_location("1-2-5")
    window.editor.edit.setFocus()
    window.editor.edit.setPlainText("ゆずこしょうの件、子ども会で")
    assert window.editor.autosave.flush()
    search(qtbot, window, "ゆずこしょう")
    m = window.results.model
    hit = m.index(0).data(HIT_ROLE)
    assert hit.id == "1-2-5" and hit.note_only
    html = snippet_html(hit, "メモ")
    assert html.startswith("<i>［メモ］") and "<mark>ゆずこしょう</mark>" in html
    iface = QAccessible.queryAccessibleInterface(window.results.list)
    names = [iface.child(i).text(QAccessible.Text.Name) for i in range(iface.childCount())]
    assert any(n.startswith("メモ: ") for n in names), names
    search(qtbot, window, "子供")  # a variant spelling in the note only: also メモ
    memo = [h for h in window.results.model.hits if h.id == "1-2-5"]
    assert memo and memo[0].note_only and memo[0].match == "variant"
    assert all(not h.note_only for h in window.results.model.hits if h.id != "1-2-5")


def test_nothing_found_offers_a_did_you_mean_link(window, qtbot):
    search(qtbot, window, "学校給食で地元の食材を使う")
    res = window.results
    assert res.model.rowCount() == 0 and res.suggest.isVisible()
    assert (
        "もしかして" in res.suggest.text() and "「学校 給食」を検索（4 件）" in res.suggest.text()
    )
    assert res.suggest.accessibleName().startswith("もしかして")
    click_link(qtbot, res.suggest)
    qtbot.waitUntil(lambda: window.query == "学校 給食")
    assert window.search_box.text() == "学校 給食"
    assert res.model.total == 4 and not res.suggest.isVisible()


def test_nothing_found_under_a_filter_offers_to_drop_it(window, qtbot):
    choose_in_combo(qtbot, window.filters.pillar, window.filters.place_index("pillar", 3))
    search(qtbot, window, "港")
    res = window.results
    assert res.model.rowCount() == 0
    assert "フィルタを外して「港」を検索（11 件）" in res.suggest.text()
    assert res.unfilter.isVisible()
    click_link(qtbot, res.suggest)
    qtbot.waitUntil(lambda: window.filters.place() is None)
    assert res.model.total == 11 and window.search_box.text() == "港"


def test_a_separator_too_long_for_the_list_ends_in_an_ellipsis(window):
    """Walkthrough: at a large zoom 「近い結果 96 件（別の表記・語の一部が一致）」 was cut in the
    middle of a character."""
    from PySide6.QtGui import QFontMetrics

    from desktop.ui.widgets.result_delegate import separator_text

    font = window.results.list.font()
    font.setBold(True)
    heading = "近い結果 96 件（別の表記・語の一部が一致）"
    full = QFontMetrics(font).horizontalAdvance(heading)
    assert separator_text(font, heading, full + 2) == heading
    cut = separator_text(font, heading, full // 2)
    assert cut.endswith("…") and heading.startswith(cut[:-1])
    assert QFontMetrics(font).horizontalAdvance(cut) <= full // 2
