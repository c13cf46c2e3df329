"""The forgiving query language. Pure functions; never raises on any input.

    港 酒            both (AND)
    港 OR 空港       either; OR binds tighter than AND:  a b OR c = a AND (b OR c)
    -港  NOT 港      without
    "Beyond 5G"     phrase (words in this order, adjacent; any double quotation mark:
                    “…” ＂…＂ 〝…〟 «…» …, db.analysis.DOUBLE_QUOTES)
    府省庁:総務省 ministry:総務省   柱:2 pillar:2   章:2 chapter:2   filters
    タグ:要確認 tag:要確認 タグ:"局長 関心"   the user's tags (several: all of them; the
                    searcher resolves them through the user's tags, not the catalogue)

A word is matched as a substring of the normalised text (Latin words as whole words).
Anything malformed degrades to plain words: an unknown filter key, a bad pillar number, an
unclosed quote (phrase to the end), a dangling OR or NOT.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from db.analysis import DOUBLE_QUOTES, normalize, units

MAX_QUERY = 1000

FILTER_KEYS = {
    "府省庁": "ministry",
    "省庁": "ministry",
    "ministry": "ministry",
    "柱": "pillar",
    "pillar": "pillar",
    "章": "chapter",
    "chapter": "chapter",
    "タグ": "tag",
    "tag": "tag",
}
# a filter key written with a quoted value (タグ:"局長 関心") is split before the quote, so
# the value may hold spaces; any other text splits at white space
_KEYS = "|".join(sorted(map(re.escape, FILTER_KEYS), key=len, reverse=True))
_TOKEN_RE = re.compile(rf'"([^"]*)"?|((?i:{_KEYS})[:：](?=")|\S+)')


@dataclass(frozen=True)
class Leaf:
    """One thing to find: normalised text and its units. `quoted`: typed as a phrase "…",
    so it stays literal (no variant spellings, no near matches); not part of equality, so
    the same text shares one cached match."""

    text: str
    units: tuple[str, ...]
    quoted: bool = field(default=False, compare=False)


@dataclass
class ParsedQuery:
    groups: list[list[Leaf]] = field(default_factory=list)  # AND of (OR of leaves)
    excluded: list[Leaf] = field(default_factory=list)
    # adjacent plain words joined (地方創生 2.0 → 地方創生2.0): not required, ranked higher
    adjacent: list[Leaf] = field(default_factory=list)
    ministries: list[str] = field(default_factory=list)  # raw filter values
    pillars: list[int] = field(default_factory=list)
    chapters: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # raw tag names, all required
    messages: list[str] = field(default_factory=list)

    @property
    def positive(self) -> list[Leaf]:
        seen: dict[Leaf, None] = {}
        for g in self.groups:
            for leaf in g:
                seen.setdefault(leaf)
        return list(seen)

    @property
    def has_filters(self) -> bool:
        return bool(self.ministries or self.pillars or self.chapters or self.tags)

    @property
    def empty(self) -> bool:
        return not (self.groups or self.excluded or self.has_filters)

    @property
    def plain(self) -> bool:
        """Words only, all required, none quoted (no OR, no phrase): what near matches
        (tier 2) may loosen."""
        return bool(self.groups) and all(len(g) == 1 and not g[0].quoted for g in self.groups)


def make_leaf(raw: str) -> Leaf | None:
    norm = normalize(raw)
    us = tuple(units(norm))
    return Leaf(norm, us) if us else None


def _number(value: str) -> int | None:
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", value))
    return int(digits) if digits and len(digits) < 4 else None


def parse(query: str) -> ParsedQuery:
    pq = ParsedQuery()
    if not isinstance(query, str):
        return pq
    if len(query) > MAX_QUERY:
        query = query[:MAX_QUERY]
        pq.messages.append(
            f"検索語が長すぎるため先頭{MAX_QUERY}文字で検索しました "
            f"(query cut to {MAX_QUERY} characters)"
        )
    tokens: list[tuple[str, bool]] = []  # (text, quoted)
    for m in _TOKEN_RE.finditer(query.translate(DOUBLE_QUOTES)):
        if m.group(2) is not None:
            tokens.append((m.group(2), False))
        else:
            tokens.append((m.group(1), True))

    negate = False
    want_or = False
    prev: Leaf | None = None  # the previous token, if it was a word standing alone
    i = 0
    while i < len(tokens):
        text, quoted = tokens[i]
        i += 1
        last, prev = prev, None
        if not quoted:
            word = unicodedata.normalize("NFKC", text)
            if word in ("OR", "|"):
                want_or = bool(pq.groups) and not negate
                continue
            if word == "NOT":
                negate = True
                continue
            key, sep, value = word.partition(":")
            kind = FILTER_KEYS.get(key.casefold()) if sep else None
            if kind and not value and i < len(tokens) and tokens[i][1]:
                value = tokens[i][0]  # 府省庁:"国土交通省"
                i += 1
            if kind and value.strip() and negate:
                pq.messages.append(
                    f"除外フィルタは使えません: {word} (negated filters are ignored)"
                )
                negate = want_or = False
                continue
            if kind and value.strip() and _add_filter(pq, kind, value.strip()):
                want_or = False
                continue
            if word.startswith("-") and len(word) > 1:
                negate = True
                text = text[1:]
        leaf = make_leaf(text)
        if leaf is None:
            continue
        if quoted:
            leaf = replace(leaf, quoted=True)
        if negate:
            pq.excluded.append(leaf)
        elif want_or:
            pq.groups[-1].append(leaf)
        else:
            pq.groups.append([leaf])
            if last is not None:
                joined = make_leaf(last.text + " " + leaf.text)
                if joined is not None and joined not in pq.adjacent:
                    pq.adjacent.append(joined)
            prev = leaf
        negate = want_or = False
    return pq


def without_filters(query: str) -> str:
    """The query with the filter words that parse() applies (府省庁:…, 柱:2, 章:2) left out:
    what a search without its filters looks for."""
    if not isinstance(query, str):
        return ""
    tokens = [
        (m.group(2), False) if m.group(2) is not None else (m.group(1), True)
        for m in _TOKEN_RE.finditer(query[:MAX_QUERY].translate(DOUBLE_QUOTES))
    ]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        text, quoted = tokens[i]
        i += 1
        if quoted:
            out.append(f'"{text}"')
            continue
        key, sep, value = unicodedata.normalize("NFKC", text).partition(":")
        kind = FILTER_KEYS.get(key.casefold()) if sep else None
        if kind and not value and i < len(tokens) and tokens[i][1]:
            value = tokens[i][0]
            i += 1
        if kind and value.strip() and (kind in ("ministry", "tag") or _number(value) is not None):
            continue
        out.append(text)
    return " ".join(out)


def _add_filter(pq: ParsedQuery, kind: str, value: str) -> bool:
    if kind == "ministry":
        pq.ministries.append(value)
        return True
    if kind == "tag":
        pq.tags.append(value)
        return True
    n = _number(value)
    if n is None:
        return False
    (pq.pillars if kind == "pillar" else pq.chapters).append(n)
    return True
