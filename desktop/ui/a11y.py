"""Accessible name and description in one call, so no interactive widget goes without.

Screen readers (NVDA, Narrator, Orca) read the name when the widget gets focus and the
description after it; a tooltip alone is not enough for a search field or a list."""

from __future__ import annotations


def describe(widget, name: str, description: str = "", tooltip: bool = False):
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        if tooltip:
            widget.setToolTip(description)
    return widget
