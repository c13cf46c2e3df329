"""`shisaku build | tree | show | export`."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register(reg) -> None:
    p = reg.sub.add_parser(
        "build", parents=[reg.common], help="parse the source and build the catalogue"
    )
    p.add_argument("--source", type=Path, help="source text (default: the bundled one)")
    p.set_defaults(func=cmd_build)

    p = reg.sub.add_parser("tree", parents=[reg.common], help="outline with counts")
    p.set_defaults(func=cmd_tree)

    p = reg.sub.add_parser("show", parents=[reg.common], help="one measure, or the preface")
    p.add_argument("id", help="measure id (1-1-28, 2-3) or `preface` (はじめに)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = reg.sub.add_parser("export", parents=[reg.common], help="the whole catalogue")
    p.add_argument("--format", choices=("jsonl", "csv", "md"), default="jsonl")
    p.add_argument("--out", default="-", help="file to write (default: - , standard output)")
    p.add_argument("--force", action="store_true", help="replace a read-only file")
    p.set_defaults(func=cmd_export)
    register_bench(reg)


def open_catalogue():
    from desktop.catalogue import Catalogue

    return Catalogue.open()


def cmd_build(args) -> int:
    from db.build import build

    r = build(source=args.source)
    print(
        f"built {r.measures} measures, {r.footnotes} footnotes in {r.seconds:.2f} s → "
        f"{r.out / r.generation} (self-check passed)"
    )
    if r.variants:
        print(r.variants)
    return 0


def cmd_tree(args) -> int:
    cat = open_catalogue()
    for ch in cat.chapters:
        n = sum(1 for m in cat.measures if m.chapter == ch.number)
        print(f"第{ch.number}章 {ch.title} ({n})")
        for p in (p for p in cat.pillars if p.chapter == ch.number):
            sub = f" {p.subtitle}" if p.subtitle else ""
            print(f"  {p.number}．{p.title}{sub} ({len(cat.in_pillar(1, p.number))})")
    print(f"計 {len(cat)} 施策")
    return 0


PREFACE = "preface"  # `shisaku show preface`: the front matter before the 目次
PREFACE_TITLE = "はじめに"


def cmd_show(args) -> int:
    cat = open_catalogue()
    if args.id == PREFACE:
        return show_preface(cat, args.json)
    m = cat.require(args.id)
    if args.json:
        print(json.dumps(m.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{m.id}  {cat.label(m)}" + (f"  p.{m.page}" if m.page else ""))
    print(m.title)
    print()
    print(m.body)
    if m.footnotes:
        print()
        for f in m.footnotes:
            print(f"  注{f.number} {f.text}")
    print()
    print("担当: " + "、".join(o.name for o in m.bureaus))
    print("府省庁: " + "、".join(m.ministries))
    return 0


def show_preface(cat, as_json: bool) -> int:
    if as_json:
        doc = {"id": PREFACE, "title": PREFACE_TITLE, "body": cat.preface}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    print(PREFACE_TITLE)
    print()
    print(cat.preface)
    return 0


def cmd_export(args) -> int:
    from desktop.export import render
    from desktop.outfile import check_out, write_out

    check_out(args.out, data_dir=args.data_dir, force=args.force)  # before any work
    cat = open_catalogue()
    text = render(cat, args.format)
    out = write_out(
        args.out, text.encode("utf-8"), data_dir=args.data_dir, force=args.force, mode=0o644
    )
    if out is not None:
        print(f"wrote {len(cat)} measures to {out}", file=sys.stderr)
    return 0


def register_bench(reg) -> None:
    p = reg.bench.add_parser(
        "build", parents=[reg.common], help="time parse and full build (catalogue + index)"
    )
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench_build)


def cmd_bench_build(args) -> int:
    import statistics
    import tempfile
    import time

    from db.build import build, read_source
    from db.parse import parse
    from db.selfcheck import verify
    from desktop import paths

    text, _ = read_source(paths.source_path())
    parse_s, check_s, build_s = [], [], []
    for _ in range(max(1, args.runs)):
        t = time.perf_counter()
        doc = parse(text)
        parse_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        verify(doc)
        check_s.append(time.perf_counter() - t)
        with tempfile.TemporaryDirectory() as tmp:
            build_s.append(build(out=Path(tmp)).seconds)
    res = {
        "runs": len(build_s),
        "parse_median_s": statistics.median(parse_s),
        "check_median_s": statistics.median(check_s),
        "build_median_s": statistics.median(build_s),
        "build_max_s": max(build_s),
    }
    if args.json:
        print(json.dumps(res))
    else:
        print(
            f"parse  median {res['parse_median_s'] * 1000:.1f} ms\n"
            f"check  median {res['check_median_s'] * 1000:.1f} ms (self-check)\n"
            f"build  median {res['build_median_s']:.2f} s  max {res['build_max_s']:.2f} s "
            f"({res['runs']} runs; catalogue + index)"
        )
    return 0
