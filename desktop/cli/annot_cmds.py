"""`shisaku highlight list|add|edit|delete` and `shisaku tag add|remove|list|rename`.

Every input is checked before the store is opened or changed — the id against the
catalogue, the quote against the measure's body, the tag's name — so bad input is a clear
message, exit code 2 and an unchanged store (a missing store is not created).
"""

from __future__ import annotations

import os

from desktop.errors import UserError
from desktop.userdata import COLOURS, Highlight, UnknownHighlight, UnknownTag, tag_name
from desktop.userdata.highlights import COLOUR_LABELS, DEFAULT_COLOUR, reading_order


def register(reg) -> None:
    common = [reg.common]
    hl = reg.sub.add_parser(
        "highlight", parents=common, help="ハイライト: marked passages of a measure's body"
    )
    hs = hl.add_subparsers(dest="highlight_command", metavar="ACTION", required=True)
    p = hs.add_parser("list", parents=common, help="highlights, by measure (orphans marked)")
    p.add_argument("id", nargs="?", help="only this measure's highlights")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=highlight_list)
    p = hs.add_parser("add", parents=common, help="highlight QUOTE in a measure's body")
    p.add_argument("id")
    p.add_argument("quote", help="the passage (全角/半角, spaces and line breaks do not count)")
    colour_option(p, DEFAULT_COLOUR)
    p.add_argument("--comment", default="", metavar="TEXT")
    p.add_argument(
        "--occurrence", type=int, default=1, metavar="N", help="the Nth place QUOTE occurs"
    )
    p.add_argument("--json", action="store_true", help="print the new highlight as JSON")
    p.set_defaults(func=highlight_add)
    p = hs.add_parser("edit", parents=common, help="change a highlight's colour or comment")
    p.add_argument("uid", help="the uid, or its first 6 or more digits")
    colour_option(p, None)
    p.add_argument("--comment", metavar="TEXT", help='the new comment ("" removes it)')
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=highlight_edit)
    p = hs.add_parser("delete", parents=common, help="delete a highlight")
    p.add_argument("uid", help="the uid, or its first 6 or more digits")
    p.set_defaults(func=highlight_delete)

    tag = reg.sub.add_parser("tag", parents=common, help="タグ: tags on measures")
    ts = tag.add_subparsers(dest="tag_command", metavar="ACTION", required=True)
    p = ts.add_parser("add", parents=common, help="tag a measure")
    p.add_argument("id")
    p.add_argument("tag")
    p.set_defaults(func=tag_add)
    p = ts.add_parser("remove", parents=common, help="take a tag off a measure")
    p.add_argument("id")
    p.add_argument("tag")
    p.set_defaults(func=tag_remove)
    p = ts.add_parser("list", parents=common, help="tags with how many measures have them")
    p.add_argument("id", nargs="?", help="only this measure's tags")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=tag_list)
    p = ts.add_parser("rename", parents=common, help="rename a tag (onto an existing one: merge)")
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(func=tag_rename)

    b = reg.bench.add_parser(
        "anchor", parents=common, help="re-anchoring N highlights after a rebuilt catalogue"
    )
    b.add_argument("--highlights", type=int, default=1000, metavar="N")
    b.add_argument("--runs", type=int, default=5)
    b.add_argument("--seed", type=int, default=12)
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=bench_anchor)


def colour_option(p, default) -> None:
    p.add_argument(
        "--colour",
        "--color",
        dest="colour",
        choices=COLOURS,
        default=default,
        help="yellow 黄, green 緑, blue 青, pink 桃" + (f" (default {default})" if default else ""),
    )


# --- helpers -------------------------------------------------------------------------------


def has_store(args) -> bool:
    """False when there is no store yet: then no highlight or tag exists, and a command that
    only looks one up must not create the store."""
    from desktop import paths
    from desktop.userdata.connection import FILE_NAME

    return os.path.lexists(paths.data_dir(args.data_dir) / FILE_NAME)


def store_if_any(args):
    """The open store, or None when there is none yet (has_store)."""
    from desktop.cli.user_cmds import open_store

    return open_store(args) if has_store(args) else None


def catalogue():
    from desktop.catalogue import Catalogue

    return Catalogue.open()


def stored_name(names: list[str], name: str) -> str:
    """The spelling the store keeps for `name` (ASCII letters compare without case)."""
    from desktop.userdata.tags import fold

    return next((n for n in names if fold(n) == fold(name)), name)


def short(uid: str) -> str:
    return uid[:8]


def highlight_record(h: Highlight) -> dict:
    return {
        "uid": h.uid,
        "id": h.measure_id,
        "title": h.title,
        "start": h.start,
        "end": h.end,
        "text": h.exact,
        "prefix": h.prefix,
        "suffix": h.suffix,
        "colour": h.colour,
        "comment": h.comment,
        "created": h.created,
        "updated": h.updated,
        "orphan": h.orphan,
    }


def find_quote(m, quote: str, occurrence: int) -> tuple[int, int, int]:
    """(start, end, how many places) of the `occurrence`th place QUOTE is in m's body."""
    from desktop.anchoring import occurrences
    from desktop.cli.user_cmds import one_line

    if not quote.strip():
        raise UserError("ハイライトする文を指定してください (empty quote)")
    spans = occurrences(quote, m.body)
    if not spans:
        raise UserError(
            f"「{one_line(quote)}」は {m.id} の本文にありません (the quote is not in the body"
            f" of {m.id})"
        )
    if not 1 <= occurrence <= len(spans):
        raise UserError(
            f"「{one_line(quote)}」は {m.id} の本文に {len(spans)} か所です。--occurrence は"
            f" 1〜{len(spans)} で指定してください (occurrence out of range)"
        )
    start, end = spans[occurrence - 1]
    return start, end, len(spans)


# --- highlights ------------------------------------------------------------------------------


def highlight_list(args) -> int:
    from desktop.cli.user_cmds import one_line, open_linked, print_json

    cat = catalogue()
    if args.id is not None:
        cat.require(args.id)
    store, _ = open_linked(args, cat)
    with store:
        found = reading_order(store.highlights(args.id), cat)
    if args.json:
        print_json([highlight_record(h) for h in found])
        return 0
    last = None
    for h in found:
        head = (h.measure_id, h.orphan)
        if head != last:
            mark = " [孤立]" if h.orphan else ""
            print(f"{h.measure_id}{mark}\t{h.title}")
            last = head
        comment = f"\t{one_line(h.comment)}" if h.comment else ""
        label = COLOUR_LABELS[h.colour]
        print(f"  {short(h.uid)}\t{label}\t「{one_line(h.exact)}」{comment}")
    return 0


def highlight_add(args) -> int:
    from desktop.cli.user_cmds import one_line, open_linked, print_json

    cat = catalogue()
    m = cat.require(args.id)
    start, end, places = find_quote(m, args.quote, args.occurrence)
    store, _ = open_linked(args, cat)
    with store:
        h = store.add_highlight(m, start, end, colour=args.colour, comment=args.comment)
    if args.json:
        print_json(highlight_record(h))
        return 0
    where = f"（{places} か所中 {args.occurrence} 番目）" if places > 1 else ""
    print(f"{m.id}: ハイライトを追加しました {short(h.uid)}「{one_line(h.exact)}」{where}")
    return 0


def highlight_edit(args) -> int:
    from desktop.cli.user_cmds import print_json

    if args.colour is None and args.comment is None:
        raise UserError(
            "変更する内容を --colour か --comment で指定してください (nothing to change)"
        )
    store = store_if_any(args)
    if store is None:
        raise UnknownHighlight(args.uid)
    with store:
        h = store.find_highlight(args.uid)
        h = store.update_highlight(h.uid, colour=args.colour, comment=args.comment)
    if args.json:
        print_json(highlight_record(h))
        return 0
    print(f"ハイライト {short(h.uid)} を更新しました（{COLOUR_LABELS[h.colour]}）")
    return 0


def highlight_delete(args) -> int:
    from desktop.cli.user_cmds import one_line

    store = store_if_any(args)
    if store is None:
        raise UnknownHighlight(args.uid)
    with store:
        h = store.delete_highlight(store.find_highlight(args.uid).uid)
    print(f"{h.measure_id}: ハイライト {short(h.uid)}「{one_line(h.exact)}」を削除しました")
    return 0


# --- tags ------------------------------------------------------------------------------------


def tag_add(args) -> int:
    from desktop.cli.user_cmds import open_linked

    name = tag_name(args.tag)
    cat = catalogue()
    m = cat.require(args.id)
    store, _ = open_linked(args, cat)
    with store:
        added = store.add_tag(m.id, m.title, name)
        name = stored_name(store.tags_of(m.id), name)
    print(f"{m.id}: タグ「{name}」{'を付けました' if added else 'は既に付いています'}")
    return 0


def tag_remove(args) -> int:
    from desktop.cli.user_cmds import open_linked

    name = tag_name(args.tag)
    cat = catalogue()
    m = cat.require(args.id)
    if not has_store(args):
        raise UnknownTag(name)
    store, _ = open_linked(args, cat)
    with store:
        if not store.remove_tag(m.id, name):
            raise UserError(f"{m.id} にタグ「{name}」は付いていません (not tagged)")
    print(f"{m.id}: タグ「{name}」を外しました")
    return 0


def tag_list(args) -> int:
    from desktop.cli.user_cmds import open_linked, print_json

    cat = catalogue()
    if args.id is not None:
        cat.require(args.id)
    store, _ = open_linked(args, cat)
    with store:
        tags = store.tags()
        measures = {t.name: store.measures_with_tag(t.name) for t in tags}
        if args.id is not None:
            mine = store.tags_of(args.id)
            tags = sorted((t for t in tags if t.name in mine), key=lambda t: mine.index(t.name))
    if args.json:
        print_json(
            [
                {
                    "name": t.name,
                    "count": t.count,
                    "orphans": t.orphans,
                    "measures": measures[t.name],
                }
                for t in tags
            ]
        )
        return 0
    for t in tags:
        orphans = f"（孤立 {t.orphans}）" if t.orphans else ""
        print(f"{t.name}\t{t.count}{orphans}")
    return 0


def tag_rename(args) -> int:
    old, new = tag_name(args.old), tag_name(args.new)
    store = store_if_any(args)
    if store is None:
        raise UnknownTag(old)
    with store:
        r = store.rename_tag(old, new)
    if r.merged:
        print(f"タグ「{r.old}」を「{r.new}」に統合しました（{r.measures} 施策）")
    else:
        print(f"タグ「{r.old}」を「{r.new}」に変更しました（{r.measures} 施策）")
    return 0


def bench_anchor(args) -> int:
    from desktop.userdata import anchor_bench

    if args.highlights < 1 or args.runs < 1:
        raise UserError("--highlights と --runs は 1 以上です (must be at least 1)")
    return anchor_bench.run(args.highlights, args.runs, args.seed, args.json)
