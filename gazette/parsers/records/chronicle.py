"""Chronicle (大事记) events: month headings, day markers, △ lines, wrapped lines joined.

A line that is no marker continues the event before it, unless that event already ended its
sentence: then the text is out of order (a scrambled extraction).  If the last event of the
chronicle breaks off mid-sentence, the stray block is read after it (where it belongs); either
way a warning names the line, so nothing is silently glued to the wrong day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import lineclass as lc
from ...model import Event, Line, Warning
from ...numerals import CN_NUMERAL, MONTH_RE, cn_to_int, make_date, make_month, year_value
from .text import ends_sentence

SP = r"[ \t\u3000\xa0]*"
_D = rf"\d{{1,2}}|[{CN_NUMERAL}]{{1,3}}"
# marker kinds as data: a day (range) opening an event, or the same-day mark
DAY_RE = re.compile(
    rf"^(?:(?P<m>\d{{1,2}}){SP}月{SP})?(?P<d>{_D}){SP}(?:日?{SP}[{lc.RANGE_MARKS}]{SP}(?:(?P<m2>\d{{1,2}}){SP}月{SP})?"
    rf"(?P<d2>{_D}){SP})?日{SP}(?P<text>.*)$")  # (a range into the next month: '5月31日至6月6日')
SAME_DAY_RE = re.compile(rf"^{lc.SAME_DAY_LEAD}{SP}(?P<text>.*)$")
# month and day run together ('425　…' for 4月25日), read only where the month is known
GLUED_DAY_RE = re.compile(r"^(?P<md>\d{2,4})[ \u3000]+(?P<text>[\u4e00-\u9fff“《].*)$")
# a chronicle that marks its days by the number alone ('3 市委书记…'), read so only where no day has 日
BARE_DAY_RE = re.compile(r"^(?P<m>)(?P<d>[12]?\d|3[01])[ \u3000]+(?P<d2>)(?P<text>[\u4e00-\u9fff“《].*)$")
# `3月` / `一月:` under a year heading (or under none: the year is the issue's)
MONTH_ONLY_RE = re.compile(rf"^(?P<m>\d{{1,2}}|[{CN_NUMERAL}]{{1,3}}){SP}月(?:份)?{SP}[:：]?$")
YEAR_RE = re.compile(rf"^(?P<y>\d{{4}}|[一二][〇零○OＯ一二三四五六七八九]{{3}}){SP}年(?:度)?{SP}[:：]?$")  # ('一九六八年')
# an event dated only by its month: '4 月 县委书记…', '9月上旬 …', or by the month last named: '是月 …', '上旬 …'
_SET_APART = r"(?:[ \t\u3000\xa0]+|[ \t\u3000\xa0]*[:：,，][ \t\u3000\xa0]*)"
_PART = r"(?:上旬|中旬|下旬|初|底|末)"  # a part of the month: set apart from the text or not ('上旬梅州市…')
MONTH_EVENT_RE = re.compile(rf"^(?:(?P<m>\d{{1,2}}|[{CN_NUMERAL}]{{1,3}}){SP}月(?:份)?(?:{_PART}{_SET_APART}?|{_SET_APART})"
                            rf"|(?:是|本|当)月{_SET_APART}|(?:[上中下]旬|月初|月中|月底|月末){_SET_APART}?)"
                            rf"(?P<text>[\u4e00-\u9fff“《（(].*)$")
# … or run into its text, where the entry is a sentence ('8月战山水库动工兴建，…。'; not a heading '5月工作动态')
MONTH_GLUED_RE = re.compile(rf"^(?P<m>\d{{1,2}}|[{CN_NUMERAL}]{{1,3}})月(?!份|[上中下]旬|初|底|末)(?P<text>[\u4e00-\u9fff“《][^，。；]*[，。；].*)$")
YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def year_in_text(texts: list[str]) -> int | None:
    """The year a chronicle's entries name most often ('…2024年春节慈善慰问活动'), the latest on a
    tie: its year when neither the issue nor a heading prints one."""
    from collections import Counter

    years = Counter(int(y) for t in texts for y in YEAR_IN_TEXT.findall(t))
    return max(years, key=lambda y: (years[y], y)) if years else None
LEAD_PUNCT = "，,、：: \u3000"


@dataclass
class _Entry:
    date: str | None
    date_end: str | None
    parts: list[str]
    lines: list[Line] = field(default_factory=list)

    def event(self) -> Event:
        text = "".join(p.strip() for p in self.parts)
        nos = [n for line in self.lines for n in line.span]  # reordered text: lowest to highest line
        return Event(date=self.date, date_end=self.date_end, text=text, lines=[min(nos), max(nos)])


# the period a chronicle's title names: '二〇二二年一月从化大事记', '2021年3月大事记', '某市大事记202008'
_YEAR = r"(?:\d{4}|[一二][〇零○OoＯ一二三四五六七八九]{3})"
TITLE_PERIOD = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>\d{{1,2}}|[{CN_NUMERAL}]{{1,3}})\s*月(?![\d{CN_NUMERAL}]*[-—～~至])"
                          r"|(?<=[\u4e00-\u9fff])(?P<y2>(?:19|20)\d{2})[-.]?(?P<m2>0[1-9]|1[0-2])$")


TITLE_YEAR = re.compile(rf"(?P<y>{_YEAR})\s*(?:年|(?=大事记))")   # '2021年7-9月…大事记', '2011大事记'


def parse_chronicle(lines: list[Line], *, year: int | None = None,
                    title: str | None = None) -> tuple[list[Event], list[Warning]]:
    warnings: list[Warning] = []
    month = None
    period = TITLE_PERIOD.search(title or "")
    if period:  # the title names one month: entries without a month heading fall in it
        year, month = year_value(period["y"] or period["y2"]) or year, cn_to_int(period["m"] or period["m2"])
    elif title_year := TITLE_YEAR.search(title or ""):  # the title names its year ('2021年7-9月…大事记')
        year = year_value(title_year["y"]) or year
    if year is None and not any(MONTH_RE.match(l.text.strip()) or YEAR_RE.match(l.text.strip()) for l in lines):
        year = year_in_text([l.text for l in lines])
    lines = _reorder(lines, warnings)
    day_re = DAY_RE if any(DAY_RE.match(l.text.strip()) for l in lines) or \
        sum(bool(BARE_DAY_RE.match(l.text.strip())) for l in lines) < 2 else BARE_DAY_RE
    entries: list[_Entry] = []
    day: tuple[str | None, str | None] = (None, None)
    for line in lines:
        text = line.text.strip()
        m = MONTH_RE.match(text)
        if m:
            year, month = year_value(m["y"]), cn_to_int(m["m"])
            continue
        m = YEAR_RE.match(text)
        if m:
            year = year_value(m["y"])
            continue
        m = MONTH_ONLY_RE.match(text)
        if m:
            month = cn_to_int(m["m"])
            continue
        m = day_re.match(text) or _glued_day(text, month)
        if m:
            mon = month = int(m["m"]) if m["m"] else month  # (the month last named: '是月' falls in it)
            day = (make_date(year, mon, cn_to_int(m["d"])),
                   make_date(year, int(m["m2"]) if m.groupdict().get("m2") else mon, cn_to_int(m["d2"])) if m["d2"] else None)
            entries.append(_Entry(day[0], day[1], [m["text"].lstrip(LEAD_PUNCT)], [line]))  # text may follow
            continue
        m = SAME_DAY_RE.match(text)
        if m:
            entries.append(_Entry(day[0], day[1], [m["text"].lstrip(LEAD_PUNCT)], [line]))
            continue
        m = MONTH_EVENT_RE.match(text) or MONTH_GLUED_RE.match(text)
        if m and (m["m"] or month):
            month = cn_to_int(m["m"]) if m["m"] else month
            day = (make_month(year, month), None)
            entries.append(_Entry(day[0], None, [m["text"]], [line]))
            continue
        if entries:
            entries[-1].parts.append(text)
            entries[-1].lines.append(line)
    return [e.event() for e in entries], warnings


def _glued_day(text: str, month: int | None) -> dict | None:
    """A day whose 月 and 日 the capture lost: '425　县长…' under April is the 25th."""
    m = GLUED_DAY_RE.match(text)
    if not (m and month and m["md"].startswith(str(month))):
        return None
    day = m["md"][len(str(month)):]
    return {"m": str(month), "d": day, "d2": None, "text": m["text"]} if day and 1 <= int(day) <= 31 else None


def _is_heading(text: str) -> bool:
    return bool(MONTH_RE.match(text) or MONTH_ONLY_RE.match(text) or YEAR_RE.match(text))


def opens_event(text: str) -> bool:
    return bool(DAY_RE.match(text) or SAME_DAY_RE.match(text) or MONTH_EVENT_RE.match(text) or MONTH_GLUED_RE.match(text))


def _closed(text: str) -> bool:
    """The line ends its event's sentence: a full stop, not the semicolon between an event's clauses."""
    return ends_sentence(text) and not text.rstrip().endswith(("；", ";"))


def _reorder(lines: list[Line], warnings: list[Warning]) -> list[Line]:
    """Move a stray block (text continuing no event) after the event that breaks off.  Each line
    is classified once (a long chronicle of repeated lines took minutes when every line looked
    back through all the others)."""
    texts = [l.text.strip() for l in lines]
    opens = [opens_event(t) for t in texts]
    marker = [o or _is_heading(t) for o, t in zip(opens, texts)]
    in_event, state = [], False  # line i belongs to an event (its marker or a continuation), not a preamble
    for o, m in zip(opens, marker):
        state = o if m else state
        in_event.append(state)
    target = next((j for j in range(len(lines) - 1, -1, -1) if opens[j]), None)  # the last event's start
    for i, line in enumerate(lines):
        if marker[i] or i == 0 or not _closed(lines[i - 1].text) or not in_event[i - 1]:
            continue
        fragment = re.search(r"[，。；、,;]", texts[i])  # a running header or page line is no sentence fragment
        if fragment and target is not None and target > i and not ends_sentence(lines[-1].text):
            warnings.append(Warning("chronicle_out_of_order",
                                    f"line {line.no} continues no event (the one before ends its sentence); "
                                    f"read after the unfinished last event at line {lines[target].no}",
                                    line.no))
            return lines[:i] + lines[target:] + lines[i:target]
        warnings.append(Warning("chronicle_stray_text",
                                f"line {line.no} continues an event that already ended its sentence", line.no))
    return lines