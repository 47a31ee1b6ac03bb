"""Steps that undo layout: letter-spacing and broken lines (page furniture is `furniture`)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import docnumber
from .. import lineclass as lc
from ..model import Line
from . import Context, web

_HAN = "\u4e00-\u9fff"
# two or more single Han characters separated by spaces: 实 施 方 案, 总 则, 刘 建, 目 录
_SPACED = re.compile(rf"(?<![{_HAN}])[{_HAN}](?:[ \u3000]{{1,3}}[{_HAN}])+(?![{_HAN}])")


def _spaced_line(text: str) -> bool:
    """A whole line letter-spaced, where lines joined into one paragraph left a pair here and
    there unspaced ('某 县 人 民 政 府关 于 表 彰'): Han characters alone, a few pairs."""
    tokens = text.split()
    return len(tokens) >= 6 and all(re.fullmatch(rf"[{_HAN}]{{1,2}}", t) for t in tokens) \
        and sum(len(t) == 1 for t in tokens) >= 0.75 * len(tokens)


def join_vertical_words(lines: list[Line], ctx: Context) -> list[Line]:
    """Words printed vertically, one character a line ('上' / '级' / '文' / '件': a section name set
    down a TOC's margin), are one line again: a run of at least three lines of one Han character,
    or two that make a contents heading."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and _ONE_HAN.match(lines[j].text):
            j += 1
        word = "".join(l.text.strip() for l in lines[k:j])
        if j - k >= 3 or (j - k == 2 and lc.TOC_HEADING.match(word)):  # ('目' / '录')
            run = lines[k:j]
            ctx.correct(run[0], "/".join(l.text.strip() for l in run), word, "vertical")
            out.append(Line(no=run[0].no, text=word, page=run[0].page, hints=dict(run[0].hints), last=run[-1].last or run[-1].no))
            k = j
            continue
        out.append(lines[k])
        k += 1
    return out


_ONE_HAN = re.compile(rf"^\s*[{_HAN}]\s*$")


def close_letter_spacing(lines: list[Line], ctx: Context) -> list[Line]:
    """Letter-spaced headings and names padded to three characters are closed up."""
    def fix(m: re.Match) -> str:
        return re.sub(r"[ \u3000]+", "", m.group(0))

    for line in lines:
        if "\t" in line.text:  # table cells: close up inside each cell only
            cells = [_SPACED.sub(fix, c) for c in line.text.split("\t")]
            new = "\t".join(cells)
        elif _spaced_line(line.text):
            new = re.sub(r"[ \u3000]+", "", line.text.strip())
        else:
            new = _SPACED.sub(fix, line.text)
        if new != line.text:
            ctx.correct(line, line.text.strip(), new.strip(), "letter-spacing")
            line.text = new
    return lines


def _keeps_own_line(text: str, hints: dict) -> bool:
    """A line after which nothing is joined: it ends a sentence or is a unit of its own."""
    return bool(hints.get("table")) or _ends_unit(text.strip())


# a document number cut short where it was damaged ('某政发〔20233'): a line of its own all the same
CUT_NUMBER = re.compile(rf"^[{_HAN}]{{2,10}}[〔\[［]\s*\d{{4,6}}$")


@lru_cache(maxsize=4096)
def _ends_unit(t: str) -> bool:
    return bool(
        not t or t[-1] in lc.TERMINAL or "\t" in t or lc.is_heading(t) or CUT_NUMBER.match(t) or lc.FILE_EXTENSION.search(t)
        or (t[0] in "[［" and t[-1] in "]］")  # a line in square brackets (a 题注 so set)
        or _heading_with_serial(t)
        or lc.MONTH_HEADING.match(t) or lc.YEAR_HEADING.match(t)  # a chronicle's '1月' over its days, '1989年'
        or lc.is_title_like(t) or _short_unit(t) or t.isdigit()
        or (not any(c in t for c in lc.SENTENCE_PUNCT) and lc.title_ending(t))
        or (len(t) <= 40 and lc.COLOPHON.search(t))
        or (len(t) <= 80 and lc.CAPTION_BARE.match(t.replace(" ", "").replace("\u3000", "")))  # a 题注 without brackets
    )


def _heading_with_serial(t: str) -> bool:
    """A 公告's or an order's heading with its serial on its line: '某常务委员会公告〔十三届〕第二十四号'."""
    m = docnumber.SERIAL_TAIL.search(t) if t.endswith("号") else None
    return bool(m) and t[:m.start()].rstrip().endswith(("公告", "通告", "令"))


def _short_unit(text: str) -> bool:
    """Structural lines that are whole units (dates, doc numbers, month headings, labels)."""
    t = text.strip()
    return bool(lc.is_date_line(t) or lc.MONTH_RE.match(t) or lc.is_doc_number_line(t) or lc.TOC_SECTION.match(t)
                or lc.ATTACHMENT_HEADING.match(t) or lc.PUBLIC_NOTE.match(t) or lc.PRINT_LINE.match(t)
                or lc.TOC_HEADING.match(t) or lc.ORDER_TITLE.match(t) or lc.ORDER_SERIAL.match(t) or lc.TOC_LINE_END.search(t)
                or lc.ORDER_RE.fullmatch(t.replace(" ", "")))


@lru_cache(maxsize=4096)
def _title_fragment(text: str) -> bool:
    """The first line of a title printed over several lines: short, no punctuation at all."""
    t = text.strip()
    return len(t) <= 40 and not re.search(r"[，。；：:、,;!?！？《》“”()（）•·●◆■□|]", t) and not t[-1:].isdigit() \
        and not lc.NAME_ENTRY.match(t) and not lc.is_structural(t)


@lru_cache(maxsize=4096)
def _title_head(text: str) -> bool:
    """The first line of a 关于 title broken before its ending; unlike a plain fragment it may hold
    quotes, 、 and 《》 ('…关于开展“双随机、一公开”' over '抽查工作的通知')."""
    t = text.strip()
    return "关于" in t and len(t) <= 60 and not re.search(r"[，。；：:,;!?！？]", t) \
        and not (t.endswith("》") and t.rfind("《") < t.find("关于") and lc.title_ending(t[:-1])) \
        and lc.title_ending(t) is None and not lc.is_structural(t)  # ('…《某某关于…的意见》' is whole)


def _starts_own_line(text: str, hints: dict, prev: str) -> bool:
    t = text.strip()
    return (bool(hints.get("table")) or bool(hints.get("page_break")) or _starts_unit(t)
            or (lc.is_title_like(t) and len(t) <= 60 and not _title_fragment(prev)))


# a day of a chronicle that marks its days by the number alone: '3 市委书记…' (not '3 个', '2014 年')
_BARE_DAY = re.compile(r"^\d{1,2}[ \u3000]+(?![年月日号个次条款项元万亿名家])[\u4e00-\u9fff]{2}")


@lru_cache(maxsize=4096)
def _starts_unit(t: str) -> bool:
    return lc.is_structural(t) or "\t" in t or len(t) <= 40 and bool(lc.COLOPHON.search(t)) or bool(_BARE_DAY.match(t)) \
        or bool(lc.TOC_HEADING.match(t)) or t.startswith(("[", "［")) or bool(lc.YEAR_HEADING.match(t))  # a contents heading ('目录' of an
    # enclosed rule) and a chronicle's year stand alone; a line opened by a square bracket (a 题注 so set)
    # begins a line of its own


def _is_signature(text: str, following: str | None) -> bool:
    """An issuer line: short, no punctuation, and a date on the next line."""
    return bool(following and lc.is_date_line(following) and len(text) <= 40
                and not any(c in text for c in lc.SENTENCE_PUNCT))


ROLE_LABEL = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:长|员|任|主席|顾问|秘书|书记|成员|组员|委员|联络员)\s*[:：]")


def _list_entry_then_sentence(prev: str, text: str) -> bool:
    """A member-list entry (刘守全 区发展和改革委员会副局长, 组长：王某) is not continued by a sentence."""
    return bool((lc.NAME_ENTRY.match(prev) or ROLE_LABEL.match(prev))
                and any(c in text for c in lc.SENTENCE_PUNCT))


CONTINUING = "，,、。；;：:)）》」』”"  # what a line of Chinese text never begins with
MAX_JOINED = 3000  # characters: a paragraph joined past this is pathological input; it stays cut


_TAIL_CODE = re.compile(r"[A-Za-z0-9]+$")
_HEAD_CODE = re.compile(r"^[A-Za-z0-9.\-]+")


def _cut_code(prev: str, text: str) -> bool:
    """A number or code broken at the line's end inside Chinese text ('…12月2' + '0日', 'G' +
    'B5749-2006《…'): one word, no space; words of English text keep theirs."""
    tail = prev[-40:]  # (a code is short; a long run of digits is not searched from every position)
    a, b = _TAIL_CODE.search(tail), _HEAD_CODE.match(text)
    if a is None or b is None:
        return False
    before, after = tail[:a.start()][-1:], text[b.end():][:1]
    word = lambda c: c.isascii() and (c.isalnum() or c.isspace())  # (what stands next to a word of English)
    return (not before or not word(before)) and (not after or not word(after))


def _separator(prev: str, text: str) -> str:
    """What joins two lines: a space between two words of English, nothing in Chinese text."""
    return " " if prev[-1:].isascii() and text[:1].isascii() and prev[-1:].isalnum() and text[:1].isalnum() \
        and not _cut_code(prev, text) else ""


def join_broken_lines(lines: list[Line], ctx: Context, *, titles=None) -> list[Line]:
    """Join a line to the previous one when the previous ends mid-sentence; drop blank lines.

    `titles` (a `KeyIndex` of titles the issue prints elsewhere, e.g. in its TOC) marks where a
    document's title stands: its lines are joined into one, and nothing is joined to it or into it.
    Joining stops at MAX_JOINED characters: every check reads the joined text, so joining
    thousands of lines without an end would take time quadratic in their number."""
    content = [l for l in lines if l.text.strip()]
    for l in content:  # table rows keep their empty edge cells: strip spaces, never tabs
        l.text = l.text.strip(" \u3000\r\n") if "\t" in l.text else l.text.strip()
    title_at = _title_spans(content, titles) if titles is not None else {}
    gap = _usual_gap(content)
    width = _prose_width(content)
    out: list[Line] = []
    k = 0
    while k < len(content):
        line = content[k]
        if k in title_at:
            last = title_at[k]
            run = content[k:last + 1]
            text, printed = run[0].text, run[0].shown
            for l in run[1:]:
                sep = _separator(text, l.text)
                text, printed = text + sep + l.text, printed + sep + l.shown
            joined = Line(no=line.no, text=text, page=line.page,
                          hints={**line.hints, "title": True}, last=content[last].last or content[last].no,
                          printed=printed if any(l.printed is not None for l in run) else None)
            out.append(joined)
            k = last + 1
            continue
        text = line.text
        following = content[k + 1].text.strip() if k + 1 < len(content) else None
        if out and len(out[-1].text) < MAX_JOINED and not out[-1].hints.get("title") \
                and _joins(out[-1], line, following, gap, width):
            prev = out[-1]
            sep = _separator(prev.text, text)
            if prev.printed is not None or line.printed is not None:
                prev.printed = prev.shown.rstrip() + sep + line.shown
            prev.text = prev.text.rstrip() + sep + text
            prev.last = line.last or line.no
        else:
            out.append(Line(no=line.no, text=text, page=line.page, hints=dict(line.hints), last=line.last,
                            printed=line.printed))
        k += 1
    return out


def _issuer_over_title(prev: str, text: str) -> bool:
    """A line over a title that needs nothing before it: a title that names its issuer before 关于,
    or an issuing body's name over a title without 关于 ('XX人民政府' over 'XX市…管理规定')."""
    p, t = prev.strip(), text.strip()
    if "关于" in p or not lc.is_title_like(t, max_len=120) or _ITEM.match(p):
        return False
    if _names_issuer(t):
        return True
    return bool(lc.ORG_END.search(p)) and not t.startswith(NEEDS_ISSUER) and not ORG_REST.match(t)


# the rest of an issuer's name a title line may begin with: '…人民代表大会' over '常务委员会机关…办法'
ORG_REST = re.compile(r"^(?:常务委员会|委员会|人民政府|政府|办公室|办公厅|管理委员会|管委会|人大常委会)")


NEEDS_ISSUER = ("关于", "转发", "印发", "批转")  # a title that begins so has its issuer on the line above


_ISSUER_FIRST = re.compile(r"^[\u4e00-\u9fff、（）()]{2,60}?关于")


def _names_issuer(title: str) -> bool:
    m = _ISSUER_FIRST.match(title)
    return bool(m) and bool(lc.ORG_END.search(m.group(0)[:-2]))


_ITEM = re.compile(r"^\s*(?:附\s*件\s*[:：]?\s*)?(\d{1,2})\s*[.．、﹒]")


def _next_item(prev: str, text: str) -> bool:
    """`text` begins the item after the one `prev` begins ('附件：1.…' then '2.…')."""
    a, b = _ITEM.match(prev), _ITEM.match(text)
    return bool(a and b) and int(b.group(1)) == int(a.group(1)) + 1


_DATE_CUT = re.compile(r"(?:\d{4}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年\s*\d{1,2}\s*月\s*\d?$")
_DATE_REST = re.compile(r"^\d{0,2}\s*日")


def _joins(prev: Line, line: Line, following: str | None, gap: int | None = None,
           width: int | None = None) -> bool:
    text = line.text
    if gap is not None and line.hints.get("gap", 0) > max(gap, 1) or line.hints.get("rule_before"):
        return False  # more blank lines than the text puts between its lines, or a rule: a break
    if _NUMBER_CUT.search(prev.text[-20:]) and _NUMBER_REST.match(text):
        return True  # a 文号 broken inside its year: '某府办发〔20' + '08〕52号'
    if (width is None or width > 30) and _fragment(prev.text) and not _short_joins(prev.text, text):
        return False  # a few words in a text of long lines are no broken sentence (a menu item, a name)
    if _issuer_over_title(prev.text, text):
        return False
    if _DATE_CUT.search(prev.text) and _DATE_REST.match(text):
        return True  # a date broken inside its day: '…2017年8月1' + '6日印发'
    if _opens_addressees(text) and not re.search(r"[、，,]", prev.text) and not prev.text.strip().startswith("各"):
        return False  # the addressees begin the text: no line above but their own first runs into them (a headline)
    if _recipients_go_on(prev.text, text, following):
        return True  # '各区人民政府,市直各委、办、局,各开发区' + '管委会:' (not a label line)
    if lc.is_bare_recipients(prev.text) and not lc.is_bare_recipients(prev.text + text):
        return False  # addressees listed without their colon end there: the next line begins the text
    if _open_bracket(prev.text) and "\t" not in text and not line.hints.get("table"):
        return True  # '…的通知（济兖政' + '办字〔2018〕46号）': the bracket continues
    if _title_head(prev.text) and prev.text.count("《") > prev.text.count("》") and not lc.is_structural(text) \
            and "\t" not in text:
        return True  # a 关于 title broken inside the name it cites ('关于印发《某某落实〈…' over '…规划〉')
    if text[:1] in CONTINUING and "\t" not in text + prev.text and not line.hints.get("table"):
        return True  # a line cannot begin with a comma or a closing mark: it goes on from the one above
    if width and lc.ATTACHMENT_NOTE.match(prev.text.strip()) and len(prev.text.strip()) >= 0.8 * width \
            and not lc.is_structural(text) and "\t" not in text and not _next_item(prev.text, text) \
            and not lc.FILE_EXTENSION.search(prev.text.strip()) \
            and not (_is_signature(text, following) and lc.ORG_END.search(text.strip())):
        return True  # an attachment's name broken at the margin: '附件：某市2021年产品质量' + '抽查情况统计表'
    if width and _ITEM.match(prev.text) and len(prev.text.strip()) >= 0.8 * width and not lc.is_structural(text) \
            and prev.text.strip()[-1:] not in lc.TERMINAL and "\t" not in text and not _is_signature(text, following) \
            and not _next_item(prev.text, text) and not _ITEM.match(text):
        return True  # a numbered item broken at the margin: '3.某市2018年为民办' + '实事任务分解表'
    centred_change = bool(prev.hints.get("centered")) != bool(line.hints.get("centered"))
    title_rest = _title_head(prev.text) and lc.is_title_like(text) and not lc.is_structural(text)
    section_heading = lc.is_plain_section(prev.text) and (
        "关于" in text or lc.is_title_like(text) or bool(lc.TOC_LINE_END.search(text)))
    title_begins = _title_head(text) and following is not None and not _title_fragment(prev.text) and (
        lc.is_title_like(following)  # an issuer line over '关于…' stays with it
        or (_title_head(text + following) and width is not None and len(text) < 0.8 * width))
    apart = centred_change or title_begins or section_heading or _keeps_own_line(prev.text, prev.hints) \
        or _starts_own_line(text, line.hints, prev.text) or _is_signature(text, following) \
        or _list_entry_then_sentence(prev.text, text) or _joint_issuers(prev.text, text, following)
    return title_rest or not apart


def _opens_addressees(text: str) -> bool:
    """A line of addressees: '各区、县委和人民政府，市级各单位：'."""
    t = text.strip()
    return t.startswith("各") and t.endswith(("：", ":")) and len(t) <= 120 and not re.search(r"[。；]", t)


def _recipients_go_on(prev: str, text: str, following: str | None = None) -> bool:
    """Addressees wrapped before their colon: a line of '各…' names listed with commas, then the rest
    of the last name and the colon."""
    p, t = prev.strip(), text.strip()
    if not t.endswith(("：", ":")) and following and following.strip().endswith(("：", ":")) \
            and len(following.strip()) <= 12:
        t = t + following.strip()  # wrapped twice: the colon (and a name's last words) on the line after
    if not t.endswith(("：", ":")) or p.endswith(("：", ":")) or re.search(r"[。；;！？]", p + t) or len(t) > 40:
        return False
    if len(t) <= 4 and len(p) <= 40 and _BODY_END.search(p + t[:-1]):
        return True  # one addressee, its last characters wrapped: '省直和中央在湘有关单' + '位：'
    return (p.startswith("各") or not re.search(r"[\d（(）)]", p) and _names_bodies(p + t[:-1])) \
        and bool(re.search(r"[,，、]", p))


_BODY_END = re.compile(f"(?:{'|'.join(lc.ORG_ENDINGS + ('委', '单位', '部门', '企业', '机构'))})$")  # an addressee's ending


def _names_bodies(text: str) -> bool:
    """A list of bodies: most of its parts end like a body's name ('某行政公署、市人民政府，…单位')."""
    parts = [x for x in re.split(r"[,，、]", text) if x]
    bodies = sum(1 for x in parts if _BODY_END.search(x))
    return len(parts) >= 3 and bodies * 2 >= len(parts) or len(parts) == 2 and bodies == 2


def _joint_issuers(prev: str, text: str, following: str | None) -> bool:
    """Lines of issuers' names over more names or a date: a joint signature, a name list per line."""
    names = lambda t: lc.org_names(t.strip(), shortest=3) is not None  # ('公安部' over '民政部')
    return bool(following) and names(prev) and names(text) and (names(following) or lc.is_date_line(following))


def _fragment(text: str) -> bool:
    return len(text) <= 12 and not re.search(r"[，。；：:、,;!?！？（）()《》“”]", text)


def _short_joins(prev: str, text: str) -> bool:
    """A line much shorter than the text's sentences joins the next only as part of a title, or
    where it leaves a bracket open or a clause unfinished."""
    if re.search(r"[，、；]$", prev) or _open_bracket(prev) or lc.marker(prev) or "关于" in prev:
        return True  # a clause, a bracket, a list item or a cited title goes on
    if lc.ORG_END.search(prev) and text.startswith(NEEDS_ISSUER):
        return True  # an issuer's name over the first line of its title
    if lc.is_title_like(text, max_len=120):
        return False  # a whole title takes only its issuer's name before it
    joined = prev + text
    return lc.is_title_like(joined, max_len=120) or _title_head(joined) or (_title_head(prev) and bool(lc.title_ending(text)))


def _prose_width(content: list[Line]) -> int | None:
    """How long the text's prose lines run: the median length of the lines that hold a comma
    (None when the text has too few)."""
    widths = sorted(len(l.text) for l in content if "，" in l.text or "," in l.text)
    return widths[len(widths) // 2] if len(widths) >= 3 else None


_NUMBER_CUT = re.compile(r"[\u4e00-\u9fff]{2,12}[〔\[［]\s*\d{0,3}$")  # a 文号's code and the start of its year …
_NUMBER_REST = re.compile(r"^\d{0,4}\s*[〕\]］]\s*\d{1,5}\s*号")          # … and the rest of it


def _open_bracket(text: str) -> bool:
    """The line leaves a bracket open at its end (within its last 60 characters: a list of codes
    in brackets runs long)."""
    tail = text[-60:]
    return sum(map(tail.count, "（([［")) > sum(map(tail.count, "）)]］")) and len(text) < MAX_JOINED


def _usual_gap(content: list[Line]) -> int | None:
    """The number of blank lines the text usually puts between two lines (None if unknown)."""
    gaps = sorted(l.hints["gap"] for l in content[1:] if "gap" in l.hints)
    return gaps[len(gaps) // 2] if len(gaps) >= 5 else None


TITLE_LINES = 8   # a title over this many lines at most (a narrow column of 12 characters: 96 of them)
MAX_TITLE = 120   # characters of the longest title


def _title_spans(content: list[Line], titles) -> dict[int, int]:
    """{first: last} of the runs of one to `TITLE_LINES` lines that print a known title."""
    from ..parsers.evidence import SENTENCE, bigrams, title_key

    def title_part(t: str) -> str | None:
        """The line's part of a title key; None for a line no title goes through."""
        part = title_key(t)
        if SENTENCE.search(t) or len(t) > 80 or "\t" in t or not part \
                or (lc.is_structural(t) and not lc.NAME_ENTRY.match(t)):  # ('…部 某市规划和自然资': names)
            return None
        return part

    parts = [title_part(l.text.strip()) for l in content]
    part_pairs = [bigrams(p) if p else None for p in parts]
    longest = min(MAX_TITLE, max((len(k) for k in titles.keys), default=0) + 4)

    def best_from(k: int) -> tuple[float, int] | None:
        best, key, pairs = None, "", frozenset()
        for j in range(k, min(k + TITLE_LINES, len(content))):
            part = parts[j]
            if part is None or len(key) > longest:  # (no known title is longer)
                break
            pairs = pairs | part_pairs[j] | ({key[-1] + part[0]} if key else set())  # the pairs of key + part
            key += part
            found = titles.find(key, 0.9, pairs=pairs)
            if found and (best is None or found[0][0] >= best[0]):
                best = (found[0][0], j)
        return best

    spans: dict[int, int] = {}
    k = 0
    while k < len(content):
        best = best_from(k)
        if best is not None and best[0] < 1.0 and any((inner := best_from(j)) and inner[0] == 1.0
                                                       for j in range(k + 1, best[1] + 1)):
            best = None  # the title begins further down: the lines above are no part of it
        if best is not None:
            spans[k] = best[1]
            k = best[1] + 1
        else:
            k += 1
    return spans


# --- a page's lines run together on one, separated by spaces -----------------------------------
_GAP = re.compile(r"[ \t]+")
_PAGE_TAIL = re.compile(r"第\s*\d{1,3}\s*页\s*$")
# an entry's leader and page, then a gap and the next entry: '…（第15号）……1　　　　鞍山市…', '……1　四川省…'
_TOC_PAIR = re.compile(r"(?:(?<=[.．…·•⋯_]{2})\s*[(（]?\d{1,3}[)）]?|(?<=\s)[Pp]\.\s*\d{1,3})"
                       r"(?=[ \u3000]{2,}\S|\s+[\u4e00-\u9fff【〖《“]|\s*[★☆●◆■▲])")   # (or '…通知 P.2★某市…')
# … or, without leaders, each page set apart by wide spaces, the line ending in one too:
# '［某号］title        1    ［某号］title        2'
_SPACED_PAGE_END = re.compile(r"[\u4e00-\u9fff》）)][ \u3000]{2,}\d{1,3}\s*$")
_SPACED_PAIR = re.compile(r"(?<=[\u4e00-\u9fff》）)])[ \u3000]{2,}\d{1,3}(?=[ \u3000]{2,}[［\[【〔（(\u4e00-\u9fff])")
_CAPTION = re.compile(r"^[（(][^（）()]*\d[^（）()]*[)）]$")


def _break_after(left: str, right: str, last: bool, above: str = "") -> bool:
    """Whether a space between `left` and `right` stands for a lost line break (`last`: `right`
    is the line's last piece; `above`: the piece cut off before `left`)."""
    left, right = left.strip(), right.strip()
    if _opens_addressees(left):
        return bool(right)  # the addressees' line ends at their colon
    if not left or not right or left.endswith((":", "：")):  # a label and its value stay together
        return False
    if lc.is_date_line(right):
        return last or lc.org_names(left) is not None  # a signature's date ends the line, and begins one after its name
    if lc.is_date_line(left) and lc.org_names(above.strip()) is not None and re.match(r"[\u4e00-\u9fff《“（(【]", right):
        return True  # what follows a signature's date (its name cut off before it)
    if lc.is_doc_number_line(right) and lc.title_ending(left):
        return True  # a title and its number
    if not re.match(r"[\u4e00-\u9fff《“（(【]", right):
        return False
    if left[-1] in "。！？；" or _CAPTION.match(left) or lc.is_doc_number_line(left):
        return True
    return lc.title_ending(left) is not None and not re.search(r"[，。；：、]", left) and len(left) >= 4


def _cut(text: str, gaps: list[re.Match], cuts: list[int]) -> list[str]:
    pieces, start = [], 0
    for k in cuts:
        pieces.append(text[start:gaps[k].start()])
        start = gaps[k].end()
    return pieces + [text[start:]]


_SIGNED_ON_DATE = re.compile(r"^(?P<org>[^\s\d]{4,40}?)[ \u3000\t]+(?P<date>(?:\d{4}|[〇零○OＯ一二][〇零○OＯ一二三四五六七八九]{3})\s*年.{1,12}日)$")


def split_run_on_lines(lines: list[Line], ctx: Context) -> list[Line]:
    """A long line holding what a page prints on several (title, 题注, body, signature, date),
    separated by spaces only, is split there.  Table rows and short lines are left alone; a line
    read from traditional script has its printed form split at the same spaces."""
    out: list[Line] = []
    for line in lines:
        text = line.text.strip()
        pair = [m.end() for m in _TOC_PAIR.finditer(text)] if "\t" not in line.text else []
        if not pair and text[-1:].isdigit() and "\t" not in line.text and _SPACED_PAGE_END.search(text):  # pages set apart by spaces only
            pair = [m.end() for m in _SPACED_PAIR.finditer(text)]
        if pair:  # (what follows a page may be a column of its entry, not a second entry)
            pair = [a for a, b in zip(pair, pair[1:] + [len(text)]) if not lc.is_issuer_cell(text[a:b].strip())]
        if pair:  # two TOC entries on one line, as a two-column contents page reads
            pieces = [text[a:b].strip() for a, b in zip([0] + pair, pair + [len(text)])]
            ctx.correct(line, text, "\n".join(pieces), "run-on")
            out.extend(Line(no=line.no, text=p, page=line.page, hints=dict(line.hints), last=line.last) for p in pieces)
            continue
        if (m := _SIGNED_ON_DATE.match(text)) and lc.org_names(m["org"]) and lc.is_date_line(m["date"]):
            pieces = [m["org"], m["date"]]  # a signature with its date on one line: '某市人民政府　2014年4月30日'
            ctx.correct(line, text, "\n".join(pieces), "run-on")
            out.extend(Line(no=line.no, text=p, page=line.page, hints=dict(line.hints), last=line.last) for p in pieces)
            continue
        if len(text) < 20 or "\t" in line.text or line.hints.get("table") or not _GAP.search(text) \
                or (len(text) <= 120 and (lc.TOC_LINE_END.search(text) or _PAGE_TAIL.search(text))) \
                or web.metadata_pairs(text) is not None:
            out.append(line)  # (a TOC entry's number, title and page are one line however spaced; so is
            # a web page's row of labelled facts)
            continue
        cuts, start, above = [], 0, ""
        gaps = list(_GAP.finditer(text))
        for k, m in enumerate(gaps):
            nxt = gaps[k + 1].start() if k + 1 < len(gaps) else len(text)
            if _break_after(text[max(start, m.start() - 120):m.start()], text[m.end():nxt], k + 1 == len(gaps), above):
                cuts.append(k)
                above, start = text[start:m.start()], m.end()
        if not cuts:
            out.append(line)
            continue
        pieces = _cut(text, gaps, cuts)
        printed = None
        if line.printed is not None:  # the same spaces stand in the printed form
            pgaps = list(_GAP.finditer(line.printed.strip()))
            printed = _cut(line.printed.strip(), pgaps, cuts) if len(pgaps) == len(gaps) else None
        ctx.correct(line, text, "\n".join(pieces), "run-on")
        out.extend(Line(no=line.no, text=p, page=line.page, hints=dict(line.hints), last=line.last,
                        printed=printed[k] if printed else None) for k, p in enumerate(pieces))
    return out


# the wide gap between the two columns of a contents page read across
_COLUMN_GAP = re.compile(r"(?<=\S)[ \u3000]{3,}(?=\S)")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "FW" else 1 for c in text)


def unfold_toc_columns(lines: list[Line], ctx: Context) -> list[Line]:
    """A contents page set in two columns and read across ('【政府文件】　　　【人大工作】', '某某关于　　　关于召开…')
    is read down each column: where three rows of the TOC or more part at one column (by characters or by
    printed width), the left parts come first, in order, then the right ones."""
    out = list(lines)
    h = 0
    while h < len(out):
        if not lc.TOC_HEADING.match("".join(out[h].text.split())):
            h += 1
            continue
        start = h + 1
        while start < len(out) and not out[start].text.strip():
            start += 1
        end = start
        tabbed = start < len(out) and "\t" in out[start].text
        while end < len(out) and out[end].text.strip() and ("\t" in out[end].text) == tabbed:
            end += 1
        split = _table_split(out[start:end]) if tabbed else _column_split(out[start:end])
        if split is None:
            h = end
            continue
        lefts, rights = [], []
        for line, cut in zip(out[start:end], split):
            if cut is None:
                lefts.append(line)
                continue
            left, right = line.text[:cut[0]].rstrip(), line.text[cut[1]:].strip()
            ctx.correct(line, line.text, left + "\n" + right, "toc-columns")
            hints = {k: v for k, v in line.hints.items() if k != "table"}  # (a table's columns read down are lines)
            if left.strip():
                lefts.append(Line(no=line.no, text=left, page=line.page, hints=dict(hints), last=line.last))
            if right:
                rights.append(Line(no=line.no, text=right, page=line.page, hints=dict(hints), last=line.last))
        out[start:end] = lefts + rights
        h = start + len(lefts) + len(rights)
    return out


def _table_split(rows: list[Line]) -> list[tuple[int, int] | None] | None:
    """A contents table of two columns that each hold entries (a leader and page, or a bracketed section,
    on both sides; no column of pages or numbers alone) is two columns of text: cut at the tab."""
    cells = [row.text.split("\t") for row in rows]
    if len(rows) < 3 or any(len(c) != 2 for c in cells) or not _holds_entries([c[0] for c in cells], [c[1] for c in cells]):
        return None
    return [(row.text.index("\t"), row.text.index("\t") + 1) for row in rows]


def _holds_entries(*columns: list[str]) -> bool:
    """Each column holds entries of a contents page (one ends in a leader and page, or is a bracketed
    section), not a column of pages or numbers alone."""
    def entries(column: list[str]) -> bool:
        texts = [c.strip() for c in column if c.strip()]
        return any(lc.TOC_LINE_END.search(t) or lc.SECTION_LINE.match(t) for t in texts) \
            and not any(re.fullmatch(r"[(（]?\d{1,3}[)）]?", t) or docnumber.canonical(t) == t for t in texts)
    return all(entries(c) for c in columns)


def _column_split(rows: list[Line]) -> list[tuple[int, int] | None] | None:
    """For each row, where its wide gap before the right column begins and ends (None: a row of the
    left column only); None if the rows do not part at one column three times or more."""
    for measure in (len, _display_width):
        gaps = [[(m.start(), m.end(), measure(row.text[:m.end()])) for m in _COLUMN_GAP.finditer(row.text)] for row in rows]
        counts: dict[int, int] = {}
        for found in gaps:
            for col in {g[2] for g in found}:
                counts[col] = counts.get(col, 0) + 1
        best = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
        if best[1] < 3:
            continue
        near = lambda col: abs(col - best[0]) <= 1
        split = [next(((a, b) for a, b, col in found if near(col)), None) for found in gaps]
        parted = [(row.text[:s[0]], row.text[s[1]:]) for row, s in zip(rows, split) if s]
        if len(parted) >= 3 and _holds_entries([l for l, _ in parted], [r for _, r in parted]):
            return split
    return None
