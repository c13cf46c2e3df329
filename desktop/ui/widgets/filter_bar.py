"""柱, 府省庁 and タグ filter lists next to the search box, with counts for the current query.
The タグ list holds the user's tags (from the store, counted by the searcher); choosing one
filters as `タグ:NAME` typed in the box does."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSizePolicy, QWidget

from desktop.ui.a11y import describe


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, catalogue, parent=None):
        super().__init__(parent)
        self.pillars = [p for p in catalogue.pillars if p.chapter == 1]
        self.chapters = [c.number for c in catalogue.chapters if c.number != 1]
        self.pillar = QComboBox()
        describe(
            self.pillar,
            self.tr("柱で絞り込む"),
            self.tr("第1章の柱、または第2章に絞り込む。括弧内は今の検索での件数"),
            tooltip=True,
        )
        self.ministry = QComboBox()
        describe(
            self.ministry,
            self.tr("府省庁で絞り込む"),
            self.tr("担当の府省庁に絞り込む。括弧内は今の検索での件数"),
            tooltip=True,
        )
        self.tag = QComboBox()
        describe(
            self.tag,
            self.tr("タグで絞り込む"),
            self.tr("自分で付けたタグに絞り込む。括弧内は今の検索での件数"),
            tooltip=True,
        )
        for combo in (self.pillar, self.ministry, self.tag):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)  # three lists fit a 760-pixel window
            combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.pillar)
        lay.addWidget(self.ministry)
        lay.addWidget(self.tag)
        # a list's width besides its text (label_widths), measured now, in the font the
        # lists start with: QComboBox keeps its first minimum size through font changes, so
        # measured after a zoom (a restart at a saved zoom) it came out 30 px short
        c = self.pillar
        self._frame = c.minimumSizeHint().width() - 6 * c.fontMetrics().horizontalAdvance("X")
        self.update_counts({})

    def label_widths(self) -> list[int]:
        """The width each list needs to show its 「すべての…」 label whole: its frame and
        arrow (measured once) and the label in the current font (zoom)."""
        return [
            self._frame + c.fontMetrics().horizontalAdvance(c.itemText(0))
            for c in (self.pillar, self.ministry, self.tag)
        ]

    def labels_width(self) -> int:
        return sum(self.label_widths()) + max(0, self.layout().spacing()) * 2

    def keep_labels_whole(self, on: bool) -> None:
        """Each list at least as wide as its label (on), or as narrow as Qt allows (off: the
        window must stay free to become narrower than the three labels)."""
        widths = self.label_widths() if on else [0, 0, 0]
        for combo, w in zip((self.pillar, self.ministry, self.tag), widths, strict=True):
            if combo.minimumWidth() != w:
                combo.setMinimumWidth(w)

    # values for Searcher.run: ("pillar", n) / ("chapter", n) / None; ministry name / None
    def place(self) -> tuple[str, int] | None:
        # item data is "pillar:4" / "chapter:2": plain strings survive QVariant and findData
        data = self.pillar.currentData()
        if not data:
            return None
        kind, _, n = data.partition(":")
        return kind, int(n)

    def place_index(self, kind: str, number: int) -> int:
        return self.pillar.findData(f"{kind}:{number}")

    def ministry_name(self) -> str | None:
        return self.ministry.currentData()

    def tag_name(self) -> str | None:
        return self.tag.currentData()

    def active(self) -> bool:
        return (
            self.place() is not None
            or self.ministry_name() is not None
            or self.tag_name() is not None
        )

    def set_ministry(self, name: str | None) -> None:
        self._fill_ministry({name: 0} if name else {}, name)
        self.changed.emit()

    def set_tag(self, name: str | None) -> None:
        self._fill_tag({name: 0} if name else {}, name)
        self.changed.emit()

    def show_tag(self, name: str | None) -> None:
        """Show this tag (None: すべてのタグ) as chosen, without emitting `changed`."""
        self._fill_tag({name: 0} if name else {}, name)

    def restore(self, pillar: str | None, ministry: str | None, tag: str | None = None) -> None:
        """Choose these values again (戻る), without emitting `changed`."""
        self.blockSignals(True)
        self.pillar.blockSignals(True)
        i = self.pillar.findData(pillar) if pillar else 0
        self.pillar.setCurrentIndex(max(0, i))
        self.pillar.blockSignals(False)
        self._fill_ministry({ministry: 0} if ministry else {}, ministry)
        self._fill_tag({tag: 0} if tag else {}, tag)
        self.blockSignals(False)

    def clear(self) -> None:
        self.blockSignals(True)
        self.pillar.setCurrentIndex(0)
        self.ministry.setCurrentIndex(0)
        self.tag.setCurrentIndex(0)
        self.blockSignals(False)

    def update_counts(self, facets: dict) -> None:
        """Refill the lists; the chosen values stay chosen even with a count of 0."""
        place = self.pillar.currentData() if self.pillar.count() else None
        self.pillar.blockSignals(True)
        self.pillar.clear()
        self.pillar.addItem(self.tr("すべての柱"), None)
        counts = facets.get("pillar", {})
        for p in self.pillars:
            n = counts.get(p.number, 0)
            self.pillar.addItem(f"{p.number}．{p.title}（{n}）", f"pillar:{p.number}")
        for c in self.chapters:
            n = facets.get("chapter", {}).get(c, 0)
            self.pillar.addItem(self.tr("第{0}章（{1}）").format(c, n), f"chapter:{c}")
        i = self.pillar.findData(place) if place else 0
        self.pillar.setCurrentIndex(max(0, i))
        self.pillar.blockSignals(False)
        self._fill_ministry(facets.get("ministry", {}), self.ministry_name())
        self._fill_tag(facets.get("tag", {}), self.tag_name())

    def _fill_ministry(self, counts: dict, chosen: str | None) -> None:
        _fill_names(self.ministry, self.tr("すべての府省庁"), counts, chosen)

    def _fill_tag(self, counts: dict, chosen: str | None) -> None:
        _fill_names(self.tag, self.tr("すべてのタグ"), counts, chosen)


def _fill_names(combo, everything: str, counts: dict, chosen: str | None) -> None:
    """「すべての…」 then each name with its count; the chosen one stays chosen (with 0 if
    the current results lack it). No `currentIndexChanged` reaches the window."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    names = dict(counts)
    if chosen and chosen not in names:
        names[chosen] = 0
    for name, n in names.items():
        combo.addItem(f"{name}（{n}）", name)
    i = combo.findData(chosen) if chosen else 0
    combo.setCurrentIndex(max(0, i))
    combo.blockSignals(False)
