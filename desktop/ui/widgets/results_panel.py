"""The results list that takes the tree's place while a search is active.

The selected row is always the measure shown in the reader (or none): a new result list
selects nothing unless the open measure is in it. ↓ from the search box goes to the first
row; a click, Enter or the arrow keys open the row, as in the 目次.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from desktop.ui.a11y import describe
from desktop.ui.models.results_model import ID_ROLE, ResultsModel
from desktop.ui.widgets.result_delegate import ResultDelegate


class ResultsPanel(QWidget):
    open_measure = Signal(str)
    clear_filters = Signal()

    def __init__(self, catalogue, parent=None):
        super().__init__(parent)
        self.model = ResultsModel(catalogue, self)
        self._selecting = False
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.count.setContentsMargins(4, 2, 4, 2)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(ResultDelegate(self.list, self.tr("メモ")))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        describe(
            self.list,
            self.tr("検索結果"),
            self.tr("検索に一致した施策。クリックまたは Enter で開く"),
        )
        self.list.activated.connect(self._open)
        self.list.clicked.connect(self._open)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(4, 2, 4, 2)
        self.unfilter = QPushButton(self.tr("フィルタを解除"))
        describe(
            self.unfilter,
            self.tr("フィルタを解除"),
            self.tr("柱・府省庁の絞り込みを外して検索し直す"),
            tooltip=True,
        )
        self.unfilter.clicked.connect(lambda _c=False: self.clear_filters.emit())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.count)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty)
        lay.addWidget(self.unfilter)
        lay.addStretch(0)
        self.empty.hide()
        self.unfilter.hide()

    def show_result(self, result, filtered: bool, open_id: str | None = None) -> None:
        self.model.set_hits(result.hits, result.total)
        n = result.total
        text = self.tr("{0} 件").format(n)
        if n > len(result.hits):
            text += self.tr("（上位 {0} 件を表示）").format(len(result.hits))
        if result.messages:
            text += "\n" + "\n".join(result.messages)
        self.count.setText(text)
        self.count.setAccessibleName(text)
        if n == 0:
            msg = self.tr("該当する施策はありません。")
            if filtered:
                msg += self.tr("柱・府省庁のフィルタを外すと見つかるかもしれません。")
            self.empty.setText(msg)
        self.empty.setVisible(n == 0)
        self.unfilter.setVisible(n == 0 and filtered)
        self.list.setVisible(n > 0)
        self.select_id(open_id)

    def select_id(self, measure_id: str | None) -> None:
        """Select the row of the measure the reader shows; no row if it is not listed."""
        row = self.model.ids().index(measure_id) if measure_id in self.model.ids() else -1
        self._selecting = True
        try:
            sm = self.list.selectionModel()
            if row < 0:
                sm.clear()  # nothing selected, nothing current: ↓ goes to the first row
            else:
                idx = self.model.index(row)
                sm.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.list.scrollTo(idx)
        finally:
            self._selecting = False

    def move(self, step: int) -> None:
        """↑↓ (and page keys) from the search box: the row opens, as in the list itself."""
        rows = self.model.rowCount()
        if not rows:
            return
        cur = self.list.currentIndex().row() if self.list.currentIndex().isValid() else -1
        row = max(0, min(rows - 1, step - 1 if cur < 0 and step > 0 else cur + step))
        self.list.setCurrentIndex(self.model.index(row))

    def current_id(self) -> str | None:
        """The row Enter opens: the current one, else the first."""
        idx = self.list.currentIndex()
        if not idx.isValid() and self.model.rowCount():
            idx = self.model.index(0)
        return idx.data(ID_ROLE) if idx.isValid() else None

    def scroll(self) -> int:
        return self.list.verticalScrollBar().value()

    def set_scroll(self, value: int) -> None:
        self.list.verticalScrollBar().setValue(value)

    def _current_changed(self, current, _previous) -> None:
        if not self._selecting and current.isValid():
            self._open(current)

    def _open(self, index) -> None:
        mid = index.data(ID_ROLE)
        if mid:
            self.open_measure.emit(mid)
