"""Attachments as named parts: the text after `附件1` / `附件 2` / `附件` headings, or after an
attachment title announced in the 附件 line that reappears as a heading.

The announcement near the signature (`附件：1. …`, `附件:1、…`, `附件：名称`) is not a part.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Line
from ...numerals import cn_to_int
from .text import fold

# a heading line: `附件`, `附件1`, `附件 2`, `附件二`, optionally followed by the name after a colon
HEADING_RE = re.compile(r"^附\s*件\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?:[：:]\s*(?P<name>\S.*))?$")
ANNOUNCEMENT_RE = re.compile(r"^附\s*件\s*[：:]")
MAX_NAME_LINES = 3


@dataclass
class PartSpan:
    name: str
    start: int  # index of the heading line in the lines given
    body_start: int  # index of the first line of the part's own text
    end: int  # index after the part's last line


def find_parts(lines: list[Line], announced: list[str]) -> list[PartSpan]:
    """The attachment parts among `lines` (a document's lines), in order."""
    after = _announcement_end(lines)
    heads: list[tuple[int, str | None, int | None]] = []  # (index, inline name, number)
    taken: set[str] = set()
    for i in range(after, len(lines)):
        text = lines[i].text.strip()
        m = HEADING_RE.match(text)
        if m and not (m["name"] and re.match(r"^\d+[.．、]", m["name"])):
            number = _number(m["n"])
            if m["n"] is None and m["name"] is None and len(announced) > 1 and not heads:
                number = 1
            heads.append((i, m["name"], number))
            continue
        name = _announced_heading(lines, i, announced, taken, after)
        under_label = heads and heads[-1][1] is None and i - heads[-1][0] <= MAX_NAME_LINES
        if name and not under_label:  # (under a bare `附件N` label it is that part's title)
            heads.append((i, name, None))
            taken.add(fold(name))
    return _spans(lines, heads, announced)


def _number(raw: str | None) -> int | None:
    return cn_to_int(raw) if raw is not None else None


def _announcement_end(lines: list[Line]) -> int:
    """Index after the 附件 announcement (and its numbered continuation lines); 0 if none."""
    for i, line in enumerate(lines):
        if ANNOUNCEMENT_RE.match(line.text.strip()):
            j = i + 1
            while j < len(lines) and re.match(r"^\s*\d{1,2}\s*[.．、]", lines[j].text) and len(lines[j].text) < 80:
                j += 1
            return j
    return 0


def _announced_heading(lines, i, announced, taken, after) -> str | None:
    """The announced name that line i (possibly with the next lines) prints as a heading."""
    if not announced or after == 0:
        return None
    joined = ""
    for j in range(i, min(i + MAX_NAME_LINES, len(lines))):
        joined += fold(lines[j].text)
        for name in announced:
            if fold(name) == joined and fold(name) not in taken:
                return name
        if not any(fold(name).startswith(joined) for name in announced):
            return None
    return None


def _spans(lines: list[Line], heads, announced: list[str]) -> list[PartSpan]:
    spans = []
    for k, (idx, inline, number) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        name, body_start = _name(lines, idx, end, inline, number, announced, k)
        spans.append(PartSpan(name=name, start=idx, body_start=body_start, end=end))
    return spans


def _name(lines, idx, end, inline, number, announced, k) -> tuple[str, int]:
    """The part's name and where its own text starts (after the heading and title lines)."""
    label = HEADING_RE.match(lines[idx].text.strip())
    if not label:  # an announced title printed as the heading itself
        return inline, _skip_title(lines, idx, end, inline)
    if inline:
        return inline.strip(), idx + 1
    guess = None
    if number and 0 < number <= len(announced):
        guess = announced[number - 1]
    elif number is None and len(announced) == 1:
        guess = announced[0]
    elif number is None and k < len(announced):
        guess = announced[k]
    if guess:
        return guess, _skip_title(lines, idx + 1, end, guess)
    title = lines[idx + 1].text.strip() if idx + 1 < end else ""
    short = title and len(title) <= 60 and not re.search(r"[。；;]$", title)
    return (title, idx + 2) if short else (f"附件{number or ''}", idx + 1)


def _skip_title(lines, start, end, name) -> int:
    """Index after the lines at `start` that together print `name` (or part of it)."""
    target, joined, j = fold(name), "", start
    while j < end and j < start + MAX_NAME_LINES + 1:
        nxt = joined + fold(lines[j].text)
        if not nxt or not target.startswith(nxt):
            break
        joined, j = nxt, j + 1
    return j
