"""Typeset blocks from typeset_source.py as a DOCX with python-docx, in one of a few house styles."""
from __future__ import annotations

import re

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

# How each gazette family sets its titles, level-1 headings and document breaks.
STYLES = {
    # the TOC as Word makes it: `toc 1` paragraphs, a right tab with a dot leader, PAGEREF fields
    "title-style": dict(title="Title", heading="Heading 1", chapter="Heading 2", brk="before",
                        page="- {} -", toc_field=True),
    # indents typed as full-width spaces, empty paragraphs between blocks, issuer and date in one
    # paragraph split by a line break
    "bold": dict(title="bold", heading="bold", chapter="bold", brk="run", page="{}", spaces=True),
    # the TOC as a two-column table (title | page)
    "size": dict(title="size", heading="Heading 2", chapter="plain", brk="section", page="（{}）",
                 toc_table=True),
    # the TOC as a ruled table under a 目录 row spanning it: section rows spanning all columns, then
    # title | 文号 | page
    "toc-grid": dict(title="size", heading="bold", chapter="plain", brk="run", page="- {} -", toc_table=True,
                     toc_grid=True),
    # one flow without page breaks; signatures pushed right with typed full-width spaces
    "flow": dict(title="bold", heading="plain", chapter="plain", brk="none", page="{}", spaces=True,
                 pad_right=True),
    # document titles in Heading 1; 一、 and （一） from Word's automatic numbering (numbering.xml)
    "numbered": dict(title="Heading 1", heading="auto", chapter="plain", brk="run", page="- {} -"),
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


def _toc_entry(doc, text):
    """A Word TOC line: title, a tab to a right tab stop with a dot leader, the page in a field."""
    if "toc 1" not in [s.name for s in doc.styles]:
        style = doc.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.tab_stops.add_tab_stop(Cm(15.5), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    m = LEADER_PAGE.match(text)
    p = doc.add_paragraph(style="toc 1")
    p.add_run(m[1] + "\t" if m else text)
    if m:
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), " PAGEREF _Toc1 \\h ")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = m[2]
        r.append(t)
        fld.append(r)
        p._p.append(fld)
    return p


def _new_list(doc, key):
    """A fresh list (abstractNum + num) numbering 一、 at level 0 and （一） at level 1."""
    numbering = doc.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(key))
    for ilvl, text in ((0, "%1、"), (1, "（%2）")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:lvlText", text),
                         ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
    numbering.insert(0, abstract)   # abstractNum elements come before num elements
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(key))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(key))
    num.append(ref)
    numbering.append(num)
    return str(key)


def _numbered(doc, text, num_id, ilvl):
    p = _par(doc, re.sub(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）", "", text), indent=True)
    ppr = p._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        numpr.append(el)
    ppr.insert(0, numpr)
    return p


def _title(doc, text, mode, size=22):
    if mode.startswith("Heading"):
        return _par(doc, text, align=CENTER, style=mode)
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
        if len(row) == 1 and ncols > 1:  # a row of one cell spans the table
            table.cell(r, 0).merge(table.cell(r, ncols - 1))
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    return table


DOCNO_ALONE = re.compile(r"^[（(]?[\u4e00-\u9fff]{2,12}(?:〔\d{4}〕\d+号|令第\d+号)[）)]?$")
DOCNO_BRACKETED = re.compile(r"^(.*?)[（(]([^（(]+(?:〔\d{4}〕\d+号|令第\d+号))[）)]$")


def _grid_rows(heading, rows):
    """TOC rows for a table of three columns: 目录 and the sections span it; title | 文号 | page.
    The 文号 is the entry's own second line, else its bracketed tail."""
    out = [[heading]]
    for k, (title, page) in enumerate(rows):
        if not page:
            if k + 1 < len(rows) and rows[k + 1][1] and (DOCNO_ALONE.match(rows[k + 1][0].strip())
                                                         or len(title) >= 16):
                continue   # the first line of an entry whose next line has its number or page
            out.append([title])
            continue
        if DOCNO_ALONE.match(title.strip()) and k and not rows[k - 1][1]:
            out.append([rows[k - 1][0], title.strip().strip("（()）"), page])
            continue
        if k and not rows[k - 1][1] and len(rows[k - 1][0]) >= 16:   # a title wrapped over two lines
            title = rows[k - 1][0] + title
        m = DOCNO_BRACKETED.match(title)
        out.append([m[1].strip(), m[2], page] if m else [title, "", page])
    return out


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
    lists = 0
    num_id = None
    for b in blocks:
        if st["heading"] == "auto" and (b.new_doc or b.kind == "enclosure"):
            lists += 1
            num_id = _new_list(doc, 90 + lists)
        if st.get("toc_grid") and b.kind == "toc_head":
            toc_heading = b.text
            continue
        if st.get("toc_table") and b.kind in ("toc", "toc_section"):
            m = LEADER_PAGE.match(b.text)
            toc_rows.append([m[1], m[2]] if m else [b.text, ""])
            continue
        if toc_rows:
            _table(doc, _grid_rows(toc_heading, toc_rows) if st.get("toc_grid") else _join_wrapped(toc_rows))
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
        elif k == "toc" and st.get("toc_field"):
            p = _toc_entry(doc, t)
        elif k == "toc":
            p = _par(doc, t, size=14)
        elif k == "title":
            p = _title(doc, t, st["title"])
        elif k == "enclosure":
            p = _title(doc, t, "bold" if st["title"] == "Title" else st["title"], size=18)
        elif k == "docno":
            p = _par(doc, t, align=CENTER)
        elif k == "heading" and st["heading"] == "auto":
            p = _numbered(doc, t, num_id, 0)
        elif k == "body" and st["heading"] == "auto" and re.match(r"^（[一二三四五六七八九十]+）", t):
            p = _numbered(doc, t, num_id, 1)
        elif k == "heading":
            p = _level(doc, t, st["heading"])
        elif k == "chapter":
            p = _par(doc, t, align=CENTER, bold=st["chapter"] == "bold",
                     style=st["chapter"] if st["chapter"].startswith("Heading") else None)
        elif k == "attach":
            p = _par(doc, t, bold=style != "size")
        elif k == "sign" and st.get("pad_right"):
            p = _par(doc, "\u3000" * 14 + t)
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
