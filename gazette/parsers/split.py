"""Split the body of an issue into documents: an ordered registry of "a document starts here" rules.

Each rule looks at line i and answers with a `Start` (which lines hold the title, which the
document number) or None.  Strong rules (a document number beside a title) always start a
document; weak rules (a list title, a TOC title, a title over a recipients line) do not fire
for a heading that belongs to the current document: its enclosed plan or an announced attachment.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Callable

from .. import docnumber
from .. import lineclass as lc
from . import masthead
from ..model import Line, TocEntry

APPOINTMENT_WORDS = re.compile(r"任免|任命|免职|聘任|人事")
RECIPIENTS = re.compile(r"^[^。；;]{2,200}[:：]$")
RECIPIENT_HINT = re.compile(r"^各|政府|部门|单位|办事处|委员会|管委会|各有关|局|街道|(?:同志|委员|代表|们)[:：]$|"
                            rf"(?:{'|'.join(lc.ORG_ENDINGS)}|委|学校|医院)[:：]$")  # (a body's name: '某指挥部办公室：')
NOT_RECIPIENTS = re.compile(r"如下|决定|现将|通知|联系|邮箱|电话|附件|注[:：]")
TITLE_TAG = re.compile(r"^【[^】]{1,8}】")
ENCLOSURE_VERBS = re.compile(r"(?:印发|转发|颁布|发布|公布)")


def _is_chronicle_title(title: str) -> bool:
    """A title ending in a chronicle word (大事记, 政务动态…, from data/doc_types.json)."""
    title = lc.strip_trailing_note(title)
    return any(title.endswith(e) for e, dtype in lc.doc_type_table()["types"] if dtype == "大事记")


@dataclass
class Start:
    title: list[int]                 # indices of the title line(s)
    number: int | None = None        # index of the document-number line
    rule: str = ""
    strong: bool = True
    title_text: str | None = None    # when the title shares its line with a tag or number
    printed: bool = True             # False: no title is printed; the text starts at title[0]
    section: str | None = None       # the section banner the document stands under
    header_last: int | None = None   # last line of a longer header (a 题注, a portal's metadata)

    @property
    def first(self) -> int:
        return min(self.title + ([self.number] if self.number is not None else []))

    @property
    def header_end(self) -> int:
        """Index of the last header line (title, number, 题注); the body follows."""
        if not self.printed:
            return self.title[0] - 1
        return max(self.title + ([self.number] if self.number is not None else [])
                   + ([self.header_last] if self.header_last is not None else []))


@dataclass
class Context:
    lines: list[Line]
    toc: list[TocEntry]
    used_toc: set[int] = field(default_factory=set)
    marks: dict[int, str] = field(default_factory=dict)
    current: Start | None = None     # the document being read
    begin: int = 0                   # where the body begins (the lines before are front matter)


# a number printed before the title on its line: '商务部令2007年第15号 商业特许经营备案管理办法'
LEADING_NUMBER = re.compile(r"^\s*[（(]?(?P<n>\S{4,40}?号)[)）]?\s+(?=[\u4e00-\u9fff《])")


def title_text(text: str) -> str:
    m = LEADING_NUMBER.match(text)
    if m and docnumber.canonical(m["n"]):
        text = text[m.end():]
    return lc.compact(text)


def is_recipients(text: str) -> bool:
    t = text.strip()
    return bool(RECIPIENTS.match(t) and RECIPIENT_HINT.search(t) and not NOT_RECIPIENTS.search(t))


def _plain_number_line(text: str) -> bool:
    t = text.strip()
    return (lc.is_doc_number_line(t) or lc.issuer_beside_number(t) is not None) and not t.startswith(("(", "（"))


@lru_cache(maxsize=4096)
def _title_candidate(text: str) -> bool:
    t = "".join(text.split())
    return 6 <= len(t) <= 120 and not any(c in t for c in "。；;！？") and (
        "关于" in t or lc.title_ending(t) is not None) and not lc.marker(t) and not lc.is_structural(t)


def _in_cited_list(lines: list[Line], i: int) -> bool:
    """Title i (number on i+1) is one of a list of cited documents (a repeal list): a run of
    title/number pairs, or a pair announced by a colon ('决定废止以下文件：')."""
    before = lines[i - 1].text.rstrip() if i > 0 else ""
    return bool(before and (lc.is_doc_number_line(before) or before.endswith(("：", ":")))) or (
        i + 3 < len(lines) and _title_candidate(lines[i + 2].text) and lc.is_doc_number_line(lines[i + 3].text))


def rule_number_after_title(ctx: Context, i: int) -> Start | None:
    """A title over its number; gazettes often print the number in brackets: （川府发〔2022〕1号）;
    an order's title over its number ('某市人民政府令第5号')."""
    lines = ctx.lines
    if i + 1 < len(lines) and _title_candidate(lines[i].text) and not _in_cited_list(lines, i) \
            and (lc.is_doc_number_line(lines[i + 1].text) or docnumber.ORDER_RE.fullmatch(lc.compact(lines[i + 1].text))):
        rule = "title+number" if _plain_number_line(lines[i + 1].text) else "title+bracketed-number"
        return Start(title=[i], number=i + 1, rule=rule)
    return None


def rule_number_above_title(ctx: Context, i: int) -> Start | None:
    lines = ctx.lines
    j = i + 2 if i + 1 < len(lines) and docnumber.SIGNER.fullmatch(lines[i + 1].text.strip()) else i + 1
    if _plain_number_line(lines[i].text) and j < len(lines) and _title_candidate(lines[j].text) \
            and not (i > ctx.begin and _title_candidate(lines[i - 1].text)) and not _listed_apart(ctx, i, j) \
            and not _encloses(ctx, j):
        return Start(title=[j], number=i, rule="number+title")
    return None


def _encloses(ctx: Context, j: int) -> bool:
    """Line j prints what the document being read promulgates (印发《X》的通知 … X): its enclosure,
    though a 文号 stands over it (the notice's own, printed at its foot)."""
    current = ctx.current
    if current is None or not current.printed:
        return False
    name = enclosure_name(current.title_text or "".join(lc.compact(ctx.lines[k].text) for k in current.title))
    return bool(name) and similar(name, ctx.lines[j].text) >= 0.9


def _listed_apart(ctx: Context, number: int, title: int) -> bool:
    """The TOC lists the number under another title (the 文号 printed at the foot of the document
    before, over the next one's title)."""
    code = docnumber.canonical(ctx.lines[number].text)
    entry = next((e for e in ctx.toc if code and e.doc_number == code and e.title), None)
    return entry is not None and similar(entry.title, ctx.lines[title].text) < 0.6


def rule_order(ctx: Context, i: int) -> Start | None:
    """A heading over its number line: an order ('清河市人民政府令' over '第12号'), a numbered
    公告 ('〔十三届〕第二十三号'); or an order's heading and number on one line."""
    lines = ctx.lines
    text = "".join(lines[i].text.split())
    if _masthead_at(lines, i):
        return None
    if i + 1 < len(lines) and (docnumber.ORDER_TITLE.match(text) or lc.is_title_like(text)) \
            and docnumber.order_number(text, lines[i + 1].text):
        return Start(title=[i], number=i + 1, rule="order")
    m = docnumber.ORDER_RE.fullmatch(text)
    if m and len(m["code"]) >= 3:
        above = re.sub(r"\s+", "", lines[i - 1].text) if i > ctx.begin else ""
        if not lc.ORG_END.search(m["code"][:-1]) and len(lc.org_names(above) or []) == 1:
            # the issuing body's name over a number that abbreviates it: '某市人民政府' / '某府令第121号'
            return Start(title=[i - 1], number=i, rule="order", title_text=above + "令")
        if i + 1 < len(lines) and _title_candidate(lines[i + 1].text) and not _cites(lines, i + 1, len(lines)):
            return Start(title=[i + 1], number=i, rule="number+title")  # the order's number over the title
        return Start(title=[i], number=i, rule="order", title_text=m["code"])
    return None


def _masthead_at(lines: list[Line], i: int) -> bool:
    """A gazette's name over its issue number ('某县人民政府公报' over '第三号'), with more of the
    masthead under them (the running count, the date): a cover, not a 公报 numbered 第N号."""
    if not masthead.NAME.match("".join(lines[i].text.split())):
        return False
    k = i + 1
    while k < min(len(lines), i + 8) and (masthead.is_masthead_line(lines[k].text) or lc.is_date_line(lines[k].text)):
        k += 1
    return k - i >= 3


def rule_tagged_title(ctx: Context, i: int) -> Start | None:
    """'【政策】济高新管办字〔2023〕2号 济宁…关于…的通知' (a web page's title line)."""
    text = ctx.lines[i].text.strip()
    m = docnumber.DOC_NUMBER_RE.search(text[:40]) if "号" in text[:40] else None
    if not m or m.start() > 12:
        return None
    rest = text[m.end():].strip()
    if TITLE_TAG.sub("", text[:m.start()]).strip():
        return None
    if _title_candidate(rest):
        return Start(title=[i], number=i, rule="tagged-title", title_text=title_text(rest))
    return None


# a title followed by its own number in brackets, on one line: '…的通知(岳办发〔2017〕2号)'
TRAILING_NUMBER = re.compile(r"[（(]\s*(?P<num>[^()（）]{2,20}?[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d{1,5}\s*号)\s*[)）]\s*$")


def rule_title_with_number(ctx: Context, i: int) -> Start | None:
    """A page heading that carries the number after the title: '…的通知(岳办发〔2017〕2号)'."""
    text = ctx.lines[i].text.strip()
    m = TRAILING_NUMBER.search(text)
    if not m or not m.start():
        return None
    rest = text[:m.start()].strip()
    if rest.endswith("》"):
        return None  # the number of a title the sentence cites: '为贯彻落实《…的通知》(国办发〔2018〕91号)'
    if _title_candidate(rest) and not _in_cited_list(ctx.lines, i):
        return Start(title=[i], number=i, rule="title(number)", strong=False, title_text=title_text(rest))
    return None


MAX_CAPTION_LINES = 4  # of a 题注 (lc.CAPTION_OPEN)


# a 题注 that lost its opening bracket: '202184日…会议通过)'
CAPTION_TAIL = re.compile(r"^(?=[^（()]*\d)(?=[^（()]*(?:会议|常委会))[^（()]*(?:通过|批准|修正|修订)[)）]$")


# a speech's or a report's 题注: '（2025年3月21日在某区第十九届人民代表大会第四次会议上）'
SPOKEN_AT = re.compile(r"^(?:\d{4}|[〇零○一二][〇零○OＯ一二三四五六七八九]{3})年.{1,8}日\s*在.{2,60}?(?:会议|大会|会)上(?:的(?:讲话|报告|发言))?$")


def caption_end(lines: list[Line], i: int) -> int | None:
    """Index of the last line of a 题注 that starts at line i (bracketed, it may run over a few
    lines), or None."""
    if i < len(lines) and len(lines[i].text) <= 120 and (
            CAPTION_TAIL.match(squeezed := "".join(lines[i].text.split())) or lc.CAPTION_BARE.match(squeezed)):
        return i
    if i >= len(lines) or not lc.CAPTION_OPEN.match(lines[i].text.strip()):
        return None
    text = ""
    for j in range(i, min(i + MAX_CAPTION_LINES, len(lines))):
        text += lines[j].text.strip()
        depth = sum(map(text.count, "（([［")) - sum(map(text.count, "）)]］"))
        if depth <= 0:
            inner = text[1:-1] if text[-1:] in ")）]］" else ""
            ok = inner and (lc.CAPTION_VERB.search(inner) or docnumber.parse(inner) or docnumber.ORDER_RE.search(inner)
                            or dating_names(inner) is not None or SPOKEN_AT.search(inner))
            return j if ok and len(text) <= 300 else None
        if j > i and "。" in lines[j].text:
            return None
    return None


def dating_names(inner: str) -> str | None:
    """The issuing bodies a bracketed dating line names after its date ('1991年1月23日，某局、某部'),
    or None if it is no such line."""
    m = re.match(r"^\s*(?:\d{4}|[〇零○一二][〇零○OＯ一二三四五六七八九]{3})\s*年[^，,]{1,10}日\s*[，,、]?\s*", inner)
    rest = inner[m.end():].strip() if m else ""
    names = lc.org_names(rest, shortest=3) if rest else None
    return "、".join(names) if names and "".join(names) == re.sub(r"[\s、，,]", "", rest) else None


def rule_captioned_title(ctx: Context, i: int) -> Start | None:
    """A decision or rule with a 题注 under its title instead of a document number (people's
    congress standing committee decisions, 任免 decisions, regulations).  Weak: a rule printed
    after the order or notice that promulgates it belongs to that document."""
    lines = ctx.lines
    end = caption_end(lines, i + 1)
    if end is not None and lc.is_title_like(lines[i].text, max_len=120):
        return Start(title=[i], rule="title+caption", strong=False, header_last=end)
    return None


def rule_toc_confirmed(ctx: Context, i: int) -> Start | None:
    """A title the TOC lists, found as such when lines were joined (strong evidence), if the entry
    has not been claimed already (an order listed under the name of the rules it promulgates)."""
    line, lines = ctx.lines[i], ctx.lines
    if line.hints.get("title") and _listed_title(line.text) and (k := _toc_entry(ctx, line.text)) is not None:
        # the order that promulgates it may stand under the listed title: '中华人民共和国国务院令' / '第238号'
        if i + 2 < len(lines) and docnumber.ORDER_TITLE.match("".join(lines[i + 1].text.split())) \
                and docnumber.order_number(lines[i + 1].text, lines[i + 2].text):
            return Start(title=[i], number=i + 2, rule="toc-title", header_last=i + 2)
        return Start(title=[i], rule="toc-title")
    return None


def _cut_glued_page(ctx: Context, start: Start) -> None:
    """A title printed with the page's number run into its start ('4防止…'), where a TOC entry
    lists the title on that page ('防止……四'), is the title without it."""
    if start.title_text or not start.printed:
        return
    text = " ".join(ctx.lines[k].text for k in start.title)
    glued = re.match(r"^\s*(\d{1,3})(?=[\u4e00-\u9fff])", text)
    if glued and any(e.page == int(glued[1]) and e.title and similar(e.title, text[glued.end():]) >= 0.9 for e in ctx.toc):
        start.title_text = title_text(text[glued.end():])


def _listed_title(text: str) -> bool:
    """A line the TOC lists as a title needs no 文种 ending ('国务院任免国家工作人员')."""
    t = "".join(text.split())
    return 4 <= len(t) <= 120 and not any(c in t for c in "。；;！？") and not lc.marker(t) \
        and not lc.is_structural(t)


def _toc_entry(ctx: Context, text: str) -> int | None:
    """The unclaimed TOC entry whose title this is."""
    for k, entry in enumerate(ctx.toc):
        if k not in ctx.used_toc and entry.title and similar(entry.title, text) >= 0.9:
            return k
    return None


def _claim(ctx: Context, start: Start) -> None:
    """Mark the TOC entry a document start answers to: by its number, else by its title."""
    number = docnumber.canonical(ctx.lines[start.number].text) if start.number is not None else None
    if number is None and start.number is not None:
        number = docnumber.order_number(" ".join(ctx.lines[k].text for k in start.title), ctx.lines[start.number].text)
    for k, entry in enumerate(ctx.toc):
        if k not in ctx.used_toc and number and entry.doc_number == number:
            ctx.used_toc.add(k)
            return
    k = _toc_entry(ctx, start.title_text or ctx.lines[start.title[0]].text)
    if k is None and (name := cited_enclosure(ctx.lines[start.header_end + 1:start.header_end + 4])):
        k = _toc_entry(ctx, name)  # an order listed under the name of the rules it promulgates
    if k is not None:
        ctx.used_toc.add(k)


def rule_list_title(ctx: Context, i: int) -> Start | None:
    t = "".join(ctx.lines[i].text.split())
    if not lc.is_title_like(t):
        return None
    if (t.endswith("名单") and APPOINTMENT_WORDS.search(t)) or _is_chronicle_title(t):
        return Start(title=[i], rule="list-title", strong=False)
    return None


def similar(a: str, b: str) -> float:
    a, b = "".join(a.split()), "".join(b.split())
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a.endswith(b) or b.endswith(a):
        short, long_ = sorted((a, b), key=len)
        # one names its issuer, the other not; not a title and a name it cites ('…关于修改《X' and 'X')
        inside = re.search(r"[《〈]|关于|印发|转发", long_[:-len(short)])
        return 1.0 if len(short) >= 8 and not inside else 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def rule_toc_title(ctx: Context, i: int) -> Start | None:
    text = ctx.lines[i].text
    if not _title_candidate(text):
        return None
    if _toc_entry(ctx, text) is not None:
        return Start(title=[i], rule="toc-title", strong=False)
    return None


def recipients_after(lines: list[Line], i: int, limit: int = 4) -> int | None:
    """Index of the recipients line after line i, where only header debris stands between (a
    portal's metadata values printed without their labels, a date): short lines, no sentence."""
    for k in range(i + 1, min(len(lines), i + 1 + limit)):
        text = lines[k].text.strip()
        if is_recipients(text):
            return k
        if len(text) > 40 or re.search(r"[。；;，,]", text) or lc.marker(text) or lc.is_title_like(text):
            return None
    return None


def rule_title_recipients(ctx: Context, i: int) -> Start | None:
    lines = ctx.lines
    t = lines[i].text
    if "关于" in t and lc.is_title_like(t, max_len=120) and (k := recipients_after(lines, i)) is not None:
        return Start(title=[i], rule="title+recipients", strong=False,
                     header_last=k - 1 if k > i + 1 else None)
    return None


def rule_title_after_signature(ctx: Context, i: int) -> Start | None:
    """A title right after a signature (issuer over date, perhaps a note under it): the document
    before has closed, so this one begins (unless it is the text that document encloses)."""
    lines = ctx.lines
    t = lines[i].text
    if not ("关于" in t and lc.is_title_like(t, max_len=120)):
        return None
    k = i - 1
    while k >= 0 and (lc.PUBLIC_NOTE.match(lines[k].text.strip()) or lc.PRINT_LINE.match(lines[k].text.strip())):
        k -= 1
    if k >= 1 and lc.is_date_line(lines[k].text) and lc.ORG_END.search("".join(lines[k - 1].text.split())):
        return Start(title=[i], rule="title-after-signature", strong=False)
    return None


def rule_promulgation(ctx: Context, i: int) -> Start | None:
    """An order printed without its heading: '《X》已于…通过，现予公布' opens it (at the top of the
    text or after a closed document, not under a heading or a recipients line), the signature
    and date follow, then X's own title — the title printed a few lines on confirms it."""
    lines = ctx.lines
    text = lines[i].text.strip()
    if not (text.startswith("《") and "通过" in text and "公布" in text):
        return None
    before = lines[i - 1].text if i > 0 else ""
    if (ctx.current is not None and not lc.is_date_line(before)) or is_recipients(before) \
            or lc.is_doc_number_line(before) or docnumber.order_number(lines[i - 2].text if i > 1 else "", before):
        return None
    name = cited_enclosure([lines[i]])
    if name and any(similar(name, lc.compact(lines[j].text)) >= 0.8 for j in range(i + 1, min(len(lines), i + 8))):
        return Start(title=[i], rule="promulgation", printed=False, title_text=name)
    return None


RULES: list[Callable[[Context, int], Start | None]] = [
    rule_number_after_title,
    rule_number_above_title,
    rule_order,
    rule_tagged_title,
    rule_captioned_title,
    rule_toc_confirmed,
    rule_title_with_number,
    rule_list_title,
    rule_toc_title,
    rule_title_recipients,
    rule_title_after_signature,
    rule_promulgation,
]


def enclosure_name(title: str) -> str | None:
    """What a promulgating notice encloses: 《X》, or the X of 印发X的通知."""
    m = re.search(r"《((?:[^《》〈〉]|〈[^〈〉]*〉)+)》|〈([^〈〉]+)〉", title)  # (a name inside may be in 〈〉)
    before = title[: m.start()] if m else ""
    forwarded = re.search(r"(?:转发|批转)([\u4e00-\u9fff]{2,20})$", before)  # 转发某行《X》: the body's X
    if m and (re.search(r"(?:印发|转发|批转|颁布|发布|公布)$", before) or forwarded and _bodies(forwarded[1])):
        name = (m.group(1) or m.group(2)).replace("〈", "《").replace("〉", "》")
        # what is enclosed may be the cited law's own rules: '印发《某条例》实施办法的通知'
        tail = re.match(r"([\u4e00-\u9fff]{2,12}?)的(?:通知|决定|通告|公告|函)$", title[m.end():])
        return f"《{name}》{tail[1]}" if tail and _names_a_type(tail[1]) else name
    m = re.search(r"(?:印发|转发|颁布|发布|公布)(.+?)的(?:通知|决定|通告|公告|函)$", title)
    if not m:
        return None
    # '转发市财政局关于X的通知' forwards the department's X
    issuer, about, rest = m.group(1).rpartition("关于")
    return rest if issuer and rest else m.group(1)


def _bodies(name: str) -> bool:
    """A body's name, or several ('某局', '市发改委等部门', '某委等单位')."""
    name = re.sub(r"等(?:部门|单位)?$", "", name)
    return bool(lc.ORG_END.search(name)) or name.endswith(("委", "部门", "单位"))


PROMULGATING = re.compile(r"公布|印发|发布|颁布|施行")


def cited_enclosure(lines: list[Line]) -> str | None:
    """The 《X》 an order or notice promulgates in its opening lines ('《X》已经…通过，现予公布')."""
    text = "".join(l.text.strip() for l in lines[:4])  # (the name may break over lines)
    for m in re.finditer(r"《([^》]{2,80})》", text):
        if m.start() <= 2 * len(text) // 3 and PROMULGATING.search(text[m.end():m.end() + 60]):
            return m.group(1).replace("〈", "《").replace("〉", "》")  # (a name cited inside it, as titles print it)
    return None


def _belongs_to_current(ctx: Context, start: Start, current: Start | None, i: int) -> bool:
    """A weak start that is really a heading of the current document."""
    if current is None:
        return False
    lines = ctx.lines
    text = lc.compact(lines[i].text)
    if i > 0 and lc.ATTACHMENT_HEADING.match(lines[i - 1].text.strip()):
        return True
    head = current.title_text or lc.compact(" ".join(lines[k].text for k in current.title))
    # what the document names as promulgated: in its title, its opening lines, or the lines right above
    # ('《X》根据本决定作相应修改，重新发布。' over X's title)
    above = lines[max(current.header_end + 1, i - 2):i]
    for name in (enclosure_name(head), cited_enclosure(lines[current.header_end + 1:i]), cited_enclosure(above)):
        if name and similar(name, text) >= 0.8:
            return True
    announced = attachment_names(lines[current.title[-1]:i])
    return any(similar(a, text) >= 0.8 for a in announced)


ATTACH_ITEM = re.compile(r"^(?:\d{1,2}\s*[.．、﹒]\s*)")


def attachment_names(lines: list[Line]) -> list[str]:
    """Names announced in an attachment note: '附件：1. X' and the lines numbered 2., 3.… under it
    (a note naming one attachment has no list under it: numbered lines there are the text's own)."""
    names: list[str] = []
    for k, line in enumerate(lines):
        t = line.text.strip()
        m = lc.ATTACHMENT_NOTE.match(t)
        if not m:
            continue
        first = t[m.end():].strip()
        while (again := lc.ATTACHMENT_NOTE.match(first)) and again.end():  # '附件:附件:X' (a copy's doubling)
            first = first[again.end():].strip()
        number = ATTACH_ITEM.match(first)
        if first:
            names.append(ATTACH_ITEM.sub("", first).strip())
        expected = _item_number(number.group(0)) + 1 if number else None
        after = lines[k + 1].text.strip() if k + 1 < len(lines) else ""
        if not first and after and not ATTACH_ITEM.match(after) and len(after) <= 120 \
                and not re.search(r"[。；;！？]", after) and not lc.is_structural(after):
            names.append(after)  # '附件：' alone over the one attachment's name
            break
        for nxt in lines[k + 1:]:
            nt = nxt.text.strip()
            item = ATTACH_ITEM.match(nt)
            if expected is None and not first and item:  # '附件：' alone, the list under it
                expected = _item_number(item.group(0))
            if not item or expected is None or _item_number(item.group(0)) != expected \
                    or any(c in nt for c in "。；;"):
                break
            names.append(ATTACH_ITEM.sub("", nt).strip())
            expected += 1
        break
    return [n for n in names if n]


def _item_number(marker: str) -> int:
    return int(re.sub(r"\D", "", marker))


def find_starts(lines: list[Line], toc: list[TocEntry], begin: int, end: int, *,
                marks: dict[int, str] | None = None) -> list[Start]:
    """Document starts between `begin` and `end` (indices into `lines`)."""
    ctx = Context(lines=lines, toc=toc, marks=dict(marks or {}), begin=begin)
    starts: list[Start] = []
    i = begin
    while i < end:
        found = None
        for rule in RULES:
            found = rule(ctx, i)
            if found:
                break
        if found is None and i in ctx.marks and looks_like_chronicle(lines[i:min(end, i + 6)]) \
                and not (starts and _chronicle(lines, starts[-1])):  # (a page turn inside a chronicle)
            printed = lc.compact(lines[i].text) == ctx.marks[i]  # the section's name printed again as its title
            found = Start(title=[i], rule="section-chronicle", printed=printed, title_text=None if printed else ctx.marks[i])
        if found and (not found.strong or found.rule == "toc-title") and _belongs_to_current(ctx, found, starts[-1] if starts else None, i):
            found = None
        if found and found.printed and (again := _printed_again(lines, found, end)) is not None and (
                found.number is None or found.number in found.title or _number_again(lines, found, again)):
            found = None  # a page heading (its number with it or not): the document starts at the title's last printing
        if found and found.printed:
            _cut_glued_page(ctx, found)
            _absorb_reprint(lines, found, end)
            _take_issuer_above(ctx, found, starts[-1] if starts else None)
        if found:
            found.section = _section_at(ctx.marks, found.first)
            starts.append(found)
            ctx.current = found
            _claim(ctx, found)
            i = max(i + 1, found.header_end + 1)
            continue
        i += 1
    return starts


def _take_issuer_above(ctx: Context, start: Start, previous: Start | None) -> None:
    """A red-head issuer's name alone over a 关于/转发 title begins the title ('某县人民政府' over
    '关于印发…的通知'), and a 文号 over the name is the document's: not a signature, since no date
    follows the name and no sentence runs into it.  Joint issuers stand one a line ('某中级人民法院' /
    '某人民检察院' / '某公安局' over '关于…的通告'; the last may be joined to the title already): taken
    where what stands over them closes something (a sentence, a date, a number) or nothing does."""
    lines, i = ctx.lines, start.first
    head = lc.compact(lines[start.title[0]].text)
    opens = head.startswith(("关于", "转发", "印发", "批转"))
    named = re.match(r"^([\u4e00-\u9fff]{3,30}?)(?:关于|转发|印发|批转)", head)
    if start.title_text or not (opens or (named and lc.org_names(named[1]) == [named[1]])):
        return
    j = i
    while j - 1 >= ctx.begin and not (previous and j - 1 <= previous.header_end) and i - j < 5 \
            and _one_body(lines[j - 1].text):
        j -= 1
    if j == i or (not opens and i - j < 2):
        return  # no name over the title (a single one joined to it already)
    above = lines[j - 1].text.strip() if j - 1 >= ctx.begin else ""
    if above and not (above[-1] in lc.TERMINAL or lc.is_date_line(above) or lc.is_doc_number_line(above)
                      or docnumber.canonical(above) or re.search(r"[〔\[［]\s*\d", above)):
        return  # a sentence's last words, a list of names
    start.title[:0] = list(range(j, i))
    if start.number is None and j - 1 >= ctx.begin and lc.is_doc_number_line(above):
        start.number = j - 1  # the 文号 over the issuer's name


def _one_body(text: str) -> bool:
    """A line that is one body's name and nothing else."""
    names = lc.org_names(text.strip())
    return names is not None and len(names) == 1 and lc.compact(text) == names[0]


def _absorb_reprint(lines: list[Line], start: Start, end: int) -> None:
    """The title printed again right under the header (a portal's template prints title, number,
    then the title once more) belongs to the header."""
    from .evidence import similarity, title_key

    key = title_key(start.title_text or " ".join(lines[k].text for k in start.title))
    j = start.header_end + 1
    if len(key) >= 6 and j < end and j <= start.header_end + 2 and not _cites(lines, j, end) \
            and similarity(key, title_key(lines[j].text)) >= 0.95:
        start.header_last = j  # (not a sentence that begins by citing the title: '《X》' + '已经…通过，现予公布')


def _section_at(marks: dict[int, str], i: int) -> str | None:
    before = [k for k in marks if k <= i]
    return marks[max(before)] if before else None


def _printed_again(lines: list[Line], start: Start, end: int) -> int | None:
    """Index of a later printing of the same title a few lines on, with no sentence between: this
    printing is then a page heading (a portal prints a document's title over its metadata, then
    the document)."""
    from .evidence import SENTENCE, similarity, title_key

    key = title_key(start.title_text or " ".join(lines[k].text for k in start.title))
    if len(key) < 6:
        return None
    last = start.header_end
    for j in range(last + 1, min(end, last + 12)):
        text = lines[j].text
        if SENTENCE.search(text) or len(text) > 120 or _cites(lines, j, end):
            return None
        if similarity(key, title_key(text)) >= 0.95:
            return j
    return None


def _number_again(lines: list[Line], start: Start, again: int) -> bool:
    """The start's number line is printed again right under the title's later printing (at `again`)."""
    number = lc.compact(lines[start.number].text)
    return any(lc.compact(lines[k].text) == number for k in range(again + 1, min(len(lines), again + 4)))


def _cites(lines: list[Line], j: int, end: int) -> bool:
    """Line j begins a sentence that cites a title: '《X》' + '已经…通过，现予公布' (no printing of X)."""
    cited = lines[j].text.strip()
    after = lines[j + 1].text.strip() if j + 1 < end else ""
    return cited.startswith("《") and (not cited.endswith("》") or after.startswith("》") or bool(PROMULGATING.search(after)))


def _chronicle(lines: list[Line], start: Start) -> bool:
    return start.rule == "section-chronicle" or _is_chronicle_title(
        start.title_text or "".join("".join(lines[k].text.split()) for k in start.title))


def looks_like_chronicle(lines: list[Line]) -> bool:
    """Day-marked entries (`2日 …`, `△…`), perhaps under a month heading: a chronicle's text."""
    from .records.chronicle import DAY_RE, MONTH_ONLY_RE, SAME_DAY_RE

    days = sum(1 for l in lines if DAY_RE.match(l.text.strip()) or SAME_DAY_RE.match(l.text.strip()))
    months = sum(1 for l in lines if lc.MONTH_RE.match(l.text.strip()) or MONTH_ONLY_RE.match(l.text.strip()))
    return days >= 2 or (months >= 1 and days >= 1)


# what a text without a printed title says of its own kind: its closing formula, its promulgation
# sentence, a 题注 over a decision ('特此批复。' → 批复)
UNTITLED_KIND = [(re.compile(p), kind) for p, kind in (
    # the text names itself ('遵守本通告规定'), though its closing formula may slip ('特此公告')
    (r"本(通告|公告)(?:规定|所称|自|发布|的)", None),
    (r"特此批复|^此复[。！]?$", "批复"), (r"特此函复|特此函告|^此函[。！]?$", "函"), (r"特此通告", "通告"),
    (r"特此公告", "公告"), (r"特此通报", "通报"), (r"特此通知|现[予将].{0,30}印发|印发给你们|现将.{0,80}(?:下达|转发)", "通知"),
    # a congress in session (not its standing committee) resolves on the reports it heard: a 决议
    (r"^[（(].{0,40}人民代表大会第.{1,8}次会议.{0,20}通过|听取和审议了.{0,60}报告", "决议"),
    (r"会议(?:审议)?通过[)）]?$|^[（(].{0,40}会议(?:审议)?通过", "决定"),
    # no formula: what the text does — a reply acknowledges a request, a commendation commends
    (r"请示.{0,10}收悉|报告.{0,10}收悉", "批复"), (r"报告如下", "报告"), (r"表彰|通报表扬|公开表扬|通报批评", "通报"), (r"通知如下", "通知"),
    (r"予以公示|现将.{0,40}公示如下", "公示"), (r"^会议(?:原则同意|指出|强调|要求|研究了?|听取了?)", "纪要"),
    (r"提出(?:如下|以下)(?:实施)?意见", "意见"), (r"此令[。！!]?$|现予(?:发布|公布|颁布|發佈|頒佈)", "命令"),
    # a rule printed without its title names itself in its articles: '本规定所称…', '本办法自…起施行'
    (r"^第[一二三四五六七八九十百零〇\d]+条.*本(规定|办法|条例|细则|规则)", None),
)]


def _names_a_type(text: str) -> bool:
    """The title ends in a 文种 (通知, 办法…), not only in a word titles may end with (制度, 计划)."""
    t = lc.strip_trailing_note("".join(text.split()))
    return any(t.endswith(e) for e, _ in lc.doc_type_table()["types"])


def untitled_kind(lines: list[Line]) -> str | None:
    """The 文种 a text printed without a title shows by its own wording (a kind of None: the word
    the pattern finds), or None."""
    for line in lines:
        for pattern, kind in UNTITLED_KIND:
            if m := pattern.search(line.text.strip()):
                return kind or m.group(1)
    return None


FULL_TEXT_FOLLOWS = re.compile(r"(?:全文|原文|内容)如下[:：]\s*$")


def fallback_start(lines: list[Line], begin: int, end: int) -> Start:
    """The whole text as one document when no start rule fired: its title is the first title-shaped
    line (the last of its consecutive printings); a text printed without one is titled by the kind
    it shows (a chronicle's day entries, a '特此批复。')."""
    head = lines[begin:min(end, begin + 8)]
    if looks_like_chronicle(head) and not any(_title_candidate(l.text) and _names_a_type(l.text) for l in head):
        return Start(title=[begin], rule="untitled-chronicle", printed=False, title_text="大事记")  # (a title wins: a
        # news lead dated '3月15日，…' over a 决议 is no chronicle)
    from .records.chronicle import opens_event

    # a news item that ends by printing the document: '《通告》全文如下：' over its title
    for k in range(begin, min(end - 1, begin + 40)):
        if FULL_TEXT_FOLLOWS.search(lines[k].text) and _title_candidate(lines[k + 1].text):
            return Start(title=[k + 1], rule="full-text")

    # a page's chrome over day entries that fill the text: the chronicle begins at its first entry
    first = next((k for k in range(begin, min(end, begin + 16)) if opens_event(lines[k].text.strip())), None)
    if first is not None and looks_like_chronicle(lines[first:min(end, first + 8)]) and not any(
            _title_candidate(lines[k].text) and _names_a_type(lines[k].text) for k in range(begin, min(end, first + 8))) \
            and sum(opens_event(l.text.strip()) for l in lines[first:end]) * 3 >= end - first:
        return Start(title=[first], rule="untitled-chronicle", printed=False, title_text="大事记")
    window = range(begin, min(end, begin + 12))
    i = next((k for k in window if _title_candidate(lines[k].text) and _names_a_type(lines[k].text)),
             next((k for k in window if _title_candidate(lines[k].text)), None))
    opens = next((k for k in range(begin, min(end, begin + 4)) if is_recipients(lines[k].text)), None)
    if i is None or (opens is not None and opens <= i):  # it opens with its addressees: no title printed
        kind = untitled_kind(lines[begin:end])
        first = lines[begin].text
        if kind and not (i is None and opens is None and kind in first and not re.search(r"[，,。；]", first)):
            # (unless the first line names the kind and is no sentence: a damaged title)
            opens = begin if opens is None else opens
            number = opens - 1 if opens > begin and lc.is_doc_number_line(lines[opens - 1].text) else None
            return Start(title=[opens], number=number, rule="untitled", printed=False, title_text=kind)
        if i is None and re.search(r"[，,。；]", lines[begin].text):
            return Start(title=[begin], rule="untitled", printed=False)  # prose from its first line: no title
        if opens is not None and not kind:
            return Start(title=[opens], rule="untitled", printed=False)  # its addressees first, no kind shown: no title
        i = begin
    while (again := _printed_again(lines, Start(title=[i]), end)) is not None:
        i = again
    return Start(title=[i], rule="fallback")
