"""目次: はじめに, 第1章 → 5 pillars → measures, 第2章 → measures, each node with its count.

The chapter and pillar nodes are made at start; the measure nodes of a chapter or pillar
only when the tree first asks for them (it is expanded, or a measure in it is shown): at
100× the catalogue a node for every one of 34,400 measures cost more than the whole first
paint may (decision 0005). Counts come from one pass over the measures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt

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
    later: list | None = None  # measures whose nodes are made when first asked for

    def add(self, child: Node) -> Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child


def measure_count(node: Node) -> int:
    if node.later is not None:
        return len(node.later)
    if not node.children:
        return 1 if node.location and node.location != PREFACE else 0
    return sum(measure_count(c) for c in node.children)


class TocModel(QAbstractItemModel):
    def __init__(self, catalogue, parent: QObject | None = None, preface_label: str = "はじめに"):
        super().__init__(parent)
        self.root = Node("", "")
        self.by_key: dict[str, Node] = {}  # made nodes only (see node_of)
        self._catalogue = catalogue
        self._build(catalogue, preface_label)

    def _build(self, cat, preface_label: str) -> None:
        if cat.preface:
            self._add(self.root, Node(preface_label, PREFACE, PREFACE))
        by_chapter: dict[int, list] = {}
        for m in cat.measures:  # one pass, in document order
            by_chapter.setdefault(m.chapter, []).append(m)
        pillars = {(p.chapter, p.number): p for p in cat.pillars}
        for ch in cat.chapters:
            chap = self._add(
                self.root,
                Node(f"第{ch.number}章 {ch.title}", f"chapter:{ch.number}", tooltip=ch.title),
            )
            seq = by_chapter.get(ch.number, [])
            if all(m.pillar is None for m in seq):
                chap.later = seq  # a chapter of measures only (第2章): made when opened
                continue
            groups: dict[int, Node] = {}
            for m in seq:
                if m.pillar is None:  # a measure directly under a chapter with pillars
                    self._add(chap, self._measure_node(m))
                    continue
                node = groups.get(m.pillar)
                if node is None:
                    p = pillars.get((ch.number, m.pillar))
                    title = p.title if p else (m.pillar_title or "")
                    sub = f" {p.subtitle}" if p and p.subtitle else ""
                    node = groups[m.pillar] = self._add(
                        chap,
                        Node(
                            f"{m.pillar}．{title}{sub}",
                            f"pillar:{ch.number}:{m.pillar}",
                            tooltip=f"{title}{sub}",
                        ),
                    )
                    node.later = []
                node.later.append(m)
        for node in list(self.by_key.values()):  # counts on group nodes
            if node.later is not None or node.children:
                node.label = f"{node.label}（{measure_count(node)}）"

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
        todo, node.later = node.later, None
        for m in todo:
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
            return n.tooltip or None
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
