"""Briefs from the window: Markdown/CSV/PDF through a save dialog, and printing. The note
being typed is saved first, so a brief never carries an older note."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.errors import UserError

BRIEF_FILTERS = {"md": "Markdown (*.md)", "csv": "CSV (*.csv)", "pdf": "PDF (*.pdf)"}
BRIEF_LABELS = {
    "md": "Markdown で書き出す…",
    "csv": "CSV（Excel）で書き出す…",
    "pdf": "PDF で書き出す…",
}


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
            BRIEF_FILTERS[fmt],
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

    def document(self, collection: str):
        """The collection's brief as a QTextDocument (what printing prints)."""
        from PySide6.QtGui import QTextDocument

        from desktop.brief import brief_items
        from desktop.brief_pdf import CSS, brief_html

        self._save_typed_note()
        items = brief_items(self.ctx.catalogue, self.ctx.store, collection)
        doc = QTextDocument()
        doc.setDefaultStyleSheet(CSS)
        doc.setHtml(brief_html(items, heading=collection))  # the name is escaped there
        return doc

    def print_dialog(self, name: str) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self.panel)
        dlg.setWindowTitle(self.tr("「{0}」を印刷").format(name))
        if dlg.exec() == QPrintDialog.DialogCode.Accepted:
            try:
                doc = self.document(name)
            except UserError as e:
                QMessageBox.warning(self.panel, self.tr("ブリーフ"), str(e))
                return
            doc.print_(printer)

    def _save_typed_note(self) -> None:
        """A brief must carry the note being typed; refuse rather than print an old one."""
        if not self.flush_notes():
            raise UserError(
                self.tr(
                    "入力中のメモを保存できないため、ブリーフを作成できません。"
                    "メモの内容は画面に残っています"
                )
            )
