"""The ★ button and Ctrl+D: which collection, toggling, the ▾ menu."""

from __future__ import annotations

from desktop.userdata import DEFAULT_COLLECTION


class BookmarkMixin:
    def target_collection(self) -> str:
        name = self.settings.get("target_collection")
        names = {c.name for c in self.ctx.store.collections()}
        return name if name in names else DEFAULT_COLLECTION

    def set_target_collection(self, name: str) -> None:
        self.settings.set("target_collection", name)
        self.update_bookmark_button()

    def toggle_bookmark(self, collection: str | None = None) -> bool | None:
        """Add to or remove from the collection (default: the ★ button's). Returns the new
        state, or None when no measure is shown. Removing can be undone."""
        m = self.ctx.catalogue.get(self.location or "")
        if m is None:
            return None
        name = collection or self.target_collection()
        store = self.ctx.store
        if name in store.collections_of(m.id):
            mark = next(b for b in store.bookmarks(name) if b.measure_id == m.id and not b.orphan)
            self.bookmarks.remove_bookmark(mark)  # pushes the undo step, says so
            state = False
        else:
            store.add_bookmark(m.id, m.title, name)
            self.notify(self.tr("「{0}」に追加しました").format(name))
            self.bookmarks.reload()
            state = True
        self.update_bookmark_button()
        return state

    def fill_collection_menu(self) -> None:
        menu = self.bookmark_button.picker
        menu.clear()
        m = self.ctx.catalogue.get(self.location or "")
        if m is None:
            return
        inside = set(self.ctx.store.collections_of(m.id))
        for c in self.ctx.store.collections():
            a = menu.addAction(c.name)
            a.setCheckable(True)
            a.setChecked(c.name in inside)
            a.triggered.connect(lambda _c=False, n=c.name: self._pick_collection(n))
        menu.addSeparator()
        menu.addAction(self.tr("新しいコレクションに追加…")).triggered.connect(
            lambda _c=False: self._new_collection_for_measure()
        )

    def show_collection_menu(self) -> None:
        """Ctrl+Shift+D: the ★ button's ▾ menu, from anywhere in the window."""
        if self.bookmark_button.isEnabled():
            self.bookmark_button.showMenu()

    def _pick_collection(self, name: str) -> None:
        """A collection picked in the ▾ menu becomes the ★ target and gets (or loses) it."""
        self.set_target_collection(name)
        self.toggle_bookmark(name)

    def _new_collection_for_measure(self) -> None:
        name = self.bookmarks.create_collection()  # becomes the target (collection_created)
        if name:
            self.toggle_bookmark(name)

    def update_bookmark_button(self) -> None:
        m = self.ctx.catalogue.get(self.location or "")
        inside = self.ctx.store.collections_of(m.id) if m else []
        self.bookmark_button.show_state(self.target_collection(), inside, m is not None)
        for a in (self.commands.bookmark, self.commands.pick_collection, self.commands.cite):
            a.setEnabled(m is not None)
        self._undo_changed()  # a bookmark added pushes no step but ends what could be redone
