"""Plain records of the 施策集, shared by the parser, the builder and the core."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    offset: int  # character position in the owning measure's body


@dataclass(frozen=True)
class Bureau:
    name: str
    ministry: str


@dataclass(frozen=True)
class Measure:
    id: str  # 1-{pillar}-{number} or 2-{number}; user data is keyed on it
    seq: int  # document order, 0-based
    chapter: int
    chapter_title: str
    pillar: int | None
    pillar_title: str | None
    number: int
    title: str
    body: str
    footnotes: tuple[Footnote, ...] = ()
    bureaus: tuple[Bureau, ...] = ()
    ministries: tuple[str, ...] = ()  # in the order the bureau list first names them
    page: int | None = None
    line: int = 0  # 1-based line of the title in the source, for messages
    pillar_subtitle: str | None = None  # e.g. ～地方イノベーション創生構想～

    def to_json(self) -> dict:
        """The public JSON shape (export, show --json)."""
        d: dict[str, Any] = {}
        for k, v in asdict(self).items():
            if k in ("seq", "line", "pillar_subtitle"):
                continue
            if k == "bureaus":  # public name since the first release; in code: bureaus
                d["organisations"] = [asdict(o) for o in self.bureaus]
            else:
                d[k] = v
            if k == "pillar_title":
                d["pillar_subtitle"] = self.pillar_subtitle
        d["footnotes"] = [asdict(f) for f in self.footnotes]
        d["ministries"] = list(self.ministries)
        return d


@dataclass(frozen=True)
class Pillar:
    chapter: int
    number: int
    title: str
    subtitle: str | None
    page: int | None


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    page: int | None


@dataclass(frozen=True)
class Line:
    """One printed line of the source, page furniture and footnote blocks removed."""

    text: str  # without the page-start space and without trailing spaces
    no: int  # 1-based line number in the source
    page: int | None
    ends_block: bool  # the printed line carried a trailing space


@dataclass(frozen=True)
class Printed:
    """How one measure was printed: the evidence the build's self-check reads."""

    title: tuple[Line, ...]
    body: tuple[Line, ...]
    bureaus: tuple[Line, ...]


@dataclass(frozen=True)
class SummaryEntry:
    """One entry of the 施策一覧 at the source's tail (titles and bureaus, no bodies)."""

    chapter: int
    pillar: int | None
    number: int
    title: str
    bureaus: str  # the printed list, （…）
    line: int


@dataclass
class Document:
    preface: str
    chapters: list[Chapter] = field(default_factory=list)
    pillars: list[Pillar] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    summary: list[SummaryEntry] = field(default_factory=list)
    printed: dict[str, Printed] = field(default_factory=dict)  # measure id → its lines
    print_width: float = 0.0  # median width of a wrapped line, in half-width cells
