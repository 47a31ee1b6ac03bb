"""DOCX (python-docx): the body walked in order, paragraphs and tables interleaved.

python-docx lists paragraphs and tables separately; the body element is walked here so a
table stays where it stands.  Text comes from runs only: bookmarks, field codes, deleted
revisions, images, headers and footers never reach the lines; a text box's text (a
masthead often is one) comes before the paragraph it is anchored in.  A manual line break
splits a paragraph into lines (an issuer and its date are often one paragraph); a
title printed over several `Title` paragraphs becomes one line.  Page breaks (a page
break run, `pageBreakBefore`, a section break) become the `page_break` hint of the next
line; Word does not store where its other page breaks fall, so `page` stays empty.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..errors import LoadError
from ..lineclass import is_structural
from ..model import Line, Table
from .docx_numbering import Numbering
from .docx_xml import W, Para, paragraph, style_facts, table_rows
from .limits import check, number

_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


_OTHER_ZIPS = (("xl/", "an Excel workbook"), ("ppt/", "a PowerPoint file"), ("OFD.xml", "an OFD document"),
               ("content.xml", "an OpenDocument file"))


def _check_container(data: bytes) -> None:
    """A .docx is a ZIP holding word/document.xml; name what it is otherwise.  Its parts must
    inflate within the limits (no ZIP bomb), use a compression Word writes, and hold no DTD:
    Word never writes one, so no entity is ever expanded and no external file is read."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise LoadError("is not a valid .docx file (damaged ZIP container)",
                        hint="open and save it again in Word or LibreOffice") from None
    names = [i.filename for i in infos]
    if "word/document.xml" not in names:
        what = next((w for prefix, w in _OTHER_ZIPS if any(n.startswith(prefix) for n in names)), "a ZIP archive")
        raise LoadError(f"is {what}, not a Word document (no word/document.xml inside)",
                        hint="gazette reads .docx; save the document as .docx, or unpack the archive")
    total = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise LoadError(f"is a damaged .docx file: part {info.filename} uses ZIP compression method "
                            f"{info.compress_type}, which Word never writes",
                            hint="open and save it again in Word or LibreOffice")
        check("zip-member-bytes", info.file_size, info.filename)
        if info.file_size > 1024 * 1024:
            check("zip-ratio", info.file_size // max(1, info.compress_size), info.filename)
        total += info.file_size
        check("zip-total-bytes", total)
        if info.filename.endswith((".xml", ".rels")):
            _no_dtd(z, info)


def _no_dtd(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an XML part that declares a DTD (entities: billion laughs, XXE)."""
    try:
        with z.open(info) as fh:
            head = fh.read(65536)  # a DTD comes before the root element
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise LoadError(f"is a damaged .docx file: part {info.filename} cannot be inflated",
                        hint="open and save it again in Word or LibreOffice") from None
    if _DTD.search(head):
        raise LoadError(f"is a damaged or hostile .docx file: part {info.filename} declares a DTD "
                        "(<!DOCTYPE>/<!ENTITY>), which Word never writes; it is not read",
                        hint="open and save it again in Word or LibreOffice")


def _open(data: bytes):
    import docx

    _check_container(data)
    try:
        return docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001  python-docx on a damaged package: KeyError, ValueError, lxml's
        # XMLSyntaxError, zlib.error, NotImplementedError, AttributeError on a part of the wrong kind
        raise LoadError("is a damaged .docx file", hint="open and save it again in Word or LibreOffice") from None


def _heading_level(p: Para) -> int | None:
    m = _HEADING.match(p.style or "")
    if m:
        return int(m.group(1))
    return p.outline + 1 if p.outline is not None and p.outline < 9 else None


def _hints(p: Para) -> dict:
    hints: dict = {}
    if p.size:
        hints["size"] = p.size
    if p.bold:
        hints["bold"] = True
    if p.centered:
        hints["centered"] = True
    if p.indent:
        hints["indent"] = p.indent
    if p.style:
        hints["style"] = p.style
    level = _heading_level(p)
    if level:
        hints["heading"] = level
    return hints


def _title_key(p: Para, body_size: float):
    """Paragraphs of one title share a key: the `Title` style, or centred display type
    (a fifth larger than the body text) of one size; None for any other paragraph."""
    if (p.style or "").lower() in ("title", "标题"):
        return "Title"
    if p.centered and p.size and p.size >= 1.2 * body_size:
        return ("display", p.size)
    return None


def _glue(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


class _Builder:
    """Collects lines; joins consecutive title paragraphs; carries a pending page break."""

    def __init__(self, numbering: Numbering, body_size: float):
        self.numbering = numbering
        self.body_size = body_size
        self.lines: list[Line] = []
        self.tables: list[Table] = []
        self.page_break = False
        self.last_title = None

    def add(self, text: str, hints: dict, title=None) -> None:
        """Add a line; `title` (a style name or a display size) joins it to a previous line
        with the same key: one title printed over several paragraphs."""
        text = text.strip()
        if not text:
            return
        if title is not None and title == self.last_title and not self.page_break \
                and not is_structural(text) and not is_structural(self.lines[-1].text):  # an order's heading or number
            line = self.lines[-1]
            line.text = _glue(line.text, text)
            return
        if self.page_break and self.lines:
            hints["page_break"] = True
        self.page_break = False
        self.last_title = title
        self.lines.append(Line(no=len(self.lines) + 1, text=text, hints=hints))

    def add_table(self, rows: list[list[str]]) -> None:
        rows = [r for r in rows if any(c.strip() for c in r)]
        if not rows:
            return
        header = rows[0]
        body = [r for r in rows[1:] if r != header]  # a header row repeated inside the table
        first = len(self.lines) + 1
        for k, cells in enumerate([header] + body):
            hints = {"table": True}
            if k == 0 and self.page_break and self.lines:
                hints["page_break"] = True
                self.page_break = False
            self.lines.append(Line(no=len(self.lines) + 1, text="\t".join(cells), hints=hints))
        self.last_title = None
        self.tables.append(Table(header=header, rows=body, lines=[first, len(self.lines)]))


def _walk(parent, doc, out: _Builder) -> None:
    for child in parent.iterchildren():
        tag = child.tag
        if tag == W + "p":
            para = paragraph(child, doc)
            if para.break_before:
                out.page_break = True
            for box in para.boxes:
                out.add(box, {})
            label = out.numbering.label(para.num_id, para.ilvl) if any(x and x.strip() for x in para.pieces) else ""
            if label:
                first = next(k for k, x in enumerate(para.pieces) if x and x.strip())
                para.pieces[first] = label + para.pieces[first].lstrip()
            for piece in para.pieces:
                if piece is None:  # a page break inside the paragraph
                    out.page_break = True
                    continue
                out.add(piece, _hints(para), title=_title_key(para, out.body_size))
            if para.section_break:
                out.page_break = True
        elif tag == W + "tbl":
            out.add_table(table_rows(child, doc))
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                _walk(content, doc, out)
        elif tag in (W + "customXml", W + "ins"):
            _walk(child, doc, out)


def _body_size(doc) -> float:
    """The body text size: the Normal style's, else the document default, else 12 pt."""
    normal = style_facts(doc).get("Normal")
    if normal and normal.size:
        return normal.size
    sz = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
    value = sz.get(W + "val") if sz is not None else None
    size = number(value, "w:sz in word/styles.xml")
    return size / 2 if size else 12.0


def load_docx(data: bytes):
    from . import Loaded

    doc = _open(data)
    if doc.element.body is None:
        raise LoadError("is a damaged .docx file: word/document.xml has no body",
                        hint="open and save it again in Word or LibreOffice")
    out = _Builder(Numbering(doc), _body_size(doc))
    _walk(doc.element.body, doc, out)
    if not out.lines:
        raise LoadError("is a Word document without any text",
                        hint="if the text is in images (a scan), OCR it first")
    return Loaded(path="", format="docx", sha256="", lines=out.lines, tables=out.tables)
