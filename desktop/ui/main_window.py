"""The main window, assembled: search bar on top; 目次/ブックマーク/メモ on the left (the
result list takes their place while searching); the reader pane (measure and note) on
the right; the status bar with 「元に戻す」.

The commands are in actions.py, the tabs in tabs.py, the behaviour in window/*.py (one
concern a module); this file only builds and wires.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_TITLE
from desktop.citation import citation
from desktop.ui.a11y import describe
from desktop.ui.actions import Actions, build_menus
from desktop.ui.file_commands import DROP_EVENTS, FileCommands
from desktop.ui.models.toc_model import TocModel
from desktop.ui.nav_history import NavHistory
from desktop.ui.settings import Settings
from desktop.ui.tabs import TAB_BOOKMARKS, TAB_NOTES, TAB_TOC, TABS  # noqa: F401 (re-exported)
from desktop.ui.undo import UndoStack
from desktop.ui.widgets.bookmarks_panel import BookmarksPanel
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.notice import Notice
from desktop.ui.widgets.reader_pane import ReaderPane
from desktop.ui.widgets.results_panel import ResultsPanel
from desktop.ui.widgets.search_box import ExactToggle, SearchBox
from desktop.ui.widgets.toc_view import TocView
from desktop.ui.widgets.wrap_row import TopBar
from desktop.ui.window.annotating import AnnotationMixin
from desktop.ui.window.bookmarking import BookmarkMixin
from desktop.ui.window.changes import ChangesMixin
from desktop.ui.window.navigation import NavigationMixin
from desktop.ui.window.search import RESULT_LIMIT, SearchMixin  # noqa: F401 (re-exported)
from desktop.ui.window.state import StateMixin
from desktop.ui.window.tagging import TaggingMixin

POLL_MS = 2000  # notice CLI writes to the store while the window is open
LATER_TABS = ("notes",)  # tabs whose panel is made after the first paint (_panel)


class MainWindow(
    NavigationMixin,
    SearchMixin,
    BookmarkMixin,
    AnnotationMixin,
    TaggingMixin,
    ChangesMixin,
    StateMixin,
    QMainWindow,
):
    painted = Signal()  # first paint, for `bench startup`
    location_changed = Signal(str)
    query_ran = Signal(str)  # a search (or the return to browsing) has run for this text

    def __init__(self, ctx, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings or Settings.open()
        self.history = NavHistory()
        self.undo = UndoStack(ctx.store.change_count)
        self.location: str | None = None
        self.query = ""  # the query of the shown results ("" while browsing)
        self._zoom = 0
        self._painted = self._fitted = self._shown = self._closed = False
        self._syncing_tree = False
        self._mouse_filter = False
        self._after_paint: list = []  # work the first paint does not need (after_paint)
        self._panels: dict = {}  # the メモ tab's panel, made after the paint (_panel)
        self.setWindowTitle(APP_TITLE)
        self._build_widgets()
        self.commands = Actions(self)  # not `actions`: QWidget.actions() is Qt's
        self.menus = build_menus(self, self.commands)
        self.addActions(list(self.commands))  # shortcuts work with the menu bar closed
        self._help = None  # the help's owner, made when first asked for (help)
        self._wire_buttons()
        self._connect()
        self._wire_annotations()
        self.restore_state()
        self._data_version = ctx.store.data_version()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_external_changes)
        self._poll.start()
        self.after_paint(self._initial_counts)
        self.after_paint(lambda: self.notes)  # so that a click on its tab finds it ready
        # the headers of every measure (the first paint read only what it showed)
        self.after_paint(lambda: self.ctx.catalogue.measures)

    def after_paint(self, fn) -> None:
        """Run `fn` once the window has painted for the first time (at once if it has).

        A zero timer is not enough: on X11 the window is exposed by the server, and timers
        posted before show() fire before that expose arrives, so they would delay the first
        paint (the index opened and related measures filled before it)."""
        if self._painted:
            QTimer.singleShot(0, lambda: None if self._closed else fn())
        else:
            self._after_paint.append(fn)

    @property
    def help(self):
        """Help dialogs (F1, shortcuts, data folder, about), made when first used: the
        module touches Qt classes the first paint does not need (decision 0007)."""
        if self._help is None:
            from desktop.ui.help import Help

            self._help = Help(self)
        return self._help

    def _run_after_paint(self) -> None:
        todo, self._after_paint = self._after_paint, []
        if self._closed:  # closed at once: the store may be closed too, nothing is shown
            return
        for fn in todo:
            fn()

    def _initial_counts(self) -> None:
        """The 柱/府省庁 lists count the whole catalogue before any search (not 0)."""
        if not self.searching():
            self.filters.update_counts(self.ctx.searcher.facets("", tags=self.ctx.tags_map()))

    # -- construction ----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        cat = self.ctx.catalogue
        self.search_box = SearchBox()
        self.search_box.setPlaceholderText(
            self.tr("施策を検索（Ctrl+K）… 例: 空き家 OR 移住  -観光  府省庁:総務省")
        )
        self.exact_button = ExactToggle()
        self.filters = FilterBar(cat)
        self.toc_model = TocModel(cat, self, self.tr("はじめに"))
        self.tree = TocView(self.toc_model)
        # the ブックマーク panel now: its row of buttons sets the left pane's minimum width,
        # and made later it would move the splitter after the first paint
        self.bookmarks = BookmarksPanel(self.ctx, self.undo)
        self.tabs = QTabWidget()
        self._pages: dict[str, QWidget] = {}
        for tab in TABS:
            if tab.key in LATER_TABS:  # an empty page until its panel is made (_panel)
                page = self._pages[tab.key] = QWidget()
                QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            else:
                page = getattr(self, tab.key)
            i = self.tabs.addTab(page, self.tr(tab.label))
            self.tabs.setTabToolTip(i, self.tr(tab.description))
        describe(self.tabs, self.tr("目次・ブックマーク・メモ"), self.tr("Ctrl+1〜3 で切り替え"))
        describe(
            self.tabs.tabBar(), self.tr("タブ"), self.tr("目次・ブックマーク・メモを切り替える")
        )
        self.results = ResultsPanel(cat)
        self.resume_button = QPushButton()
        describe(
            self.resume_button,
            self.tr("検索結果に戻る"),
            self.tr("検索を続けたまま、結果の一覧に戻る (Ctrl+4)"),
            tooltip=True,
        )
        self.browse = QWidget()
        browse_lay = QVBoxLayout(self.browse)
        browse_lay.setContentsMargins(0, 0, 0, 0)
        browse_lay.setSpacing(2)
        browse_lay.addWidget(self.resume_button)
        browse_lay.addWidget(self.tabs, 1)
        self.resume_button.hide()
        self.left = QStackedWidget()
        self.left.addWidget(self.browse)
        self.left.addWidget(self.results)

        self.reader = ReaderPane(self.ctx.store)
        self.view = self.reader.view
        self.editor = self.reader.editor
        self.bookmark_button = self.reader.bookmark_button
        self.cite_button = self.reader.cite_button
        self.location_label = self.reader.location_label
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        describe(self.splitter, self.tr("一覧と本文"), self.tr("左に一覧、右に本文とメモ"))
        describe(
            self.splitter.handle(1),
            self.tr("一覧と本文の境界"),
            self.tr("ドラッグして一覧と本文の幅を変える"),
        )

        self.back_button = QToolButton()
        self.forward_button = QToolButton()
        self.top_bar = TopBar(
            [self.back_button, self.forward_button],
            self.search_box,
            [self.exact_button],
            self.filters,
        )
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.top_bar)
        lay.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.status = self.statusBar()
        self.notice = Notice()
        self.status.addWidget(self.notice, 1)

    def _wire_buttons(self) -> None:
        a = self.commands
        for button, action, name, tip in (
            (self.back_button, a.back, self.tr("戻る"), self.tr("前に見ていた所へ (Alt+←)")),
            (self.forward_button, a.forward, self.tr("進む"), self.tr("戻る前の所へ (Alt+→)")),
            (
                self.cite_button,
                a.cite,
                self.tr("引用をコピー"),
                self.tr("施策集の名前・位置・施策名・担当をコピー (Ctrl+Shift+C)"),
            ),
        ):
            button.setDefaultAction(action)
            describe(button, name, tip, tooltip=True)
        self.bookmark_button.toggle_requested.connect(self.toggle_bookmark)
        self.bookmark_button.menu_requested.connect(self.fill_collection_menu)
        self.resume_button.clicked.connect(lambda _c=False: self.show_results())
        self.exact_button.setDefaultAction(self.commands.exact_only)
        self.commands.exact_only.setChecked(self.exact_only())  # as last time
        self.exact_button.describe()
        self.notice.undo_clicked.connect(self.undo_last)
        self.undo.listeners.append(self._undo_changed)
        self._undo_changed()

    def _connect(self) -> None:
        self.search_box.query_ready.connect(self.run_search)
        self.search_box.move.connect(self.results.move)
        self.search_box.activated.connect(self.open_current_result)
        self.search_box.cleared.connect(self.clear_search)
        self.filters.changed.connect(lambda: self.run_search(self.search_box.text()))
        self.results.open_measure.connect(self.open_location)
        self.results.clear_filters.connect(self.clear_filters)
        self.results.suggestion_chosen.connect(self.search_suggestion)
        self.results.tag_clicked.connect(self.filter_by_tag)
        self.tree.tag_clicked.connect(self.filter_by_tag)
        self.tree.selectionModel().currentChanged.connect(self._tree_current)
        self.tree.activated.connect(self._tree_activated)
        self.view.open_location.connect(self.open_location)
        self.view.show_in_tree.connect(self.show_in_tree)
        self.view.filter_ministry.connect(self.filter_by_ministry)
        self.bookmarks.open_measure.connect(self.open_location)
        self.bookmarks.changed.connect(self.update_bookmark_button)
        self.bookmarks.collection_created.connect(self.set_target_collection)
        self.bookmarks.notice.connect(self.notify)
        self.bookmarks.edit_tags.connect(self.edit_tags)
        self.bookmarks.target = self.target_collection
        self.bookmarks.briefs.flush_notes = self.editor.autosave.flush
        self.editor.note_saved.connect(self._note_saved)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.files = FileCommands(self)  # share, import (and drops), backup, measure briefs

    # -- the メモ tab's panel -------------------------------------------------------------------

    @property
    def notes(self):
        """The メモ tab's panel (notes, highlights)."""
        return self._panel("notes")

    def _panel(self, key: str):
        """A hidden tab's panel, made when first needed: right after the first paint, when
        its tab is chosen, or when a command uses it. The first paint shows the 目次; the
        メモ panel (its modules, widgets and the store's lists) would cost it ~10 ms (0009)."""
        panel = self._panels.get(key)
        if panel is None:
            panel = self._panels[key] = getattr(self, f"_make_{key}")()
            page = self._pages[key]
            page.layout().addWidget(panel)
            page.setFocusProxy(panel)
            panel.show()  # a child added to a shown page is shown only by the next event loop
        return panel

    def _make_notes(self):
        from desktop.ui.widgets.notes_panel import NotesPanel

        panel = NotesPanel(self.ctx)
        panel.open_measure.connect(self.open_location)
        hl = panel.highlights
        hl.open_highlight.connect(self.open_highlight)
        hl.edit_comment.connect(self.edit_comment)
        hl.delete.connect(self.delete_highlight)
        return panel

    def _tab_changed(self, i: int) -> None:
        self.settings.set("last_tab", i)
        key = TABS[i].key if 0 <= i < len(TABS) else "tree"
        if key in self._pages:
            self._panel(key)

    # -- small commands ---------------------------------------------------------------------

    def print_brief(self) -> None:
        self.bookmarks.print_dialog()

    def citation_text(self) -> str:
        m = self.ctx.catalogue.get(self.location or "")
        return citation(self.ctx.catalogue, m) if m else ""

    def copy_citation(self) -> None:
        text = self.citation_text()
        if text:
            QApplication.clipboard().setText(text)
            self.notify(self.tr("引用をコピーしました: {0}").format(text))

    def about_text(self) -> str:
        """What `shisaku --version` prints (desktop.about), the data folder, and the promise
        of no network; HTML-escaped, one line per line."""
        from html import escape

        from desktop.about import about_text

        lines = about_text(self.ctx.build_dir).split("\n")
        lines[0] = f"<b>{escape(lines[0])}</b>"
        lines[1:] = map(escape, lines[1:])
        lines.append(
            escape(self.tr("ユーザーデータのフォルダ: {0}").format(self.ctx.store.path.parent))
        )
        lines.append(escape(self.tr("このアプリはネットワークに接続しません。")))
        return "\n".join(lines)

    # -- events ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and not self._mouse_filter:
            # the native window sees every mouse press in this window before any widget,
            # and (unlike an application-wide filter) no paint or layout event: no Python
            # call per event while typing
            handle.installEventFilter(self)
            self._mouse_filter = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in DROP_EVENTS and self.files.drop_event(event):
            return True  # a .shisaku file dropped anywhere in the window is imported
        # mouse back/forward buttons anywhere in this window
        if event.type() == QEvent.Type.MouseButtonPress:
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
            # after this frame is on screen (the children paint after this widget)
            QTimer.singleShot(0, self._run_after_paint)

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
        self._closed = True
        super().closeEvent(event)
