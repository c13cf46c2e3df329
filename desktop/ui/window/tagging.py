"""Tags in the window (issue 12): a measure's tags (Ctrl+T, the reader's chips, the
bookmark, result and 目次 rows' menus), the chips drawn in the 目次 and result rows, and the
tag manager (rename, merge, delete, with undo). Store changes go through the annotation
mixin's _store_call and _changed (undo step, notice, panes refreshed).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from desktop.ui.annotate.dialogs import TagDialog, TagManager
from desktop.userdata.tags import fold


class TaggingMixin:
    def show_tag_chips(self) -> None:
        """The 目次 and result rows draw each measure's tags: one read of the store."""
        tags = self.ctx.tags_map()
        for view in (self.tree, self.results.list):
            view.itemDelegate().tags = tags
            view.model().tags = tags  # tooltips and what a screen reader says
            view.viewport().update()

    # -- editing --------------------------------------------------------------------------------

    def edit_tags(self, measure_id: str | None = None) -> None:
        """Ctrl+T, the タグ… button, or a list's menu: the measure's tags, with completion."""
        m = self.ctx.catalogue.get(measure_id or self.location or "")
        if m is None:
            return
        store = self.ctx.store
        dlg = TagDialog(
            m.title,
            lambda: store.tags_of(m.id),
            lambda: [t.name for t in store.tags()],
            lambda name: self.add_tag(m, name),
            lambda name: self.remove_tag(m, name),
            self,
        )
        dlg.exec()

    def add_tag(self, m, name: str) -> bool:
        store = self.ctx.store
        added = self._store_call(lambda: store.add_tag(m.id, m.title, name))
        if not added:
            return False
        self._changed(
            self.tr("「{0}」にタグ「{1}」を付けました").format(m.title, name),
            lambda: store.remove_tag(m.id, name),
            lambda: store.add_tag(m.id, m.title, name),
        )
        return True

    def remove_tag(self, m, name: str) -> bool:
        store = self.ctx.store
        if not self._store_call(lambda: store.remove_tag(m.id, name)):
            return False
        self._changed(
            self.tr("「{0}」からタグ「{1}」を外しました").format(m.title, name),
            lambda: store.add_tag(m.id, m.title, name),
            lambda: store.remove_tag(m.id, name),
        )
        return True

    def _chip_menu(self, name: str, chip) -> None:
        m = self._shown_measure()
        if m is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("タグ「{0}」を外す").format(name)).triggered.connect(
            lambda _c=False: self.remove_tag(m, name)
        )
        menu.addAction(self.tr("タグ「{0}」の施策を検索").format(name)).triggered.connect(
            lambda _c=False: self.filter_by_tag(name)
        )
        menu.addAction(self.commands.edit_tags)
        menu.addAction(self.commands.tag_manager)
        menu.exec(chip.mapToGlobal(QPoint(0, chip.height())))

    def manage_tags(self) -> None:
        store = self.ctx.store
        TagManager(store.tags, self.rename_tag, self.delete_tag, None, self).exec()

    def rename_tag(self, old: str, new: str) -> bool:
        """Rename OLD to NEW; onto an existing tag, a merge. Undo puts the two tags back as
        they were on this edition's measures."""
        store = self.ctx.store
        had_old = store.measures_with_tag(old)
        had_new = [] if fold(old) == fold(new) else store.measures_with_tag(new)
        done = self._store_call(lambda: store.rename_tag(old, new))
        if done is None:
            return False
        titles = self._titles(had_old)

        def undo() -> None:
            if not done.merged:
                store.rename_tag(done.new, old)
                return
            for mid in had_old:
                store.add_tag(mid, titles[mid], old)
            for mid in had_old:
                if mid not in had_new:
                    store.remove_tag(mid, done.new)

        label = (
            self.tr("タグ「{0}」を「{1}」に統合しました").format(old, done.new)
            if done.merged
            else self.tr("タグ「{0}」の名前を「{1}」に変えました").format(old, done.new)
        )
        self._follow_tag_filter(old, done.new)
        self._changed(label, undo, lambda: store.rename_tag(old, done.new))
        return True

    def _follow_tag_filter(self, old: str, new: str) -> None:
        """The タグ list chose the tag just renamed or merged: it chooses the new name (the
        search runs again in _changed)."""
        chosen = self.filters.tag_name()
        if chosen is not None and fold(chosen) == fold(old):
            self.filters.restore(
                self.filters.pillar.currentData() or None, self.filters.ministry_name(), new
            )

    def delete_tag(self, name: str) -> bool:
        store = self.ctx.store
        had = store.measures_with_tag(name)
        if self._store_call(lambda: store.delete_tag(name)) is None:
            return False
        titles = self._titles(had)

        def undo() -> None:
            for mid in had:
                store.add_tag(mid, titles[mid], name)

        self._changed(
            self.tr("タグ「{0}」を削除しました").format(name), undo, lambda: store.delete_tag(name)
        )
        return True

    def _titles(self, ids) -> dict[str, str]:
        cat = self.ctx.catalogue
        return {mid: (cat.get(mid).title if cat.get(mid) else mid) for mid in ids}

    def _result_menu(self, pos: QPoint) -> None:
        from desktop.ui.models.results_model import ID_ROLE

        lst = self.results.list
        mid = lst.indexAt(pos).data(ID_ROLE)
        if not mid:
            return
        menu = self.measure_menu(mid)
        menu.exec(lst.viewport().mapToGlobal(pos))

    def _toc_menu(self, pos: QPoint) -> None:
        from desktop.ui.models.toc_model import LOCATION_ROLE

        mid = self.tree.indexAt(pos).data(LOCATION_ROLE)
        if not mid or self.ctx.catalogue.get(mid) is None:  # a group, or the preface
            return
        self.measure_menu(mid).exec(self.tree.viewport().mapToGlobal(pos))

    def measure_menu(self, mid: str) -> QMenu:
        """A result or 目次 row's right-click menu: open, tag, and search by each of the
        measure's tags (the chips drawn in the row)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("開く")).triggered.connect(lambda _c=False: self.open_location(mid))
        menu.addAction(self.tr("タグ…")).triggered.connect(lambda _c=False: self.edit_tags(mid))
        tags = self.ctx.tags_map().get(mid, [])
        if tags:
            menu.addSeparator()
        for name in tags:
            menu.addAction(self.tr("タグ「{0}」の施策を検索").format(name)).triggered.connect(
                lambda _c=False, n=name: self.filter_by_tag(n)
            )
        return menu
