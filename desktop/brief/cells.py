"""Cell and XML safety shared by the CSV, xlsx and docx outputs."""

from __future__ import annotations

import re

# Excel and LibreOffice run a cell typed or pasted as = + - @ (or tab/CR first) as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# characters XML 1.0 cannot hold (docx and xlsx are XML): C0 controls except tab, LF, CR,
# and the non-characters U+FFFE/U+FFFF
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_cell(value) -> str:
    """A leading ' keeps a formula-like cell text in Excel."""
    s = "" if value is None else str(value)
    return "'" + s if formula_like(s) else s


def xml_text(text: str) -> str:
    """Text a docx/xlsx can hold: each character XML forbids becomes U+FFFD (visible, so a
    damaged note is noticed rather than silently shortened)."""
    return XML_ILLEGAL.sub("\ufffd", text)
