"""The small dialogs of highlights and tags: a highlight's comment, a measure's tags (with
completion of the tags already used), and the tag manager (rename, merge, delete).

They only ask; the window makes the change through the store, pushes the undo step and
says what happened (window/annotating.py), so every way to a change undoes the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.errors import UserError
from desktop.ui.a11y import describe
from desktop.userdata.tags import fold, tag_name

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def quoted(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return f"「{text if len(text) <= limit else text[: limit - 1] + '…'}」"


class CommentDialog(QDialog):
    """A highlight's comment: the passage above, the comment below (several lines); 保存 or
    Ctrl+Enter keeps it, an empty comment removes it."""

    def __init__(self, passage: str, comment: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("ハイライトのコメント"))
        self.passage = QLabel(quoted(passage))
        self.passage.setWordWrap(True)
        self.passage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(self.passage, self.tr("ハイライトした文"), self.tr("コメントを付ける箇所"))
        self.edit = QPlainTextEdit(comment)
        self.edit.setTabChangesFocus(True)
        describe(
            self.edit,
            self.tr("コメント"),
            self.tr(
                "この箇所についての自分用のコメント。空にするとコメントを消します。Ctrl+Enter で保存"
            ),
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("保存"))
        describe(save, self.tr("保存"), self.tr("コメントを保存する (Ctrl+Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("キャンセル"))
        describe(cancel, self.tr("キャンセル"), self.tr("変更せずに閉じる (Esc)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.passage)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.buttons)
        self.edit.setFocus()
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        self.resize(460, 260)

    def text(self) -> str:
        return self.edit.toPlainText().strip()


class TagDialog(QDialog):
    """A measure's tags: the list (Delete or 「外す」 takes one off) and a field with
    completion from the tags already used; Enter adds what was typed (several at once,
    separated by 、 or a comma), Enter on an empty field closes. Each change is made at once
    by `add(name)` / `remove(name)` (the window's, which can be undone)."""

    def __init__(self, title: str, tags_of, known, add, remove, parent=None):
        super().__init__(parent)
        self.tags_of, self.known, self._add, self._remove = tags_of, known, add, remove
        self.setWindowTitle(self.tr("タグ"))
        head = QLabel(self.tr("「{0}」のタグ").format(title))
        head.setWordWrap(True)
        self.list = QListWidget()
        describe(
            self.list,
            self.tr("付いているタグ"),
            self.tr("この施策のタグ。選んで Delete キーまたは「外す」で外す"),
        )
        self.remove_button = QPushButton(self.tr("外す"))
        describe(
            self.remove_button,
            self.tr("タグを外す"),
            self.tr("選んだタグをこの施策から外す（元に戻せます）"),
            tooltip=True,
        )
        self.remove_button.clicked.connect(lambda _c=False: self.remove_selected())
        QShortcut(QKeySequence.StandardKey.Delete, self.list, activated=self.remove_selected)
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("タグを入力（例: 要確認）して Enter"))
        describe(
            self.field,
            self.tr("追加するタグ"),
            self.tr(
                "入力すると今までのタグを候補に出します。、で区切ると複数。空で Enter で閉じる"
            ),
        )
        self.completer = QCompleter(self)
        self.completer.setModel(QStringListModel(self))
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(self.completer)
        # after the event: an Enter in the completer's popup reaches the field first and the
        # completer writes the chosen tag into it after that
        self.field.returnPressed.connect(lambda: QTimer.singleShot(0, self.add_typed))
        self.add_button = QPushButton(self.tr("追加"))
        describe(self.add_button, self.tr("タグを追加"), self.tr("入力したタグを付ける"), True)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda _c=False: self.add_typed(close_if_empty=False))
        self.close_button = QPushButton(self.tr("閉じる"))
        describe(self.close_button, self.tr("閉じる"), self.tr("タグの編集を終える"), True)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(lambda _c=False: self.accept())
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        lay.addLayout(bottom)
        self.reload()
        self.field.setFocus()
        self.resize(380, 320)

    def reload(self) -> None:
        mine = self.tags_of()
        self.list.clear()
        for name in mine:
            item = QListWidgetItem(name)
            item.setData(NAME_ROLE, name)
            self.list.addItem(item)
        have = {fold(n) for n in mine}
        self.completer.model().setStringList([n for n in self.known() if fold(n) not in have])
        self.remove_button.setEnabled(bool(mine))

    def add_typed(self, close_if_empty: bool = True) -> None:
        text = self.field.text()
        names = [t for t in text.replace("、", ",").replace("，", ",").split(",") if t.strip()]
        if not names:
            if close_if_empty:
                self.accept()
            return
        for raw in names:
            try:
                self._add(tag_name(raw))
            except UserError as e:
                QMessageBox.warning(self, self.tr("タグ"), str(e))
                return
        self.reload()
        self.field.clear()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        row = self.list.row(item)
        self._remove(item.data(NAME_ROLE))
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))


class TagManager(QDialog):
    """Every tag with how many measures have it; rename (onto an existing tag: merge, after
    asking) and delete (after asking). `rename(old, new)` and `delete(name)` are the
    window's (undoable); `search(name)` shows the tag's measures."""

    def __init__(self, tags, rename, delete, search=None, parent=None):
        super().__init__(parent)
        self.tags, self._rename, self._delete, self._search = tags, rename, delete, search
        self.setWindowTitle(self.tr("タグの管理"))
        self.list = QListWidget()
        describe(
            self.list,
            self.tr("タグの一覧"),
            self.tr("タグと、それが付いている施策の数（多い順）"),
        )
        self.empty = QLabel(self.tr("タグはまだありません。施策を開いて Ctrl+T で付けます。"))
        self.empty.setWordWrap(True)
        self.rename_button = QPushButton(self.tr("名前の変更…"))
        describe(
            self.rename_button,
            self.tr("タグの名前を変える"),
            self.tr("既にあるタグの名前にすると、二つのタグを一つに統合します（元に戻せます）"),
            tooltip=True,
        )
        self.rename_button.clicked.connect(lambda _c=False: self.rename_selected())
        self.delete_button = QPushButton(self.tr("削除…"))
        describe(
            self.delete_button,
            self.tr("タグを削除"),
            self.tr("選んだタグをすべての施策から外す（元に戻せます）"),
            tooltip=True,
        )
        self.delete_button.clicked.connect(lambda _c=False: self.delete_selected())
        self.search_button = QPushButton(self.tr("このタグで検索"))
        describe(
            self.search_button,
            self.tr("このタグで検索"),
            self.tr("選んだタグの付いた施策を検索結果に出す"),
            tooltip=True,
        )
        self.search_button.clicked.connect(lambda _c=False: self.search_selected())
        self.search_button.setVisible(search is not None)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        done = close.button(QDialogButtonBox.StandardButton.Close)
        done.setText(self.tr("閉じる"))
        describe(done, self.tr("閉じる"), self.tr("タグの管理を終える (Esc)"))
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.rename_button, self.delete_button, self.search_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty)
        lay.addLayout(row)
        lay.addWidget(close)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.reload()
        self.resize(420, 360)

    def reload(self, select: str | None = None) -> None:
        current = select or self.selected()
        self.list.clear()
        for t in self.tags():
            text = self.tr("{0}　{1} 件").format(t.name, t.count)
            if t.orphans:
                text += self.tr("（ほかに施策集にない施策 {0} 件）").format(t.orphans)
            item = QListWidgetItem(text)
            item.setData(NAME_ROLE, t.name)
            self.list.addItem(item)
            if current is not None and fold(t.name) == fold(current):
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(self.list.count() == 0)
        self.list.setVisible(self.list.count() > 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        on = self.selected() is not None
        for b in (self.rename_button, self.delete_button, self.search_button):
            b.setEnabled(on)

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NAME_ROLE) if item is not None else None

    def rename_selected(self) -> None:
        old = self.selected()
        if old is None:
            return
        new, ok = QInputDialog.getText(
            self,
            self.tr("タグの名前の変更"),
            self.tr("新しい名前（既にあるタグの名前にすると統合します）:"),
            text=old,
        )
        if not ok or not new.strip():
            return
        try:
            new = tag_name(new)
        except UserError as e:
            QMessageBox.warning(self, self.tr("タグの管理"), str(e))
            return
        if new == old:
            return
        other = next((t for t in self.tags() if fold(t.name) == fold(new)), None)
        if other is not None and fold(other.name) != fold(old):
            answer = QMessageBox.question(
                self,
                self.tr("タグの統合"),
                self.tr(
                    "タグ「{0}」は既にあります。「{1}」を「{0}」に統合しますか？"
                    "（「{1}」の付いた施策には「{0}」が付きます。元に戻せます）"
                ).format(other.name, old),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self._rename(old, new):
            self.reload(select=new)

    def delete_selected(self) -> None:
        name = self.selected()
        if name is None:
            return
        count = next((t.count for t in self.tags() if t.name == name), 0)
        answer = QMessageBox.question(
            self,
            self.tr("タグの削除"),
            self.tr("タグ「{0}」を {1} 件の施策から外しますか？（元に戻せます）").format(
                name, count
            ),
        )
        if answer == QMessageBox.StandardButton.Yes and self._delete(name):
            self.reload()

    def search_selected(self) -> None:
        name = self.selected()
        if name is not None and self._search is not None:
            self.accept()
            self._search(name)
