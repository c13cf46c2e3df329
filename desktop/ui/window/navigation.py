"""Opening things, back/forward with the search they came from, the 目次 and the tabs,
the recent measures, and requests from a second launch."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from desktop import APP_TITLE
from desktop.errors import UserError
from desktop.ui.models.toc_model import LOCATION_ROLE
from desktop.ui.nav_history import PREFACE, Place, remember_recent
from desktop.ui.tabs import TAB_TOC
from desktop.ui.widgets.toc_view import TocView

BIG_GROUP = 2000  # rows the 目次 lays out before the first paint to show the open measure


class NavigationMixin:
    # -- opening ------------------------------------------------------------------------------

    def open_location(self, location: str, record: bool = True) -> bool:
        """Show a measure (by id) or the preface; the note being edited is saved first.

        False when nothing was opened: an unknown id, or the note being edited could not be
        saved (then the window stays where it is, with the typed text, and says why)."""
        marks = self.highlight_query(location)  # the query, or what matched a tier-2 hit
        if location == self.location and self.view.query == marks and self._shown:
            self._after_open(location)  # already there: just make everything agree
            return True
        cat = self.ctx.catalogue
        m = None if location == PREFACE else cat.get(location)
        if m is None and location != PREFACE:
            return False
        if record and self.location:
            self.history.leave(self.capture_place())
        if not self.editor.set_measure(m.id if m else None, m.title if m else ""):
            return self._switch_refused()
        if m is None:
            self.view.show_preface(cat.preface)
            self.reader.show_place(self.tr("はじめに"))
        else:
            if self.ctx.searcher_open:
                self.view.show_measure(m, marks, self._related(m.id))
            else:  # first measure at start-up: paint first, open the index right after
                self.view.show_measure(m, marks, ())
                QTimer.singleShot(0, lambda mid=m.id: self._late_related(mid))
            self.reader.show_place(cat.label(m))
        self.location = location
        self._shown = True
        if record:
            self.history.visit(self.capture_place(reader_scroll=0))
            self.settings.set("recent", remember_recent(self.settings.get("recent"), location))
        self.settings.set("last_location", location)
        self._after_open(location)
        self.location_changed.emit(location)
        return True

    def _after_open(self, location: str) -> None:
        if not self._painted and self.toc_model.group_size(location) > BIG_GROUP:
            # laying out thousands of rows to show this one (100× the catalogue): after
            # the first paint, like the related measures
            self.after_paint(lambda: self._sync_tree(self.location or location))
        else:
            self._sync_tree(location)
        self.results.select_id(location)
        self._update_nav()
        self.update_bookmark_button()

    def _switch_refused(self) -> bool:
        """The note could not be saved: stay, keep the text, say so. Returns False."""
        if self.location:
            self._sync_tree(self.location)  # the tree may already show the other item
            self.results.select_id(self.location)
        error = self.editor.autosave.error
        self.notify(self.tr("メモを保存できないため、移動しませんでした"))
        QMessageBox.warning(
            self,
            APP_TITLE,
            self.tr(
                "メモを保存できないため、表示を切り替えませんでした。\n{0}\n\n"
                "入力したメモはそのまま残っています。空き容量や保存先のフォルダを確認してから、"
                "もう一度お試しください。"
            ).format(error),
        )
        return False

    def _related(self, measure_id: str) -> list:
        try:
            return self.ctx.searcher.related(measure_id, 5)
        except Exception:  # no index: the measure still reads fine without related ones
            return []

    def _late_related(self, measure_id: str) -> None:
        if not self._painted:  # a zero timer can run before X11 exposes the window
            self.after_paint(lambda: self._late_related(measure_id))
            return
        if self.location == measure_id and self.view.measure is not None:
            self.view.set_related(self._related(measure_id))

    # -- back and forward ---------------------------------------------------------------------

    def capture_place(self, reader_scroll: int | None = None) -> Place:
        return Place(
            location=self.location or PREFACE,
            query=self.query,
            pillar=self.filters.pillar.currentData() or None,
            ministry=self.filters.ministry_name(),
            tag=self.filters.tag_name(),
            results=self.left.currentWidget() is self.results,
            tab=self.tabs.currentIndex(),
            results_scroll=self.results.scroll(),
            reader_scroll=(
                self.view.verticalScrollBar().value() if reader_scroll is None else reader_scroll
            ),
        )

    def restore_place(self, place: Place) -> bool:
        """The search, the left pane and the measure as they were, then the scroll."""
        self.search_box.blockSignals(True)
        self.search_box.setText(place.query)
        self.search_box.blockSignals(False)
        self.filters.restore(place.pillar, place.ministry, place.tag)
        self.tabs.setCurrentIndex(place.tab)
        self.run_search(place.query)
        if not place.results:
            self.show_browse()
        if not self.open_location(place.location, record=False):
            return False
        self.results.set_scroll(place.results_scroll)
        self.view.verticalScrollBar().setValue(place.reader_scroll)
        return True

    def go_back(self) -> None:
        self._step(-1)

    def go_forward(self) -> None:
        self._step(1)

    def _step(self, delta: int) -> None:
        if not (self.history.can_back() if delta < 0 else self.history.can_forward()):
            return
        if not self.editor.autosave.flush():
            self._switch_refused()
            return
        self.history.leave(self.capture_place())
        place = self.history.back() if delta < 0 else self.history.forward()
        if place and not self.restore_place(place):
            # refused: stay at the same place in the history
            (self.history.forward if delta < 0 else self.history.back)()
        self._update_nav()

    def _update_nav(self) -> None:
        self.commands.back.setEnabled(self.history.can_back())
        self.commands.forward.setEnabled(self.history.can_forward())

    # -- the 目次 and the tabs ----------------------------------------------------------------

    def _sync_tree(self, key: str) -> None:
        idx = self.toc_model.index_of(key)
        if idx.isValid() and self.tree.currentIndex() != idx:
            self._syncing_tree = True
            try:
                self.tree.setCurrentIndex(idx)
                self.tree.scrollTo(idx)
            finally:
                self._syncing_tree = False

    def _tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_tree:
            return
        loc = current.data(LOCATION_ROLE)
        if loc and loc != self.location:
            self.open_location(loc)

    def _tree_activated(self, index: QModelIndex) -> None:
        loc = index.data(LOCATION_ROLE)
        if loc:
            self.open_location(loc)
        else:
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def show_in_tree(self, key: str) -> None:
        """Breadcrumb link: the chapter or pillar in the 目次 tab. The search stays (the
        bar over the tabs and 戻る lead back to its results)."""
        if self.location:
            self.history.leave(self.capture_place())
        self.show_tab(TAB_TOC)
        idx = self.toc_model.index_of(key)
        if idx.isValid():
            self._syncing_tree = True
            try:
                self.tree.setCurrentIndex(idx)
                self.tree.expand(idx)
                self.tree.scrollTo(idx, TocView.ScrollHint.PositionAtTop)
            finally:
                self._syncing_tree = False
            self.tree.setFocus()
        if self.location:
            self.history.visit(self.capture_place(), step=True)
            self._update_nav()

    def show_tab(self, i: int) -> None:
        self.show_browse()
        self.tabs.setCurrentIndex(i)
        self.tabs.currentWidget().setFocus()

    # -- recent measures ----------------------------------------------------------------------

    def recent_locations(self) -> list[str]:
        cat = self.ctx.catalogue
        return [r for r in self.settings.get("recent") if isinstance(r, str) and cat.get(r)]

    def fill_recent_menu(self, menu=None) -> None:
        menu = menu or self.commands.recent_menu
        menu.clear()
        cat = self.ctx.catalogue
        for mid in self.recent_locations():
            m = cat.get(mid)
            a = menu.addAction(f"{cat.label(m)}　{m.title}")
            a.triggered.connect(lambda _c=False, i=mid: self.open_location(i))
        if menu.isEmpty():
            menu.addAction(self.tr("（まだありません）")).setEnabled(False)

    def show_recent_menu(self) -> None:
        """Ctrl+H: the recent measures as a menu under the reader's header."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.fill_recent_menu(menu)
        menu.exec(self.reader.mapToGlobal(self.reader.location_label.geometry().bottomLeft()))

    # -- a second launch ----------------------------------------------------------------------

    def handle_request(self, line: str) -> str:
        """`shisaku open ID` / `shisaku` started again: show it here. Reply for the caller."""
        command, _, arg = line.partition(" ")
        busy = QApplication.activeModalWidget()
        if busy is not None:  # the user is answering a question here: do not navigate away
            busy.raise_()
            busy.activateWindow()
            return (
                "error 施策ナビで開いているダイアログを閉じてから、もう一度お試しください"
                " (a dialog is open in the running window)"
            )
        if command == "open" and arg:
            try:
                self.ctx.catalogue.require(arg)
            except UserError as e:
                return f"error {e}"
            self.open_location(arg)
        elif command != "show":
            return "error 不明な要求です (unknown request)"
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        return "ok"
