"""The search engine over the index: Qt-free, returns plain dataclasses.

Nothing of the corpus is held in memory but per-measure statistics (id, place, ministries,
lengths: a few dozen bytes a measure). Matching and ranking read packed postings from the
index (desktop/search/matching.py, ranking.py); the printed texts are read only for the
hits shown, to cut their snippets, and the last few hundred are kept.

Matching is exact set logic. Each leaf (a word or phrase) is looked up in the index (one
unigram, one bigram, or a phrase of bigrams confirmed by positions). Measures whose user
note or highlight comment contains the leaf join its set; the user's texts are not indexed.
The query combines these sets (AND, OR, NOT), then filters apply. Ranking: see ranking.py.

The user's tags filter too (`タグ:要確認`, or `tag=`): the caller passes the store's
{measure id: [tag, …]} (UserStore.tags_map) and the searcher resolves a tag name the way the
store compares them (desktop/userdata/tags.py: width and ASCII case do not count); several
tags must all be on a measure. The catalogue and the index know nothing of tags.

Results come in tiers (issue 10): the exact matches of the query as typed first, in the
order above; then measures that match only through another spelling of a word ("variant");
then, when those two are rare, near matches (tiers.py). Filters apply to every tier; quoted
phrases stay literal; `exact=True` gives the exact tier alone.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from db.analysis import Normalized, normalize, normalize_map
from db.index import INDEX_VERSION, index_version
from desktop import paths
from desktop.errors import UnknownMeasure, UserError
from desktop.search import highlight
from desktop.search.facets import Facets
from desktop.search.index_reader import IndexReader, Texts
from desktop.search.matching import LeafMatch, match_leaf
from desktop.search.query import Leaf, ParsedQuery, parse, without_filters
from desktop.search.ranking import TEXT_FIELDS, Ranker  # noqa: F401 (TEXT_FIELDS: public)
from desktop.search.related import related, term_norms
from desktop.search.tiers import (
    MAX_UNITS,
    RARE,
    Near,
    NearMatch,
    Piece,
    Vocabulary,
    variant_query,
)
from desktop.userdata.tags import tag_key

LEAF_CACHE_WEIGHT = 150_000  # docnums held by cached leaf matches, at most
SHOWN_CACHE = 512  # measures whose texts (and normalised forms) are kept for snippets


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
    match: str = "exact"  # "exact" | "variant" (another spelling) | "near" (tier 2)
    note_only: bool = False  # found only in the user's own texts (note or highlight
    # comment), not in the official text
    matched: tuple[str, ...] = ()  # the normalised words marked: the query's, or for tier 2
    # the other spellings or the pieces that matched (what a reader of the measure marks)
    comment_hit: bool = False  # one of the user's highlight comments matched the query
    comment_snippet: str = ""  # HTML, same convention; "" unless comment_hit


@dataclass(frozen=True)
class Suggestion:
    """What to try when nothing is found (「もしかして」): another query, or the same one
    without its filters (`drop_filters`), and how many measures it finds."""

    query: str
    count: int
    drop_filters: bool = False


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int  # matches before `limit`, every tier
    messages: list[str] = field(default_factory=list)  # e.g. the query was cut
    facets: dict[str, dict] = field(default_factory=dict)  # see Searcher.facets
    # matches per tier that ran, after filters: {"exact": n} with exact=True, else also
    # "variant" when a word has other spellings and "near" when near matches were sought
    tiers: dict[str, int] = field(default_factory=dict)
    suggestion: Suggestion | None = None  # only when nothing is found


@dataclass(frozen=True)
class Document:
    """One measure's indexed texts (Searcher.documents, for benchmarks and tools)."""

    id: str
    seq: int  # position in document order
    title: str
    body: str
    footnotes: list[tuple[int, str]]  # (number, text)


@dataclass
class _Tier:
    """One tier's matches before filters: what ranks them, and which came from notes."""

    name: str  # "exact" | "variant" | "near"
    docs: frozenset[int] | set[int]
    pq: ParsedQuery | None = None  # the query that ranks it (None: near, ranked already)
    note_docs: set[int] = field(default_factory=set)
    near: list[NearMatch] = field(default_factory=list)


class _Shown:
    """Texts of a measure being shown, with their normalised forms (computed once)."""

    def __init__(self, texts: Texts):
        self.texts = texts
        self._maps: dict[str, Normalized] = {}

    def norm_map(self, key: str, text: str) -> Normalized:
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
            self._reader = IndexReader(index_dir)
        except Exception as e:  # any SQLite/OS error means the same thing to the user
            raise SearchUnavailable(f"検索インデックスを開けません: {index_dir} ({e})") from e
        self._lock = threading.RLock()
        self._facets = Facets(self._reader)
        self._ranker = Ranker(self._reader, self._leaf_docs)
        self._related_norms: dict[str, array] | None = None
        self._leaf_cache: OrderedDict[Leaf, LeafMatch] = OrderedDict()
        self._leaf_weight = 0
        self._shown: OrderedDict[int, _Shown] = OrderedDict()
        self._note_cache: dict[str, Normalized] = {}
        self._index_dir = index_dir
        self._near: Near | None = None  # tier 2, loaded when first needed
        self._tags_seen: tuple[object, dict] = (None, {})  # (the tags map given, _tag_docs)

    @classmethod
    def open(cls, base: Path | None = None, ensure: bool = True) -> Searcher:
        """Open the index in build folder `base` (default), building it first if stale."""
        if ensure:
            from db.build import ensure_built

            ensure_built(base)
        return cls(paths.index_dir(base))

    def close(self) -> None:
        with self._lock:
            self._reader.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._reader)

    def ministries(self) -> list[str]:
        return list(self._facets.ministries())

    @property
    def vocabulary(self) -> Vocabulary:
        """The variant table and the catalogue's words (read from the index folder)."""
        return self._tier_two().vocabulary

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
        exact: bool = False,
        comments: Mapping[str, Sequence] | None = None,
        tags: Mapping[str, Sequence[str]] | None = None,
        tag: str | None = None,
    ) -> list[Hit]:
        """Hits in rank order, exact matches first. Never raises on any query text."""
        return self.run(
            query,
            notes=notes,
            limit=limit,
            ministry=ministry,
            pillar=pillar,
            chapter=chapter,
            with_facets=False,
            exact=exact,
            comments=comments,
            tags=tags,
            tag=tag,
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
        exact: bool = False,
        comments: Mapping[str, Sequence] | None = None,
        tags: Mapping[str, Sequence[str]] | None = None,
        tag: str | None = None,
    ) -> SearchResult:
        """Like search(), plus total count, matches per tier, messages for the user, facet
        counts, and a suggestion when nothing is found. `exact`: the exact tier alone.

        The user's data: `notes` {measure id: note}, `comments` {measure id: [(uid,
        comment), …]} (UserStore.highlight_comments), both searched as the user's own
        texts; `tags` {measure id: [tag, …]} (UserStore.tags_map) for `タグ:` in the query,
        `tag` (one more tag filter, the window's list) and the "tag" facet."""
        pq = self._parse(query, ministry, pillar, chapter, tag)
        notes = _Mine.of(notes, comments)
        with self._lock:
            tagged = self._tagged(pq, tags)
            tiers = self._tiers(pq, notes, exact)
            left = None if limit is None else max(0, limit)
            hits: list[Hit] = []
            counts: dict[str, int] = {}
            for tier in tiers:
                filtered = self._apply_filters(tier.docs, pq, tagged)
                counts[tier.name] = len(filtered)
                if left == 0:
                    continue
                hits += self._tier_hits(tier, filtered, left, notes)
                if limit is not None:  # (left is None exactly when limit is)
                    left = max(0, limit - len(hits))
            union = frozenset().union(*(t.docs for t in tiers)) if len(tiers) > 1 else None
            facets = {}
            if with_facets:
                facets = self._counts(tiers[0].docs if union is None else union, pq, tags, tagged)
            total = sum(counts.values())
            suggestion = None
            if not total and not pq.empty:
                suggestion = self._suggest(query, pq, notes, exact, union or tiers[0].docs, tagged)
        messages = list(dict.fromkeys(pq.messages))  # each filter check may add the same one
        return SearchResult(hits, total, messages, facets, counts, suggestion)

    def facets(
        self,
        query: str,
        *,
        notes: Mapping[str, str] | None = None,
        ministry: str | None = None,
        pillar: int | str | None = None,
        chapter: int | str | None = None,
        exact: bool = False,
        comments: Mapping[str, Sequence] | None = None,
        tags: Mapping[str, Sequence[str]] | None = None,
        tag: str | None = None,
    ) -> dict[str, dict]:
        """Counts for the filter lists: {"pillar": {1: n, ...}, "chapter": {1: n, 2: n},
        "ministry": {name: n}, "tag": {name: n}}. Each facet counts the query's matches
        (every tier) under the other facets' filters (not its own), so the lists show what
        choosing another value gives. An empty query counts every measure. "tag" is there
        only when `tags` is given."""
        pq = self._parse(query, ministry, pillar, chapter, tag)
        notes = _Mine.of(notes, comments)
        with self._lock:
            tiers = self._tiers(pq, notes, exact)
            docs = tiers[0].docs if len(tiers) == 1 else frozenset().union(*(t.docs for t in tiers))
            return self._counts(docs, pq, tags)

    def related(self, measure_id: str, n: int = 5) -> list[Hit]:
        """The n measures most similar in content to `measure_id`, excluding itself."""
        with self._lock:
            num = self._reader.by_id.get(measure_id)
            if num is None:
                raise UnknownMeasure(measure_id)
            if self._related_norms is None:
                self._related_norms = term_norms(self._reader)
            own = self._texts([num])[num].texts
            ranked = related(self._reader, self._related_norms, num, own, n)
            texts = self._texts([d for d, _ in ranked])
            return [
                Hit(
                    self._reader.ids[d],
                    texts[d].texts.title,
                    round(s, 4),
                    highlight.snippet(texts[d].texts.body, []),
                    highlight.mark(texts[d].texts.title, []),
                )
                for d, s in ranked
            ]

    def resolve_ministry(self, value: str) -> list[str]:
        """府省庁 names a filter value selects: the exact name (any width or case), else
        every name containing it (国土交通 → 国土交通省)."""
        return sorted(self._facets.resolve_ministry(value))

    def documents(self) -> Iterator[Document]:
        """Every measure's indexed texts in document order (reads them all: for benchmarks
        and tools, not for searching)."""
        with self._lock:
            nums = list(range(len(self._reader)))
        for start in range(0, len(nums), 500):
            with self._lock:
                chunk = self._reader.texts(nums[start : start + 500])
            for num in nums[start : start + 500]:
                t = chunk[num]
                yield Document(self._reader.ids[num], num, t.title, t.body, t.footnotes)

    def clear_caches(self) -> None:
        """Forget per-query caches (the benchmark measures uncached queries)."""
        with self._lock:
            self._leaf_cache.clear()
            self._leaf_weight = 0
            self._note_cache.clear()
            if self._near is not None:
                self._near.clear()

    # -- internals ----------------------------------------------------------------------

    def _parse(self, query: str, ministry, pillar, chapter, tag=None) -> ParsedQuery:
        pq = parse(query if isinstance(query, str) else "")
        if ministry:
            pq.ministries.append(str(ministry))
        if tag and str(tag).strip():
            pq.tags.append(str(tag).strip())
        for value, target in ((pillar, pq.pillars), (chapter, pq.chapters)):
            if value is not None and str(value).strip():
                try:
                    target.append(int(normalize(str(value))))
                except ValueError:
                    pq.messages.append(f"番号ではありません: {value}")
                    target.append(-1)  # matches nothing, like any unknown number
        return pq

    def _tier_two(self) -> Near:
        if self._near is None:
            self._near = Near(self._reader, self._leaf_docs, Vocabulary.load(self._index_dir))
        return self._near

    def _tiers(self, pq: ParsedQuery, notes, exact: bool) -> list[_Tier]:
        """The tiers' matches before filters: exact; then, unless `exact`, variant spellings
        and (when those two are rare) near matches. Rarity is judged before filters, so a
        filter narrows every tier alike and never brings near matches in by itself."""
        first = _Tier("exact", set(), pq)
        first.docs = self._text_set(pq, notes, first.note_docs)
        tiers = [first]
        if exact or not pq.groups:
            return tiers
        near = self._tier_two()
        seen = first.docs
        vq = variant_query(pq, near.vocabulary.table)
        if vq is not None:  # (a tier that ran is listed, found or not: `tiers` in the result)
            second = _Tier("variant", set(), vq)
            second.docs = self._text_set(vq, notes, second.note_docs) - seen
            tiers.append(second)
            seen = seen | second.docs
        if _near_kind(pq) and len(seen) < RARE:
            skip = set(seen)
            for leaf in pq.excluded:
                skip |= self._matching(leaf, notes, None)
            found = near.find(pq, skip)
            tiers.append(_Tier("near", frozenset(m.docnum for m in found), near=found))
        return tiers

    def _tier_hits(self, tier: _Tier, filtered, limit: int | None, notes) -> list[Hit]:
        if tier.pq is None:  # near matches: ranked already
            chosen = [m for m in tier.near if m.docnum in filtered][:limit]
            ranked = [(m.docnum, m.score) for m in chosen]
            needles = {m.docnum: list(m.needles) for m in chosen}
        else:
            ranked = self._ranker.rank(tier.pq, filtered, limit, tier.note_docs)
            words = [leaf.text for leaf in tier.pq.positive]
            needles = dict.fromkeys((num for num, _ in ranked), words)
        official: frozenset[int] | set[int] = frozenset()
        if tier.pq is not None and tier.note_docs & {num for num, _ in ranked}:
            official = self._text_set(tier.pq, None)  # the same query on the texts alone
        texts = self._texts([num for num, _ in ranked])
        return [
            self._hit(
                num,
                score,
                texts[num],
                needles[num],
                notes,
                tier.name,
                num in tier.note_docs and num not in official,
            )
            for num, score in ranked
        ]

    def _suggest(self, query: str, pq: ParsedQuery, notes, exact: bool, unfiltered, tagged=()):
        """「もしかして」 for a query that found nothing: the same query without its filters
        when that finds something, else the query's words (pieces that are catalogue
        words) that occur together, or the longest that occurs, under the filters if they
        still find something there."""
        if pq.has_filters and unfiltered:
            return Suggestion(without_filters(query), len(unfiltered), drop_filters=True)
        if not _near_kind(pq):
            return None
        near = self._tier_two()
        pieces, _ = near.pieces(pq)
        found = [(p, near.docs(p)) for p in pieces if p.word and p.weight >= 2]
        found = [(p, d) for p, d in found if d]
        if not found:
            return None
        typed = " ".join(leaf.text for g in pq.groups for leaf in g)
        for text, docs in _together(found):
            if text == typed:
                continue
            within = self._apply_filters(docs, pq, tagged)
            if within:
                return Suggestion(text, len(within))
            if pq.has_filters:
                return Suggestion(text, len(docs), drop_filters=True)
        return None

    def _leaf_docs(self, leaf: Leaf) -> LeafMatch:
        """Where the leaf occurs in titles, bodies and footnotes (not notes)."""
        got = self._leaf_cache.get(leaf)
        if got is not None:
            self._leaf_cache.move_to_end(leaf)
            return got
        got = match_leaf(self._reader, leaf)
        self._leaf_cache[leaf] = got
        self._leaf_weight += got.weight
        while self._leaf_weight > LEAF_CACHE_WEIGHT and len(self._leaf_cache) > 1:
            _, old = self._leaf_cache.popitem(last=False)
            self._leaf_weight -= old.weight
        return got

    def _note_norm(self, text: str) -> Normalized:
        nm = self._note_cache.get(text)
        if nm is None:
            if len(self._note_cache) > 4096:
                self._note_cache.clear()
            nm = self._note_cache[text] = normalize_map(text)
        return nm

    def _note_docs(self, leaf: Leaf, notes: _Mine | None) -> set[int]:
        """Measures whose note or a highlight comment contains the leaf."""
        out: set[int] = set()
        by_id = self._reader.by_id
        for mid, text in (notes or {}).items():
            num = by_id.get(mid)
            if (
                num is not None
                and isinstance(text, str)
                and text
                and highlight.contains(self._note_norm(text).text, leaf.text)
            ):
                out.add(num)
        for mid, texts in (notes.comments if notes else {}).items():
            num = by_id.get(mid)
            if num is not None and num not in out:
                if any(highlight.contains(self._note_norm(t).text, leaf.text) for t in texts):
                    out.add(num)
        return out

    def _matching(self, leaf: Leaf, notes, note_docs: set[int] | None) -> frozenset[int] | set[int]:
        docs = self._leaf_docs(leaf).docs
        if not notes:
            return docs
        in_notes = self._note_docs(leaf, notes)
        if note_docs is not None:
            note_docs |= in_notes
        return docs | in_notes

    def _text_set(
        self, pq: ParsedQuery, notes, note_docs: set[int] | None = None
    ) -> frozenset[int] | set[int]:
        """Measures matching the words of the query (filters not applied); the measures
        that matched in notes are added to `note_docs`."""
        if pq.empty:
            return frozenset()
        result: frozenset[int] | set[int] | None = None
        for group in pq.groups:
            alt: set[int] = set()
            for leaf in group:
                alt |= self._matching(leaf, notes, note_docs)
            result = alt if result is None else result & alt
            if not result:
                return set()
        if result is None:
            result = self._facets.all
        for leaf in pq.excluded:
            result = result - self._matching(leaf, notes, None)
        return result

    def _apply_filters(self, docs, pq: ParsedQuery, tagged=()) -> set[int] | frozenset[int]:
        """`tagged`: the measures of each tag filter (_tagged), all required."""
        if not pq.groups and not pq.excluded and pq.has_filters:
            docs = self._facets.all  # filters alone list their measures
        for allowed in self._facets.filter_sets(pq).values():
            if allowed is not None:
                docs = docs & allowed
        for allowed in tagged:
            docs = docs & allowed
        return docs

    def _tag_docs(self, tags: Mapping[str, Sequence[str]] | None) -> dict[str, tuple[str, set]]:
        """{tag key: (the tag as spelled, docnums of the measures with it)}; kept while the
        caller passes the same map (the window's, until a tag changes: every keystroke)."""
        if tags is not None and self._tags_seen[0] is tags:
            return self._tags_seen[1]
        out: dict[str, tuple[str, set[int]]] = {}
        by_id = self._reader.by_id
        for mid, names in (tags or {}).items():
            num = by_id.get(mid)
            if num is None:
                continue
            for name in names:
                key = tag_key(name)
                if key is not None:
                    out.setdefault(key, (name, set()))[1].add(num)
        self._tags_seen = (tags, out)
        return out

    def _tagged(self, pq: ParsedQuery, tags) -> list[set[int]]:
        """The measures of each tag the query asks for; an unknown tag matches nothing and
        says so."""
        if not pq.tags:
            return []
        known = self._tag_docs(tags)
        out: list[set[int]] = []
        for value in pq.tags:
            got = known.get(tag_key(value) or "")
            if got is None:
                pq.messages.append(
                    f"タグ「{value}」の付いた施策はありません (no measure has the tag {value!r})"
                )
            out.append(got[1] if got else set())
        return out

    def _counts(self, docs, pq: ParsedQuery, tags, tagged=None) -> dict[str, dict]:
        """The facets' counts. Tag filters narrow the 柱/章/府省庁 counts; with the user's
        tags, the "tag" facet counts the matches under the other filters (not its own)."""
        tagged = self._tagged(pq, tags) if tagged is None else tagged
        narrow = frozenset.intersection(*map(frozenset, tagged)) if tagged else None
        counts = self._facets.counts(docs, pq, narrow)
        if tags is not None:
            base = docs if (pq.groups or pq.excluded) else self._facets.all
            for allowed in self._facets.filter_sets(pq).values():
                if allowed is not None:
                    base = base & allowed
            found = [(name, len(base & d)) for name, d in self._tag_docs(tags).values()]
            counts["tag"] = {n: c for n, c in sorted(found, key=lambda x: (-x[1], x[0])) if c}
        return counts

    def _texts(self, nums: list[int]) -> dict[int, _Shown]:
        """Texts of the measures to show, from the cache or the index."""
        missing = [n for n in nums if n not in self._shown]
        if missing:
            for num, texts in self._reader.texts(missing).items():
                self._shown[num] = _Shown(texts)
        out = {}
        for n in nums:
            self._shown.move_to_end(n)
            out[n] = self._shown[n]
        while len(self._shown) > max(SHOWN_CACHE, len(nums)):
            self._shown.popitem(last=False)
        return out

    def _hit(
        self,
        num: int,
        score: float,
        shown: _Shown,
        needles: list[str],
        notes,
        match: str = "exact",
        note_only: bool = False,
    ) -> Hit:
        """A hit with `needles` (the spellings that matched) marked in its title, snippet
        and note snippet."""
        mid = self._reader.ids[num]
        note_hit, note_snippet = False, ""
        comment_hit, comment_snippet = False, ""
        text = (notes or {}).get(mid)
        if isinstance(text, str) and text and needles:
            nspans = highlight.match_spans(self._note_norm(text), needles)
            if nspans:
                note_hit, note_snippet = True, highlight.snippet(text, nspans)
        for comment in notes.comments.get(mid, ()) if notes and needles else ():
            cspans = highlight.match_spans(self._note_norm(comment), needles)
            if cspans:
                comment_hit, comment_snippet = True, highlight.snippet(comment, cspans)
                break
        hit = object.__new__(_MarkedOnRead)
        object.__setattr__(
            hit,
            "__dict__",
            {
                "id": mid,
                "title": shown.texts.title,
                "score": score,
                "note_hit": note_hit,
                "note_snippet": note_snippet,
                "match": match,
                "note_only": note_only,
                "matched": tuple(needles),
                "comment_hit": comment_hit,
                "comment_snippet": comment_snippet,
                "_marks": lambda: _marks(shown, needles),
            },
        )
        return hit


class _Mine(dict):
    """The user's own texts searched with the catalogue: the notes (this dict: {measure id:
    note}) and the highlight comments ({measure id: [comment, …]})."""

    comments: dict[str, list[str]]

    def __bool__(self) -> bool:
        return bool(len(self) or self.comments)

    @classmethod
    def of(cls, notes, comments) -> _Mine | None:
        mine = cls(notes or {})
        mine.comments = {}
        for mid, items in (comments or {}).items():
            texts = [c if isinstance(c, str) else c[-1] for c in items]
            texts = [t for t in texts if isinstance(t, str) and t]
            if texts:
                mine.comments[mid] = texts
        return mine if (mine or mine.comments) else None


class _MarkedOnRead(Hit):
    """A Hit whose marked title and snippet are cut when first read: the window lists 200
    hits and shows a dozen. Everything needed is in the hit (not in the searcher), and
    __getattr__ runs only for attributes not set yet."""

    def __getattr__(self, name: str):
        d = self.__dict__
        if name in ("snippet", "title_marked"):
            make = d.get("_marks")
            if make is not None:
                d.update(make())
                d.pop("_marks", None)
            if name in d:
                return d[name]
        raise AttributeError(name)


def _near_kind(pq: ParsedQuery) -> bool:
    """A query near matches may loosen: plain words, not a pasted paragraph."""
    return pq.plain and sum(len(leaf.units) for g in pq.groups for leaf in g) <= MAX_UNITS


def _together(found: list[tuple[Piece, set[int]]]) -> list[tuple[str, frozenset[int]]]:
    """Queries made of the pieces that occur together, the most content first (ties: more
    measures): every combination of up to 10 pieces."""
    found = found[:10]
    options = []
    for mask in range(1, 1 << len(found)):
        chosen = [found[k] for k in range(len(found)) if mask >> k & 1]
        docs = frozenset.intersection(*(frozenset(d) for _, d in chosen))
        if docs:
            text = " ".join(p.text for p, _ in chosen)
            options.append((-sum(p.weight for p, _ in chosen), -len(docs), mask, text, docs))
    options.sort()
    return [(text, docs) for *_, text, docs in options]


def _marks(shown: _Shown, needles: list[str]) -> dict[str, str]:
    """The title with the matches marked and a snippet around them (the body's, else the
    first footnote with a match, labelled)."""
    t = shown.texts
    title = highlight.mark(
        t.title, highlight.match_spans(shown.norm_map("title", t.title), needles)
    )
    spans = highlight.match_spans(shown.norm_map("body", t.body), needles)
    snippet = highlight.snippet(t.body, spans)
    if not spans:
        for number, text in t.footnotes:
            fspans = highlight.match_spans(shown.norm_map(f"fn{number}", text), needles)
            if fspans:
                snippet = f"［注{number}］" + highlight.snippet(text, fspans)
                break
    return {"snippet": snippet, "title_marked": title}
