"""`shisaku note|bookmark|collection|backup|restore|brief`: the user's own data.

Every input is checked before anything is written, so a bad id, collection or file gives a
clear message, exit code 2, and an unchanged store.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from datetime import datetime

from desktop.errors import UserError
from desktop.infile import read_limited, read_stream
from desktop.userdata import DEFAULT_COLLECTION, UserStore

MAX_NOTE_BYTES = 16 * 1024 * 1024  # a note read from a file or stdin; /dev/zero stops here


def register(reg) -> None:
    from desktop.cli import brief_cmds

    common = [reg.common]
    sub = reg.sub

    note = sub.add_parser("note", parents=common, help="メモ: notes on measures")
    ns = note.add_subparsers(dest="note_command", metavar="ACTION", required=True)
    p = ns.add_parser("set", parents=common, help="set a measure's note (TEXT, --file F or -)")
    p.add_argument("id")
    p.add_argument("text", nargs="?", help="the note text, or - to read standard input")
    p.add_argument("--file", metavar="F", help="read the note from a UTF-8 file")
    p.set_defaults(func=note_set)
    p = ns.add_parser("get", parents=common, help="print a measure's note")
    p.add_argument("id")
    p.set_defaults(func=note_get)
    p = ns.add_parser("delete", parents=common, help="delete a measure's note and its history")
    p.add_argument("id")
    p.set_defaults(func=note_delete)
    p = ns.add_parser("list", parents=common, help="all notes, newest first (orphans marked)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=note_list)
    p = ns.add_parser("history", parents=common, help="earlier versions of a note, newest first")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=note_history)

    bm = sub.add_parser("bookmark", parents=common, help="ブックマーク: bookmarks in collections")
    bs = bm.add_subparsers(dest="bookmark_command", metavar="ACTION", required=True)
    p = bs.add_parser("add", parents=common, help="bookmark a measure (at the end)")
    p.add_argument("id")
    p.add_argument("--collection", default=DEFAULT_COLLECTION, metavar="NAME")
    p.set_defaults(func=bookmark_add)
    p = bs.add_parser("remove", parents=common, help="remove a bookmark")
    p.add_argument("id")
    p.add_argument("--collection", default=DEFAULT_COLLECTION, metavar="NAME")
    p.set_defaults(func=bookmark_remove)
    p = bs.add_parser("move", parents=common, help="move a bookmark to a position (1 = first)")
    p.add_argument("id")
    p.add_argument("--collection", required=True, metavar="NAME")
    p.add_argument("--to", required=True, type=int, metavar="POSITION")
    p.set_defaults(func=bookmark_move)
    p = bs.add_parser("list", parents=common, help="bookmarks in the user's order")
    p.add_argument("--collection", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=bookmark_list)

    col = sub.add_parser("collection", parents=common, help="コレクション: named bookmark lists")
    cs = col.add_subparsers(dest="collection_command", metavar="ACTION", required=True)
    p = cs.add_parser("list", parents=common, help="collections with their sizes")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=collection_list)
    p = cs.add_parser("create", parents=common, help="create a collection")
    p.add_argument("name")
    p.set_defaults(func=collection_create)
    p = cs.add_parser("rename", parents=common, help="rename a collection")
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(func=collection_rename)
    p = cs.add_parser("delete", parents=common, help="delete a collection (needs --yes)")
    p.add_argument("name")
    p.add_argument("--yes", action="store_true", help="really delete it and its bookmarks")
    p.set_defaults(func=collection_delete)

    p = sub.add_parser("backup", parents=common, help="write all notes and bookmarks to JSON")
    p.add_argument("--out", required=True, metavar="FILE.json", help="file to write, - for stdout")
    p.add_argument("--force", action="store_true", help="replace a read-only FILE")
    p.set_defaults(func=backup)
    p = sub.add_parser("restore", parents=common, help="merge a backup into the user data")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=restore)

    brief_cmds.register_brief(sub, common)  # brief and share commands: desktop/cli/brief_cmds
    brief_cmds.register_collection(cs, common)

    b = reg.bench.add_parser(
        "restore", parents=common, help="restore of N synthetic notes vs N/10 (linear = 1.0)"
    )
    b.add_argument("--notes", type=int, default=100_000)
    b.add_argument("--runs", type=int, default=3)
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=bench_restore)


# --- helpers -------------------------------------------------------------------------------


def open_store(args) -> UserStore:
    store = UserStore.open(getattr(args, "data_dir", None))
    for line in store.notice.splitlines():
        print(f"shisaku: 注意: {line}", file=sys.stderr)
    return store


def open_linked(args, cat=None):
    """The store plus the catalogue, with links brought up to date with this edition."""
    from desktop.catalogue import Catalogue

    cat = cat or Catalogue.open()
    store = open_store(args)
    try:
        relink(store, cat)
    except BaseException:
        store.close()
        raise
    return store, cat


def relink(store, cat) -> None:
    """Bring the store's links up to date with this catalogue edition and say what moved."""
    report = store.relink(cat)
    for kind, old, new, title in report.relinked:
        print(f"shisaku: {kind} {old} → {new}（{title}）に付け替えました", file=sys.stderr)
    for kind, mid, title in report.orphaned:
        why = (
            "の箇所が現行の本文に見つからないため"  # the measure may still be there
            if kind == "highlight"
            else "は現行の施策集にないため"
        )
        print(f"shisaku: {kind} {mid}（{title}）{why}孤立として保持します", file=sys.stderr)


@contextmanager
def linked_measure(args):
    """(store, measure) for args.id; the id is checked before the store is opened or created,
    so a bad id changes nothing."""
    from desktop.catalogue import Catalogue

    cat = Catalogue.open()
    m = cat.require(args.id)
    store, _ = open_linked(args, cat)
    with store:
        yield store, m


def local_time(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def read_text_arg(args) -> str:
    if args.file is not None and args.text is not None:
        raise UserError("TEXT と --file は同時に指定できません (give TEXT, --file F or -)")
    if args.file is not None:
        raw = read_limited(args.file, MAX_NOTE_BYTES, f"メモのファイル {args.file}")
        where = args.file
    elif args.text == "-":
        raw = read_stdin()
        where = "standard input"
    elif args.text is not None:
        return args.text
    else:
        raise UserError("メモの本文を指定してください (give TEXT, --file F or - for stdin)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UserError(f"UTF-8 ではありません: {where} (byte {e.start})") from e


def read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # closed (`<&-`), or the windowed app, which has none
        raise UserError(
            "標準入力がありません。TEXT か --file F でメモを指定してください"
            " (standard input is closed)"
        )
    try:
        return read_stream(stream, MAX_NOTE_BYTES, "標準入力")
    except OSError as e:
        raise UserError(f"標準入力を読めません ({e.strerror or e})") from e


def print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1))


def one_line(text: str, width: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


# --- notes ---------------------------------------------------------------------------------


def note_set(args) -> int:
    text = read_text_arg(args)
    with linked_measure(args) as (store, m):
        note = store.set_note(m.id, m.title, text)
    if note is None:
        print(f"{m.id}: メモは空のままです")
    else:
        print(f"{m.id}: メモを保存しました ({len(note.text)} 文字)")
    return 0


def note_get(args) -> int:
    with linked_measure(args) as (store, m):
        note = store.get_note(m.id)
    if note is None or note.text == "":
        print(f"shisaku: {m.id} にメモはありません", file=sys.stderr)
        return 0
    print(note.text, end="" if note.text.endswith("\n") else "\n")
    return 0


def note_delete(args) -> int:
    with linked_measure(args) as (store, m):
        if not store.delete_note(m.id):
            raise UserError(f"{m.id} にメモはありません (no note to delete)")
    print(f"{m.id}: メモを削除しました")
    return 0


def note_record(n) -> dict:
    return {
        "id": n.measure_id,
        "title": n.title,
        "text": n.text,
        "created": n.created,
        "updated": n.updated,
        "orphan": n.orphan,
    }


def note_list(args) -> int:
    store, _cat = open_linked(args)
    with store:
        notes = store.list_notes()
    if args.json:
        print_json([note_record(n) for n in notes])
        return 0
    for n in notes:
        mark = " [孤立]" if n.orphan else ""
        print(f"{n.measure_id}{mark}\t{local_time(n.updated)}\t{n.title}\t{one_line(n.text)}")
    return 0


def note_history(args) -> int:
    with linked_measure(args) as (store, m):
        versions = store.note_history(m.id)
    if args.json:
        print_json([{"text": v.text, "saved": v.saved, "replaced": v.replaced} for v in versions])
        return 0
    if not versions:
        print(f"shisaku: {m.id} のメモに以前の版はありません", file=sys.stderr)
    for i, v in enumerate(versions, 1):
        print(f"--- {i}: {local_time(v.saved)} に保存、{local_time(v.replaced)} に置換")
        print(v.text)
    return 0


# --- bookmarks and collections -------------------------------------------------------------


def bookmark_add(args) -> int:
    with linked_measure(args) as (store, m):
        added = store.add_bookmark(m.id, m.title, args.collection)
    print(f"{m.id}: 「{args.collection}」に{'追加しました' if added else 'は既にあります'}")
    return 0


def bookmark_remove(args) -> int:
    with linked_measure(args) as (store, m):
        if not store.remove_bookmark(m.id, args.collection):
            store.collection(args.collection)  # unknown collection: its own message
            raise UserError(f"「{args.collection}」に {m.id} はありません (not bookmarked)")
    print(f"{m.id}: 「{args.collection}」から外しました")
    return 0


def bookmark_move(args) -> int:
    with linked_measure(args) as (store, m):
        store.move_bookmark(m.id, args.collection, args.to - 1)
    print(f"{m.id}: 「{args.collection}」の {args.to} 番目に移動しました")
    return 0


def bookmark_list(args) -> int:
    store, _cat = open_linked(args)
    with store:
        names = [args.collection] if args.collection else [c.name for c in store.collections()]
        lists = {name: store.bookmarks(name) for name in names}
    if args.json:
        print_json(
            [
                {
                    "name": name,
                    "items": [
                        {
                            "position": b.position + 1,
                            "id": b.measure_id,
                            "title": b.title,
                            "added": b.added,
                            "orphan": b.orphan,
                        }
                        for b in items
                    ],
                }
                for name, items in lists.items()
            ]
        )
        return 0
    for name, items in lists.items():
        print(f"■ {name} ({len(items)})")
        for b in items:
            mark = " [孤立]" if b.orphan else ""
            print(f"  {b.position + 1}. {b.measure_id}{mark}\t{b.title}")
    return 0


def collection_list(args) -> int:
    with open_store(args) as store:
        cols = store.collections()
    if args.json:
        print_json([{"name": c.name, "count": c.count, "created": c.created} for c in cols])
        return 0
    for c in cols:
        print(f"{c.name}\t{c.count}")
    return 0


def collection_create(args) -> int:
    with open_store(args) as store:
        c = store.create_collection(args.name)
    print(f"コレクション「{c.name}」を作成しました")
    return 0


def collection_rename(args) -> int:
    with open_store(args) as store:
        c = store.rename_collection(args.old, args.new)
    print(f"コレクション「{args.old}」を「{c.name}」に変更しました")
    return 0


def collection_delete(args) -> int:
    with open_store(args) as store:
        c = store.collection(args.name)
        if not args.yes:
            raise UserError(
                f"コレクション「{c.name}」({c.count} 件) を削除するには --yes を"
                f"付けてください (deleting needs --yes)"
            )
        n = store.delete_collection(c.name)
    print(f"コレクション「{args.name}」({n} 件) を削除しました")
    return 0


# --- backup, restore, brief ----------------------------------------------------------------


def written(what: str, path) -> None:
    """The confirmation: on stdout, unless the output itself went there."""
    if path is None:
        print(f"{what}を標準出力に書き出しました", file=sys.stderr)
    else:
        print(f"{what}を書き出しました: {path}")


def backup(args) -> int:
    from desktop.outfile import check_out
    from desktop.userdata.backup import write_backup

    check_out(args.out, data_dir=args.data_dir, force=args.force)  # before opening anything
    with open_store(args) as store:
        path = write_backup(store, args.out, force=args.force)
    written("バックアップ", path)
    return 0


def restore(args) -> int:
    from desktop.catalogue import Catalogue
    from desktop.userdata.backup import read_backup
    from desktop.userdata.backup import restore as merge

    data = read_backup(args.file)  # validated before the store is touched
    cat = Catalogue.open()
    with open_store(args) as store:
        report = merge(store, data, validated=True)
        relink(store, cat)  # restored links may predate this catalogue edition
    print(f"復元しました: {report.summary()}")
    return 0


def bench_restore(args) -> int:
    from desktop.userdata import bench

    return bench.run(args.notes, args.runs, args.json)
