"""`shisaku brief` and `shisaku collection export|import`: briefs and shared collections.

Registered from user_cmds.register (the `collection` parser lives there).
"""

from __future__ import annotations

import sys

from desktop.brief.formats import FORMATS


def register_brief(sub, common) -> None:
    p = sub.add_parser(
        "brief",
        parents=common,
        help="meeting brief of a collection (" + ", ".join(FORMATS) + ")",
    )
    p.add_argument("--collection", required=True, metavar="NAME")
    p.add_argument(
        "--format",
        required=True,
        choices=list(FORMATS),
        help="; ".join(f"{f.key}: {f.help}" for f in FORMATS.values()),
    )
    p.add_argument("--out", required=True, metavar="FILE", help="file to write, - for stdout")
    p.add_argument("--force", action="store_true", help="replace a read-only FILE")
    p.add_argument(
        "--no-notes",
        dest="notes",
        action="store_false",
        help="leave your notes, highlights and tags out (a brief for others)",
    )
    p.add_argument(
        "--no-bodies",
        dest="bodies",
        action="store_false",
        help="only the 一覧 (list of measures), without each measure's text",
    )
    p.set_defaults(func=brief)


def register_collection(cs, common) -> None:
    p = cs.add_parser("export", parents=common, help="write a collection to a .shisaku file")
    p.add_argument("name")
    p.add_argument("--out", required=True, metavar="FILE.shisaku", help="- for stdout")
    p.add_argument("--force", action="store_true", help="replace a read-only FILE")
    p.add_argument(
        "--with-notes",
        action="store_true",
        help="include your notes, highlights and tags on them",
    )
    p.set_defaults(func=collection_export)
    p = cs.add_parser(
        "import", parents=common, help="add a .shisaku collection (shows what it would do)"
    )
    p.add_argument("file", metavar="FILE.shisaku")
    p.add_argument("--yes", action="store_true", help="really add it (without: only show)")
    p.set_defaults(func=collection_import)


def brief(args) -> int:
    from desktop.brief import BriefOptions, write_brief
    from desktop.cli.user_cmds import open_linked, written
    from desktop.outfile import check_out

    check_out(args.out, data_dir=args.data_dir, force=args.force)  # before opening anything
    store, cat = open_linked(args)
    options = BriefOptions(notes=args.notes, bodies=args.bodies)
    with store:
        path = write_brief(
            cat, store, args.collection, args.format, args.out, options=options, force=args.force
        )
    if args.format == "pdf":
        warn_font()
    written(f"{args.format} ", path)
    return 0


def warn_font() -> None:
    from desktop.qtfonts import missing_font_warning

    message = missing_font_warning()
    if message:
        print(f"shisaku: 注意: {message}", file=sys.stderr)


def collection_export(args) -> int:
    from desktop.cli.user_cmds import open_linked
    from desktop.outfile import check_out
    from desktop.share import write_share

    check_out(args.out, data_dir=args.data_dir, force=args.force)  # before opening anything
    store, cat = open_linked(args)
    with store:
        path, count = write_share(
            store, args.name, args.out, args.with_notes, cat, force=args.force
        )
    notes = "（メモ付き）" if args.with_notes else ""
    where = path if path is not None else "標準出力 (stdout)"
    print(
        f"コレクション「{args.name}」({count} 件){notes}を書き出しました: {where}",
        file=sys.stderr if path is None else sys.stdout,
    )
    return 0


def collection_import(args) -> int:
    from desktop.cli.user_cmds import open_linked
    from desktop.share import apply_import, preview_import, read_share

    shared = read_share(args.file)  # validated before the store is opened
    store, cat = open_linked(args)
    with store:
        preview = preview_import(store, cat, shared)
        for line in preview.lines():
            print(line)
        if not preview.changes:
            return 0
        if not args.yes:
            print(
                "変更はしていません。取り込むには --yes を付けてください (dry run: nothing changed)"
            )
            return 0
        report = apply_import(store, cat, shared)
    print(f"取り込みました: {report}")
    return 0
