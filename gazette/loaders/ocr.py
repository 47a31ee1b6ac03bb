"""OCR of scanned pages with rapidocr-onnxruntime (PP-OCR Chinese models inside its wheel).

`pip install 'gazette[ocr]'` installs it; nothing is downloaded at run time.  A page image
(a scanned PDF page rendered by pypdfium2, or a JPEG/PNG/TIFF) becomes recognised lines with
boxes in points; `ocr_sizes` turns them into characters like a PDF's text layer, so the same
layout analysis (rows, running headers, columns, paragraphs) reads them, and `ocr_missed` reads
what the detector left out.  Each character keeps the recogniser's confidence.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import LoadError

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
def engine():
    """The recogniser, loaded once per process (its models load in about half a second)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise LoadError("needs OCR, and the OCR engine is not installed", hint=INSTALL_HINT) from None
    # the whole page at its own resolution: the default shrinks pages to 2000 px, too small for
    # the characters of a 300 dpi scan
    return RapidOCR(max_side_len=6000, print_verbose=False)


def wide(ch: str) -> bool:
    """A character a Chinese font sets an em wide."""
    return ord(ch) >= 0x2E80 or ch in "—…“”‘’"


def _spread(text: str, x0: float, x1: float, confs: list[float]) -> list[tuple[str, float, float, float]]:
    """Characters placed over the line's width in proportion to their usual widths."""
    total = sum(1.0 if wide(ch) else (0.3 if ch.isspace() else 0.5) for ch in text) or 1.0
    step = (x1 - x0) / total
    out, x = [], x0
    for k, ch in enumerate(text):
        w = step * (1.0 if wide(ch) else (0.3 if ch.isspace() else 0.5))
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
    result, _ = engine()(image, use_cls=False, return_word_box=True)
    from .ocr_missed import line_ends, line_starts

    result = list(result or ())
    found, dropped = line_ends(image, result)
    starts, redone = line_starts(image, result)
    kept = [r for k, r in enumerate(result) if k not in dropped and k not in redone]
    return lines_of(kept + found + starts, pt_per_px)


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
# a page number between dashes with a dash read as 一: '—2一', '一2—', '一2一' (a folio, '—2—')
_FOLIO = re.compile(r"^(?P<a>[一—－–-])(?P<n>\s*\d{1,3}\s*)(?P<b>[一—－–-])$")


def engine_habits(text: str) -> str:
    """The recogniser's label set has one double quote, no bullets, and reads a dash between
    figures as 一: in Chinese text `"放管服"` is printed “放管服”, a `?` opening a line of
    Chinese is a bullet it has no label for (◆), `17日一18日` is 17日—18日, and a folio `—2一`
    is —2—.  (Same length: the characters keep their boxes.)"""
    text = _UNKNOWN_BULLET.sub("·", text)
    if '"' in text and re.search(f"[{_CJK}]", text):
        out, opening = [], True
        for ch in text:  # (a quote it did read as “ or ” counts: '“府院联动"' closes)
            if ch == '"':
                ch, opening = ("“" if opening else "”"), not opening
            elif ch in "“”":
                opening = ch == "”"
            out.append(ch)
        text = "".join(out)
    text = _FOLIO.sub(lambda m: "—" + m["n"] + "—" if "一" in m["a"] + m["b"] else m.group(0), text)
    return _RANGE_DASH.sub(lambda m: m.group(1) + "—", text)


def _close_gaps(chars, narrow: float):
    """Each character reaches to the next one unless a real gap lies between them: the engine's
    character boxes leave small gaps of their own, which would read as spaces."""
    out = []
    for k, (ch, x0, x1, conf) in enumerate(chars):
        nxt = chars[k + 1][1] if k + 1 < len(chars) else x1
        out.append((ch, x0, nxt if 0 < nxt - x1 < narrow else x1, conf))
    return out
