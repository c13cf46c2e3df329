"""Searching: the box, the 柱/府省庁/タグ filters, the result list and its way back."""

from __future__ import annotations

RESULT_LIMIT = 200  # rows in the list; the count shows the total


class SearchMixin:
    _mirrored_tag: str | None = None  # the タグ list shows this because it was typed

    def exact_only(self) -> bool:
        """「完全一致のみ」: search without tier 2 (remembered in the settings)."""
        return bool(self.settings.get("exact_only"))

    def set_exact_only(self, on: bool) -> None:
        self.settings.set("exact_only", bool(on))
        self.commands.exact_only.setChecked(bool(on))
        if self.searching():
            self.run_search()

    def search_suggestion(self, query: str, drop_filters: bool) -> None:
        """The 「もしかして」 link: search that instead (without the filters if it says so)."""
        if drop_filters:
            self.filters.blockSignals(True)
            self.filters.clear()
            self.filters.blockSignals(False)
        self.search_box.blockSignals(True)
        self.search_box.setText(query)
        self.search_box.blockSignals(False)
        self.run_search(query)
        self.search_box.setFocus()

    def highlight_query(self, measure_id: str | None) -> str:
        """What the reader marks in a measure: the query; for a hit of another spelling or
        a near match, the words that matched it there (not the query string)."""
        hit = self.results.model.hit(measure_id) if self.query else None
        if hit is None or getattr(hit, "match", "exact") == "exact" or not hit.matched:
            return self.query
        return " OR ".join(w if '"' in w else f'"{w}"' for w in hit.matched)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def searching(self) -> bool:
        return bool(self.search_box.text().strip()) or self.filters.active()

    def run_search(self, text: str | None = None) -> None:
        text = self.search_box.text() if text is None else text
        self._mirror_typed_tag(text)
        place = self.filters.place()
        ministry = self.filters.ministry_name()
        tag = self.filters.tag_name()
        if not text.strip() and place is None and ministry is None and tag is None:
            self.query = ""
            self.filters.update_counts(self.ctx.searcher.facets("", tags=self.ctx.tags_map()))
            self.show_browse()
            if self.location and self.view.query:  # the box's × too: the marks go
                self.open_location(self.location, record=False)
            self.query_ran.emit(text)
            return
        result = self.ctx.searcher.run(
            text,
            limit=RESULT_LIMIT,
            ministry=ministry,
            pillar=place[1] if place and place[0] == "pillar" else None,
            chapter=place[1] if place and place[0] == "chapter" else None,
            exact=self.exact_only(),
            tag=tag,
            **self.ctx.user_search(),
        )
        self.query = text
        self.results.show_result(result, self.filters.active(), self.location)
        self.filters.update_counts(result.facets)
        self.left.setCurrentWidget(self.results)
        self._update_resume()
        self.query_ran.emit(text)

    def _typed_measure_id(self) -> str | None:
        import re
        import unicodedata

        text = unicodedata.normalize("NFKC", self.search_box.text()).strip()
        text = re.sub(r"[‐‑‒–—―−ー－]", "-", text)
        if re.fullmatch(r"\d+(?:-\d+){1,2}", text) and self.ctx.catalogue.get(text):
            return text
        return None

    def _mirror_typed_tag(self, text: str) -> None:
        """A tag typed as `タグ:NAME` shows in the タグ list as if chosen there (the same
        filter, so the results do not change); the list goes back to すべてのタグ when the
        typed tag goes. A tag the user chose in the list stays chosen."""
        typed = self._typed_tag(text) if "tag" in text.lower() or "タグ" in text else None
        chosen = self.filters.tag_name()
        if chosen is not None and chosen == self._mirrored_tag:
            if chosen == typed:
                return  # still the typed one
            self.filters.show_tag(None)  # it was only the typed one
            chosen = None
        self._mirrored_tag = None
        if chosen is None and typed is not None:
            self.filters.show_tag(typed)
            self._mirrored_tag = typed

    def _typed_tag(self, text: str) -> str | None:
        """The one tag the query names, spelled as the store has it; None for none, several
        or a tag nobody has."""
        from desktop.search.query import parse
        from desktop.userdata.tags import tag_key

        names = parse(text).tags
        if len(names) != 1:
            return None
        key = tag_key(names[0])
        return next((t.name for t in self.ctx.store.tags() if tag_key(t.name) == key), None)

    def open_current_result(self) -> None:
        """Enter in the box: the chosen result, or the measure whose number was typed
        (1-1-28, １－１－２８: officials cite measures by number; the search itself reads
        the digits as words)."""
        mid = self._typed_measure_id() or self.results.current_id()
        if mid:
            self.open_location(mid)

    def clear_search(self) -> None:
        """Esc in the box: no query, no filters, the 目次 tabs; the counts are the whole
        catalogue's again; the open measure loses its highlights."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.filters.clear()
        self.run_search("")
        if self.location:
            self.open_location(self.location, record=False)
        self.tabs.currentWidget().setFocus()

    def clear_filters(self) -> None:
        self.filters.clear()
        self.run_search()

    def filter_by_ministry(self, name: str) -> None:
        self.filters.blockSignals(True)
        self.filters.set_ministry(name)
        self.filters.blockSignals(False)
        self.run_search()

    def filter_by_tag(self, name: str) -> None:
        self.filters.blockSignals(True)
        self.filters.set_tag(name)
        self.filters.blockSignals(False)
        self.run_search()

    def search_again(self) -> None:
        """The user's tags or comments changed: the search still shown is run again (its
        rows, counts and chips), keeping the list where it was."""
        if not self.searching():
            if self.ctx.searcher_open:
                self.filters.update_counts(self.ctx.searcher.facets("", tags=self.ctx.tags_map()))
            return
        scroll = self.results.scroll()
        showing = self.left.currentWidget()
        self.run_search()
        self.results.set_scroll(scroll)
        if showing is not self.results:  # the user is in a tab (メモ, 目次): stay there
            self.left.setCurrentWidget(showing)
            self._update_resume()

    def show_results(self) -> None:
        """Back to the result list of the search still in the box (breadcrumb, tabs)."""
        if self.searching():
            if self.query != self.search_box.text() or not self.results.model.rowCount():
                self.run_search()
            self.left.setCurrentWidget(self.results)
            self._update_resume()
            self.results.list.setFocus()

    def show_browse(self) -> None:
        self.left.setCurrentWidget(self.browse)
        self._update_resume()

    def _update_resume(self) -> None:
        """The 「検索結果に戻る」 bar over the tabs, while a search is kept."""
        show = self.left.currentWidget() is self.browse and self.searching()
        if show:
            what = self.search_box.text().strip() or self.tr("絞り込み")
            self.resume_button.setText(
                self.tr("「{0}」の検索結果に戻る（{1} 件）").format(what, self.results.model.total)
            )
        self.resume_button.setVisible(show)
