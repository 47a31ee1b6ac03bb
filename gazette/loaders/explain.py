"""What the PDF loader decided on a page, as data and as a picture (`gazette inspect`).

The page is read exactly as `load()` reads the whole file (running headers need every page),
then the decisions for one page are collected: the gutter between columns, the rows dropped
as running header/footer or page number, ruled tables, every visual line in reading order with
the number of the loaded line it became part of, and for a scanned page the boxes the OCR
engine found with their confidence.  `draw()` paints them over pdfplumber's image of the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, UsageError

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points, from the page's top left


@dataclass
class PageView:
    path: str
    page: int
    pages: int
    width: float
    height: float
    gutter: tuple[float, float] | None = None
    furniture: list[dict] = field(default_factory=list)  # {"box", "text"}
    tables: list[Box] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)  # {"order", "line", "box", "text", "kind", "loaded"}
    ocr: list[dict] = field(default_factory=list)  # {"box", "text", "confidence", "unsure"}

    def to_dict(self) -> dict:
        return {"path": self.path, "page": self.page, "pages": self.pages, "width": round(self.width, 1),
                "height": round(self.height, 1), "read_by_ocr": bool(self.ocr),
                "gutter": [round(x, 1) for x in self.gutter] if self.gutter else None,
                "furniture": self.furniture, "tables": [_r(b) for b in self.tables],
                "lines": self.lines, "ocr_boxes": self.ocr}


def _r(box) -> list[float]:
    return [round(v, 1) for v in box]


def explain_page(path: str | Path, page: int, *, password: str | None = None, ocr: bool = False) -> PageView:
    """The loader's decisions on page `page` (1-based) of the PDF at `path`."""
    from . import sniff
    from .paragraphs import assemble
    from .pdf import read_document
    from .pdf_layout import layout_document

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise LoadError(f"cannot be read: {e.strerror}", path=str(p), hint="check the path") from None
    try:
        if sniff(data, p.suffix.lower(), ocr) != "pdf":
            raise LoadError("is not a PDF", hint="gazette inspect draws pages of PDF files")
        pages, _, _ = read_document(data, password, ocr=ocr)
    except LoadError as e:
        e.path = e.path or str(p)
        raise
    if not 1 <= page <= len(pages):
        raise UsageError(f"--page {page} is not a page of {p} (it has {len(pages)})",
                         hint=f"give a page from 1 to {len(pages)}")
    trace: dict = {}
    items = layout_document(pages, trace)
    lines, _ = assemble(items)
    texts = {line.no: line.text for line in lines}
    pc, tr = pages[page - 1], trace.get(page)
    view = PageView(str(p), page, len(pages), pc.width, pc.height)
    if tr is None:
        return view
    view.gutter = tr.gutter
    view.furniture = [{"box": _r(b), "text": t} for b, t in tr.furniture]
    view.tables = tr.tables
    for k, v in enumerate(tr.lines, 1):
        view.lines.append({"order": k, "line": v.line, "box": _r((v.x0, v.top, v.x1, v.bottom)),
                           "text": v.text, "kind": "table row" if v.cells is not None else "text",
                           "loaded": texts.get(v.line)})
    for o in pc.ocr:
        view.ocr.append({"box": _r((o.x0, o.top, o.x1, o.bottom)), "text": o.text,
                         "confidence": round(o.confidence, 3),
                         "unsure": [[ch, round(c, 2)] for ch, _, _, c in o.chars if c < 0.8]})
    return view


COLOURS = {"line": (31, 119, 180), "table": (44, 160, 44), "furniture": (214, 39, 40),
           "gutter": (255, 200, 0), "ocr": (255, 127, 14), "order": (120, 120, 255)}


def draw(view: PageView, out: str | Path, *, password: str | None = None, resolution: int = 110) -> None:
    """A PNG of the page (pdfplumber's image) with the loader's decisions drawn over it."""
    import pdfplumber
    from PIL import Image, ImageDraw, ImageFont

    with pdfplumber.open(view.path, password=password or "") as pdf:
        page = pdf.pages[view.page - 1]
        base = page.to_image(resolution=resolution).original.convert("RGB")
    sx, sy = base.width / view.width, base.height / view.height
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)
    font = ImageFont.load_default()

    def rect(box, colour, width=1, fill=None):
        x0, top, x1, bottom = box
        pen.rectangle([x0 * sx, top * sy, x1 * sx, bottom * sy], outline=colour + (230,), width=width,
                      fill=fill)

    if view.gutter and view.lines:
        g0, g1 = view.gutter
        top = min(item["box"][1] for item in view.lines)
        bottom = max(item["box"][3] for item in view.lines)
        pen.rectangle([g0 * sx, top * sy, g1 * sx, bottom * sy], fill=COLOURS["gutter"] + (70,))
    for f in view.furniture:
        rect(f["box"], COLOURS["furniture"], 2, COLOURS["furniture"] + (40,))
    for t in view.tables:
        rect(t, COLOURS["table"], 2)
    for o in view.ocr:
        rect(o["box"], COLOURS["ocr"], 1)
    path = []
    for item in view.lines:
        colour = COLOURS["table"] if item["kind"] == "table row" else COLOURS["line"]
        rect(item["box"], colour, 1)
        x0, top, _, bottom = item["box"]
        path.append((x0 * sx, (top + bottom) / 2 * sy))
        label = str(item["line"] or "")
        pen.text((x0 * sx - 4 - 6 * len(label), top * sy), label, fill=colour + (255,), font=font)
    if len(path) > 1:
        pen.line(path, fill=COLOURS["order"] + (160,), width=1)
    legend = [("visual line, labelled with its loaded line number", "line"), ("reading order", "order"),
              ("running header / footer, page number (dropped)", "furniture"), ("ruled table", "table"),
              ("gutter between columns", "gutter"), ("OCR box", "ocr")]
    y = base.height - 6 - 14 * len(legend)  # in the bottom margin, on white
    pen.rectangle([2, y - 4, 300, base.height - 2], fill=(255, 255, 255, 235))
    for text, key in legend:
        pen.rectangle([6, y, 18, y + 10], fill=COLOURS[key] + (200,))
        pen.text((24, y - 1), text, fill=(0, 0, 0, 255), font=font)
        y += 14
    Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB").save(out, "PNG", optimize=True)
