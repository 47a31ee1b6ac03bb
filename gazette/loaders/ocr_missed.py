"""What the OCR detector leaves out, read on its own.

PP-OCR's detector misses small isolated things: the dotted leader of a TOC entry and the page
number after it, a closing punctuation mark, and now and then the first character of a large
letter-spaced heading (`目  录` found as `录`).  The ink beside a detected line, that no other box
holds, is read with the recogniser alone; ruling lines and the edges of the neighbouring lines
are left out of it.
"""
from __future__ import annotations

import re

from .ocr import engine
from .pdf_layout import LEADER_DEBRIS

LEADER_DOTS = set(".．·…‥")


PAGE_NUMBER = re.compile(r"^[（(]?\d{1,3}[)）]?$")


def _read(piece, page_number: bool) -> tuple[str, float]:
    """The recogniser's reading of a piece of a line.  After a leader a page number is expected;
    a lone figure is read badly without context (`3` as `：`), so a reading that is not one is
    tried again on the piece enlarged, on white."""
    import cv2
    import numpy as np

    read, _ = engine()(piece, use_det=False, use_cls=False)
    text, score = (read[0][0].strip(), float(read[0][1])) if read else ("", 0.0)
    if page_number and not PAGE_NUMBER.match(text):
        big = cv2.resize(piece, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        pad = big.shape[0] // 2
        big = np.pad(big, ((pad, pad), (pad, pad)), constant_values=255)
        again, _ = engine()(big, use_det=False, use_cls=False)
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


def line_ends(image, result) -> tuple[list, set[int]]:
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


def line_starts(image, result) -> tuple[list, set[int]]:
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
