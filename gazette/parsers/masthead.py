"""The masthead (刊头) and colophon (版权页): gazette name, publisher, year, issue, total issue, date.

Found at the front (before the TOC or the first document), at the back (a trailing block of
colophon lines), or both; fields found at the front win, the back fills what is missing.
"""
from __future__ import annotations

import re

from ..lineclass import COLOPHON, DAY_MARKER
from ..model import Gazette, Line
from ..numerals import DATE_RE, parse_date

NAME = re.compile(r"^(?P<name>[\u4e00-\u9fff（）()]{2,30}(?:公报|政报))$")
ISSUE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?第\s*(?P<i>\d{1,3}(?:\s*[-—–]\s*\d{1,3})?)\s*期")
TOTAL = re.compile(r"总\s*第\s*(?P<t>\d{1,5}(?:\s*[-—–]\s*\d{1,5})?)\s*期")
YEAR = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*年?$")
_DATE = re.sub(r"\(\?P<\w+>", "(?:", DATE_RE.pattern)
# '2022年6月30日出版', or the label first: '出版日期：2023年2月28日'
PUBLISHED = re.compile(rf"{_DATE}\s*出\s*版|(?:出\s*版|出\s*刊)\s*(?:日\s*期|时\s*间)\s*[:：]?\s*{_DATE}")
PUBLISHER = re.compile(r"(?P<label>主管主办|主办单位|主\s*办|主\s*管|编辑出版|编\s*印|编\s*辑)\s*[:：]\s*(?P<org>[^\s:：,，;；]+?)"
                       r"(?=\s|$|\d{4}\s*年|[,，;；])")
# the label after the name: '云山市人民政府办公室主办'
PUBLISHER_AFTER = re.compile(r"^(?P<org>[\u4e00-\u9fff]{4,30}?)\s*(?P<label>主管主办|主办|编印|编辑出版)$")
PUBLISHER_RANK = {"主管主办": 0, "主办单位": 1, "主办": 1, "主管": 2, "编辑出版": 3, "编印": 3, "编辑": 4}


def is_masthead_line(text: str) -> bool:
    t = text.strip()
    if len(t) > 60 or DAY_MARKER.match(t):
        return False
    return bool(NAME.match(t.replace(" ", "")) or YEAR.match(t) or COLOPHON.search(t) or ISSUE.search(t)
                or PUBLISHED.search(t))


def colophon_start(lines: list[Line]) -> int:
    """Index where a trailing colophon block begins (len(lines) if there is none)."""
    i = len(lines)
    while i > 0 and is_masthead_line(lines[i - 1].text):
        i -= 1
    # a lone trailing name or date is not a colophon unless it has a masthead fact beside it
    block = [l.text for l in lines[i:]]
    if block and not any(ISSUE.search(t) or PUBLISHED.search(t) or PUBLISHER.search(t) for t in block):
        return len(lines)
    return i


def read_masthead(lines: list[Line]) -> Gazette:
    """Masthead facts from the given lines (front block first, then colophon)."""
    g = Gazette()
    publisher_rank = 99
    for line in lines:
        t = line.text.strip()
        compact = t.replace(" ", "")
        found = False
        if g.name is None and (m := NAME.match(compact)):
            g.name, found = m["name"], True
        if (m := TOTAL.search(t)) and g.total_issue is None:
            g.total_issue, found = re.sub(r"\s|[—–]", lambda x: "" if x.group().isspace() else "-", m["t"]), True
        t_wo_total = TOTAL.sub("", t)
        if (m := ISSUE.search(t_wo_total)) and g.issue is None:
            g.issue, found = re.sub(r"\s", "", m["i"]).replace("—", "-").replace("–", "-"), True
            if m["y"] and g.year is None:
                g.year = int(m["y"])
        if (m := YEAR.match(t)) and g.year is None:
            g.year, found = int(m["y"]), True
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
