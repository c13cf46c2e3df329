"""The note editor under the reading view: plain text, autosaved, with a visible state,
access to earlier versions, and a choice when the note changed somewhere else."""

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

from desktop.ui.a11y import describe
from desktop.ui.autosave import AutosaveManager, keep_both
from desktop.ui.timefmt import local_time


class NoteEditor(QWidget):
    note_saved = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.autosave = AutosaveManager(store, self)
        self.autosave.resolve_conflict = self.ask_conflict
        self.heading = QLabel(self.tr("メモ"))
        self.status = QLabel()
        self.status.setObjectName("noteStatus")
        self.history_button = QPushButton(self.tr("履歴…"))
        describe(
            self.history_button,
            self.tr("メモの履歴"),
            self.tr("このメモの以前の版を表示して戻す"),
            tooltip=True,
        )
        self.history_button.clicked.connect(lambda _c=False: self.show_history())
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr("この施策についてのメモ（自動保存）"))
        self.edit.setTabChangesFocus(True)
        describe(
            self.edit,
            self.tr("メモ"),
            self.tr("開いている施策についての自分用のメモ。入力すると自動で保存されます (Ctrl+M)"),
        )
        self.heading.setBuddy(self.edit)
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
        self.autosave.replaced.connect(self._replace_text)
        self.set_measure(None, "")

    @property
    def measure_id(self) -> str | None:
        return self.autosave.measure_id

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
        self._replace_text(text)
        self.autosave.attach(measure_id, title, text)
        self.edit.setEnabled(measure_id is not None)
        self.history_button.setEnabled(measure_id is not None)
        self.status.setVisible(measure_id is not None)
        return True

    def reload_if_changed(self) -> bool:
        """The store changed (CLI, undo): show its text unless the user is typing (then the
        next save notices the change and asks). True if the text was replaced."""
        a = self.autosave
        if a.measure_id is None or a.dirty:
            return False
        note = self.store.get_note(a.measure_id)
        text = note.text if note else ""
        if text == self.edit.toPlainText():
            return False
        a.attach(a.measure_id, a.title, text)
        self._replace_text(text)
        return True

    def _replace_text(self, text: str) -> None:
        if text == self.edit.toPlainText():
            return
        pos = self.edit.textCursor().position()
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        cursor = self.edit.textCursor()
        cursor.setPosition(min(pos, len(text)))
        self.edit.setTextCursor(cursor)

    def _show_state(self, state: str) -> None:
        if state == "saved":
            self.status.setText(self.tr("保存済み"))
            self.status.setToolTip("")
        elif state == "dirty":
            self.status.setText(self.tr("編集中…"))
        else:
            self.status.setText(self.tr("保存できません"))
            self.status.setToolTip(self.autosave.error)
        self.status.setAccessibleName(self.status.text())

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

    def ask_conflict(self, mine: str, theirs: str) -> str:
        dlg = ConflictDialog(mine, theirs, self)
        dlg.exec()
        return dlg.chosen


class ConflictDialog(QDialog):
    """The note was changed elsewhere while it was being typed here: both texts side by
    side; keep mine, theirs, or both. Every choice keeps the other text in the history."""

    def __init__(self, mine: str, theirs: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("メモが別の場所で変更されました"))
        self.chosen = keep_both(mine, theirs)  # closing the dialog loses nothing either
        intro = QLabel(
            self.tr(
                "このメモは、入力している間に別の場所（コマンド、もう一つの施策ナビ、同期フォルダ）"
                "で変更されました。どちらを残しますか？残さなかった文はメモの履歴に残ります。"
            )
        )
        intro.setWordWrap(True)
        panes = QHBoxLayout()
        self.views: dict[str, QPlainTextEdit] = {}
        for label, text, what in (
            (self.tr("この画面で入力した文"), mine, "mine"),
            (self.tr("別の場所で保存された文"), theirs, "theirs"),
        ):
            box = QVBoxLayout()
            head = QLabel(label)
            view = QPlainTextEdit(text)
            view.setReadOnly(True)
            describe(view, label)
            head.setBuddy(view)
            box.addWidget(head)
            box.addWidget(view)
            panes.addLayout(box)
            self.views[what] = view
        buttons = QDialogButtonBox()
        for text, value, tip in (
            (self.tr("この画面の文を残す"), mine, self.tr("別の場所の文は履歴へ")),
            (self.tr("別の場所の文にする"), theirs, self.tr("この画面の文は履歴へ")),
            (self.tr("両方を残す"), keep_both(mine, theirs), self.tr("二つの文をつなげて保存")),
        ):
            b = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
            describe(b, text, tip, tooltip=True)
            b.clicked.connect(lambda _c=False, v=value: self._choose(v))
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(panes, 1)
        lay.addWidget(buttons)
        self.resize(760, 420)

    def _choose(self, text: str) -> None:
        self.chosen = text
        self.accept()


class HistoryDialog(QDialog):
    def __init__(self, versions, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("メモの履歴"))
        self.chosen: str | None = None
        self.versions = versions
        self.list = QListWidget()
        describe(
            self.list, self.tr("以前の版"), self.tr("保存した日時（この端末の時刻）と最初の行")
        )
        for v in versions:
            first = v.text.strip().splitlines()[0] if v.text.strip() else self.tr("（空）")
            item = QListWidgetItem(f"{local_time(v.saved)}  {first[:30]}")
            item.setData(Qt.ItemDataRole.UserRole, v.text)
            self.list.addItem(item)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        describe(self.preview, self.tr("選んだ版の内容"))
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
