"""Read an unseen TXT fixture into typesetting blocks (used by typeset_unseen.py and a test).

The TXT fixtures carry the artefacts of a text export (page numbers, running headers in the
middle of a paragraph); they are dropped here and the broken paragraph joined, so the typeset
file has clean paragraphs and its own running header and page numbers.  The roles of lines
(title, 文号, enclosed title, TOC, table row...) are taken from the fixture's gold annotation and
from the usual shapes of gazette text; this is a benchmark generator, not parser code.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

PAGE_NO = re.compile(r"^[\s—\-－–·（(]*\d{1,3}[\s—\-－–·）)]*$")
ENDS = tuple("。；：！？，、）)”」…")
DOCNO = re.compile(r"〔\d{4}〕|\[\d{4}\]|［\d{4}］|^（?第\d+号）?$")
DATE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$")
HEADING1 = re.compile(r"^[一二三四五六七八九十]+、.{1,24}$")
CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")
ATTACH = re.compile(r"^附件\s*\d*$")
ATTACH_NOTE = re.compile(r"^附件[：:]")
ATTACH_ITEM = re.compile(r"^\d+[.．、]")
TOC_HEAD = re.compile(r"^目\s*[录次]$")


@dataclass
class Block:
    kind: str          # name, mast, toc_head, toc_section, toc, title, docno, enclosure, heading,
                       # chapter, attach, attach_list, body, sign, table, colophon
    text: str = ""
    rows: list = field(default_factory=list)   # table rows (lists of cells)
    new_doc: bool = False                      # the first block of a document (page break before)
    section: str = ""                          # its TOC section (for a running section header)


def fold(s):
    return re.sub(r"\s+", "", s or "")


def read_text(path):
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def clean_lines(lines, name, sections):
    """Drop page numbers and running headers; join the paragraph they interrupted."""
    out, join = [], False
    for line in lines:
        s = fold(line)
        prev = out[-1] if out else ""
        mid = (bool(prev.strip()) and not prev.rstrip().endswith(ENDS)
               and not re.search(r"…|\.\.|··|\d$", prev))
        artefact = (PAGE_NO.match(line) and "\t" not in line) or (
            mid and len(prev) >= 20 and ((name and s.startswith(fold(name))) or s in sections))
        if artefact:
            join = join or mid
            continue
        if join and s and out:
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line.rstrip())
        join = False
    return out


def blocks(txt_path, gold_path):
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    name = (gold.get("gazette") or {}).get("name") or ""
    sections = {fold(t.get("section")) for t in gold.get("toc") or [] if t.get("section")}
    lines = clean_lines(read_text(txt_path).splitlines(), name, sections)
    n = len(lines)
    toc = next((i for i, l in enumerate(lines) if TOC_HEAD.match(fold(l))), None)
    toc_end = toc + 1 if toc is not None else 0
    if toc is not None:
        while toc_end < n and not lines[toc_end].strip():
            toc_end += 1
        while toc_end < n and lines[toc_end].strip():
            toc_end += 1
    roles = {}
    starts = []
    section_at = {}
    pos = toc_end
    for doc in gold["documents"]:
        found = _find(lines, pos, doc["title"])
        if found is None:
            continue
        a, b = found
        starts.append(a)
        section_at[a] = doc.get("section") or ""
        for i in range(a, b):
            roles[i] = "title"
        j = b
        if j < n and DOCNO.search(lines[j]) and len(fold(lines[j])) < 30:
            roles[j] = "docno"
        if doc.get("enclosure_title"):
            enc = _find(lines, b, doc["enclosure_title"])
            if enc:
                for i in range(*enc):
                    roles[i] = "enclosure"
        pos = b
    last_end = max(starts) if starts else n
    out = []
    i = 0
    after_attach = False
    while i < n:
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if "\t" in lines[i]:
            rows = []
            while i < n and "\t" in lines[i]:
                rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            out.append(Block("table", rows=rows))
            continue
        kind = roles.get(i)
        if kind is None:
            if toc is not None and i < toc:
                kind = "name" if not out else "mast"
            elif toc is not None and i == toc:
                kind = "toc_head"
            elif i < toc_end:
                kind = "toc_section" if line.startswith("【") and line.endswith("】") else "toc"
            elif not starts or i < starts[0]:
                kind = "mast"
            elif after_attach and not line.endswith(ENDS) and len(line) <= 40:
                kind = "enclosure"
            elif ATTACH.match(line):
                kind = "attach"
            elif ATTACH_NOTE.match(line) or (ATTACH_ITEM.match(line) and out and out[-1].kind == "attach_list"):
                kind = "attach_list"
            elif CHAPTER.match(line) and len(line) <= 20:
                kind = "chapter"
            elif HEADING1.match(line) and not line.endswith(ENDS):
                kind = "heading"
            elif DATE.match(fold(line)) or (i + 1 < n and DATE.match(fold(lines[i + 1]))
                                            and len(line) <= 20 and not line.endswith(ENDS)):
                kind = "sign"
            elif i > last_end and _colophon(lines, i):
                kind = "colophon"
            else:
                kind = "body"
        after_attach = kind == "attach"
        out.append(Block(kind, line, new_doc=i in starts, section=section_at.get(i, "")))
        i += 1
    return name, out


def _colophon(lines, i):
    """A back-page masthead line (editor, address, publication date)."""
    return re.search(r"主办|主管|编辑|出版|编印|地址|准印|公报$|政报$", fold(lines[i])) is not None


def _find(lines, start, title):
    want = fold(title)
    for a in range(start, len(lines)):
        acc = ""
        for b in range(a, min(a + 4, len(lines))):
            acc += fold(lines[b])
            if not acc or not want.startswith(acc):
                break
            if acc == want:
                return a, b + 1
    return None
