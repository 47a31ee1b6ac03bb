"""The masthead (刊头) and colophon (版权页): gazette name, publisher, year, issue, total issue, date.

Found at the front (before the TOC or the first document), at the back (a trailing block of
colophon lines), or both; fields found at the front win, the back fills what is missing.
Issues are numbered `第3期`, `第3-4期`, `第5号` or in Chinese numerals (`第三期`); the running
count `总第87期`, `总第1724号` or `总号：1724`; the year may be printed only in the
publication date.
"""
from __future__ import annotations

import re
from collections import Counter

from ..lineclass import COLOPHON, DAY_MARKER, GAZETTE_NAME_ENDS
from ..model import Gazette, Line
from ..numerals import CN_NUMERAL, DATE_RE, cn_to_int, is_date_line, parse_date

NAME = re.compile(rf"^(?P<name>[\u4e00-\u9fff（）()]{{2,30}}(?:{GAZETTE_NAME_ENDS}))$")
NAME_IN = re.compile(rf"[\u4e00-\u9fff]{{2,30}}(?:{GAZETTE_NAME_ENDS})")
NAME_FIRST = re.compile(rf"^(?P<name>[\u4e00-\u9fff（）()]{{2,30}}(?:{GAZETTE_NAME_ENDS}))(?=[\s\u3000（(]|\d)")
_N = rf"(?:\d{{1,3}}|[{CN_NUMERAL}]{{1,4}})"
_Y = r"(?:(?:19|20)\d{2}|[一二][〇零○OＯ〇九][〇零○OＯ一二三四五六七八九]{2})"
ISSUE = re.compile(rf"(?:(?P<y>{_Y})\s*年?\s*)?第\s*(?P<i>{_N}(?:\s*[-—–、]\s*{_N})?)\s*(?P<unit>期|号)")
_TN = rf"(?:\d{{1,5}}|[{CN_NUMERAL}百千]{{1,8}})"  # a total count, in digits or Chinese numerals (总第九十六期)
TOTAL = re.compile(rf"总\s*(?:第\s*(?P<t>{_TN}(?:\s*[-—–]\s*{_TN})?)\s*[期号]|号\s*[:：]?\s*(?P<t2>\d{{1,5}}(?:\s*[-—–]\s*\d{{1,5}})?))")
YEAR = re.compile(rf"^(?P<y>{_Y})\s*年?(?:度)?$")
DOTTED_ISSUE = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*[·.．]\s*(?P<i>\d{1,2})(?=\s|$|[（(]?总)")
_DATE = re.sub(r"\(\?P<\w+>", "(?:", DATE_RE.pattern)
# '2022年6月30日出版', or the label first: '出版日期：2023年2月28日', '印刷日期：2014年5月30日',
PUBLISHED = re.compile(rf"{_DATE}\s*(?:出\s*版|出\s*刊)|(?:出\s*版|出\s*刊|发\s*行|发\s*布|印\s*刷)\s*(?:日\s*期|时\s*间)\s*[:：]?\s*"
                       rf"(?:{_DATE}|\d{{4}}-\d{{1,2}}-\d{{1,2}})")  # (a web page's '发布时间：2022-01-20')
PUBLISHER = re.compile(r"(?P<label>主管主办|主办单位|主\s*办|主\s*管|编辑出版|编\s*印|编\s*辑|出\s*版)\s*[:：]\s*(?P<org>[^\s:：,，;；]+?)"
                       r"(?=\s|$|\d{4}\s*年|[,，;；])")
# the label after the name: '云山市人民政府办公室主办'
PUBLISHER_AFTER = re.compile(r"^(?P<org>[\u4e00-\u9fff]{4,30}?)\s*(?P<label>主管主办|主办|编印|编辑出版|编辑|出版|编)(?=\s|$|\d{4}\s*年)")
PUBLISHER_RANK = {"主管主办": 0, "主办单位": 1, "主办": 1, "主管": 2, "编辑出版": 3, "编印": 3, "编辑": 4, "编": 4,
                  "出版": 5}
# masthead words that carry no field: 季刊, 内部资料, 免费交流, ISSN/CN numbers, print runs
PERIODICAL = re.compile(r"^[（(]?\s*(?:季刊|月刊|半月刊|双月刊|旬刊|年刊|周刊|内部资料|内部刊物|免费交流|内部资料\s*免费交流|"
                        r"内部资料\s*注意保存|(?:ISSN|CN|[A-Z]{2}\s*\d)[\s\w/-]*)\s*[)）]?$", re.I)


PERIOD_AFTER = re.compile(r"[（(](?:半月|双月|旬|周|月|季|年)刊[)）]$")  # the name's frequency after it: '某公报（半月刊）'


def is_masthead_line(text: str) -> bool:
    t = text.strip()
    if len(t) > 60 or DAY_MARKER.match(t):
        return False
    issue = ISSUE.search(t)
    return bool(NAME.match(PERIOD_AFTER.sub("", t.replace(" ", ""))) or YEAR.match(t) or COLOPHON.search(t)
                or (issue and not _is_doc_number(t, issue)) or TOTAL.search(t) or PUBLISHED.search(t) or PERIODICAL.match(t) or PUBLISHER_AFTER.search(t))


def is_cover(lines: list[Line]) -> bool:
    """The lines are a cover and nothing else: no sentence among them, and most of them masthead
    lines (the name, the issue, the date) — what is left is the name in pieces, its pinyin."""
    if not lines or any(re.search(r"[，。；！？,;!?]", l.text) or len(l.text.strip()) > 80 for l in lines):
        return False
    facts = [l for l in lines if is_masthead_line(l.text) or is_date_line(l.text)]
    return 2 * len(facts) >= len(lines) and any(ISSUE.search(l.text) or NAME_IN.search(l.text) for l in facts)


def names_in(lines: list[Line]) -> list[str]:
    """Gazette names printed among `lines` (`某市人民政府公报`)."""
    return [n for l in lines if (n := _name_in(l.text))]


def _name_in(text: str) -> str | None:
    m = NAME_IN.search(re.sub(r"\s+", "", ISSUE.sub("|", text)))
    return m.group(0) if m else None


def header_name(headers: list[str]) -> str | None:
    """The gazette's name as its running headers print it most often ('某市人民政府公报 2020年第3期')."""
    names = Counter(n for h in headers if (n := _name_in(h)))
    return names.most_common(1)[0][0] if names else None


def cover_end(lines: list[Line]) -> int:
    """Index after the cover: the 目录 heading if one is printed near the front, else the leading
    block of masthead lines."""
    from .toc import is_heading

    for i, line in enumerate(lines[:150]):
        if is_heading(line.text):
            return i
    i = 0
    while i < len(lines) and i < 30 and is_masthead_line(lines[i].text):
        i += 1
    return i


def colophon_start(lines: list[Line], floor: int = 0) -> int:
    """Index where a trailing colophon block begins (len(lines) if there is none).  The block is
    the run of masthead lines at the end; a short line without a field (an address, a print run)
    may stand among them."""
    i = len(lines)
    loose = 0
    while i > floor:
        t = lines[i - 1].text.strip()
        if is_masthead_line(t):
            i -= 1
            loose = 0
            continue
        if len(t) <= 30 and not re.search(r"[。；！？]", t) and loose < 1 and i < len(lines):
            loose += 1
            i -= 1
            continue
        break
    i += loose  # a loose line is only kept inside the block, never at its top
    block = [l.text for l in lines[i:]]
    if block and not any(ISSUE.search(t) or PUBLISHED.search(t) or PUBLISHER.search(t) or TOTAL.search(t)
                         or NAME_IN.search(t) or PERIODICAL.match(t.strip()) for t in block) \
            and sum(bool(COLOPHON.search(t)) for t in block) < 3:
        return len(lines)
    return i


def _issue_value(raw: str) -> str:
    parts = re.split(r"\s*[-—–、]\s*", re.sub(r"\s", "", raw))
    return "-".join(str(cn_to_int(p)) if cn_to_int(p) is not None else p for p in parts)


def read_front(lines: list[Line]) -> Gazette:
    """The masthead before the TOC or the first document; a date printed alone there is the
    publication date, and a short line over the name is the name's first part
    ('中华人民共和国' over '国务院公报')."""
    keep = [l for l in lines if is_masthead_line(l.text) or is_date_line(l.text)]
    g = read_masthead(keep)
    if g.published is None:  # a date on the cover, alone or beside the issue number
        dates = [d for l in keep if (d := parse_date(l.text))]
        if dates:
            g.published = dates[0]
            g.year = g.year or int(dates[0][:4])
    if g.name:
        g.name = _whole_name(g.name, lines)
    if g.publisher is None and g.name:  # the body whose gazette it is, printed alone on the cover
        g.publisher = next((t for l in lines if len(t := re.sub(r"\s+", "", l.text)) < len(g.name)
                            and g.name.startswith(t) and re.fullmatch(GAZETTE_NAME_ENDS, g.name[len(t):])), None)
    return g


def _whole_name(name: str, lines: list[Line]) -> str:
    """The gazette's name in full: a longer form the cover prints elsewhere ('中华人民共和国国务院
    公报' in a line beside '国务院公报'), or its first part on the line above ('中华人民共和国' over
    '国务院公报')."""
    from .toc import is_heading

    longer = [n for n in names_in(lines) if n.endswith(name) and len(n) > len(name)]
    if longer:
        return max(longer, key=len)
    k = next((i for i, l in enumerate(lines) if re.sub(r"\s+", "", l.text) == name), None)
    if k and re.fullmatch(r"[\u4e00-\u9fff]{2,10}", above := re.sub(r"\s+", "", lines[k - 1].text)) \
            and not is_masthead_line(lines[k - 1].text) and not is_heading(above):
        return above + name
    return name


def read_masthead(lines: list[Line]) -> Gazette:
    """Masthead facts from the given lines (front block first, then colophon)."""
    g = Gazette()
    publisher_rank = issue_rank = 99
    for line in lines:
        t = line.text.strip()
        compact = t.replace(" ", "")
        found = False
        if g.name is None and (m := NAME.match(compact)):
            g.name, found = m["name"], True
        elif g.name is None and (m := NAME_FIRST.match(t)) and (ISSUE.search(t) or TOTAL.search(t)):
            g.name, found = m["name"], True  # the name first on a line of the issue's facts
        if (m := TOTAL.search(t)) and g.total_issue is None:
            g.total_issue, found = _issue_value(m["t"] or m["t2"]), True
        t_wo_total = TOTAL.sub("", t)
        if (m := ISSUE.search(t_wo_total)) and not _is_doc_number(t_wo_total, m):
            # an issue number beside its year, date or total outranks one printed bare (a site's
            # links to the issues before and after)
            rank = 0 if m["y"] or t_wo_total != t or DATE_RE.search(t) else 1
            if rank < issue_rank:
                g.issue, issue_rank, found = _issue_value(m["i"]), rank, True
            if m["y"] and g.year is None:
                g.year = cn_to_int(m["y"].replace("O", "〇").replace("Ｏ", "〇"))
        if (m := DOTTED_ISSUE.match(t)) and issue_rank > 0:  # '2011·4　总第88期': year and issue, dotted
            g.issue, issue_rank, found = m["i"], 0, True
            g.year = g.year or int(m["y"])
        if (m := YEAR.match(t)) and g.year is None:
            g.year, found = cn_to_int(m["y"].replace("O", "〇").replace("Ｏ", "〇")), True
        if (m := PUBLISHED.search(t)) and g.published is None:
            g.published, found = parse_date(m.group(0)), True
        for m in [*PUBLISHER.finditer(t), *PUBLISHER_AFTER.finditer(t)]:
            rank = PUBLISHER_RANK.get(re.sub(r"\s", "", m["label"]), 9)
            if rank < publisher_rank:
                g.publisher, publisher_rank, found = m["org"], rank, True
        if found:
            g.lines.append(line.no)
    if g.year is None and g.published:
        g.year = int(g.published[:4])
    return g


def _is_doc_number(text: str, m: re.Match) -> bool:
    """`第12号` of a government order (`市政府令第12号`, `（国务院令第238号）`) or of a 公告
    (`〔十三届〕第二十三号`, `…常务委员会公告（第28号）`, `主席令(九届第37号)`) is no issue number."""
    return m["unit"] == "号" and bool(re.search(r"(?:令|公告|〕|字)\s*[（(]?\s*(?:[\u4e00-\u9fff]{1,3}届\s*)?$", text[:m.start()]))


def merge(front: Gazette, back: Gazette) -> Gazette:
    """Front facts win; the back fills the gaps."""
    merged = Gazette(**{k: getattr(front, k) if getattr(front, k) is not None else getattr(back, k)
                        for k in ("name", "publisher", "year", "issue", "total_issue", "published")})
    merged.lines = sorted(set(front.lines) | set(back.lines))
    return merged


def from_web_metadata(meta: dict[str, str]) -> Gazette:
    """A web page has no masthead; its publishing body and date stand in for one."""
    g = Gazette()
    g.publisher = meta.get("发布机构") or meta.get("发文机关") or None
    for key in ("发布时间", "发布日期"):
        if meta.get(key):
            g.published = parse_date(meta[key])
            break
    if g.published:
        g.year = int(g.published[:4])
    return g
