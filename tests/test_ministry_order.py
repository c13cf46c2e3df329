"""Ministries (府省庁) in the order the source prints the bureaus, everywhere they show."""

from __future__ import annotations

import csv
import io
import json

from desktop.cli.main import main
from desktop.ui.measure_html import measure_html

# the measures whose ministries were in code-point order before (issue 9)
REORDERED = [
    "1-1-9",
    "1-1-33",
    "1-1-36",
    "1-1-46",
    "1-1-60",
    "1-1-74",
    "1-1-81",
    "1-2-2",
    "1-2-34",
    "1-2-81",
    "1-2-96",
    "1-3-4",
    "1-3-11",
    "1-3-23",
    "1-3-25",
    "1-4-9",
]
PINNED = {
    "1-2-2": ("国土交通省", "財務省", "文部科学省", "農林水産省", "環境省"),
    "1-3-4": ("文部科学省", "内閣官房"),
    "1-1-36": ("厚生労働省", "こども家庭庁"),
    "1-2-81": ("経済産業省", "内閣府"),
}


def test_sixteen_measures_differ_from_code_point_order(catalogue):
    moved = [m.id for m in catalogue.measures if list(m.ministries) != sorted(m.ministries)]
    assert moved == REORDERED
    for mid, ministries in PINNED.items():
        assert catalogue.require(mid).ministries == ministries


def test_show_and_exports_follow(capsys):
    assert main(["show", "1-2-2"]) == 0
    assert "府省庁: 国土交通省、財務省、文部科学省、農林水産省、環境省" in capsys.readouterr().out
    assert main(["show", "1-3-4", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ministries"] == ["文部科学省", "内閣官房"]
    assert main(["export", "--format", "csv"]) == 0
    rows = {
        r["id"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")))
    }
    assert rows["1-1-36"]["ministries"] == "厚生労働省、こども家庭庁"
    assert main(["export", "--format", "md"]) == 0
    assert "（経済産業省・内閣府）" in capsys.readouterr().out


def test_reading_view_follows(catalogue):
    html = measure_html(catalogue.require("1-3-4"))
    assert html.index("ministry:%E6%96%87%E9%83%A8") < html.index("ministry:%E5%86%85%E9%96%A3")


def test_brief_follows(tmp_path):
    data = tmp_path / "ud"
    out = tmp_path / "brief.md"
    assert main(["bookmark", "add", "1-3-4", "--data-dir", str(data)]) == 0
    assert (
        main(
            [
                "brief",
                "--collection",
                "ブックマーク",
                "--format",
                "md",
                "--out",
                str(out),
                "--data-dir",
                str(data),
            ]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "- 府省庁: 文部科学省、内閣官房" in text
    assert text.index("担当: 文部科学省（") < text.index("／内閣官房（")
