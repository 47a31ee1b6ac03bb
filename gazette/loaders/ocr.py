"""OCR of scanned pages with rapidocr-onnxruntime (PP-OCR Chinese models inside its wheel).

`pip install 'gazette[ocr]'` installs it; nothing is downloaded at run time.  A page image
(a scanned PDF page rendered by pypdfium2, or a JPEG/PNG/TIFF) becomes characters with boxes in
points, like a PDF's text layer, so the same layout analysis (rows, running headers, columns,
paragraphs) reads it.  Each character keeps the recogniser's confidence; the size a line is
printed at is taken from its character pitch (Chinese characters are square) and snapped to the
sizes of the whole document, so that lines of one paragraph agree.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..errors import LoadError
from .pdf_layout import Char

INSTALL_HINT = "install the OCR extra with `pip install 'gazette[ocr]'` and pass --ocr"


@dataclass
class OcrLine:
    """A recognised line: its text, box in points (x0, top, x1, bottom), and per-character
    confidences and horizontal extents."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    chars: list[tuple[str, float, float, float]]  # (character, x0, x1, confidence)


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise LoadError("needs OCR, and the OCR engine is not installed", hint=INSTALL_HINT) from None
    # the whole page at its own resolution: the default shrinks pages to 2000 px, too small for
    # the characters of a 300 dpi scan
    return RapidOCR(max_side_len=6000, print_verbose=False)


def _wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80 or ch in "—…“”‘’"


def _units(text: str) -> float:
    """Width of a text in ems: CJK and full-width characters 1, others about half."""
    return sum(1.0 if _wide(ch) else 0.5 for ch in text if not ch.isspace()) or 1.0


def _spread(text: str, x0: float, x1: float, confs: list[float]) -> list[tuple[str, float, float, float]]:
    """Characters placed over the line's width in proportion to their usual widths."""
    total = sum(1.0 if _wide(ch) else (0.3 if ch.isspace() else 0.5) for ch in text) or 1.0
    step = (x1 - x0) / total
    out, x = [], x0
    for k, ch in enumerate(text):
        w = step * (1.0 if _wide(ch) else (0.3 if ch.isspace() else 0.5))
        out.append((ch, x, x + w, confs[k] if k < len(confs) else 1.0))
        x += w
    return out


def _placed(text: str, confs: list[float], boxes, words, pt_per_px: float):
    """Characters placed where the recogniser saw them (its character boxes; a word's box shared
    by its letters), so that gaps (a TOC's leader the engine does not read) stay gaps; None when
    the boxes do not match the text."""
    spans = []
    for box, word in zip(boxes, words):
        x0, x1 = min(p[0] for p in box) * pt_per_px, max(p[0] for p in box) * pt_per_px
        step = (x1 - x0) / max(1, len(word))
        spans += [(ch, x0 + k * step, x0 + (k + 1) * step) for k, ch in enumerate(word)]
    ink = [(k, ch) for k, ch in enumerate(text) if not ch.isspace()]
    if len(spans) != len(ink) or any(ch != span[0] for (_, ch), span in zip(ink, spans)):
        return None
    out, last = [], -1.0
    for (k, ch), (_, x0, x1) in zip(ink, spans):
        x0 = max(x0, last + 0.01)  # strictly left to right
        out.append((ch, x0, max(x1, x0 + 0.01), confs[k] if k < len(confs) else 1.0))
        last = x0
    return out


def recognise(image, pt_per_px: float) -> list[OcrLine]:
    """The text lines of a page image (a numpy array, grey or BGR), boxes in points."""
    # no angle classifier: it turns short letter-spaced headings upside down (目 录 → Ⅲ), and
    # gazette pages are scanned upright
    result, _ = _engine()(image, use_cls=False, return_word_box=True)
    result = list(result or ())
    return lines_of(result + _line_ends(image, result), pt_per_px)


LEADER_DOTS = set(".．·…‥")


def _line_ends(image, result) -> list:
    """What the detector left out at the end of lines: a TOC entry's dotted leader and page
    number (small, isolated digits after a run of dots are often not detected), a closing
    punctuation mark.  The ink between a line's box and the next box of its row (or the right
    edge of the text) is read on its own; ruling lines in it are ignored."""
    import numpy as np

    boxes = [(min(p[0] for p in r[0]), min(p[1] for p in r[0]), max(p[0] for p in r[0]), max(p[1] for p in r[0]))
             for r in result]
    if not boxes:
        return []
    right_edge = max(b[2] for b in boxes)
    height, width = image.shape[:2]
    grey = image if image.ndim == 2 else image.mean(axis=2)
    found = []
    for x0, y0, x1, y1 in boxes:
        h = y1 - y0
        if h <= 4:
            continue
        row = [b for b in boxes if b[0] > x1 and min(b[3], y1) - max(b[1], y0) > 0.5 * min(h, b[3] - b[1])]
        limit = min([b[0] for b in row], default=min(width, right_edge + 2 * h))
        a, b = int(x1 + 0.2 * h), int(limit - 0.1 * h)
        if b - a < 0.5 * h:
            continue
        top, bottom = int(y0), int(y1)
        held = np.zeros((bottom - top, b - a), dtype=bool)
        for bx0, by0, bx1, by1 in boxes:  # what another box holds is read already
            if bx0 < b and bx1 > a and by0 < y1 and by1 > y0:
                held[max(0, int(by0) - top):max(0, int(by1) - top), max(0, int(bx0) - a):max(0, int(bx1) - a)] = True
        ink = (grey[top:bottom, a:b] < 140) & ~held
        ink[:, ink.mean(axis=0) > 0.85] = False  # a vertical rule
        ink[ink.mean(axis=1) > 0.85, :] = False  # a horizontal rule
        cols = np.where(ink.sum(axis=0) > 0)[0]
        if len(cols) == 0 or ink.sum() < 0.02 * h * h:
            continue
        c0, c1 = a + max(0, cols[0] - int(0.3 * h)), a + min(b - a, cols[-1] + int(0.3 * h))
        piece = image[top:bottom, c0:c1].copy()
        piece[held[:, c0 - a:c1 - a]] = 255  # blank what other boxes hold, and the rules
        piece[~ink[:, c0 - a:c1 - a] & (grey[top:bottom, c0:c1] < 140)] = 255
        read, _ = _engine()(piece, use_det=False, use_cls=False)
        text, score = (read[0][0], float(read[0][1])) if read else ("", 0.0)
        if not text.strip() or score < 0.3:
            continue
        confs = [1.0 if ch in LEADER_DOTS else score for ch in text]
        found.append([[[c0, top], [c1, top], [c1, bottom], [c0, bottom]], text, score, [], [], confs])
    return found


def lines_of(result, pt_per_px: float) -> list[OcrLine]:
    """The engine's result (box, text, score, character boxes, characters, confidences) as lines."""
    lines = []
    for item in result or ():
        box, text, score = item[0], item[1], float(item[2])
        if not text.strip():
            continue
        confs = [float(c) for c in item[5]] if len(item) > 5 and len(item[5]) == len(text) else []
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        x0, x1, top, bottom = (min(xs) * pt_per_px, max(xs) * pt_per_px, min(ys) * pt_per_px,
                               max(ys) * pt_per_px)
        chars = _placed(text, confs, item[3], item[4], pt_per_px) if len(item) > 4 else None
        chars = _close_gaps(chars, 0.6 * (bottom - top)) if chars else _spread(text, x0, x1, confs)
        lines.append(OcrLine(text, x0, top, x1, bottom, score, chars))
    return lines


def _close_gaps(chars, narrow: float):
    """Each character reaches to the next one unless a real gap lies between them: the engine's
    character boxes leave small gaps of their own, which would read as spaces."""
    out = []
    for k, (ch, x0, x1, conf) in enumerate(chars):
        nxt = chars[k + 1][1] if k + 1 < len(chars) else x1
        out.append((ch, x0, nxt if 0 < nxt - x1 < narrow else x1, conf))
    return out


def _pitch(line: OcrLine) -> float | None:
    """The distance between neighbouring Chinese characters of a line (they are square and set
    solid): the mean of the steps near their median (the engine's character positions come in
    steps of a few pixels); None for a line too short to say (a letter-spaced heading such as
    `第一章  总  则` would look large)."""
    steps = sorted(b[1] - a[1] for a, b in zip(line.chars, line.chars[1:]) if _wide(a[0]) and _wide(b[0]))
    if len(steps) < 6:
        return None
    mid = steps[len(steps) // 2]
    near = [x for x in steps if 0.7 * mid <= x <= 1.4 * mid]
    return sum(near) / len(near)


def _like_neighbour(line: OcrLine, page: list[OcrLine], sizes: dict) -> float | None:
    """The size of the nearest line (measured by its pitch) within four lines above or below
    whose box is as tall as this one's."""
    h = line.bottom - line.top
    near = [(abs(o.top - line.top), sizes[id(o)]) for o in page if id(o) in sizes and o is not line
            and abs((o.bottom - o.top) - h) <= 0.15 * h and abs(o.top - line.top) <= 4 * h]
    return min(near)[1] if near else None


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
