"""Edited copies of the real source for the build's refusal and self-check tests."""

from __future__ import annotations

from tests.conftest import SOURCE


def lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


def edit(raw: list[str], no: int, old: str, new: str) -> list[str]:
    """Replace `old` by `new` on 1-based line `no` (which must hold `old`)."""
    out = list(raw)
    assert old in out[no - 1], (no, out[no - 1])
    out[no - 1] = out[no - 1].replace(old, new, 1)
    return out


def find(raw: list[str], text: str, start: int = 1) -> int:
    """1-based number of the first line from `start` that holds `text`."""
    for i in range(start - 1, len(raw)):
        if text in raw[i]:
            return i + 1
    raise AssertionError(f"{text!r} not in the source")


def text(raw: list[str]) -> str:
    return "\n".join(raw)


def mini(tag: str = "") -> str:
    """A small edition in the source's layout: two chapters, one pillar, four measures.

    `tag` goes into every title, so two builds can be told apart.
    """

    def measure(n: str, title: str, body: str, bureaus: str) -> list[str]:
        return [f"（{n}）{title}{tag} ", "", f"{body} ", "", f"（{bureaus}） ", ""]

    raw = ["本施策集は、試験のための小さな版である。 ", "", "目次 ", "", "第１章 試験の章 ", ""]
    raw += [
        "１．試験の柱 .......... 1 ",
        "",
        "第２章 第二の章 .......... 1 ",
        "",
        " ",
        "",
        "1 ",
        "",
    ]
    raw += ["第１章 試験の章 ", "", "１．試験の柱 ", ""]
    raw += measure("１", "最初の施策", "最初の施策を推進する。", "内閣府地方創生推進事務局")
    raw += measure("２", "二番目の施策", "二番目の施策を推進する。", "総務省自治行政局、消防庁")
    raw += ["第２章 第二の章 ", ""]
    raw += measure("１", "第二章の施策", "第二章の施策を推進する。", "デジタル庁")
    raw += measure("２", "最後の施策", "最後の施策を推進する。", "国土交通省都市局")
    return "\n".join(raw)
