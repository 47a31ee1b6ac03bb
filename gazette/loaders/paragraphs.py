"""From visual lines to paragraphs: one `Line` per paragraph, table row or title.

A visual line continues the paragraph above when that line ran to the right edge of its
column and this one starts flush left, in the same font, without a block marker; this
holds across columns and pages, so a paragraph broken by a column or page end is whole
again.  A centred title printed over several lines becomes one line.  Table rows stay
rows (cells joined by tabs); a table's header row repeated on the next page is dropped and
a row cut by the page break is merged back.
"""
from __future__ import annotations

import re
from collections import Counter

from ..lineclass import is_structural
from ..model import Line, Table

# block markers that always start a new line: outline levels, articles, attachments, list items
MARKER = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[章节条编部]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[、.．](?!\d)|附件|附表|[△①-⑳●■◆]|[-•·]\s)")
# a chronicle entry: its day (`6月3日`, `18—19日`) set off from the text by a space
DAY_ENTRY = re.compile(r"^\s*(?:(?:\d{1,2}月)?\d{1,2}日?(?:[—\-－–~至]\d{1,2})?日|(?:\d{1,2}月)?[上中下]旬|是月|同日|是日)[ \u3000]")
# a line that is only a date (成文日期, a signature's second line) ends its paragraph
DATE_LINE = re.compile(r"^\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
                       r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*$")
LATIN_WORD = re.compile(r"[A-Za-z0-9@._:/\-]{6,}")
LEADER = re.compile(r"(?:[.…·．⋯]\s*){4,}")
# a TOC entry's leader and page number end its paragraph (`……3`: two ellipses are six dots)
PAGE_ALONE = re.compile(r"^\s*\d{1,3}\s*$")  # a TOC's page set alone at the margin: no paragraph's line
ENDS_TOC_ENTRY = re.compile(r"(?:…\s*…|(?:[.…·．⋯]\s*){4,})\s*[（(]?\d+[）)]?$")


def _body_size(items) -> float:
    sizes: Counter = Counter()
    for v in items:
        if v.cells is None:
            sizes[round(v.size, 1)] += len(v.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _centered(v) -> bool:
    margin_left, margin_right = v.x0 - v.left, v.right - v.x1
    if abs(margin_left - 2 * v.size) < 1.5:  # starts at the usual first-line indent
        return False
    return min(margin_left, margin_right) > 1.0 * v.size and abs(margin_left - margin_right) < 1.0 * v.size


def _full(v) -> bool:
    return v.x1 >= v.right - 1.8 * v.size


def _pushed_down(prev, v) -> bool:
    """`prev` ends early only because the long Latin word that starts `v` did not fit."""
    word = LATIN_WORD.match(v.text)
    return bool(word) and not prev.text.endswith(tuple("。；！？")) and \
        len(word.group()) * 0.5 * v.size > prev.right - prev.x1


def _indented(v) -> bool:
    return v.x0 - v.left > 0.8 * v.size


def _joins_title(prev, v, body: float) -> bool:
    """Two centred lines of one heading printed larger (or bolder) than the body text (not an
    order's heading or number under a title: '中华人民共和国国务院令', '第227号')."""
    return ((_centered(prev) or _full(prev)) and (_centered(v) or _full(v)) and abs(prev.size - v.size) < 0.3
            and (v.size >= 1.15 * body or (v.bold and prev.bold))
            and prev.page == v.page and 0 <= v.top - prev.bottom < 1.2 * v.size
            and not is_structural(v.text) and not is_structural(prev.text))


def _hangs(prev, v) -> bool:
    """Is `v` the next line of a name hanging under its label (`附件：1.清河市…重点任` / `务分工表`),
    set under the label's number or under the text after it (in this column or the next)?"""
    if prev.hang is None or not _full(prev):
        return False
    lo, hi = (x - prev.left + v.left for x in prev.hang)
    inside = prev.x0 - prev.left + v.left + 0.5 * v.size  # under the line's own start is a new paragraph
    return max(lo - 0.5 * v.size, inside) <= v.x0 <= hi + 0.5 * v.size


def _continues(prev, v, body: float) -> bool:
    """Does visual line `v` continue the paragraph whose last visual line is `prev`?"""
    if prev is None or prev.cells is not None or v.cells is not None:
        return False
    if _joins_title(prev, v, body):
        return True
    if abs(prev.size - v.size) > 0.6 or prev.bold != v.bold or MARKER.match(v.text):
        return False
    if _hangs(prev, v):  # short enough to look centred, but set under its label
        return True
    if _centered(v) or _centered(prev) or ENDS_TOC_ENTRY.search(prev.text) or PAGE_ALONE.match(prev.text) \
            or PAGE_ALONE.match(v.text):
        return False
    if DATE_LINE.match(prev.text) or DATE_LINE.match(v.text):
        return False  # the date under a signature, pushed to the right edge (and the issuer over it)
    if prev.text.endswith(("。", "；")) and DAY_ENTRY.match(v.text):
        return False  # one chronicle entry ended at the column edge, the next day starts
    ran_out = _full(prev) or prev.wrapped or _pushed_down(prev, v)  # prev ended for want of room
    hanging = (_indented(prev) and abs(v.x0 - prev.x0) < 1 and prev.left == v.left
               and (prev.x1 >= prev.right - v.size or prev.wrapped)  # a list item's second line
               and not prev.text.endswith(tuple("。：；！？:;!?")))  # else: two indented paragraphs
    if not ran_out or (_indented(v) and not hanging):
        return False
    same_column = prev.page == v.page and abs(prev.left - v.left) < 2 and v.top > prev.top
    return not same_column or v.top - prev.bottom < 1.0 * v.size


def _glue(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        if a[-1].isdigit() and b[0].isdigit() and _in_cjk(a, b):
            return a + b  # a number broken over two lines (`2` / `022年`): Chinese setting breaks anywhere
        return a + " " + b
    return a + b


def _in_cjk(a: str, b: str) -> bool:
    """Is the digit run at the end of `a` or the start of `b` bounded by a non-ASCII character?"""
    head, tail = a.rstrip("0123456789"), b.lstrip("0123456789")
    return bool(head and not head[-1].isascii()) or bool(tail and not tail[0].isascii())


def _hints(v, centered: bool) -> dict:
    hints = {"size": round(v.size, 1)}
    if v.ocr is not None:  # read by OCR: the line's confidence and the characters it was unsure of
        hints["ocr"] = round(v.ocr[0], 3)
        if v.ocr[1]:
            hints["ocr_low"] = list(v.ocr[1])
    if v.bold:
        hints["bold"] = True
    if centered:
        hints["centered"] = True
    indent = round((v.x0 - v.left) / v.size) if v.size else 0
    if indent > 0 and not centered:
        hints["indent"] = indent
    return hints


def _row_line(v, lines: list[Line]) -> Line:
    hints = {"table": True, "size": round(v.size, 1)}
    if lines and v.page > (lines[-1].page or 0):
        hints["page_break"] = True
    return Line(no=len(lines) + 1, text=v.text, page=v.page, hints=hints)


def _last_row(table: Table) -> list[str]:
    return table.rows[-1] if table.rows else table.header


def _set_last_row(table: Table, cells: list[str]) -> None:
    if table.rows:
        table.rows[-1] = cells
    else:
        table.header = cells


def _split_row_tail(table: Table, cells: list[str]) -> bool:
    """Is `cells`, the first row of a table on its next page, the rest of the table's last
    row cut by the page break?  Some cell of that row ended on the first page; every filled
    cell continues a filled cell that does not end a sentence and starts no marker."""
    last = _last_row(table)
    if len(last) != len(cells) or not any(c.strip() for c in cells):
        return False
    if not any(above.strip() and not below.strip() for above, below in zip(last, cells)):
        return False  # a row that fills every column the last one filled is a row of its own
    for above, below in zip(last, cells):
        if below.strip() and (not above.strip() or above.rstrip()[-1] in "。；;！？!?" or MARKER.match(below)):
            return False
    return True


def assemble(items) -> tuple[list[Line], list[Table]]:
    """Paragraph lines and table objects from the visual lines of a whole document."""
    body = _body_size(items)
    lines: list[Line] = []
    tables: list[Table] = []
    prev = None
    header = None  # header row of the table being read
    for v in items:
        if v.cells is not None:
            continuing = prev is not None and prev.cells is not None
            if continuing and v.table != prev.table and v.cells == header:
                prev = v  # the header row repeated on a new page
                v.line = tables[-1].lines[0]
                continue
            last = lines[-1] if lines else None
            if continuing and last and v.page > (last.page or 0) and _split_row_tail(tables[-1], v.cells):
                merged = [_glue(a, b) for a, b in zip(_last_row(tables[-1]), v.cells)]
                _set_last_row(tables[-1], merged)
                last.text = "\t".join(merged)
                v.line = last.no
            elif continuing:
                tables[-1].rows.append(list(v.cells))
                tables[-1].lines[1] = len(lines) + 1
                lines.append(_row_line(v, lines))
                v.line = len(lines)
            else:
                header = v.cells
                tables.append(Table(header=list(v.cells), rows=[], lines=[len(lines) + 1, len(lines) + 1]))
                lines.append(_row_line(v, lines))
                v.line = len(lines)
            prev = v
            continue
        text = LEADER.sub(".....", v.text)
        if lines and _continues(prev, v, body):
            if prev.hang is not None and v.hang is None:
                v.hang = prev.hang  # the paragraph's third line hangs where its second did
            line = lines[-1]
            if v.ocr is not None and "ocr" in line.hints:  # confidence weighted by length
                n, m = len(line.text), len(text)
                line.hints["ocr"] = round((line.hints["ocr"] * n + v.ocr[0] * m) / max(1, n + m), 3)
                if v.ocr[1]:
                    line.hints.setdefault("ocr_low", []).extend(v.ocr[1])
            line.text = _glue(line.text, text)
            if line.hints.get("centered") and not _centered(v):
                line.hints.pop("centered")
        else:
            hints = _hints(v, _centered(v))
            if lines and v.page > (lines[-1].page or 0):
                hints["page_break"] = True
            lines.append(Line(no=len(lines) + 1, text=text, page=v.page, hints=hints))
        v.line = len(lines)
        prev = v
    return lines, tables
