"""The ヘルプ menu: how to search, every shortcut (read from the window's actions, so the
list cannot go stale), where the notes are stored, and 施策ナビについて."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
)

from desktop import APP_TITLE
from desktop.ui.a11y import describe
from desktop.ui.actions import shortcut_text
from desktop.ui.actions import tr as command_text

SEARCH_SYNTAX = """
<h3>検索の書き方</h3>
<table cellpadding="4">
<tr><td><code>空き家 移住</code></td><td>両方を含む施策（AND）</td></tr>
<tr><td><code>空き家 OR 移住</code></td><td>どちらかを含む施策</td></tr>
<tr><td><code>-観光</code>　<code>NOT 観光</code></td><td>その語を含まない施策</td></tr>
<tr><td><code>"Beyond 5G"</code></td><td>語順どおりに続けて現れる語句</td></tr>
<tr><td><code>府省庁:総務省</code></td><td>担当の府省庁で絞り込む（<code>ministry:</code> も可）</td></tr>
<tr><td><code>柱:2</code>　<code>章:2</code></td><td>第1章の柱、または章で絞り込む</td></tr>
<tr><td><code>タグ:要確認</code>　<code>タグ:"局長 関心"</code></td><td>自分で付けたタグで絞り込む（<code>tag:</code> も可。いくつも書くとすべてを持つ施策）</td></tr>
</table>
<p>全角・半角、大文字・小文字は区別しません（ＡＩ と ai は同じ）。
本文・脚注・担当部局のほか、自分のメモとハイライトのコメントも検索します（メモに一致した施策には「メモ」、
コメントに一致した施策には「コメントに一致」の印）。</p>
<p>入力どおりに一致した施策（完全一致）のあとに、別の表記（子供 → 子ども・こども、
受け入れ → 受入れ・受入）で一致した施策と、入力した語の一部が近くに現れる施策を
「近い結果」として区切って表示します。検索欄の横の「完全一致のみ」（Ctrl+Shift+K）を
オンにすると近い結果を出しません。<code>"…"</code> で囲んだ語句はいつも入力どおりです。
何も見つからないときは「もしかして」で別の検索語か、絞り込みを外すことを提案します。</p>
<p>検索欄では ↑↓ で結果を選び、Enter で開き、Esc で検索を解除します。
施策の番号（1-1-28、2-3 など）を入力して Enter を押すと、その施策を開きます。
開いている施策の中を探すには Ctrl+F を使います。</p>
"""

OTHER_KEYS = (
    ("検索欄", "↑ / ↓ 結果を選ぶ、Enter 開く、Esc 検索を解除"),
    ("この施策の中を検索", "Enter 次、Shift+Enter 前、Esc 閉じる"),
    ("目次", "文字を入力すると施策名の一部で探す。← / → 折りたたみ・展開"),
    ("★ ボタン", "Alt+↓ または F4 で追加先のコレクションを選ぶ"),
    ("マウス", "戻る・進むボタンで前後の施策へ"),
)


class HelpDialog(QDialog):
    def __init__(self, title: str, body: str, parent=None, extra=()):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setHtml(body)
        describe(self.text, title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        for label, fn in extra:
            b = self.buttons.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
            b.clicked.connect(lambda _c=False, f=fn: f())
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(self.buttons)
        self.resize(620, 460)


class Help(QObject):
    def __init__(self, win):
        super().__init__(win)
        self.win = win

    def search_syntax(self) -> None:
        HelpDialog(self.tr("検索の書き方"), SEARCH_SYNTAX, self.win).exec()

    def shortcuts_html(self) -> str:
        rows = []
        commands = self.win.commands
        for action in commands:
            keys = shortcut_text(action)
            if keys:
                # the command's own name, not what its text says now (元に戻す: 「…」を…)
                spec = commands.spec(action)
                rows.append((command_text(spec.text) if spec else action.text(), keys))
        rows.extend((self.tr(a), self.tr(b)) for a, b in OTHER_KEYS)
        cells = "".join(
            f"<tr><td>{html.escape(a)}</td><td><b>{html.escape(b)}</b></td></tr>" for a, b in rows
        )
        return (
            f"<h3>{self.tr('キーボードショートカット')}</h3><table cellpadding='3'>{cells}</table>"
        )

    def shortcuts(self) -> None:
        HelpDialog(self.tr("キーボードショートカット"), self.shortcuts_html(), self.win).exec()

    def data_folder_html(self) -> str:
        store = self.win.ctx.store.path
        settings = self.win.settings.path
        return self.tr(
            "<h3>メモの保存場所</h3>"
            "<p>メモ・ハイライト・タグ・ブックマーク・コレクションは、この端末の次のファイルにだけ"
            "保存されます。"
            "ネットワークには送られません。</p>"
            "<p><b>{0}</b></p>"
            "<p>画面の設定: {1}</p>"
            "<p>別の端末へ移すには ファイル → 「バックアップを書き出す…」と「バックアップから復元…」"
            "（コマンドでは <code>shisaku backup --out ファイル.json</code> と "
            "<code>shisaku restore ファイル.json</code>）を使います。"
            "保存場所は環境変数 SHISAKU_DATA_DIR で変えられます。</p>"
        ).format(html.escape(str(store)), html.escape(str(settings)))

    def data_folder(self) -> None:
        folder = self.win.ctx.store.path.parent
        HelpDialog(
            self.tr("メモの保存場所"),
            self.data_folder_html(),
            self.win,
            extra=(
                (self.tr("パスをコピー"), lambda: QApplication.clipboard().setText(str(folder))),
                (
                    self.tr("フォルダを開く"),
                    lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))),
                ),
            ),
        ).exec()

    def about(self) -> None:
        QMessageBox.about(
            self.win,
            self.tr("{0}について").format(APP_TITLE),
            self.win.about_text().replace("\n", "<br>"),
        )
