"""A table of contents set as a table (title | page) becomes ordinary TOC lines.

Some gazettes set their 目录 as a borderless Word (or ruled PDF) table: the entry's title in one
cell, its page number in the last.  The parser reads TOC entries as lines ending in a leader and
a page number, so rows right after the 目录 heading whose last cell is a page number (section
rows have none) are turned into `title.....page` lines and the table is forgotten.  The 目录
heading may be the table's own first row (a cell spanning it).
"""
from __future__ import annotations

import re

from ..docnumber import ORDER_RE, is_doc_number_line
from ..lineclass import TOC_HEADING
from ..model import Line

PAGE = re.compile(r"^[（(]?\d{1,3}[)）]?$")


def _number_cell(cell: str) -> bool:
    return is_doc_number_line(cell) or bool(ORDER_RE.fullmatch(re.sub(r"\s+", "", cell).strip("()（）")))


def _split(row: Line) -> tuple[str, str | None]:
    """The row as a TOC line's text (a 文号 in a cell of its own in brackets after the title) and
    its page number, if its last cell is one."""
    cells = [c.strip() for c in row.text.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    page = cells.pop() if len(cells) > 1 and PAGE.match(cells[-1]) else None
    text = ""
    for k, cell in enumerate(cells):
        bracket = k > 0 and _number_cell(cell) and not cell.startswith(("(", "（"))
        text += f"（{cell}）" if bracket else cell
    return text, page


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
    heading = lines[head]
    if heading.hints.get("table"):
        heading.text = heading.text.strip()
        heading.hints = {k: v for k, v in heading.hints.items() if k != "table"}
    for row, (title, page) in zip(rows, split):
        row.text = f"{title}.....{page.strip('()（）')}" if page else title
        row.hints = {k: v for k, v in row.hints.items() if k != "table"}
    first, last = heading.no, rows[-1].no
    tables[:] = [t for t in tables if not (t.lines and first <= t.lines[0] <= last)]
