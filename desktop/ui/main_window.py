"""The main window: 目次/ブックマーク/メモ on the left (search results take their place while
searching), the reading view in the centre, the note editor below it."""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_TITLE, __version__
from desktop.brief.formats import FORMATS
from desktop.citation import citation
from desktop.ui.models.toc_model import LOCATION_ROLE, TocModel
from desktop.ui.nav_history import PREFACE, NavHistory
from desktop.ui.settings import ZOOM_MAX, ZOOM_MIN, Settings
from desktop.ui.widgets.bookmarks_panel import BookmarksPanel
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.measure_view import MeasureView
from desktop.ui.widgets.note_editor import NoteEditor
from desktop.ui.widgets.notes_panel import NotesPanel
from desktop.ui.widgets.results_panel import ResultsPanel
from desktop.ui.widgets.search_box import SearchBox
from desktop.ui.widgets.toc_view import TocView
from desktop.userdata import DEFAULT_COLLECTION

RESULT_LIMIT = 200  # rows in the list; the count shows the total
TAB_TOC, TAB_BOOKMARKS, TAB_NOTES = range(3)
POLL_MS = 2000  # notice CLI writes to the store while the window is open


class MainWindow(QMainWindow):
    painted = Signal()  # first paint, for `bench startup`
    location_changed = Signal(str)

    def __init__(self, ctx, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings or Settings.open()
        self.history = NavHistory()
        self.location: str | None = None
        self.query = ""  # the query of the shown results ("" while browsing)
        self._painted = False
        self._syncing_tree = False
        self.setWindowTitle(APP_TITLE)
        self._build_widgets()
        self._build_actions()
        self._connect()
        self.restore_state()
        self._data_version = ctx.store.data_version()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_external_changes)
        self._poll.start()
        QApplication.instance().installEventFilter(self)

    # -- construction ----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        cat = self.ctx.catalogue
        self.search_box = SearchBox()
        self.search_box.setPlaceholderText(
            self.tr("施策を検索（Ctrl+F）… 例: 空き家 OR 移住  -観光  府省庁:総務省")
        )
        self.filters = FilterBar(cat)

        self.toc_model = TocModel(cat, self, self.tr("はじめに"))
        self.tree = TocView(self.toc_model)
        self.bookmarks = BookmarksPanel(self.ctx)
        self.notes = NotesPanel(self.ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tree, self.tr("目次"))
        self.tabs.addTab(self.bookmarks, self.tr("ブックマーク"))
        self.tabs.addTab(self.notes, self.tr("メモ"))
        self.results = ResultsPanel(cat)
        self.left = QStackedWidget()
        self.left.addWidget(self.tabs)
        self.left.addWidget(self.results)

        self.view = MeasureView()
        self.bookmark_button = QToolButton()
        self.bookmark_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.bookmark_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.bookmark_menu = QMenu(self.bookmark_button)
        self.bookmark_menu.aboutToShow.connect(self._fill_bookmark_menu)
        self.bookmark_button.setMenu(self.bookmark_menu)
        self.cite_button = QToolButton()
        self.location_label = QLabel()
        header = QHBoxLayout()
        header.setContentsMargins(6, 4, 6, 0)
        header.addWidget(self.location_label, 1)
        header.addWidget(self.bookmark_button)
        header.addWidget(self.cite_button)
        reader_top = QWidget()
        top_lay = QVBoxLayout(reader_top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.addLayout(header)
        top_lay.addWidget(self.view, 1)
        self.editor = NoteEditor(self.ctx.store)
        self.reader = QSplitter(Qt.Orientation.Vertical)
        self.reader.addWidget(reader_top)
        self.reader.addWidget(self.editor)
        self.reader.setStretchFactor(0, 3)
        self.reader.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.reader.setChildrenCollapsible(False)

        top = QWidget()
        bar = QHBoxLayout(top)
        bar.setContentsMargins(6, 6, 6, 0)
        self.back_button = QToolButton()
        self.forward_button = QToolButton()
        bar.addWidget(self.back_button)
        bar.addWidget(self.forward_button)
        bar.addWidget(self.search_box, 3)
        bar.addWidget(self.filters, 2)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(top)
        lay.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.status = self.statusBar()

    def _action(self, text: str, shortcut, slot, menu: QMenu) -> QAction:
        a = QAction(text, self)
        if shortcut:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(lambda _checked=False: slot())
        menu.addAction(a)
        return a

    def _build_actions(self) -> None:
        mb = self.menuBar()
        file = mb.addMenu(self.tr("ファイル(&F)"))
        self.act_export = {
            fmt.key: self._action(
                self.tr("ブリーフを {0} で書き出す…").format(fmt.name),
                None,
                lambda f=fmt.key: self.bookmarks.export_dialog(f),
                file,
            )
            for fmt in FORMATS.values()  # the one registry of formats
        }
        self.act_print = self._action(
            self.tr("ブリーフを印刷…"),
            QKeySequence.StandardKey.Print,
            self.bookmarks.print_dialog,
            file,
        )
        file.addSeparator()
        self.act_quit = self._action(
            self.tr("終了"), QKeySequence.StandardKey.Quit, self.close, file
        )

        edit = mb.addMenu(self.tr("編集(&E)"))
        self.act_search = self._action(
            self.tr("検索"), ["Ctrl+F", "Ctrl+K"], self.focus_search, edit
        )
        self.act_clear = self._action(self.tr("検索を解除"), None, self.clear_search, edit)
        edit.addSeparator()
        self.act_cite = self._action(
            self.tr("引用をコピー"), "Ctrl+Shift+C", self.copy_citation, edit
        )
        self.act_bookmark = self._action(
            self.tr("ブックマーク"), "Ctrl+D", self.toggle_bookmark, edit
        )
        self.act_note = self._action(
            self.tr("メモを編集"), "Ctrl+M", self.editor.edit.setFocus, edit
        )
        self.act_history = self._action(
            self.tr("メモの履歴…"), None, self.editor.show_history, edit
        )

        view = mb.addMenu(self.tr("表示(&V)"))
        self.act_zoom_in = self._action(
            self.tr("文字を大きく"),
            ["Ctrl+=", "Ctrl++"],
            lambda: self.set_zoom(self.zoom + 1),
            view,
        )
        self.act_zoom_out = self._action(
            self.tr("文字を小さく"), "Ctrl+-", lambda: self.set_zoom(self.zoom - 1), view
        )
        self.act_zoom_reset = self._action(
            self.tr("標準の大きさ"), "Ctrl+0", lambda: self.set_zoom(0), view
        )
        view.addSeparator()
        self.act_tabs = [
            self._action(label, f"Ctrl+{i + 1}", lambda i=i: self.show_tab(i), view)
            for i, label in enumerate((self.tr("目次"), self.tr("ブックマーク"), self.tr("メモ")))
        ]

        go = mb.addMenu(self.tr("移動(&G)"))
        self.act_back = self._action(self.tr("戻る"), "Alt+Left", self.go_back, go)
        self.act_forward = self._action(self.tr("進む"), "Alt+Right", self.go_forward, go)
        go.addSeparator()
        self._action(self.tr("はじめに"), None, lambda: self.open_location(PREFACE), go)

        help_menu = mb.addMenu(self.tr("ヘルプ(&H)"))
        self._action(self.tr("施策ナビについて…"), None, self.about, help_menu)

        self.back_button.setDefaultAction(self.act_back)
        self.forward_button.setDefaultAction(self.act_forward)
        self.back_button.setToolTip(self.tr("戻る (Alt+←)"))
        self.forward_button.setToolTip(self.tr("進む (Alt+→)"))
        self.cite_button.setDefaultAction(self.act_cite)
        self.cite_button.setToolTip(self.tr("引用をコピー (Ctrl+Shift+C)"))
        self.bookmark_button.clicked.connect(self.toggle_bookmark)

    def _connect(self) -> None:
        self.search_box.query_ready.connect(self.run_search)
        self.search_box.move.connect(self.results.move)
        self.search_box.activated.connect(self.open_current_result)
        self.search_box.cleared.connect(self.clear_search)
        self.filters.changed.connect(lambda: self.run_search(self.search_box.text()))
        self.results.open_measure.connect(self.open_location)
        self.results.clear_filters.connect(self.clear_filters)
        self.tree.selectionModel().currentChanged.connect(self._tree_current)
        self.tree.activated.connect(self._tree_activated)
        self.view.open_location.connect(self.open_location)
        self.view.show_in_tree.connect(self.show_in_tree)
        self.view.filter_ministry.connect(self.filter_by_ministry)
        self.bookmarks.open_measure.connect(self.open_location)
        self.bookmarks.changed.connect(self._update_bookmark_button)
        self.notes.open_measure.connect(self.open_location)
        self.editor.note_saved.connect(self._note_saved)
        self.bookmarks.flush_notes = self.editor.autosave.flush
        self.tabs.currentChanged.connect(lambda i: self.settings.set("last_tab", i))

    # -- opening things --------------------------------------------------------------------

    def open_location(self, location: str, record: bool = True) -> bool:
        """Show a measure (by id) or the preface; the note being edited is saved first.

        False when nothing was opened: an unknown id, or the note being edited could not be
        saved (then the window stays where it is, with the typed text, and says why)."""
        cat = self.ctx.catalogue
        if location == PREFACE:
            if not self.editor.set_measure(None, ""):
                return self._switch_refused()
            self.view.show_preface(cat.preface)
            self.location_label.setText(self.tr("はじめに"))
        else:
            m = cat.get(location)
            if m is None:
                return False
            if not self.editor.set_measure(m.id, m.title):
                return self._switch_refused()
            if self.ctx.searcher_open:
                self.view.show_measure(m, self.query, self._related(m.id))
            else:  # first measure at start-up: paint first, open the index right after
                self.view.show_measure(m, self.query, ())
                QTimer.singleShot(0, lambda mid=m.id: self._late_related(mid))
            self.location_label.setText(cat.label(m))
        self.location = location
        if record:
            self.history.visit(location)
        self.settings.set("last_location", location)
        self._sync_tree(location)
        self._update_nav()
        self._update_bookmark_button()
        self.location_changed.emit(location)
        return True

    def _switch_refused(self) -> bool:
        """The note could not be saved: stay, keep the text, say so. Returns False."""
        if self.location:
            self._sync_tree(self.location)  # the tree may already show the other item
        error = self.editor.autosave.error
        self.status.showMessage(self.tr("メモを保存できないため、移動しませんでした"), 10000)
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
        if self.location == measure_id and self.view.measure is not None:
            bar = self.view.verticalScrollBar().value()
            self.view.show_measure(self.view.measure, self.view.query, self._related(measure_id))
            self.view.verticalScrollBar().setValue(bar)

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
            self.query = ""  # browsing, not searching: no highlights
            self.open_location(loc)

    def _tree_activated(self, index: QModelIndex) -> None:
        loc = index.data(LOCATION_ROLE)
        if loc:
            self.open_location(loc)
        else:
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def show_in_tree(self, key: str) -> None:
        """Breadcrumb link: show the chapter or pillar in the 目次 tab."""
        self.clear_search()
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

    def show_tab(self, i: int) -> None:
        if self.left.currentWidget() is self.results and self.search_box.text():
            self.left.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(i)
        self.tabs.currentWidget().setFocus()

    def go_back(self) -> None:
        loc = self.history.back()
        if loc and not self.open_location(loc, record=False):
            self.history.forward()  # refused: stay at the same place in the history

    def go_forward(self) -> None:
        loc = self.history.forward()
        if loc and not self.open_location(loc, record=False):
            self.history.back()

    def _update_nav(self) -> None:
        self.act_back.setEnabled(self.history.can_back())
        self.act_forward.setEnabled(self.history.can_forward())

    # -- search ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def run_search(self, text: str | None = None) -> None:
        text = self.search_box.text() if text is None else text
        place = self.filters.place()
        ministry = self.filters.ministry_name()
        if not text.strip() and place is None and ministry is None:
            self.query = ""
            self.left.setCurrentWidget(self.tabs)
            self.filters.update_counts(self.ctx.searcher.facets(""))
            return
        result = self.ctx.searcher.run(
            text,
            notes=self.ctx.notes_map(),
            limit=RESULT_LIMIT,
            ministry=ministry,
            pillar=place[1] if place and place[0] == "pillar" else None,
            chapter=place[1] if place and place[0] == "chapter" else None,
        )
        self.query = text
        self.results.show_result(result, self.filters.active())
        self.filters.update_counts(result.facets)
        self.left.setCurrentWidget(self.results)

    def open_current_result(self) -> None:
        mid = self.results.current_id()
        if mid:
            self.open_location(mid)

    def clear_search(self) -> None:
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.filters.clear()
        self.query = ""
        self.left.setCurrentWidget(self.tabs)
        if self.location:
            self.open_location(self.location, record=False)  # drop the highlights
        self.tabs.currentWidget().setFocus()

    def clear_filters(self) -> None:
        self.filters.clear()
        self.run_search()

    def filter_by_ministry(self, name: str) -> None:
        self.filters.blockSignals(True)
        self.filters.set_ministry(name)
        self.filters.blockSignals(False)
        self.run_search()

    # -- bookmarks, notes, citation --------------------------------------------------------

    def target_collection(self) -> str:
        name = self.settings.get("target_collection")
        names = {c.name for c in self.ctx.store.collections()}
        return name if name in names else DEFAULT_COLLECTION

    def toggle_bookmark(self, collection: str | None = None) -> bool | None:
        """Add to or remove from the collection (default: the last one picked). Returns the
        new state, or None when no measure is shown."""
        m = self.ctx.catalogue.get(self.location or "")
        if m is None:
            return None
        name = collection or self.target_collection()
        if name in self.ctx.store.collections_of(m.id):
            self.ctx.store.remove_bookmark(m.id, name)
            state = False
            self.status.showMessage(self.tr("「{0}」から外しました").format(name), 3000)
        else:
            self.ctx.store.add_bookmark(m.id, m.title, name)
            state = True
            self.status.showMessage(self.tr("「{0}」に追加しました").format(name), 3000)
        self.bookmarks.reload()
        return state

    def _fill_bookmark_menu(self) -> None:
        self.bookmark_menu.clear()
        m = self.ctx.catalogue.get(self.location or "")
        if m is None:
            return
        inside = set(self.ctx.store.collections_of(m.id))
        for c in self.ctx.store.collections():
            a = self.bookmark_menu.addAction(c.name)
            a.setCheckable(True)
            a.setChecked(c.name in inside)
            a.triggered.connect(lambda _c=False, n=c.name: self._pick_collection(n))
        self.bookmark_menu.addSeparator()
        self.bookmark_menu.addAction(
            self.tr("新しいコレクションに追加…"), self._new_collection_for_measure
        )

    def _pick_collection(self, name: str) -> None:
        self.settings.set("target_collection", name)
        self.toggle_bookmark(name)

    def _new_collection_for_measure(self) -> None:
        name = self.bookmarks.create_collection()
        if name:
            self._pick_collection(name)

    def _update_bookmark_button(self) -> None:
        m = self.ctx.catalogue.get(self.location or "")
        self.bookmark_button.setEnabled(m is not None)
        self.act_bookmark.setEnabled(m is not None)
        self.act_cite.setEnabled(m is not None)
        inside = self.ctx.store.collections_of(m.id) if m else []
        self.bookmark_button.setText(("★ " if inside else "☆ ") + self.tr("ブックマーク"))
        self.bookmark_button.setToolTip(
            self.tr("登録先: {0}").format("、".join(inside)) + " (Ctrl+D)"
            if inside
            else self.tr("「{0}」に追加 (Ctrl+D)").format(self.target_collection())
        )

    def citation_text(self) -> str:
        m = self.ctx.catalogue.get(self.location or "")
        return citation(self.ctx.catalogue, m) if m else ""

    def copy_citation(self) -> None:
        text = self.citation_text()
        if text:
            QApplication.clipboard().setText(text)
            self.status.showMessage(self.tr("引用をコピーしました: {0}").format(text), 5000)

    def _note_saved(self, _measure_id: str) -> None:
        self.ctx.notes_changed()
        self.notes.reload()

    def _check_external_changes(self) -> None:
        try:
            version = self.ctx.store.data_version()
        except Exception:
            return
        if version != self._data_version:  # another process (the CLI) wrote to the store
            self._data_version = version
            self.ctx.notes_changed()
            self.notes.reload()
            self.bookmarks.reload()
            self._update_bookmark_button()

    # -- zoom, settings, about -------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self.view.zoom

    def set_zoom(self, zoom: int) -> None:
        zoom = max(ZOOM_MIN, min(ZOOM_MAX, int(zoom)))
        self.view.set_zoom(zoom)
        f = self.editor.edit.font()
        f.setPointSizeF(max(6.0, QApplication.font().pointSizeF() + zoom))
        self.editor.edit.setFont(f)
        self.settings.set("zoom", zoom)

    def restore_state(self) -> None:
        s = self.settings
        geometry = _unb64(s.get("geometry"))
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = _unb64(s.get("window_state"))
        if state is not None:
            self.restoreState(state)
        if _sizes_ok(s.get("main_splitter"), 2):
            self.splitter.setSizes(s.get("main_splitter"))
        else:
            self.splitter.setSizes([380, 900])
        if _sizes_ok(s.get("reader_splitter"), 2):
            self.reader.setSizes(s.get("reader_splitter"))
        else:
            self.reader.setSizes([560, 200])
        self.set_zoom(s.get("zoom"))
        tab = s.get("last_tab")
        self.tabs.setCurrentIndex(tab if 0 <= tab < self.tabs.count() else 0)
        last = s.get("last_location")
        if not (last and self.open_location(last)):
            self.open_location(
                PREFACE if self.ctx.catalogue.preface else self.ctx.catalogue.measures[0].id
            )

    def save_state(self) -> None:
        s = self.settings
        s.set("geometry", base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii"))
        s.set("window_state", base64.b64encode(bytes(self.saveState().data())).decode("ascii"))
        s.set("main_splitter", list(self.splitter.sizes()))
        s.set("reader_splitter", list(self.reader.sizes()))
        s.set("last_tab", self.tabs.currentIndex())
        if self.location:
            s.set("last_location", self.location)
        s.save()

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("施策ナビについて"), self.about_text().replace("\n", "<br>")
        )

    def about_text(self) -> str:
        meta = self.ctx.catalogue.meta
        return self.tr(
            "<b>{0}</b> バージョン {1}\n"
            "出典: {2}\nSHA-256: {3}\n"
            "ユーザーデータのフォルダ: {4}\n"
            "このアプリはネットワークに接続しません。"
        ).format(
            APP_TITLE,
            __version__,
            meta.get("source_title", ""),
            meta.get("source_sha256", ""),
            self.ctx.store.path.parent,
        )

    # -- events ----------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # mouse back/forward buttons anywhere in this window
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(obj, QWidget)
            and obj.window() is self
        ):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(obj, event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def closeEvent(self, event) -> None:
        if not self.editor.autosave.flush():
            answer = QMessageBox.warning(
                self,
                APP_TITLE,
                self.tr(
                    "メモを保存できませんでした。\n{0}\n\n終了するとこの変更は失われます。終了しますか？"
                ).format(self.editor.autosave.error),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_state()
        self._poll.stop()
        QApplication.instance().removeEventFilter(self)
        super().closeEvent(event)


def _unb64(value: str) -> QByteArray | None:
    if not value:
        return None
    try:
        return QByteArray(base64.b64decode(value))
    except ValueError:
        return None


def _sizes_ok(sizes, n: int) -> bool:
    return (
        isinstance(sizes, list)
        and len(sizes) == n
        and all(isinstance(x, int) and x > 0 for x in sizes)
    )
