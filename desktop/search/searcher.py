"""The search engine over the Whoosh index: Qt-free, returns plain dataclasses.

Matching and ranking are separate steps.

Matching is exact set logic. Each leaf (a word or phrase) is looked up in the index by its
rarest term (unigram or bigram, see db.analysis); when the leaf has more than one term the
candidates are confirmed against the normalised text stored in the index. (Confirming a
handful of candidates with str.find is 5-20 times faster than Whoosh's positional Phrase
matcher here.) Measures whose user note contains the leaf join its set; notes are not
indexed. The query combines these sets (AND, OR, NOT), then filters apply.

Ranking is BM25F in the form Whoosh and Lucene use (per-field BM25, weighted and summed;
the title weight stays above what any body can reach, which pooled-tf BM25F would not
give) with exact phrase frequencies, plus one rule: measures whose title contains the
whole query (every AND part) come first, then those where adjacent words of the query
also stand together (地方創生 2.0 puts 地方創生2.0 first, without requiring it), then by
score. Ties go to document order.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.scoring import BM25F

from db.analysis import (
    SEPARATOR,
    Normalized,
    UnitAnalyzer,
    is_word_char,
    normalize,
    normalize_map,
    query_terms,
)
from db.index import INDEX_VERSION, index_version
from desktop import paths
from desktop.errors import UnknownMeasure, UserError
from desktop.search import highlight
from desktop.search.query import Leaf, ParsedQuery, parse

TEXT_FIELDS = {"title": 6.0, "body": 1.0, "footnotes": 0.5}  # field weights
FIELD_B = {"title": 0.3, "body": 0.75, "footnotes": 0.75}  # length normalisation
K1 = 1.2
RELATED_TERMS = 30


class SearchUnavailable(UserError):
    """The index is missing, unreadable or from another version (rebuild: shisaku build)."""


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    score: float
    snippet: str  # HTML: escaped text, matches in <mark>…</mark>
    title_marked: str  # HTML, same convention
    note_hit: bool = False  # the user's note matched the query
    note_snippet: str = ""  # HTML, same convention; "" unless note_hit


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int  # matches before `limit`
    messages: list[str] = field(default_factory=list)  # e.g. the query was cut
    facets: dict[str, dict] = field(default_factory=dict)  # see Searcher.facets


@dataclass
class _Doc:
    docnum: int
    id: str
    seq: int
    chapter: int
    pillar: int | None
    ministries: tuple[str, ...]
    title: str
    body: str
    footnotes: list[tuple[int, str]]
    norm: dict[str, str]  # normalised title, body, footnotes (as indexed)
    lengths: dict[str, int]  # in units
    _maps: dict[str, Normalized] = field(default_factory=dict)

    def norm_map(self, key: str, text: str) -> Normalized:
        """Normalised text with offsets into `text`, for marking (computed once)."""
        nm = self._maps.get(key)
        if nm is None:
            nm = self._maps[key] = normalize_map(text)
        return nm


class Searcher:
    """Open once, reuse for every query (thread-safe)."""

    def __init__(self, index_dir: Path):
        index_dir = Path(index_dir)
        version = index_version(index_dir)
        if version != INDEX_VERSION:
            raise SearchUnavailable(
                f"検索インデックスがないか古い形式です: {index_dir} — `shisaku build` で作り直して"
                f"ください (search index missing or version {version}, need {INDEX_VERSION})"
            )
        try:
            self._ix = whoosh_index.open_dir(str(index_dir), readonly=True)
            self._s = self._ix.searcher(weighting=BM25F())
        except Exception as e:  # any Whoosh/OS error means the same thing to the user
            raise SearchUnavailable(f"検索インデックスを開けません: {index_dir} ({e})") from e
        self._lock = threading.RLock()
        self._docs: list[_Doc] = []
        for docnum, f in self._s.reader().iter_docs():
            notes = f.get("footnotes") or ""
            self._docs.append(
                _Doc(
                    docnum=docnum,
                    id=f["id"],
                    seq=f["seq"],
                    chapter=int(f["chapter"]),
                    pillar=int(f["pillar"]) if f.get("pillar") else None,
                    ministries=tuple(x for x in (f.get("ministry") or "").split(",") if x),
                    title=f["title"],
                    body=f["body"],
                    footnotes=list(
                        zip(
                            f.get("footnote_numbers") or [],
                            notes.split(SEPARATOR) if notes else [],
                            strict=False,
                        )
                    ),
                    norm=f["norm"],
                    lengths=f["lengths"],
                )
            )
        self._docs.sort(key=lambda d: d.seq)
        self._by_num = {d.docnum: d for d in self._docs}
        self._by_id = {d.id: d for d in self._docs}
        self._all = frozenset(self._by_num)
        self._reader = self._s.reader()
        self._avg = {
            f: (sum(d.lengths[f] for d in self._docs) / len(self._docs) or 1.0)
            if self._docs
            else 1.0
            for f in TEXT_FIELDS
        }
        self._leaf_cache: dict[Leaf, frozenset[int]] = {}
        self._note_cache: dict[str, Normalized] = {}

    @classmethod
    def open(cls, base: Path | None = None, ensure: bool = True) -> Searcher:
        """Open the index in build folder `base` (default), building it first if stale."""
        if ensure:
            from db.build import ensure_built

            ensure_built(base)
        return cls(paths.index_dir(base))

    def close(self) -> None:
        with self._lock:
            self._s.close()
            self._ix.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._docs)

    def ministries(self) -> list[str]:
        return sorted({m for d in self._docs for m in d.ministries})

    # -- public API ---------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        notes: Mapping[str, str] | None = None,
        limit: int | None = None,
        ministry: str | None = None,
        pillar: int | str | None = None,
        chapter: int | str | None = None,
    ) -> list[Hit]:
        """Hits in rank order. Never raises on any query text."""
        return self.run(
            query,
            notes=notes,
            limit=limit,
            ministry=ministry,
            pillar=pillar,
            chapter=chapter,
            with_facets=False,
        ).hits

    def run(
        self,
        query: str,
        *,
        notes: Mapping[str, str] | None = None,
        limit: int | None = None,
        ministry: str | None = None,
        pillar: int | str | None = None,
        chapter: int | str | None = None,
        with_facets: bool = True,
    ) -> SearchResult:
        """Like search(), plus total count, messages for the user and facet counts."""
        pq = self._parse(query, ministry, pillar, chapter)
        with self._lock:
            text_set = self._text_set(pq, notes)
            filtered = self._apply_filters(text_set, pq)
            ranked = self._rank(pq, filtered)
            shown = ranked if limit is None else ranked[: max(0, limit)]
            hits = [self._hit(d, s, pq, notes) for d, s in shown]
            facets = self._facets(text_set, pq) if with_facets else {}
        return SearchResult(hits, len(ranked), list(pq.messages), facets)

    def facets(
        self,
        query: str,
        *,
        notes: Mapping[str, str] | None = None,
        ministry: str | None = None,
        pillar: int | str | None = None,
        chapter: int | str | None = None,
    ) -> dict[str, dict]:
        """Counts for the filter lists: {"pillar": {1: n, ...}, "chapter": {1: n, 2: n},
        "ministry": {name: n}}. Each facet counts the query's matches under the other
        facets' filters (not its own), so the lists show what choosing another value gives.
        An empty query counts every measure."""
        pq = self._parse(query, ministry, pillar, chapter)
        with self._lock:
            return self._facets(self._text_set(pq, notes), pq)

    def related(self, measure_id: str, n: int = 5) -> list[Hit]:
        """The n measures most similar in content to `measure_id`, excluding itself."""
        with self._lock:
            d = self._by_id.get(measure_id)
            if d is None:
                raise UnknownMeasure(measure_id)
            weights: Counter[str] = Counter()
            analyzer = UnitAnalyzer()
            for t in analyzer(d.title + SEPARATOR + d.body):
                if _content_term(t.text):
                    weights[t.text] += 1
            for t in analyzer(d.title):  # the title says what the measure is about
                if _content_term(t.text):
                    weights[t.text] += 2
            scored = {t: (tf / (tf + 1.2)) * self._s.idf("body", t) for t, tf in weights.items()}
            top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:RELATED_TERMS]
            if not top or n < 1:
                return []
            q = wq.Or(
                [
                    wq.Term(f, t, boost=w * (2.0 if f == "title" else 1.0))
                    for t, w in top
                    for f in ("title", "body")
                ]
            )
            res = self._s.search(q, limit=None, mask={d.docnum})
            ranked = sorted(
                ((self._by_num[num], s) for num, s in res.items()), key=lambda x: (-x[1], x[0].seq)
            )[:n]
            return [
                Hit(
                    o.id,
                    o.title,
                    round(s, 4),
                    highlight.snippet(o.body, []),
                    highlight.mark(o.title, []),
                )
                for o, s in ranked
            ]

    # -- internals ----------------------------------------------------------------------

    def _parse(self, query: str, ministry, pillar, chapter) -> ParsedQuery:
        pq = parse(query if isinstance(query, str) else "")
        if ministry:
            pq.ministries.append(str(ministry))
        for value, target in ((pillar, pq.pillars), (chapter, pq.chapters)):
            if value is not None and str(value).strip():
                try:
                    target.append(int(normalize(str(value))))
                except ValueError:
                    pq.messages.append(f"番号ではありません: {value}")
                    target.append(-1)  # matches nothing, like any unknown number
        return pq

    def _leaf_docs(self, leaf: Leaf) -> frozenset[int]:
        """Measures whose title, body or a footnote contains the leaf (not notes)."""
        got = self._leaf_cache.get(leaf)
        if got is None:
            got = self._lookup(leaf)
            if len(self._leaf_cache) > 4096:
                self._leaf_cache.clear()
            self._leaf_cache[leaf] = got
        return got

    def _lookup(self, leaf: Leaf) -> frozenset[int]:
        terms = set(query_terms(list(leaf.units)))
        df = {t: sum(self._reader.doc_frequency(f, t) for f in TEXT_FIELDS) for t in terms}
        rarest = min(terms, key=lambda t: (df[t], t))
        if df[rarest] == 0:
            return frozenset()
        found: set[int] = set()
        for f in TEXT_FIELDS:
            if self._reader.doc_frequency(f, rarest):
                found.update(self._reader.postings(f, rarest).all_ids())
        if len(leaf.units) > 2:  # more than one bigram (maybe all the same): confirm
            found = {
                n
                for n in found
                if any(
                    highlight.contains(text, leaf.text) for text in self._by_num[n].norm.values()
                )
            }
        return frozenset(found)

    def clear_caches(self) -> None:
        """Forget per-query caches (the benchmark measures uncached queries)."""
        with self._lock:
            self._leaf_cache.clear()
            self._note_cache.clear()

    def _note_norm(self, text: str) -> Normalized:
        nm = self._note_cache.get(text)
        if nm is None:
            if len(self._note_cache) > 4096:
                self._note_cache.clear()
            nm = self._note_cache[text] = normalize_map(text)
        return nm

    def _note_docs(self, leaf: Leaf, notes: Mapping[str, str] | None) -> set[int]:
        out: set[int] = set()
        for mid, text in (notes or {}).items():
            d = self._by_id.get(mid)
            if (
                d is not None
                and isinstance(text, str)
                and text
                and highlight.contains(self._note_norm(text).text, leaf.text)
            ):
                out.add(d.docnum)
        return out

    def _matching(self, leaf: Leaf, notes) -> frozenset[int] | set[int]:
        docs = self._leaf_docs(leaf)
        return docs | self._note_docs(leaf, notes) if notes else docs

    def _text_set(self, pq: ParsedQuery, notes) -> frozenset[int] | set[int]:
        """Measures matching the words of the query (filters not applied)."""
        if pq.empty:
            return frozenset()
        result = set(self._all)
        for group in pq.groups:
            alt: set[int] = set()
            for leaf in group:
                alt |= self._matching(leaf, notes)
            result &= alt
            if not result:
                return result
        for leaf in pq.excluded:
            result -= self._matching(leaf, notes)
        return result

    def _filter_sets(self, pq: ParsedQuery) -> dict[str, set[int] | None]:
        """Allowed docnums per facet; None where the query has no such filter."""
        out: dict[str, set[int] | None] = {"ministry": None, "pillar": None, "chapter": None}
        if pq.ministries:
            names: set[str] = set()
            for value in pq.ministries:
                found = self._resolve_ministry(value)
                if not found:
                    pq.messages.append(f"府省庁「{value}」は見つかりません (unknown ministry)")
                names |= found
            out["ministry"] = {d.docnum for d in self._docs if names & set(d.ministries)}
        if pq.pillars:
            out["pillar"] = {
                d.docnum for d in self._docs if d.chapter == 1 and d.pillar in pq.pillars
            }
        if pq.chapters:
            out["chapter"] = {d.docnum for d in self._docs if d.chapter in pq.chapters}
        return out

    def resolve_ministry(self, value: str) -> list[str]:
        """府省庁 names a filter value selects: the exact name (any width or case), else
        every name containing it (国土交通 → 国土交通省)."""
        return sorted(self._resolve_ministry(value))

    def _resolve_ministry(self, value: str) -> set[str]:
        v = normalize(value)
        names = self.ministries()
        exact = {m for m in names if normalize(m) == v}
        return exact or {m for m in names if v and v in normalize(m)}

    def _apply_filters(self, docs, pq: ParsedQuery) -> set[int]:
        if not pq.groups and not pq.excluded and pq.has_filters:
            docs = self._all  # filters alone list their measures
        result = set(docs)
        for allowed in self._filter_sets(pq).values():
            if allowed is not None:
                result &= allowed
        return result

    def _facets(self, text_set, pq: ParsedQuery) -> dict[str, dict]:
        base = self._all if not (pq.groups or pq.excluded) else text_set
        sets = self._filter_sets(pq)
        counts: dict[str, Counter] = {
            "pillar": Counter(),
            "chapter": Counter(),
            "ministry": Counter(),
        }
        for num in base:
            d = self._by_num[num]
            ok = {k: v is None or num in v for k, v in sets.items()}
            if ok["ministry"] and ok["chapter"] and d.pillar is not None:
                counts["pillar"][d.pillar] += 1
            if ok["ministry"] and ok["pillar"]:
                counts["chapter"][d.chapter] += 1
            if ok["pillar"] and ok["chapter"]:
                for m in d.ministries:
                    counts["ministry"][m] += 1
        return {
            "pillar": dict(sorted(counts["pillar"].items())),
            "chapter": dict(sorted(counts["chapter"].items())),
            "ministry": dict(sorted(counts["ministry"].items(), key=lambda kv: (-kv[1], kv[0]))),
        }

    def _rank(self, pq: ParsedQuery, docs: set[int]) -> list[tuple[_Doc, float]]:
        positive = pq.positive
        scored = positive + [x for x in pq.adjacent if x not in positive]
        n = len(self._docs)
        idf = {}
        for leaf in scored:
            df = len(self._leaf_docs(leaf))
            idf[leaf] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        keyed = []
        for num in docs:
            d = self._by_num[num]
            score, in_title = 0.0, set()
            for leaf in scored:
                for f, weight in TEXT_FIELDS.items():
                    tf = _count(d.norm[f], leaf.text)
                    if tf:
                        norm = 1 - FIELD_B[f] + FIELD_B[f] * d.lengths[f] / self._avg[f]
                        score += weight * idf[leaf] * tf * (K1 + 1) / (tf + K1 * norm)
                        if f == "title":
                            in_title.add(leaf)
            title_first = bool(pq.groups) and all(
                any(leaf in in_title for leaf in g) for g in pq.groups
            )
            together = sum(
                1
                for leaf in pq.adjacent
                if any(_count(text, leaf.text) for text in d.norm.values())
            )
            keyed.append((not title_first, -together, -round(score, 4), d.seq, d))
        keyed.sort(key=lambda k: k[:4])
        return [(k[4], -k[2]) for k in keyed]

    def _hit(self, d: _Doc, score: float, pq: ParsedQuery, notes) -> Hit:
        needles = [leaf.text for leaf in pq.positive]
        title = highlight.mark(
            d.title, highlight.match_spans(d.norm_map("title", d.title), needles)
        )
        spans = highlight.match_spans(d.norm_map("body", d.body), needles)
        snippet = highlight.snippet(d.body, spans)
        if not spans:
            for number, text in d.footnotes:
                fspans = highlight.match_spans(d.norm_map(f"fn{number}", text), needles)
                if fspans:
                    snippet = f"［注{number}］" + highlight.snippet(text, fspans)
                    break
        note_hit, note_snippet = False, ""
        text = (notes or {}).get(d.id)
        if isinstance(text, str) and text and needles:
            nspans = highlight.match_spans(self._note_norm(text), needles)
            if nspans:
                note_hit, note_snippet = True, highlight.snippet(text, nspans)
        return Hit(d.id, d.title, score, snippet, title, note_hit, note_snippet)


def _count(norm: str, needle: str) -> int:
    """Occurrences of needle in normalised text (Latin words on word boundaries)."""
    if is_word_char(needle[0]) or is_word_char(needle[-1]):
        return len(highlight.find_norm(norm, needle))
    return norm.count(needle)


def _content_term(t: str) -> bool:
    """Terms worth comparing for related measures: two-kanji/katakana bigrams and
    Latin words, not hiragana grammar (する, ため) or punctuation."""
    if " " in t:
        return False
    if len(t) == 2 and all(c.isalpha() and ord(c) >= 0x2E80 for c in t):
        return not all("\u3040" <= c <= "\u309f" for c in t)
    return len(t) >= 2 and t.isalnum() and not t.isdigit() and ord(t[0]) < 0x2E80
