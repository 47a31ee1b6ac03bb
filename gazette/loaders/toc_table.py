"""A table of contents set as a table becomes ordinary TOC lines.

Some gazettes set their 目录 as a table: a borderless Word table, a ruled PDF table, or a text's
tab-separated rows — the entry's title in one cell, its page number in the last (two entries a
row on a two-column contents page), perhaps its 文号 in a cell of its own and its section in the
first column, under a header row (栏目 | 标题 | 文号 | 页码).  The parser reads TOC entries as lines
ending in a leader and a page number, so the rows after the 目录 heading are turned into
`【section】` and `title（文号）.....page` lines and the table is forgotten.  The 目录 heading may be
the table's own first row (a cell spanning it).
"""
from __future__ import annotations

import re

from ..docnumber import ORDER_RE, ORDER_SERIAL, is_doc_number_line
from ..lineclass import SECTION_LINE, TOC_COLUMN_HEADER, TOC_HEADING, is_title_like, title_ending
from ..model import Line

PAGE = re.compile(r"^[（(]?\d{1,3}[)）]?$")


def _number_cell(cell: str) -> bool:
    return is_doc_number_line(cell) or bool(ORDER_RE.fullmatch(re.sub(r"\s+", "", cell).strip("()（）"))) \
        or bool(ORDER_SERIAL.match(cell))


HEADER_CELL = TOC_COLUMN_HEADER
EMPTY_CELL = re.compile(r"^[-—–－/／无]*$")


def _cells(row: Line) -> list[str]:
    cells = [c.strip() for c in row.text.split("\t")]
    return ["" if EMPTY_CELL.match(c) else c for c in cells]


def _entries(cells: list[str]) -> list[tuple[str, str | None]]:
    """A row's TOC entries: (text, page) for each run of cells closed by a page cell (a row of a
    two-column contents page holds two); a 文号 in a cell of its own goes in brackets after the title."""
    out, text = [], ""
    for cell in cells:
        if not cell:
            continue
        if text and PAGE.match(cell):
            out.append((text, cell))
            text = ""
            continue
        bracket = bool(text) and _number_cell(cell) and not cell.startswith(("(", "（"))
        text += f"（{cell}）" if bracket else cell
    if text:
        out.append((text, None))
    return out


SECTION_HEADER = re.compile(r"^(?:栏目|类别|分类)$")


def _section_column(rows: list[list[str]], header: list[str] | None) -> bool:
    """The first column names each entry's section: its header says so, or short names repeat
    down it, or it is filled only on a section's first row (the rows under it left empty)."""
    if header and header[0] and SECTION_HEADER.match(header[0]):
        return True
    firsts = [r[0] for r in rows if len([c for c in r if c]) >= 3 and r[0]]
    repeats = len(set(firsts)) < len(firsts)
    sparse = any(not r[0] and any(r[1:]) for r in rows)
    return (len(firsts) >= 2 and (repeats or sparse)
            and all(len(f) <= 12 and not PAGE.match(f) and not _number_cell(f) for f in firsts))


def _plain_row(lines: list[Line], i: int, head: int) -> str | None:
    """A line without a tab inside a TOC table: "section" (a short name over tabbed rows, spanning
    the table), "continued" (the rest of the cell above, whose page stood on its first line:
    '某某关于印发《某某' + TAB + '4' / '制度》的通知'; the cell may already end as a title does,
    '…制度' / '的决议', when the line is no title of its own), or None (the table has ended)."""
    t = lines[i].text.strip(" \u3000\t")
    if not t or len(t) > 40 or re.search(r"[。；;！？]", t) or lines[i].hints.get("page_break") or lines[i].hints.get("centered"):
        return None  # (a line on a new page, or centred, is the body's first title, no row)
    above = lines[i - 1].text if i - 1 > head else ""
    if "\t" in above:
        cell = above.split("\t")[0].strip()
        whole = title_ending(cell) is not None and is_title_like(t) and not t.startswith("的") \
            or cell.endswith(("）", ")", "〕", "]", "号"))  # (an entry closed by its number is whole)
        if cell and not whole and title_ending(cell + t) is not None:
            return "continued"
    ahead = [l for l in lines[i + 1:i + 4] if l.text.strip()]
    if ahead and ("\t" in ahead[0].text or ahead[0].hints.get("table")) and title_ending(t) is None:
        return "section"
    return None


def untable_toc(lines: list[Line], tables: list) -> None:
    """Rewrite, in place, a TOC table that follows the 目录 heading in the first lines (a Word or
    ruled table, or a text's tab-separated rows): a header row (栏目 | 标题 | 文号 | 页码) is dropped,
    a section column becomes section lines, each entry a `title.....page` line."""
    head = next((i for i, l in enumerate(lines[:80]) if TOC_HEADING.match(l.text.strip())), None)
    if head is None:
        return
    i = head + 1
    plain: dict[int, str] = {}  # rows printed without a tab: a section spanning the table, or a cell's next line
    while i < len(lines):
        tabbed = lines[i].hints.get("table") or "\t" in lines[i].text.strip(" \u3000")
        filled = [c for c in _cells(lines[i]) if c] if tabbed else []
        if tabbed and not (len(filled) == 1 and not PAGE.match(filled[0]) and not _number_cell(filled[0])):
            i += 1
            continue
        kind = _plain_row(lines, i, head)
        if kind is None:
            if tabbed:  # a row of one cell that is neither: an entry without a page
                i += 1
                continue
            break
        plain[i] = kind
        i += 1
    rows = [r for k, r in enumerate(lines[head + 1:i], start=head + 1) if k not in plain]
    cells = [_cells(r) for r in rows]
    headers = [c for c in cells if all(HEADER_CELL.match(x) for x in c if x)]
    body = [(r, c) for r, c in zip(rows, cells) if c not in headers]
    if not body:
        return
    sectioned = _section_column([c for _, c in body], headers[0] if headers else None)
    entries = [(r, c[0] if sectioned else None, _entries(c[1:] if sectioned else c)) for r, c in body]
    if len(rows) < 2 or sum(p is not None for _, _, es in entries for _, p in es) < max(2, len(body) // 2):
        return
    heading = lines[head]
    if heading.hints.get("table"):
        heading.text = heading.text.strip()
        heading.hints = {k: v for k, v in heading.hints.items() if k != "table"}
    out, section = [], None
    entries_at = {id(row): (name, es) for row, name, es in entries}
    ordered = []  # every row in order: the tabbed ones with their entries, the plain ones with their kind
    for k in range(head + 1, i):
        if k in plain:
            ordered.append((lines[k], plain[k], None))
        elif id(lines[k]) in entries_at:
            ordered.append((lines[k], None, entries_at[id(lines[k])]))
    for row, kind, found in ordered:
        text = row.text.strip(" \u3000\t")
        hints = {k: v for k, v in row.hints.items() if k != "table"}
        if kind == "section":
            marked = SECTION_LINE.match(text)  # (printed in its brackets already, or bare)
            out.append(Line(no=row.no, text=text if marked else f"【{text}】", page=row.page, hints=hints))
            section = "".join(marked["name"].split()) if marked else text
            continue
        if kind == "continued" and out:
            title, leader, page = out[-1].text.rpartition(".....")
            out[-1].text = f"{title}{text}.....{page}" if leader else out[-1].text + text
            continue
        name, es = found
        if name and name != section:
            out.append(Line(no=row.no, text=f"【{name}】", page=row.page, hints=dict(hints)))
            section = name
        if len(es) == 1 and es[0][1] is None and _number_cell(es[0][0]) and out:
            title, leader, page = out[-1].text.rpartition(".....")
            if leader and title:  # a 文号 in a row of its own, under its entry's row
                out[-1].text = f"{title}（{es[0][0]}）.....{page}"
                continue
        out += [Line(no=row.no, text=f"{t}.....{p.strip('()（）')}" if p else t, page=row.page, hints=dict(hints))
                for t, p in es]
    first, last = heading.no, lines[i - 1].no
    lines[head + 1:i] = out
    tables[:] = [t for t in tables if not (t.lines and first <= t.lines[0] <= last)]
