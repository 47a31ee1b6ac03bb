"""Series checks (`--against INDEX`): this issue against the issues already in an index."""
from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding
from .base import Context, doc_label


def issue_numbers(ctx: Context) -> Iterator[Finding]:
    """No gap and no repeat in the issue numbers (per year) and total issue numbers."""
    g = ctx.issue.gazette
    if ctx.series is None or not g.name:
        return
    same = [s for s in ctx.series if s.get("key") != ctx.issue.key
            and (s.get("gazette") or {}).get("name") == g.name]
    line = g.lines[0] if g.lines else None
    same_year = [s for s in same if (s.get("gazette") or {}).get("year") == g.year]
    yield from _sequence(ctx, "issue", "S001", "S002", g.issue, same_year, line)
    yield from _sequence(ctx, "total_issue", "S003", "S004", g.total_issue, same, line)


def _sequence(ctx: Context, field: str, gap_code: str, repeat_code: str, value: str | None,
              others: list[dict], line: int | None) -> Iterator[Finding]:
    mine = number_range(value)
    if mine is None:
        return
    label = "issue" if field == "issue" else "total issue"
    earlier_last = None
    for other in others:
        theirs = number_range((other.get("gazette") or {}).get(field))
        if theirs is None:
            continue
        if theirs[0] <= mine[1] and mine[0] <= theirs[1]:
            yield ctx.finding(repeat_code, f"{label} {value} overlaps {label} "
                                           f"{other['gazette'][field]} already in the index ({other.get('path')})",
                              line=line)
        elif theirs[1] < mine[0]:
            earlier_last = max(earlier_last or 0, theirs[1])
    if earlier_last is not None and mine[0] > earlier_last + 1:
        missing = f"{earlier_last + 1}" if mine[0] == earlier_last + 2 else f"{earlier_last + 1}–{mine[0] - 1}"
        yield ctx.finding(gap_code, f"{label} {value} follows {label} {earlier_last} in the index; "
                                    f"{missing} missing", line=line)


def doc_numbers_new(ctx: Context) -> Iterator[Finding]:
    """No document number of this issue was already published in an earlier gazette issue.

    Only indexed entries with a masthead (a gazette name or an issue number) count as issues:
    the same document as a DOCX or a web page is another source, not a second publication.
    An entry published after this issue is not earlier.
    """
    if ctx.series is None or not ctx.is_gazette:
        return
    mine = ctx.issue.gazette.published
    published: dict[str, dict] = {}
    for other in ctx.series:
        g = other.get("gazette") or {}
        if other.get("key") == ctx.issue.key or not (g.get("name") or g.get("issue")):
            continue
        if mine and g.get("published") and g["published"] > mine:
            continue
        for number in other.get("doc_numbers") or ():
            published.setdefault(number, other)
    for doc in ctx.issue.documents:
        other = published.get(doc.doc_number or "")
        if other:
            g = other.get("gazette") or {}
            issue = f" 第{g['issue']}期" if g.get("issue") else ""
            yield ctx.finding("S005", f"{doc_label(doc)} was already published in "
                                      f"{g.get('name') or 'another issue'}{issue} ({other.get('path')})",
                              doc=doc, line=_number_line(doc))


def _number_line(doc) -> int | None:
    span = doc.field_lines.get("doc_number")
    return span[0] if span else None


def number_range(value) -> tuple[int, int] | None:
    """'3-4' → (3, 4), '87' → (87, 87), None for anything else."""
    if value is None:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*(?:[-–—~～至]\s*(\d+))?\s*", str(value))
    if not m:
        return None
    first = int(m[1])
    return first, int(m[2]) if m[2] else first


CHECKS = (issue_numbers, doc_numbers_new)
