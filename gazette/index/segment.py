"""Chinese segmentation for the index: one token pipeline for indexing and querying.

Text is NFKC-normalised and lower-cased, then split into runs: runs of Han characters go to
the segmenter (search mode: long words also yield their dictionary sub-words, so `承诺` finds
`承诺制`); ASCII letter/digit runs become one token each (numbers without leading zeros, so
`02` and `2` match); symbols that carry meaning (`≥`, `%`, `℃`, `×`) are single tokens;
punctuation and spaces are dropped.  Because only Han runs reach the segmenter, `rjieba`
(the fast Rust port) and `jieba` (the reference) give the same tokens; tests prove it.
"""
from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

SEGMENTERS = ("rjieba", "jieba")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
RUN = re.compile(rf"([{_HAN}]+)|([a-z]+|[0-9]+(?:\.[0-9]+)?)|(\S)")
KEEP_PUNCT = frozenset("%‰#&@")


def default_segmenter() -> str:
    """`$GAZETTE_SEGMENTER` if set, else rjieba when installed, else jieba."""
    name = os.environ.get("GAZETTE_SEGMENTER")
    if name in SEGMENTERS:
        return name
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "jieba"
    return "rjieba"


SUB = "\x01"  # marks a sub-word: it shares the position of the word that follows it


@lru_cache(maxsize=None)
def cutters(name: str):
    """(cut, cut_for_search) of a segmenter: str -> list[str] each."""
    if name == "rjieba":
        import rjieba

        return rjieba.cut, rjieba.cut_for_search
    if name == "jieba":
        jieba = _jieba()
        return (lambda text: list(jieba.cut(text))), (lambda text: list(jieba.cut_for_search(text)))
    raise ValueError(f"unknown segmenter {name!r}")


def segment_han(run: str, segmenter: str) -> list[str]:
    """Search-mode words of a Han run; sub-words (承诺 of 承诺制) marked with SUB.

    Search mode yields, for each word of the plain cut, its dictionary sub-words and then
    the word itself; the word gets the next position, its sub-words share it.
    """
    cut, search = cutters(segmenter)
    words, found = cut(run), search(run)
    out: list[str] = []
    i = 0
    for w in words:
        while i < len(found) and found[i] != w:
            out.append(SUB + found[i])
            i += 1
        out.append(w)
        i += 1
    return out


def _jieba():
    """jieba with its dictionary cache in the user cache directory (not the system temp dir)."""
    import logging

    import jieba
    import platformdirs

    cache = platformdirs.user_cache_dir("gazette")
    os.makedirs(cache, exist_ok=True)
    jieba.dt.tmp_dir = cache
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _symbol(ch: str) -> bool:
    return ch in KEEP_PUNCT or unicodedata.category(ch)[0] == "S"


def tokens(text: str, segmenter: str = "rjieba") -> list[str]:
    """The index/query tokens of a text, in order; sub-words carry the SUB mark."""
    if not text:
        return []
    out: list[str] = []
    for han, alnum, other in RUN.findall(unicodedata.normalize("NFKC", text).lower()):
        if han:
            out.extend(segment_han(han, segmenter))
        elif alnum:
            out.append(alnum.lstrip("0") or "0" if alnum.isdigit() else alnum)
        elif _symbol(other):
            out.append(other)
    return out


PRESEGMENTED = "\x02"  # a string of tokens joined by NUL: segmented already (by a worker)


def presegmented(text: str, segmenter: str) -> str:
    """Tokens of a text packed into one string, for the analyzer to unpack without work.

    (Whoosh would index a plain list itself, bypassing our analyzer.)
    """
    return PRESEGMENTED + "\x00".join(tokens(text, segmenter))


def unpack(value: str) -> list[str] | None:
    """The tokens of a `presegmented` string, or None for ordinary text."""
    if value.startswith(PRESEGMENTED):
        return value[1:].split("\x00") if len(value) > 1 else []
    return None


def words(tokens_: list[str]) -> list[str]:
    """The positioned words of a token list (sub-words dropped): what a phrase matches."""
    return [t for t in tokens_ if not t.startswith(SUB)]


def terms(tokens_: list[str]) -> list[str]:
    """Every term of a token list, marks removed."""
    return [t.lstrip(SUB) for t in tokens_]


def has_tokens(text: str) -> bool:
    """Whether a text yields any token (without running the segmenter)."""
    for han, alnum, other in RUN.findall(unicodedata.normalize("NFKC", text).lower()):
        if han or alnum or _symbol(other):
            return True
    return False


def han_runs(text: str) -> list[str]:
    """The runs of Han characters in a text (what the segmenter sees)."""
    return [m.group(1) for m in RUN.finditer(unicodedata.normalize("NFKC", text).lower()) if m.group(1)]
