"""Chinese and Arabic numerals and dates: the one tested place that turns them into values."""
from __future__ import annotations

import re
from functools import lru_cache

DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "o": 0, "ｏ": 0, "0": 0, "０": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMERAL = "〇零○一二两三四五六七八九十百千万"
MAX_CHARS = 18  # a longer numeral is no count, page or date in a bulletin (and int() refuses 4,300 digits)


def cn_to_int(text: str) -> int | None:
    """'二十三' → 23, '一百零五' → 105, '十' → 10, '二〇二一' → 2021 (digit by digit), '23' → 23."""
    text = text.strip()
    if not text or len(text) > MAX_CHARS:
        return None
    if text.isdecimal():
        return int(text)
    if any(c not in DIGITS and c not in UNITS for c in text):
        return None
    if not any(c in UNITS for c in text):  # digit-by-digit form, e.g. a year
        return int("".join(str(DIGITS[c]) for c in text))
    total, section, number = 0, 0, 0
    for c in text:
        if c in DIGITS:
            number = DIGITS[c]
        else:
            unit = UNITS[c]
            if unit == 10000:
                total += (section + number) * unit
                section = 0
            else:
                section += (number or 1) * unit
            number = 0
    return total + section + number


_NUM = rf"(?:\d+|[{CN_NUMERAL}]+)"
# a year in Chinese numerals, 〇 also printed as a Latin O or a digit zero ('二OO六', '二0一九'), or
# with one 〇 lost ('二〇六')
_CN_YEAR = r"[一二][〇零○OoＯｏ0０一二三四五六七八九]{2,3}"
DATE_RE = re.compile(
    rf"(?P<y>\d{{4}}|{_CN_YEAR})\s*年\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*日")
ISO_DATE_RE = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
MONTH_RE = re.compile(rf"^\s*(?P<y>\d{{4}}|{_CN_YEAR})\s*年\s*(?P<m>{_NUM})\s*月\s*$")


def make_date(y: int | None, m: int | None, d: int | None) -> str | None:
    """ISO date if the parts make a real calendar date."""
    import datetime

    if y is None or m is None or d is None:
        return None
    try:
        return datetime.date(y, m, d).isoformat()
    except (ValueError, OverflowError):
        return None


def make_month(y: int | None, m: int | None) -> str | None:
    """ISO year and month ('1988-04'): the date of an event a chronicle dates only by its month."""
    return f"{y:04d}-{m:02d}" if y is not None and m is not None and 1 <= m <= 12 and 1 <= y <= 9999 else None


def year_value(text: str) -> int | None:
    """A printed year: '2021', '二〇二一', '二OO六'; a Chinese year that lost a 〇 ('二〇六') is
    read with it put back after the first digit (2006)."""
    y = cn_to_int(text)
    if y is not None and not text.isdigit() and len(text) == 3 and text[0] == "二":
        y = 2000 + y % 100
    return y if y is not None and 1000 <= y <= 2999 else None


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO: '2021年3月26日', '二〇二一年三月二十六日', '二OO六年二月二十日',
    '2023-02-14'."""
    m = DATE_RE.search(text)
    if m:
        return make_date(year_value(m["y"]), cn_to_int(m["m"]), cn_to_int(m["d"]))
    m = ISO_DATE_RE.search(text)
    if m:
        return make_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return digits_date(text)


def digits_date(text: str) -> str | None:
    """A line of digits that is a date whose 年月日 were lost (OCR): '2019610', '20190610' — only
    where one reading as year, month and day is a valid date."""
    t = re.sub(r"\s+", "", text)
    if not re.fullmatch(r"(?:19[4-9]\d|20\d\d)\d{2,4}", t):
        return None
    rest = t[4:]
    readings = {make_date(int(t[:4]), int(rest[:k]), int(rest[k:])) for k in (1, 2) if 0 < len(rest) - k <= 2}
    readings.discard(None)
    return readings.pop() if len(readings) == 1 else None


WEEKDAY = re.compile(r"(?<=日)(?:星期|礼拜|周)[一二三四五六日天]$")  # a newspaper's date line: '2025年4月30日　星期三'


@lru_cache(maxsize=4096)
def is_date_line(text: str) -> bool:
    """A line that is only a date (a signature date, a decision date; in brackets under a list of
    appointments: '（2021年3月5日）')."""
    t = WEEKDAY.sub("", "".join(text.split()))
    if t[:1] in "（(" and t[-1:] in ")）":
        t = t[1:-1]
    m = DATE_RE.fullmatch(t) or ISO_DATE_RE.fullmatch(t)
    return bool(m) or digits_date(t) is not None
