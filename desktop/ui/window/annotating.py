"""Highlights in the window (issue 12), and what highlights and tags share: highlighting
the selection (Ctrl+Shift+H, 1–4, the reader's ハイライト button, the right-click menu), the
comment, recolouring and deleting with undo; jumping to a highlight from the メモ tab; the
wiring of the annotation bar and the lists' menus. Tags themselves: window/tagging.py.

Every change goes through the store; each one that changes or loses something pushes a
step on the window's UndoStack and says what it did in the status bar (_changed).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop import APP_TITLE
from desktop.errors import UserError
from desktop.ui.annotate.colours import COLOUR_LABELS, COLOURS, DEFAULT_COLOUR
from desktop.ui.annotate.dialogs import CommentDialog, quoted


class AnnotationMixin:
    def _wire_annotations(self) -> None:
        self.highlight_colour = DEFAULT_COLOUR  # Ctrl+Shift+H uses the colour used last
        self.view.highlight_source = self._highlights_of
        self.view.menu_extenders.append(self._reader_menu)
        c = self.commands
        bar = self.reader.annot_bar
        bar.use_actions(
            c.highlight,
            [getattr(c, f"highlight_{k}") for k in COLOURS],
            c.highlight_comment,
            c.highlight_delete,
            c.edit_tags,
        )
        bar.chip_clicked.connect(self._chip_menu)
        self.view.cursorPositionChanged.connect(self._caret_moved)
        self.location_changed.connect(lambda _loc: self._reader_annotations())
        lst = self.results.list
        lst.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        lst.customContextMenuRequested.connect(self._result_menu)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._toc_menu)
        self.show_tag_chips()
        self._reader_annotations()

    # -- what the reader shows ---------------------------------------------------------------

    def _highlights_of(self, measure_id: str) -> list:
        """The measure's placed highlights for the reader. A store that cannot be read (closed
        as the window goes, a damaged file) shows the text without them, never an error."""
        try:
            return self.ctx.store.highlights(measure_id, include_orphans=False)
        except (sqlite3.Error, UserError):
            return []

    def _shown_measure(self):
        return self.view.measure if self.location and self.view.measure is not None else None

    def _reader_annotations(self) -> None:
        """The open measure's chips, the buttons' states, the highlight at the caret."""
        m = self._shown_measure()
        self.reader.annot_bar.set_tags(self.ctx.store.tags_of(m.id) if m else [])
        self.reader.annot_bar.setVisible(m is not None)
        c = self.commands
        for a in (
            c.highlight,
            c.highlight_comment,
            c.highlight_delete,
            c.edit_tags,
            c.next_highlight,
            c.previous_highlight,
            *(getattr(c, f"highlight_{k}") for k in COLOURS),
        ):
            a.setEnabled(m is not None)
        self._caret_moved()

    def _caret_moved(self) -> None:
        self.reader.annot_bar.show_current(self.view.current_highlight())

    def refresh_annotations(self) -> None:
        """The store's highlights or tags changed (here, by undo, or by the CLI)."""
        self.ctx.annotations_changed()
        self.show_tag_chips()
        self.search_again()
        self.view.refresh_highlights()
        self.notes.reload_highlights()
        self._reader_annotations()

    # -- highlighting ------------------------------------------------------------------------

    def _chosen_span(self) -> tuple[int, int] | None:
        """What to highlight: the selection in the body, else the find bar's current match."""
        span = self.view.selected_body_span()
        if span is not None:
            return span
        bar = self.reader.find_bar
        if bar.isVisible() and 0 <= bar.index < len(bar.spans):
            return self.view.body_span(*bar.spans[bar.index])
        return None

    def highlight_selection(self, colour: str | None = None) -> None:
        """Ctrl+Shift+H (the colour used last) or 1–4: highlight the selection. With nothing
        selected, 1–4 recolour the highlight at the caret."""
        m = self._shown_measure()
        if m is None:
            return
        span = self._chosen_span()
        here = self.view.current_highlight()
        if span is None or (here is not None and (here.start, here.end) == span):
            if colour and here is not None:
                self.recolour_highlight(here, colour)
            else:
                self.notify(
                    self.tr(
                        "ハイライトする文を本文で選んでください（マウスでなぞるか、Shift+矢印キー）"
                    )
                )
            return
        colour = colour or self.highlight_colour
        self.highlight_colour = colour
        h = self._store_call(lambda: self.ctx.store.add_highlight(m, *span, colour=colour))
        if h is None:
            return
        store = self.ctx.store
        label = self.tr("「{0}」を{1}でハイライトしました").format(
            quoted(h.exact, 20)[1:-1], COLOUR_LABELS[colour]
        )
        self._changed(
            label, lambda: store.delete_highlight(h.uid), lambda: store.restore_highlight(h)
        )
        self.view.place_caret(h.end)

    def recolour_highlight(self, h, colour: str) -> None:
        if h.colour == colour:
            return
        store = self.ctx.store
        if self._store_call(lambda: store.update_highlight(h.uid, colour=colour)) is None:
            return
        self.highlight_colour = colour
        label = self.tr("ハイライトの色を{0}から{1}に変えました").format(
            COLOUR_LABELS[h.colour], COLOUR_LABELS[colour]
        )
        self._changed(
            label,
            lambda: store.update_highlight(h.uid, colour=h.colour),
            lambda: store.update_highlight(h.uid, colour=colour),
        )

    def comment_highlight(self) -> None:
        """Ctrl+Shift+M: the comment of the highlight at the caret; with a selection, a new
        highlight with a comment."""
        m = self._shown_measure()
        if m is None:
            return
        here = self.view.current_highlight()
        span = self._chosen_span()
        if here is not None and (span is None or span == (here.start, here.end)):
            self.edit_comment(here)
            return
        if span is None:
            self.notify(
                self.tr("コメントを付ける文を本文で選ぶか、ハイライトをクリックしてください")
            )
            return
        dlg = CommentDialog(m.body[span[0] : span[1]], "", self)
        if dlg.exec() != CommentDialog.DialogCode.Accepted:
            return
        colour = self.highlight_colour
        store = self.ctx.store
        h = self._store_call(
            lambda: store.add_highlight(m, *span, colour=colour, comment=dlg.text())
        )
        if h is not None:
            label = self.tr("「{0}」をハイライトしてコメントを付けました").format(
                quoted(h.exact, 20)[1:-1]
            )
            self._changed(
                label, lambda: store.delete_highlight(h.uid), lambda: store.restore_highlight(h)
            )
            self.view.place_caret(h.end)

    def edit_comment(self, h) -> None:
        dlg = CommentDialog(h.exact, h.comment, self)
        if dlg.exec() != CommentDialog.DialogCode.Accepted or dlg.text() == h.comment:
            return
        store = self.ctx.store
        new = dlg.text()
        if self._store_call(lambda: store.update_highlight(h.uid, comment=new)) is None:
            return
        label = (
            self.tr("ハイライトのコメントを消しました")
            if not new
            else self.tr("ハイライトのコメントを保存しました")
        )
        self._changed(
            label,
            lambda: store.update_highlight(h.uid, comment=h.comment),
            lambda: store.update_highlight(h.uid, comment=new),
        )

    def delete_highlight(self, h=None) -> None:
        """Delete (the one at the caret, or `h` from the メモ tab); undo puts it back whole."""
        h = h or self.view.current_highlight()
        if h is None:
            self.notify(self.tr("削除するハイライトをクリックしてから選んでください"))
            return
        store = self.ctx.store
        gone = self._store_call(lambda: store.delete_highlight(h.uid))
        if gone is None:
            return
        label = self.tr("ハイライト「{0}」を削除しました").format(quoted(gone.exact, 20)[1:-1])
        self._changed(
            label, lambda: store.restore_highlight(gone), lambda: store.delete_highlight(gone.uid)
        )

    def step_highlight(self, delta: int) -> None:
        """F8 / Shift+F8: select the next (previous) highlight in the body, for the keys."""
        hs = sorted(self.view.highlights, key=lambda h: (h.start, h.end))
        if not hs:
            self.notify(self.tr("この施策にハイライトはありません"))
            return
        cur = self.view.current_highlight()
        at = cur.start if cur is not None else self.view.caret_offset()
        if delta > 0:
            later = [h for h in hs if at is None or h.start > at or (cur is None and h.start == at)]
            h = later[0] if later else hs[0]
        else:
            earlier = [h for h in hs if at is not None and h.start < at]
            h = earlier[-1] if earlier else hs[-1]
        self.view.select_body_span(h.start, h.end)
        self.view.setFocus()

    def open_highlight(self, h) -> None:
        """From the メモ tab: open the measure and select the passage; an orphan is shown."""
        if h.orphan:
            self._show_orphan(h)
            return
        if self.open_location(h.measure_id) and not self.view.select_body_span(h.start, h.end):
            self.notify(self.tr("この箇所は本文に見つかりませんでした"))

    def _show_orphan(self, h) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("本文に見つからないハイライト"))
        box.setText(
            self.tr(
                "「{0}」（{1}）のハイライトです。施策集が作り直され、この箇所は現在の本文に"
                "見つかりません。消さずに残しています。"
            ).format(h.title, h.measure_id)
        )
        detail = quoted(h.exact, 400)
        if h.comment:
            detail += "\n" + self.tr("コメント: {0}").format(h.comment)
        box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.button(QMessageBox.StandardButton.Close).setText(self.tr("閉じる"))
        delete = box.addButton(self.tr("削除"), QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        if box.clickedButton() is delete:
            self.delete_highlight(h)

    def _reader_menu(self, menu: QMenu, offset: int | None) -> None:
        """The reader's right-click menu: highlight the selection in a colour, or edit or
        delete the highlight under the mouse."""
        menu.addSeparator()
        under = self.view.highlight_at(offset) if offset is not None else None
        if self._chosen_span() is not None:
            for k in COLOURS:
                menu.addAction(getattr(self.commands, f"highlight_{k}"))
            menu.addAction(self.commands.highlight_comment)
        elif under is not None:
            for k in COLOURS:
                a = menu.addAction(self.tr("色を{0}に").format(COLOUR_LABELS[k]))
                a.setEnabled(k != under.colour)
                a.triggered.connect(lambda _c=False, h=under, k=k: self.recolour_highlight(h, k))
            menu.addAction(self.tr("コメントを編集…")).triggered.connect(
                lambda _c=False, h=under: self.edit_comment(h)
            )
            menu.addAction(self.tr("ハイライトを削除")).triggered.connect(
                lambda _c=False, h=under: self.delete_highlight(h)
            )
        else:
            hint = menu.addAction(self.tr("文を選ぶとハイライトできます"))
            hint.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.commands.edit_tags)

    # -- shared ------------------------------------------------------------------------------

    def _store_call(self, fn):
        """Run one store change; a refusal or a busy store is a message, never a traceback.
        None when nothing was changed."""
        try:
            return fn()
        except UserError as e:
            QMessageBox.warning(self, APP_TITLE, str(e))
            return None

    def _changed(self, label: str, undo, redo=None) -> None:
        self.undo.push(label, undo, redo)
        self.notify(label, undoable=True)
        self.refresh_annotations()
