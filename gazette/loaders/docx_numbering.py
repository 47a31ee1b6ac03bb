"""Word's automatic numbering: the label (`一、` `（一）` `1.` `（1）`) Word prints before a
numbered paragraph but does not store in its text.

Gazette DOCX files often number their headings this way; without the label the parser
would not see the outline markers.  Counters run per abstract list and restart the
deeper levels when a shallower one advances; bullets are decoration and give no label.
"""
from __future__ import annotations

from .docx_xml import W
from .limits import number

DIGITS = "〇一二三四五六七八九"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (up to 9999)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = (n // value) % 10
        if d:
            out += ("零" if zero and out else "") + DIGITS[d] + unit
            zero = False
        elif out:
            zero = True
    return out


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese(n)
    if fmt == "ideographDigital":
        return "".join(DIGITS[int(d)] for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    return str(n)


def _or(value, default):
    return default if value is None else value


class Numbering:
    """Labels for numbered paragraphs of one document, in reading order."""

    def __init__(self, doc):
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for absn in root.findall(W + "abstractNum"):
            levels = {}
            for lvl in absn.findall(W + "lvl"):
                get = lambda tag: (lvl.find(W + tag).get(W + "val") if lvl.find(W + tag) is not None else None)  # noqa: E731
                start = get("start")
                ilvl = number(lvl.get(W + "ilvl", "0"), "w:ilvl in word/numbering.xml")
                if ilvl is None or ilvl > 9:
                    continue
                levels[ilvl] = (_or(number(start, "w:start in word/numbering.xml", limit="list-start"), 1),
                                                         get("numFmt") or "decimal", get("lvlText") or "",
                                                         get("suff") or "tab")
            self.levels[absn.get(W + "abstractNumId")] = levels
        for num in root.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            overrides = {}
            for ov in num.findall(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                where = "w:startOverride in word/numbering.xml"
                value = number(so.get(W + "val"), where, limit="list-start") if so is not None else None
                ilvl = number(ov.get(W + "ilvl", "0"), "w:ilvl in word/numbering.xml")
                if value is not None and ilvl is not None and ilvl <= 9:
                    overrides[ilvl] = value
            if ref is not None:
                self.nums[num.get(W + "numId")] = (ref.get(W + "val"), overrides)

    def label(self, num_id: str | None, ilvl: int) -> str:
        """The label of the next paragraph of list `num_id` at level `ilvl` ('' if none)."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(abstract, [0] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                counts[level] = start - 1
        start, fmt, text, suffix = levels[ilvl]
        counts[ilvl] = max(counts[ilvl], start - 1) + 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        if fmt == "bullet" or fmt == "none" or not text or "%" not in text:
            return ""
        for k in range(9, -1, -1):
            if f"%{k + 1}" in text:
                lvl_start, lvl_fmt = levels.get(k, (1, "decimal", "", ""))[:2]
                text = text.replace(f"%{k + 1}", format_number(max(counts[k], lvl_start), lvl_fmt))
        if suffix != "nothing" and text[-1:].isascii():
            text += " "
        return text
