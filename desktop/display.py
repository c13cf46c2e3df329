"""Is there a screen to show a window on? Qt-free, so the CLI can ask before loading Qt."""

from __future__ import annotations

import os
import sys

# platforms that draw nowhere a person can see
INVISIBLE_PLATFORMS = ("offscreen", "minimal")
# platforms that show a window without X11 or Wayland (framebuffer, VNC)
DISPLAYLESS_PLATFORMS = ("vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def headless() -> bool:
    """Linux without X11 or Wayland (a server, CI, ssh). Windows and macOS always have one."""
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def qt_platform() -> str:
    """QT_QPA_PLATFORM without its options ("vnc:size=800x600" → "vnc")."""
    return os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()


def framebuffer_platform() -> bool:
    """The user chose a Qt platform that needs no display server."""
    return qt_platform() in DISPLAYLESS_PLATFORMS


def can_show_window() -> bool:
    """A window would be visible to someone (not offscreen, not a server without display)."""
    if qt_platform() in INVISIBLE_PLATFORMS:
        return False
    return framebuffer_platform() or not headless()
