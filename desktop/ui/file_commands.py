"""The ファイル menu's commands that read or write a file the user picks: a collection shared
as a .shisaku file (export, import, and a file dropped on the window), backup and restore.
The brief itself is in widgets/brief_export.py; this module also wires the reader's
印刷・書き出し button and the measure's context menu to it.

Every read is checked whole before anything changes (desktop.share.read_share,
desktop.userdata.backup.read_backup); what an import or a restore would change is shown
first and done only when the user confirms; every write goes through desktop.outfile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.errors import UserError
from desktop.ui.a11y import describe

SHARE_SUFFIX = ".shisaku"
DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def shared_files(mime) -> list[Path]:
    """The local .shisaku files a drag carries (nothing else is taken)."""
    if mime is None or not mime.hasUrls():
        return []
    return [
        Path(u.toLocalFile())
        for u in mime.urls()
        if u.isLocalFile() and u.toLocalFile().lower().endswith(SHARE_SUFFIX)
    ]


class FileCommands(QObject):
    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.ctx = win.ctx
        briefs = win.bookmarks.briefs
        briefs.settings = win.settings
        win.bookmarks.collection_actions = [win.commands.share_export]
        # the reader: its 印刷・書き出し button and the measure's right-click menu
        button = win.reader.print_button
        button.setDefaultAction(win.commands.print_measure)
        button.setText(self.tr("印刷・書き出し"))
        describe(
            button,
            self.tr("この施策を印刷・書き出す"),
            self.tr("開いている施策を1件のブリーフとして印刷・保存する (Ctrl+Shift+P)"),
            tooltip=True,
        )
        win.view.menu_extenders.append(self._measure_menu)
        win.location_changed.connect(self._location_changed)
        self._location_changed(win.location or "")

    @property
    def picker(self):
        from desktop.ui.dialogs.files import FilePicker  # loaded when first used

        return FilePicker(self.win.settings)

    # -- the measure in the reader ----------------------------------------------------------

    def _location_changed(self, location: str) -> None:
        self.win.commands.print_measure.setEnabled(self.ctx.catalogue.get(location) is not None)

    def _measure_menu(self, menu, _offset) -> None:
        """The reader's right-click menu (Qt's own, then the annotations') gains these."""
        menu.addSeparator()
        menu.addAction(self.win.commands.print_measure)
        menu.addAction(self.win.commands.cite)

    def print_measure(self) -> None:
        self.win.bookmarks.briefs.measure_dialog(self.win.location)

    # -- sharing a collection ---------------------------------------------------------------

    def export_share(self) -> Path | None:
        """ファイル → コレクションを共有ファイルに書き出す…: the selected collection."""
        from desktop.share import write_share
        from desktop.ui.dialogs.files import SHARE_FILTER
        from desktop.ui.dialogs.share_dialogs import ShareExportDialog

        name = self.win.bookmarks.selected_collection()
        count = self._count(name)
        if not count:
            self._warn(
                self.tr("共有"),
                self.tr(
                    "コレクション「{0}」に施策がないため、共有ファイルを作成できません。"
                    "施策をブックマークしてから書き出してください"
                ).format(name),
            )
            return None
        dlg = ShareExportDialog(name, count, self.win)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        with_notes = dlg.with_notes.isChecked()
        path = self.picker.save_path(
            self.win, self.tr("共有ファイルに書き出す"), name, SHARE_SUFFIX, SHARE_FILTER
        )
        if path is None:
            return None
        try:
            if with_notes and not self.win.editor.autosave.flush():
                raise UserError(self.tr("入力中のメモを保存できないため、書き出せません"))
            out, n = write_share(self.ctx.store, name, path, with_notes, self.ctx.catalogue)
        except (UserError, OSError) as e:
            self._warn(self.tr("共有"), self.tr("書き出せませんでした。\n{0}").format(e))
            return None
        notes = self.tr("（メモ付き）") if with_notes else ""
        text = self.tr("コレクション「{0}」（{1} 件）{2}を書き出しました: {3}").format(
            name, n, notes, out
        )
        self.win.notify(text)
        QMessageBox.information(self.win, self.tr("共有"), text)
        return out

    def import_share(self) -> None:
        """ファイル → 取り込む…"""
        from desktop.ui.dialogs.files import ANY_FILE, SHARE_FILTER

        path = self.picker.open_path(
            self.win, self.tr("共有ファイルを取り込む"), f"{SHARE_FILTER};;{ANY_FILE}"
        )
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> bool:
        """Read and check the whole file, show what it would change, import only on yes.
        True when something was imported."""
        from desktop.share import apply_import, preview_import, read_share
        from desktop.ui.dialogs.share_dialogs import import_dialog

        try:
            shared = read_share(path)  # every check before the store is read
            if not self.win.editor.autosave.flush():  # a merged note must see the typed one
                raise UserError(self.tr("入力中のメモを保存できないため、取り込めません"))
            preview = preview_import(self.ctx.store, self.ctx.catalogue, shared)
        except (UserError, OSError) as e:
            self._warn(
                self.tr("取り込み"),
                self.tr("取り込めません。何も変更していません。\n{0}").format(e),
            )
            return False
        dlg = import_dialog(preview, shared, Path(path), self.win)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            report = apply_import(self.ctx.store, self.ctx.catalogue, shared)
        except (UserError, OSError) as e:
            self.win.store_changed()
            self._warn(self.tr("取り込み"), self.tr("取り込めませんでした。\n{0}").format(e))
            return False
        self.win.store_changed()
        self.win.show_tab(1)
        self.win.bookmarks.select(report.collection)
        self.win.notify(self.tr("取り込みました: {0}").format(report))
        return True

    # -- dropping a .shisaku file on the window ---------------------------------------------

    def drop_event(self, event) -> bool:
        """For the window's event filter: True when the event was a .shisaku drag (taken
        here, wherever in the window it is, even over a text field)."""
        files = shared_files(event.mimeData())
        if not files:
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if event.type() == QEvent.Type.Drop:
            # after the drop returns: a modal dialog inside it would hold the file manager
            QTimer.singleShot(0, lambda: self._import_dropped(files))
        return True

    def _import_dropped(self, files: list[Path]) -> None:
        self.win.raise_()
        self.win.activateWindow()
        for f in files:
            self.import_file(f)

    # -- backup and restore -----------------------------------------------------------------

    def backup(self) -> Path | None:
        """ファイル → バックアップを書き出す…: every note (with history), collection and
        bookmark, as `shisaku backup` writes it."""
        from desktop.ui.dialogs.files import BACKUP_FILTER, busy
        from desktop.userdata.backup import write_backup

        if not self.win.editor.autosave.flush():
            self._warn(
                self.tr("バックアップ"),
                self.tr("入力中のメモを保存できないため、バックアップを作成できません。"),
            )
            return None
        name = f"shisaku-backup-{date.today():%Y%m%d}"
        path = self.picker.save_path(
            self.win, self.tr("バックアップを書き出す"), name, ".json", BACKUP_FILTER
        )
        if path is None:
            return None
        try:
            with busy():
                out = write_backup(self.ctx.store, path)
        except (UserError, OSError) as e:
            self._warn(self.tr("バックアップ"), self.tr("書き出せませんでした。\n{0}").format(e))
            return None
        text = self.tr("バックアップを書き出しました: {0}").format(out)
        self.win.notify(text)
        QMessageBox.information(self.win, self.tr("バックアップ"), text)
        return out

    def restore(self) -> bool:
        """ファイル → バックアップから復元…: check the file, show what it merges, ask."""
        from desktop.restore_preview import preview_restore
        from desktop.ui.dialogs.files import ANY_FILE, BACKUP_FILTER, busy
        from desktop.ui.dialogs.share_dialogs import restore_dialog
        from desktop.userdata.backup import read_backup
        from desktop.userdata.backup import restore as merge

        path = self.picker.open_path(
            self.win, self.tr("バックアップから復元"), f"{BACKUP_FILTER};;{ANY_FILE}"
        )
        if path is None:
            return False
        try:
            with busy():
                data = read_backup(path)  # validated whole before the store is read
            if not self.win.editor.autosave.flush():
                raise UserError(self.tr("入力中のメモを保存できないため、復元できません"))
            preview = preview_restore(self.ctx.store, data)
        except (UserError, OSError) as e:
            self._warn(
                self.tr("復元"), self.tr("復元できません。何も変更していません。\n{0}").format(e)
            )
            return False
        dlg = restore_dialog(preview, path, self.win)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            with busy():
                report = merge(self.ctx.store, data, validated=True)  # one transaction
                self.ctx.store.relink(self.ctx.catalogue)
        except (UserError, OSError) as e:
            self.win.store_changed()
            self._warn(self.tr("復元"), self.tr("復元できませんでした。\n{0}").format(e))
            return False
        self.win.store_changed()  # every list reads the store again
        text = self.tr("復元しました: {0}").format(report.summary())
        self.win.notify(text)
        QMessageBox.information(self.win, self.tr("復元"), text)
        return True

    # -- helpers ----------------------------------------------------------------------------

    def _count(self, name: str) -> int:
        try:
            return len(self.ctx.store.bookmarks(name))
        except UserError:
            return 0

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.win, title, text)
