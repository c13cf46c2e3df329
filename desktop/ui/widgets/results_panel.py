"""The results list that takes the tree's place while a search is active."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from desktop.ui.models.results_model import ID_ROLE, ResultsModel
from desktop.ui.widgets.result_delegate import ResultDelegate


class ResultsPanel(QWidget):
    open_measure = Signal(str)
    clear_filters = Signal()

    def __init__(self, catalogue, parent=None):
        super().__init__(parent)
        self.model = ResultsModel(catalogue, self)
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(ResultDelegate(self.list, self.tr("メモ")))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.activated.connect(self._open)
        self.list.clicked.connect(self._open)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.unfilter = QPushButton(self.tr("フィルタを解除"))
        self.unfilter.clicked.connect(self.clear_filters)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.count)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty)
        lay.addWidget(self.unfilter)
        lay.addStretch(0)
        self.empty.hide()
        self.unfilter.hide()

    def show_result(self, result, filtered: bool) -> None:
        self.model.set_hits(result.hits, result.total)
        n = result.total
        text = self.tr("{0} 件").format(n)
        if n > len(result.hits):
            text += self.tr("（上位 {0} 件を表示）").format(len(result.hits))
        if result.messages:
            text += "\n" + "\n".join(result.messages)
        self.count.setText(text)
        if n == 0:
            msg = self.tr("該当する施策はありません。")
            if filtered:
                msg += self.tr("柱・府省庁のフィルタを外すと見つかるかもしれません。")
            self.empty.setText(msg)
        self.empty.setVisible(n == 0)
        self.unfilter.setVisible(n == 0 and filtered)
        self.list.setVisible(n > 0)
        if n:
            self.list.setCurrentIndex(self.model.index(0))

    def move(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        cur = self.list.currentIndex().row()
        row = max(0, min(rows - 1, (cur if cur >= 0 else -1) + step))
        self.list.setCurrentIndex(self.model.index(row))

    def current_id(self) -> str | None:
        idx = self.list.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def _open(self, index) -> None:
        mid = index.data(ID_ROLE)
        if mid:
            self.open_measure.emit(mid)
