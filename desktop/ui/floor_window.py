"""The second floor of `bench startup`: the widgets our first paint shows, with none of the
app behind them (no catalogue, no user data, no modules of ours), in the same interpreter
or frozen executable. `python -m desktop bench startup --child --floor` reaches it from
desktop/__main__.py before the CLI is imported, as the blank window does.

Why: the target "first paint ≤ 1.5× the blank PySide6 window" compares a window full of
Japanese text with an empty one. This probe measures what the widgets alone cost in
PySide6 (decision 0009), so that the app's own share can be told from Qt's.

What it builds, as the window does at its first paint (1280×800): a menu bar of six menus
with 60 actions and shortcuts, the top bar (back/forward, a search box with its clear
button, the exact toggle, three filter lists), three tabs (a tree of the 章 and 柱 with
their counts; the ブックマーク page with its tree and buttons; an empty メモ page), the
reader (location line, ★/引用/印刷 buttons, the annotation bar, a measure of about the
length of 1-1-28 in a text browser with headings, a footnote and the bureaus, the note
editor under it) and the status bar.
"""

import sys

MENUS = ("ファイル(&F)", "編集(&E)", "注釈(&A)", "表示(&V)", "移動(&G)", "ヘルプ(&H)")
ACTIONS_PER_MENU = 10
# placeholder text of a measure's length and mix of kanji, kana and digits (not the source's)
BODY = (
    "これは起動の速さを測るための見本の文章で、施策集の本文ではありません。漢字と仮名、"
    "２０２６年度や１万人のような数字、ＡＩのような全角の英字を含む長さ百字ほどの段落です。"
)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    return show_floor(QApplication(sys.argv[:1]))


def show_floor(app) -> int:
    """Paint the floor window once, print when it painted (CPU time so far), quit."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMainWindow

    from desktop.ui.blank_window import paints_once

    w = paints_once(QMainWindow, app)()
    w.setWindowTitle("施策ナビ")
    w.resize(1280, 800)
    _menus(w)
    w.setCentralWidget(_central(Qt))
    w.statusBar().showMessage("準備完了")
    w.show()
    app.exec()
    return 0


def _menus(w) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    bar = w.menuBar()
    for mi, title in enumerate(MENUS):
        menu = bar.addMenu(title)
        for ai in range(ACTIONS_PER_MENU):
            a = QAction(f"コマンド {mi}-{ai}…", w)
            a.setShortcut(QKeySequence(f"Ctrl+Alt+{chr(ord('A') + ai)}"))
            a.setToolTip(f"説明 {mi}-{ai}")
            menu.addAction(a)
            w.addAction(a)


def _split(orientation, first, second, sizes):
    from PySide6.QtWidgets import QSplitter

    split = QSplitter(orientation)
    split.addWidget(first)
    split.addWidget(second)
    split.setSizes(sizes)
    return split


def _central(Qt):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    split = _split(Qt.Orientation.Horizontal, _left(), _reader(Qt), [380, 900])
    central = QWidget()
    lay = QVBoxLayout(central)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(_top_bar())
    lay.addWidget(split, 1)
    return central


def _buttons(layout, texts) -> None:
    from PySide6.QtWidgets import QToolButton

    for text in texts:
        b = QToolButton()
        b.setText(text)
        layout.addWidget(b)


def _top_bar():
    from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QToolButton, QWidget

    top = QWidget()
    bar = QHBoxLayout(top)
    _buttons(bar, ("戻る", "進む"))
    box = QLineEdit()
    box.setPlaceholderText("施策を検索（Ctrl+K）… 例: 空き家 OR 移住  -観光  府省庁:総務省")
    box.setClearButtonEnabled(True)
    bar.addWidget(box, 1)
    exact = QToolButton()
    exact.setText("完全一致")
    exact.setCheckable(True)
    bar.addWidget(exact)
    for text in ("すべての柱", "すべての府省庁", "すべてのタグ"):
        combo = QComboBox()
        combo.addItem(text)
        bar.addWidget(combo, 1)
    return top


def _left():
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QHBoxLayout,
        QPushButton,
        QTabWidget,
        QTreeView,
        QVBoxLayout,
        QWidget,
    )

    model = QStandardItemModel()
    model.appendRow(QStandardItem("はじめに"))
    for ch, pillars in ((1, 5), (2, 0)):
        chapter = QStandardItem(f"第{ch}章 見本の章の名前（{10 * ch}）")
        model.appendRow(chapter)
        for p in range(1, pillars + 1):
            chapter.appendRow(QStandardItem(f"柱{p} 見本の柱の名前、少し長めの題（{p}）"))
    tree = QTreeView()
    tree.setHeaderHidden(True)
    tree.setModel(model)
    tree.expandAll()
    marks = QWidget()
    lay = QVBoxLayout(marks)
    row = QHBoxLayout()
    _buttons(row, ("新規", "名前変更", "削除", "↑", "↓"))
    row.addWidget(QPushButton("ブリーフ…"))
    lay.addLayout(row)
    lay.addWidget(QTreeView())
    tabs = QTabWidget()
    for page, label in ((tree, "目次"), (marks, "ブックマーク"), (QWidget(), "メモ")):
        tabs.addTab(page, label)
    return tabs


def _reader(Qt):
    from PySide6.QtWidgets import (
        QHBoxLayout,
        QLabel,
        QPlainTextEdit,
        QTextBrowser,
        QVBoxLayout,
        QWidget,
    )

    head = QHBoxLayout()
    head.addWidget(QLabel("第1章 › 柱1 › (28)"), 1)
    _buttons(head, ("☆ ブックマーク", "引用をコピー", "印刷・書き出し"))
    annot = QHBoxLayout()
    _buttons(annot, ("ハイライト", "黄", "緑", "青", "桃", "コメント…", "タグ…"))
    annot.addStretch(1)
    view = QTextBrowser()
    paragraphs = "".join(f"<p>{BODY}（{i}）</p>" for i in range(1, 5))
    view.setHtml(
        "<h2>1-1-28 見本の施策の題</h2>"
        f"<p><small>第1章 › 柱1</small></p>{paragraphs}"
        "<p><small>※1 見本の脚注：本文の語を説明する一文</small></p>"
        "<h3>担当</h3><p>見本省 見本局 見本課</p>"
    )
    note = QPlainTextEdit()
    note.setPlaceholderText("この施策のメモ（自動で保存されます）")
    split = _split(Qt.Orientation.Vertical, view, note, [560, 200])
    reader = QWidget()
    lay = QVBoxLayout(reader)
    lay.addLayout(head)
    lay.addLayout(annot)
    lay.addWidget(split, 1)
    return reader


if __name__ == "__main__":
    sys.exit(main())
