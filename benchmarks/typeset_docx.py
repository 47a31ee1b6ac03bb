"""Typeset blocks from typeset_source.py as a DOCX with python-docx, in one of a few house styles."""
from __future__ import annotations

import re

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

# How each gazette family sets its titles, level-1 headings and document breaks.
STYLES = {
    "title-style": dict(title="Title", heading="Heading 1", chapter="Heading 2", brk="before",
                        page="- {} -"),
    # indents typed as full-width spaces, empty paragraphs between blocks, issuer and date in one
    # paragraph split by a line break
    "bold": dict(title="bold", heading="bold", chapter="bold", brk="run", page="{}", spaces=True),
    # the TOC as a two-column table (title | page)
    "size": dict(title="size", heading="Heading 2", chapter="plain", brk="section", page="（{}）",
                 toc_table=True),
}
LEADER_PAGE = re.compile(r"^(.*?)[\s　]*(?:[.…·．⋯]+)[\s　]*[（(]?(\d+)[）)]?$")

CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _page_field(par, form):
    before, after = form.split("{}")
    par.add_run(before)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " PAGE ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    par._p.append(fld)
    par.add_run(after)


def _header_footer(section, name, form):
    hp = section.header.paragraphs[0]
    hp.text = name
    hp.alignment = CENTER
    fp = section.footer.paragraphs[0]
    fp.alignment = CENTER
    _page_field(fp, form)


def _par(doc, text, align=None, bold=False, size=None, style=None, indent=False):
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    return p


def _title(doc, text, mode, size=22):
    if mode == "Title":
        return _par(doc, text, align=CENTER, style="Title")
    if mode == "bold":
        return _par(doc, text, align=CENTER, bold=True, size=size)
    return _par(doc, text, align=CENTER, size=size)     # larger, not bold


def _level(doc, text, mode):
    if mode.startswith("Heading"):
        return _par(doc, text, style=mode)
    return _par(doc, text, bold=mode == "bold", indent=True)


def _table(doc, rows):
    ncols = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell


def _join_wrapped(rows):
    """TOC entries wrapped over lines in the text are one table row."""
    out = []
    for title, page in rows:
        if out and not out[-1][1] and len(out[-1][0]) >= 16:   # a section name is short
            out[-1] = [out[-1][0] + title, page]
        else:
            out.append([title, page])
    return out


def build(name, blocks, path, style):
    st = STYLES[style]
    doc = Document()
    body = doc.styles["Normal"]
    body.font.size = Pt(16)
    _header_footer(doc.sections[0], name, st["page"])
    toc_rows = []
    prev = None
    for b in blocks:
        if st.get("toc_table") and b.kind in ("toc", "toc_section"):
            m = LEADER_PAGE.match(b.text)
            toc_rows.append([m[1], m[2]] if m else [b.text, ""])
            continue
        if toc_rows:
            _table(doc, _join_wrapped(toc_rows))
            toc_rows = []
        if st.get("spaces") and b.kind in ("title", "table", "attach") and prev not in (None, "title"):
            doc.add_paragraph()
        if st.get("spaces") and b.kind == "sign" and prev == "sign":
            doc.paragraphs[-1].runs[-1].add_break()
            doc.paragraphs[-1].add_run(b.text)
            continue
        prev = b.kind
        if b.new_doc:
            if st["brk"] == "run":
                doc.add_page_break()
            elif st["brk"] == "section":
                doc.add_section(WD_SECTION.NEW_PAGE)
        if b.kind == "table":
            _table(doc, b.rows)
            continue
        k, t = b.kind, b.text
        if k == "name":
            p = _par(doc, t, align=CENTER, bold=True, size=36)
        elif k in ("mast", "toc_head"):
            p = _par(doc, t, align=CENTER, bold=k == "toc_head", size=18 if k == "toc_head" else None)
        elif k == "toc_section":
            p = _par(doc, t, bold=True)
        elif k == "toc":
            p = _par(doc, t, size=14)
        elif k == "title":
            p = _title(doc, t, st["title"])
        elif k == "enclosure":
            p = _title(doc, t, "bold" if st["title"] == "Title" else st["title"], size=18)
        elif k == "docno":
            p = _par(doc, t, align=CENTER)
        elif k == "heading":
            p = _level(doc, t, st["heading"])
        elif k == "chapter":
            p = _par(doc, t, align=CENTER, bold=st["chapter"] == "bold",
                     style=st["chapter"] if st["chapter"].startswith("Heading") else None)
        elif k == "attach":
            p = _par(doc, t, bold=style != "size")
        elif k == "sign":
            p = _par(doc, t, align=RIGHT)
        elif k == "colophon":
            p = _par(doc, t, size=12)
        elif st.get("spaces"):
            p = _par(doc, "\u3000\u3000" + t)
        else:
            p = _par(doc, t, indent=True)
        if b.new_doc and st["brk"] == "before":
            p.paragraph_format.page_break_before = True
    doc.save(path)
