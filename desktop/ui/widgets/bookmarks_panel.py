"""ブックマーク tab: collections and their measures; create/rename/delete, reorder by drag
or with the ↑↓ buttons, brief export and print of the selected collection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.brief.formats import FORMATS
from desktop.errors import UserError
from desktop.ui.models.bookmarks_model import BOOKMARK_ROLE, BookmarksModel
from desktop.userdata import DEFAULT_COLLECTION


class BookmarksPanel(QWidget):
    open_measure = Signal(str)
    changed = Signal()  # bookmarks or collections changed (the toggle button updates)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.flush_notes = lambda: True  # the window saves the note being typed before a brief
        self.model = BookmarksModel(ctx.store, self, self.tr("（施策集にありません）"))
        self.model.modelReset.connect(self._after_reset)
        self.view = QTreeView()
        self.view.setHeaderHidden(True)
        self.view.setModel(self.model)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.activated.connect(self._activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._expanded: set[str] = {DEFAULT_COLLECTION}

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)

        def button(text: str, tip: str, slot) -> QToolButton:
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            bar.addWidget(b)
            return b

        button(self.tr("新規"), self.tr("新しいコレクションを作る"), self.create_collection)
        button(self.tr("名前変更"), self.tr("コレクションの名前を変える"), self.rename_collection)
        button(
            self.tr("削除"), self.tr("コレクションまたはブックマークを削除"), self.delete_selected
        )
        button("↑", self.tr("上へ移動"), lambda: self.move_selected(-1))
        button("↓", self.tr("下へ移動"), lambda: self.move_selected(1))
        bar.addStretch(1)
        export = QPushButton(self.tr("書き出し・印刷"))
        export.setToolTip(self.tr("選択中のコレクションを資料として書き出す・印刷する"))
        menu = QMenu(export)
        for fmt in FORMATS.values():
            menu.addAction(
                self.tr("{0} で書き出す…").format(fmt.name),
                lambda f=fmt.key: self.export_dialog(f),
            )
        menu.addSeparator()
        menu.addAction(self.tr("印刷…"), self.print_dialog)
        export.setMenu(menu)
        bar.addWidget(export)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self._after_reset()

    # -- state -------------------------------------------------------------------------------

    def reload(self) -> None:
        self._remember_expanded()
        self.model.reload()

    def _remember_expanded(self) -> None:
        for r in range(self.model.rowCount()):
            name = self.model.collections[r].name
            if self.view.isExpanded(self.model.index(r, 0)):
                self._expanded.add(name)
            else:
                self._expanded.discard(name)

    def _after_reset(self) -> None:
        for r, c in enumerate(self.model.collections):
            if c.name in self._expanded:
                self.view.expand(self.model.index(r, 0))
        self.changed.emit()

    def selected_collection(self) -> str:
        name = self.model.collection_name(self.view.currentIndex())
        return name or DEFAULT_COLLECTION

    def select(self, collection: str, measure_id: str = "") -> None:
        idx = self.model.find(collection, measure_id)
        if idx.isValid():
            if idx.parent().isValid():
                self.view.expand(idx.parent())
            self.view.setCurrentIndex(idx)

    # -- actions -----------------------------------------------------------------------------

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

    def create_collection(self, name: str | None = None) -> str | None:
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("新しいコレクション"), self.tr("コレクション名（例: 12/3 局長レク）:")
            )
            if not ok:
                return None
        try:
            c = self.ctx.store.create_collection(name)
        except Exception as e:
            self._error(e)
            return None
        self._remember_expanded()
        self._expanded.add(c.name)
        self.model.reload()
        self.select(c.name)
        return c.name

    def rename_collection(self) -> None:
        old = self.selected_collection()
        if old == DEFAULT_COLLECTION:
            self._error(self.tr("「{0}」は名前を変更できません。").format(DEFAULT_COLLECTION))
            return
        new, ok = QInputDialog.getText(
            self, self.tr("名前の変更"), self.tr("新しい名前:"), text=old
        )
        if ok and new.strip() and new != old:
            try:
                c = self.ctx.store.rename_collection(old, new)
            except Exception as e:
                self._error(e)
                return
            self._expanded.add(c.name)
            self.reload()
            self.select(c.name)

    def delete_selected(self, confirm: bool = True) -> bool:
        index = self.view.currentIndex()
        b = index.data(BOOKMARK_ROLE)
        name = self.selected_collection()
        if b is not None:
            if b.orphan:
                self.ctx.store.remove_bookmark_key(b.key)
            else:
                self.ctx.store.remove_bookmark(b.measure_id, b.collection)
            self.reload()
            return True
        if not index.isValid():
            return False
        if name == DEFAULT_COLLECTION:
            self._error(self.tr("「{0}」は削除できません。").format(DEFAULT_COLLECTION))
            return False
        count = self.ctx.store.collection(name).count
        if (
            confirm
            and QMessageBox.question(
                self,
                self.tr("コレクションの削除"),
                self.tr(
                    "コレクション「{0}」と、その中の {1} 件のブックマークを削除しますか？"
                    "（施策やメモは削除されません）"
                ).format(name, count),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            != QMessageBox.StandardButton.Yes
        ):
            return False
        self.ctx.store.delete_collection(name)
        self.reload()
        return True

    def move_selected(self, step: int) -> None:
        b = self.view.currentIndex().data(BOOKMARK_ROLE)
        if b is None or b.orphan:
            return
        n = len(self.model.items[self.view.currentIndex().parent().row()])
        target = max(0, min(n - 1, b.position + step))
        if target != b.position:
            self.ctx.store.move_bookmark(b.measure_id, b.collection, target)
            self.reload()
            self.select(b.collection, b.measure_id)

    def export_brief(self, path: str | Path, fmt: str, collection: str | None = None) -> Path:
        from desktop.brief import write_brief

        self._save_typed_note()
        return write_brief(
            self.ctx.catalogue, self.ctx.store, collection or self.selected_collection(), fmt, path
        )

    def export_dialog(self, fmt: str) -> None:
        name = self.selected_collection()
        safe = "".join(ch if ch not in '\\/:*?"<>|' else "_" for ch in name)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("「{0}」を書き出す").format(name),
            str(Path.home() / f"{safe}.{fmt}"),
            FORMATS[fmt].filter,
        )
        if not path:
            return
        try:
            out = self.export_brief(path, fmt, name)
        except Exception as e:
            self._error(e)
            return
        QMessageBox.information(
            self, self.tr("書き出し"), self.tr("書き出しました: {0}").format(out)
        )

    def brief(self, collection: str):
        """The collection's brief (the document model every output renders)."""
        from desktop.brief import build_brief

        self._save_typed_note()
        return build_brief(self.ctx.catalogue, self.ctx.store, collection)

    def brief_document(self, collection: str):
        """The collection's brief as the QTextDocument the PDF and printing paint."""
        from desktop.brief.render_pdf import qt_document

        return qt_document(self.brief(collection))

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from desktop.brief.render_pdf import paint, setup_page

        name = self.selected_collection()
        try:
            brief = self.brief(name)  # an empty collection is refused before the dialog
        except UserError as e:
            self._error(e)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_page(printer)
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle(self.tr("「{0}」を印刷").format(name))
        if dlg.exec() == QPrintDialog.DialogCode.Accepted:
            paint(brief, printer)  # the same document as the PDF

    def _save_typed_note(self) -> None:
        """A brief must carry the note being typed; refuse rather than print an old one."""
        if not self.flush_notes():
            raise UserError(
                self.tr(
                    "入力中のメモを保存できないため、ブリーフを作成できません。"
                    "メモの内容は画面に残っています"
                )
            )

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        if self.view.indexAt(pos).data(BOOKMARK_ROLE) is not None:
            menu.addAction(self.tr("開く"), lambda: self._activated(self.view.currentIndex()))
            menu.addAction(self.tr("ブックマークを外す"), self.delete_selected)
        else:
            menu.addAction(self.tr("新しいコレクション…"), self.create_collection)
            menu.addAction(self.tr("名前の変更…"), self.rename_collection)
            menu.addAction(self.tr("削除…"), self.delete_selected)
            menu.addSeparator()
            for fmt in FORMATS.values():
                menu.addAction(
                    self.tr("{0} で書き出す…").format(fmt.name),
                    lambda f=fmt.key: self.export_dialog(f),
                )
            menu.addAction(self.tr("印刷…"), self.print_dialog)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _error(self, e) -> None:
        QMessageBox.warning(self, self.tr("ブックマーク"), str(e))
