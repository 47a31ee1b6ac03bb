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
    return lines_of(result, pt_per_px)


def lines_of(result, pt_per_px: float) -> list[OcrLine]:
    """The engine's result (box, text, score, character boxes, characters, confidences) as lines."""
    lines = []
    for item in result or ():
        box, text, score = item[0], item[1], float(item[2])
        if not text.strip():
            continue
        confs = [float(c) for c in item[5]] if len(item) > 5 and len(item[5]) == len(text) else []
        xs, ys = [p[0] for p in box], [p[1] for p in box]
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


def _size(line: OcrLine) -> float:
    """The size a line is printed at: the distance between neighbouring Chinese characters
    (square, and set solid), the closest quarter of them so that a letter-spaced heading
    (`第一章  总  则`) is not taken for a large one; for a line too short to say, its box height
    (the detector's box is about the characters' height)."""
    steps = sorted(b[1] - a[1] for a, b in zip(line.chars, line.chars[1:]) if _wide(a[0]) and _wide(b[0]))
    height = (line.bottom - line.top) / 1.05
    if len(steps) >= 3:
        return min(steps[len(steps) // 4], 1.3 * height)
    return height


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
    """Characters of recognised pages, each line's size snapped to the document's sizes."""
    sizes = {id(line): round(_size(line), 1) for lines in pages_lines for line in lines}
    snapped = snap_sizes([(sizes[id(line)], len(line.text)) for lines in pages_lines for line in lines])
    pages = []
    for lines in pages_lines:
        chars = []
        for line in lines:
            size = snapped[sizes[id(line)]]
            # the detector centres its box on the line: the baseline lies about 0.38 em below the centre
            base = (line.top + line.bottom) / 2 + 0.38 * size
            for ch, x0, x1, conf in line.chars:
                chars.append(Char(ch, x0, x1, line.top, line.bottom, size, False, base, conf))
        pages.append(chars)
    return pages
