"""PDF: characters and ruling lines from pypdfium2, laid out in reading order.

pypdfium2 gives every character with its box, font size and weight at a few milliseconds a
page (pdfplumber needs about 170 ms a page for the same characters), and the page's path
objects, from which table rulings are taken.  The layout work (rows, columns, running
headers, tables, paragraphs) lives in `pdf_layout`, `pdf_tables` and `paragraphs`.
"""
from __future__ import annotations

import ctypes
import math
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..errors import EncryptedError, LoadError, NoTextError
from ..model import Warning
from . import scan
from .limits import check
from .pdf_layout import Char, PageContent, layout_document
from .pdf_tables import Rule
from .paragraphs import assemble

_SKIP = {0, 0xFFFE, 0xFFFF, 0x0A, 0x0D, 0x02}


def _open(data: bytes, password: str | None) -> pdfium.PdfDocument:
    if b"%%EOF" not in data[-4096:]:
        raise LoadError("is a truncated or damaged PDF (no end-of-file marker)",
                        hint="download or export the PDF again")
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            if password:
                raise EncryptedError("is an encrypted PDF and the password given is wrong",
                                     hint="check the password passed with --password") from None
            raise EncryptedError("is an encrypted PDF and needs a password",
                                 hint="pass it with --password") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise EncryptedError("uses an unsupported PDF security handler",
                                 hint="remove the protection (e.g. `qpdf --decrypt in.pdf out.pdf`)") from None
        raise LoadError("is a damaged PDF that cannot be opened",
                        hint="download or export the PDF again") from None


class Orientation:
    """From PDF user space (y up) to reading space (x along the text, `top` down the page).

    `turns` is the text's direction in quarter turns counter-clockwise: 0 for upright text,
    1 for text running up the page (a landscape table set sideways on a portrait page)."""

    def __init__(self, turns: int, box: tuple[float, float, float, float]):
        self.turns = turns
        self.x0, self.y0, x1, y1 = box
        self.w, self.h = x1 - self.x0, y1 - self.y0

    @property
    def size(self) -> tuple[float, float]:
        return (self.h, self.w) if self.turns % 2 else (self.w, self.h)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) in reading space."""
        left, right, bottom, top = left - self.x0, right - self.x0, bottom - self.y0, top - self.y0
        if self.turns == 1:
            return bottom, top, left, right
        if self.turns == 2:
            return self.w - right, self.w - left, bottom, top
        if self.turns == 3:
            return self.h - top, self.h - bottom, self.w - right, self.w - left
        return left, right, self.h - top, self.h - bottom


def _orientation(page, textpage) -> Orientation:
    """The direction most of the page's first characters run in."""
    n = raw.FPDFText_CountChars(textpage)
    turns = Counter()
    for i in range(0, n, max(1, n // 60)):
        angle = raw.FPDFText_GetCharAngle(textpage, i)
        if angle >= 0 and not raw.FPDFText_IsGenerated(textpage, i):  # pdfium counts clockwise
            turns[(4 - round(angle / (math.pi / 2))) % 4] += 1
    box = page.get_mediabox()
    return Orientation(turns.most_common(1)[0][0] if turns else 0, box)


def _chars(textpage, frame: Orientation) -> list[Char]:
    """The page's characters in reading space; generated and overprinted ones dropped."""
    n = raw.FPDFText_CountChars(textpage)
    if n <= 0:
        return []
    codes = (ctypes.c_uint16 * (n + 1))()
    raw.FPDFText_GetText(textpage, 0, n, ctypes.cast(codes, ctypes.POINTER(ctypes.c_ushort)))
    rect = raw.FS_RECTF()
    box, size_of, weight_of = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize, raw.FPDFText_GetFontWeight
    matrix_of, origin_of = raw.FPDFText_GetMatrix, raw.FPDFText_GetCharOrigin
    ref = ctypes.byref(rect)
    m, ox_, oy_ = raw.FS_MATRIX(), ctypes.c_double(), ctypes.c_double()
    last_ratio, scale = -1.0, 1.0
    mref, oxref, oyref = ctypes.byref(m), ctypes.byref(ox_), ctypes.byref(oy_)
    check("page-characters", n)
    out: list[Char] = []
    seen: set = set()
    upright, ox, top0 = frame.turns == 0, frame.x0, frame.y0 + frame.h
    width, height = frame.size
    for i in range(n):
        code = codes[i]
        if code in _SKIP:
            continue
        if code == 32 and raw.FPDFText_IsGenerated(textpage, i):
            continue
        if 0xD800 <= code <= 0xDFFF:  # outside the BMP: ask for the whole code point
            code = raw.FPDFText_GetUnicode(textpage, i)
            if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:  # a lone surrogate: no character
                continue
        box(textpage, i, ref)
        gx, gy = int(rect.left), int(rect.top)  # fake bold: the same glyph printed again within 1 pt
        if (code, gx, gy) in seen or (code, gx - 1, gy) in seen or (code, gx + 1, gy) in seen \
                or (code, gx, gy - 1) in seen or (code, gx, gy + 1) in seen:
            continue
        seen.add((code, gx, gy))
        if upright:  # the common case, without a call
            x0, x1, top, bottom = rect.left - ox, rect.right - ox, top0 - rect.top, top0 - rect.bottom
        else:
            x0, x1, top, bottom = frame.box(rect.left, rect.bottom, rect.right, rect.top)
        if x1 < 0 or x0 > width or bottom < 0 or top > height:
            continue  # off the page: nobody sees it (and it would stretch the layout's grids)
        # the printed size: some producers set every font at 1 pt and scale it by the matrix.  The
        # matrix is asked again only when the box's height stops matching the last character's
        font_size = size_of(textpage, i)
        ratio = (rect.top - rect.bottom) / font_size if font_size else 0.0
        if abs(ratio - last_ratio) > 0.05 * max(ratio, 1e-6):
            scale = math.sqrt(abs(m.a * m.d - m.b * m.c)) if matrix_of(textpage, i, mref) else 1.0
            last_ratio = ratio
        size = font_size * scale
        origin_of(textpage, i, oxref, oyref)
        base = top0 - oy_.value if upright else frame.box(ox_.value, oy_.value, ox_.value, oy_.value)[2]
        out.append(Char(chr(code), x0, x1, top, bottom, size, weight_of(textpage, i) >= 600, base))
    return out


def _rules(page, frame: Orientation) -> list[Rule]:
    """Thin path objects (table rulings); anything thicker than 3 pt is not a rule."""
    out: list[Rule] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, bottom, right, top)]

    def walk(count, get, depth):
        for k in range(count):
            obj = get(k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 2:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda j: raw.FPDFFormObj_GetObject(obj, j), depth + 1)
            elif kind == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetBounds(obj, *refs):
                w, h = right.value - left.value, top.value - bottom.value
                if (w <= 3 and h > 5) or (h <= 3 and w > 5):
                    x0, x1, y0, y1 = frame.box(left.value, bottom.value, right.value, top.value)
                    out.append(Rule(x0, y0, x1, y1))

    raw_page = page.raw
    walk(raw.FPDFPage_CountObjects(raw_page), lambda k: raw.FPDFPage_GetObject(raw_page, k), 0)
    return out


def _images(page) -> int:
    """Image objects on a page (of a page without text: a scan, or nothing at all)."""
    raw_page = page.raw
    kinds = (raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(raw_page, k))
             for k in range(raw.FPDFPage_CountObjects(raw_page)))
    return sum(kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM) for kind in kinds)


def read_pages(doc: pdfium.PdfDocument) -> tuple[list[PageContent], list[int], list[int]]:
    """Every page's characters and rulings, and the 0-based pages that need OCR: scans (no text
    layer, an image) and pages whose text layer maps to no Unicode text."""
    check("pdf-pages", len(doc))
    pages, scanned, garbled = [], [], []
    total = 0
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        try:
            frame = _orientation(page, textpage)
            chars = _chars(textpage, frame)
            rules = _rules(page, frame) if chars else []
            images = 0 if chars else _images(page)
            if images:
                scanned.append(i)
            elif scan.unreadable(chars):
                garbled.append(i)
        finally:
            textpage.close()
            page.close()
        width, height = frame.size
        total += len(chars)
        check("characters", total, f"by page {i + 1}")
        pages.append(PageContent(no=i + 1, width=width, height=height, chars=chars, rules=rules, images=images))
    return pages, scanned, garbled


def read_document(data: bytes, password: str | None = None, *, ocr: bool = False, progress=None):
    """(pages, pages read by OCR, warnings): a PDF's characters and rulings page by page; with
    `ocr`, pages without a readable text layer are read by OCR, else a mixed PDF says which
    pages it skipped and a PDF without any text layer is a `NoTextError`."""
    doc = _open(data, password)
    notes = []
    try:
        if len(doc) == 0:
            raise LoadError("is a PDF without pages", hint="export the PDF again")
        try:
            pages, scanned, garbled = read_pages(doc)
        except pdfium.PdfiumError:
            raise LoadError("is a damaged PDF: a page cannot be read",
                            hint="download or export the PDF again") from None
        todo = sorted(scanned + garbled)
        text_pages = [p for k, p in enumerate(pages) if p.chars and k not in todo]
        if not text_pages and not todo:
            raise NoTextError(f"is a PDF whose {len(pages)} pages are empty (no text, no images)",
                              hint="export the PDF again from the original document")
        if todo and ocr:
            scan.ocr_pdf_pages(doc, pages, todo, progress)
        elif todo and not text_pages:
            raise scan.no_text_error(scanned, garbled, len(pages))
        elif todo:  # a mixed PDF read without OCR: say what is missing
            for k in todo:
                pages[k].chars = []
            many = len(todo) > 1
            notes.append(Warning("no-text-layer", f"page{'s' if many else ''} "
                                 f"{scan.page_ranges([k + 1 for k in todo])} of {len(pages)} "
                                 f"{'have' if many else 'has'} no readable text layer and "
                                 f"{'were' if many else 'was'} skipped ({scan.hint()})"))
    finally:
        doc.close()
    return pages, [k + 1 for k in todo] if todo and ocr else [], notes


def load_pdf(data: bytes, password: str | None = None, *, ocr: bool = False, progress=None):
    """A PDF's lines; with `ocr`, pages without a readable text layer are read by OCR."""
    from . import Loaded

    pages, ocr_pages, notes = read_document(data, password, ocr=ocr, progress=progress)
    lines, tables = assemble(layout_document(pages))
    notes += scan.warnings(lines, ocr_pages, len(pages))
    return Loaded(path="", format="pdf", sha256="", lines=lines, pages=len(pages), tables=tables,
                  warnings=notes, ocr_pages=ocr_pages or None)
