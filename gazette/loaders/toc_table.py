"""A table of contents set as a table (title | page) becomes ordinary TOC lines.

Some gazettes set their 目录 as a borderless Word (or ruled PDF) table: the entry's title in one
cell, its page number in the last.  The parser reads TOC entries as lines ending in a leader and
a page number, so rows right after the 目录 heading whose last cell is a page number (section
rows have none) are turned into `title.....page` lines and the table is forgotten.
"""
from __future__ import annotations

import re

from ..lineclass import TOC_HEADING
from ..model import Line

PAGE = re.compile(r"^[（(]?\d{1,3}[)）]?$")


def _split(row: Line) -> tuple[str, str | None]:
    cells = [c.strip() for c in row.text.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    page = cells.pop() if len(cells) > 1 and PAGE.match(cells[-1]) else None
    return "".join(cells), page


def untable_toc(lines: list[Line], tables: list) -> None:
    """Rewrite, in place, a TOC table that follows the 目录 heading in the first lines."""
    head = next((i for i, l in enumerate(lines[:80]) if TOC_HEADING.match(l.text.strip())), None)
    if head is None:
        return
    i = head + 1
    while i < len(lines) and lines[i].hints.get("table"):
        i += 1
    rows = lines[head + 1:i]
    split = [_split(r) for r in rows]
    if len(rows) < 2 or sum(p is not None for _, p in split) < max(2, len(rows) // 2):
        return
    for row, (title, page) in zip(rows, split):
        row.text = f"{title}.....{page.strip('()（）')}" if page else title
        row.hints = {k: v for k, v in row.hints.items() if k != "table"}
    first, last = rows[0].no, rows[-1].no
    tables[:] = [t for t in tables if not (t.lines and first <= t.lines[0] <= last)]
