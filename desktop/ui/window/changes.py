"""Keeping every pane in step with the store: notes saved here, changes made by the CLI or
another program, undo, and the status message that says what happened."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop import APP_TITLE
from desktop.errors import UserError


class ChangesMixin:
    def notify(self, text: str, undoable: bool = False) -> None:
        # a menu entry's status tip (shown while choosing it) would hide the notice
        self.status.clearMessage()
        self.notice.show_message(text, undoable)

    def undo_last(self) -> None:
        """Ctrl+Z or 「元に戻す」: put back the newest deleted/moved/renamed/cleared thing."""
        self._replay(
            self.undo.can_undo,
            self.undo.undo,
            self.tr("元に戻せる操作はありません"),
            self.tr("元に戻せませんでした。\n{0}"),
            self.tr("元に戻しました: {0}"),
        )

    def redo_last(self) -> None:
        """Ctrl+Shift+Z / Ctrl+Y: make the newest undone change again."""
        self._replay(
            self.undo.can_redo,
            self.undo.redo,
            self.tr("やり直せる操作はありません"),
            self.tr("やり直せませんでした。\n{0}"),
            self.tr("やり直しました: {0}"),
            undoable=True,
        )

    def _replay(self, can, step, nothing: str, failed: str, done: str, undoable=False) -> None:
        """Undo or redo one step; every pane reads the store again, whatever happened."""
        if not can():
            self.notify(nothing)
            return
        try:
            label = step()
        except (UserError, OSError) as e:  # e.g. the CLI made a collection of that name
            self.store_changed()
            QMessageBox.warning(self, APP_TITLE, failed.format(e))
            return
        self.store_changed()
        self.notify(done.format(label), undoable=undoable)

    def _undo_changed(self) -> None:
        self.commands.undo.setEnabled(self.undo.can_undo())
        label = self.undo.label()
        self.commands.undo.setText(
            self.tr("元に戻す: {0}").format(label) if label else self.tr("元に戻す")
        )
        self.commands.redo.setEnabled(self.undo.can_redo())
        label = self.undo.redo_label()
        self.commands.redo.setText(
            self.tr("やり直す: {0}").format(label) if label else self.tr("やり直す")
        )

    def store_changed(self) -> None:
        """Something else wrote to the store (undo, the CLI): every pane reads it again."""
        self.ctx.notes_changed()
        self.notes.reload()
        self.bookmarks.reload()
        self.editor.reload_if_changed()
        self.update_bookmark_button()
        self.refresh_annotations()  # highlights and tags (window/annotating.py)
        self._data_version = self.ctx.store.data_version()

    def edit_note(self) -> None:
        if self.editor.edit.isEnabled():
            self.editor.edit.setFocus()

    def clear_note(self) -> None:
        """Empty the open measure's note (saved at once); undo brings the text back."""
        mid, title = self.editor.measure_id, self.editor.autosave.title
        old = self.editor.edit.toPlainText()
        if not mid or not old:
            return
        self.editor.edit.clear()
        if not self.editor.autosave.flush():
            return
        store = self.ctx.store
        label = self.tr("「{0}」のメモを空にしました").format(title)
        # through the store: undo_last() then refreshes the editor if it still shows it
        self.undo.push(
            label, lambda: store.set_note(mid, title, old), lambda: store.set_note(mid, title, "")
        )
        self.notify(label, undoable=True)

    def _note_saved(self, _measure_id: str) -> None:
        self.ctx.notes_changed()
        self.notes.reload()
        self._undo_changed()  # typing ends what could be redone

    def _check_external_changes(self) -> None:
        try:
            version = self.ctx.store.data_version()
        except Exception:
            return
        if version != self._data_version:  # another process (the CLI) wrote to the store
            self.store_changed()
