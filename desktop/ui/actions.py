"""Every command of the main window as a QAction, and the menu bar built from them.

One table (SPECS) says what each command is called, its shortcuts, its menu and what it
does; the help's shortcut list is generated from the same actions, so it cannot go stale.
Slots take the window; triggered(bool) never reaches them (the cause of issue 11's
「collection name must be text, not bool」).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from desktop.ui.nav_history import PREFACE
from desktop.ui.tabs import TABS

Key = str | QKeySequence.StandardKey

MENUS = (
    ("file", "ファイル(&F)"),
    ("edit", "編集(&E)"),
    ("annotate", "注釈(&A)"),
    ("view", "表示(&V)"),
    ("go", "移動(&G)"),
    ("help", "ヘルプ(&H)"),
)
READING_WIDTHS = (30, 35, 40, 45, 50, 0)  # 全角 characters a line; 0 = the window's width


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    menu: str
    slot: Callable
    keys: tuple[Key, ...] = ()
    tip: str = ""
    separator: bool = False  # a separator before it in its menu
    checkable: bool = False  # on/off (the slot reads the action's state)
    # "reader": the keys work only while the reading view has the focus (plain keys such as
    # 1–4 and Delete, which other panes type or use themselves)
    context: str = "window"


def _tab(i: int) -> Callable:
    return lambda w: w.show_tab(i)


def _colour(key: str) -> Callable:
    return lambda w: w.highlight_selection(key)


HIGHLIGHT_COLOURS = (("yellow", "黄"), ("green", "緑"), ("blue", "青"), ("pink", "桃"))


SPECS: tuple[Spec, ...] = (
    # ファイル
    Spec(
        "brief",
        "ブリーフを作成…",
        "file",
        lambda w: w.bookmarks.brief_dialog(),
        ("Ctrl+E",),
        "選んだコレクションをブリーフにする（PDF・Word・Excel・CSV・Markdown、または印刷）",
    ),
    Spec(
        "print",
        "ブリーフを印刷…",
        "file",
        lambda w: w.print_brief(),
        (QKeySequence.StandardKey.Print,),
        "選んだコレクションのブリーフを印刷プレビューで確かめてから印刷する",
    ),
    Spec(
        "print_measure",
        "この施策を印刷・書き出す…",
        "file",
        lambda w: w.files.print_measure(),
        ("Ctrl+Shift+P",),
        "開いている施策を1件のブリーフとして印刷・保存する",
    ),
    Spec(
        "share_export",
        "コレクションを共有ファイルに書き出す…",
        "file",
        lambda w: w.files.export_share(),
        (),
        "選んだコレクションを同僚に渡す .shisaku ファイルにする",
        separator=True,
    ),
    Spec(
        "share_import",
        "取り込む…",
        "file",
        lambda w: w.files.import_share(),
        ("Ctrl+O",),
        "同僚の共有ファイル（.shisaku）を取り込む。ウィンドウへのドロップでも取り込めます",
    ),
    Spec(
        "backup",
        "バックアップを書き出す…",
        "file",
        lambda w: w.files.backup(),
        (),
        "すべてのメモ（履歴付き）とコレクションを1つのファイルに保存する",
        separator=True,
    ),
    Spec(
        "restore",
        "バックアップから復元…",
        "file",
        lambda w: w.files.restore(),
        (),
        "バックアップの内容を今のデータに統合する（何も消しません）",
    ),
    Spec("quit", "終了", "file", lambda w: w.close(), ("Ctrl+Q",), separator=True),
    # 編集
    Spec(
        "undo",
        "元に戻す",
        "edit",
        lambda w: w.undo_last(),
        (QKeySequence.StandardKey.Undo,),
        "直前の削除・移動・名前の変更・メモの消去、ハイライトやタグの変更を取り消す",
    ),
    Spec(
        "redo",
        "やり直す",
        "edit",
        lambda w: w.redo_last(),
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        "元に戻した操作をもう一度行う",
    ),
    Spec(
        "search",
        "施策を検索",
        "edit",
        lambda w: w.focus_search(),
        ("Ctrl+K", "Ctrl+L"),
        "検索欄へ移動",
        separator=True,
    ),
    Spec(
        "exact_only",
        "完全一致のみ",
        "edit",
        lambda w: w.set_exact_only(w.commands.exact_only.isChecked()),
        ("Ctrl+Shift+K",),
        "別の表記（子ども・こども）や語の一部が一致する「近い結果」を出さない",
        checkable=True,
    ),
    Spec(
        "find",
        "この施策の中を検索",
        "edit",
        lambda w: w.reader.find_bar.open_bar(),
        (QKeySequence.StandardKey.Find,),
        "開いている施策の本文から探す",
    ),
    Spec("find_next", "次を検索", "edit", lambda w: w.reader.find_bar.step(1), ("F3", "Ctrl+G")),
    Spec(
        "find_previous",
        "前を検索",
        "edit",
        lambda w: w.reader.find_bar.step(-1),
        ("Shift+F3", "Ctrl+Shift+G"),
    ),
    Spec(
        "clear_search",
        "検索を解除",
        "edit",
        lambda w: w.clear_search(),
        (),
        "検索語と絞り込みを消す",
    ),
    Spec(
        "cite",
        "引用をコピー",
        "edit",
        lambda w: w.copy_citation(),
        ("Ctrl+Shift+C",),
        "施策集の名前・位置・施策名・担当をクリップボードへ",
        separator=True,
    ),
    Spec("bookmark", "ブックマーク", "edit", lambda w: w.toggle_bookmark(), ("Ctrl+D",)),
    Spec(
        "pick_collection",
        "追加先のコレクションを選ぶ…",
        "edit",
        lambda w: w.show_collection_menu(),
        ("Ctrl+Shift+D",),
    ),
    Spec(
        "note",
        "メモを編集",
        "edit",
        lambda w: w.edit_note(),
        ("Ctrl+M",),
        "メモ欄へ移動",
        separator=True,
    ),
    Spec("note_history", "メモの履歴…", "edit", lambda w: w.editor.show_history()),
    Spec("clear_note", "メモを空にする", "edit", lambda w: w.clear_note(), (), "元に戻せます"),
    # 注釈: highlights and tags
    Spec(
        "highlight",
        "選んだ文をハイライト",
        "annotate",
        lambda w: w.highlight_selection(),
        ("Ctrl+Shift+H",),
        "本文で選んだ文を、最後に使った色でハイライトする（色は 1〜4）",
    ),
    *(
        Spec(
            f"highlight_{key}",
            f"ハイライト（{label}）",
            "annotate",
            _colour(key),
            (str(i + 1),),
            f"選んだ文を{label}でハイライト。ハイライトの上では色を{label}に変える",
            separator=i == 0,
            context="reader",
        )
        for i, (key, label) in enumerate(HIGHLIGHT_COLOURS)
    ),
    Spec(
        "highlight_comment",
        "ハイライトのコメント…",
        "annotate",
        lambda w: w.comment_highlight(),
        ("Ctrl+Shift+M",),
        "カーソルのあるハイライトのコメントを書く（選んだ文ならハイライトしてコメント）",
        separator=True,
    ),
    Spec(
        "highlight_delete",
        "ハイライトを削除",
        "annotate",
        lambda w: w.delete_highlight(),
        (QKeySequence.StandardKey.Delete,),
        "カーソルのあるハイライトを削除（元に戻せます）",
        context="reader",
    ),
    Spec(
        "next_highlight",
        "次のハイライト",
        "annotate",
        lambda w: w.step_highlight(1),
        ("F8",),
        "この施策の次のハイライトを選ぶ",
    ),
    Spec(
        "previous_highlight",
        "前のハイライト",
        "annotate",
        lambda w: w.step_highlight(-1),
        ("Shift+F8",),
        "この施策の前のハイライトを選ぶ",
    ),
    Spec(
        "edit_tags",
        "タグを編集…",
        "annotate",
        lambda w: w.edit_tags(),
        ("Ctrl+T",),
        "開いている施策のタグを付ける・外す（今までのタグを候補に出します）",
        separator=True,
    ),
    Spec(
        "tag_manager",
        "タグの管理…",
        "annotate",
        lambda w: w.manage_tags(),
        (),
        "タグの名前の変更・統合・削除",
    ),
    # 表示
    Spec("zoom_in", "文字を大きく", "view", lambda w: w.set_zoom(w.zoom + 1), ("Ctrl+=", "Ctrl++")),
    Spec("zoom_out", "文字を小さく", "view", lambda w: w.set_zoom(w.zoom - 1), ("Ctrl+-",)),
    Spec("zoom_reset", "標準の大きさ", "view", lambda w: w.set_zoom(0), ("Ctrl+0",)),
    *(
        Spec(f"tab_{t.key}", t.label, "view", _tab(i), (f"Ctrl+{i + 1}",), separator=i == 0)
        for i, t in enumerate(TABS)
    ),
    Spec(
        "results",
        "検索結果",
        "view",
        lambda w: w.show_results(),
        ("Ctrl+4",),
        "検索を続けている間、結果の一覧に戻る",
    ),
    # 移動
    Spec("back", "戻る", "go", lambda w: w.go_back(), ("Alt+Left",), "前に見ていた所へ"),
    Spec("forward", "進む", "go", lambda w: w.go_forward(), ("Alt+Right",), "戻る前の所へ"),
    Spec(
        "recent",
        "最近見た施策から開く…",
        "go",
        lambda w: w.show_recent_menu(),
        ("Ctrl+H",),
        "最近開いた施策から選ぶ",
        separator=True,
    ),
    Spec("preface", "はじめに", "go", lambda w: w.open_location(PREFACE), (), separator=True),
    # ヘルプ
    Spec("help_search", "検索の書き方", "help", lambda w: w.help.search_syntax(), ("F1",)),
    Spec("help_keys", "キーボードショートカット", "help", lambda w: w.help.shortcuts()),
    Spec("help_data", "メモの保存場所…", "help", lambda w: w.help.data_folder()),
    Spec("about", "施策ナビについて…", "help", lambda w: w.help.about(), separator=True),
)


class Actions:
    """The window's QActions by name (`win.commands.back`), in SPECS order."""

    def __init__(self, win):
        self.by_name: dict[str, QAction] = {}
        for spec in SPECS:
            self.by_name[spec.name] = make_action(win, spec)
        self.reading_width = QActionGroup(win)
        for chars in READING_WIDTHS:
            a = QAction(reading_width_label(chars), win)
            a.setCheckable(True)
            a.setData(chars)
            a.triggered.connect(lambda _c=False, n=chars: win.set_reading_chars(n))
            self.reading_width.addAction(a)
        self.recent_menu = None  # the 移動 → 最近見た施策 submenu, filled when shown

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["by_name"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self):
        return iter(self.by_name.values())

    def spec(self, action: QAction) -> Spec | None:
        for spec in SPECS:
            if self.by_name.get(spec.name) is action:
                return spec
        return None


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def reading_width_label(chars: int) -> str:
    if not chars:
        return tr("ウィンドウの幅いっぱい")
    label = tr("1行 {0} 字").format(chars)
    return label + tr("（標準）") if chars == 40 else label


def make_action(win, spec: Spec) -> QAction:
    a = QAction(tr(spec.text), win)
    a.setObjectName(f"action_{spec.name}")
    a.setCheckable(spec.checkable)
    if spec.keys:
        # a standard key's primary binding only (Linux adds F14 and media keys to Undo/Find)
        a.setShortcuts([QKeySequence(k) for k in spec.keys])
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.context == "reader":
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            win.view.addAction(a)
    tip = tr(spec.tip) if spec.tip else tr(spec.text)
    keys = shortcut_text(a)
    a.setToolTip(f"{tip} ({keys})" if keys else tip)
    a.setStatusTip(tip)
    a.triggered.connect(lambda _checked=False, s=spec: s.slot(win))
    return a


def shortcut_text(action: QAction) -> str:
    return " / ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
    )


def build_menus(win, actions: Actions) -> dict:
    """The menu bar: ファイル, 編集, 表示 (with 行の長さ), 移動 (with 最近見た施策), ヘルプ."""
    bar = win.menuBar()
    menus = {key: bar.addMenu(tr(title)) for key, title in MENUS}
    for spec in SPECS:
        menu = menus[spec.menu]
        if spec.separator:
            menu.addSeparator()
        if spec.name == "tab_tree":
            width = menus["view"].addMenu(tr("行の長さ"))
            width.addActions(actions.reading_width.actions())
            menus["view"].addSeparator()
        if spec.name == "recent":
            actions.recent_menu = menu.addMenu(tr("最近見た施策"))
            actions.recent_menu.aboutToShow.connect(win.fill_recent_menu)
        menu.addAction(actions.by_name[spec.name])
    # 元に戻す・やり直す say what they would do: redo lapses once anything else is written
    menus["edit"].aboutToShow.connect(win._undo_changed)
    return menus
