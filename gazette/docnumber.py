"""Document numbers (发文字号, 文号): `机关代字〔年份〕序号号`, found in any bracket form.

`canonical()` gives the GB/T 9704 form: 〔〕 around the year, no spaces, serial without
leading zeros.  Government orders (政府令) are numbered without a year, `XX人民政府令第12号`
(printed as a `XX人民政府令` heading over a `第12号` line); `canonical()` gives that form too.  OCR repair of the issuer code is evidence-based and lives in
`gazette.normalize.ocr`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .patterns import Lazy

OPEN = "〔[［(（【〖｛{"
CLOSE = "〕]］)）】〗｝}"
_CJK = "\u4e00-\u9fff"

# a code never starts with the 年/月/日 of a date printed right before it ('1985年5月4日皖政〔1985〕38号')
_NOT_A_DATE = r"(?:(?<![\d〇零一二三四五六七八九十])|(?![年月日号]))"
# code (2–12 CJK chars right before the bracket) · bracketed 4-digit year · serial · 号
DOC_NUMBER_RE = Lazy(
    rf"(?P<code>{_NOT_A_DATE}[{_CJK}]{{2,12}}?)\s*[{re.escape(OPEN)}]\s*(?P<year>(?:\d\s*){{4}})\s*[{re.escape(CLOSE)}]"
    rf"\s*(?:第\s*)?(?P<serial>\d{{1,5}})\s*号")


# a government order: '清河市人民政府令第12号', '（市政府令第12号）'
# (a ministry numbers its orders within the year: '商务部令2007年第15号')
ORDER_RE = Lazy(rf"(?P<code>{_NOT_A_DATE}(?![第于经])[{_CJK}]{{1,20}}令)\s*(?P<open>[（(])?\s*(?:(?P<year>\d{{4}})\s*年\s*|"
                rf"(?P<term>[一二三四五六七八九十]{{1,3}})\s*届\s*)?第\s*(?P<serial>\d{{1,4}})\s*号(?(open)[)）]?)")
# (a term of office before the number: '主席令(九届第37号)'; its bracket closed only if opened after 令)
ORDER_TITLE = Lazy(rf"^[{_CJK}]{{2,30}}令$")                  # the heading line of an order
# a number line under a heading: '第12号', '（第706号）', '〔十三届〕第二十三号', '民禁字第二号', '2019年第32号'
ORDER_SERIAL = Lazy(rf"^[（(]?\s*(?P<prefix>〔[^〕]{{1,8}}〕|[{_CJK}]{{1,10}}字)?\s*(?:(?P<year>\d{{4}})\s*年\s*)?第\s*"
                          r"(?P<serial>\d{1,5}|[〇零一二三四五六七八九十百千]{1,8})\s*号\s*[)）]?$")


# a serial printed after a heading on its line: '…常务委员会公告〔十三届〕第二十三号', '…令（第706号）'
SERIAL_TAIL = Lazy(r"[（(]?\s*(?P<serial>(?:〔[^〕]{1,8}〕)?\s*第\s*(?:\d{1,5}|[〇零一二三四五六七八九十百千]{1,8})\s*号)\s*[)）]?\s*$")


def serial_in(text: str) -> str | None:
    """The serial a heading carries at its end (a 公告 numbered '〔十三届〕第二十三号'), as printed."""
    m = SERIAL_TAIL.search(text)
    return "".join(m["serial"].split()) if m and m.start() > 0 else None


def order_number(title: str, serial_line: str) -> str | None:
    """The number a heading's number line gives: '清河市人民政府令' over '第12号' →
    '清河市人民政府令第12号'; a 公告 numbered '〔十三届〕第二十三号' or a historical '民禁字第二号'
    keeps its line's form; a bare '第3号' under another heading is that."""
    t, m = "".join(title.split()), ORDER_SERIAL.match("".join(serial_line.split()))
    if not m:
        return None
    serial = str(int(m["serial"])) if m["serial"].isdigit() else m["serial"]
    if m["prefix"]:
        return f"{m['prefix']}第{serial}号"
    year = f"{m['year']}年" if m["year"] else ""  # a ministry numbers its orders within the year
    return f"{t}{year}第{serial}号" if ORDER_TITLE.match(t) else f"{year}第{serial}号"


def strip_numbers(text: str) -> str:
    """The text without its document or order numbers."""
    return ORDER_RE.sub("", DOC_NUMBER_RE.sub("", text))


@dataclass(frozen=True)
class DocNumber:
    code: str
    year: int
    serial: int
    di: bool = False   # 第 printed before the serial: kept ('政府令〔2010〕第15号', a 公告's '某征启〔2021〕第8号')

    def __str__(self) -> str:
        return self.canonical

    @property
    def canonical(self) -> str:
        return f"{self.code}〔{self.year}〕{'第' if self.di else ''}{self.serial}号"

    @property
    def key(self) -> str:
        """Year and serial: the exact search key (the code is compared allowing OCR look-alikes)."""
        return f"{self.year}-{self.serial}"


@lru_cache(maxsize=1)
def confusion_table() -> dict:
    """data/confusions.json: OCR confusion pairs of characters and of words, kept as data."""
    import json
    from importlib import resources

    return json.loads(resources.files("gazette").joinpath("data/confusions.json").read_text(encoding="utf-8"))


def parse(text: str) -> DocNumber | None:
    """The first document number in `text`, or None."""
    if "号" not in text:
        return None
    m = DOC_NUMBER_RE.search(text)
    return from_match(m) if m else None


def from_match(m: re.Match) -> DocNumber:
    return DocNumber(code=m["code"], year=int("".join(m["year"].split())), serial=int(m["serial"]),
                     di="第" in m.group(0)[m.end("year") - m.start():])


# an announcement numbered within its year: '国家税务总局公告2018年第18号', '〔2020〕第8号'
ANNOUNCEMENT_RE = Lazy(rf"(?P<code>{_NOT_A_DATE}[{_CJK}]{{2,20}}?公告)\s*(?P<y2>\d{{4}})\s*年\s*第\s*(?P<s2>\d{{1,5}})\s*号"
                             rf"|(?<![{_CJK}\d])[〔\[［]\s*(?P<y1>\d{{4}})\s*[〕\]］]\s*第\s*(?P<s1>\d{{1,5}})\s*号")


def announcement_number(text: str) -> str | None:
    m = ANNOUNCEMENT_RE.search(text) if "号" in text else None
    if not m:
        return None
    if m["code"]:
        return f"{m['code']}{m['y2']}年第{int(m['s2'])}号"
    return f"〔{m['y1']}〕第{int(m['s1'])}号"


def canonical(text: str) -> str | None:
    """'济高新管字〔2023〕5 号' → '济高新管字〔2023〕5号'; None if `text` holds no number.  Orders
    and announcements numbered within a year keep their own form (`XX令第12号`,
    `国家税务总局公告2018年第18号`, `〔2020〕第8号`)."""
    n = parse(text)
    if n:
        return str(n)
    m = ORDER_RE.search(text) if "号" in text else None
    return f"{m['code']}{m['year'] + '年' if m['year'] else ''}第{int(m['serial'])}号" if m else announcement_number(text)


def find_all(text: str) -> list[tuple[DocNumber, re.Match]]:
    """Every document number in `text`, with its match (for positions)."""
    if "号" not in text:
        return []
    return [(from_match(m), m) for m in DOC_NUMBER_RE.finditer(text)]


_LEADING_DATE = Lazy(r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?=\D)")


@lru_cache(maxsize=4096)
def is_doc_number_line(text: str) -> bool:
    """A line that is only a document number (possibly in parentheses, or after the date a
    portal or a gazette prints with it: '2004-6-23酒政发〔2004〕89号', '2002年1月28日 财会〔2002〕1009号')."""
    t = SIGNER.sub("", _LEADING_DATE.sub("", "".join(text.split())).strip("()（）"))
    t = _TRAILING_DATE.sub("", t)
    return bool(DOC_NUMBER_RE.fullmatch(t) or ANNOUNCEMENT_RE.fullmatch(t))


# the date printed after the number in its brackets: '（某政字〔2000〕19号　二000年四月十四日）'
_TRAILING_DATE = Lazy(r"(?<=号)(?:\d{4}|[〇零○OＯ一二][〇零○OＯ0一二三四五六七八九]{3})年.{1,6}日$")
# the signer an upward document names beside its number: '某发〔2017〕11号　签发人：张三'
SIGNER = re.compile(r"签发人[:：]\s*[\u4e00-\u9fff·]{2,8}$")
