"""The build's self-check: facts true of every measure read right, checked before writing.

Each check looks at one measure (its text and how it was printed) and names what is
wrong; `shisaku build` refuses the source (exit 2, previous build kept) on the first
failure. The checks were chosen to be true of all 344 measures of this edition and to
catch the ways a layout rule can go wrong: a title cut short whose rest starts the body
(1-1-58 and 1-1-62 before parser 3 were caught by `title-tail`), a title that swallowed
body text, a body that starts or ends mid-sentence, text that disagrees with the 施策一覧.
docs/architecture.md lists them; keep that list in step with CHECKS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from db.model import Document, Measure, Printed, SummaryEntry
from db.text import clean, width

OPENERS, CLOSERS = "（「『【", "）」』】"
# what a sentence (a body) cannot start with, and a title cannot end with
NOT_FIRST = "、。，．・）」』】ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
NOT_LAST = "、，・のをにがはとやへでも" + OPENERS
FILLED = 0.9  # as db.parse.FILLED: a line this wide reaches the margin
_BRACKETS = re.compile(f"[{OPENERS}{CLOSERS}]")


@dataclass(frozen=True)
class Failure:
    check: str
    measure_id: str
    detail: str

    def message(self) -> str:
        return (
            f"自己検査「{self.check}」に失敗しました: 施策 {self.measure_id} — {self.detail} "
            f"(self-check {self.check!r} failed for measure {self.measure_id})"
        )


class SelfCheckError(ValueError):
    def __init__(self, failures: list[Failure]):
        self.failures = failures
        more = f" (+{len(failures) - 1} more)" if len(failures) > 1 else ""
        super().__init__(failures[0].message() + more)


@dataclass(frozen=True)
class Context:
    """What the checks read besides the measure: the document, its 施策一覧 by measure."""

    doc: Document
    summary: dict[tuple[int, int | None, int], list[SummaryEntry]]

    @classmethod
    def of(cls, doc: Document) -> Context:
        summary: dict[tuple[int, int | None, int], list[SummaryEntry]] = {}
        for e in doc.summary:
            summary.setdefault((e.chapter, e.pillar, e.number), []).append(e)
        return cls(doc, summary)

    def listed(self, m: Measure) -> list[SummaryEntry]:
        return self.summary.get((m.chapter, m.pillar, m.number), [])


def balanced(text: str) -> bool:
    """（）「」『』【】 open and close in order."""
    stack = []
    for ch in _BRACKETS.findall(text):
        if ch in OPENERS:
            stack.append(OPENERS.index(ch))
        elif ch in CLOSERS:
            if not stack or stack.pop() != CLOSERS.index(ch):
                return False
    return not stack


def _filled(text: str, ctx: Context) -> bool:
    return width(text) >= FILLED * ctx.doc.print_width


def title_brackets(m: Measure, p: Printed, ctx: Context) -> str | None:
    if not balanced(m.title):
        return f"見出しの括弧が対応していません (unbalanced brackets in the title 「{m.title}」)"
    return None


def title_no_sentence(m: Measure, p: Printed, ctx: Context) -> str | None:
    if "。" in m.title:
        return f"見出しに「。」があります (the title holds a sentence end: 「{m.title}」)"
    return None


def title_end(m: Measure, p: Printed, ctx: Context) -> str | None:
    if m.title[-1:] in NOT_LAST or not m.title:
        return f"見出しが途中で切れています (the title ends mid-phrase: 「{m.title[-12:]}」)"
    return None


def title_tail(m: Measure, p: Printed, ctx: Context) -> str | None:
    """A printed body line that ends a block short of the margin without ending a sentence
    is the rest of a title (or a stray heading), not body text."""
    for ln in p.body:
        if ln.ends_block and not ln.text.endswith("。") and not _filled(ln.text, ctx):
            return (
                f"本文 {ln.no} 行目「{ln.text[:20]}」が見出しの続きに見えます "
                f"(body line {ln.no} ends a block short of the margin without 。: a title tail?)"
            )
    return None


def title_end_clear(m: Measure, p: Printed, ctx: Context) -> str | None:
    """Where the title's last line reaches the margin, the body's first line must not also
    end a block mid-sentence: then nothing tells where the title ends."""
    last, first = p.title[-1], (p.body[0] if p.body else None)
    if (
        first is not None
        and _filled(last.text, ctx)
        and first.ends_block
        and not first.text.endswith("。")
    ):
        return (
            f"見出しの終わりが判別できません ({first.no} 行目) "
            f"(the title fills line {last.no} and body line {first.no} ends a block mid-sentence)"
        )
    return None


def body_start(m: Measure, p: Printed, ctx: Context) -> str | None:
    if not m.body or m.body[0] in NOT_FIRST:
        return f"本文が文の途中から始まります (the body starts mid-word: 「{m.body[:12]}」)"
    return None


def body_brackets(m: Measure, p: Printed, ctx: Context) -> str | None:
    for para in m.body.split("\n"):
        if not balanced(para):
            return f"本文の括弧が対応していません (unbalanced brackets in 「{para[:20]}…」)"
    return None


def body_end(m: Measure, p: Printed, ctx: Context) -> str | None:
    for para in m.body.split("\n"):
        if not para.endswith("。"):
            return f"本文の段落が「。」で終わりません (a paragraph ends 「{para[-12:]}」)"
    return None


def footnote_end(m: Measure, p: Printed, ctx: Context) -> str | None:
    for f in m.footnotes:
        if not f.text.endswith("。"):
            return f"脚注 {f.number} が「。」で終わりません (footnote {f.number} ends 「{f.text[-12:]}」)"
    return None


def summary_title(m: Measure, p: Printed, ctx: Context) -> str | None:
    for e in ctx.listed(m):
        if clean(e.title) != m.title:
            return (
                f"施策一覧（{e.line} 行目）の見出しと一致しません "
                f"(the 施策一覧 at line {e.line} has 「{e.title}」, the body 「{m.title}」)"
            )
    return None


def summary_bureaus(m: Measure, p: Printed, ctx: Context) -> str | None:
    ours = "（" + "、".join(b.name for b in m.bureaus) + "）"
    for e in ctx.listed(m):
        if clean(e.bureaus) != ours:
            return (
                f"施策一覧（{e.line} 行目）の担当と一致しません "
                f"(the 施策一覧 at line {e.line} lists 「{e.bureaus[:30]}」, the body 「{ours[:30]}」)"
            )
    return None


Check = Callable[[Measure, Printed, Context], str | None]

# name → (check, what it verifies); the order is the order of the report
CHECKS: dict[str, tuple[Check, str]] = {
    "title-brackets": (title_brackets, "the title's （）「」『』【】 are balanced and nested"),
    "title-no-sentence": (title_no_sentence, "the title holds no 。"),
    "title-end": (title_end, f"the title does not end with one of {NOT_LAST}"),
    "title-tail": (
        title_tail,
        "no body line ends a block (trailing space) short of the margin without ending in 。",
    ),
    "title-end-clear": (
        title_end_clear,
        "a title whose last line reaches the margin is not followed by a body line that "
        "ends a block without 。",
    ),
    "body-start": (body_start, f"the body is not empty and does not start with one of {NOT_FIRST}"),
    "body-brackets": (body_brackets, "each body paragraph's brackets are balanced and nested"),
    "body-end": (body_end, "each body paragraph ends with 。"),
    "footnote-end": (footnote_end, "each footnote's text ends with 。"),
    "summary-title": (summary_title, "where the 施策一覧 lists the measure, the titles are equal"),
    "summary-bureaus": (
        summary_bureaus,
        "where the 施策一覧 lists the measure, its bureau list is equal to ours, in order",
    ),
}


def failures(doc: Document) -> list[Failure]:
    ctx = Context.of(doc)
    out = []
    for m in doc.measures:
        p = doc.printed[m.id]
        for name, (check, _) in CHECKS.items():
            detail = check(m, p, ctx)
            if detail:
                out.append(Failure(name, m.id, detail))
    return out


def verify(doc: Document) -> None:
    """Raise SelfCheckError naming the first measure and check that fails."""
    found = failures(doc)
    if found:
        raise SelfCheckError(found)
