"""The results list that takes the tree's place while a search is active.

The selected row is always the measure shown in the reader (or none): a new result list
selects nothing unless the open measure is in it. ↓ from the search box goes to the first
row; a click, Enter or the arrow keys open the row, as in the 目次.

Exact matches come first; when tier 2 found something, separator rows head the tiers
(「完全一致 N 件」, 「近い結果 M 件」) and the keys step over them. A search that finds
nothing offers what the searcher suggests (「もしかして」) as a link that searches it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from desktop.ui.a11y import describe
from desktop.ui.models.results_model import ID_ROLE, ResultsModel


class ResultsPanel(QWidget):
    open_measure = Signal(str)
    clear_filters = Signal()
    suggestion_chosen = Signal(str, bool)  # query, drop the filters
    tag_clicked = Signal(str)  # a row's tag chip was clicked

    def __init__(self, catalogue, parent=None):
        super().__init__(parent)
        self.model = ResultsModel(catalogue, self, self.tr("メモ"))
        self.model.comment_label = self.tr("コメントに一致")
        self._selecting = False
        self._suggestion = None
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.count.setContentsMargins(4, 2, 4, 2)
        self.list = QListView()
        self.list.setModel(self.model)
        self._delegate = None  # set with the first results (ensure_delegate)
        # two row heights (hits, tier separators): sizeHint reads no text, so this is cheap
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
            self.tr("柱・府省庁・タグの絞り込みを外して検索し直す"),
            tooltip=True,
        )
        self.unfilter.clicked.connect(lambda _c=False: self.clear_filters.emit())
        self.suggest = QLabel()  # 「もしかして」: a link that searches the suggestion
        self.suggest.setTextFormat(Qt.TextFormat.RichText)
        self.suggest.setWordWrap(True)
        self.suggest.setContentsMargins(4, 2, 4, 2)
        self.suggest.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.suggest.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.suggest.linkActivated.connect(lambda _href: self._choose_suggestion())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.count)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty)
        lay.addWidget(self.suggest)
        lay.addWidget(self.unfilter)
        lay.addStretch(0)
        self.empty.hide()
        self.suggest.hide()
        self.unfilter.hide()

    def headings(self, tiers: dict[str, int]) -> tuple[str, str] | None:
        """The separator rows' texts, when tier 2 found something."""
        near = tiers.get("variant", 0) + tiers.get("near", 0)
        if not near:
            return None
        return (
            self.tr("完全一致 {0} 件").format(tiers.get("exact", 0)),
            self.tr("近い結果 {0} 件（別の表記・語の一部が一致）").format(near),
        )

    def ensure_delegate(self) -> None:
        """The row drawing, made with the first results, not before the first paint: its
        module touches QStyle, whose Python enums alone cost ~13 ms (decision 0007)."""
        if self._delegate is None:
            from desktop.ui.widgets.result_delegate import ResultDelegate

            self._delegate = ResultDelegate(self.list, self.tr("メモ"), self.tr("コメントに一致"))
            self._delegate.tag_clicked.connect(self.tag_clicked)
            # the tags the window gave the list before it had rows (show_tag_chips)
            self._delegate.tags = getattr(self.model, "tags", None) or {}
            self.list.setItemDelegate(self._delegate)

    def show_result(self, result, filtered: bool, open_id: str | None = None) -> None:
        self.ensure_delegate()
        tiers = getattr(result, "tiers", {}) or {}
        headings = self.headings(tiers)
        self.model.set_hits(result.hits, result.total, headings)
        n = result.total
        text = self.tr("{0} 件").format(n)
        if headings:
            text += self.tr("（完全一致 {0} 件・近い結果 {1} 件）").format(
                tiers.get("exact", 0), n - tiers.get("exact", 0)
            )
        if n > len(result.hits):
            text += self.tr("（上位 {0} 件を表示）").format(len(result.hits))
        if result.messages:
            text += "\n" + "\n".join(result.messages)
        self.count.setText(text)
        self.count.setAccessibleName(text)
        if n == 0:
            msg = self.tr("該当する施策はありません。")
            if filtered:
                msg += self.tr("柱・府省庁・タグのフィルタを外すと見つかるかもしれません。")
            self.empty.setText(msg)
        self._show_suggestion(getattr(result, "suggestion", None) if n == 0 else None)
        self.empty.setVisible(n == 0)
        self.unfilter.setVisible(n == 0 and filtered)
        self.list.setVisible(n > 0)
        self.select_id(open_id)

    def _show_suggestion(self, s) -> None:
        self._suggestion = s
        if s is None:
            self.suggest.hide()
            return
        if s.drop_filters and not s.query:  # the query was filters alone (タグ:X, 柱:N)
            what = self.tr("絞り込みを外してすべての施策を表示（{0} 件）").format(s.count)
        elif s.drop_filters:
            what = self.tr("フィルタを外して「{0}」を検索（{1} 件）").format(s.query, s.count)
        else:
            what = self.tr("「{0}」を検索（{1} 件）").format(s.query, s.count)
        self.suggest.setText(self.tr("もしかして: ") + f'<a href="suggest">{escape(what)}</a>')
        describe(
            self.suggest,
            self.tr("もしかして: {0}").format(what),
            self.tr("クリックまたは Enter でこの検索に切り替える"),
            tooltip=True,
        )
        self.suggest.show()

    def _choose_suggestion(self) -> None:
        s = self._suggestion
        if s is not None:
            self.suggestion_chosen.emit(s.query, s.drop_filters)

    def select_id(self, measure_id: str | None) -> None:
        """Select the row of the measure the reader shows; no row if it is not listed."""
        row = self.model.row_of(measure_id)
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
        """↑↓ (and page keys) from the search box: the row opens, as in the list itself.
        Steps count hits: separator rows are passed over."""
        rows = self.model.hit_rows()
        if not rows:
            return
        idx = self.list.currentIndex()
        cur = rows.index(idx.row()) if idx.isValid() and idx.row() in rows else -1
        k = max(0, min(len(rows) - 1, step - 1 if cur < 0 and step > 0 else cur + step))
        self.list.setCurrentIndex(self.model.index(rows[k]))

    def current_id(self) -> str | None:
        """The row Enter opens: the current one, else the first hit."""
        idx = self.list.currentIndex()
        if not idx.isValid() or self.model.is_separator(idx.row()):
            rows = self.model.hit_rows()
            idx = self.model.index(rows[0]) if rows else idx
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
