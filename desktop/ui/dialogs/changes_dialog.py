"""A dialog that shows what an import or a restore would change, grouped (added, conflicts,
unchanged), and changes nothing unless the user confirms.

Import (.shisaku) and restore (backup) fill it from their Qt-free previews
(desktop.share.ImportPreview, desktop.restore_preview.RestorePreview)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.ui.a11y import describe

ADDS, CONFLICTS, SAME, SKIPPED = "adds", "conflicts", "same", "skipped"


@dataclass
class Row:
    key: str  # the measure id (or a collection name)
    text: str  # the title, or what happens
    details: list[str] = field(default_factory=list)  # lines under the row


@dataclass
class Section:
    label: str
    kind: str  # ADDS, CONFLICTS, SAME or SKIPPED
    rows: list[Row] = field(default_factory=list)


class ChangesDialog(QDialog):
    """exec() → Accepted only when the user pressed the confirm button."""

    def __init__(
        self,
        title: str,
        heading: str,
        summary: str,
        sections: list[Section],
        confirm: str,
        changes: bool,
        parent=None,
    ):
        super().__init__(parent)
        self.setObjectName("changes_dialog")
        self.setWindowTitle(title)
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("ID など"), self.tr("施策名・内容")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setAlternatingRowColors(True)
        describe(
            self.tree,
            self.tr("変更の一覧"),
            self.tr("追加されるもの、競合するもの、変わらないもの"),
        )
        self.sections = [s for s in sections if s.rows]
        for s in self.sections:
            self._add_section(s)
        self.buttons = QDialogButtonBox()
        self.confirm_button = None
        if changes:
            self.confirm_button = self.buttons.addButton(
                confirm, QDialogButtonBox.ButtonRole.AcceptRole
            )
            describe(self.confirm_button, confirm, self.tr("一覧のとおりに変更する"), True)
            self.confirm_button.clicked.connect(lambda _c=False: self.accept())
            cancel = self.buttons.addButton(
                self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole
            )
            describe(cancel, self.tr("キャンセル"), self.tr("何も変更せずに閉じる"))
        else:
            cancel = self.buttons.addButton(
                self.tr("閉じる"), QDialogButtonBox.ButtonRole.RejectRole
            )
            describe(cancel, self.tr("閉じる"), self.tr("何も変更せずに閉じる"))
        cancel.clicked.connect(lambda _c=False: self.reject())
        self.cancel_button = cancel
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.buttons)
        self.resize(760, 520)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Enter never changes anything by accident (the button box would make the confirm
        # button the default as it shows)
        if self.confirm_button is not None:
            self.confirm_button.setDefault(False)
        self.cancel_button.setDefault(True)

    def _add_section(self, s: Section) -> None:
        top = QTreeWidgetItem([f"{s.label}（{len(s.rows)} 件）", ""])
        self.tree.addTopLevelItem(top)
        top.setFirstColumnSpanned(True)  # only once it is in the tree
        font = QFont(self.font())
        font.setBold(True)
        top.setFont(0, font)
        if s.kind == CONFLICTS:
            top.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            top.setForeground(0, QBrush(QColor("#b3261e")))
        for row in s.rows:
            item = QTreeWidgetItem(top, [row.key, row.text])
            for line in row.details:
                child = QTreeWidgetItem(item, ["", line])
                child.setToolTip(1, line)
            item.setExpanded(s.kind == CONFLICTS)
        top.setExpanded(s.kind in (ADDS, CONFLICTS))

    def section_texts(self) -> dict[str, list[str]]:
        """{section label: [row texts]} — what the user reads (for tests and screen readers)."""
        out = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            rows = []
            for j in range(top.childCount()):
                item = top.child(j)
                rows.append(f"{item.text(0)} {item.text(1)}".strip())
                rows += [item.child(k).text(1) for k in range(item.childCount())]
            out[top.text(0)] = rows
        return out
