"""Bureau lists （A、B、C） and the 府省庁 (ministry) each bureau belongs or rolls up to."""

from __future__ import annotations

from db.errors import ParseError
from db.model import Bureau

# 府省庁 that stand as themselves.
MINISTRIES = (
    "内閣官房",
    "内閣府",
    "デジタル庁",
    "復興庁",
    "総務省",
    "法務省",
    "外務省",
    "財務省",
    "文部科学省",
    "厚生労働省",
    "農林水産省",
    "経済産業省",
    "国土交通省",
    "環境省",
    "防衛省",
    "警察庁",
    "金融庁",
    "消費者庁",
    "こども家庭庁",
    "個人情報保護委員会",
    "公正取引委員会",
    "カジノ管理委員会",
)
# 外局 that roll up to their 省.
AGENCIES = {
    "観光庁": "国土交通省",
    "気象庁": "国土交通省",
    "海上保安庁": "国土交通省",
    "運輸安全委員会": "国土交通省",
    "国税庁": "財務省",
    "文化庁": "文部科学省",
    "スポーツ庁": "文部科学省",
    "林野庁": "農林水産省",
    "水産庁": "農林水産省",
    "中小企業庁": "経済産業省",
    "資源エネルギー庁": "経済産業省",
    "特許庁": "経済産業省",
    "消防庁": "総務省",
    "公害等調整委員会": "総務省",
    "出入国在留管理庁": "法務省",
    "公安調査庁": "法務省",
    "防衛装備庁": "防衛省",
    "原子力規制委員会": "環境省",
}
_PREFIXES = sorted(
    [(m, m) for m in MINISTRIES] + list(AGENCIES.items()), key=lambda kv: -len(kv[0])
)


def ministry_of(name: str) -> str | None:
    """The 府省庁 a bureau name starts with, rolled up from an 外局; None if it omits it."""
    for prefix, ministry in _PREFIXES:
        if name.startswith(prefix):
            return ministry
    return None


def split_bureaus(text: str) -> list[str]:
    """Split a bureau list on 、 but not inside parentheses."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def parse_bureaus(text: str, line: int) -> tuple[tuple[Bureau, ...], tuple[str, ...]]:
    """`（A、B、C）` → bureaus with inherited / rolled-up ministries, and the ministries in
    the order the source prints them (first appearance), as readers scan the list."""
    if not (text.startswith("（") and text.endswith("）")):
        raise ParseError(line, "a bureau list in （…）", text)
    bureaus, current = [], None
    for name in split_bureaus(text[1:-1]):
        current = ministry_of(name) or current
        if current is None:
            raise ParseError(line, "a bureau list starting with a 府省庁", name)
        bureaus.append(Bureau(name, current))
    return tuple(bureaus), tuple(dict.fromkeys(b.ministry for b in bureaus))
