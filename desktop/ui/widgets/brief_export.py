"""Briefs from the window: the one brief dialog (format from the registry, notes, bodies;
then save or print), the print preview, and the same for a single measure.

The note being typed is saved first, so a brief never carries an older note; an empty
collection is refused with the core's message before any dialog opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.brief.formats import FORMATS
from desktop.errors import UserError

Make = Callable[[object], object]  # BriefOptions -> Brief


class BriefExporter(QObject):
    def __init__(self, ctx, panel):
        super().__init__(panel)
        self.ctx = ctx
        self.panel = panel  # dialogs' parent; its `notice` signal reports what was done
        self.flush_notes = lambda: True  # the window saves the note being typed
        self.settings = None  # the window's Settings: the dialog's choice and last folder
        self._choice = None  # without settings (a panel on its own): kept here

    # -- what is remembered ----------------------------------------------------------------

    @property
    def choice(self):
        """The dialog's last choice (a BriefChoice; the dialogs load when first used, not at
        start-up)."""
        from desktop.ui.dialogs.brief_dialog import BriefChoice

        if self.settings is not None:
            return BriefChoice.from_settings(self.settings.get("brief"))
        return self._choice or BriefChoice()

    def remember(self, choice) -> None:
        self._choice = choice
        if self.settings is not None:
            self.settings.set("brief", choice.to_settings())
            self.settings.save()  # a choice survives even a crash

    # -- the model ---------------------------------------------------------------------------

    def brief(self, collection: str, options=None):
        """The collection's brief: the document model every output renders."""
        from desktop.brief import build_brief

        self._save_typed_note()
        return build_brief(self.ctx.catalogue, self.ctx.store, collection, options)

    def measure(self, measure_id: str, options=None):
        """One measure as a brief (the reader's 印刷・書き出し)."""
        from desktop.brief import measure_brief

        self._save_typed_note()
        return measure_brief(self.ctx.catalogue, self.ctx.store, measure_id, options)

    def document(self, collection: str):
        """The collection's brief as the QTextDocument the PDF and printing paint."""
        from desktop.brief.render_pdf import qt_document

        return qt_document(self.brief(collection, self.choice.options))

    def write(self, path: str | Path, fmt: str, collection: str, options=None) -> Path:
        """Write the collection's brief (no dialog)."""
        from desktop.brief import render
        from desktop.brief.output import save
        from desktop.outfile import check_out

        data_dir = self.ctx.store.path.parent
        check_out(path, data_dir=data_dir)  # a bad target is refused before the work
        data = render(self.brief(collection, options), fmt)
        return save(path, data, data_dir=data_dir)

    # -- the dialog --------------------------------------------------------------------------

    def collection_dialog(self, name: str) -> None:
        """ファイル → ブリーフを作成… (and the bookmarks tab's button)."""
        count = self._count(name)
        self.run(
            lambda options: self.brief(name, options),
            name,
            self.tr("コレクション・{0} 件").format(count),
        )

    def measure_dialog(self, measure_id: str | None) -> None:
        """この施策を印刷・書き出す…: the measure open in the reader."""
        m = self.ctx.catalogue.get(measure_id or "")
        if m is None:
            self._warn(self.tr("施策を開いてから選んでください。"))
            return
        detail = self.tr("施策・{0}　{1}").format(self.ctx.catalogue.label(m), m.id)
        self.run(lambda options: self.measure(m.id, options), m.title, detail)

    def run(self, make: Make, subject: str, detail: str) -> None:
        from desktop.ui.dialogs.brief_dialog import PRINT, BriefDialog

        try:
            make(self.choice.options)  # an empty collection is refused before any dialog
        except UserError as e:
            self._warn(str(e))
            return
        dlg = BriefDialog(subject, detail, self.choice, self.panel)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        choice = dlg.choice()
        self.remember(choice)
        try:
            brief = make(choice.options)
        except UserError as e:  # e.g. the CLI emptied the collection meanwhile
            self._warn(str(e))
            return
        if dlg.action == PRINT:
            self.preview(brief)
        else:
            self.save_dialog(brief, choice.format)

    def save_dialog(self, brief, fmt: str) -> Path | None:
        from desktop.brief import render
        from desktop.brief.output import save
        from desktop.outfile import check_out
        from desktop.ui.dialogs.files import FilePicker, busy

        f = FORMATS[fmt]
        picker = FilePicker(self.settings)
        path = picker.save_path(
            self.panel,
            self.tr("ブリーフ「{0}」を {1} で保存").format(brief.name, f.name),
            brief.name,
            f".{fmt}",
            f.filter,
        )
        if path is None:
            return None
        data_dir = self.ctx.store.path.parent
        try:
            check_out(path, data_dir=data_dir)
            with busy():
                out = save(path, render(brief, fmt), data_dir=data_dir)
        except (UserError, OSError) as e:
            self._warn(self.tr("ブリーフを保存できませんでした。\n{0}").format(e))
            return None
        self.panel.notice.emit(self.tr("ブリーフを保存しました: {0}").format(out), False)
        message = self.tr("ブリーフを保存しました:\n{0}").format(out)
        font = self._font_warning() if fmt == "pdf" else ""
        if font:
            message += "\n\n" + font
        QMessageBox.information(self.panel, self.tr("ブリーフ"), message)
        return out

    # -- printing ----------------------------------------------------------------------------

    def print_collection(self, name: str) -> None:
        """Ctrl+P: the preview of the collection's brief, with the remembered options."""
        try:
            brief = self.brief(name, self.choice.options)
        except UserError as e:
            self._warn(str(e))
            return
        self.preview(brief)

    def preview(self, brief) -> bool:
        """The print preview; True when it was printed."""
        from desktop.ui.dialogs.files import busy
        from desktop.ui.dialogs.print_preview import PrintPreview

        with busy():
            dlg = PrintPreview(brief, self.panel)
        printed = dlg.exec() == QDialog.DialogCode.Accepted and not dlg.failed
        if printed:
            self.panel.notice.emit(self.tr("「{0}」を印刷しました").format(brief.name), False)
        dlg.deleteLater()
        return printed

    # -- helpers -----------------------------------------------------------------------------

    def _count(self, name: str) -> int:
        try:
            return len(self.ctx.store.bookmarks(name))
        except UserError:
            return 0

    def _font_warning(self) -> str:
        from desktop.qtfonts import missing_font_warning

        return missing_font_warning() or ""

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self.panel, self.tr("ブリーフ"), text)

    def _save_typed_note(self) -> None:
        """A brief must carry the note being typed; refuse rather than print an old one."""
        if not self.flush_notes():
            raise UserError(
                self.tr(
                    "入力中のメモを保存できないため、ブリーフを作成できません。"
                    "メモの内容は画面に残っています"
                )
            )
