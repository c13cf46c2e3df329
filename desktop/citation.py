"""Citation text for a measure, as officials paste it into memos. Qt-free."""

from __future__ import annotations

DEFAULT_SOURCE = "地方創生2.0 施策集"


def bureaus(m) -> str:
    """Responsible bureaus in the order printed, or the ministries when no bureau is given."""
    names = [o.name for o in m.bureaus] or list(m.ministries)
    return "、".join(names)


def citation(catalogue, m) -> str:
    """e.g. 「地方創生2.0 施策集」第1章 1．(28) 専門高校を… (担当: 文部科学省初等中等教育局…)"""
    source = catalogue.meta.get("source_title") or DEFAULT_SOURCE
    text = f"「{source}」{catalogue.label(m)} {m.title}"
    who = bureaus(m)
    return f"{text} (担当: {who})" if who else text
