"""The size OCR'd lines are printed at, and their characters.

A recognised line has no font size.  Chinese characters are square and set solid, so the
distance between neighbouring characters is the size; a line too short to measure takes the
size of a nearby line whose box is as tall.  Sizes a few percent apart are then one size, so
that the lines of one paragraph agree for the layout analysis.
"""
from __future__ import annotations

from .ocr import OcrLine, wide
from .pdf_layout import Char


def _pitch(line: OcrLine) -> float | None:
    """The distance between neighbouring Chinese characters of a line (they are square and set
    solid): the mean of the steps near their median (the engine's character positions come in
    steps of a few pixels); None for a line too short to say (a letter-spaced heading such as
    `第一章  总  则` would look large)."""
    steps = sorted(b[1] - a[1] for a, b in zip(line.chars, line.chars[1:]) if wide(a[0]) and wide(b[0]))
    if len(steps) < 6:
        return None
    mid = steps[len(steps) // 2]
    near = [x for x in steps if 0.7 * mid <= x <= 1.4 * mid]
    return sum(near) / len(near)


def _like_neighbour(line: OcrLine, page: list[OcrLine], sizes: dict) -> float | None:
    """The size of the line (measured by its pitch) within four lines above or below whose box
    is most nearly as tall as this one's (within a quarter)."""
    h = line.bottom - line.top
    near = [(abs((o.bottom - o.top) - h), abs(o.top - line.top), sizes[id(o)]) for o in page
            if id(o) in sizes and o is not line
            and abs((o.bottom - o.top) - h) <= 0.25 * h and abs(o.top - line.top) <= 4 * h]
    return min(near)[2] if near else None


def snap_sizes(sizes: list[tuple[float, int]]) -> dict[float, float]:
    """Each measured size → the size it measures: the most common size (by characters) takes
    everything within 10 % of it, then the most common of the rest, and so on."""
    weight: dict[float, int] = {}
    for size, n in sizes:
        weight[size] = weight.get(size, 0) + n
    out: dict[float, float] = {}
    left = dict(weight)
    while left:
        mode = max(left, key=lambda s: (left[s], -s))
        near = [s for s in left if abs(s - mode) <= 0.1 * mode]
        for s in near:
            out[s] = mode
            del left[s]
    return out


def to_chars(pages_lines: list[list[OcrLine]]) -> list[list[Char]]:
    """Characters of recognised pages.  A line's size is its character pitch; a line too short for
    that takes the size of a nearby line whose box is as tall (`行。` under its paragraph), else
    its box height times the document's ratio of pitch to box height (the detector draws its
    boxes a little taller than the characters).  Sizes are then snapped to the document's."""
    lines = [line for page in pages_lines for line in page]
    pitch = {id(line): _pitch(line) for line in lines}
    ratios = sorted(pitch[id(line)] / (line.bottom - line.top) for line in lines
                    if pitch[id(line)] and line.bottom > line.top)
    ratio = ratios[len(ratios) // 2] if ratios else 0.95
    sizes = {}
    for line in lines:
        p = pitch[id(line)]
        if p:
            sizes[id(line)] = round(float(min(p, 1.3 * (line.bottom - line.top) * ratio)), 1)
    for page in pages_lines:
        for line in page:
            if id(line) not in sizes:
                sizes[id(line)] = _like_neighbour(line, page, sizes) or round(float((line.bottom - line.top) * ratio), 1)
    snapped = snap_sizes([(sizes[id(line)], len(line.text)) for line in lines])
    pages = []
    for page in pages_lines:
        chars = []
        for line in page:
            size = snapped[sizes[id(line)]]
            # the detector centres its box on the line: the baseline lies about 0.38 em below the centre
            base = (line.top + line.bottom) / 2 + 0.38 * size
            for ch, x0, x1, conf in line.chars:
                chars.append(Char(ch, x0, x1, line.top, line.bottom, size, False, base, conf))
        pages.append(chars)
    return pages
