"""メモ tab: every measure with a note, newest first, then orphaned notes (their measure is
no longer in the catalogue) which can be read, copied and deleted but never lost silently;
below them the highlights, by measure in reading order, orphans apart (HighlightList)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.a11y import describe
from desktop.ui.annotate.highlight_list import HighlightList
from desktop.ui.timefmt import local_date

NOTE_ROLE = Qt.ItemDataRole.UserRole + 1


class NotesPanel(QWidget):
    open_measure = Signal(str)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        describe(
            self.list,
            self.tr("メモのある施策"),
            self.tr("新しい順。クリックで施策とメモを開く（日付はこの端末の時刻）"),
        )
        self.empty = QLabel(
            self.tr("メモはまだありません。施策を開いて右下の欄に書くと自動で保存されます。")
        )
        self.empty.setWordWrap(True)
        self.highlights = HighlightList(ctx)
        self.highlights.open_measure.connect(self.open_measure)
        self.no_highlights = QLabel(
            self.tr(
                "ハイライトはまだありません。本文の文を選んで Ctrl+Shift+H（色は 1〜4）で付けます。"
            )
        )
        self.no_highlights.setWordWrap(True)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self._section(self.tr("メモ"), self.list, self.empty))
        self.splitter.addWidget(
            self._section(self.tr("ハイライト"), self.highlights, self.no_highlights)
        )
        self.splitter.setChildrenCollapsible(False)
        describe(self.splitter, self.tr("メモとハイライト"), self.tr("上にメモ、下にハイライト"))
        describe(
            self.splitter.handle(1),
            self.tr("メモとハイライトの境界"),
            self.tr("ドラッグしてメモとハイライトの高さを変える"),
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        self.reload()

    @staticmethod
    def _section(title: str, *widgets) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 2, 0, 0)
        lay.setSpacing(2)
        head = QLabel(f"<b>{title}</b>")
        head.setContentsMargins(4, 0, 0, 0)
        lay.addWidget(head)
        for w in widgets:
            lay.addWidget(w, 1 if not isinstance(w, QLabel) else 0)
        lay.addStretch(0)
        return box

    def reload(self) -> None:
        self.reload_notes()
        self.reload_highlights()

    def reload_highlights(self) -> None:
        n = self.highlights.reload()
        self.highlights.setVisible(n > 0)
        self.no_highlights.setVisible(n == 0)

    def reload_notes(self) -> None:
        notes = self.ctx.store.list_notes()
        linked = [n for n in notes if not n.orphan]
        orphans = [n for n in notes if n.orphan]
        self.list.clear()
        cat = self.ctx.catalogue
        for n in linked:
            m = cat.get(n.measure_id)
            where = cat.label(m) if m else n.measure_id
            first = n.text.strip().splitlines()[0] if n.text.strip() else ""
            item = QListWidgetItem(
                f"{m.title if m else n.title}\n{where}・{local_date(n.updated)}　{first[:40]}"
            )
            item.setData(NOTE_ROLE, n)
            item.setToolTip(n.text[:500])
            self.list.addItem(item)
        if orphans:
            head = QListWidgetItem(self.tr("施策集にない施策のメモ（{0}）").format(len(orphans)))
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(head)
            for n in orphans:
                item = QListWidgetItem(f"{n.title}\n{n.measure_id}・{local_date(n.updated)}")
                item.setData(NOTE_ROLE, n)
                item.setToolTip(n.text[:500])
                self.list.addItem(item)
        self.empty.setVisible(not notes)
        self.list.setVisible(bool(notes))

    def ids(self) -> list[str]:
        out = []
        for i in range(self.list.count()):
            n = self.list.item(i).data(NOTE_ROLE)
            if n is not None:
                out.append(n.measure_id)
        return out

    def _activated(self, item: QListWidgetItem) -> None:
        n = item.data(NOTE_ROLE)
        if n is None:
            return
        if not n.orphan:
            self.open_measure.emit(n.measure_id)
            return
        # an orphan: show the text (selectable, so it can be copied) and offer deletion
        box = QInputDialog(self)
        box.setWindowTitle(self.tr("施策集にない施策のメモ"))
        box.setLabelText(
            self.tr("「{0}」（{1}）のメモ。現在の施策集にはこの施策がありません。").format(
                n.title, n.measure_id
            )
        )
        box.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        box.setTextValue(n.text)
        box.setOkButtonText(self.tr("閉じる"))
        box.setCancelButtonText(self.tr("このメモを削除…"))
        if box.exec() == QInputDialog.DialogCode.Rejected:
            if (
                QMessageBox.question(
                    self, self.tr("メモの削除"), self.tr("このメモと履歴を削除しますか？")
                )
                == QMessageBox.StandardButton.Yes
            ):
                self.ctx.store.delete_note_key(n.key)
                self.reload()
