"""Reading WordprocessingML elements: a paragraph's visible text and layout, a table's rows.

Only text a reader sees is kept: run text, tabs (as a space; as a `.....` leader where the tab
stop has one, as in a Word TOC), field results (not field codes), inserted revisions, text-box
paragraphs (kept apart in `Para.boxes`); deleted revisions, images, footnote marks and comments
are skipped.  Style properties are resolved through the style's `basedOn` chain.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .limits import number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + t for t in ("del", "delText", "instrText", "drawing", "pict", "object", "footnoteReference",
                         "endnoteReference", "commentReference", "rPr", "pPr", "bookmarkStart",
                         "bookmarkEnd", "proofErr", "fldData")}
_FALSE = ("0", "false", "off")


@dataclass
class Para:
    pieces: list = field(default_factory=list)  # text between manual line breaks; None = page break
    style: str | None = None
    centered: bool = False
    bold: bool = False
    size: float | None = None
    indent: int | None = None
    outline: int | None = None
    break_before: bool = False
    section_break: bool = False
    num_id: str | None = None  # automatic numbering (numPr), resolved by docx_numbering
    ilvl: int = 0
    boxes: list = field(default_factory=list)  # text of text boxes anchored in the paragraph


@dataclass
class StyleFacts:
    name: str | None = None
    centered: bool = False
    bold: bool = False
    size: float | None = None
    outline: int | None = None
    break_before: bool = False
    num_id: str | None = None
    ilvl: int = 0
    leader: bool = False  # a tab stop with a dot/hyphen/underscore leader (Word's TOC styles)


def _half_points(value: str | None) -> float | None:
    """A font size given in half points (w:sz), in points."""
    n = number(value, "w:sz")
    return n / 2 if n else None


def _or(value, default):
    return default if value is None else value


def _on(el) -> bool:
    return el is not None and el.get(W + "val", "1").lower() not in _FALSE


def _val(el, name="val"):
    return None if el is None else el.get(W + name)


def _num_pr(ppr) -> tuple[str, int] | None:
    num = ppr.find(W + "numPr") if ppr is not None else None
    if num is None or num.find(W + "numId") is None:
        return None
    level = _val(num.find(W + "ilvl"))
    ilvl = number(level, "w:ilvl")
    return _val(num.find(W + "numId")), ilvl if ilvl is not None and ilvl < 9 else 0


def _leader(ppr) -> bool | None:
    """Does the paragraph properties' tab list set a tab stop with a leader (None: no list)?"""
    tabs = ppr.find(W + "tabs") if ppr is not None else None
    if tabs is None:
        return None
    return any(_val(t, "leader") not in (None, "none") and _val(t) != "clear" for t in tabs.findall(W + "tab"))


def style_facts(doc) -> dict:
    """Facts of every paragraph style by style id, inherited along `basedOn`; cached on the doc."""
    cache = getattr(doc, "_gazette_styles", None)
    if cache is not None:
        return cache
    raw = {}
    for el in doc.styles.element.findall(W + "style"):
        sid = el.get(W + "styleId")
        ppr, rpr = el.find(W + "pPr"), el.find(W + "rPr")
        name = el.find(W + "name")
        raw[sid] = (
            _val(name), _val(el.find(W + "basedOn")),
            None if ppr is None else _val(ppr.find(W + "jc")),
            None if rpr is None or rpr.find(W + "b") is None else _on(rpr.find(W + "b")),
            None if rpr is None else _val(rpr.find(W + "sz")),
            None if ppr is None else _val(ppr.find(W + "outlineLvl")),
            None if ppr is None or ppr.find(W + "pageBreakBefore") is None else _on(ppr.find(W + "pageBreakBefore")),
            _num_pr(ppr),
            _leader(ppr),
        )

    def resolve(sid, depth=0) -> StyleFacts:
        if sid not in raw or depth > 10:
            return StyleFacts()
        name, base, jc, bold, size, outline, brk, num, leader = raw[sid]
        parent = resolve(base, depth + 1) if base else StyleFacts()
        return StyleFacts(
            name=name,
            centered=(jc == "center") if jc else parent.centered,
            bold=bold if bold is not None else parent.bold,
            size=_half_points(size) or parent.size,
            outline=_or(number(outline, "w:outlineLvl in word/styles.xml"), parent.outline),
            break_before=brk if brk is not None else parent.break_before,
            num_id=num[0] if num else parent.num_id,
            ilvl=num[1] if num else parent.ilvl,
            leader=leader if leader is not None else parent.leader,
        )

    from docx.styles import BabelFish

    cache = {sid: resolve(sid) for sid in raw}
    for facts in cache.values():
        facts.name = BabelFish.internal2ui(facts.name) if facts.name else None
    doc._gazette_styles = cache
    return cache


def _boxes(el, state: dict) -> None:
    """Paragraph texts of the text boxes in a drawing (a masthead is often one)."""
    for content in el.iter(W + "txbxContent"):
        for p in content.iter(W + "p"):
            pieces: list = [""]
            _text(p, pieces, [], {"field": 0, "result": False, "boxes": []})
            text = " ".join(x.strip() for x in pieces if x and x.strip())
            if text:
                state["boxes"].append(text)


def _text(el, pieces: list, runs: list, state: dict) -> None:
    """Visible text of `el` into pieces; (length, bold, size) of each text run into runs."""
    for child in el.iterchildren():
        tag = child.tag
        if tag in (W + "drawing", W + "pict"):
            _boxes(child, state)
            continue
        if tag == MC + "AlternateContent":  # the same content twice: take the first choice only
            choice = child.find(MC + "Choice")
            if choice is not None:
                _text(choice, pieces, runs, state)
            continue
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "fldChar":
            kind = child.get(W + "fldCharType")
            state["field"] += {"begin": 1, "end": -1}.get(kind, 0)
            state["result"] = kind == "separate" or (state["result"] and kind != "end")
            continue
        in_code = state["field"] > 0 and not state["result"]
        if tag == W + "t" and not in_code:
            pieces[-1] += child.text or ""
            rpr = el.find(W + "rPr")
            bold = None if rpr is None or rpr.find(W + "b") is None else _on(rpr.find(W + "b"))
            size = None if rpr is None else _val(rpr.find(W + "sz"))
            runs.append((len(child.text or ""), bold, _half_points(size)))
        elif tag in (W + "tab", W + "ptab") and not in_code:
            pieces[-1] += "....." if state.get("leader") else " "
        elif tag == W + "noBreakHyphen":
            pieces[-1] += "-"
        elif tag in (W + "br", W + "cr"):
            if child.get(W + "type") == "page":
                pieces.extend([None, ""])
            else:
                pieces.append("")
        else:
            _text(child, pieces, runs, state)


def paragraph(p, doc) -> Para:
    styles = style_facts(doc)
    ppr = p.find(W + "pPr")
    sid = _val(ppr.find(W + "pStyle")) if ppr is not None else None
    facts = styles.get(sid) or styles.get("Normal") or StyleFacts()
    leader = _leader(ppr)
    state = {"field": 0, "result": False, "boxes": [], "leader": facts.leader if leader is None else leader}
    pieces, runs = [""], []
    _text(p, pieces, runs, state)
    para = Para(pieces=pieces, style=facts.name, centered=facts.centered, outline=facts.outline,
                break_before=facts.break_before, num_id=facts.num_id, ilvl=facts.ilvl, boxes=state["boxes"])
    if ppr is not None:
        jc = _val(ppr.find(W + "jc"))
        if jc:
            para.centered = jc == "center"
        if ppr.find(W + "pageBreakBefore") is not None:
            para.break_before = _on(ppr.find(W + "pageBreakBefore"))
        level = number(_val(ppr.find(W + "outlineLvl")), "w:outlineLvl")
        if level is not None:
            para.outline = level
        num = _num_pr(ppr)
        if num:
            para.num_id, para.ilvl = num
        sect = ppr.find(W + "sectPr")
        if sect is not None:
            para.section_break = _val(sect.find(W + "type")) != "continuous"
    total = sum(n for n, _, _ in runs)
    if total:
        bold = sum(n for n, b, _ in runs if (b if b is not None else facts.bold))
        para.bold = bold * 2 > total
        sizes = [s for _, _, s in runs if s]
        para.size = sizes[0] if sizes else facts.size
    ind = ppr.find(W + "ind") if ppr is not None else None
    if ind is not None:
        chars = number(_val(ind, "firstLineChars"), "w:firstLineChars")
        twips = number(_val(ind, "firstLine"), "w:firstLine")
        if chars:
            para.indent = round(chars / 100)
        elif twips is not None and para.size:
            para.indent = round(twips / (para.size * 20)) or None
    return para


def _cell_text(tc, doc) -> str:
    parts = []
    for p in tc.iter(W + "p"):
        text = " ".join(x.strip() for x in paragraph(p, doc).pieces if x)
        if text.strip():
            parts.append(text.strip())
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def table_rows(tbl, doc) -> list[list[str]]:
    """Rows of cell texts; a cell spanning columns fills the first, a vertically merged cell
    keeps its text in its first row only."""
    rows = []
    for tr in tbl.findall(W + "tr"):
        cells: list[str] = []
        for tc in tr.findall(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = number(_val(tcpr.find(W + "gridSpan")), "w:gridSpan", limit="table-span") \
                if tcpr is not None else None
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            text = "" if vmerge is not None and _val(vmerge) in (None, "continue") else _cell_text(tc, doc)
            cells.append(text)
            cells.extend([""] * ((span or 1) - 1))
        rows.append(cells)
    return rows
