"""Document numbers (发文字号) in any bracket form or OCR variant, as search keys.

`济兖政发〔2021〕6号`, `济兖政发[2021]6号`, `济兖政发（2021）6 号`, `济兖政发2021-6` all parse to
code `济兖政发`, year 2021, serial 6.  The index stores `year-serial` as an exact key; a typed
number finds candidates by that key and ranks them by how alike the codes are, after mapping
OCR look-alikes (the toolkit's confusion table, `data/confusions.json`) to one character.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from ..docnumber import DocNumber, confusion_table

_OPEN = "〔[［(（【{｛<〈《"
_CLOSE = "〕]］)）】}｝>〉》"
PATTERN = re.compile(
    rf"(?P<code>[\u4e00-\u9fff]{{2,12}}?)\s*"
    rf"(?:[{re.escape(_OPEN)}]\s*(?P<y1>(?:19|20)\d\d)\s*[{re.escape(_CLOSE)}]\s*(?:第\s*)?(?P<s1>\d{{1,5}})\s*号?"
    rf"|(?P<y2>(?:19|20)\d\d)\s*[-－—–/]\s*(?P<s2>\d{{1,5}})\s*号?"
    rf"|(?P<y3>(?:19|20)\d\d)\s*年?\s*第\s*(?P<s3>\d{{1,5}})\s*号)")
MIN_SIMILARITY = 0.6


def _from_match(m: re.Match) -> DocNumber:
    year = m.group("y1") or m.group("y2") or m.group("y3")
    serial = m.group("s1") or m.group("s2") or m.group("s3")
    return DocNumber(m.group("code"), int(year), int(serial))


def parse(text: str | None) -> DocNumber | None:
    """The document number a string is (the whole string, spaces allowed), or None."""
    if not text:
        return None
    m = PATTERN.fullmatch(text.strip())
    return _from_match(m) if m else None


def find_all(text: str) -> list[tuple[DocNumber, int, int]]:
    """Document numbers inside a free-text query, with their spans."""
    return [(_from_match(m), m.start(), m.end()) for m in PATTERN.finditer(text)]


@lru_cache(maxsize=1)
def confusions() -> dict[str, str]:
    """Look-alike character → one representative of its group of look-alikes."""
    pairs = confusion_table().get("chars", {})
    parent: dict[str, str] = {}

    def root(ch: str) -> str:
        while parent.get(ch, ch) != ch:
            ch = parent[ch]
        return ch

    for wrong, rights in pairs.items():
        for right in rights:
            a, b = sorted((root(wrong), root(right)))
            parent[b] = a
    return {ch: root(ch) for ch in parent}


def fold(code: str) -> str:
    """A code with OCR look-alikes folded to one form."""
    table = confusions()
    return "".join(table.get(ch, ch) for ch in code)


def similarity(a: str, b: str) -> float:
    """How alike two issuer codes are (1.0 = the same after folding look-alikes)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 1.0
    # the series (last character: 发/字/任/令/函) must agree for a near match
    if fa[-1:] != fb[-1:]:
        return 0.0
    return SequenceMatcher(None, fa, fb).ratio()


def cite_key(dn: DocNumber) -> str:
    """The key under which documents citing `dn` are indexed (code look-alikes folded)."""
    return f"{fold(dn.code)}〔{dn.year}〕{dn.serial}"
