"""Heading numbering: levels in sequence (一、 → （一） → 1. → （1）) and numbers without gaps.

Computed from the document's own lines, so it works with or without an outline tree.  A
level restarting at 1 opens a new part (an enclosed plan, an attachment) and is not a
finding; the 附件 note's numbered list is not a heading sequence.
"""
from __future__ import annotations

import re
from typing import Iterator

from ...numerals import CN_NUMERAL, cn_to_int
from ..findings import Finding
from .base import Context, content_lines, doc_label
from .attachments import ANNOUNCEMENT, ATTACHMENT_HEADING

_CN = rf"[{CN_NUMERAL}]+"
# (level, marker as printed, pattern); level 1 is the outermost.
HEADING_MARKERS: tuple[tuple[int, str, re.Pattern[str]], ...] = (
    (1, "一、", re.compile(rf"^(?P<n>{_CN})\s*、")),
    (2, "（一）", re.compile(rf"^[（(]\s*(?P<n>{_CN})\s*[)）]")),
    (3, "1.", re.compile(r"^(?P<n>\d{1,2})\s*[.．](?!\d)")),
    (4, "（1）", re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[)）]")),
)
# Rules number their chapters and articles instead; checked as flat sequences.
ARTICLE_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("章", re.compile(rf"^第\s*(?P<n>{_CN})\s*章")),
    ("条", re.compile(rf"^第\s*(?P<n>{_CN})\s*条")),
)
MARKER_NAME = {level: name for level, name, _ in HEADING_MARKERS}


def heading_marker(text: str) -> tuple[int, int] | None:
    """(level, number) of a numbered heading at the start of `text`, or None."""
    for level, _, pattern in HEADING_MARKERS:
        m = pattern.match(text)
        if m:
            n = cn_to_int(m["n"])
            return (level, n) if n else None
    return None


def heading_levels(ctx: Context) -> Iterator[Finding]:
    """Heading levels nest in order, and each level counts 1, 2, 3… without repeats or gaps."""
    for doc in ctx.issue.documents:
        if doc.category == "chronicle":
            continue
        yield from _check_headings(ctx, doc)


def _check_headings(ctx: Context, doc) -> Iterator[Finding]:
    open_levels: dict[int, int] = {}  # level -> last number under the current parent
    carried: dict[int, int] = {}  # level -> last number before its parent changed
    skips_seen: set[tuple[int, int]] = set()
    in_note = False
    tables = table_spans(doc)
    part_starts = {p.lines[0] for p in doc.attachments_parts if p.lines}
    for ln in content_lines(doc):
        text = ln.text.strip()
        if "\t" in ln.text or any(first <= ln.no <= last for first, last in tables):
            continue  # a table row, not a heading
        if ln.no in part_starts:
            open_levels.clear()  # an attachment starts its own numbering
            carried.clear()
        if ANNOUNCEMENT.match(text):
            in_note = True
            continue
        marker = heading_marker(text)
        if in_note and marker and marker[0] == 3:
            continue  # 附件：1. … / 2. … is the note's list
        in_note = False
        if ATTACHMENT_HEADING.match(text):
            open_levels.clear()  # an attachment starts its own numbering
            carried.clear()
            continue
        if marker is None:
            continue
        level, n = marker
        for deeper in [lv for lv in open_levels if lv > level]:
            carried[deeper] = open_levels.pop(deeper)
        last = open_levels.get(level)
        if last is None:
            deepest = max(open_levels, default=0)
            if deepest and level > deepest + 1 and (deepest, level) not in skips_seen:
                skips_seen.add((deepest, level))
                yield ctx.finding("D030", f"{doc_label(doc)}: {_shown(level, n)} sits directly under a "
                                          f"{MARKER_NAME[deepest]} heading, skipping the "
                                          f"{MARKER_NAME[deepest + 1]} level", doc=doc, line=ln.no)
            elif n != 1 and n != carried.get(level, 0) + 1 and (level == 1 or deepest):
                yield ctx.finding("D032", f"{doc_label(doc)}: {MARKER_NAME[level]} headings start at "
                                          f"{_shown(level, n)}", doc=doc, line=ln.no)
        elif n == 1:
            pass  # a new part (enclosure, attachment) restarts the numbering
        elif n <= last:
            yield ctx.finding("D031", f"{doc_label(doc)}: {_shown(level, n)} comes after "
                                      f"{_shown(level, last)}", doc=doc, line=ln.no)
        elif n > last + 1:
            yield ctx.finding("D032", f"{doc_label(doc)}: {_shown(level, n)} follows "
                                      f"{_shown(level, last)}; {_missing(level, last, n)} missing",
                              doc=doc, line=ln.no)
        open_levels[level] = n


def table_spans(doc) -> list[tuple[int, int]]:
    """[first, last] line spans of the document's tables (in its body and attachments)."""
    tables = list(doc.tables) + [t for p in doc.attachments_parts for t in p.tables]
    return [(t.lines[0], t.lines[-1]) for t in tables if t.lines]


def article_numbers(ctx: Context) -> Iterator[Finding]:
    """Chapters (第X章) and articles (第X条) of a rule count up without repeats or gaps."""
    for doc in ctx.issue.documents:
        last: dict[str, int] = {}
        for ln in content_lines(doc):
            text = ln.text.strip()
            for unit, pattern in ARTICLE_MARKERS:
                m = pattern.match(text)
                n = cn_to_int(m["n"]) if m else None
                if not n:
                    continue
                prev = last.get(unit)
                if prev is not None and n != 1:
                    if n <= prev:
                        yield ctx.finding("D031", f"{doc_label(doc)}: 第{n}{unit} comes after 第{prev}{unit}",
                                          doc=doc, line=ln.no)
                    elif n > prev + 1:
                        yield ctx.finding("D032", f"{doc_label(doc)}: 第{n}{unit} follows 第{prev}{unit}",
                                          doc=doc, line=ln.no)
                last[unit] = n


def _shown(level: int, n: int) -> str:
    cn = _to_cn(n)
    return {1: f"{cn}、", 2: f"（{cn}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def _missing(level: int, last: int, n: int) -> str:
    if n - last - 1 <= 5:
        return "、".join(_shown(level, k) for k in range(last + 1, n))
    return f"{n - last - 1} numbers ({_shown(level, last + 1)} to {_shown(level, n - 1)})"


def _to_cn(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


CHECKS = (heading_levels, article_numbers)
