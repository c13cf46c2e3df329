"""HTML of the reading view (breadcrumb, title, body with highlights and footnote links,
bureaus by ministry, page, related). Pure Python so it is testable without widgets.

Links use private schemes the view dispatches: nav:chapter:N, nav:pillar:C:P, fn:N,
ministry:NAME, measure:ID.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from desktop.ui.annotate.colours import SEARCH_MARK

# Line pitch of body text, in em. Japanese typesetting (JIS X 4051) puts 半角 to 全角 of
# space between lines (pitch 1.5–2.0 em); 1.75 em reads comfortably at 40 characters a line.
LINE_PITCH_EM = 1.75
NOTE_PITCH_EM = 1.6


def line_height(pitch_em: float, em_px: float, font_line_px: float) -> str:
    """Qt's `line-height: N%` scales the font's own line spacing, which differs a lot
    between Japanese fonts (Noto Sans CJK ≈ 1.45 em, Meiryo ≈ 1.5 em, Yu Gothic ≈ 1.3 em):
    the percentage that gives `pitch_em` with this font."""
    if em_px <= 0 or font_line_px <= 0:
        return f"{round(pitch_em * 100)}%"
    return f"{max(100, round(pitch_em * em_px / font_line_px * 100))}%"


@dataclass(frozen=True)
class Colors:
    mark_bg: str = SEARCH_MARK[False][0]  # annotate/colours.py: the one search-mark colour
    mark_fg: str = SEARCH_MARK[False][1]
    muted: str = "#666666"
    link: str = "#0b57d0"


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def short(s: str, n: int = 14) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def query_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` matching the positive words of `query` (same rules as search)."""
    if not query or not query.strip():
        return []
    # here, not at the top: the first paint (no query) does not load the search engine
    from db.analysis import normalize_map
    from desktop.search import highlight
    from desktop.search.query import parse

    needles = [leaf.text for leaf in parse(query).positive]
    if not needles:
        return []
    return highlight.match_spans(normalize_map(text), needles)


def marker_text(f) -> str:
    """A footnote marker's text as the reader shows it in the body (annotate.body_map
    counts it when mapping highlights)."""
    return f"注{f.number}"


def marked(text: str, spans, colors: Colors, footnotes=()) -> str:
    """Escaped text with spans highlighted and footnote markers at their offsets."""
    mark_open = f'<span style="background-color:{colors.mark_bg}; color:{colors.mark_fg}">'
    events: list[tuple[int, int, str]] = []  # (pos, order, html); close before marker before open
    for s, e in spans:
        events.append((s, 2, mark_open))
        events.append((e, 0, "</span>"))
    for f in footnotes:
        tip = esc(f.text)
        events.append(
            (
                f.offset,
                1,
                f'<sup><a href="fn:{f.number}" title="{tip}">{esc(marker_text(f))}</a></sup>',
            )
        )
    events.sort(key=lambda x: (x[0], x[1]))
    out, pos, open_mark = [], 0, False
    for at, order, piece in events:
        at = max(0, min(at, len(text)))
        out.append(esc(text[pos:at]).replace("\n", "<br>"))
        pos = at
        if order == 1 and open_mark:  # a marker inside a highlight: close and reopen around it
            out.append("</span>" + piece + mark_open)
            continue
        open_mark = order == 2 or (open_mark and order != 0)
        out.append(piece)
    out.append(esc(text[pos:]).replace("\n", "<br>"))
    return "".join(out)


def breadcrumb(m) -> str:
    parts = [f'<a href="nav:chapter:{m.chapter}">第{m.chapter}章 {esc(short(m.chapter_title))}</a>']
    if m.pillar is not None:
        parts.append(
            f'<a href="nav:pillar:{m.chapter}:{m.pillar}" '
            f'title="{esc(m.pillar_title or "")}">'
            f"{m.pillar}．{esc(short(m.pillar_title or ''))}</a>"
        )
    parts.append(f"（{m.number}）")
    return " › ".join(parts)


def bureaus_html(m) -> str:
    groups: dict[str, list[str]] = {}
    for o in m.bureaus:
        groups.setdefault(o.ministry, []).append(o.name)
    for name in m.ministries:
        groups.setdefault(name, [])
    rows = []
    for ministry, names in groups.items():
        link = (
            f'<a href="ministry:{quote(ministry)}" title="この府省庁で絞り込む">{esc(ministry)}</a>'
        )
        rest = "、".join(esc(n) for n in names if n != ministry)
        rows.append(f"<li>{link}{'：' + rest if rest else ''}</li>")
    return "<ul>" + "".join(rows) + "</ul>" if rows else ""


def measure_html(
    m,
    *,
    query: str = "",
    related=(),
    colors: Colors = Colors(),
    labels: dict[str, str] | None = None,
    heights: tuple[str, str] = ("175%", "160%"),
) -> str:
    """labels: translated headings (the widget passes tr() strings); heights: body and
    footnote line-height (see line_height())."""
    t = {
        "bureaus": "担当",
        "page": "ページ",
        "related": "関連する施策",
        "footnotes": "注",
        **(labels or {}),
    }
    c = colors
    title = marked(m.title, query_spans(m.title, query), c)
    body = marked(m.body, query_spans(m.body, query), c, m.footnotes)
    out = [
        f'<p style="color:{c.muted}">{breadcrumb(m)}</p>',
        f"<h2>{title}</h2>",
        # pre-wrap: every character of the body kept as it is (highlights map onto it)
        f'<p style="line-height:{heights[0]}; white-space:pre-wrap">{body}</p>',
    ]
    if m.footnotes:
        items = "".join(
            f'<p style="line-height:{heights[1]}"><a name="fn{f.number}"></a>注{f.number}　'
            f"{marked(f.text, query_spans(f.text, query), c)}</p>"
            for f in m.footnotes
        )
        out.append(f"<h4>{esc(t['footnotes'])}</h4>{items}")
    bureaus = bureaus_html(m)
    if bureaus:
        out.append(f"<h4>{esc(t['bureaus'])}</h4>{bureaus}")
    if m.page:
        out.append(f'<p style="color:{c.muted}">{esc(t["page"])}: {m.page}</p>')
    if related:
        items = "".join(
            f'<li><a href="measure:{esc(h.id)}">{esc(h.title)}</a></li>' for h in related
        )
        out.append(f"<h4>{esc(t['related'])}</h4><ul>{items}</ul>")
    return "".join(out)


def preface_html(text: str, title: str = "はじめに", height: str = "175%") -> str:
    paras = "".join(f'<p style="line-height:{height}">{esc(p)}</p>' for p in text.split("\n") if p)
    return f"<h2>{esc(title)}</h2>{paras}"
