"""目次: はじめに, 第1章 → 5 pillars → measures, 第2章 → measures, each node with its count."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt

from desktop.ui.nav_history import PREFACE

LOCATION_ROLE = Qt.ItemDataRole.UserRole + 1  # measure id, "preface" or "" for group nodes
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # "chapter:1", "pillar:1:2", measure id, "preface"


@dataclass(eq=False)
class Node:
    label: str
    key: str
    location: str = ""  # what opening the node shows
    tooltip: str = ""
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    row: int = 0

    def add(self, child: Node) -> Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child


def measure_count(node: Node) -> int:
    if not node.children:
        return 1 if node.location and node.location != PREFACE else 0
    return sum(measure_count(c) for c in node.children)


class TocModel(QAbstractItemModel):
    def __init__(self, catalogue, parent: QObject | None = None, preface_label: str = "はじめに"):
        super().__init__(parent)
        self.root = Node("", "")
        self.by_key: dict[str, Node] = {}
        self._build(catalogue, preface_label)

    def _build(self, cat, preface_label: str) -> None:
        if cat.preface:
            self._add(self.root, Node(preface_label, PREFACE, PREFACE))
        for ch in cat.chapters:
            chap = self._add(
                self.root,
                Node(f"第{ch.number}章 {ch.title}", f"chapter:{ch.number}", tooltip=ch.title),
            )
            pillars = {p.number: p for p in cat.pillars if p.chapter == ch.number}
            groups: dict[int | None, Node] = {}
            for m in cat.measures:
                if m.chapter != ch.number:
                    continue
                parent = chap
                if m.pillar is not None:
                    parent = groups.get(m.pillar)
                    if parent is None:
                        p = pillars.get(m.pillar)
                        title = p.title if p else (m.pillar_title or "")
                        sub = f" {p.subtitle}" if p and p.subtitle else ""
                        parent = groups[m.pillar] = self._add(
                            chap,
                            Node(
                                f"{m.pillar}．{title}{sub}",
                                f"pillar:{ch.number}:{m.pillar}",
                                tooltip=f"{title}{sub}",
                            ),
                        )
                self._add(parent, Node(f"（{m.number}）{m.title}", m.id, m.id, tooltip=m.title))
        for node in self.by_key.values():  # counts on group nodes
            if node.children:
                node.label = f"{node.label}（{measure_count(node)}）"

    def _add(self, parent: Node, node: Node) -> Node:
        parent.add(node)
        self.by_key[node.key] = node
        return node

    # -- Qt model API ---------------------------------------------------------------------

    def node(self, index: QModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        p = self.node(parent)
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
        return len(self.node(parent).children)

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
        n = self.by_key.get(key)
        return QModelIndex() if n is None else self.createIndex(n.row, 0, n)

    def measure_nodes(self) -> list[Node]:
        return [n for n in self.by_key.values() if n.location and n.location != PREFACE]
