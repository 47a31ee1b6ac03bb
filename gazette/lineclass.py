"""What kind of line is this? Marker patterns and line classes shared by the normalizer and parsers.

Markers are data: an ordered table of (kind, regex).  Recognising a marker is kept apart
from deciding its depth (that is the outline builder's job).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from .docnumber import ORDER_RE, ORDER_SERIAL, ORDER_TITLE, is_doc_number_line
from .numerals import CN_NUMERAL, MONTH_RE, is_date_line

CN = f"[{CN_NUMERAL}]+"
MARKERS: list[tuple[str, re.Pattern]] = [
    ("chapter", re.compile(rf"^第\s*(?P<n>{CN}|\d+)\s*章")),
    ("section", re.compile(rf"^第\s*(?P<n>{CN}|\d+)\s*节")),
    ("article", re.compile(rf"^第\s*(?P<n>{CN}|\d+)\s*条")),
    ("cn", re.compile(rf"^(?P<n>{CN})\s*[、．.]")),
    ("paren_cn", re.compile(rf"^[（(]\s*(?P<n>{CN})\s*[)）]")),
    ("arabic", re.compile(r"^(?P<n>\d{1,3})\s*(?:[．.](?!\d)|、)")),
    ("paren_arabic", re.compile(r"^[（(]\s*(?P<n>\d{1,3})\s*[)）]")),
    ("circled", re.compile(r"^(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
]
# the characters a marker may begin with (a line beginning otherwise is tried against none of them)
_MARKER_START = re.compile(rf"[第（(\d{CN_NUMERAL}①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]")
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(?P<n>\d{1,2})?\s*$")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*(?:[（(][^（）()]{1,6}[)）]\s*)?[:：]")   # '附件：', '附件(另附)：'
# what joins the two ends of a range of days: '11—14日', '1─3日' (a box-drawing line), '11至14日'
RANGE_MARKS = "-－—–~～─至"
DAY_MARKER = re.compile(rf"^(?P<d>\d{{1,2}})\s*(?:[{RANGE_MARKS}]\s*(?P<e>\d{{1,2}})\s*)?日(?=\s|$|[^\d期前后内起止])")
SAME_DAY_MARKS = "△▲※◆●○☆★"  # a chronicle's further event of the day last dated …
SAME_DAY_WORDS = ("是日", "同日", "当日", "当天", "同天")  # … or its words for 'that day', set apart
SAME_DAY_LEAD = rf"(?:[{SAME_DAY_MARKS}]|(?:{'|'.join(SAME_DAY_WORDS)})(?=[ \t\u3000\xa0]))"
SAME_DAY = re.compile(rf"^\s*{SAME_DAY_LEAD}")
MONTH_HEADING = re.compile(rf"^(?:\d{{1,2}}|[{CN_NUMERAL}]{{1,3}})\s*月(?:份)?\s*[:：]?$")   # a chronicle's '12月', '一月:'
YEAR_HEADING = re.compile(r"^(?:19|20)\d{2}\s*年(?:度)?\s*[:：]?$")   # a chronicle's '1989年' over its months and days
LEADER_PAGE = r"[\s.．…·•⋯_－-]*[(（]?\s*(?P<page>\d{1,3})\s*[)）]?"
# a section name set apart by brackets or by marks on both sides: '【区政府文件】', '〖通告〗', '『上级文件』', '◇部门文件◇',
# '——县政府文件——' (perhaps with the page of a section-only TOC entry)
SECTION_MARKS = "◇◆■□▍▌▎●○★☆▲△◎〓※·•|｜—–－=~～"
SECTION_OPEN, SECTION_CLOSE = "【〖〔『「［[", "】〗〕』」］]"   # brackets around a section's name (pairs)
_OPEN, _CLOSE = re.escape(SECTION_OPEN), re.escape(SECTION_CLOSE)
_MARKED = rf"[{SECTION_MARKS}]{{1,6}}"
_SECTION = (rf"^(?:[{_OPEN}]|{_MARKED})\s*(?P<name>(?=[^{_CLOSE}{SECTION_MARKS}]*[\u4e00-\u9fff])"
            rf"[^{_CLOSE}{SECTION_MARKS}]{{1,20}}?)\s*(?:[A-Za-z][A-Za-z '’&.,-]{{0,60}}?\s*)?(?:[{_CLOSE}]|{_MARKED})")
# (an English gloss after the name is no part of it: '【部门文件 Departmental Documents】')
SECTION_LINE = re.compile(_SECTION + r"\s*$")
TOC_SECTION = re.compile(_SECTION + rf"(?:{LEADER_PAGE})?\s*$")
# a front-matter page numbered in Roman numerals: 'Ⅱ'
ROMAN_PAGE = re.compile(r"^\s*[〈<（(\-—－–]?\s*[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]{1,3}\s*[〉>）)\-—－–]?\s*$")
# the TOC's heading: 目录, 目次, 本期目录, 本期要目, 本期导读, 本期要览 (perhaps letter-spaced)
TOC_HEADING = re.compile(r"^(?:本\s*期\s*)?(?:目\s*[录錄次]|要\s*目|导\s*读|要\s*览)$|^本\s*期\s*内\s*容$")
# the 题注 under a decision or rule: '（2023年5月31日…会议通过）', '(1985年5月4日皖政〔1985〕38号)'
CAPTION_OPEN = re.compile(r"^[（(\[［](?=[^（）()\[\]［］]{0,40}(?:\d{4}|[〇零○一二][〇零○OＯ一二三四五六七八九]{3})\s*年)")  # (or in [])
CAPTION_VERB = re.compile(r"(?:通过|批准|修正|修订|公布|发布|施行|印发)")
# a 题注 printed without brackets on a line of its own: '一九五五年二月十日国务院常务会议通过', the
# order that promulgated it: '2022年6月6日某部令第2号公布', or its dates passed and approved:
# '一九五○年一月十日通过 一九五○年二月九日某某委员会批准'
CAPTION_BARE = re.compile(r"^(?:\d{4}|[〇零○一二][〇零○OＯ一二三四五六七八九]{3})年[^，。；：,;:（）()]{2,60}?"
                          r"(?:(?:会议|委员会|常委会)[^，。；：,;:（）()]{0,10}?(?:通过|批准|修正|修订)|令第\d{1,5}号(?:公布|发布))$")
# the header row of a table of contents: '栏目 | 标题 | 文号 | 页码', '文件名称　　页码　　发文机关'
TOC_COLUMN_HEADER = re.compile(r"^(?:栏目|类别|分类|标题|题目|文件名称|名称|文号|发文字号|页码|页次|页|序号|发文机关|发文单位)$")


def is_bare_recipients(text: str) -> bool:
    """Recipients printed without their colon, first under the header: '各街道办事处,区级各部门,某管委会',
    '某管委会,各乡镇人民政府(街道办事处),市直有关单位'; or closed by a semicolon typed for the colon."""
    t = re.sub(r"[;；]$", "", text.strip())
    if len(t) > 120 or "各" not in t:
        return False
    parts = [re.sub(r"[（(][^（）()]{1,12}[)）]$", "", p) for p in re.split(r"[,，、]", t) if p]  # ('…人民政府(街道办事处)')
    return any(p.startswith("各") for p in parts) and len(parts) >= 2 \
        and not re.search(r"[。；;:：！？]", t) and all(ORG_END.search(p) or p.endswith(("部门", "单位", "机构")) for p in parts)


def is_issuer_cell(cell: str) -> bool:
    """A TOC column after an entry's page: the issuing bodies' names, or a dash where none is named
    ('……1　　某市人民政府', '……4　　—')."""
    if re.fullmatch(r"[-—–－/无]{1,2}", cell):
        return True
    names = org_names(cell)
    return names is not None and "".join(names) == re.sub(r"[\s、]", "", cell)


def is_column_header(text: str) -> bool:
    """A line of TOC column headers only (at least two, set apart by spaces or tabs)."""
    cells = text.split()
    return len(cells) >= 2 and all(TOC_COLUMN_HEADER.match(c) for c in cells)


# a heading carried over to the next page: '目录（续）', '二、市政府文件（续）'
CONTINUED = re.compile(r"[(（]\s*续\s*[)）]\s*$")  # (no leading \s*: over a long run of spaces it backtracks)
# a table-of-contents line ending in a dotted leader and a page: '……（15）', '·····12', '……3'
TOC_LINE_END = re.compile(r"[.．…·•⋯_]{2,}\s*[(（]?\s*\d{1,3}\s*[)）]?$")
PUBLIC_NOTE = re.compile(r"^[（(]\s*此件(?:公开发布|主动公开|依申请公开|不予公开)\s*[)）](?:\s*[-—－–]\s*\d{1,3}\s*[-—－–])?$")  # (a page's number run into it)
PRINT_LINE = re.compile(r"^(?:[（(]\s*(?P<d1>[^()（）]{0,40}?日)\s*印\s*发\s*[)）]|(?P<org>\S.{0,60}?)\s+(?P<d2>[^\s日]{0,20}日)\s*印\s*发)\s*$")
NAME_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,5}\s*[:：]")        # 组长：… / 副主任：…
NAME_ENTRY = re.compile(r"^[\u4e00-\u9fff]{2,4}[ \u3000]+[\u4e00-\u9fff]")  # 刘守全 区发展和改革委员会…
COLOPHON = re.compile(r"(主管主办|主\s*办|主\s*管|编辑出版|编\s*辑|编\s*印|出\s*版|准印证|印\s*刷|发\s*行|地\s*址|邮\s*编|"
                      r"联系电话|电\s*话|网\s*址|定\s*价|刊\s*号|总第\s*\d|第\s*\d+(?:\s*[-—–]\s*\d+)?\s*期|出版$)")
# how the name of an issuing body ends (a signature line, the issuer printed over a title)
ORG_ENDINGS = ("政府", "办公室", "办公厅", "委员会", "管委会", "管理委员会", "局", "厅", "部", "院", "会", "中心", "处", "署", "办",
               "组", "所", "站", "司", "集团", "银行", "党组", "常委会", "人大", "政协", "分局", "支队", "大队", "总队")  # (司: a ministry's department, 公司)
ORG_END = re.compile(f"({'|'.join(ORG_ENDINGS)})$")
# a file's name at the end of a line: an attachment named by its file, a download link
FILE_EXTENSION = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|zip|rar|ofd|et)$")
GAZETTE_NAME_ENDS = "公报|政报|文告"  # how a gazette's name ends ('某市人民政府公报', '某部文告')
SENTENCE_PUNCT = "，。；！？,;!?"
_SENTENCE_MARK = re.compile(f"[{SENTENCE_PUNCT}]")
WS = re.compile(r"\s+")
TERMINAL = "。；：！？;:!?」』”\"）)】》"  # not 〕: it closes the year of a 文号, never a sentence


_NAME_SEPARATORS = re.compile(r"[\s、]+")


def org_names(text: str, shortest: int = 4) -> list[str] | None:
    """The names of a line that holds issuing bodies' names only, listed with 、 or spaces
    ('某县水务局、某县林业局', '财政部 某某委员会'), else None; names shorter than `shortest` do not count
    (a body's name broken over two lines leaves a short tail: '办公室')."""
    parts = [p for p in _NAME_SEPARATORS.split(text.strip()) if p]
    ok = bool(parts) and len(text) <= 60 and "关于" not in text and not any(c in text for c in SENTENCE_PUNCT + "：:《》") \
        and all(len(p) >= shortest and (ORG_END.search(p) or p.endswith(("办", "委"))) for p in parts)
    return parts if ok else None


@lru_cache(maxsize=4096)
def is_org_names(text: str) -> bool:
    """Joint issuers over a date, never a broken sentence."""
    return org_names(text) is not None


@lru_cache(maxsize=1)
def doc_type_table() -> dict:
    return json.loads(resources.files("gazette").joinpath("data/doc_types.json").read_text(encoding="utf-8"))


# the issuing body's name on the left of the number's line: '某市人民政府办公室　　　　某政办字〔2009〕120号'
_BESIDE_NUMBER = re.compile(r"^\s*(?P<org>[\u4e00-\u9fff]{4,30})\s+(?P<number>\S.*)$")  # (one space in a PDF text layer)


def issuer_beside_number(text: str) -> str | None:
    """The issuing body printed on a document number's line, left of the number (else None)."""
    m = _BESIDE_NUMBER.match(text)
    return m["org"] if m and ORG_END.search(m["org"]) and is_doc_number_line(m["number"]) else None


@lru_cache(maxsize=4096)
def is_plain_section(text: str) -> bool:
    """A section heading printed without 【】: '市政府文件', '■ 人事任免' (short, no punctuation)."""
    t = re.sub(r"^[•·●◆■□\-*]\s*", "", text.strip()).replace(" ", "")
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,12}", t)) and \
        any(t.endswith(e) for e in doc_type_table()["toc_section_endings"])


def marker(text: str) -> tuple[str, str] | None:
    """The numbering marker a line starts with: (kind, numeral) or None."""
    t = text.lstrip()
    if not _MARKER_START.match(t):
        return None
    for kind, pattern in MARKERS:
        m = pattern.match(t)
        if m:
            return kind, m.group("n")
    return None


def compact(text: str) -> str:
    """A title without the spaces that centring and line breaks put in it (a space is kept only
    between two ASCII letters or digits)."""
    text = re.sub(r"\s+", " ", text.strip())
    return re.sub(r"(?<=[^A-Za-z0-9]) | (?=[^A-Za-z0-9])", "", text)


# a bracketed note after a title's ending: （试行）, （2020年11月）, （2021年修订） — not a document number
# what may follow a title's ending: a note in brackets ('（试行）', '（2020年8月）'), a period printed bare ('大事记202008')
TRAILING_NOTE = re.compile(r"[（(](?![^（）()]*号)[^（）()]{1,20}[)）]$|(?<=[\u4e00-\u9fff])\d{4}(?:[-.年]?\d{1,2}月?)?$"
                           r"|[（(]第[\d一二三四五六七八九十百〇零]{1,6}号[)）]$")  # (a 公告's serial after it: '…的公告(第1号)')


def strip_trailing_note(title: str) -> str:
    return TRAILING_NOTE.sub("", title)


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, ...], re.Pattern]:
    """The title endings longest first, and one pattern that finds which a text ends with."""
    endings = tuple(sorted(doc_type_table()["title_endings"], key=len, reverse=True))
    return endings, re.compile("(?:%s)$" % "|".join(map(re.escape, endings)))


@lru_cache(maxsize=4096)
def title_ending(text: str) -> str | None:
    """The title ending (文种 or list word) the text ends with, if any (after a trailing note)."""
    t = strip_trailing_note(WS.sub("", text))
    endings, pattern = _endings()
    if not pattern.search(t) or t.endswith(NOT_ENDINGS):
        return None
    return next(e for e in endings if t.endswith(e))


NOT_ENDINGS = ("代表", "发表")  # words that end as a title ending does (表) and are none


@lru_cache(maxsize=4096)
def is_title_like(text: str, max_len: int = 90) -> bool:
    """A heading line: no sentence punctuation, ends with a title ending, not a numbered item."""
    t = "".join(text.split())
    if not (4 <= len(t) <= max_len) or _SENTENCE_MARK.search(t):
        return False
    if (m := marker(t)) and m[0] in ("arabic", "article", "paren_arabic"):
        return False
    return title_ending(t) is not None


@lru_cache(maxsize=4096)
def is_heading(text: str) -> bool:
    """A short numbered heading (一、总体目标 / （一）工作步骤 / 第一章 总则 / 附件1)."""
    t = text.strip()
    if ATTACHMENT_HEADING.match(t):
        return True
    m = marker(t)
    if not m or m[0] in ("article", "arabic", "paren_arabic", "circled"):
        return False
    return len(t) <= 24 and not any(c in t for c in SENTENCE_PUNCT)


@lru_cache(maxsize=4096)
def is_structural(text: str) -> bool:
    """Lines that start something of their own: never joined to the line before them."""
    t = text.strip()
    return bool(
        marker(t) or ATTACHMENT_HEADING.match(t) or ATTACHMENT_NOTE.match(t) or DAY_MARKER.match(t)
        or SAME_DAY.match(t) or TOC_SECTION.match(t) or PUBLIC_NOTE.match(t) or PRINT_LINE.match(t)
        or is_date_line(t) or MONTH_RE.match(t) or is_doc_number_line(t) or NAME_LABEL.match(t)
        or NAME_ENTRY.match(t) or ORDER_TITLE.match(t) or ORDER_SERIAL.match(t) or TOC_LINE_END.search(t)
        or ORDER_RE.fullmatch(t.replace(" ", "")) or MONTH_HEADING.match(t)
        or t.startswith(("注：", "注:", "联系人", "联系电话", "邮箱", "（此件", "(此件"))
    )
