"""Running headers, footers and page numbers of a PDF, found by repetition across its pages.

Whatever a gazette prints in its header band (its name, a pinyin line, the issue, the section,
the page number, in any arrangement), the band repeats from page to page at the same height.
So a row in the top or bottom band of a page is furniture when

- its text, or a segment of it (parts set apart by a wide gap), comes back on another page of
  the file at the same height (or anywhere in the band on a quarter of the pages), with the
  digits folded, where numbers that differ differ like the page numbers do (`- 5 -` on page 5,
  `- 6 -` on page 6; `附件1` and `附件2` on pages 5 and 9 are not furniture);
- it is a page number (`5`, `- 5 -`, `— 5 —`, `（5）`, `第 5 页`, `5/40`);
- it stands where rows of the same size are furniture on most other pages (a section printed
  in the header band on a section's only page).

Rows are taken from the edge of the page inwards and the first row that is not furniture ends
the band, so text of the page is never taken from between furniture rows.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

BAND = 0.12  # top and bottom share of the page where running headers and footers live
MAX_ROWS = 6  # rows per band looked at
PAGE_NUMBER = re.compile(r"^(第\s*)?[-—–－~～·•\s]*[（(]?\s*\d{1,4}\s*[)）]?[-—–－~～·•\s]*(页)?$"
                         r"|^\d{1,4}\s*/\s*\d{1,4}$|^第\s*\d+\s*页\s*(共\s*\d+\s*页)?$")
_DIGITS = re.compile(r"\d+")


@dataclass
class Candidate:
    """A row in the header or footer band of a page."""

    page: int  # index in the file
    band: str  # "top" or "bottom"
    row: list
    base: float
    size: float
    keys: list[tuple[str, tuple[int, ...], float]]  # digit-folded text of the row and of its segments, their numbers and size
    page_number: bool
    inner: list | None = None  # the next row towards the middle of the page
    furniture: bool = False  # repeated or a page number
    slot: bool = False  # stands where furniture of its size stands on most pages


def _key(chars) -> tuple[str, tuple[int, ...], float]:
    ink = [c for c in chars if not c.text.isspace()]
    text = "".join(c.text for c in ink)
    return _DIGITS.sub("#", text), tuple(int(d) for d in _DIGITS.findall(text)), max((c.size for c in ink), default=0.0)


def _agree(a: tuple[int, ...], b: tuple[int, ...], pages_apart: int) -> bool:
    """Numbers of two rows with the same folded text: equal, or apart as far as their pages are."""
    return all(x == y or x - y == pages_apart for x, y in zip(a, b))


def _candidates(pages, page_rows, segments, text_of) -> list[Candidate]:
    out = []
    for k, (page, rows) in enumerate(zip(pages, page_rows)):
        top = [r for r in rows[:MAX_ROWS] if r[0].top < page.height * BAND]
        bottom = [r for r in rows[::-1][:MAX_ROWS] if r[-1].bottom > page.height * (1 - BAND)]
        for band, found in (("top", top), ("bottom", bottom)):
            order = rows if band == "top" else rows[::-1]
            for j, r in enumerate(found):
                ink = [c for c in r if not c.text.isspace()] or r
                segs = segments(r)
                out.append(Candidate(
                    page=k, band=band, row=r, base=max(c.baseline for c in ink),
                    size=max(c.size for c in ink), keys=[_key(r)] + ([_key(s) for s in segs] if len(segs) > 1 else []),
                    page_number=bool(PAGE_NUMBER.match(text_of(r))),
                    inner=order[j + 1] if j + 1 < len(order) else None))
    return out


def _body_size(pages) -> float:
    """The size most characters of the file are printed at."""
    sizes = Counter(c.size for page in pages for c in page.chars)
    return round(sizes.most_common(1)[0][0], 1) if sizes else 0.0


def _repeats(c: Candidate, index, pages, need: int) -> bool:
    """Does the row (or a segment) come back, numbers agreeing, in the same size, at the same
    height on another page, or anywhere in the band on `need` pages?  (Stops as soon as it knows: a header's key
    has an occurrence on every page of a long file.)"""
    near = max(2.0, 0.5 * c.size)
    for key, numbers, size in c.keys:
        pages_seen = {c.page}
        for o, nums, o_size in index.get((c.band, key), ()):
            if o.page in pages_seen or not _agree(numbers, nums, pages[c.page].no - pages[o.page].no) \
                    or abs(o_size - size) > 1.0:  # (a cover prints the header's name large, once)
                continue
            if abs(o.base - c.base) <= near:
                return True
            pages_seen.add(o.page)
            if len(pages_seen) >= need:
                return True
    return False


def _slot(c: Candidate, by_step: dict, cache: dict) -> tuple[set[int], set[int]]:
    """(pages with furniture, pages with any row) at the candidate's height (in 3 pt steps, the
    steps on either side too) among rows of its size (within a point); cached, as a long file
    has thousands of candidates."""
    key = (c.band, int(c.base // 3), round(c.size))
    if key not in cache:
        hits, seen = set(), set()
        for step in (key[1] - 1, key[1], key[1] + 1):
            for o in by_step.get((c.band, step), ()):
                if abs(round(o.size) - key[2]) <= 1:
                    seen.add(o.page)
                    if o.furniture and not o.page_number:
                        hits.add(o.page)
        cache[key] = (hits, seen)
    return cache[key]


def find_furniture(pages, page_rows, segments, text_of) -> set[int]:
    """ids of the rows that are running headers, footers or page numbers."""
    cands = _candidates(pages, page_rows, segments, text_of)
    with_text = sum(1 for rows in page_rows if rows)
    need = max(3, round(0.25 * with_text))
    body = _body_size(pages)
    index: dict[tuple[str, str], list[tuple[Candidate, tuple[int, ...], float]]] = {}
    for c in cands:
        for key, numbers, size in c.keys:
            if 1 < len(key) <= 80:
                index.setdefault((c.band, key), []).append((c, numbers, size))
    groups: dict[tuple[int, str], list[Candidate]] = {}
    for c in cands:
        groups.setdefault((c.page, c.band), []).append(c)
    for group in groups.values():
        for c in group:
            repeated = _repeats(c, index, pages, need)
            if c.size <= body + 0.5 or c.page_number:
                c.furniture = c.page_number or repeated
            else:  # larger than the text: the first line of a title (an issuer's name) at the top of a
                # page repeats too, but its next line follows in its own size right under it
                inner = c.inner
                title_goes_on = inner is not None and abs(max(ch.size for ch in inner) - c.size) <= 0.5 \
                    and abs(max(ch.baseline for ch in inner) - c.base) <= 1.6 * c.size
                c.furniture = repeated and not title_goes_on
    by_step: dict[tuple[str, int], list[Candidate]] = {}
    for c in cands:
        by_step.setdefault((c.band, int(c.base // 3)), []).append(c)
    cache: dict = {}
    for c in cands:  # a row alone in its text, at a height where furniture of its size stands on most pages
        if not c.furniture:
            hits, seen = _slot(c, by_step, cache)
            hits, seen = hits - {c.page}, seen - {c.page}
            c.slot = len(hits) >= 2 and 2 * len(hits) >= len(seen)
    found: set[int] = set()
    for group in groups.values():  # from the edge of the page inwards, up to the first row of text
        for c in group:
            if not (c.furniture or c.slot):
                break
            found.add(id(c.row))
    return found
