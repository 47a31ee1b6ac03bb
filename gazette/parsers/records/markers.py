"""Numbered markers as data: each kind is a pattern, a numeral parser and what it makes.

Recognising a marker (`recognise`) is kept apart from deciding its depth, which the level
stack in `articles.py` does.  Adding a marker style means adding a row here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...numerals import cn_to_int

CN = "〇零一二两三四五六七八九十百千"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SP = r"[ \t\u3000\xa0]*"


def circled_to_int(text: str) -> int | None:
    return CIRCLED.index(text) + 1 if text in CIRCLED else None


@dataclass(frozen=True)
class MarkerKind:
    """One marker style: `pattern` matches at the start of a line, group `n` is the numeral."""

    name: str
    pattern: re.Pattern
    node_kind: str  # chapter | section | article | item | heading
    id_prefix: str
    rank: int  # for rules: a marker closes every open marker of equal or lower rank
    parse: object = cn_to_int
    titled: bool = False  # the rest of the line is a title (章/节), not running text


def _kind(name, pattern, node_kind, prefix, rank, parse=cn_to_int, titled=False):
    return MarkerKind(name, re.compile(pattern), node_kind, prefix, rank, parse, titled)


# rules (办法/规定/细则/条例/规则): 章 > 节 > 条 > 项 （一） > 目 1.
ARTICLE_MARKERS: tuple[MarkerKind, ...] = (
    _kind("chapter", rf"^第{SP}(?P<n>[{CN}]+|\d+){SP}章{SP}", "chapter", "ch", 0, titled=True),
    _kind("section", rf"^第{SP}(?P<n>[{CN}]+|\d+){SP}节{SP}", "section", "sec", 1, titled=True),
    _kind("article", rf"^第{SP}(?P<n>[{CN}]+|\d+){SP}条(?:{SP}|$)", "article", "art", 2),
    _kind("item", rf"^[（(]{SP}(?P<n>[{CN}]+){SP}[）)]{SP}", "item", "it", 3),
    _kind("subitem", rf"^(?P<n>\d{{1,2}}){SP}[.．、](?!\d){SP}", "item", "sub", 4),
)

# other documents: 一、 → （一） → 1. → （1） → ①; depth comes from the order they appear in
OUTLINE_MARKERS: tuple[MarkerKind, ...] = (
    _kind("cn", rf"^(?P<n>[{CN}]+){SP}、{SP}", "heading", "s", 0),
    _kind("paren_cn", rf"^[（(]{SP}(?P<n>[{CN}]+){SP}[）)]{SP}", "heading", "s", 1),
    _kind("arabic", rf"^(?P<n>\d{{1,2}}){SP}[.．、](?!\d){SP}", "heading", "s", 2),
    _kind("paren_arabic", rf"^[（(]{SP}(?P<n>\d{{1,2}}){SP}[）)]{SP}", "heading", "s", 3),
    _kind("circled", rf"^(?P<n>[{CIRCLED}]){SP}", "heading", "s", 4, parse=circled_to_int),
)


@dataclass(frozen=True)
class Marker:
    kind: MarkerKind
    number: int
    rest: str  # the line after the marker


def recognise(text: str, kinds: tuple[MarkerKind, ...]) -> Marker | None:
    """The marker at the start of `text`, if any (first matching kind wins)."""
    stripped = text.lstrip(" \t\u3000\xa0")
    for kind in kinds:
        m = kind.pattern.match(stripped)
        if m:
            n = kind.parse(m["n"])
            if n is not None and n > 0:
                return Marker(kind, n, stripped[m.end():].strip())
    return None
