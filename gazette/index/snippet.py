"""Snippets: a short window of a document's stored text around the first matched words.

Cheaper than Whoosh's highlighter (no re-analysis of the whole text): find the query's
words (as typed and NFKC-folded) in the lower-cased text by plain string search, cut a window around the earliest one, and
report where each matched word sits in the snippet, so a renderer can highlight it.
"""
from __future__ import annotations

import re
import unicodedata

WIDTH = 90
_SPACE = re.compile(r"\s+")


def make(text: str, needles: list[str], width: int = WIDTH) -> tuple[str, list[list[int]]]:
    """(snippet, marks): marks are [start, end) offsets of matched words in the snippet."""
    text = _SPACE.sub(" ", text or "").strip()
    if not text:
        return "", []
    folded = text.lower()  # the same length as text (NFKC of a long body is too slow here)
    if len(folded) != len(text):
        folded = text
    found = [(folded.find(n), n) for n in _needles(needles)]
    found = [(i, n) for i, n in found if i >= 0]
    if not found:
        return text[:width] + ("…" if len(text) > width else ""), []
    first = min(i for i, _ in found)
    start = max(0, first - width // 4)
    end = min(len(text), start + width)
    piece = text[start:end]
    marks = _marks(folded[start:end], [n for _, n in found])
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
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
