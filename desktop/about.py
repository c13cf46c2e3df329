"""What `shisaku --version` and the About box say: the app version and the catalogue's
source (its provenance line and sha256). Qt-free, and never builds anything."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.digest import sha256
from desktop import APP_TITLE, __version__, paths

PROVENANCE = "PROVENANCE.md"
PREFIXES = ("出典:", "Provenance:")  # the Japanese line first (the UI speaks Japanese)


def provenance_line() -> str | None:
    """The one-line provenance of the bundled source (resources/source/PROVENANCE.md)."""
    try:
        text = (paths.source_path().parent / PROVENANCE).read_text(encoding="utf-8")
    except OSError:
        return None
    lines = text.splitlines()
    for prefix in PREFIXES:
        for line in lines:
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
    return None


def _sha256(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def about_text(base: Path | None = None) -> str:
    """Lines: app and version; the source (provenance, file, sha256); the catalogue built."""
    from db.stale import built_meta

    meta = built_meta(base)
    lines = [f"{APP_TITLE} (shisaku) {__version__}"]
    bundled = paths.source_path()
    name = meta.get("source_name") if meta else bundled.name
    if not meta or name == bundled.name:
        lines.append(f"出典 (source): {provenance_line() or '（PROVENANCE.md がありません）'}")
    else:
        where = meta.get("source_path", name)
        lines.append(f"出典 (source): {where}（独自の原文 — custom source, no provenance）")
    sha = meta.get("source_sha256") if meta else _sha256(bundled)
    lines.append(f"  ファイル {name}  sha256 {sha or '（読めません — unreadable）'}")
    if meta:
        lines.append(
            f"カタログ (catalogue): {meta.get('built_at', '?')} 作成、"
            f"パーサ {meta.get('parser_version', '?')}、世代 {meta.get('generation', '?')}"
        )
    else:
        lines.append("カタログ (catalogue): 未作成 (not built yet)")
    return "\n".join(lines)


class VersionAction(argparse.Action):
    """`--version`: print about_text() and exit 0 (computed only when asked)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(about_text())
        parser.exit()
