"""The 一覧 table of the PDF and the printout spans the text width whichever columns show
(without the タグ column its shares summed to 92%: the table stopped short of the margin)."""

from __future__ import annotations

import pytest

from desktop.brief import BriefOptions, build_brief
from desktop.brief.render_pdf import qt_document
from tests.brief.conftest import DAY, NAME


def overview_shares(doc) -> list[float]:
    from PySide6.QtGui import QTextLength, QTextTable

    table = next(f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable))
    widths = table.format().columnWidthConstraints()
    assert all(w.type() == QTextLength.Type.PercentageLength for w in widths)
    return [w.rawValue() for w in widths]


@pytest.mark.parametrize("notes", [True, False])
def test_the_overview_fills_the_line(qapp, meeting, catalogue, notes):
    brief = build_brief(catalogue, meeting, NAME, BriefOptions(notes=notes), DAY)
    shares = overview_shares(qt_document(brief))
    assert len(shares) == len(brief.overview_columns())
    assert sum(shares) == pytest.approx(100, abs=0.5)
