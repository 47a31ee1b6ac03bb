"""Small text helpers shared by the record rules: folding, sentence ends, splitting outside brackets."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SENTENCE_END = "。！？!?；;"
CLOSERS = "”’」』）)】]》"
OPEN_BRACKETS = "（(《〈【[「『"
CLOSE_BRACKETS = "）)》〉】]」』"
CJK = "\u4e00-\u9fff"


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def fold(text: str | None) -> str:
    """NFKC, no whitespace: the form two printings of the same words share."""
    if not text:
        return ""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def squeeze(text: str) -> str:
    """Drop whitespace between CJK characters (`总 则` → `总则`) and trim."""
    text = re.sub(rf"(?<=[{CJK}])[ \t\u3000\xa0]+(?=[{CJK}])", "", text)
    return text.strip()


def ends_sentence(text: str) -> bool:
    """Whether `text` ends a sentence (。！？；, possibly followed by closing quotes/brackets)."""
    t = text.rstrip().rstrip(CLOSERS)
    return bool(t) and t[-1] in SENTENCE_END


def split_outside(text: str, separators: str) -> list[str]:
    """Split at any of `separators` that is not inside brackets; separators are dropped."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def tight(text: str) -> str:
    """Drop whitespace next to any CJK character (`改革 10 个` → `改革10个`), as a title is cited."""
    text = re.sub(rf"[ \t\u3000\xa0]+(?=[{CJK}（）《》〈〉“”])|(?<=[{CJK}（）《》〈〉“”])[ \t\u3000\xa0]+", "", text)
    return text.strip()
