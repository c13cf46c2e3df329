"""Check the store's write-ahead log (-wal) before SQLite opens it.

When SQLite opens a store whose -wal was left behind (a crash, a kill, a power cut), it keeps
the frames up to the first one whose checksum fails and silently drops the rest, then deletes
the -wal when the last connection closes. A torn last transaction is normal (it was never
acknowledged); a damaged frame with committed transactions after it is not: those were
acknowledged to the user. We read the file ourselves (format: sqlite.org/fileformat2.html,
"WAL File Format") to tell the two apart, so the caller can keep a copy of the evidence.
"""

from __future__ import annotations

import array
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

MAGIC = (0x377F0682, 0x377F0683)  # checksums little-endian / big-endian
HEADER = 32
FRAME_HEADER = 24
MASK = 0xFFFFFFFF
CHECK_BUDGET = 64 * 1024 * 1024


@dataclass(frozen=True)
class WalDamage:
    kept: int  # committed transactions before the damage: SQLite recovers these
    lost: int  # committed transactions after it: SQLite would drop these
    reason: str


def checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum: over pairs of 32-bit words, continuing from (s0, s1)."""
    words = array.array("I")
    assert words.itemsize == 4
    words.frombytes(data)
    if big_endian != (sys.byteorder == "big"):
        words.byteswap()
    it = iter(words)
    for x, y in zip(it, it, strict=True):
        s0 = (s0 + x + s1) & MASK
        s1 = (s1 + y + s0) & MASK
    return s0, s1


def check(wal: Path, budget: int = CHECK_BUDGET) -> WalDamage | None:
    """None when SQLite will recover every committed transaction in `wal` (or there is none).

    Reads frame by frame; checksums cost about 0.05 s per MB in Python, so a log whose
    current part is larger than `budget` (a huge restore, read while the window is open) is
    not verified: None."""
    try:
        f = open(wal, "rb")
    except FileNotFoundError:
        return None
    with f:
        header = f.read(HEADER)
        if len(header) < HEADER:
            return None
        magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", header)
        big = magic == MAGIC[1]
        if (
            magic not in MAGIC
            or page_size < 512
            or page_size > 65536
            or page_size & (page_size - 1)
            or checksum(header[:24], 0, 0, big) != (c0, c1)
        ):
            # SQLite ignores the whole file; it matters only if frames follow the header
            if len(f.read(FRAME_HEADER + 512)) == FRAME_HEADER + 512:
                return WalDamage(kept=0, lost=-1, reason="ヘッダーが壊れています (bad WAL header)")
            return None
        s0, s1 = c0, c1
        kept = lost = 0
        broken = False
        verified = 0
        while True:
            head = f.read(FRAME_HEADER)
            page = f.read(page_size)
            if len(head) < FRAME_HEADER or len(page) < page_size:
                break
            _page, commit, fs1, fs2, f0, f1 = struct.unpack(">6I", head)
            current = (fs1, fs2) == (salt1, salt2)
            if broken:
                lost += bool(current and commit)  # acknowledged after the damage
                continue
            if not current:
                break  # an older generation of the log: SQLite stops here, nothing is lost
            verified += FRAME_HEADER + page_size
            if verified > budget:
                return None
            s0, s1 = checksum(head[:8] + page, s0, s1, big)
            if (s0, s1) != (f0, f1):
                broken = True
            elif commit:
                kept += 1
    if lost:
        return WalDamage(kept=kept, lost=lost, reason="チェックサムが合わない記録があります")
    return None
