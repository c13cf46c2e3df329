"""ブックマーク tab: collections and their measures; create/rename/delete, reorder by drag
or with the ↑↓ buttons, the brief (save or print) of the selected collection.

One click on a bookmark opens it, as in the 目次. Every change that loses something
(delete, move, rename) can be undone: it pushes a step on the window's undo stack and
announces itself with `notice` (the status bar then offers 「元に戻す」). Deleting a
collection that holds bookmarks asks first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.ui.a11y import describe
from desktop.ui.models.bookmarks_model import BOOKMARK_ROLE, BookmarksModel
from desktop.ui.restore import readd_bookmark, restore_collection
from desktop.ui.undo import UndoStack
from desktop.ui.widgets.brief_export import BriefExporter
from desktop.ui.widgets.wrap_row import WrapRow
from desktop.userdata import DEFAULT_COLLECTION


class BookmarksPanel(QWidget):
    open_measure = Signal(str)
    changed = Signal()  # bookmarks or collections changed (the ★ button updates)
    collection_created = Signal(str)  # a new collection: the ★ button adds there next
    notice = Signal(str, bool)  # message for the status bar, undoable
    edit_tags = Signal(str)  # a bookmark's 「タグ…」: the window's tag editor for that measure

    def __init__(self, ctx, undo: UndoStack | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.undo = undo or UndoStack()
        self.briefs = BriefExporter(ctx, self)
        self.target = lambda: DEFAULT_COLLECTION  # the ★ button's collection (the window's)
        self._selecting = False
        self.model = BookmarksModel(ctx.store, self, self.tr("（施策集にありません）"))
        self.view = QTreeView()
        self.view.setHeaderHidden(True)
        self.view.setModel(self.model)
        # after setModel: the view resets its expanded rows on modelReset before we expand
        self.model.modelReset.connect(self._after_reset)
        self.model.moved.connect(self._moved)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setExpandsOnDoubleClick(True)
        describe(
            self.view,
            self.tr("コレクションとブックマーク"),
            self.tr(
                "クリックで施策を開く。ドラッグまたは ↑↓ ボタンで並べ替え、右クリックでメニュー"
            ),
        )
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._expanded: set[str] = {DEFAULT_COLLECTION}

        buttons: list = []

        def button(text: str, name: str, tip: str, slot) -> QToolButton:
            b = QToolButton()
            b.setText(text)
            describe(b, name, tip, tooltip=True)
            b.clicked.connect(lambda _checked=False: slot())  # never pass `checked` on
            buttons.append(b)
            return b

        self.new_button = button(
            self.tr("新規"),
            self.tr("新しいコレクション"),
            self.tr("新しいコレクションを作る"),
            self.create_collection,
        )
        self.rename_button = button(
            self.tr("名前変更"),
            self.tr("コレクションの名前を変える"),
            self.tr("選んだコレクションの名前を変える"),
            self.rename_collection,
        )
        self.delete_button = button(
            self.tr("削除"),
            self.tr("削除"),
            self.tr("選んだコレクションまたはブックマークを削除（元に戻せます）"),
            self.delete_selected,
        )
        self.up_button = button(
            "↑",
            self.tr("上へ移動"),
            self.tr("選んだブックマークを上へ"),
            lambda: self.move_selected(-1),
        )
        self.down_button = button(
            "↓",
            self.tr("下へ移動"),
            self.tr("選んだブックマークを下へ"),
            lambda: self.move_selected(1),
        )
        self.export_button = QPushButton(self.tr("ブリーフ…"))
        describe(
            self.export_button,
            self.tr("ブリーフ"),
            self.tr("選んだコレクションをブリーフとして保存・印刷する（PDF・Word・Excel など）"),
            tooltip=True,
        )
        self.export_button.clicked.connect(lambda _c=False: self.brief_dialog())
        self.collection_actions: list = []  # more entries for a collection's menu (共有…)
        # ブリーフ… goes under the other buttons when the pane is too narrow for all (a large
        # zoom): the row must not make the window wider than a small screen
        export = self.export_button
        bar = WrapRow(
            buttons, QWidget(), [], export, lambda: export.sizeHint().width(), 0, (0, 0, 0, 0)
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(bar)
        lay.addWidget(self.view)
        self._after_reset()

    # -- state -------------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.view.currentIndex()
        keep = (self.model.collection_name(current), current.data(BOOKMARK_ROLE))
        self._remember_expanded()
        self.model.reload()
        if keep[0]:
            self.select(keep[0], keep[1].measure_id if keep[1] else "")

    def _remember_expanded(self) -> None:
        for r in range(self.model.rowCount()):
            name = self.model.collections[r].name
            idx = self.model.index(r, 0)
            if not self.model.rowCount(idx):
                continue  # an empty collection cannot be expanded: keep what we meant
            if self.view.isExpanded(idx):
                self._expanded.add(name)
            else:
                self._expanded.discard(name)

    def _after_reset(self) -> None:
        for r, c in enumerate(self.model.collections):
            if c.name in self._expanded:
                self.view.expand(self.model.index(r, 0))
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        index = self.view.currentIndex()
        b = index.data(BOOKMARK_ROLE)
        name = self.model.collection_name(index)
        own = name is not None and name != DEFAULT_COLLECTION and b is None
        self.rename_button.setEnabled(own)
        self.delete_button.setEnabled(b is not None or own)
        movable = b is not None and not b.orphan
        self.up_button.setEnabled(movable and b.position > 0)
        self.down_button.setEnabled(
            movable and b.position < len(self.model.items[index.parent().row()]) - 1
        )

    def selected_collection(self) -> str:
        """The collection of the selected row; with none selected, the ★ button's one."""
        return self.model.collection_name(self.view.currentIndex()) or self.target()

    def select(self, collection: str, measure_id: str = "") -> None:
        idx = self.model.find(collection, measure_id)
        if idx.isValid():
            if idx.parent().isValid():
                self.view.expand(idx.parent())
            self._selecting = True
            try:
                self.view.setCurrentIndex(idx)
            finally:
                self._selecting = False
        self._update_buttons()

    # -- opening -----------------------------------------------------------------------------

    def _current_changed(self, current, _previous) -> None:
        self._update_buttons()
        if self._selecting:
            return
        b = current.data(BOOKMARK_ROLE)
        if b is not None and not b.orphan:  # one click opens, as in the 目次
            self.open_measure.emit(b.measure_id)

    def _activated(self, index) -> None:
        b = index.data(BOOKMARK_ROLE)
        if b is None:
            return
        if b.orphan:
            QMessageBox.information(
                self,
                self.tr("ブックマーク"),
                self.tr(
                    "「{0}」は現在の施策集にありません。保存時の施策名を表示しています。"
                ).format(b.title),
            )
            return
        self.open_measure.emit(b.measure_id)

    # -- collections -------------------------------------------------------------------------

    def create_collection(self, name: str | None = None) -> str | None:
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("新しいコレクション"), self.tr("コレクション名（例: 12/3 局長レク）:")
            )
            if not ok or not name.strip():
                return None
        try:
            c = self.ctx.store.create_collection(name)
        except UserError as e:
            self._error(e)
            return None
        self._remember_expanded()
        self._expanded.add(c.name)
        self.model.reload()
        self.select(c.name)
        self.collection_created.emit(c.name)
        return c.name

    def rename_collection(self) -> None:
        old = self.selected_collection()
        if old == DEFAULT_COLLECTION:
            self._error(self.tr("「{0}」は名前を変更できません。").format(DEFAULT_COLLECTION))
            return
        new, ok = QInputDialog.getText(
            self, self.tr("名前の変更"), self.tr("新しい名前:"), text=old
        )
        if not (ok and new.strip() and new != old):
            return
        try:
            c = self.ctx.store.rename_collection(old, new)
        except UserError as e:
            self._error(e)
            return
        self._expanded.add(c.name)
        self.model.reload()
        self.select(c.name)
        store = self.ctx.store
        self._done(
            self.tr("コレクションの名前を「{0}」から「{1}」に変えました").format(old, c.name),
            lambda: store.rename_collection(c.name, old),
            lambda: store.rename_collection(old, c.name),
        )

    def delete_selected(self) -> bool:
        index = self.view.currentIndex()
        b = index.data(BOOKMARK_ROLE)
        if b is not None:
            return self.remove_bookmark(b)
        if not index.isValid():
            return False
        name = self.selected_collection()
        if name == DEFAULT_COLLECTION:
            self._error(self.tr("「{0}」は削除できません。").format(DEFAULT_COLLECTION))
            return False
        marks = self.ctx.store.bookmarks(name)
        if marks and not self._confirm_delete(name, len(marks)):
            return False
        self.ctx.store.delete_collection(name)
        self.reload()
        self._done(
            self.tr("コレクション「{0}」（{1} 件）を削除しました").format(name, len(marks)),
            lambda: restore_collection(self.ctx, name, marks),
            lambda: self.ctx.store.delete_collection(name),
        )
        return True

    def _confirm_delete(self, name: str, count: int) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("コレクションの削除"),
            self.tr(
                "コレクション「{0}」と、その中の {1} 件のブックマークを削除しますか？"
                "（施策やメモは削除されません。削除した後も「元に戻す」(Ctrl+Z) で戻せます）"
            ).format(name, count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- bookmarks ---------------------------------------------------------------------------

    def remove_bookmark(self, b) -> bool:
        """Remove one bookmark (the row's, or the ★ button's); undoable."""
        store = self.ctx.store
        if b.orphan:
            store.remove_bookmark_key(b.key)
        else:
            store.remove_bookmark(b.measure_id, b.collection)
        self.reload()
        self._done(
            self.tr("「{0}」を「{1}」から外しました").format(b.title, b.collection),
            lambda: readd_bookmark(self.ctx, b),
            # an orphan is known by its key, which putting it back changes: not redone
            None if b.orphan else lambda: store.remove_bookmark(b.measure_id, b.collection),
        )
        return True

    def move_selected(self, step: int) -> None:
        index = self.view.currentIndex()
        b = index.data(BOOKMARK_ROLE)
        if b is None or b.orphan:
            return
        n = len(self.model.items[index.parent().row()])
        target = max(0, min(n - 1, b.position + step))
        if target == b.position:
            return
        self.ctx.store.move_bookmark(b.measure_id, b.collection, target)
        self.reload()
        self.select(b.collection, b.measure_id)
        self._moved(b, b.collection, False)

    def _moved(self, before, target: str, merged: bool) -> None:
        """A bookmark moved (buttons or drag and drop): offer to put it back."""
        store = self.ctx.store

        def undo() -> None:
            if target == before.collection:
                store.move_bookmark(before.measure_id, target, before.position)
            elif merged:  # the target had it already: only the source lost it
                store.add_bookmark(
                    before.measure_id, before.title, before.collection, before.position
                )
            else:
                store.transfer_bookmark(
                    before.measure_id, target, before.collection, before.position
                )

        where = "" if target == before.collection else self.tr("「{0}」へ").format(target)
        self._done(self.tr("「{0}」を{1}移動しました").format(before.title, where), undo)

    def _done(self, message: str, undo, redo=None) -> None:
        self.undo.push(message, undo, redo)
        self.notice.emit(message, True)
        self.changed.emit()

    # -- briefs (brief_export.py does the work) ---------------------------------------------

    def export_brief(
        self, path: str | Path, fmt: str, collection: str | None = None, options=None
    ) -> Path:
        """Write a brief without asking (the dialog's choices, or the defaults)."""
        return self.briefs.write(path, fmt, collection or self.selected_collection(), options)

    def brief_dialog(self) -> None:
        self.briefs.collection_dialog(self.selected_collection())

    def brief_document(self, collection: str):
        return self.briefs.document(collection)

    def print_dialog(self) -> None:
        """The print preview of the selected collection's brief."""
        self.briefs.print_collection(self.selected_collection())

    # -- context menu ------------------------------------------------------------------------

    def context_menu(self, index) -> QMenu:
        """The right-click menu of a row (built fresh: it depends on the row)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def add(text: str, fn) -> None:
            menu.addAction(text).triggered.connect(lambda _c=False: fn())

        b = index.data(BOOKMARK_ROLE)
        if b is not None:
            add(self.tr("開く"), lambda: self._activated(index))
            add(self.tr("ブックマークを外す"), lambda: self.remove_bookmark(b))
            if not b.orphan:
                add(self.tr("タグ…"), lambda: self.edit_tags.emit(b.measure_id))
            return menu
        add(self.tr("新しいコレクション…"), self.create_collection)
        name = self.model.collection_name(index)
        if name and name != DEFAULT_COLLECTION:
            add(self.tr("名前の変更…"), self.rename_collection)
            add(self.tr("削除…"), self.delete_selected)
        menu.addSeparator()
        add(self.tr("ブリーフを作成…"), self.brief_dialog)
        add(self.tr("印刷プレビュー…"), self.print_dialog)
        if name and self.collection_actions:
            menu.addSeparator()
            menu.addActions(self.collection_actions)
        return menu

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.select(
                self.model.collection_name(index),
                b.measure_id if (b := index.data(BOOKMARK_ROLE)) and not b.orphan else "",
            )
        self.context_menu(index).exec(self.view.viewport().mapToGlobal(pos))

    def _error(self, e) -> None:
        QMessageBox.warning(self, self.tr("ブックマーク"), str(e))
