"""Plain records of the 施策集, shared by the parser, the builder and the core."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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
    ministries: tuple[str, ...] = ()
    page: int | None = None
    line: int = 0  # 1-based line of the title in the source, for messages

    def to_json(self) -> dict:
        """The public JSON shape (export, show --json)."""
        d = {}
        for k, v in asdict(self).items():
            if k in ("seq", "line"):
                continue
            if k == "bureaus":  # public name since the first release; in code: bureaus
                d["organisations"] = [asdict(o) for o in self.bureaus]
            else:
                d[k] = v
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


@dataclass
class Document:
    preface: str
    chapters: list[Chapter] = field(default_factory=list)
    pillars: list[Pillar] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    # 施策一覧 at the tail: (pillar, number, title, bureaus text) for the cross-check
    summary: list[tuple[int, int, str, str]] = field(default_factory=list)
