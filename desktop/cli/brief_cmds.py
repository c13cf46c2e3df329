"""`shisaku brief`: a meeting brief of a collection in any registered format.

Registered from user_cmds.register.
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
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument(
        "--no-notes",
        dest="notes",
        action="store_false",
        help="leave your private notes out (a brief for others)",
    )
    p.add_argument(
        "--no-bodies",
        dest="bodies",
        action="store_false",
        help="only the 一覧 (list of measures), without each measure's text",
    )
    p.set_defaults(func=brief)


def brief(args) -> int:
    from desktop.brief import BriefOptions, write_brief
    from desktop.cli.user_cmds import open_linked

    store, cat = open_linked(args)
    options = BriefOptions(notes=args.notes, bodies=args.bodies)
    with store:
        path = write_brief(cat, store, args.collection, args.format, args.out, options=options)
    if args.format == "pdf":
        warn_font()
    print(f"{args.format} を書き出しました: {path}")
    return 0


def warn_font() -> None:
    from desktop.qtfonts import missing_font_warning

    message = missing_font_warning()
    if message:
        print(f"shisaku: 注意: {message}", file=sys.stderr)
