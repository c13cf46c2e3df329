"""Briefs from the window: every format of the registry (desktop.brief.formats) through a
save dialog, and printing the same document the PDF holds. The note being typed is saved
first, so a brief never carries an older note."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.brief.formats import FORMATS
from desktop.errors import UserError

# the menus' entries, one per registered format
BRIEF_LABELS = {f.key: f"{f.name} で書き出す…" for f in FORMATS.values()}


class BriefExporter(QObject):
    def __init__(self, ctx, panel):
        super().__init__(panel)
        self.ctx = ctx
        self.panel = panel  # dialogs' parent; its `notice` signal reports an export
        self.flush_notes = lambda: True  # the window saves the note being typed

    def write(self, path: str | Path, fmt: str, collection: str) -> Path:
        from desktop.brief import write_brief

        self._save_typed_note()
        return write_brief(self.ctx.catalogue, self.ctx.store, collection, fmt, path)

    def export_dialog(self, fmt: str, name: str) -> None:
        safe = "".join(ch if ch not in '\\/:*?"<>|' else "_" for ch in name)
        path, _ = QFileDialog.getSaveFileName(
            self.panel,
            self.tr("「{0}」を書き出す").format(name),
            str(Path.home() / f"{safe}.{fmt}"),
            FORMATS[fmt].filter,
        )
        if not path:
            return
        try:
            out = self.write(path, fmt, name)
        except UserError as e:
            QMessageBox.warning(self.panel, self.tr("ブリーフ"), str(e))
            return
        self.panel.notice.emit(self.tr("「{0}」を書き出しました: {1}").format(name, out), False)
        QMessageBox.information(
            self.panel, self.tr("書き出し"), self.tr("書き出しました: {0}").format(out)
        )

    def brief(self, collection: str):
        """The collection's brief: the document model every output renders."""
        from desktop.brief import build_brief

        self._save_typed_note()
        return build_brief(self.ctx.catalogue, self.ctx.store, collection)

    def document(self, collection: str):
        """The collection's brief as the QTextDocument the PDF and printing paint."""
        from desktop.brief.render_pdf import qt_document

        return qt_document(self.brief(collection))

    def print_dialog(self, name: str) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from desktop.brief.render_pdf import paint, setup_page

        try:
            brief = self.brief(name)  # an empty collection is refused before the dialog
        except UserError as e:
            QMessageBox.warning(self.panel, self.tr("ブリーフ"), str(e))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_page(printer)
        dlg = QPrintDialog(printer, self.panel)
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
