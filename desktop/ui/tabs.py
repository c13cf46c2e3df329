"""The left pane's tabs, in one list: the window, the 表示 menu (Ctrl+1…) and the
settings all read their order from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tab:
    key: str  # attribute of the window holding the tab's widget
    label: str
    description: str  # accessible description and tooltip


TABS: tuple[Tab, ...] = (
    Tab("tree", "目次", "章・柱・施策の目次。クリックすると施策を開きます"),
    Tab("bookmarks", "ブックマーク", "コレクションとブックマーク。ブリーフの書き出しと印刷"),
    Tab("notes", "メモ", "メモ（新しい順）とハイライト（施策集の順）"),
)
TAB_TOC, TAB_BOOKMARKS, TAB_NOTES = range(len(TABS))
