"""The reader's annotation row, under its header: the open measure's tags as small chips,
the highlight at the caret (colour and comment), and buttons for the mouse — ハイライト
(▾: the colours, コメント, 削除), コメント and タグ. The buttons trigger the window's
QActions, so a click, a menu entry and a key do exactly the same thing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from desktop.ui.a11y import describe
from desktop.ui.annotate.colours import COLOUR_LABELS

CHIP_STYLE = (
    "QToolButton { border: 1px solid palette(mid); border-radius: 9px; padding: 0px 7px;"
    " background: palette(alternate-base); color: palette(text); }"
    " QToolButton:focus { border: 2px solid palette(highlight); }"
)
MAX_CHIP = 12  # characters of a tag shown in its chip (the tooltip has it whole)


def chip_text(name: str) -> str:
    return name if len(name) <= MAX_CHIP else name[: MAX_CHIP - 1] + "…"


class AnnotationBar(QWidget):
    chip_clicked = Signal(str, QToolButton)  # tag name, its chip (the menu opens under it)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chips: list[QToolButton] = []
        self.names: list[str] = []  # the tags the chips show, in order
        self.chip_row = QHBoxLayout()
        self.chip_row.setContentsMargins(0, 0, 0, 0)
        self.chip_row.setSpacing(4)
        self.current = QLabel()
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.current.setMinimumWidth(40)
        describe(self.current, self.tr("ハイライト"))
        self.highlight_button = self._button(self.tr("ハイライト"))
        self.highlight_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.highlight_menu = QMenu(self.highlight_button)
        self.highlight_button.setMenu(self.highlight_menu)
        self.comment_button = self._button(self.tr("コメント"))
        self.tag_button = self._button(self.tr("タグ…"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 0, 6, 0)
        lay.setSpacing(4)
        lay.addLayout(self.chip_row)
        lay.addWidget(self.current, 1)
        lay.addWidget(self.highlight_button)
        lay.addWidget(self.comment_button)
        lay.addWidget(self.tag_button)

    def _button(self, text: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return b

    def use_actions(self, highlight: QAction, colours, comment: QAction, delete: QAction, tags):
        """Each button triggers its action, is enabled with it and says its shortcut."""
        for b, action, name in (
            (self.highlight_button, highlight, self.tr("ハイライト")),
            (self.comment_button, comment, self.tr("ハイライトのコメント")),
            (self.tag_button, tags, self.tr("タグを編集")),
        ):
            b.clicked.connect(lambda _c=False, a=action: a.trigger())

            def sync(b=b, a=action, name=name) -> None:
                b.setEnabled(a.isEnabled())
                describe(b, name, a.toolTip(), tooltip=True)

            action.changed.connect(sync)
            sync()
        self.highlight_menu.addActions(list(colours))
        self.highlight_menu.addSeparator()
        self.highlight_menu.addActions([comment, delete])

    def set_tags(self, names: list[str]) -> None:
        if list(names) == self.names:
            return  # the same chips: keep them (and the focus on one)
        for chip in self.chips:
            self.chip_row.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        self.names = list(names)
        for name in names:
            chip = QToolButton()
            chip.setObjectName("tag_chip")
            chip.setText(chip_text(name))
            chip.setStyleSheet(CHIP_STYLE)
            chip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            describe(
                chip,
                self.tr("タグ: {0}").format(name),
                self.tr("クリックでメニュー（外す・タグの編集）"),
                tooltip=True,
            )
            chip.clicked.connect(lambda _c=False, n=name, c=chip: self.chip_clicked.emit(n, c))
            self.chip_row.addWidget(chip)
            self.chips.append(chip)

    def show_current(self, h) -> None:
        """The highlight at the caret: its colour and comment (elided to the room left)."""
        if h is None:
            self.current.setText("")
            self.current.setToolTip("")
            describe(
                self.current,
                self.tr("ハイライト"),
                self.tr("カーソルの位置にハイライトはありません"),
            )
            return
        colour = COLOUR_LABELS.get(h.colour, h.colour)
        text = self.tr("{0}のハイライト").format(colour)
        if h.comment:
            text += "：" + " ".join(h.comment.split())
        width = max(40, self.current.width() - 4)
        self.current.setText(
            QFontMetrics(self.current.font()).elidedText(text, Qt.TextElideMode.ElideRight, width)
        )
        self.current.setToolTip(text)
        describe(
            self.current, text, self.tr("カーソルの位置のハイライト。1〜4 で色、Delete で削除")
        )
