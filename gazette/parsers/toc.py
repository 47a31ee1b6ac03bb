"""The table of contents (目录), found from the issue's own evidence and read whatever its format.

A TOC is a run of front-matter lines that list the documents of the body: each entry is a title
(over one to three lines), often a document number (in brackets, on the title's line or under it)
and a page number (after a leader, a tab or spaces, in brackets, or before the title).  What makes
a line an entry is evidence, not a format: it carries a page number, or the title it holds is
printed again later in the body.  Section headings (`【区政府文件】`, `市政府文件`, `国务院部门文件`) are
the short lines between entries.  `find_toc` returns the run as groups of lines (read before line
joins and repairs); `build_entries` reads the entries from those lines once the text is repaired.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import docnumber
from .. import lineclass as lc
from ..lineclass import CONTINUED, ROMAN_PAGE, SECTION_CLOSE, SECTION_LINE, SECTION_OPEN, TOC_HEADING, is_plain_section, title_ending
from ..model import Line, TocEntry
from ..numerals import cn_to_int
from .evidence import SENTENCE, TitleIndex, similarity, title_key, without_numbers
from .masthead import is_masthead_line

LEADER_CHARS = ".．…·•⋯_－-—─‥﹍"
_LEAD = rf"[\s{re.escape(LEADER_CHARS)}:：/／]"   # (a colon or a slash before the page: "…的决定：1", "…的通知/3")
# a page at the end: '……（15）', '·····12', '\t3', '   3', ')2'
TAIL_PAGE = re.compile(rf"^(?P<rest>.*?)(?P<lead>{_LEAD}*)(?P<open>[(（]?)\s*(?:(?<=[\s{re.escape(LEADER_CHARS)}）)〕\]])[Pp]\.?\s*|(?<=[\u4e00-\u9fff》])[Pp]\.\s*)?(?P<page>\d{{1,3}})(?:\s*[-—–~～]\s*\d{{1,3}})?\s*(?P<close>[)）]?)\s*$")   # (a range: '……2—5', '……1-2')
# a page in a printed form of its own: '- 2 -', '— 2 —', '·2·', '第2页', '第2版', '（2）', '（见第3版）'
_FORM = r"(?:[-—–－]\s*(?P<p1>\d{1,3})\s*[-—–－]|[·•]\s*(?P<p2>\d{1,3})\s*[·•]|第\s*(?P<p3>\d{1,3})\s*[页版]|[(（]\s*(?P<p4>\d{1,3})\s*[)）]|[(（]\s*见?\s*第\s*(?P<p6>\d{1,3})\s*[页版]\s*[)）])"
TAIL_FORM = re.compile(rf"^(?P<rest>.*?)(?P<lead>{_LEAD}*){_FORM}\s*$")
# a page in Chinese numerals after a leader, in brackets or not: '……（三）', '……三' (the leader is
# needed: '（三）' alone ends many titles)
TAIL_CN = re.compile(rf"^(?P<rest>.*?)(?P<lead>[{re.escape(LEADER_CHARS)}]{{2,}})\s*(?P<open>[(（])?\s*(?P<page>[一二三四五六七八九十]{{1,4}})\s*"
                     rf"(?(open)[)）])\s*$")
PAGE_ONLY = re.compile(rf"^\s*(?:{_FORM}|(?P<p5>\d{{1,3}}))\s*$")
LEADER_END = re.compile(r"(?:[.．…·•⋯_]\s*){3,}$")
LEADER_PAGE_END = re.compile(r"(?:[.．…·•⋯_]\s*){3,}[(（]?\d{1,3}[)）]?\s*$")
# a page first: '3  关于……的通知', '（3）国务院关于…'
HEAD_PAGE = re.compile(rf"^(?P<open>[(（〔［\[]?)(?:[Pp]\.?\s*)?(?P<page>\d{{1,3}})(?P<close>[)）〕］\]]?)(?P<lead>{_LEAD}+)"
                       rf"(?P<rest>(?:\d{{1,2}}(?:[.．]\d{{1,2}})+\s+(?=\S)|(?=[\u4e00-\u9fff【《“])).*)$")
SECTION_BRACKETS = SECTION_LINE
# a section numbered in the TOC: '一、上级文件', '三、人事任免'
SECTION_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．]\s*")
# an entry's ordinal, no page: '2.', '（三）', '四、' before the title ('2．　title' set apart by spaces
# where its page is not on the line: a page in front is never followed by a stop)
ENTRY_ORDINAL = re.compile(r"^(?:[①-⑳]|\d{1,2}(?:[.．]\d{1,2})+\s+|\d{1,2}[.．、](?=[\u4e00-\u9fff《“]|[ \u3000]+[\u4e00-\u9fff《“](?!.*\d\s*$))|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*")
BULLET = re.compile(r"^[•·●◆■□▪▶►▍▌▎◇◎★☆▲△▼▽○§※\-*+]\s*")
RULE_ONLY = re.compile(r"^[━─—－=＝_﹏~～]{4,}$")  # a rule drawn under a red head
ENGLISH = re.compile(r"^[A-Za-z][A-Za-z\s.,'&-]*$")
# a section printed on the line of its first entry: '【区政府文件】某区人民政府关于…的通知……2'
# a section's name in 〈〉 (in a TOC only: elsewhere 〈〉 cite a name inside a title)
ANGLED_SECTION = re.compile(r"〈([^〈〉]{2,16})〉")
SECTION_BEFORE = re.compile(rf"^[{re.escape(SECTION_OPEN)}]\s*(?P<name>(?=\D)[^{re.escape(SECTION_CLOSE)}]{{1,20}}?)"
                            rf"\s*[{re.escape(SECTION_CLOSE)}]\s*(?=\S)")
_NOT_A_PAGE_AFTER = re.compile(r"(?:\d|[年月日号期条款项章节届次岁%％])$")
# the entry's 文号 in brackets before its title: '［某市人民政府令第77号］title', '［某政发〔2016〕83号］title'
NUMBER_FIRST = re.compile(r"^[［\[【]\s*(?P<number>[^［\]］】]{2,30}号)\s*[］\]】]\s*(?=\S)")
NUMBER_AFTER_PAGE = re.compile(rf"^(?P<rest>.*{_LEAD}\d{{1,3}})[ \t\u3000]+[(（]?(?P<number>[^\s(（)）]{{2,30}}号)[)）]?$")
# the issuing body in a column after the page (or a dash where none is named): '…的通知……1　　某市人民政府'
ISSUER_AFTER_PAGE = re.compile(rf"^(?P<rest>.*{_LEAD}\d{{1,3}})[ \u3000\t]+(?P<col>[-—–－/无]{{1,2}}|[\u4e00-\u9fff（）()、\s]{{3,40}})$")
_HEAD_NOT_TITLE = re.compile(r"^[年月日号期条款项章节届次个件万元]")


@dataclass
class Piece:
    """What one TOC line says."""
    text: str               # the line without bullets, leader and page
    page: int | None = None
    head_page: bool = False
    number: str | None = None   # a document or order number printed on the line
    number_only: bool = False   # the line is only that number (and a page)
    page_only: bool = False     # the line is only a page (printed under a leader)
    leader_end: bool = False    # the line ends in a leader: its page is on the next line


@dataclass
class Group:
    kind: str                       # "section" | "entry"
    lines: list[Line] = field(default_factory=list)


@dataclass
class TocRegion:
    heading: int | None   # index of the 目录 line, if printed
    start: int            # index of the first line of the TOC (heading included)
    end: int              # index after the last TOC line
    groups: list[Group] = field(default_factory=list)
    back: bool = False    # printed after the documents (its titles are printed before it, not after)

    def titles(self) -> list[str]:
        """Title keys of the entries (as the body should print them)."""
        return [_group_title(g) for g in self.groups if g.kind == "entry"]

    def sections(self) -> list[str]:
        return [n for g in self.groups if g.kind == "section" if (n := _section_name(read_piece(g.lines[0].text).text))]


def _group_title(g: Group) -> str:
    _, lines = _section_before(g.lines)
    return title_key(_title_text([read_piece(l.text) for l in lines]))


def _section_before(lines: list[Line]) -> tuple[str | None, list[Line]]:
    """An entry's section printed before its title on its first line ('[部门文件]title……3'), and the
    entry's lines without it (the section is no part of the title); a 文号 in front in brackets
    ('［某政发〔2016〕83号］title') is the entry's number, no section."""
    m = SECTION_BEFORE.match(lines[0].text.strip()) if lines else None
    if not (m and read_piece(lines[0].text.strip()[m.end():]).text) or NUMBER_FIRST.match(lines[0].text.strip()):
        return None, lines
    rest = Line(no=lines[0].no, text=lines[0].text.strip()[m.end():], last=lines[0].last)
    return "".join(m["name"].split()), [rest] + lines[1:]


def _title_text(pieces: list[Piece]) -> str:
    """An entry's title, from its lines' pieces: not its number's line (an order's number on its
    own line under the title is no part of it: '…的决定' / '某部令2019年第32号'), nor the issuer's
    name in brackets after it ('…的决定〔某市人民政府〕') or before it with a colon."""
    text = "".join(p.text for k, p in enumerate(pieces) if not (p.number_only or (
        k and p.number and docnumber.ORDER_RE.fullmatch(re.sub(r"\s+", "", p.text)))))
    text = _after_issuer(text.strip()).rstrip("：:")  # (a colon set before the page, the page wrapped to the next line)
    return _without_issuer(text) or text


def _after_issuer(text: str) -> str:
    """The title without the issuing body's name printed before it with a colon ('某省人大常委会：某条例')."""
    m = re.match(r"^\s*([^：:，,。；]{3,30})[：:]\s*(?=\S)", text)
    names = lc.org_names(m[1].strip()) if m else None
    return text[m.end():] if names and "".join(names) == re.sub(r"[\s、]", "", m[1]) else text


_PAIRS = {"）": "（", ")": "(", "〕": "〔", "]": "[", "］": "［", "】": "【"}


def _without_issuer(text: str) -> str | None:
    """The title without the issuer's name (or the date) in brackets after it ('…的决定〔某市人民政府〕',
    '…的决定（某市人民政府，某政发〔2022〕3号）', '…的通知（某委员会等）', '…法（2000年10月31日）');
    None if there is none."""
    close = text[-1:]
    if close not in _PAIRS:
        return None
    depth = 0
    for k in range(len(text) - 1, 0, -1):
        depth += (text[k] in _PAIRS) - (text[k] in _PAIRS.values())
        if depth == 0:
            inner = without_numbers(text[k + 1:-1]).strip(" ，,、;；\u3000")
            names = inner[:-1] if inner.endswith("等") else inner
            if lc.is_date_line(inner):
                return text[:k]  # the date it was issued: '…文字法（2000年10月31日）'
            return text[:k] if len(names) >= 4 and lc.org_names(names) else None
    return None


def _form_page(m: re.Match) -> int:
    return int(next(v for k, v in m.groupdict().items() if k.startswith("p") and v))


MAX_ENTRY = 200  # characters: a longer line is no TOC line (and the page patterns would backtrack on it)


def read_piece(text: str) -> Piece:
    t = text.strip()
    if SECTION_LINE.match(t):
        return Piece(text=t)  # '——县政府文件——': its marks are no leader
    if m := PAGE_ONLY.match(t):  # (before bullets go: '- 1 -')
        return Piece(text="", page=_form_page(m), page_only=True)
    t = ENTRY_ORDINAL.sub("", BULLET.sub("", t))
    if len(t) > MAX_ENTRY:
        return Piece(text=t)
    first = None
    if (m := NUMBER_FIRST.match(t)) and (first := docnumber.canonical(m["number"])):
        t = t[m.end():]
    if m := PAGE_ONLY.match(t):
        return Piece(text="", page=_form_page(m), page_only=True)
    page, head, number = None, False, None
    if (m := ISSUER_AFTER_PAGE.match(t)) and lc.is_issuer_cell(m["col"].strip()):
        t = m["rest"]
    if (m := NUMBER_AFTER_PAGE.match(t)) and (number := docnumber.canonical(m["number"])):
        t = m["rest"]  # the 文号 in a column after the page: '…的答复……10　某字〔2017〕111号'
    m = HEAD_PAGE.match(t)
    if m and LEADER_PAGE_END.search(m["rest"]):
        t, m = m["rest"], None  # a number in front and a page after a leader: the number is the entry's ordinal ('01　……1')
    if m and not _HEAD_NOT_TITLE.match(m["rest"]) and bool(m["open"]) == bool(m["close"]):
        page, head, t = int(m["page"]), True, ENTRY_ORDINAL.sub("", m["rest"])
    elif (m := TAIL_FORM.match(t)) and m["rest"].strip() and (m["lead"] or not m["rest"].rstrip()[-1:].isdigit()):
        page, t = _form_page(m), m["rest"]
    elif (m := TAIL_CN.match(t)) and m["rest"].strip() and (cn := cn_to_int(m["page"])):
        page, t = cn, m["rest"]
    else:
        m = TAIL_PAGE.match(t)
        if m and m["rest"].strip() and bool(m["open"]) == bool(m["close"]) and _is_tail_page(m):
            page, t = int(m["page"]), m["rest"]
    leader = page is None and bool(LEADER_END.search(t))
    t = _unglue(t.strip().rstrip(LEADER_CHARS + " \t\u3000"))
    number = first or number or docnumber.canonical(t) or docnumber.serial_in(t)
    return Piece(text=t, page=page, head_page=head, number=number, number_only=bool(number) and not title_key(t),
                 leader_end=leader)


def read_piece_text(text: str) -> str:
    """A TOC line without its bullet and entry ordinal (as `read_piece` first reads it)."""
    return ENTRY_ORDINAL.sub("", BULLET.sub("", text.strip()))


def _is_tail_page(m: re.Match) -> bool:
    """A number at the end of a line is a page only where something sets it apart: a leader, a
    space or tab, brackets, or the closing bracket of a document number before it."""
    rest, lead = m["rest"].rstrip(), m["lead"]
    if re.search(r"[Pp]\.\s*$", m.string[:m.start("page")]):
        return True  # 'P.3', even run into the title
    if _NOT_A_PAGE_AFTER.search(rest) and not lead.strip(" \t\u3000"):
        return bool(lead) and not rest.endswith(("年", "月", "第"))
    if lead.strip(" \t\u3000"):  # dots or dashes
        return True
    return bool(lead) or bool(m["open"]) or rest.endswith((")", "）", "〕", "]", "】"))


def _listed_title(text: str) -> bool:
    """A whole document title on a line of its own, as a TOC without pages lists them: '关于' and a
    文种 at the end, no sentence in it."""
    t = text.strip()
    return 8 <= len(t) <= 80 and "关于" in t and title_ending(t) is not None and not SENTENCE.search(t)


def _caption(text: str) -> bool:
    """A 题注 on a line of its own: '（1998年8月14日通过　1999年5月27日批准）'."""
    t = text.strip()
    return bool(lc.CAPTION_OPEN.match(t)) and t.endswith((")", "）")) and bool(lc.CAPTION_VERB.search(t))


def is_heading(text: str) -> bool:
    t = "".join(CONTINUED.sub("", text).split())
    return bool(TOC_HEADING.match(re.sub(r"(?i)CONTENTS?$", "", t)))


def _section_name(text: str) -> str | None:
    t = CONTINUED.sub("", text).strip()
    m = SECTION_BRACKETS.match(t)
    t = BULLET.sub("", t)
    if m:
        return "".join(m["name"].split())
    t = "".join(t.split()).rstrip(":：")  # '上级文件：'
    if (angled := ANGLED_SECTION.fullmatch(t)) and (len(angled[1]) <= 8 or title_ending(angled[1]) is None):
        t = angled[1]  # '〈市政府文件〉', '〈通知公告〉' (a name cited in 〈〉 is a title's: '〈某某管理办法〉')
        return t if 2 <= len(t) <= 16 and re.fullmatch(r"[\u4e00-\u9fff、·]+", t) else None
    numbered = SECTION_ORDINAL.match(t)
    if numbered:
        t = t[numbered.end():]
    if not (2 <= len(t) <= 16 and re.fullmatch(r"[\u4e00-\u9fff（）()、·]+", t)) or "关于" in t:
        return None
    if title_ending(t) and not is_plain_section(t) and not (numbered and len(t) <= 8):
        return None  # a short title ('…的决定'), not a section; a numbered one is ('二、通告')
    return t


def _indent(line: Line) -> int:
    """How far a line is set in: its leading spaces, or the indent its layout records (DOCX, PDF)."""
    text = line.text
    return max(len(text) - len(text.lstrip()), line.hints.get("indent", 0) if line.hints else 0)


class _Reader:
    """Walks lines from a start and groups them into sections and entries while the evidence holds."""

    def __init__(self, lines: list[Line], index: TitleIndex, has_heading: bool, skip: set[int] = frozenset()):
        self.lines, self.index, self.has_heading, self.skip = lines, index, has_heading, skip
        self.pieces: dict[int, Piece] = {}
        self.marked_sections = False  # the TOC marks its sections with brackets or marks (set by `read`)
        self.bulleted = False         # its entries stand after bullets (set by `read`)

    def piece(self, i: int) -> Piece:
        if i not in self.pieces:
            self.pieces[i] = read_piece(self.lines[i].text)
        return self.pieces[i]

    def printed_later(self, key: str, after: int) -> bool:
        return bool(key) and len(key) >= 6 and self.index.best(key, after=after) is not None

    def is_section(self, i: int, limit: int) -> bool:
        """A short heading line followed (within 3 lines) by an entry line."""
        p = self.piece(i)
        name = _section_name(p.text)
        if not name or p.number:
            return False
        if SECTION_BRACKETS.match(p.text) or ANGLED_SECTION.fullmatch("".join(p.text.split())):
            return True  # a name set apart by brackets
        if p.page is not None and p.head_page and self._heads_entries(i, limit):
            return True  # '4　大事记' over entries set in: a section with the page it begins on
        if p.page is not None or is_masthead_line(self.lines[i].text):
            return False  # a line with its own page is an entry; a masthead line is neither
        if any(self._issuer_over(i, j) for j in self._next_lines(i, limit, 1)):
            return False  # an entry's issuer over its title
        nxt = self._next_lines(i, limit, 3)
        if nxt and not BULLET.match(self.lines[i].text.strip()) and BULLET.match(self.lines[nxt[0]].text.strip()) \
                and self._entry_ahead(nxt[0], limit):
            return True  # a plain line over bulleted entries (a TOC without pages: a list of links)
        if self.has_heading and nxt and not _listed_title(self.lines[i].text) and _listed_title(self.lines[nxt[0]].text):
            return True  # a name over whole titles listed without pages
        if not any(self.piece(j).page is not None or self.piece(j).number or self.piece(j).leader_end for j in nxt):
            return False
        if BULLET.match(self.lines[i].text.strip()) and not title_ending(name) and not BULLET.match(
                self.lines[nxt[0]].text.strip()) and any(self.piece(j).page is not None for j in nxt):
            return True  # a name after a bullet, over entries (not bulleted) with pages: '◆国务院办公厅'
        # a short title printed again later is an entry, not a section; printed as a banner, a section
        key = title_key(p.text)
        later = self.index.best(key, after=i) if len(key) >= 6 else None
        if later is None and len(key) >= 6 and not is_plain_section(name) \
                and self.index.best(key + title_key(self.piece(nxt[0]).text), after=i, threshold=0.95) is not None:
            return False  # the first line of an entry wrapped to the next, printed later as a title
        return is_plain_section(name) or later is None or bool(SECTION_LINE.match(self.lines[later[1].first].text.strip()))

    def _next_lines(self, i: int, limit: int, count: int) -> list[int]:
        """The next `count` lines after i that hold text, page furniture (a running header, a
        front-matter page 'Ⅰ') passed over."""
        out, j = [], i + 1
        while j < limit and len(out) < count:
            text = self.lines[j].text.strip()
            if text and j not in self.skip and not ROMAN_PAGE.match(text):
                out.append(j)
            j += 1
        return out

    def read(self, start: int, limit: int) -> tuple[list[Group], int]:
        self.marked_sections = any(SECTION_BRACKETS.match(self.lines[j].text.strip()) for j in range(start, min(limit, start + 60)))
        self.bulleted = any(BULLET.match(self.lines[j].text.strip()) for j in range(start, min(limit, start + 12)))
        groups: list[Group] = []
        pending: list[int] = []
        seen: set[str | None] = set()
        i = start
        head_style = self._head_style(start, limit)
        if not head_style and self._ordinals_in_front(start, limit):
            for j in range(start, min(limit, start + 60)):  # '03　关于…' over '…的函……4': 03 is no page
                p = self.piece(j)
                if p.head_page:
                    self.pieces[j] = Piece(text=p.text, number=p.number, number_only=p.number_only)
        numbers_above = False
        while i < limit:
            text = self.lines[i].text.strip()
            p = self.piece(i)
            masthead = is_masthead_line(text) and not p.page_only and not (p.page is not None and title_ending(p.text))
            if not text or i in self.skip or masthead or ENGLISH.match(text) or lc.is_column_header(text) \
                    or ROMAN_PAGE.match(text) or lc.is_date_line(text.strip("（）()")) \
                    or (groups and not pending and (is_heading(text) or _caption(text))):
                i += 1  # a running header on a TOC page, the issue's date and number under 目录, 'CONTENTS', 'Ⅱ',
                continue  # the heading again on the TOC's next page ('目录（续）'), an entry's 题注 under it
            if self._red_head(i, limit):
                break  # a document's red head ('某某人民政府文件' over a rule or its 文号): the body begins
            if p.page_only:  # a page printed on its own line, under the entry's leader
                if pending and head_style and any(self.piece(k).page is not None for k in pending):
                    groups.append(self._entry(pending))  # the entry has its page in front: this is
                    pending = []                         # the number of the page the TOC is on
                    i += 1
                    continue
                if pending:
                    groups.append(self._entry(pending + [i]))
                    pending = []
                elif groups and groups[-1].kind == "entry" and not self._has_page(groups[-1]):
                    groups[-1].lines.append(self.lines[i])
                i += 1
                continue
            if p.leader_end and not head_style:  # the title is complete; its page may follow
                groups.append(self._entry(pending + [i]))
                pending = []
                i += 1
                continue
            bulleted = bool(pending) and bool(BULLET.match(self.lines[pending[0]].text.strip()))
            if self.is_section(i, limit) and not (pending and not head_style and not bulleted):
                name = _section_name(p.text)
                if name in seen:
                    if CONTINUED.search(p.text):
                        i += 1  # the section goes on on the TOC's next page
                        continue
                    break  # a TOC lists a section once: printed again, it is the body's banner
                seen.add(name)
                if pending:
                    groups.append(self._entry(pending))
                    pending = []
                groups.append(Group("section", [self.lines[i]]))
                i += 1
                continue
            if p.number_only:
                if pending:
                    if p.page is None and (not self._entry_ok(pending) or self._listed_before(pending, groups)):
                        break  # a title and number with no page, printed nowhere else or listed already: the body begins
                    groups.append(self._entry(pending + [i]))
                    pending = []
                elif p.page is None and (numbers_above or not groups or groups[-1].kind == "section") \
                        and self._entry_ahead(i + 1, limit):
                    numbers_above = True  # the TOC prints each 文号 over its title: this one opens an entry
                    pending = [i]
                elif groups and groups[-1].kind == "entry" and not self._has_number(groups[-1]) \
                        and self.number_printed_after(p.number, i):
                    groups[-1].lines.append(self.lines[i])  # the number printed under a finished entry
                    # (and again in the body: a number printed nowhere after is the body's first)
                else:
                    break
                i += 1
                continue
            if p.page is not None and p.head_page and head_style:
                if pending:
                    groups.append(self._entry(pending))
                pending = [i]
                i += 1
                continue
            if p.page is not None:
                groups.append(self._entry(pending + [i]))
                pending = []
                i += 1
                continue
            if SENTENCE.search(text) or len(text) > 90 or "\t" in text.strip("\t") \
                    or (pending and not p.page and self._listed_before(pending, groups)):
                break
            if pending and not head_style and (self._whole_title(pending, i) or BULLET.match(text) or (
                    bulleted and self._printed_alone(pending, i)) or (  # (a bullet begins the next entry)
                    self._listed(pending, groups, text))):  # (a list of whole titles, one a line, no pages)
                groups.append(self._entry(pending))  # a title without a page (a list of links), whole
                pending = []
            if not head_style and not pending and not self._entry_ahead(i, limit):
                break
            if p.number and not head_style:  # title and number on one line, no page
                if self._wrapped_to_page(i, limit):
                    pending.append(i)  # … the title goes on under it, to its page
                    i += 1
                    continue
                if not self.printed_later(title_key(p.text), i):
                    break
                groups.append(self._entry(pending + [i]))
                pending = []
                i += 1
                continue
            if head_style and pending and not self._wraps(pending, i):
                break  # the last entry is whole; what follows is the body
            pending.append(i)
            if len(pending) > 4:
                break
            i += 1
        end = i
        if pending:
            if (head_style or BULLET.match(self.lines[pending[0]].text.strip())) and self._entry_ok(pending):
                groups.append(self._entry(pending))
            else:
                end = pending[0]
        return self._trim(groups, end)

    def _ordinals_in_front(self, start: int, limit: int) -> bool:
        """Entries numbered in front with their page after a leader ('01　title……1'): a number in
        front of a line without a page is then an ordinal too."""
        return any(HEAD_PAGE.match(t := read_piece_text(self.lines[j].text)) and LEADER_PAGE_END.search(t)
                   for j in range(start, min(limit, start + 40)))

    def _head_style(self, start: int, limit: int) -> bool:
        heads = tails = 0
        for j in range(start, min(limit, start + 40)):
            p = self.piece(j)
            if p.page is not None:
                heads += p.head_page
                tails += not p.head_page
        return heads > tails

    def _entry_ahead(self, i: int, limit: int) -> bool:
        """Line i begins an entry: an entry signal follows within three lines, or its title is
        printed again later, or (under a 目录 heading) it is a whole title on a line of its own."""
        if i < limit and self.has_heading and not self.bulleted and _listed_title(self.lines[i].text):
            return True
        for j in range(i, min(i + 4, limit)):
            p = self.piece(j)
            if p.page is not None or p.number_only or p.leader_end:
                return True
            if j > i and (SENTENCE.search(self.lines[j].text) or not self.lines[j].text.strip()):
                break
        key = ""
        for j in range(i, min(i + 3, limit)):
            key += title_key(self.lines[j].text)
            if self.printed_later(key, j):
                return True
        return False

    def _wraps(self, pending: list[int], i: int) -> bool:
        """Line i continues the entry begun in `pending` (page first): together they name a title
        printed later (the entry alone may be its beginning, where the body breaks the title too)."""
        key = "".join(title_key(self.piece(k).text) for k in pending)
        more = title_key(self.piece(i).text)
        return bool(more) and self.printed_later(key + more, i)

    def _wrapped_to_page(self, i: int, limit: int) -> bool:
        """Line i's title goes on over the next lines (up to three) to one that ends in the entry's
        page; none of them carries a number or opens an entry of its own (an ordinal, a section)."""
        for j in self._next_lines(i, limit, 3):
            p = self.piece(j)
            if p.page_only and j > i + 1:
                return True  # the page itself wrapped to a line of its own, under the title's last line
            if p.head_page or p.number or not title_key(p.text) or ENTRY_ORDINAL.match(self.lines[j].text.strip()) \
                    or self.is_section(j, limit):
                return False
            if p.page is not None:
                return True
        return False

    def _whole_title(self, pending: list[int], i: int) -> bool:
        """The pending lines are a whole title printed later as it stands (not a title it resembles),
        which line i does not continue."""
        key = "".join(title_key(self.piece(k).text) for k in pending)
        return len(key) >= 6 and title_ending(key) is not None \
            and self.index.best(key, after=pending[-1], threshold=0.95) is not None \
            and not self.printed_later(key + title_key(self.piece(i).text), i)

    def _red_head(self, i: int, limit: int) -> bool:
        """Line i is an issuing body's mark ('某某人民政府文件') right over a rule line or a 文号."""
        t = "".join(self.lines[i].text.split())
        if not (t.endswith("文件") and lc.ORG_END.search(t[:-2])):
            return False
        return any(RULE_ONLY.match(self.lines[j].text.strip()) or (self.piece(j).number_only and self.piece(j).page is None)
                   for j in self._next_lines(i, limit, 1))

    def _listed(self, pending: list[int], groups: list[Group], text: str) -> bool:
        """The pending line is a whole title in a TOC under a 目录 heading that lists titles
        without pages (none so far has one), which the next line (`text`) does not go on with
        ('关于印发某实施方案' + '的通知')."""
        first = self.lines[pending[0]].text.strip()
        goes_on = len(text) <= 20 and title_ending(first + text) is not None and not _listed_title(text)
        return self.has_heading and not self.bulleted and len(pending) == 1 and _listed_title(first) \
            and not goes_on and not any(self._has_page(g) for g in groups if g.kind == "entry")

    def _printed_alone(self, pending: list[int], i: int) -> bool:
        """The pending lines name a title printed later, which line i does not continue."""
        key = "".join(title_key(self.piece(k).text) for k in pending)
        return self.printed_later(key, pending[-1]) and not self.printed_later(key + title_key(self.piece(i).text), i)

    def _listed_before(self, idx: list[int], groups: list[Group]) -> bool:
        """The lines repeat the title of an entry with a page listed above (a TOC lists a document
        once: its first title in the body)."""
        key = "".join(title_key(self.piece(k).text) for k in idx)
        return len(key) >= 6 and any(g.kind == "entry" and self._has_page(g) and similarity(key, _group_title(g)) >= 0.95
                                     for g in groups)

    def _entry_ok(self, idx: list[int]) -> bool:
        key = "".join(title_key(self.piece(k).text) for k in idx)
        return any(self.piece(k).page is not None for k in idx) or self.printed_later(key, idx[-1])

    def _has_number(self, g: Group) -> bool:
        return any(docnumber.canonical(l.text) for l in g.lines)

    def _has_page(self, g: Group) -> bool:
        return any(read_piece(l.text).page is not None for l in g.lines)

    def _entry(self, idx: list[int]) -> Group:
        if len(idx) >= 2 and self._issuer_over(idx[0], idx[1]):
            idx = idx[1:]  # the issuer's name over the title, set apart: no part of the title
        return Group("entry", [self.lines[k] for k in idx])

    def _heads_entries(self, i: int, limit: int) -> bool:
        """Line i is set apart from the next as a heading is: the next is set in further, or line i
        is centred (or set far in, over a line at the margin) and the next is not."""
        nxt = self._next_lines(i, limit, 1)
        if not nxt:
            return False
        here, there = self.lines[i], self.lines[nxt[0]]
        return _indent(there) > _indent(here) or bool(here.hints.get("centered")) and not there.hints.get("centered") \
            or _indent(here) >= 6 and _indent(there) <= 1

    def _issuer_over(self, i: int, j: int) -> bool:
        """Line i names issuing bodies only, over an entry's title (line j): set apart by the title's
        indent, or by the TOC marking its sections ('〓 市政府文件 〓'), which this line is not (a
        body's name after a bullet, '◆国务院', heads a section)."""
        return lc.org_names(self.lines[i].text.strip()) is not None and not BULLET.match(self.lines[i].text.strip()) and (
            _indent(self.lines[j]) > _indent(self.lines[i]) or self.marked_sections)

    def _trim(self, groups: list[Group], end: int) -> tuple[list[Group], int]:
        """Trailing section headings belong to the body (a banner over the first document)."""
        while groups and groups[-1].kind == "section" and self.piece(self._index(groups[-1])).page is None \
                and not SECTION_BRACKETS.match(self.piece(self._index(groups[-1])).text):
            end = self._index(groups.pop())
        return groups, end

    def _index(self, g: Group, last: bool = False) -> int:
        if not hasattr(self, "_pos"):
            self._pos = {id(l): k for k, l in enumerate(self.lines)}
        return self._pos[id(g.lines[-1 if last else 0])]

    def number_printed_after(self, number: str, i: int) -> bool:
        """Whether document number `number` is printed on a line after index i."""
        if not hasattr(self, "_numbers"):
            self._numbers: dict[str, list[int]] = {}
            for k, l in enumerate(self.lines):
                if "号" in l.text and (n := docnumber.canonical(l.text)):
                    self._numbers.setdefault(n, []).append(k)
        return any(k > i for k in self._numbers.get(number, ()))


def find_toc(lines: list[Line], index: TitleIndex, *, limit: int | None = None,
             skip: set[int] = frozenset()) -> TocRegion | None:
    """The table of contents among the first lines, or None.

    With a 目录 heading, the TOC is the run of entry-shaped lines under it.  Without one, a run
    of at least two entries whose titles are printed again later (or that carry page numbers
    and document numbers) counts."""
    n = len(lines)
    window = limit if limit is not None else min(n, max(120, n * 2 // 5))
    heading = next((i for i in range(min(window, 150)) if is_heading(lines[i].text)), None)
    reader = _Reader(lines, index, heading is not None, skip)
    if heading is not None and _prose_before(lines, heading):
        # documents above the heading: the issue's TOC printed after them, or the contents of the
        # document it stands in (a 预案's own 目录), not the issue's
        groups, end = reader.read(heading + 1, n)
        entries = [g for g in groups if g.kind == "entry"]
        if len(entries) >= 2 and _at_back(reader, entries, heading, end):
            return TocRegion(heading, heading, end, groups, back=True)
        return None
    if heading is not None:
        groups, end = reader.read(heading + 1, n)
        entries = [g for g in groups if g.kind == "entry"]
        if entries or groups:
            back = heading > n // 2 and _at_back(reader, entries, heading, end)  # (only late in the text)
            return TocRegion(heading, heading, end, groups, back=back)
        return TocRegion(heading, heading, heading + 1, [])
    if limit is None:  # a TOC printed after the documents: a heading, and entries whose titles came before
        for h in (i for i in range(window, n) if is_heading(lines[i].text)):
            groups, end = reader.read(h + 1, n)
            entries = [g for g in groups if g.kind == "entry"]
            if len(entries) >= 2 and _at_back(reader, entries, h, end):
                return TocRegion(h, h, end, groups, back=True)
    paged = [i for i in range(window) if reader.piece(i).page is not None and not reader.piece(i).page_only]
    if len(paged) < 2:
        return None  # no heading and hardly a page number: no TOC to look for
    i = paged[0]
    while i > 0 and reader.is_section(i - 1, n):  # the first entry's section heads the TOC
        i -= 1
    while i < window:
        p = reader.piece(i)
        if not lines[i].text.strip() or SENTENCE.search(lines[i].text) or (p.page is None and not reader.is_section(i, n)):
            i += 1
            continue
        groups, end = reader.read(i, n)
        entries = [g for g in groups if g.kind == "entry"]
        evidenced = [g for g in entries if _printed_later(reader, g)]
        if len(entries) >= 2 and len(evidenced) >= max(2, len(entries) // 2):
            return TocRegion(None, i, end, groups)
        i = max(i + 1, end)  # a run that is no TOC is not read again from inside
    return None


def _prose_before(lines: list[Line], heading: int) -> bool:
    """A document's sentences stand above the heading: a paragraph of prose ends there (a cover and
    a masthead print none)."""
    return any(len(t := lines[k].text.strip()) >= 40 and t.endswith(("。", "；")) and re.search(r"[，,。；]", t[:-1])
               for k in range(heading))


def _at_back(reader: _Reader, entries: list[Group], start: int, end: int) -> bool:
    """Most entries' titles are printed before the TOC, none after it: the TOC closes the issue."""
    keys = [k for g in entries if len(k := _group_title(g)) >= 6]
    before = sum(1 for k in keys if reader.index.best(k, before=start) is not None)
    after = sum(1 for k in keys if reader.index.best(k, after=end - 1) is not None)
    return bool(keys) and after == 0 and 2 * before > len(keys)


def _printed_later(reader: _Reader, g: Group) -> bool:
    last = reader._index(g, last=True)
    if reader.printed_later(_group_title(g), last):
        return True
    num = next((p.number for l in g.lines if (p := read_piece(l.text)).number), None)
    return bool(num) and reader.number_printed_after(num, last)


def build_entries(region: TocRegion) -> list[TocEntry]:
    """TOC entries from the region's groups (read after repairs, so numbers are canonical)."""
    entries: list[TocEntry] = []
    section: str | None = None
    groups = region.groups
    for k, g in enumerate(groups):
        if g.kind == "section":
            p = read_piece(g.lines[0].text)
            section = _section_name(p.text)
            nxt = groups[k + 1] if k + 1 < len(groups) else None
            if p.page is not None and (SECTION_BRACKETS.match(p.text) or nxt is None or nxt.kind == "section"):
                entries.append(TocEntry(section=section, title=None, doc_number=None, page=p.page,
                                        lines=list(g.lines[0].span)))
            continue
        entries.append(_entry(section, g.lines))
    return entries


def _entry(section: str | None, lines: list[Line]) -> TocEntry:
    printed, lines = _section_before(lines)
    section = printed or section
    pieces = [read_piece(l.text) for l in lines]
    page = next((p.page for p in reversed(pieces) if p.page is not None), None)
    number = next((p.number for p in pieces if p.number), None)
    text = _title_text(pieces)
    if number is None:  # a number cut over two lines: '…通知（临政发〔2020〕' + '31号）'
        number = docnumber.canonical(text)
    title = _display_title(_unglue(text)) or None
    return TocEntry(section=section, title=title, doc_number=number, page=page,
                    lines=[lines[0].no, lines[-1].last or lines[-1].no])


# a title run straight into its document number, no bracket or space between (a TOC cell, or a
# wrapped entry joined back): `…的通知云政发〔2022〕8号`; cut after the last 文种 before the code
_DOC_TYPES = "通知|通报|决定|意见|批复|函|办法|规定|公告|通告|报告|请示|纪要|方案|细则|条例|规则|命令|决议|名单"
GLUED = re.compile(rf"^(.*(?:{_DOC_TYPES}))([\u4e00-\u9fff]{{1,8}}[〔\[［(（]\s*\d{{4}}\s*[〕\]］)）])")


def _display_title(text: str) -> str:
    """The entry's title as printed: without its document number, the brackets that held it,
    bullets and spaces (an order keeps its name)."""
    return "".join(BULLET.sub("", without_numbers(text)).split())


def _unglue(text: str) -> str:
    return GLUED.sub(r"\1 \2", text, count=1)


def parse_toc(lines: list[Line], start: int = 0) -> tuple[list[TocEntry], int]:
    """The entries of a TOC printed from lines[start] on (a 目录 heading there is skipped), and the
    index where it ends."""
    if start < len(lines) and is_heading(lines[start].text):
        start += 1
    groups, end = _Reader(lines, TitleIndex(lines), True).read(start, len(lines))
    return build_entries(TocRegion(None, start, end, groups)), end
