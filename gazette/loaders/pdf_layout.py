"""Reading order of PDF pages: rows, running headers and footers, columns, tables.

A page's characters are grouped into rows (one baseline across the whole page).  Rows in
the top or bottom band that repeat across pages (the running header) or look like a page
number are dropped.  A gutter is a vertical strip near the middle of the text area that
no row crosses while many rows have text on both sides of it; rows that do not cross it
form column blocks, read left column first, then right.  Rows that cross it (a
full-width title, a centred 文号) are read where they stand.  Tables are cut out by
their rulings first (`pdf_tables`) and come back as rows of cells at their place.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from .furniture import find_furniture
from .pdf_tables import find_tables


class Char(NamedTuple):
    """One character in reading space (`top` grows down the page); `size` is the size it is
    printed at (the font size times the text and page matrices), `base` its baseline."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    base: float | None = None  # None: take the bottom of the box
    conf: float | None = None  # the OCR engine's confidence; None for a text layer's character

    @property
    def baseline(self) -> float:
        return self.bottom if self.base is None else self.base


@dataclass
class PageContent:
    no: int
    width: float
    height: float
    chars: list[Char]
    rules: list = field(default_factory=list)
    images: int = 0  # image objects, counted on pages without text only
    ocr: list = field(default_factory=list)  # the recognised lines (ocr.OcrLine) of a page read by OCR


@dataclass
class VLine:
    """A visual line inside one column frame (`left`..`right`), or a table row (`cells`)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    left: float
    right: float
    cells: list[str] | None = None
    table: int | None = None  # id of the table region the row belongs to
    wrapped: bool = False  # ends at a measure narrower than its column (a TOC's title width)
    hang: tuple[float, float] | None = None  # where a leading label's number and the text after it start
    ocr: tuple[float, list] | None = None  # OCR'd: (mean confidence, [(character, confidence)] of the unsure ones)
    line: int | None = None  # the number of the loaded line it became part of


LOW_CONFIDENCE = 0.8  # OCR'd characters recognised with less are named in the loader's warnings

# a label that later lines of its paragraph may hang under: `附件：1.` `附件：` `2.` `（一）` `一、`
HANGING_LABEL = re.compile(r"^(附件[：:])?(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
                           r"|^附件[：:]")


def _row_of(chars: list[Char]) -> list[list[Char]]:
    """Group characters into rows by their baseline; each row sorted left to right.  The
    baseline, not the box: boxes of one line differ from glyph to glyph (a dot over 疗 reaches
    higher than 医), which in a large heading is more than the gap between rows."""
    rows: list[list[Char]] = []
    base = 0.0
    for c in sorted(chars, key=lambda c: c.baseline):
        if rows and c.baseline - base <= 0.45 * max(c.size, 4.0):
            rows[-1].append(c)
        else:
            rows.append([c])
            base = c.baseline
    for r in rows:
        r.sort(key=lambda c: c.x0)
    return rows


def text_of(chars: list[Char]) -> str:
    """Characters of one line as text; a gap wider than a third of the font size is a space."""
    out: list[str] = []
    prev = None
    for c in chars:
        if prev is not None and c.text != " " and prev.text != " " and c.x0 - prev.x1 > 0.3 * c.size:
            out.append(" ")
        out.append(c.text)
        prev = c
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _segments(row: list[Char]) -> list[list[Char]]:
    """A row cut at gaps wider than two characters."""
    segs = [[row[0]]]
    for c in row[1:]:
        if c.x0 - segs[-1][-1].x1 > 2 * c.size:
            segs.append([c])
        else:
            segs[-1].append(c)
    return segs


def strip_furniture(pages: list[PageContent], page_rows: list[list[list[Char]]]) -> list[list[list[Char]]]:
    """Drop running headers/footers and page numbers (see `furniture`) from each page's rows;
    returns the dropped rows of each page."""
    found = find_furniture(pages, page_rows, _segments, text_of)
    dropped = []
    for rows in page_rows:
        dropped.append([r for r in rows if id(r) in found])
        rows[:] = [r for r in rows if id(r) not in found]
    return dropped


def find_gutter(rows: list[list[Char]], tables=(), width: float | None = None) -> tuple[float, float] | None:
    """The empty strip between two columns, or None for a one-column page (`width`: the page's).
    Rows of ruled tables that lie within one column count as evidence for their side (a short
    right column may hold little more than a table)."""
    if len(rows) < 4:
        return None
    left = min(r[0].x0 for r in rows)
    right = max(r[-1].x1 for r in rows)
    lo, hi = int(left + 0.3 * (right - left)), int(left + 0.7 * (right - left))
    if hi - lo < 4 or hi - lo > 5000:  # no gazette page is 12,000 pt (4 m) wide
        return None
    cover = [0] * (hi - lo)
    for r in rows:
        for c in r:
            if c.text.isspace():
                continue
            for x in range(max(lo, int(c.x0)), min(hi, int(c.x1) + 1)):
                cover[x - lo] += 1
    floor = min(cover)
    if floor > len(rows) // 4:  # most rows run across the middle: one column
        return None
    limit = floor + max(1, len(rows) // 20)
    best, best_rows = None, 0
    x = 0
    while x < len(cover):
        if cover[x] > limit:
            x += 1
            continue
        start = x
        while x < len(cover) and cover[x] <= limit:
            x += 1
        g0, g1 = lo + start, lo + x
        if g1 - g0 < 6:
            continue
        gc = (g0 + g1) / 2
        # a line centred on the page (a title, a cover's lines) stands in no column
        sides = [r for r in rows if not _crosses(r, (g0, g1)) and not (width and abs(r[0].x0 + r[-1].x1 - width) <= 6)]
        right = [r for r in sides if r[0].x0 >= gc]
        # where the text right of it begins, on each row that has some (a row of both columns too)
        starts = [next(c.x0 for c in r if c.x0 >= gc and not c.text.isspace()) for r in sides
                  if any(c.x0 >= gc and not c.text.isspace() for c in r)]
        if not (_column_edge([r[0].x0 for r in right]) or _column_edge(starts)):
            continue  # what stands right of it begins anywhere: lines set right or centred, no column
        if right and sum(bool(_BARE_NUMBER.match(text_of(r))) for r in right) >= 0.8 * len(right):
            continue  # only numbers stand right of it: a TOC's pages set on lines of their own, no column
        ends = [max(c.x1 for c in r if c.x1 <= gc and not c.text.isspace()) for r in sides
                if any(c.x1 <= gc and not c.text.isspace() for c in r)]
        if len(ends) >= 3 and sum(g0 - x <= 24 for x in ends) < 0.4 * len(ends):
            continue  # what stands left of it ends short of it: labels before the text of their row (a TOC's
            # numbers padded out before their titles, wrapped words), no column, whose lines run to its edge
        lefts = sum(1 for r in sides if r[0].x1 <= gc) + sum(len(t.rows) for t in tables if t.x1 <= g0)
        rights = sum(1 for r in sides if r[-1].x0 >= gc) + sum(len(t.rows) for t in tables if t.x0 >= g1)
        evidence = min(lefts, rights)
        if evidence > best_rows:
            best, best_rows = (float(g0), float(g1)), evidence
    if best is None or best_rows < max(3, len(rows) // 8):
        return None
    return best


_BARE_NUMBER = re.compile(r"^\s*[(（\-—–·]?\s*\d{1,4}\s*[)）\-—–·]?\s*$")


def _column_edge(starts: list[float]) -> bool:
    """Rows of a column begin at its left edge (two in five of them at least, within a few
    points); lines set right or centred begin anywhere."""
    if len(starts) < 3:
        return True
    edge = Counter(round(x / 3) for x in starts).most_common(1)[0][1]
    return edge >= 0.4 * len(starts)


def _crosses(row: list[Char], gutter: tuple[float, float]) -> bool:
    """Does the row's text run across the gutter (a character inside it, or only a narrow gap)?"""
    g0, g1 = gutter
    gc = (g0 + g1) / 2
    prev = None
    for c in row:
        if c.x0 < gc < c.x1 and not c.text.isspace():
            return True
        if prev is not None and prev.x1 <= gc <= c.x0:
            return c.x0 - prev.x1 < 0.35 * (g1 - g0)
        prev = c
    return False


def _vline(chars: list[Char], page: int, left: float, right: float) -> VLine:
    sizes = Counter(round(c.size, 1) for c in chars if not c.text.isspace())
    size = sizes.most_common(1)[0][0] if sizes else chars[0].size
    ink = [c for c in chars if not c.text.isspace()] or chars
    bold = sum(c.bold for c in ink) * 2 > len(ink)
    text = text_of(chars)
    hang = None
    if HANGING_LABEL.match(text):  # later lines may hang under the label's number or under the text
        label = HANGING_LABEL.match("".join(c.text for c in ink))
        if label and len(label.group()) < len(ink):
            hang = (ink[len(label.group(1) or "")].x0, ink[len(label.group())].x0)
    ocr = None
    if ink[0].conf is not None:
        confs = [c.conf for c in ink if c.conf is not None]
        ocr = (sum(confs) / len(confs), [(c.text, round(c.conf, 2)) for c in ink
                                         if c.conf is not None and c.conf < LOW_CONFIDENCE])
    if PAGE_AT_END.search(text):
        text = _with_leader(chars, size, text)
    return VLine(text, chars[0].x0, chars[-1].x1, min(c.top for c in chars),
                 max(c.bottom for c in chars), size, bold, page, left, right, hang=hang, ocr=ocr)


# what is left of a dotted leader OCR could not read (`+ +. .`, `…`, `.`) before a page number
LEADER_DEBRIS = set(".．·…‥+-_,，。、:：•●")
PAGE_AT_END = re.compile(r"[（(]?\d{1,3}[)）]?$")


def _with_leader(chars: list[Char], size: float, text: str) -> str:
    """The line's text, with a TOC leader (`.....`) where a page number stands apart at its end:
    after a gap of more than an em, the line's only wide gap (a leader set as white
    space, or dots OCR did not see), or after OCR's debris of the dots."""
    ink = [c for c in chars if not c.text.isspace()]
    tail = PAGE_AT_END.search("".join(c.text for c in ink))
    if not tail or len(ink) - len(tail.group()) < 4:
        return text
    head, page = ink[:len(ink) - len(tail.group())], ink[len(ink) - len(tail.group()):]
    k = len(head)
    while head[-1].conf is not None and k > 1 and head[k - 1].text in LEADER_DEBRIS:
        k -= 1
    body = head[:k]
    if body[-1].text.isdigit() or body[-1].text in LEADER_DEBRIS:
        return text
    gap = page[0].x0 - body[-1].x1
    wide = gap >= 1.2 * size and all(b.x0 - a.x1 < 1.0 * size for a, b in zip(body, body[1:]))
    if wide or (k < len(head) and gap >= 0.3 * size):
        cut = next(i for i, c in enumerate(chars) if c is body[-1]) + 1
        return text_of(chars[:cut]) + "....." + text_of(page)
    return text


def _split(rows: list[list[Char]], gutter) -> list[tuple[str, list[Char]]]:
    """Each row as ('full', chars) or, where it does not cross the gutter, its 'left'/'right' parts."""
    out = []
    for r in rows:
        if gutter is None or _crosses(r, gutter):
            out.append(("full", r))
            continue
        gc = (gutter[0] + gutter[1]) / 2
        left = [c for c in r if c.x1 <= gc]
        right = [c for c in r if c.x1 > gc]
        if left:
            out.append(("left", left))
        if right:
            out.append(("right", right))
    return out


class Edges:
    """Where the lines of a page (or of the document) start and end, from how many lines
    start or end at each position (justified text shares its edges exactly)."""

    KEYS = ("start", "end", "mid_end", "mid_start")

    def __init__(self):
        self.counts = {k: Counter() for k in self.KEYS}
        self.chars = {k: Counter() for k in self.KEYS}  # characters of the lines at each position
        self.sizes: Counter = Counter()

    def add(self, parts) -> "Edges":
        for kind, chars in parts:
            x0, x1 = round(chars[0].x0), round(chars[-1].x1)
            self.sizes[round(chars[0].size)] += len(chars)
            for key, x, on in (("start", x0, kind in ("full", "left")), ("end", x1, kind in ("full", "right")),
                               ("mid_end", x1, kind == "left"), ("mid_start", x0, kind == "right")):
                if on:
                    self.counts[key][x] += 1
                    self.chars[key][x] += len(chars)
        return self

    def usual(self, key: str) -> float | None:
        """The document's usual edge.  Starts: the most common start, unless that is a first-line
        indent (two characters in from a start shared by other lines), as where most paragraphs
        are one line.  Ends: the end most characters end at, so that a few short right-aligned
        lines (signature, date) do not outweigh the lines of running text."""
        counts = self.counts[key]
        if not counts:
            return None
        if key in ("start", "mid_start"):
            mode = counts.most_common(1)[0][0]
            size = self.sizes.most_common(1)[0][0] if self.sizes else 0
            inner = [x for x, n in counts.items() if n >= 2 and 1.5 * size <= mode - x <= 2.5 * size]
            return float(min(inner) if inner else mode)
        return float(max(self.chars[key].items(), key=lambda kv: (kv[1], kv[0]))[0])

    def get(self, key: str, doc: "Edges", default: float) -> float:
        """The page's outermost position shared by two lines, unless the document's usual
        edge lies further out (a page of short lines does not reach its edges)."""
        starts = key in ("start", "mid_start")
        shared = [x for x, n in self.counts[key].items() if n >= 2]
        usual = doc.usual(key)
        if not shared:
            return usual if usual is not None else default
        own = float(min(shared) if starts else max(shared))
        if usual is not None and (own - usual > 15 if starts else usual - own > 15):
            return usual
        return own


def _page_lines(page: PageContent, parts, tables: list, edges: Edges, doc: Edges, gutter) -> list[VLine]:
    """Visual lines of the page in reading order: full-width rows where they stand, column
    blocks left column first; a table ends the column block above it."""
    left = edges.get("start", doc, 0.0)
    right = edges.get("end", doc, page.width)
    gc = (gutter[0] + gutter[1]) / 2 if gutter else page.width / 2
    mid = edges.get("mid_end", doc, gc)
    start = edges.get("mid_start", doc, gc)
    out: list[VLine] = []
    block: list = []  # (side, top, chars or table) of the current column block
    pending = sorted(tables, key=lambda t: t.top)

    def flush():
        for side, edge0, edge1 in (("left", left, mid), ("right", start, right)):
            for k, _, item in sorted((e for e in block if e[0] == side), key=lambda e: e[1]):
                if isinstance(item, list):
                    out.append(_vline(item, page.no, edge0, edge1))
                else:
                    out.extend(item.rows)
        block.clear()

    def place(table):
        side = "left" if gutter and table.x1 <= gc + 6 else "right" if gutter and table.x0 >= gc - 6 else None
        if side:
            block.append((side, table.top, table))
        else:
            flush()
            out.extend(table.rows)

    for kind, chars in parts:
        while pending and pending[0].top < chars[0].top:
            place(pending.pop(0))
        if kind == "full":
            flush()
            out.append(_vline(chars, page.no, left, right))
        else:
            block.append((kind, chars[0].top, chars))
    for t in pending:
        place(t)
    flush()
    _mark_measures(out)
    return out


def _mark_measures(lines: list[VLine]) -> None:
    """Mark lines that end where at least two others of their column end, short of its edge
    but past most of its width: text set to a narrower measure (TOC titles leave room for page
    numbers) wraps there."""
    ends: Counter = Counter((v.left, v.right, round(v.x1)) for v in lines if v.cells is None)
    for v in lines:
        if v.cells is None and ends[(v.left, v.right, round(v.x1))] >= 3 \
                and v.x1 < v.right - 1.8 * v.size and not v.text.endswith(tuple("。；：！？;:!?")) \
                and v.x1 - v.left > 0.6 * (v.right - v.left):  # not short headings of one length
            v.wrapped = True


@dataclass
class PageTrace:
    """What the layout decided on one page (for `gazette inspect`): boxes are (x0, top, x1, bottom)."""

    gutter: tuple[float, float] | None = None
    furniture: list[tuple[tuple[float, float, float, float], str]] = field(default_factory=list)  # (box, text)
    tables: list[tuple[float, float, float, float]] = field(default_factory=list)
    lines: list[VLine] = field(default_factory=list)  # in reading order


def _box(chars) -> tuple[float, float, float, float]:
    return (min(c.x0 for c in chars), min(c.top for c in chars), max(c.x1 for c in chars),
            max(c.bottom for c in chars))


def layout_document(pages: list[PageContent], trace: dict[int, PageTrace] | None = None) -> list[VLine]:
    """Every page's visual lines and table rows, in reading order, furniture removed; with
    `trace`, what was decided on each page is recorded there by page number."""
    page_rows, page_tables = [], []
    for page in pages:  # tables first: a table's header row repeated at the top of each page is no running header
        tables = find_tables(page.rules, page.chars, page.no) if page.rules else []
        inside = {id(c) for t in tables for c in t.chars}
        page_rows.append(_row_of([c for c in page.chars if id(c) not in inside]))
        page_tables.append(tables)
    dropped = strip_furniture(pages, page_rows)
    flows = [(rows, tables, find_gutter(rows, tables, page.width))
             for page, rows, tables in zip(pages, page_rows, page_tables)]
    usual = Counter(g for _, _, g in flows if g).most_common(1)
    doc = Edges()
    prepared = []
    for page, (rows, tables, gutter) in zip(pages, flows):
        if gutter is None and usual and len(rows) > 2:
            g = usual[0][0]
            if sum(not _crosses(r, g) for r in rows) >= 0.8 * len(rows):
                gutter = g
        parts = _split(rows, gutter)
        prepared.append((page, parts, tables, Edges().add(parts), gutter))
        doc.add(parts)
    items: list[VLine] = []
    for (page, parts, tables, edges, gutter), furniture in zip(prepared, dropped):
        lines = _page_lines(page, parts, tables, edges, doc, gutter)
        items.extend(lines)
        if trace is not None:
            trace[page.no] = PageTrace(gutter, [(_box(r), text_of(r)) for r in furniture],
                                       [(t.x0, t.top, t.x1, t.bottom) for t in tables], lines)
    return items
