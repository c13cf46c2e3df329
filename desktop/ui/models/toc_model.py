"""目次: はじめに, 第1章 → 5 pillars → measures, 第2章 → measures, each node with its count.

The chapter and pillar nodes are made at start; the measure nodes of a chapter or pillar
only when the tree first asks for them (it is expanded, or a measure in it is shown): at
100× the catalogue a node for every one of 34,400 measures cost more than the whole first
paint may (decision 0006). The groups and their counts come from the catalogue's index
(Catalogue.groups), a group's measures from Catalogue.in_pillar: the 目次 paints without
the catalogue's 34,400 headers in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt

from desktop.ui.models.results_model import with_tags
from desktop.ui.nav_history import PREFACE

LOCATION_ROLE = Qt.ItemDataRole.UserRole + 1  # measure id, "preface" or "" for group nodes
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # "chapter:1", "pillar:1:2", measure id, "preface"


@dataclass(eq=False, slots=True)  # slots: 34,400 of them at 100×, made quickly
class Node:
    label: str
    key: str
    location: str = ""  # what opening the node shows
    tooltip: str = ""
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    row: int = 0
    later: int | None = None  # measures of this group whose nodes are not made yet
    group: tuple[int, int | None] | None = None  # (chapter, pillar) of a group node

    def add(self, child: Node) -> Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child


def measure_count(node: Node) -> int:
    if node.later is not None:
        return node.later
    if not node.children:
        return 1 if node.location and node.location != PREFACE else 0
    return sum(measure_count(c) for c in node.children)


class TocModel(QAbstractItemModel):
    def __init__(self, catalogue, parent: QObject | None = None, preface_label: str = "はじめに"):
        super().__init__(parent)
        self.root = Node("", "")
        self.by_key: dict[str, Node] = {}  # made nodes only (see node_of)
        self._catalogue = catalogue
        self.tags: dict[str, list[str]] = {}  # the user's tags: tooltips, screen readers
        self._build(catalogue, preface_label)

    def _build(self, cat, preface_label: str) -> None:
        if cat.preface:
            self._add(self.root, Node(preface_label, PREFACE, PREFACE))
        groups = cat.groups()  # (chapter, pillar, count) in document order
        pillars = {(p.chapter, p.number): p for p in cat.pillars}
        for ch in cat.chapters:
            chap = self._add(
                self.root,
                Node(f"第{ch.number}章 {ch.title}", f"chapter:{ch.number}", tooltip=ch.title),
            )
            mine = [(p, n) for c, p, n in groups if c == ch.number]
            if [p for p, _n in mine] == [None]:  # a chapter of measures only (第2章)
                chap.later, chap.group = mine[0][1], (ch.number, None)
                continue
            if any(p is None for p, _n in mine):
                # measures directly under a chapter that also has pillars: in document
                # order among the pillars, so this chapter is made now, in one piece
                self._interleaved(chap, cat.in_chapter(ch.number), pillars)
                continue
            for number, n in mine:
                p = pillars.get((ch.number, number))
                title = p.title if p else ""
                sub = f" {p.subtitle}" if p and p.subtitle else ""
                node = Node(
                    f"{number}．{title}{sub}",
                    f"pillar:{ch.number}:{number}",
                    tooltip=f"{title}{sub}",
                )
                node.later, node.group = n, (ch.number, number)
                self._add(chap, node)
        for node in list(self.by_key.values()):  # counts on group nodes
            if node.later is not None or node.children:
                node.label = f"{node.label}（{measure_count(node)}）"

    def _interleaved(self, chap: Node, seq: list, pillars: dict) -> None:
        groups: dict[int, Node] = {}
        for m in seq:
            if m.pillar is None:
                self._add(chap, self._measure_node(m))
                continue
            node = groups.get(m.pillar)
            if node is None:
                p = pillars.get((m.chapter, m.pillar))
                title = p.title if p else (m.pillar_title or "")
                sub = f" {p.subtitle}" if p and p.subtitle else ""
                node = groups[m.pillar] = self._add(
                    chap,
                    Node(
                        f"{m.pillar}．{title}{sub}",
                        f"pillar:{m.chapter}:{m.pillar}",
                        tooltip=f"{title}{sub}",
                    ),
                )
            self._add(node, self._measure_node(m))

    @staticmethod
    def _measure_node(m) -> Node:
        return Node(f"（{m.number}）{m.title}", m.id, m.id, tooltip=m.title)

    def _add(self, parent: Node, node: Node) -> Node:
        parent.add(node)
        self.by_key[node.key] = node
        return node

    def _fill(self, node: Node) -> None:
        """Make the measure nodes of a chapter or pillar (once)."""
        if node.later is None:
            return
        node.later = None
        for m in self._catalogue.in_pillar(*node.group):
            self._add(node, self._measure_node(m))

    def node_of(self, key: str) -> Node | None:
        """The node of a key, making the measure nodes of its chapter or pillar if needed."""
        n = self.by_key.get(key)
        if n is not None or key.startswith(("chapter:", "pillar:")) or key == PREFACE:
            return n
        m = self._catalogue.get(key)
        if m is None:
            return None
        group = f"pillar:{m.chapter}:{m.pillar}" if m.pillar is not None else f"chapter:{m.chapter}"
        parent = self.by_key.get(group)
        if parent is not None:
            self._fill(parent)
        return self.by_key.get(key)

    def group_size(self, key: str) -> int:
        """How many rows the chapter or pillar holding `key` has (0: not a measure's key)."""
        m = self._catalogue.get(key) if key not in self.by_key else None
        node = self.by_key.get(key)
        if node is not None:
            return len(node.parent.children) if node.parent is not None else 0
        if m is None:
            return 0
        group = f"pillar:{m.chapter}:{m.pillar}" if m.pillar is not None else f"chapter:{m.chapter}"
        parent = self.by_key.get(group)
        if parent is None:
            return 0
        return parent.later if parent.later is not None else len(parent.children)

    def all_nodes(self) -> list[Node]:
        """Every node in tree order (makes every measure node: type-ahead, tests)."""
        out: list[Node] = []

        def walk(node: Node) -> None:
            for c in node.children:
                self._fill(c)
                out.append(c)
                walk(c)

        walk(self.root)
        return out

    # -- Qt model API ---------------------------------------------------------------------

    def node(self, index: QModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.root

    # index(), hasChildren() and rowCount() are called for every row of an expanded group
    # (12,900 rows in one pillar at 100×): plain attribute reads, no helper calls

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        p = parent.internalPointer() or self.root  # None for an invalid index
        if p.later is not None:
            self._fill(p)
        if column != 0 or not 0 <= row < len(p.children):
            return QModelIndex()
        return self.createIndex(row, 0, p.children[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        p = index.internalPointer().parent
        if p is None or p is self.root:
            return QModelIndex()
        return self.createIndex(p.row, 0, p)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        node = parent.internalPointer() or self.root
        if node.later is not None:
            self._fill(node)
        return len(node.children)

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """Without making the measure nodes (the view asks this of every visible row)."""
        node = parent.internalPointer() or self.root
        return node.later is not None or bool(node.children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        n: Node = index.internalPointer()
        if role == Qt.ItemDataRole.DisplayRole:
            return n.label
        if role == Qt.ItemDataRole.ToolTipRole:
            tags = self.tags.get(n.location) if self.tags and n.location else None
            return with_tags(n.tooltip or n.label, tags) if tags else (n.tooltip or None)
        if role == Qt.ItemDataRole.AccessibleTextRole and self.tags and n.location:
            return with_tags(n.label, self.tags.get(n.location))
        if role == LOCATION_ROLE:
            return n.location
        if role == KEY_ROLE:
            return n.key
        return None

    def index_of(self, key: str) -> QModelIndex:
        n = self.node_of(key)
        return QModelIndex() if n is None else self.createIndex(n.row, 0, n)

    def measure_nodes(self) -> list[Node]:
        """Every measure's node (makes them all)."""
        return [n for n in self.all_nodes() if n.location and n.location != PREFACE]
