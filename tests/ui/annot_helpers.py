"""Selecting text in the real reading view the user's ways (mouse drag, Shift+arrows), and
reading back what the view draws."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication

LEFT = Qt.MouseButton.LeftButton
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def doc_pos(view, offset: int, end: bool = False) -> int:
    """The document position where body character `offset` starts (or, with end, where
    character offset-1 ends)."""
    bm = view.body_map
    return view.body_base + (bm.end[offset - 1] if end else bm.start[offset])


def point_at(view, pos: int) -> QPoint:
    """A viewport point just right of the caret position `pos` (inside the character's
    left half, so a click there puts the caret at `pos`), scrolled into view first. The
    view's own caret and selection are left alone."""
    c = QTextCursor(view.document())
    c.setPosition(pos)
    r = view.cursorRect(c)
    bar = view.verticalScrollBar()
    if r.top() < 0 or r.bottom() > view.viewport().height():
        bar.setValue(bar.value() + r.top() - view.viewport().height() // 3)
        r = view.cursorRect(c)
    return QPoint(r.left() + 2, r.center().y())


def drag_select(qtbot, view, start: int, end: int) -> None:
    """Press on body offset `start`, drag to `end`, release: the mouse's selection."""
    a = point_at(view, doc_pos(view, start))
    # the right half of the last character (the position after it may be the next line's)
    last = view.body_map.body[end - 1]
    b = point_at(view, doc_pos(view, end - 1)) + QPoint(
        view.fontMetrics().horizontalAdvance(last) - 5, 0
    )
    qtbot.mousePress(view.viewport(), LEFT, pos=a)
    qtbot.mouseMove(view.viewport(), pos=b)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=b)


def key_select(qtbot, view, start: int, end: int) -> None:
    """Focus the view, Ctrl+Home, → until the start, Shift+→ until the end."""
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    goal = doc_pos(view, start)
    for _ in range(5000):
        if view.textCursor().position() >= goal:
            break
        qtbot.keyClick(view, Qt.Key.Key_Right)
    goal = doc_pos(view, end, end=True)
    for _ in range(5000):
        if view.textCursor().position() >= goal:
            break
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)


def click_offset(qtbot, view, offset: int) -> None:
    """A left click on body character `offset`."""
    qtbot.mouseClick(view.viewport(), LEFT, pos=point_at(view, doc_pos(view, offset)))


def right_click_offset(view, offset: int) -> None:
    """The context menu event a right click on body character `offset` sends."""
    pos = point_at(view, doc_pos(view, offset))
    vp = view.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos))
    QApplication.sendEvent(vp, event)


def background_at(view, pos: int) -> str:
    """The background colour of the character at document position `pos` (#rrggbb)."""
    c = QTextCursor(view.document())
    c.setPosition(pos + 1)  # the format of the character before the cursor
    return c.charFormat().background().color().name()


def char_format(view, pos: int):
    c = QTextCursor(view.document())
    c.setPosition(pos + 1)
    return c.charFormat()
