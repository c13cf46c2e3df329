"""Errors of the brief: all UserErrors (the CLI exits 2, the GUI shows the message)."""

from __future__ import annotations

from desktop.errors import UserError


class EmptyBrief(UserError):
    def __init__(self, name: str):
        super().__init__(
            f"コレクション「{name}」に施策がないため、ブリーフを作成できません。"
            f"施策をブックマークしてから書き出してください (the collection is empty: {name!r})"
        )
        self.name = name


class UnknownFormat(UserError):
    def __init__(self, fmt: str, known: list[str]):
        super().__init__(f"未対応の形式です: {fmt} ({', '.join(known)})")
        self.format = fmt
