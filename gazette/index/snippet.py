"""Snippets: a short window of a document's stored text around the first matched words.

Cheaper than Whoosh's highlighter (no re-analysis of the whole text): find the query's
strings (as typed and NFKC-folded) in the lower-cased text by plain string search, cut a
window around the earliest one, and report where each matched string sits in the snippet,
so a renderer can highlight it.
"""
from __future__ import annotations

import re
import unicodedata

WIDTH = 90
_SPACE = re.compile(r"\s+")


def make(text: str, needles: list[str], width: int = WIDTH) -> tuple[str, list[list[int]]]:
    """(snippet, marks): marks are [start, end) offsets of matched words in the snippet.
    Only a window around the first match is tidied: a body can be long."""
    text = text or ""
    folded = text.lower()  # the same length as text (NFKC of a long body is too slow here)
    if len(folded) != len(text):
        folded = text
    wanted = _needles(needles)
    found = [i for i in (folded.find(n) for n in wanted) if i >= 0]
    first = min(found) if found else 0
    lo, hi = max(0, first - width), first + 2 * width
    window = _SPACE.sub(" ", text[lo:hi])
    before = _SPACE.sub(" ", text[lo:first])
    if lo == 0:
        window, before = window.lstrip(), before.lstrip()
    if not window.strip():
        return "", []
    start = max(0, len(before) - width // 4)
    end = min(len(window), start + width)
    piece = window[start:end]
    lowered = piece.lower()
    marks = _marks(lowered if len(lowered) == len(piece) else piece, wanted) if found else []
    prefix = "…" if start > 0 or lo > 0 else ""
    suffix = "…" if end < len(window.rstrip()) or hi < len(text.rstrip()) else ""
    piece = piece.rstrip() if not suffix else piece
    shift = len(prefix)
    return prefix + piece + suffix, [[a + shift, b + shift] for a, b in marks]


def _needles(needles: list[str]) -> list[str]:
    """Distinct search strings, longest first (a whole phrase before its words)."""
    seen = {form for n in needles for form in (n.lower().strip(), unicodedata.normalize("NFKC", n).lower().strip())}
    return sorted((n for n in seen if n), key=len, reverse=True)


def _marks(window: str, needles: list[str]) -> list[list[int]]:
    taken: list[list[int]] = []
    for n in needles:
        i = window.find(n)
        while i >= 0:
            if not any(a < i + len(n) and i < b for a, b in taken):
                taken.append([i, i + len(n)])
            i = window.find(n, i + len(n))
    return sorted(taken)
