"""What the window remembers between sessions (size, splitters, tab, zoom, reading width,
last measure), fitting it to the screen, and zoom for every pane."""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui import geometry
from desktop.ui.nav_history import PREFACE
from desktop.ui.settings import ZOOM_MAX, ZOOM_MIN


class StateMixin:
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, zoom: int) -> None:
        """Every pane's text, by the same number of points: the central widget's font is
        inherited by the tree, lists, search box, reader and note alike."""
        zoom = max(ZOOM_MIN, min(ZOOM_MAX, int(zoom)))
        self._zoom = zoom
        f = QApplication.font()
        f.setPointSizeF(max(6.0, f.pointSizeF() + zoom))
        self.centralWidget().setFont(f)
        self.settings.set("zoom", zoom)

    def set_reading_chars(self, chars: int) -> None:
        self.view.set_reading_chars(chars)
        self.settings.set("reading_chars", chars)
        for a in self.commands.reading_width.actions():
            a.setChecked(a.data() == chars)

    def restore_state(self) -> None:
        s = self.settings
        geometry_bytes = _unb64(s.get("geometry"))
        if geometry_bytes is None or not self.restoreGeometry(geometry_bytes):
            self._first_geometry()
        state = _unb64(s.get("window_state"))
        if state is not None:
            self.restoreState(state)
        sizes = s.get("main_splitter")
        self.splitter.setSizes(sizes if _sizes_ok(sizes, 2) else [380, 900])
        sizes = s.get("reader_splitter")
        self.reader.splitter.setSizes(sizes if _sizes_ok(sizes, 2) else [560, 200])
        self.set_zoom(s.get("zoom"))
        self.set_reading_chars(s.get("reading_chars"))
        tab = s.get("last_tab")
        self.tabs.setCurrentIndex(tab if 0 <= tab < self.tabs.count() else 0)
        last = s.get("last_location")
        if not (last and self.open_location(last)):
            self.open_location(
                PREFACE if self.ctx.catalogue.preface else self.ctx.catalogue.measures[0].id
            )

    def _first_geometry(self) -> None:
        screen = self.screen() or QApplication.primaryScreen()
        available = screen.availableGeometry()
        self.setGeometry(geometry.first_rect(available))
        if geometry.small_screen(available):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def fit_to_screen(self) -> None:
        """After the window manager placed the frame: clamp it into the free area (a size
        saved on a bigger screen, or at a lower scaling)."""
        geometry.fit_window(self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            geometry.fit_window(self)  # now, for the first paint
            QTimer.singleShot(0, self.fit_to_screen)  # and once the frame is known

    def save_state(self) -> None:
        s = self.settings
        s.set("geometry", base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii"))
        s.set("window_state", base64.b64encode(bytes(self.saveState().data())).decode("ascii"))
        s.set("main_splitter", list(self.splitter.sizes()))
        s.set("reader_splitter", list(self.reader.splitter.sizes()))
        s.set("last_tab", self.tabs.currentIndex())
        if self.location:
            s.set("last_location", self.location)
        s.save()


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
