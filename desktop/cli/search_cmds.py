"""`shisaku search | related` and `shisaku bench search | quality | scale`."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Mapping

from desktop.errors import UserError


def register(reg) -> None:
    p = reg.sub.add_parser(
        "search",
        parents=[reg.common],
        help="full-text search (also in your notes)",
        description="Words separated by spaces must all occur; OR, -word / NOT word, "
        '"phrase", 府省庁:NAME (ministry:), 柱:N (pillar:), 章:N (chapter:), '
        'タグ:TAG (tag:, your tags; タグ:"two words"; several: all of them). '
        "Options first, then -- before a query that starts with -:  "
        "shisaku search --limit 5 -- -空港 港",
    )
    p.add_argument("query", nargs="+", help="search words (quote the whole query or not)")
    p.add_argument("--ministry", metavar="M", help="only measures of this 府省庁")
    p.add_argument(
        "--pillar",
        type=pillar_number,
        metavar="P",
        help="only measures of this pillar of 第1章 (its number; `shisaku tree` lists them)",
    )
    p.add_argument(
        "--limit",
        type=count,
        default=20,
        metavar="N",
        help="show at most N hits (default 20; 0 = all)",
    )
    p.add_argument("--tag", metavar="TAG", help="only measures with this tag of yours")
    p.add_argument(
        "--no-notes",
        action="store_true",
        help="do not search your notes and highlight comments",
    )
    p.add_argument(
        "--exact",
        action="store_true",
        help="exact matches only: no other spellings (子ども for 子供), no near matches",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="JSON array of {id, title, score, snippet, match, note_only, comment_hit, tags} in "
        'rank order (match: "exact", "variant" = another spelling, "near" = a near match; '
        "note_only: found only in your note or highlight comments; comment_hit: a highlight "
        "comment matched; tags: your tags on the measure)",
    )
    p.set_defaults(func=cmd_search)

    p = reg.sub.add_parser(
        "related", parents=[reg.common], help="the measures most similar to one measure"
    )
    p.add_argument("id")
    p.add_argument("-n", type=int, default=5, metavar="N", help="how many (default 5)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_related)

    p = reg.bench.add_parser(
        "search",
        parents=[reg.common],
        help="search latency: ours vs FTS5 trigram vs substring scan",
    )
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench_search)

    p = reg.bench.add_parser(
        "quality",
        parents=[reg.common],
        help="recall/precision on the judged query set (issue 10)",
    )
    p.add_argument(
        "--method",
        action="append",
        choices=["exact", "tier2", "variants", "ngram", "vocab", "morph", "all"],
        help="engine(s) to score (repeatable; default: exact and tier2, the search with "
        "tier 2 off and on; variants, ngram, vocab, morph: the prototypes of decision 0003)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench_quality)

    p = reg.bench.add_parser(
        "scale",
        parents=[reg.common],
        help="the app on an N× catalogue: build, first paint, search, typing, memory",
    )
    p.add_argument("--factor", type=count_positive, default=10, metavar="N", help="N× the measures")
    p.add_argument("--runs", type=count_positive, default=5, help="start-up processes (each)")
    p.add_argument("--rounds", type=count_positive, default=5, help="search rounds")
    p.add_argument(
        "--keystroke-rounds", type=count_positive, default=1, help="typing rounds after warm-up"
    )
    p.add_argument(
        "--build-dir",
        metavar="DIR",
        help="build (or reuse) the N× catalogue here and keep it (default: a temporary folder)",
    )
    p.add_argument(
        "--queries",
        type=count_positive,
        metavar="N",
        help="only the first N benchmark queries (a quick run; default: all)",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--child", metavar="DIR", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_bench_scale)


def open_searcher():
    from desktop.search import Searcher

    return Searcher.open()


def user_notes(args) -> Mapping[str, str] | None:
    """Hook: the user's notes ({measure id: text}) to search along with the catalogue.

    Reads the user-data store if one exists (never creates one just to search); any problem
    with it only costs the note hits, with a warning.
    """
    if getattr(args, "no_notes", False):
        return None
    try:
        from desktop import paths
        from desktop.userdata.connection import FILE_NAME
        from desktop.userdata.store import UserStore

        if not (paths.data_dir(getattr(args, "data_dir", None)) / FILE_NAME).exists():
            return None
        with UserStore.open(getattr(args, "data_dir", None)) as store:
            return store.notes_map()
    except (ImportError, UserError, OSError) as e:
        print(f"shisaku: 注意: メモは検索しませんでした ({e})", file=sys.stderr)
        return None


def user_annotations(args, need_tags: bool) -> tuple[dict, dict]:
    """({measure id: [(uid, comment), …]}, {measure id: [tag, …]}) from the store, when one
    exists (never created just to search); comments not with --no-notes, tags only when the
    query asks for them or --json lists them. A problem costs them, with a warning."""
    want_comments = not getattr(args, "no_notes", False)
    if not (want_comments or need_tags):
        return {}, {}
    try:
        from desktop import paths
        from desktop.userdata.connection import FILE_NAME
        from desktop.userdata.store import UserStore

        if not (paths.data_dir(getattr(args, "data_dir", None)) / FILE_NAME).exists():
            return {}, {}
        with UserStore.open(getattr(args, "data_dir", None)) as store:
            comments = store.highlight_comments() if want_comments else {}
            return comments, store.tags_map() if need_tags else {}
    except (ImportError, UserError, OSError) as e:
        print(f"shisaku: 注意: ハイライトとタグは使えませんでした ({e})", file=sys.stderr)
        return {}, {}


def pillar_number(text: str) -> int:
    """`--pillar`: a pillar of this edition's 第1章, read from the catalogue (never a fixed
    count: the next edition may have more or fewer). Not built yet: any number, checked by
    the search after the build."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"柱の番号が必要です (not a number: {text!r})") from None
    try:
        from desktop.catalogue import Catalogue

        have = [p.number for p in Catalogue.open().pillars if p.chapter == 1]
    except Exception:  # no catalogue yet (the command builds it)
        return number
    if number not in have:
        raise argparse.ArgumentTypeError(
            f"柱 {number} はありません (unknown pillar). あるもの: {'、'.join(map(str, have))}"
        )
    return number


def check_tag_option(name: str, tags: dict) -> None:
    """`--tag` names one of the user's tags, as `--ministry` names a ministry: a tag nobody
    has is bad input (exit 2), listing the ones there are. (`タグ:X` in the query is a
    search, which may find nothing.)"""
    from desktop.userdata.tags import tag_key

    have = sorted({t for ts in tags.values() for t in ts})
    if tag_key(name) not in {tag_key(t) for t in have}:
        there = f"あるもの: {'、'.join(have)}" if have else "タグはまだありません (no tags yet)"
        raise UserError(f"タグ「{name}」はありません (unknown tag). {there}")


def _terminal(marked: str) -> str:
    """<mark>-ed HTML to plain text: bold on a terminal, 【】 otherwise."""
    on, off = ("\x1b[1m", "\x1b[0m") if sys.stdout.isatty() else ("【", "】")
    return html.unescape(re.sub(r"</?mark>", lambda m: off if m.group()[1] == "/" else on, marked))


def cmd_search(args) -> int:
    query = " ".join(args.query)
    searcher = open_searcher()
    limit = args.limit or None
    if args.ministry is not None and not searcher.resolve_ministry(args.ministry):
        raise UserError(
            f"府省庁「{args.ministry}」はありません (unknown ministry). "
            f"あるもの: {'、'.join(searcher.ministries())}"
        )
    from desktop.search.query import parse

    comments, tags = user_annotations(args, bool(args.json or args.tag or parse(query).tags))
    if args.tag is not None:
        check_tag_option(args.tag, tags)
    res = searcher.run(
        query,
        notes=user_notes(args),
        limit=limit,
        ministry=args.ministry,
        pillar=args.pillar,
        with_facets=False,
        exact=args.exact,
        comments=comments,
        tags=tags,
        tag=args.tag,
    )
    for message in res.messages:
        print(f"shisaku: {message}", file=sys.stderr)
    if args.json:
        out = []
        for h in res.hits:
            snippet = h.snippet
            if h.note_hit and (h.note_only or "<mark>" not in snippet):
                snippet = "［メモ］" + h.note_snippet  # never shown as the 施策集's text
            elif h.comment_hit and (h.note_only or "<mark>" not in snippet):
                snippet = "［コメント］" + h.comment_snippet
            out.append(
                {
                    "id": h.id,
                    "title": h.title,
                    "score": h.score,
                    "snippet": snippet,
                    "match": h.match,
                    "note_only": h.note_only,
                    "comment_hit": h.comment_hit,
                    "tags": tags.get(h.id, []),
                }
            )
        print(json.dumps(out, ensure_ascii=False, indent=2))
        if not res.hits and res.suggestion:
            print(f"shisaku: {suggestion_text(res.suggestion)}", file=sys.stderr)
        return 0
    if not res.hits:
        shown = query if len(query) <= 40 else query[:40] + "…"
        for message in res.messages:  # e.g. タグ「X」の付いた施策はありません
            if message.startswith("タグ「"):
                print(message)
        print(f"「{shown}」に一致する施策はありません (no results)")
        if res.suggestion:
            print(suggestion_text(res.suggestion))
        return 0
    print_hits(res)
    shown = f"、上位{len(res.hits)}件を表示" if len(res.hits) < res.total else ""
    print(f"\n{res.total}件{shown} ({res.total} matches)")
    return 0


def tier_headings(tiers: dict[str, int]) -> tuple[str, str] | None:
    """(「完全一致 N 件」, 「近い結果 M 件」) when tier 2 found something, else None."""
    near = tiers.get("variant", 0) + tiers.get("near", 0)
    if not near:
        return None
    parts = []
    if tiers.get("variant"):
        parts.append(f"別の表記 {tiers['variant']} 件")
    if tiers.get("near"):
        parts.append(f"語の一部が一致 {tiers['near']} 件")
    return (
        f"完全一致 {tiers.get('exact', 0)} 件 (exact matches)",
        f"近い結果 {near} 件（{'・'.join(parts)}） (near matches: other spellings, "
        "parts of the words)",
    )


def print_hits(res) -> None:
    headings = tier_headings(res.tiers)
    if headings:
        print(headings[0])
    near_shown = False
    for rank, h in enumerate(res.hits, 1):
        if headings and h.match != "exact" and not near_shown:
            near_shown = True
            print(f"\n{headings[1]}")
        comment = getattr(h, "comment_hit", False)
        memo = ("［メモ］" if h.note_hit else "［コメント］") if h.note_only else ""
        print(f"{rank:>3}. {h.id:<8} {memo}{_terminal(h.title_marked)}  ({h.score:g})")
        if not h.note_only:  # found only in the user's own texts: never shown as official
            print(f"     {_terminal(h.snippet)}")
        if h.note_hit:
            print(f"     メモ: {_terminal(h.note_snippet)}")
        if comment:
            print(f"     コメントに一致: {_terminal(h.comment_snippet)}")
    if headings and not near_shown:
        print(f"\n{headings[1]}（この表示の範囲外 / beyond --limit）")


def suggestion_text(s) -> str:
    """「もしかして」 line for a search that found nothing."""
    if s.drop_filters:
        what = f"「{s.query}」" if s.query else "絞り込みなし"
        return (
            f"もしかして: 絞り込み（府省庁・柱・章・タグ）を外して {what} → {s.count} 件 "
            f"(without the filters: {s.count} matches)"
        )
    return f"もしかして: 「{s.query}」 → {s.count} 件 (did you mean: {s.count} matches)"


def cmd_related(args) -> int:
    hits = open_searcher().related(args.id, n=max(0, args.n))
    if args.json:
        print(
            json.dumps(
                [{"id": h.id, "title": h.title, "score": h.score} for h in hits],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for rank, h in enumerate(hits, 1):
        print(f"{rank:>3}. {h.id:<8} {h.title}  ({h.score:g})")
    return 0


def cmd_bench_search(args) -> int:
    from desktop.search import bench

    open_searcher().close()  # build first if needed, outside the timings
    report = bench.run(rounds=max(1, args.rounds))
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else bench.render(report))
    return 0


def cmd_bench_quality(args) -> int:
    from desktop.search import quality

    methods = args.method or ["exact", "tier2"]
    if "all" in methods:
        methods = ["exact", "tier2", "variants", "ngram", "vocab", "morph"]
    report = quality.bench(list(dict.fromkeys(methods)))
    print(
        json.dumps(report, ensure_ascii=False, indent=2)
        if args.json
        else quality.render(report["reports"])
    )
    return 0


def cmd_bench_scale(args) -> int:
    from pathlib import Path

    if args.child:
        from desktop.ui import scale_probe

        return scale_probe.main(
            args.child, args.factor, args.rounds, args.keystroke_rounds, args.queries
        )
    from desktop.search import scale

    try:
        report = scale.run(
            args.factor,
            runs=args.runs,
            rounds=args.rounds,
            keystroke_rounds=args.keystroke_rounds,
            build_dir=Path(args.build_dir) if args.build_dir else None,
            queries=args.queries,
        )
    except RuntimeError as e:
        print(f"bench scale: {e}", file=sys.stderr)
        return 1
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else scale.render(report))
    return 0


def count_positive(text: str) -> int:
    """A whole number ≥ 1 (argparse turns the ValueError into exit 2)."""
    n = int(text)
    if n < 1:
        raise ValueError(text)
    return n


def count(text: str) -> int:
    """--limit: a whole number ≥ 0 (argparse turns the ValueError into exit 2)."""
    n = int(text)
    if n < 0:
        raise ValueError(text)
    return n
