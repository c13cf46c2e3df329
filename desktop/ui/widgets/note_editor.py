"""The note editor under the reading view: plain text, autosaved, with a visible state and
access to earlier versions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.autosave import AutosaveManager


class NoteEditor(QWidget):
    note_saved = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.autosave = AutosaveManager(store, self)
        self.heading = QLabel(self.tr("メモ"))
        self.status = QLabel()
        self.status.setObjectName("noteStatus")
        self.history_button = QPushButton(self.tr("履歴…"))
        self.history_button.setToolTip(self.tr("以前の版を表示して戻す"))
        self.history_button.clicked.connect(self.show_history)
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr("この施策についてのメモ（自動保存）"))
        self.edit.setTabChangesFocus(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.history_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.edit)
        self.edit.textChanged.connect(lambda: self.autosave.edited(self.edit.toPlainText()))
        self.autosave.state_changed.connect(self._show_state)
        self.autosave.saved.connect(self.note_saved)
        self.set_measure(None, "")

    def set_measure(self, measure_id: str | None, title: str) -> bool:
        """Show another measure's note; the current one is saved first.

        False (nothing changes) when the current note cannot be saved: the typed text stays
        in the editor, the status says 「保存できません」, and the caller must not switch.
        """
        if not self.autosave.flush():
            return False
        note = self.store.get_note(measure_id) if measure_id else None
        text = note.text if note else ""
        self.autosave.attach(None, "", "")  # no save while we replace the text
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        self.autosave.attach(measure_id, title, text)
        self.edit.setEnabled(measure_id is not None)
        self.history_button.setEnabled(measure_id is not None)
        self.status.setVisible(measure_id is not None)
        return True

    def _show_state(self, state: str) -> None:
        if state == "saved":
            self.status.setText(self.tr("保存済み"))
            self.status.setToolTip("")
        elif state == "dirty":
            self.status.setText(self.tr("編集中…"))
        else:
            self.status.setText(self.tr("保存できません"))
            self.status.setToolTip(self.autosave.error)

    def show_history(self) -> None:
        mid = self.autosave.measure_id
        if not mid:
            return
        self.autosave.flush()
        dlg = HistoryDialog(self.store.note_history(mid), self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.chosen is not None:
            self.restore_version(dlg.chosen)

    def restore_version(self, text: str) -> bool:
        """Put an earlier version back; the current text goes to the history."""
        if not self.autosave.flush():
            return False
        self.autosave.new_session()
        self.edit.setPlainText(text)  # saved like typing
        return self.autosave.flush()


class HistoryDialog(QDialog):
    def __init__(self, versions, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("メモの履歴"))
        self.chosen: str | None = None
        self.versions = versions
        self.list = QListWidget()
        for v in versions:
            first = v.text.strip().splitlines()[0] if v.text.strip() else self.tr("（空）")
            item = QListWidgetItem(f"{v.saved[:16].replace('T', ' ')}  {first[:30]}")
            item.setData(Qt.ItemDataRole.UserRole, v.text)
            self.list.addItem(item)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.list.currentItemChanged.connect(
            lambda cur, _prev: self.preview.setPlainText(
                cur.data(Qt.ItemDataRole.UserRole) if cur else ""
            )
        )
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        restore = buttons.addButton(self.tr("この版に戻す"), QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setEnabled(bool(versions))
        buttons.accepted.connect(self._restore)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        if not versions:
            lay.addWidget(QLabel(self.tr("以前の版はありません。")))
        lay.addWidget(split)
        lay.addWidget(buttons)
        self.resize(720, 420)
        if versions:
            self.list.setCurrentRow(0)

    def _restore(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
