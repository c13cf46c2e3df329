#!/usr/bin/env python3
"""A smaller ICU data library for the Linux executable (build.spec uses it).

    scripts/icudata.py LIBICUDATA.so.NN             # what is in it, by category (MB)
    scripts/icudata.py LIBICUDATA.so.NN --trim OUT  # write the trimmed library

PySide6's Linux wheels ship ICU, and libicudata.so (32 MB, a third of the executable) is
nothing but ICU's data package, exported as the symbol icudtNN_dat. Qt Core is the only
user of ICU in the bundle (Qt Gui/Widgets import nothing from it), and it calls only:
collation (ucol_*: QCollator, which the file dialog's sorting uses), code converters
(ucnv_*: QStringConverter for encodings other than UTF and Latin-1), time zones
(ucal_*: QTimeZone names) and case mapping (u_strToUpper/Lower, whose tables are compiled
into libicuuc). So the trimmed package keeps every item that is not locale data, the
locale data of root, ja* and en* in every tree, and the Japanese code converters, and
drops: the break-iterator rules and dictionaries (brkitr/, no ubrk_* in Qt), the
transliterators (translit/, no utrans_*), the other 800-odd locales, the non-Japanese
converters. tests/test_icudata.py checks that Qt gives the same results with the trimmed
library as with the full one (Japanese and English collation, Shift_JIS/EUC-JP
conversion, time-zone names, case mapping).

The library is rebuilt with binutils alone (objcopy and ld, which PyInstaller needs on
Linux anyway): the trimmed package becomes a read-only section exported as icudtNN_dat
under the same soname. Only the standard library: build.spec imports this file.
"""

from __future__ import annotations

import argparse
import collections
import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# A locale resource (ja.res, en_GB.res, sr_Latn_BA.res, de_.res), as opposed to the
# shared ones (root.res, pool.res, res_index.res, supplementalData.res, zoneinfo64.res, ...)
LOCALE_RES = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
KEEP_LOCALES = re.compile(r"^(root|res_index|ja|ja_[A-Za-z0-9_]+|en|en_[A-Za-z0-9_]+)\.res$")
DROP_TREES = {"brkitr", "translit"}
# Shift_JIS / windows-31j (ibm-943*, ibm-942), EUC-JP (ibm-33722*, ibm-954, euc-jp-2007)
# and the JIS X 0212 table ISO-2022-JP-1/2 use; UTF-*, Latin-1, ASCII and ISO-2022 are
# algorithmic (in the code), the alias table cnvalias.icu is kept whole.
KEEP_CONVERTERS = re.compile(r"^(ibm-94[23]_|ibm-954_|ibm-33722_|euc-jp-|jisx-)")


def keep(item: str) -> bool:
    """Whether an item of the package ("icudt73l/coll/ja.res") stays."""
    parts = item.split("/")[1:]
    name, tree = parts[-1], (parts[0] if len(parts) > 1 else "")
    if tree in DROP_TREES:
        return False
    if name.endswith(".cnv"):
        return bool(KEEP_CONVERTERS.match(name))
    if LOCALE_RES.match(name):
        return bool(KEEP_LOCALES.match(name))
    return True


# --- the ICU common data format ("CmnD"): header, then a table of contents -------------
def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(item name, item bytes)]) of an ICU common data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    if data[8] != 0:  # isBigEndian
        raise ValueError("big-endian ICU data is not supported")
    toc = data[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        name = toc[name_off : toc.index(b"\0", name_off)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_off:end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package with these items (sorted by name, as ICU's binary search needs)."""
    items = sorted(items)
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in items)
    name_base = 4 + 8 * len(items)
    data_base = _align(name_base + len(names), 16)
    toc, name_off, data_off, blobs = [], name_base, data_base, []
    for name, blob in items:
        toc.append(struct.pack("<II", name_off, data_off))
        name_off += len(name) + 1
        padded = blob + b"\0" * (_align(len(blob), 16) - len(blob))
        blobs.append(padded)
        data_off += len(padded)
    body = struct.pack("<I", len(items)) + b"".join(toc) + names
    body += b"\0" * (data_base - len(body))
    return header + body + b"".join(blobs)


def _align(n: int, to: int) -> int:
    return (n + to - 1) // to * to


# --- the shared library ------------------------------------------------------------------
def data_symbol(lib: Path) -> tuple[str, int, int]:
    """(symbol, file offset, size) of the icudtNN_dat object in the library."""
    syms = subprocess.run(
        ["readelf", "--dyn-syms", "-W", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(
        r":\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+"
        r"(icudt\d+_dat)\b",
        syms,
    )
    if not m:
        raise ValueError(f"{lib}: no icudtNN_dat symbol")
    addr, size, shndx, symbol = int(m[1], 16), int(m[2], 0), int(m[3]), m[4]
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    s = re.search(rf"\[\s*{shndx}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not s:
        raise ValueError(f"{lib}: section {shndx} not found")
    offset = addr - int(s[1], 16) + int(s[2], 16)
    return symbol, offset, size


def soname(lib: Path) -> str:
    out = subprocess.run(
        ["readelf", "-d", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", out)
    return m[1] if m else lib.name


def read_library(lib: Path) -> tuple[str, bytes]:
    symbol, offset, size = data_symbol(lib)
    return symbol, lib.read_bytes()[offset : offset + size]


def trim(lib: Path, out: Path) -> dict[str, int]:
    """Write the trimmed library to `out`; return the sizes before and after (bytes)."""
    symbol, data = read_library(lib)
    header, items = read_package(data)
    kept = [(n, b) for n, b in items if keep(n)]
    package = write_package(header, kept)
    with tempfile.TemporaryDirectory(prefix="shisaku-icu-") as tmp:
        dat = Path(tmp) / "icudata.dat"
        dat.write_bytes(package)
        obj = Path(tmp) / "icudata.o"
        # `ld -b binary` names the symbols after the input path: run it in tmp
        subprocess.run(["ld", "-r", "-b", "binary", "-o", obj.name, dat.name], cwd=tmp, check=True)
        subprocess.run(
            [
                "objcopy",
                "--rename-section",
                ".data=.rodata,alloc,load,readonly,data,contents",
                "--set-section-alignment",
                ".data=16",
                "--redefine-sym",
                f"_binary_icudata_dat_start={symbol}",
                "--strip-symbol",
                "_binary_icudata_dat_end",
                "--strip-symbol",
                "_binary_icudata_dat_size",
                str(obj),
            ],
            check=True,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["ld", "-shared", "-soname", soname(lib), "-o", str(out), str(obj)], check=True
        )
    return {
        "before": lib.stat().st_size,
        "after": out.stat().st_size,
        "items_before": len(items),
        "items_after": len(kept),
    }


def categories(items: list[tuple[str, bytes]]) -> collections.Counter:
    sizes: collections.Counter = collections.Counter()
    for name, blob in items:
        parts = name.split("/")
        sizes[parts[1] + "/" if len(parts) > 2 else "*." + name.rsplit(".", 1)[-1]] += len(blob)
    return sizes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("lib", type=Path)
    ap.add_argument("--trim", type=Path, metavar="OUT")
    args = ap.parse_args()
    if args.trim:
        r = trim(args.lib, args.trim)
        print(
            f"icudata: {r['items_before']} → {r['items_after']} items, "
            f"{r['before'] / 1e6:.1f} → {r['after'] / 1e6:.1f} MB: {args.trim}"
        )
        return 0
    _symbol, data = read_library(args.lib)
    _header, items = read_package(data)
    all_sizes, kept_sizes = categories(items), categories([i for i in items if keep(i[0])])
    for cat, n in all_sizes.most_common():
        print(f"{n / 1e6:7.2f} MB → {kept_sizes.get(cat, 0) / 1e6:5.2f} MB  {cat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
