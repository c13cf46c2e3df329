"""The trimmed ICU data library (Linux executable) answers Qt as the full one does."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def load_icudata():
    spec = importlib.util.spec_from_file_location("icudata", ROOT / "scripts" / "icudata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pyside_icudata() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or not all(shutil.which(t) for t in ("readelf", "ld", "objcopy"))
    or pyside_icudata() is None,
    reason="Linux with binutils and PySide6's own ICU only",
)

# What Qt Core asks ICU for: collation (QCollator), converters (QStringConverter),
# time-zone names (QTimeZone), case mapping (QLocale::toUpper/toLower).
PROBE = r"""
import functools, json
from PySide6.QtCore import (QCollator, QCoreApplication, QLocale, QStringDecoder,
                            QStringEncoder, QTimeZone)
app = QCoreApplication([])
words = ["かき", "カキ", "柿", "牡蠣", "がき", "アイ", "あい", "Zebra", "apple", "Äpfel",
         "ｶｷ", "１２", "12", "地方創生", "ちほう", "府省庁", "部局", "施策", "a10", "a9"]
out = {"collation": {}, "numeric": {}, "converters": {}, "zones": {}}
for loc in ("ja_JP", "ja", "en_US", "en_GB"):
    c = QCollator(QLocale(loc))
    out["collation"][loc] = sorted(words, key=functools.cmp_to_key(c.compare))
    c.setNumericMode(True)
    c.setCaseSensitivity(c.caseSensitivity().CaseInsensitive)
    out["numeric"][loc] = sorted(words, key=functools.cmp_to_key(c.compare))
for enc in ("Shift_JIS", "windows-31j", "cp932", "EUC-JP", "ISO-2022-JP", "UTF-16BE",
            "GB18030"):
    out["converters"][enc] = [QStringDecoder(enc).isValid(), QStringEncoder(enc).isValid()]
for zone in (b"Asia/Tokyo", b"Europe/London", b"America/New_York"):
    tz = QTimeZone(zone)
    out["zones"][zone.decode()] = [
        tz.displayName(t, n, QLocale(loc)) for loc in ("ja_JP", "en_US")
        for t in (QTimeZone.StandardTime, QTimeZone.DaylightTime)
        for n in (QTimeZone.LongName, QTimeZone.ShortName)]
out["case"] = [QLocale("ja_JP").toUpper("straße ｱ ä"), QLocale("en_US").toLower("ÄBC")]
out["icudata"] = [l.split()[-1] for l in open("/proc/self/maps") if "libicudata" in l][0]
print(json.dumps(out, ensure_ascii=False))
"""


def qt_answers(lib_dir: Path | None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if lib_dir:
        env["LD_LIBRARY_PATH"] = str(lib_dir)  # searched before Qt's RUNPATH ($ORIGIN)
    p = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_trimmed_icu_data_answers_qt_like_the_full_data(tmp_path):
    icudata = load_icudata()
    lib = pyside_icudata()
    out = tmp_path / lib.name
    sizes = icudata.trim(lib, out)
    assert sizes["after"] < 6_000_000 < 30_000_000 < sizes["before"]

    full, trimmed = qt_answers(None), qt_answers(tmp_path)
    assert trimmed["icudata"] == str(out)  # the probe really ran on the trimmed library
    assert full["icudata"] == str(lib)
    assert trimmed["collation"] == full["collation"]
    assert full["collation"]["ja_JP"] != full["collation"]["en_US"]  # ja's tailoring is used
    assert trimmed["numeric"] == full["numeric"]
    assert trimmed["zones"] == full["zones"]
    assert trimmed["zones"]["Asia/Tokyo"][0] == "日本標準時"
    assert trimmed["case"] == full["case"]
    japanese = ("Shift_JIS", "windows-31j", "cp932", "EUC-JP", "ISO-2022-JP", "UTF-16BE")
    for enc in japanese:
        assert trimmed["converters"][enc] == full["converters"][enc] == [True, True], enc
    # and the trimming is real: a Chinese converter is gone
    assert full["converters"]["GB18030"] == [True, True]
    assert trimmed["converters"]["GB18030"] == [False, False]


def test_package_round_trip_keeps_every_item_byte_for_byte():
    icudata = load_icudata()
    _symbol, data = icudata.read_library(pyside_icudata())
    header, items = icudata.read_package(data)
    again = icudata.read_package(icudata.write_package(header, items))
    assert again[0] == header
    # items come back padded to 16 bytes, as ICU lays them out
    assert [n for n, _ in again[1]] == sorted(n for n, _ in items)
    got = dict(again[1])
    for name, blob in items:
        assert got[name][: len(blob)] == blob
        assert not got[name][len(blob) :].strip(b"\0")
