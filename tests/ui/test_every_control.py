"""Every QAction and every button of the main window, triggered the user's way, in the
states where they show; every dialog they open answered from the test. Fails on any
exception (pytest-qt reports those raised in slots), any error dialog, and any message in
English developer words — the class of bug behind issue 11's 「…must be text, not bool」.

And the keyboard-only walk through a meeting's preparation: search → filter → open →
bookmark into a new collection → note → brief, without touching the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QTabBar,
    QToolButton,
)

from desktop.userdata import DEFAULT_COLLECTION
from tests.ui.conftest import click_link, ime_commit, search
from tests.ui.dialogs import (
    Dialogs,
    choose,
    developer_english,
    enter,
    press,
    reject,
    save_as,
    type_and_accept,
)

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
EXT = {
    "Markdown (*.md)": "md",
    "CSV (*.csv)": "csv",
    "PDF (*.pdf)": "pdf",
    "施策ナビ共有ファイル (*.shisaku)": "shisaku",
    "施策ナビのバックアップ (*.json)": "json",
}


class Answerer:
    """The walk's answer to any dialog: names for name prompts, a file for save dialogs,
    Yes to questions, OK to messages; open dialogs (取り込む…, 復元…: the tests of those
    read real files), print dialogs and everything else are cancelled."""

    def __init__(self, folder):
        self.folder = folder
        self.n = 0

    def __call__(self, w) -> None:
        self.n += 1
        if isinstance(w, QMenu):
            reject(w)  # its entries are QActions: the walk triggers each of them itself
        elif isinstance(w, QInputDialog):
            type_and_accept(f"会議{self.n}")(w)
        elif isinstance(w, QFileDialog) and w.acceptMode() == QFileDialog.AcceptMode.AcceptSave:
            ext = EXT.get(w.selectedNameFilter(), "txt")
            save_as(self.folder / f"brief{self.n}.{ext}")(w)
        elif isinstance(w, QMessageBox):
            yes = w.button(QMessageBox.StandardButton.Yes)
            press(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.Ok)(w)
        elif type(w).__name__ in ("BriefDialog", "ShareExportDialog"):
            enter(w)  # the default button: 保存… / 書き出す…, then a save dialog
        else:
            reject(w)


def window_buttons(win) -> list[QAbstractButton]:
    """The buttons a user can click in the main window itself (not in its dialogs)."""
    return [
        b
        for b in win.findChildren(QAbstractButton)
        if b.window() is win and b.isVisible() and b.isEnabled()
    ]


def window_actions(win) -> list[QAction]:
    """Every command: menu entries, button menus, the ★ picker's entries."""
    return [
        a
        for a in win.findChildren(QAction)
        if not a.isSeparator() and a.menu() is None and a.text()
    ]


def click(qtbot, b) -> None:
    if (
        isinstance(b, QToolButton)
        and b.popupMode() == QToolButton.ToolButtonPopupMode.MenuButtonPopup
    ):
        qtbot.mouseClick(b, LEFT, pos=QPoint(6, b.height() // 2))  # the button, not its ▾
    else:
        qtbot.mouseClick(b, LEFT)


def setup_states(win, qtbot):
    """The window's states in which different controls show, one after another."""
    store = win.ctx.store
    store.create_collection("12/3 局長レク")
    for mid in ("1-1-4", "1-1-28", "2-2"):
        store.add_bookmark(mid, win.ctx.catalogue.require(mid).title, "12/3 局長レク")
    store.set_note("1-1-4", "x", "県と要調整")
    m = win.ctx.catalogue.require("1-1-4")
    store.add_highlight(m, 10, 20, comment="局長に説明")  # F8 and the メモ tab's list have one
    win.store_changed()

    def browsing():
        win.clear_search()
        win.open_location("1-1-4")
        win.show_tab(1)
        win.bookmarks.select("12/3 局長レク", "1-1-28")

    def searching():
        search(qtbot, win, "空き家")
        qtbot.keyClick(win.search_box, Qt.Key.Key_Return)

    def finding():
        qtbot.keyClick(win, Qt.Key.Key_F, CTRL)
        ime_commit(win.reader.find_bar.field, "地域")

    def breadcrumb():
        search(qtbot, win, "移住")
        qtbot.keyClick(win.search_box, Qt.Key.Key_Return)
        click_link(qtbot, win.view, "nav:")

    def nothing_found():
        win.clear_search()
        win.filters.pillar.setCurrentIndex(win.filters.place_index("pillar", 1))
        search(qtbot, win, "ＲＡＩＤＡ")

    def collection_selected():
        win.clear_search()
        win.show_tab(1)
        win.bookmarks.reload()
        names = [c.name for c in store.collections() if c.name != DEFAULT_COLLECTION]
        if names:
            win.bookmarks.select(names[-1])

    def middle_bookmark():  # ↑ and ↓ both enabled
        win.clear_search()
        name = "並べ替え"
        if name not in {c.name for c in store.collections()}:
            store.create_collection(name)
        for mid in ("2-1", "2-2", "2-3"):
            store.add_bookmark(mid, win.ctx.catalogue.require(mid).title, name)
        win.store_changed()
        win.show_tab(1)
        win.bookmarks.select(name, store.bookmarks(name)[1].measure_id)

    def tagged():  # a tag chip in the reader's header
        win.clear_search()
        store.add_tag(m.id, m.title, "要確認")
        win.store_changed()
        win.open_location("1-1-4")

    return [
        browsing,
        searching,
        finding,
        breadcrumb,
        nothing_found,
        collection_selected,
        middle_bookmark,
        tagged,
    ]


def test_every_action_and_button_works(window, qtbot, dialogs, tmp_path):
    dialogs.default = Answerer(tmp_path)
    messages: list[str] = []
    window.notice.shown.connect(messages.append)
    window.resize(1200, 760)
    clicked: set[int] = set()
    triggered: set[int] = set()
    seen_buttons: dict[int, str] = {}
    seen_actions: dict[int, str] = {}
    quit_action = window.commands.quit
    for state in setup_states(window, qtbot):
        state()
        dialogs.settle(qtbot)
        for b in window_buttons(window):
            seen_buttons.setdefault(id(b), f"{type(b).__name__} {b.text() or b.accessibleName()}")
            if id(b) in clicked or not (b.isVisible() and b.isEnabled()):
                continue
            clicked.add(id(b))
            click(qtbot, b)
            dialogs.settle(qtbot)
        for a in window_actions(window):
            seen_actions.setdefault(id(a), a.text())
            if id(a) in triggered or a is quit_action or not a.isEnabled():
                continue
            triggered.add(id(a))
            a.trigger()
            dialogs.settle(qtbot)
    errors = dialogs.errors()
    assert not errors, errors
    english = [m for m in messages if developer_english(m)]
    assert not english, english
    never_clicked = {v for k, v in seen_buttons.items() if k not in clicked}
    assert not never_clicked, never_clicked
    never = {v for k, v in seen_actions.items() if k not in triggered}
    assert never <= {quit_action.text()} | {t for t in never if t.startswith("元に戻す")}, never
    # the dialogs each kind of control opens were really answered (not skipped)
    kinds = set(dialogs.kinds())
    want = {"menu", "input", "file", "information", "HelpDialog"}
    want |= {"BriefDialog", "PrintPreview", "ShareExportDialog"}
    assert want <= kinds, kinds
    written = {p.suffix for p in tmp_path.iterdir()}
    assert {".pdf", ".shisaku", ".json"} <= written, written  # brief, share file, backup
    quit_action.trigger()  # ファイル → 終了, last
    assert not window.isVisible()


def test_tab_bar_and_tabs_switch_with_keys(window, qtbot):
    for i, key in enumerate((Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)):
        qtbot.keyClick(window, key, CTRL)
        assert window.tabs.currentIndex() == i
    bar = window.tabs.findChild(QTabBar)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(0).center())
    assert window.tabs.currentIndex() == 0


class NoMouse(QObject):
    """Counts mouse presses anywhere in the application."""

    def __init__(self):
        super().__init__()
        self.presses: list[str] = []

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self.presses.append(f"{type(obj).__name__} {obj.objectName()}")
        return False


def format_by_keys(fmt: str):
    """The brief dialog from the keyboard: ↓ moves through the formats, Enter saves."""

    def answer(dlg) -> None:
        assert dlg.focusWidget() in dlg.radios.values()  # it opens on the format list
        for _ in range(len(dlg.radios)):
            if dlg.radios[fmt].isChecked():
                break
            QTest.keyClick(dlg.focusWidget(), Qt.Key.Key_Down)
        assert dlg.radios[fmt].isChecked()
        QTest.keyClick(dlg.focusWidget(), Qt.Key.Key_Return)

    return answer


def test_keyboard_only_meeting_preparation(window, qtbot, tmp_path):
    """search → filter → open → bookmark into a new collection → note → brief."""
    mouse = NoMouse()
    QApplication.instance().installEventFilter(mouse)
    dialogs = Dialogs()
    try:
        # search: Ctrl+K, type (Japanese arrives through the input method)
        qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
        assert window.search_box.hasFocus()
        ime_commit(window.search_box, "空き家")
        qtbot.waitUntil(lambda: window.query == "空き家" and window.results.model.rowCount() > 0)
        # filter: Tab over the 完全一致のみ toggle to the 柱 list, ↓ until 柱3
        qtbot.keyClick(window.search_box, Qt.Key.Key_Tab)
        assert window.exact_button.hasFocus()
        qtbot.keyClick(window.exact_button, Qt.Key.Key_Tab)
        combo = window.filters.pillar
        assert combo.hasFocus()
        want = combo.itemData(window.filters.place_index("pillar", 3))
        for _ in range(combo.count()):
            if combo.currentData() == want:
                break
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert window.filters.place() == ("pillar", 3)
        ids = window.results.model.ids()
        assert ids
        # open: back to the box, ↓ Enter
        qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
        qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
        assert window.location == ids[0]
        measure = window.ctx.catalogue.require(ids[0])
        # bookmark into a new collection: Ctrl+Shift+D, the last entry, a name, Enter
        dialogs.expect(choose("新しいコレクションに追加…"), type_and_accept("12/3 局長レク"))
        qtbot.keyClick(window, Qt.Key.Key_D, CTRL | SHIFT)
        dialogs.settle(qtbot)
        assert window.ctx.store.collections_of(measure.id) == ["12/3 局長レク"]
        assert "12/3 局長レク" in window.bookmark_button.text()
        # note: Ctrl+M, type; it saves by itself
        qtbot.keyClick(window, Qt.Key.Key_M, CTRL)
        assert window.editor.edit.hasFocus()
        qtbot.keyClicks(window.editor.edit, "check with the prefecture")
        qtbot.waitUntil(lambda: not window.editor.autosave.dirty, timeout=5000)
        # brief: Alt+F opens ファイル, ↓ to ブリーフを作成…, Enter; ↓ to Markdown, Enter; name
        # the file; Enter
        out = tmp_path / "brief.md"
        dialogs.expect(choose("ブリーフを作成…"), format_by_keys("md"), save_as(out), enter)
        qtbot.keyClick(window, Qt.Key.Key_F, ALT)
        dialogs.settle(qtbot)
        kinds = ["menu", "input", "menu", "BriefDialog", "file", "information"]
        assert dialogs.kinds() == kinds, dialogs.shown
        text = out.read_text(encoding="utf-8")
        assert "12/3 局長レク" in text and measure.title in text
        assert "check with the prefecture" in text
        assert not dialogs.errors()
    finally:
        dialogs.stop()
        QApplication.instance().removeEventFilter(mouse)
    assert mouse.presses == []


def context_entries(win, index) -> list[str]:
    menu = win.bookmarks.context_menu(index)
    entries = [a.text() for a in menu.actions() if a.text()]
    menu.deleteLater()
    return entries


def test_every_context_menu_entry(window, qtbot, dialogs, tmp_path):
    """Right-click a collection and a bookmark; pick each entry with the keyboard."""
    from tests.ui.conftest import right_click

    dialogs.default = Answerer(tmp_path)
    store = window.ctx.store
    store.create_collection("レク")
    store.add_bookmark("1-1-1", window.ctx.catalogue.require("1-1-1").title, "レク")
    window.store_changed()
    window.show_tab(1)
    view, model = window.bookmarks.view, window.bookmarks.model
    view.expandAll()
    picked = []
    for entry in context_entries(window, model.find("レク", "")):
        if "レク" not in {c.name for c in store.collections()}:  # 削除… took it
            window.undo_last()
            view.expandAll()
        dialogs.expect(choose(entry))
        right_click(qtbot, view, model.find("レク", ""))
        dialogs.settle(qtbot)
        picked.append(entry)
        if "名前" in entry:  # 名前の変更… renamed it: put the name back
            window.undo_last()
            view.expandAll()
    want = {"新しいコレクション…", "名前の変更…", "削除…", "ブリーフを作成…", "印刷プレビュー…"}
    assert want | {"コレクションを共有ファイルに書き出す…"} <= set(picked), picked
    # a bookmark row: 開く, then ブックマークを外す
    window.open_location("2-1")
    dialogs.expect(choose("開く"))
    right_click(qtbot, view, model.find("レク", "1-1-1"))
    dialogs.settle(qtbot)
    assert window.location == "1-1-1"
    dialogs.expect(choose("ブックマークを外す"))
    right_click(qtbot, view, model.find("レク", "1-1-1"))
    dialogs.settle(qtbot)
    assert store.bookmarks("レク") == []
    assert not dialogs.errors(), dialogs.errors()
    assert {"BriefDialog", "file", "PrintPreview", "ShareExportDialog"} <= set(dialogs.kinds())


def test_tree_keys_and_results_tab(window, qtbot):
    window.show_tab(0)
    tree = window.tree
    chapter = window.toc_model.index_of("chapter:2")
    tree.setCurrentIndex(chapter)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # Enter on a chapter opens or closes it
    assert tree.isExpanded(chapter)
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # ↓ onto its first measure opens it
    assert window.location == "2-1"
    search(qtbot, window, "空港")
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # 目次 while the search stays
    assert window.left.currentWidget() is window.browse
    assert window.resume_button.isVisible() and "空港" in window.resume_button.text()
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)  # 表示 → 検索結果
    assert window.left.currentWidget() is window.results
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.mouseClick(window.resume_button, LEFT)
    assert window.left.currentWidget() is window.results
