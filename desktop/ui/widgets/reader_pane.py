"""The reader pane: where we are (label, ★, 引用), find in the measure, the measure itself,
and the note editor below it (a splitter between the two)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QToolButton, QVBoxLayout, QWidget

from desktop.ui.a11y import describe
from desktop.ui.annotate.bar import AnnotationBar
from desktop.ui.widgets.bookmark_button import BookmarkButton
from desktop.ui.widgets.measure_view import MeasureView
from desktop.ui.widgets.note_editor import NoteEditor
from desktop.ui.widgets.wrap_row import WrapRow


class ReaderPane(QWidget):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.location_label = QLabel()
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location_label.setAccessibleDescription(self.tr("開いている施策の施策集での位置"))
        self.bookmark_button = BookmarkButton()
        self.cite_button = QToolButton()
        self.print_button = QToolButton()  # この施策を印刷・書き出す (the window sets its action)
        self.annot_bar = AnnotationBar()  # tag chips and the highlight buttons
        self.view = MeasureView()
        self._find_bar = None  # made on first use (find_bar)
        self.editor = NoteEditor(store)

        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for b in (self.bookmark_button, self.cite_button, self.print_button):
            row.addWidget(b)
        # where we are, then the buttons; under it when the pane is too narrow for both
        # (a large zoom on a small screen would make the window wider than the screen)
        self.header = WrapRow(
            [],
            self.location_label,
            [],
            buttons,
            lambda: buttons.sizeHint().width(),
            6,
            (6, 4, 6, 0),
        )
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.setSpacing(2)
        top_lay.addWidget(self.header)
        top_lay.addWidget(self.annot_bar)
        top_lay.addWidget(self.view, 1)
        self._top_lay = top_lay

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        describe(self.splitter, self.tr("本文とメモ"), self.tr("上に施策の本文、下にメモ"))
        describe(
            self.splitter.handle(1),
            self.tr("本文とメモの境界"),
            self.tr("ドラッグして本文とメモの高さを変える"),
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        self.view.rendered.connect(lambda: self._refresh_find(keep=False))
        self.view.restyled.connect(lambda: self._refresh_find(keep=True))

    @property
    def find_bar(self):
        """Find in the measure (Ctrl+F), made when first used and placed above the text: it
        starts hidden, and its module touches Qt classes the first paint does not need."""
        if self._find_bar is None:
            from desktop.ui.widgets.find_bar import FindBar

            self._find_bar = FindBar(self.view)
            self._top_lay.insertWidget(self._top_lay.indexOf(self.view), self._find_bar)
        return self._find_bar

    def _refresh_find(self, keep: bool) -> None:
        if self._find_bar is not None:  # never opened: nothing to find again
            self._find_bar.refresh(keep=keep)

    def show_place(self, label: str) -> None:
        self.location_label.setText(label)
        self.location_label.setAccessibleName(self.tr("表示中: {0}").format(label))
