"""Scanned pages: which pages of a PDF need OCR, rendering them, reading images, and what the
reader is told about it.

A page needs OCR when it has no text layer but an image (a scan), or when its text layer maps
its characters to no Unicode text.  With `ocr=True` such pages are rendered by pypdfium2 at the
scan's own resolution (between 150 and 300 dpi) and read by `ocr`; the other pages of a mixed
PDF keep their text layer.  JPEG, PNG and TIFF files (every frame of a TIFF) are read the same
way.  The loader's warnings say which pages were OCR'd and name the characters the engine was
unsure of.
"""
from __future__ import annotations

import io
from typing import Callable

from ..errors import LoadError, NoTextError
from ..model import Warning
from . import ocr, ocr_sizes
from .pdf_layout import PageContent
from .pdf_tables import Rule

MIN_DPI, MAX_DPI, DEFAULT_DPI = 150, 300, 300
MAX_SIDE = 5000  # pixels on a page image's longer side that OCR reads (A3 at 300 dpi is 4960)
Progress = Callable[[int, int], None]  # (pages done, pages to do)


def unreadable(chars) -> bool:
    """Most characters are private-use or replacement code points: fonts without a ToUnicode map."""
    codes = [c.text for c in chars if not c.text.isspace()]
    bad = sum(1 for t in codes if t == "\ufffd" or "\ue000" <= t <= "\uf8ff" or t < " ")
    return bool(codes) and bad > 0.5 * len(codes)


def page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → '1–3, 5'."""
    out, start = [], None
    for k, n in enumerate(numbers):
        if start is None:
            start = n
        if k + 1 == len(numbers) or numbers[k + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return ", ".join(out)


def hint() -> str:
    """What to do about pages without a readable text layer."""
    if ocr.available():
        return "pass --ocr to read scanned pages and images by OCR"
    return ocr.INSTALL_HINT


def no_text_error(scanned: list[int], garbled: list[int], total: int) -> NoTextError:
    """The error for a PDF none of whose pages has a readable text layer."""
    if garbled and not scanned:
        return NoTextError("is a PDF whose text layer cannot be read (its fonts map characters to no "
                           "Unicode text)", hint=hint())
    return NoTextError(f"is a PDF without a text layer ({total} pages of images only: a scan)", hint=hint())


def _dpi(page) -> int:
    """The resolution of the page's scan (its largest image), kept between 150 and 300 dpi."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    best = 0.0
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            meta = obj.get_metadata()
        except pdfium.PdfiumError:  # an image pdfium cannot describe says nothing about resolution
            continue
        best = max(best, float(meta.horizontal_dpi or 0), float(meta.vertical_dpi or 0))
    if not best:
        return DEFAULT_DPI
    return int(min(MAX_DPI, max(MIN_DPI, best)))


def image_rules(grey, pt_per_px: float) -> list:
    """Ruling lines of a scanned page (table grids, the rule under a running header): long
    straight runs of ink, found by opening the image with a long thin kernel (strokes of
    characters are far shorter); in pixels, at most 3 pt thick."""
    import cv2
    import numpy as np

    height, width = grey.shape[:2]
    ink = (np.asarray(grey) < 160).astype(np.uint8) * 255
    out = []
    for kernel, horizontal in (((max(20, width // 30), 1), True), ((1, max(20, height // 40)), False)):
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, w, h, _ in stats[1:count]:
            thin, long = (h, w) if horizontal else (w, h)
            if thin * pt_per_px <= 3 and long * pt_per_px > 5:
                out.append(Rule(x, y, x + w, y + h))
    return out


def read_image(grey, pt_per_px: float):
    """(recognised lines, ruling lines) of a page image.  The rulings are found first, and those
    of table grids and rules across a third of the page whitened, so that the recogniser does
    not read a table's lines as `|` or `1` (a large title's strokes are left alone)."""
    from .pdf_tables import grid_rules

    rules = image_rules(grey, pt_per_px)
    in_points = [Rule(r.x0 * pt_per_px, r.top * pt_per_px, r.x1 * pt_per_px, r.bottom * pt_per_px) for r in rules]
    grid = {id(p) for p in grid_rules(in_points)}
    clean = grey.copy()
    for r, p in zip(rules, in_points):
        if id(p) in grid or r.x1 - r.x0 >= grey.shape[1] / 3:
            clean[max(0, int(r.top) - 1):int(r.bottom) + 2, max(0, int(r.x0) - 1):int(r.x1) + 2] = 255
    return ocr.recognise(clean, pt_per_px), in_points


def ocr_pdf_pages(doc, pages: list[PageContent], which: list[int], progress: Progress | None = None) -> None:
    """Replace the characters of pages `which` (0-based) by what OCR reads on them."""
    recognised = []
    for k, i in enumerate(which):
        page = doc[i]
        try:
            dpi = min(_dpi(page), 72 * MAX_SIDE / max(page.get_width(), page.get_height(), 1.0))
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_numpy()
            lines, rules = read_image(image, 72 / dpi)
            recognised.append(lines)
            h_px, w_px = image.shape[:2]
        finally:
            page.close()
        pages[i].chars, pages[i].rules = [], rules
        pages[i].width, pages[i].height = w_px * 72 / dpi, h_px * 72 / dpi
        if progress:
            progress(k + 1, len(which))
    for i, chars, lines in zip(which, ocr_sizes.to_chars(recognised), recognised):
        pages[i].chars, pages[i].ocr = chars, lines


def image_pages(data: bytes, progress: Progress | None = None) -> list[PageContent]:
    """Pages of a JPEG, PNG or TIFF (every frame) read by OCR, one frame in memory at a time;
    a frame larger than MAX_SIDE pixels is scaled down first."""
    import numpy as np
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from .limits import check

    bad = (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError)
    try:
        image = Image.open(io.BytesIO(data))
        total = getattr(image, "n_frames", 1)
    except bad as e:
        raise LoadError(f"is an image that cannot be decoded ({e})", hint="export or scan it again") from None
    check("pdf-pages", total, "frames of the image")
    recognised, sizes, rules = [], [], []
    try:
        for k, frame in enumerate(ImageSequence.Iterator(image)):
            pt_per_px = _pt_per_px(frame)
            grey = frame.convert("L")
            if max(grey.size) > MAX_SIDE:
                factor = MAX_SIDE / max(grey.size)
                grey = grey.resize((max(1, int(grey.width * factor)), max(1, int(grey.height * factor))))
                pt_per_px /= factor
            lines, found = read_image(np.asarray(grey), pt_per_px)
            recognised.append(lines)
            rules.append(found)
            sizes.append((grey.width * pt_per_px, grey.height * pt_per_px))
            if progress:
                progress(k + 1, total)
    except bad as e:
        raise LoadError(f"is an image that cannot be decoded ({e})", hint="export or scan it again") from None
    return [PageContent(no=k + 1, width=w, height=h, chars=chars, rules=r, ocr=lines)
            for k, ((w, h), chars, lines, r) in enumerate(zip(sizes, ocr_sizes.to_chars(recognised), recognised, rules))]


def _pt_per_px(frame) -> float:
    """Points per pixel from the image's resolution, else as if the page were A4."""
    dpi = frame.info.get("dpi")
    try:
        x = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        x = 0.0
    if 72 < x < 1200:
        return 72 / x
    return (842.0 if frame.width > frame.height else 595.0) / frame.width


def warnings(lines, ocr_pages: list[int], total: int) -> list[Warning]:
    """`ocr-pages` saying which pages were read by OCR, and `ocr-low-confidence` for each line
    with characters the engine was unsure of."""
    if not ocr_pages:
        return []
    confs = [line.hints["ocr"] for line in lines if "ocr" in line.hints]
    mean = sum(confs) / len(confs) if confs else 0.0
    many = len(ocr_pages) > 1
    which = ("all pages" if many else "the page") if len(ocr_pages) == total else \
        f"page{'s' if many else ''} {page_ranges(ocr_pages)} of {total}"
    out = [Warning("ocr-pages", f"{which} had no text layer and {'were' if many else 'was'} read by OCR "
                                f"(mean confidence {mean:.2f}); check names and numbers against the scan")]
    for line in lines:
        low = line.hints.get("ocr_low")
        if low:
            shown = ", ".join(f"{ch} ({conf:.2f})" for ch, conf in low[:8]) + (" …" if len(low) > 8 else "")
            out.append(Warning("ocr-low-confidence", f"OCR is unsure of {shown}", line.no))
    return out


def load_image(data: bytes, progress: Progress | None = None):
    """A scanned page (or a TIFF of pages) read by OCR into lines."""
    from . import Loaded
    from .paragraphs import assemble
    from .pdf_layout import layout_document

    pages = image_pages(data, progress)
    if not any(p.chars for p in pages):
        raise NoTextError("is an image in which OCR finds no text", hint="check that it is a scan of a text page")
    lines, tables = assemble(layout_document(pages))
    numbers = [p.no for p in pages]
    return Loaded(path="", format="image", sha256="", lines=lines, pages=len(pages), tables=tables,
                  warnings=warnings(lines, numbers, len(pages)), ocr_pages=numbers)
