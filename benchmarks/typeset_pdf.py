"""Typeset blocks from typeset_source.py as an A4 PDF with reportlab and a CJK TrueType font.

A small layout engine of its own (platypus cannot put a full-width title over two columns on the
same page): justified paragraphs with a first-line indent, centred titles over the full width,
body in one or two columns, a running header with the gazette's name, the page number in the
footer in a given form, tables with ruling lines.  House-style options: a header band (name over
a pinyin line, issue and section at the right), a section banner on every page, the page number
only in the header, attachment notes with a hanging indent, a TOC set as a ruled table, and
`unit_font` (every font set at 1 pt and scaled by the text matrix, as some producers do).
"""
from __future__ import annotations

import re

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONTS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
W, H = A4
MARGIN_X, TOP, BOTTOM = 62, H - 78, 72
GUTTER = 22
NO_START = set("。，、；：！？）》」”’…")
LEADER_PAGE = re.compile(r"^(.*?)[\s　]*(?:[.…·．⋯]+)[\s　]*[（(]?(\d+)[）)]?$")


def font():
    from pathlib import Path
    for path in FONTS:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont("CJK", path, subfontIndex=0))
            return "CJK"
    return None


class Layout:
    def __init__(self, path, name, columns=1, page_form="- {} -", body=11.0, header_right="",
                 number_in_header=False, band="", issue="", section_banner=False, unit_font=False):
        self.number_in_header = number_in_header
        self.c = canvas.Canvas(str(path), pagesize=A4)
        self.name, self.columns, self.page_form = name, columns, page_form
        self.body, self.header_right = body, header_right
        self.band, self.issue, self.section_banner, self.unit_font = band, issue, section_banner, unit_font
        self.section = ""
        self.page = 0
        self._new_page()

    # drawing ----------------------------------------------------------------
    def text(self, x, y, s, size, align="left"):
        """Draw `s` with its baseline at y; x is its left edge, centre or right edge."""
        width = pdfmetrics.stringWidth(s, "CJK", size)
        x -= {"left": 0, "center": width / 2, "right": width}[align]
        if not self.unit_font:
            self.c.setFont("CJK", size)
            self.c.drawString(x, y, s)
            return
        t = self.c.beginText()
        t.setFont("CJK", 1)
        for ch in s:
            t.setTextTransform(size, 0, 0, size, x, y)
            t.textOut(ch)
            x += pdfmetrics.stringWidth(ch, "CJK", size)
        self.c.drawText(t)

    # page furniture --------------------------------------------------------
    def _new_page(self):
        if self.page:
            self.c.showPage()
        self.page += 1
        c = self.c
        label = self.page_form.format(self.page)
        rule = H - 56
        if self.band:    # name over its pinyin line at the left, issue and section at the right
            self.text(MARGIN_X, H - 42, self.name, 14)
            self.text(MARGIN_X, H - 54, self.band, 6.5)
            self.text(W - MARGIN_X, H - 42, self.issue, 9, "right")
            self.text(W - MARGIN_X, H - 54, self.section, 9, "right")
            rule = H - 60
        elif self.number_in_header:    # name and page number on the header rule, no footer
            self.text(MARGIN_X, H - 50, self.name, 9)
            self.text(W - MARGIN_X, H - 50, label, 9, "right")
        elif self.header_right:
            self.text(MARGIN_X, H - 50, self.name, 9)
            self.text(W - MARGIN_X, H - 50, self.header_right, 9, "right")
        else:
            self.text(W / 2, H - 50, self.name, 9, "center")
        c.setLineWidth(0.6)
        c.line(MARGIN_X, rule, W - MARGIN_X, rule)
        self.y = TOP
        if self.section_banner and self.section:    # the section's name over the text of every page
            self.text(W / 2, H - 76, "【" + self.section + "】", 12, "center")
            self.y = TOP - 14
        if self.number_in_header:
            pass
        elif self.page_form == "{}":     # outer corner, as printed books do
            self.text(W - MARGIN_X if self.page % 2 else MARGIN_X, 40, label, 10,
                      "right" if self.page % 2 else "left")
        else:
            self.text(W / 2, 40, label, 10, "center")
        self.col = 0
        self.col_top = self.y
        self.low = self.y    # lowest line of the current column block

    def end_block(self, room=160):
        """Continue below the column block on this page (a new document, continuous setting)."""
        self.y, self.col = min(self.y, self.low) - 12, 0
        if self.y - room < BOTTOM:
            self._new_page()

    def new_page(self):
        if self.y != self.col_top or self.col or self.page == 1 and self.y != TOP:
            self._new_page()

    def _col_box(self):
        if self.columns == 1:
            return MARGIN_X, W - 2 * MARGIN_X
        width = (W - 2 * MARGIN_X - GUTTER) / 2
        return MARGIN_X + self.col * (width + GUTTER), width

    def _need(self, height):
        if self.y - height >= BOTTOM:
            return
        if self.columns == 2 and self.col == 0:
            self.col, self.y = 1, self.col_top
        else:
            self._new_page()

    # text -------------------------------------------------------------------
    @staticmethod
    def _wrap(text, width, size, indent):
        lines, cur, cur_w, avail = [], "", 0.0, width - indent
        for ch in text:
            w = pdfmetrics.stringWidth(ch, "CJK", size)
            if cur and cur_w + w > avail and ch not in NO_START:
                lines.append(cur)
                cur, cur_w, avail = "", 0.0, width
            cur += ch
            cur_w += w
        if cur:
            lines.append(cur)
        return lines

    def _draw(self, x, y, text, size, width, justify):
        widths = [pdfmetrics.stringWidth(ch, "CJK", size) for ch in text]
        extra = (width - sum(widths)) / max(len(text) - 1, 1) if justify else 0.0
        for ch, w in zip(text, widths):
            self.text(x, y, ch, size)
            x += w + extra

    def para(self, text, size=None, align="justify", indent=2, full=False, space=0.0, hang=0.0):
        """A paragraph; `hang` (characters) sets its later lines in from the column edge."""
        size = size or self.body
        lead = size * (1.25 if size >= 18 else 1.55)
        if full:
            x, width = MARGIN_X, W - 2 * MARGIN_X
        else:
            x, width = self._col_box()
        ind = indent * size if align == "justify" else 0
        lines = self._wrap(text, width - hang * size, size, ind - hang * size)
        self.y -= space
        for i, line in enumerate(lines):
            if not full:
                self._need(lead)
                x, width = self._col_box()
            elif self.y - lead < BOTTOM:
                self._new_page()
            self.y -= lead
            if not full:
                self.low = min(self.low, self.y)
            lw = sum(pdfmetrics.stringWidth(ch, "CJK", size) for ch in line)
            if align == "center":
                self._draw(x + (width - lw) / 2, self.y, line, size, 0, False)
            elif align == "right":
                self._draw(x + width - lw - 2 * size, self.y, line, size, 0, False)
            else:
                off = ind if i == 0 else hang * size
                self._draw(x + off, self.y, line, size, width - off, i < len(lines) - 1)
        if full:
            self.col_top = self.y - 6
            self.low = self.y

    def toc_entry(self, text, size=11.0):
        """A TOC line with a dot leader running to the page number at the right edge."""
        m = LEADER_PAGE.match(text)
        if not m:
            return self.para(text, size=size, align="left", full=True)
        title, page = m.groups()
        width = W - 2 * MARGIN_X
        lines = self._wrap(title, width - 6 * size, size, 0)
        for line in lines[:-1]:
            self.para(line, size=size, align="left", full=True)
        last = lines[-1] if lines else ""
        self.para(last, size=size, align="left", full=True)
        x = MARGIN_X + pdfmetrics.stringWidth(last, "CJK", size) + size / 2
        end = W - MARGIN_X - pdfmetrics.stringWidth(page, "CJK", size) - size / 2
        dot = pdfmetrics.stringWidth(".", "CJK", size) * 2
        while x + dot <= end:
            self.text(x, self.y, ".", size)
            x += dot
        self.text(W - MARGIN_X, self.y, page, size, "right")

    def table(self, rows, size=None):
        size = (size or self.body) - 1.5
        lead = size * 1.4
        x, width = self._col_box()
        ncols = max(len(r) for r in rows)
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        need = [max(pdfmetrics.stringWidth(r[c], "CJK", size) for r in rows) + 8 for c in range(ncols)]
        scale = min(1.0, width / sum(need))
        cw = [n * scale for n in need]
        if scale == 1.0:
            cw = [n + (width - sum(need)) / ncols for n in need]
        wrapped = [[self._wrap(cell, w - 6, size, 0) or [""] for cell, w in zip(r, cw)] for r in rows]
        heights = [max(len(c) for c in r) * lead + 6 for r in wrapped]
        self._need(sum(heights) + 8)
        x, width = self._col_box()
        c = self.c
        self.y -= 6
        top = self.y
        c.setLineWidth(0.5)
        for r, h in zip(wrapped, heights):
            cx = x
            for cell, w in zip(r, cw):
                for k, line in enumerate(cell):
                    lw = pdfmetrics.stringWidth(line, "CJK", size)
                    self._draw(cx + (w - lw) / 2, self.y - 3 - (k + 1) * lead + 3, line, size, 0, False)
                cx += w
            self.y -= h
            c.line(x, self.y, x + sum(cw), self.y)
        c.line(x, top, x + sum(cw), top)
        cx = x
        for w in [0] + cw:
            cx += w
            c.line(cx, top, cx, self.y)
        self.y -= 6
        self.low = min(self.low, self.y)

    def save(self):
        self.c.showPage()
        self.c.save()


def _toc_rows(blocks):
    """TOC entries as table rows (title | page): an entry wrapped over lines is one row, a
    section a row of its own."""
    rows, open_entry = [], False
    for b in blocks:
        m = LEADER_PAGE.match(b.text)
        title, page = (m[1].strip(), m[2]) if m else (b.text.strip(), "")
        if open_entry and b.kind == "toc":
            rows[-1] = [rows[-1][0] + title, page]
        else:
            rows.append([title, page])
        open_entry = b.kind == "toc" and not page
    return rows


def build(name, blocks, path, columns=1, page_form="- {} -", header_right="", leaders=False,
          section_header=False, continuous=False, titles_in_column=False, number_in_header=False,
          band="", issue="", section_banner=False, unit_font=False, hanging_attachments=False,
          enclosure_size=14, toc_table=False):
    if font() is None:
        raise RuntimeError("no CJK font found (apt-get install fonts-wqy-zenhei)")
    lay = Layout(path, name, columns=columns, page_form=page_form, header_right=header_right,
                 number_in_header=number_in_header, band=band, issue=issue, section_banner=section_banner,
                 unit_font=unit_font)
    full = not titles_in_column
    prev = None
    toc = []
    for b in blocks:
        k, t = b.kind, b.text
        if toc_table and k in ("toc", "toc_section"):
            toc.append(b)
            continue
        if toc:
            lay.table(_toc_rows(toc))
            toc = []
        if b.new_doc or (k == "toc_head" and prev not in (None, "name", "mast")):
            if (section_header or band or section_banner) and b.section:
                lay.header_right = lay.section = b.section
            if titles_in_column and b.new_doc and prev not in ("toc", "toc_section"):
                lay.y -= 14     # documents run on in the columns
            elif continuous and b.new_doc and prev not in ("toc", "toc_section"):
                lay.end_block()
            else:
                lay.new_page()
        if k == "table":
            lay.table(b.rows)
        elif k == "name":
            lay.para(t, size=30, align="center", full=True, space=60)
        elif k == "mast":
            lay.para(t, size=12, align="center", full=True)
        elif k == "toc_head":
            lay.para(t, size=18, align="center", full=True, space=30)
        elif k == "toc" and leaders:
            lay.toc_entry(t)
        elif k in ("toc_section", "toc"):
            lay.para(t, size=11, align="left", full=True)
        elif k == "title":
            lay.para(t, size=18 if full else 15, align="center", full=full, space=4 if prev == "title" else 10)
        elif k == "docno":
            lay.para(t, size=11, align="center", full=full, space=4)
        elif k == "enclosure":
            lay.para(t, size=enclosure_size, align="center", space=10)
        elif k == "chapter":
            lay.para(t, align="center", space=4)
        elif k == "sign":
            lay.para(t, align="right")
        elif k == "attach":
            lay.para(t, align="left", space=6)
        elif k == "colophon":
            lay.para(t, size=9, align="left")
        elif k == "attach_list" and hanging_attachments:   # 附件：1.… with 2.… under 1., names hanging
            size = lay.body
            lead = pdfmetrics.stringWidth("附件：", "CJK", size) / size
            m = re.match(r"^(附件[：:])?(\d+[.．、])?", t)
            label = pdfmetrics.stringWidth(m[2] or "", "CJK", size) / size
            lay.para(t, indent=2 if m[1] else 2 + lead, hang=2 + lead + label)
        else:
            lay.para(t)
        if full and k in ("title", "docno"):
            lay.col_top = lay.y - 8
        prev = k
    lay.save()
