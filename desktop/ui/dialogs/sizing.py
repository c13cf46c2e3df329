"""Dialogs with wrapped labels: Qt sizes a window from its labels' one-line hint and then
leaves gaps (or cuts lines) once they wrap; after showing, take the height they need."""

from __future__ import annotations


def fit_height(dialog) -> None:
    """Call from showEvent: as tall as the layout needs at the dialog's width."""
    height = dialog.layout().totalHeightForWidth(dialog.width())
    if height > 0:
        dialog.resize(dialog.width(), height)
