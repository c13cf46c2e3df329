"""Start the Qt application and the main window."""

from __future__ import annotations

import os
import sys

from desktop import APP_NAME, APP_TITLE, __version__
from desktop.display import can_show_window, framebuffer_platform, headless
from desktop.errors import UserError

NO_DISPLAY = (
    "画面がありません (no display): DISPLAY を設定するか --self-test を使ってください"
    " (set DISPLAY or WAYLAND_DISPLAY, or run `shisaku --self-test`)"
)


def make_app(offscreen: bool = False):
    """The QApplication (reused if one exists, e.g. under pytest-qt)."""
    if offscreen or (headless() and not framebuffer_platform()):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop.ui import pyside_hook

    pyside_hook.install()  # before our widget modules are imported
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        qInstallMessageHandler(_quiet_offscreen)

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    install_qt_translation(app)
    follow_color_scheme(app)
    if sys.platform == "win32":
        # a non-Japanese Windows falls back to Chinese glyph forms for kanji; elsewhere the
        # system's fallback is already Japanese (fontconfig's ja rules, Hiragino) and the
        # font list costs ~20 ms of start-up
        from desktop.qtfonts import apply_ui_font

        apply_ui_font(app)
    icon = icon_path()
    if icon is not None:
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_qt_translation(app) -> None:
    """Qt's own strings (standard buttons, print dialog) in Japanese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    if getattr(app, "_shisaku_qt_tr", None) is not None:
        return
    tr = QTranslator(app)
    # qtbase, not qt: qt_ja.qm only points at the module files and fails alone
    if tr.load(
        QLocale(QLocale.Language.Japanese),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(tr)
        app._shisaku_qt_tr = tr


def follow_color_scheme(app) -> None:
    """Dark when the system is dark. Qt follows the system's scheme by itself, except with
    Windows' classic style (windowsvista), which has no dark palette: use Fusion there."""
    if sys.platform != "win32":
        return
    from PySide6.QtCore import Qt

    hints = app.styleHints()
    if not hasattr(hints, "colorScheme") or getattr(app, "_shisaku_scheme", False):
        return
    app._shisaku_scheme = True

    def apply(scheme=None) -> None:
        scheme = hints.colorScheme() if scheme is None else scheme
        if scheme == Qt.ColorScheme.Dark and app.style().name().lower() == "windowsvista":
            app.setStyle("Fusion")

    apply()
    hints.colorSchemeChanged.connect(apply)


def _quiet_offscreen(mode, context, message: str) -> None:
    """The offscreen platform warns about window hints and raising it ignores; everything
    else shows."""
    if "propagateSizeHints" not in message and "does not support raise()" not in message:
        print(message, file=sys.stderr)


def icon_path():
    from desktop import paths

    p = paths.resources_dir() / "icons" / "shisaku.png"
    return p if p.exists() else None


def open_window(data_dir=None, location: str | None = None, build_dir=None, ctx=None):
    """Context + settings + window, shown. Returns (window, context)."""
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    if ctx is None:
        ctx = AppContext.open(data_dir, build_dir)
    win = MainWindow(ctx, Settings.open(data_dir))
    if location:
        win.open_location(location)
    if ctx.store.notice:  # a damaged file moved aside, a damaged -wal, damaged text, read-only
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QMessageBox

        QTimer.singleShot(0, lambda: QMessageBox.warning(win, APP_TITLE, ctx.store.notice))
    win.show()
    return win, ctx


def load_context(data_dir=None, location: str | None = None):
    """Catalogue and store, and the start location checked against that same catalogue."""
    from desktop.ui.context import AppContext

    ctx = AppContext.open(data_dir)
    if location:
        try:
            ctx.catalogue.require(location)
        except BaseException:
            ctx.close()
            raise
    return ctx


def show_fatal(message: str) -> bool:
    """A start-up error as a dialog, when there is a screen to show it on (a windowed build
    has no console for stderr). True if shown."""
    if not can_show_window():
        return False
    from PySide6.QtWidgets import QMessageBox

    make_app()
    QMessageBox.critical(None, APP_TITLE, f"{APP_TITLE}を起動できません。\n\n{message}")
    return True


def run(data_dir=None, location: str | None = None) -> int:
    """The window until it closes. A UserError (data folder not writable, store of a newer
    version, unknown id, no display) is shown in a dialog when possible and re-raised: the
    CLI prints it to stderr and exits 2.

    A window already open on the same data folder gets the request instead (one app per
    user): this launch then exits at once, 0, or 2 if that window refused the id."""
    from desktop.ui import pyside_hook, single_instance

    pyside_hook.install()  # PySide6 first, then our modules (desktop.ui.errors uses Qt)
    from desktop.ui.errors import install

    install(data_dir)  # an exception in a slot: a dialog and the log, never a traceback
    handed, refused = single_instance.hand_off(data_dir, location)
    claim = None if handed else single_instance.claim(data_dir)
    if not handed and claim is None:  # another launch is starting this very moment
        handed, refused = single_instance.wait_and_hand_off(data_dir, location)
    if handed:
        if refused:
            raise UserError(refused)
        return 0
    try:
        ctx = load_context(data_dir, location)
    except UserError as e:
        show_fatal(str(e))
        raise
    if not can_show_window():  # an invisible window would run forever
        ctx.close()
        raise UserError(NO_DISPLAY)
    try:
        app = make_app()
        try:
            win, _ctx = open_window(data_dir, location, ctx=ctx)
        except UserError as e:
            show_fatal(str(e))
            raise
        servers = []  # listen once the window has painted: a later launch finds it
        win.after_paint(lambda: servers.append(single_instance.serve(win, data_dir)))
        try:
            return app.exec()
        finally:
            for server in servers:
                if server is not None:
                    server.close()
    finally:
        ctx.close()
        if claim is not None:
            claim.unlock()
