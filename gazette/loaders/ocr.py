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
import re
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
    found, dropped = _line_ends(image, result)
    starts, redone = _line_starts(image, result)
    kept = [r for k, r in enumerate(result) if k not in dropped and k not in redone]
    return lines_of(kept + found + starts, pt_per_px)


def _line_starts(image, result) -> tuple[list, set[int]]:
    """Lines read again with what the detector left out at their start: a large letter-spaced
    heading's first character is sometimes not taken for text (`目  录` found as `录`).  Where ink
    no other box holds lies left of a box in its row, the box is read again from that ink on,
    and the new reading replaces it if it still ends with what the box held."""
    import numpy as np

    boxes = [(min(p[0] for p in r[0]), min(p[1] for p in r[0]), max(p[0] for p in r[0]), max(p[1] for p in r[0]))
             for r in result]
    if not boxes:
        return [], set()
    edges, width = (min(b[0] for b in boxes), max(b[2] for b in boxes)), image.shape[1]
    grey = image if image.ndim == 2 else image.mean(axis=2)
    found, redone = [], set()
    for k, line in enumerate(boxes):
        h = line[3] - line[1]
        crop = _crop(grey, boxes, line, edges, width, whole_only=False, left=True) if h > 4 else None
        if crop is None:
            continue
        a, b, top, bottom, held, _ = crop
        ink = _ink(grey, crop)
        cols = np.where(ink.sum(axis=0) > 0)[0]
        rows = np.where(ink.sum(axis=1) > 0)[0]
        if len(cols) == 0 or len(result[k][1].strip()) > 3 or rows[-1] - rows[0] < 0.5 * h:
            continue  # only a short heading's missing first character, as tall as a character
        start, end = a + max(0, cols[0] - int(0.3 * h)), int(line[2])
        piece = image[top:bottom, start:end].copy()
        piece[:, :b - start][held[:, start - a:] | (~ink[:, start - a:] & (grey[top:bottom, start:b] < 140))] = 255
        text, score = _read(piece, page_number=False)
        own = result[k][1].strip()
        if len(text) > len(own) and text.endswith(own) and score >= 0.5:
            found.append([[[start, top], [end, top], [end, bottom], [start, bottom]], text, score, [], [],
                          [score] * len(text)])
            redone.add(k)
    return found, redone


LEADER_DOTS = set(".．·…‥")
LEADER_DEBRIS = LEADER_DOTS | set("+-_,，。、:：•●")  # what the engine makes of a speck or a dot


PAGE_NUMBER = re.compile(r"^[（(]?\d{1,3}[)）]?$")


def _read(piece, page_number: bool) -> tuple[str, float]:
    """The recogniser's reading of a piece of a line.  After a leader a page number is expected;
    a lone figure is read badly without context (`3` as `：`), so a reading that is not one is
    tried again on the piece enlarged, on white."""
    import cv2
    import numpy as np

    read, _ = _engine()(piece, use_det=False, use_cls=False)
    text, score = (read[0][0].strip(), float(read[0][1])) if read else ("", 0.0)
    if page_number and not PAGE_NUMBER.match(text):
        big = cv2.resize(piece, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        pad = big.shape[0] // 2
        big = np.pad(big, ((pad, pad), (pad, pad)), constant_values=255)
        again, _ = _engine()(big, use_det=False, use_cls=False)
        if again and PAGE_NUMBER.match(again[0][0].strip()):
            text, score = again[0][0].strip(), float(again[0][1])
    return text, score


def _crop(grey, boxes, line, edges: tuple[float, float], width: int, whole_only: bool, left: bool = False):
    """(a, b, top, bottom, held, cut): the strip right of `line` (left of it with `left`) up to
    the next box of its row (or the edge of the text), the part of it other boxes hold, and —
    with `whole_only` — the boxes much lower than the line that were not counted as holding
    anything; None when the strip is too narrow."""
    import numpy as np

    x0, y0, x1, y1 = line
    h = y1 - y0
    whole = {k for k, bx in enumerate(boxes) if not whole_only or bx[3] - bx[1] >= 0.6 * h}
    row = [boxes[k] for k in whole if (boxes[k][2] < x0 if left else boxes[k][0] > x1)
           and min(boxes[k][3], y1) - max(boxes[k][1], y0) > 0.5 * min(h, boxes[k][3] - boxes[k][1])]
    if left:
        limit = max([bx[2] for bx in row], default=max(0, edges[0] - 2 * h))
        a, b = int(limit + 0.1 * h), int(x0 - 0.05 * h)
    else:
        limit = min([bx[0] for bx in row], default=min(width, edges[1] + 2 * h))
        a, b = int(x1 + 0.05 * h), int(limit - 0.1 * h)
    if b - a < 0.5 * h:
        return None
    top, bottom = int(y0), int(y1)
    held = np.zeros((bottom - top, b - a), dtype=bool)
    cut = set()
    for k, (bx0, by0, bx1, by1) in enumerate(boxes):  # what another box holds is read already
        if bx0 < b and bx1 > a and by0 < y1 and by1 > y0:
            if k in whole:
                held[max(0, int(by0) - top):max(0, int(by1) - top), max(0, int(bx0) - a):max(0, int(bx1) - a)] = True
            else:
                cut.add(k)
    return a, b, top, bottom, held, cut


def _ink(grey, crop):
    """Dark pixels of a strip that no other box holds, without ruling lines and without blobs
    touching the strip's top or bottom (the edges of the lines above and below)."""
    import cv2
    import numpy as np

    a, b, top, bottom, held, _ = crop
    ink = (grey[top:bottom, a:b] < 140) & ~held
    ink[:, ink.mean(axis=0) > 0.85] = False  # a vertical rule
    ink[ink.mean(axis=1) > 0.85, :] = False  # a horizontal rule
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    for k in range(1, count):
        y, h = stats[k, cv2.CC_STAT_TOP], stats[k, cv2.CC_STAT_HEIGHT]
        if y == 0 or y + h >= ink.shape[0]:
            ink[labels == k] = False
    return ink


def _leader_dots(ink, h: float):
    """((first, last) column of a run of dots, column where what follows them starts) when the
    ink begins with a leader: at least four dots (blobs well under half the line's height) on
    one level, evenly spaced, over an em and a half; else (None, None).  Read together with the
    dots, a page number after a long leader is often taken for one more dot."""
    import numpy as np

    cols = ink.any(axis=0)
    runs, start = [], None
    for x, on in enumerate(list(cols) + [False]):
        if on and start is None:
            start = x
        elif not on and start is not None:
            rows = np.where(ink[:, start:x].any(axis=1))[0]
            runs.append((start, x, rows[0], rows[-1] + 1))
            start = None
    dots = 0
    while dots < len(runs) and runs[dots][3] - runs[dots][2] <= 0.35 * h and runs[dots][1] - runs[dots][0] <= 0.35 * h:
        dots += 1
    if dots < 4 or runs[dots - 1][1] - runs[0][0] < 1.5 * h:
        return None, None
    levels = [(r[2] + r[3]) / 2 for r in runs[:dots]]
    steps = [b[0] - a[0] for a, b in zip(runs, runs[1:dots])]
    mean = sum(steps) / len(steps)
    if max(levels) - min(levels) > 0.2 * h or any(abs(x - mean) > 0.5 * mean for x in steps):
        return None, None
    return (runs[0][0], runs[dots - 1][1]), (runs[dots][0] if dots < len(runs) else len(cols))


def _line_ends(image, result) -> list:
    """What the detector left out at the end of lines: a TOC entry's dotted leader and page
    number (small, isolated digits after a run of dots are often not detected), a closing
    punctuation mark.  The ink between a line's box and the next box of its row (or the right
    edge of the text) is read on its own; ruling lines in it are ignored.  Boxes much lower than
    the line (a figure cut in half) do not count as held, and are dropped when that ink is read.
    Returns (the pieces read, indices of dropped boxes)."""
    import numpy as np

    boxes = [(min(p[0] for p in r[0]), min(p[1] for p in r[0]), max(p[0] for p in r[0]), max(p[1] for p in r[0]))
             for r in result]
    if not boxes:
        return [], set()
    dropped: set[int] = set()
    edges = (min(b[0] for b in boxes), max(b[2] for b in boxes))
    width = image.shape[1]
    grey = image if image.ndim == 2 else image.mean(axis=2)
    found = []
    for line in boxes:
        h = line[3] - line[1]
        if h <= 4:
            continue
        crop = _crop(grey, boxes, line, edges, width, whole_only=False)
        if crop is None:
            continue
        if _leader_dots(_ink(grey, crop), h)[0] is not None:  # boxes cut through a page number are no help
            crop = _crop(grey, boxes, line, edges, width, whole_only=True)
        a, b, top, bottom, held, cut = crop
        ink = _ink(grey, crop)
        cols = np.where(ink.sum(axis=0) > 0)[0]
        if len(cols) == 0 or ink.sum() < 0.01 * h * h:
            continue
        clean = image[top:bottom, a:b].copy()
        clean[held | (~ink & (grey[top:bottom, a:b] < 140))] = 255  # what other boxes hold, and rules
        dropped |= cut
        lead, rest = _leader_dots(ink, h)
        if lead is not None:  # a dotted leader: the dots are a leader, what follows is read alone
            found.append([[[a + lead[0], top], [a + lead[1], top], [a + lead[1], bottom], [a + lead[0], bottom]],
                          ".....", 1.0, [], [], [1.0] * 5])
            cols = cols[cols >= rest]
            if len(cols) == 0:
                continue
        c0, c1 = max(0, cols[0] - int(0.3 * h)), min(b - a, cols[-1] + int(0.3 * h))
        text, score = _read(clean[:, c0:c1], page_number=lead is not None)
        if score < 0.5 or not set(text) - LEADER_DEBRIS - {" "}:
            continue  # a speck, or the engine's doubt
        confs = [1.0 if ch in LEADER_DOTS else score for ch in text]
        found.append([[[a + c0, top], [a + c1, top], [a + c1, bottom], [a + c0, bottom]], text, score, [], [], confs])
    return found, dropped


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
        text = engine_habits(text)
        chars = _placed(text, confs, item[3], item[4], pt_per_px) if len(item) > 4 else None
        chars = _close_gaps(chars, 0.6 * (bottom - top)) if chars else _spread(text, x0, x1, confs)
        lines.append(OcrLine(text, x0, top, x1, bottom, score, chars))
    return lines


_CJK = "\u3400-\u9fff\uff00-\uffef\u3000-\u303f"
_RANGE_DASH = re.compile(r"(?<=\d)(日?)一(?=\d)")
_UNKNOWN_BULLET = re.compile(r"^[?？](?=[\u3400-\u9fff])")


def engine_habits(text: str) -> str:
    """The recogniser's label set has one double quote, no bullets, and reads a dash between
    figures as 一: in Chinese text `"放管服"` is printed “放管服”, a `?` opening a line of
    Chinese is a bullet it has no label for (◆), and `17日一18日` is 17日—18日.  (Same length:
    the characters keep their boxes.)"""
    text = _UNKNOWN_BULLET.sub("·", text)
    if '"' in text and re.search(f"[{_CJK}]", text):
        out, opening = [], True
        for ch in text:
            if ch == '"':
                ch, opening = ("“" if opening else "”"), not opening
            out.append(ch)
        text = "".join(out)
    return _RANGE_DASH.sub(lambda m: m.group(1) + "—", text)


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
