"""The table of contents (目录): sections in 【 】, entries of title, document number and page.

Entries wrap over lines; page numbers come as `)2`, `.....3`, `.....（15）`; a section line with
a page and no entries under it (`【大事记】18`) is a section-only entry.
"""
from __future__ import annotations

import re

from .. import docnumber
from ..lineclass import TOC_HEADING, TOC_LINE_END, TOC_SECTION, is_plain_section
from ..model import Line, TocEntry

LEADER = r"[\s.．…·•⋯_－-]*"
NUMBER_PAGE = re.compile(rf"^[(（]?\s*(?P<num>[^()（）]*?\d+\s*号)?\s*[)）]?{LEADER}[(（]?(?P<page>\d{{1,3}})[)）]?$")
TITLE_PAGE = re.compile(rf"^(?P<title>.*?[^\d\s.．…·]){LEADER}[.．…·]{{2,}}{LEADER}[(（]?(?P<page>\d{{1,3}})[)）]?$")
BULLET = re.compile(r"^[•·●◆■□\-*]\s*")
# a title run straight into its document number, no bracket or space between (a TOC cell, or a
# wrapped entry joined back): `…的通知云政发〔2022〕8号`; cut after the last 文种 before the code
_DOC_TYPES = "通知|通报|决定|意见|批复|函|办法|规定|公告|通告|报告|请示|纪要|方案|细则|条例|规则|命令|决议|名单"
GLUED = re.compile(rf"^(.*(?:{_DOC_TYPES}))([\u4e00-\u9fff]{{1,8}}[〔\[［(（]\s*\d{{4}}\s*[〕\]］)）])")


def _unglue(text: str) -> str:
    return GLUED.sub(r"\1 \2", text, count=1)


def find_heading(lines: list[Line], limit: int = 80) -> int | None:
    for i, line in enumerate(lines[:limit]):
        if TOC_HEADING.match(line.text.strip()):
            return i
    return None


def _clean_title(parts: list[str]) -> str:
    title = "".join(BULLET.sub("", p.strip()) for p in parts)
    return re.sub(r"\s+", "", title)


def _without_number(title: str) -> str:
    """An entry's title without its document number and the brackets that held it."""
    return re.sub(r"[（(]\s*[)）]", "", docnumber.strip_numbers(title)).strip()


def _plain_section(text: str) -> bool:
    return is_plain_section(text)


def _cut_bracket(pending: list[Line]) -> bool:
    """The entry's text so far leaves a bracket open: its document number wrapped."""
    text = "".join(p.text for p in pending)
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _entry_follows(lines: list[Line], i: int) -> bool:
    """One of the next three lines ends a TOC entry (a page after a leader or a number)."""
    return any(TOC_LINE_END.search(l.text.strip()) or NUMBER_PAGE.match(l.text.strip()) for l in lines[i:i + 3])


def parse_toc(lines: list[Line], start: int) -> tuple[list[TocEntry], int]:
    """Entries from the line after the heading; returns them and the index where the TOC ends."""
    entries: list[TocEntry] = []
    section: str | None = None
    pending: list[Line] = []
    i = start + 1
    while i < len(lines):
        text = lines[i].text.strip()
        if m := TOC_SECTION.match(text):
            if pending:
                break
            section = re.sub(r"\s+", "", m["name"])
            if m["page"]:
                entries.append(TocEntry(section=section, title=None, doc_number=None, page=int(m["page"]),
                                        lines=[lines[i].no, lines[i].no]))
            i += 1
            continue
        if not pending and _plain_section(text) and _entry_follows(lines, i + 1):
            section = BULLET.sub("", text).replace(" ", "")
            i += 1
            continue
        m = NUMBER_PAGE.match(text)
        if m and (pending or not m["num"]):
            if not pending:  # a stray page number
                i += 1
                continue
            if _cut_bracket(pending):  # `…通知（临政发〔2020〕` / `31号） .....1`: one number, cut
                tail = TITLE_PAGE.match(text)
                pending = pending + [Line(lines[i].no, tail["title"] if tail else text)]
                entries.append(_entry(section, pending, None, int(m["page"]), lines[i]))
            else:
                entries.append(_entry(section, pending, m["num"], int(m["page"]), lines[i]))
            pending = []
            i += 1
            continue
        m = TITLE_PAGE.match(text)
        if m:
            num = docnumber.canonical(_unglue(m["title"]))
            title_text = _without_number(_unglue(m["title"]))
            entries.append(_entry(section, pending + [Line(lines[i].no, title_text)], num, int(m["page"]), lines[i]))
            pending = []
            i += 1
            continue
        if len(pending) >= 3 or any(c in text for c in "。；;"):
            break
        pending.append(lines[i])
        i += 1
    end = i - len(pending)
    return entries, end


def _entry(section, pending: list[Line], num: str | None, page: int, last: Line) -> TocEntry:
    title = _clean_title([p.text for p in pending]) or None
    number = docnumber.canonical(num) if num else None
    if title and number is None:
        number = docnumber.canonical(_unglue(title))
        if number:
            title = _clean_title([_without_number(_unglue(title))]) or None
    first = pending[0].no if pending else last.no
    return TocEntry(section=section, title=title, doc_number=number, page=page,
                    lines=[first, last.last or last.no])
