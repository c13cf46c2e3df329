"""The print preview: Qt's QPrintPreviewDialog painting the very document the PDF export
writes (render_pdf.paint on the printer), with 印刷… and 閉じる buttons under the pages
(the toolbar's print icon alone is easy to miss).

Printing goes through the preview's own path: the print dialog, then paint() again on the
printer the user chose, so paper and margins changed there are laid out anew."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop.brief.render_pdf import paint, setup_page
from desktop.ui.a11y import describe


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    setup_page(printer)  # A4, the PDF's margins and resolution
    return printer


class PrintPreview(QPrintPreviewDialog):
    def __init__(self, brief, parent=None):
        self.printer = make_printer()  # kept: the dialog only borrows it
        self.printer.setDocName(brief.name)
        super().__init__(self.printer, parent)
        self.setObjectName("print_preview")
        self.brief = brief
        self.pages = 0  # pages of the last paint (preview or printer)
        self.failed = ""
        self.setWindowTitle(self.tr("印刷プレビュー — {0}").format(brief.name))
        self.paintRequested.connect(self._paint)
        self.preview = self.findChild(QPrintPreviewWidget)
        describe(
            self.preview,
            self.tr("印刷プレビュー"),
            self.tr("{0} の印刷される各ページ").format(brief.name),
        )
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(
            self.tr("印刷…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        describe(
            self.print_button, self.tr("印刷"), self.tr("プリンターを選んで印刷する"), tooltip=True
        )
        close = buttons.addButton(self.tr("閉じる"), QDialogButtonBox.ButtonRole.RejectRole)
        describe(close, self.tr("閉じる"), self.tr("印刷せずに閉じる"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(lambda _c=False: self.print_action().trigger())
        close.clicked.connect(lambda _c=False: self.reject())
        self.layout().addWidget(buttons)
        self._fit()

    def print_action(self) -> QAction:
        """The toolbar's 印刷 (Qt names it, in the language of its translation)."""
        text = QCoreApplication.translate("QPrintPreviewDialog", "Print")
        return next(a for a in self.findChildren(QAction) if a.text() == text)

    def page_count(self) -> int:
        return self.preview.pageCount() if self.preview is not None else 0

    def _paint(self, printer) -> None:
        try:
            self.pages = paint(self.brief, printer)
        except RuntimeError as e:  # the printer (or the file it prints to) would not start
            self.failed = str(e)
            QMessageBox.warning(
                self,
                self.tr("印刷"),
                self.tr(
                    "印刷を開始できませんでした。プリンターの状態や出力先を確認してください。"
                    "\n({0})"
                ).format(e),
            )

    def _fit(self) -> None:
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        free = screen.availableGeometry()
        self.resize(min(1000, int(free.width() * 0.9)), min(860, int(free.height() * 0.92)))
