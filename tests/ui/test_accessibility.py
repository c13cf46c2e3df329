"""Accessible names and descriptions, checked the way a screen reader sees the window:
through QAccessible, walking the accessible tree from the window down."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from tests.ui.conftest import search

Role = QAccessible.Role
INTERACTIVE = {
    Role.PushButton,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.List,
    Role.Tree,
    Role.Table,
    Role.PageTabList,
    Role.PageTab,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.ButtonDropGrid,
    Role.SpinBox,
    Role.Slider,
    Role.Link,
    Role.MenuItem,
    Role.Document,
    Role.Grip,
    Role.Splitter,
}
# Scroll bars are part of their list or text; Qt names them "Vertical"/"Horizontal" itself.
# Qt's tab bar reports the current tab's name and never a description (QAccessibleTabBar);
# each tab carries its own tooltip instead.
NAME_ONLY = {Role.PageTabList}


def walk(iface, out, depth=0):
    if iface is None or not iface.isValid() or depth > 40:
        return
    if iface.state().invisible:
        return
    out.append(iface)
    for i in range(iface.childCount()):
        walk(iface.child(i), out, depth + 1)


def interactive(iface) -> bool:
    """A control by its role, or anything that takes keyboard focus (the reading view's
    role is plain text, yet one tabs into it and follows its links)."""
    obj = iface.object()
    focusable = isinstance(obj, QWidget) and obj.focusPolicy() != Qt.FocusPolicy.NoFocus
    return iface.role() in INTERACTIVE or focusable


def unnamed(win) -> list[str]:
    nodes: list = []
    walk(QAccessible.queryAccessibleInterface(win), nodes)
    missing = []
    for iface in nodes:
        if not interactive(iface):
            continue
        obj = iface.object()
        name = iface.text(QAccessible.Text.Name)
        what = f"{iface.role().name} {type(obj).__name__ if obj else ''} {obj.objectName() if obj else ''}"
        if not name.strip():
            missing.append(f"no name: {what}")
        elif (
            isinstance(obj, QWidget)
            and iface.role() not in NAME_ONLY
            and not iface.text(QAccessible.Text.Description).strip()
        ):
            missing.append(f"no description: {what} ({name})")
    return missing


def reached(win) -> set:
    nodes: list = []
    walk(QAccessible.queryAccessibleInterface(win), nodes)
    return {iface.object() for iface in nodes if interactive(iface)}


def test_every_interactive_widget_has_a_name_and_description(window, qtbot):
    window.open_location("1-1-28")
    seen = reached(window)  # the walk really reaches the panes
    for w in (window.search_box, window.tree, window.view, window.editor.edit):
        assert w in seen, type(w).__name__
    assert unnamed(window) == [], "\n".join(unnamed(window))
    search(qtbot, window, "空き家")  # the result list instead of the tabs
    assert unnamed(window) == [], "\n".join(unnamed(window))
    window.show_tab(1)  # the bookmarks tab and its buttons
    assert unnamed(window) == [], "\n".join(unnamed(window))
    window.commands.find.trigger()  # the find bar
    assert unnamed(window) == [], "\n".join(unnamed(window))


def test_star_is_a_checkable_button_for_screen_readers(window, qtbot):
    window.open_location("1-1-5")
    iface = QAccessible.queryAccessibleInterface(window.bookmark_button)
    assert iface.state().checkable and not iface.state().checked
    assert "ブックマーク" in iface.text(QAccessible.Text.Name)
    window.commands.bookmark.trigger()
    assert iface.state().checked


def test_the_brief_share_and_import_dialogs_are_named(window, qtbot, dialogs, tmp_path):
    """Every control of the dialogs the ファイル menu opens (Qt's own print preview toolbar
    aside: Qt names it) has a name and a description."""
    from desktop.share import write_share
    from tests.ui.conftest import click_item
    from tests.ui.dialogs import open_file, reject

    store, cat = window.ctx.store, window.ctx.catalogue
    store.create_collection("レク")
    for mid in ("2-3", "1-1-28"):
        store.add_bookmark(mid, cat.require(mid).title, "レク")
    window.store_changed()
    window.show_tab(1)
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("レク", ""))
    path, _ = write_share(store, "レク", tmp_path / "x.shisaku", False, cat)
    store.delete_collection("レク")
    store.create_collection("レク")
    window.store_changed()
    store.add_bookmark("2-3", cat.require("2-3").title, "レク")
    window.store_changed()
    window.bookmarks.select("レク")
    found: dict[str, list[str]] = {}

    def check(dlg):
        found[type(dlg).__name__] = unnamed(dlg)
        reject(dlg)

    def check_preview(dlg):
        qtbot.waitUntil(lambda: dlg.page_count() > 0)
        mine = [dlg.preview, dlg.print_button]
        found["PrintPreview"] = [
            w.objectName() or type(w).__name__
            for w in mine
            if not (w.accessibleName() and w.accessibleDescription())
        ]
        reject(dlg)

    dialogs.expect(check)
    window.commands.brief.trigger()
    dialogs.settle(qtbot)
    dialogs.expect(check_preview)
    window.commands.print.trigger()
    dialogs.settle(qtbot, timeout=20000)
    dialogs.expect(check)
    window.commands.share_export.trigger()
    dialogs.settle(qtbot)
    dialogs.expect(open_file(path), check)
    window.commands.share_import.trigger()
    dialogs.settle(qtbot)
    assert set(found) == {"BriefDialog", "PrintPreview", "ShareExportDialog", "ChangesDialog"}
    assert all(v == [] for v in found.values()), found
