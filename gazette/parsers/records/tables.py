"""Tables: runs of tab-separated rows (or rows a loader marked `table`) → header + rows.

A header row printed again on each page appears once; a row that a page break split (the
row after a repeated header only continues the unfinished cells of the row before it) is
merged back into one row.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Line, Table
from .text import CLOSERS, SENTENCE_END, fold, squeeze

MIN_ROWS = 2  # header + at least one row
MAX_BRIDGE = 8  # lines without tabs a table may hold in a row before its next tabbed row


@dataclass
class TableSpan:
    table: Table
    start: int  # index of the first line in the lines given
    end: int  # index after the last line


def is_row(line: Line) -> bool:
    return bool(line.hints.get("table")) or "\t" in line.text


def cells(line: Line) -> list[str]:
    return [squeeze(c) for c in line.text.strip("\n").split("\t")]


def find_tables(lines: list[Line]) -> list[TableSpan]:
    spans, i = [], 0
    while i < len(lines):
        if not is_row(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and (is_row(lines[j]) or _bridged(lines, i, j)):
            j += 1
        table = build(lines[i:j])
        if table is not None:
            spans.append(TableSpan(table, i, j))
        i = j
    return spans


def _bridged(lines: list[Line], start: int, j: int) -> bool:
    """A line without tabs between two rows of a table is a row whose other cells are empty
    (text extraction drops trailing tabs)."""
    if j - start < 2:
        return False
    return any(is_row(l) for l in lines[j + 1:j + 1 + MAX_BRIDGE])


def build(rows: list[Line]) -> Table | None:
    if len(rows) < MIN_ROWS:
        return None
    header = _trim(cells(rows[0]))
    key = [fold(c) for c in header]
    out: list[list[str]] = []
    after_repeat = False
    for line in rows[1:]:
        row = cells(line)
        if [fold(c) for c in _trim(row)] == key:
            after_repeat = True
            continue
        row = _fit(row, len(header))
        if after_repeat and out and _continues(out[-1], row):
            out[-1] = [_join(a, b) for a, b in zip(out[-1], row)]
        else:
            out.append(row)
        after_repeat = False
    if not out:
        return None
    return Table(header=header, rows=out, lines=[rows[0].span[0], rows[-1].span[1]])


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row = row[:-1]
    return row


def _fit(row: list[str], width: int) -> list[str]:
    row = _trim(row) if len(_trim(row)) <= width else row
    return row + [""] * (width - len(row))


def _unfinished(cell: str) -> bool:
    t = cell.rstrip().rstrip(CLOSERS)
    return bool(t) and t[-1] not in SENTENCE_END and not cell.rstrip().endswith(("分", "）", ")"))


def _continues(prev: list[str], row: list[str]) -> bool:
    """Whether `row` only carries on cells that `prev` left unfinished (a row split by a page)."""
    filled = [i for i, c in enumerate(row) if c]
    if not filled or row[0] or any(i >= len(prev) for i in filled):
        return False
    return all(not prev[i] or _unfinished(prev[i]) for i in filled) and any(_unfinished(prev[i]) for i in filled)


def _join(a: str, b: str) -> str:
    return a + b if a and b else a or b
