"""The store keeps UTC (ISO 8601); people read their own clock. Qt-free."""

from __future__ import annotations

from datetime import datetime


def local_time(iso: str, seconds: bool = False) -> str:
    """「2025-06-02 08:15」 in the computer's time zone; the input unchanged if unreadable."""
    try:
        dt = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return dt.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def local_date(iso: str) -> str:
    return local_time(iso)[:10]
