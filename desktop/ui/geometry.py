"""The window fits the screen it opens on: on first launch (a comfortable size, never
larger than the screen's free area) and after restoring a size saved on a bigger screen
or at a lower scaling (150 % on 1920×1080 leaves 1280×720)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

PREFERRED = QSize(1280, 800)
SHARE = 0.92  # of the free area on first launch: the taskbar and a margin stay visible
FRAME = QSize(16, 40)  # title bar and borders, before the window manager tells us


def small_screen(available: QRect) -> bool:
    """Too small for PREFERRED with room around it: open maximised instead."""
    return available.width() < 1100 or available.height() < 700


def first_rect(available: QRect) -> QRect:
    """The client area on first launch: centred, PREFERRED or smaller, frame included."""
    w = min(PREFERRED.width(), int(available.width() * SHARE) - FRAME.width())
    h = min(PREFERRED.height(), int(available.height() * SHARE) - FRAME.height())
    r = QRect(0, 0, w, h)
    r.moveCenter(available.center())
    return r


def clamp(frame: QRect, available: QRect) -> QRect:
    """The frame moved and, if need be, shrunk to lie inside `available`."""
    w = min(frame.width(), available.width())
    h = min(frame.height(), available.height())
    x = min(max(frame.x(), available.x()), available.right() + 1 - w)
    y = min(max(frame.y(), available.y()), available.bottom() + 1 - h)
    return QRect(x, y, w, h)


def fit_window(win) -> None:
    """Clamp a shown or about-to-be-shown top-level window to its screen's free area.

    Works on the frame (title bar and borders included); the difference between frame and
    client area is taken from the window once it has a frame, else assumed small."""
    screen = win.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = win.frameGeometry()
    inner = win.geometry()
    extra_w = max(0, frame.width() - inner.width())
    extra_h = max(0, frame.height() - inner.height())
    fitted = clamp(frame, available)
    if fitted == frame:
        return
    if win.isMaximized() or win.isFullScreen():
        return  # the window manager sizes those
    win.resize(fitted.width() - extra_w, fitted.height() - extra_h)
    win.move(fitted.topLeft())
