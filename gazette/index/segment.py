"""Chinese text for the index: words (for ranking) and character grams (for matching).

Text is NFKC-normalised and lower-cased, then split into runs: runs of Han characters,
ASCII letter/digit runs (one token each; numbers without leading zeros, so `02` and `2`
match) and symbols that carry meaning (`≥`, `%`, `℃`, `×`); punctuation and spaces are
dropped.  Two token streams come out of one pass:

* **words**: each Han run cut once by the segmenter (jieba's plain cut, no search-mode
  sub-words).  A query word found as a word ranks a document higher.
* **grams**: one token per Han character, the character and the next one of its run
  (`环翠区` → `环翠` `翠区` `区`), plus the run's first character alone at the run's first
  position.  Any string of Han characters (with the letters, digits and symbols around it)
  is then a phrase of grams, so every document containing a query string is found, whatever
  the segmenter made of it (`环翠` inside `环翠区`, `区长` across `社区 长期`).

Only Han runs reach the segmenter, so `rjieba` (the fast Rust port) and `jieba` (the
reference) give the same words; a test proves it on the samples.
"""
from __future__ import annotations

import os
import re
import unicodedata
from array import array
from collections import defaultdict
from functools import lru_cache

SEGMENTERS = ("rjieba", "jieba")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
KEEP_PUNCT = frozenset("%‰#&@")
MAX_WORD = 8  # characters of the longest word a query string's words are looked up as


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


@lru_cache(maxsize=None)
def cutter(name: str):
    """The plain cut of a segmenter: str -> list[str]."""
    if name == "rjieba":
        import rjieba

        return rjieba.cut
    if name == "jieba":
        jieba = _jieba()
        return lambda text: list(jieba.cut(text))
    raise ValueError(f"unknown segmenter {name!r}")


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


_SYMBOLS: dict[str, bool] = {}


def _symbol(ch: str) -> bool:
    known = _SYMBOLS.get(ch)
    if known is None:
        known = _SYMBOLS[ch] = ch in KEEP_PUNCT or unicodedata.category(ch)[0] == "S"
    return known


# characters common in gazettes whose NFKC form is another character (full-width forms, the
# ideographic and the no-break space): replacing them by that form first leaves the text's NFKC
# as it was, and most texts are then in NFKC already, which is quick to check
_WIDE = {c: unicodedata.normalize("NFKC", c) for c in ("\u00a0", "\u3000", *map(chr, range(0xFF01, 0xFF5F)))}
_HAS_WIDE = re.compile("[%s]" % "".join(_WIDE))


# the punctuation of Chinese and Western text that is not a token (not a symbol, `_symbol`):
# skipped by the pattern itself, so only rare characters are looked at one by one
_PUNCT = "".join(c for c in map(chr, (*range(0x21, 0x7F), *range(0xA1, 0xC0), *range(0x2010, 0x205F),
                                      *range(0x3001, 0x3040)))
                 if not (_symbol(c) or c.isalnum() or c.isspace()))
TOKEN = re.compile(rf"([{_HAN}]+)|([a-z]+|[0-9]+(?:\.[0-9]+)?)|([^\s{_HAN}a-z0-9{re.escape(_PUNCT)}])")
_positions = array("I").__copy__  # a new empty array of positions (cheaper than array("I"))


def fold(text: str) -> str:
    """NFKC and lower case: what both token streams are cut from."""
    for ch in set(_HAS_WIDE.findall(text)):
        text = text.replace(ch, _WIDE[ch])
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def fold_runs(text: str):
    """(han, alnum, symbol) runs of folded text; exactly one of the three is non-empty."""
    for han, alnum, other in TOKEN.findall(fold(text)):
        if han:
            yield han, "", ""
        elif alnum:
            yield "", (alnum.lstrip("0") or "0") if alnum.isdigit() else alnum, ""
        elif _symbol(other):
            yield "", "", other


def longest_words(runs, known) -> list[str]:
    """A query string's words as an index has them: at each point the longest word `known`
    (a predicate on the index's vocabulary) finds, else one character; `runs` from fold_runs."""
    out = []
    for han, alnum, sym in runs:
        if not han:
            out.append(alnum or sym)
            continue
        i = 0
        while i < len(han):
            for n in range(min(MAX_WORD, len(han) - i), 0, -1):
                w = han[i:i + n]
                if n == 1 or known(w):
                    out.append(w)
                    i += n
                    break
    return list(dict.fromkeys(out))


def analyse(text: str, segmenter: str | None = "rjieba") -> tuple[list[str], dict[str, array]]:
    """(words, gram positions) of a text, from one pass over it.

    words: the segmenter's words and the other tokens, in order (only the other tokens when
    `segmenter` is None).  gram positions: gram → its positions (one position per Han
    character or other token), in order, as an array of unsigned ints.
    """
    words: list[str] = []
    if not text:
        return words, {}
    grams: dict[str, array] = defaultdict(_positions)
    cut = cutter(segmenter) if segmenter else None
    pos = 0
    for han, alnum, other in TOKEN.findall(fold(text)):
        if han:
            if cut:
                words += cut(han)
            n = len(han)
            if n > 1:  # the run's first character alone (added first: positions stay in order)
                grams[han[0]].append(pos)
                for i in range(n - 1):
                    grams[han[i:i + 2]].append(pos + i)
            grams[han[-1]].append(pos + n - 1)
            pos += n
            continue
        if alnum:
            tok = (alnum.lstrip("0") or "0") if alnum.isdigit() else alnum
        elif _symbol(other):
            tok = other
        else:
            continue
        words.append(tok)
        grams[tok].append(pos)
        pos += 1
    return words, grams


def query_grams(text: str) -> list[tuple[str, int, bool]]:
    """The grams a string must have at consecutive positions to occur in a text:
    (gram, offset, prefix).  `prefix` (only for a lone Han character) means "any gram that
    starts with it".  Empty if the string has no token."""
    out: list[tuple[str, int, bool]] = []
    pos = 0
    runs = list(fold_runs(text))
    for k, (han, alnum, sym) in enumerate(runs):
        last = k == len(runs) - 1
        if not han:
            out.append((alnum or sym, pos, False))
            pos += 1
            continue
        n = len(han)
        out += [(han[i:i + 2], pos + i, False) for i in range(n - 1)]
        if n == 1 and last and not out:
            out.append((han, pos, True))     # a single character anywhere
        elif n == 1 or not last:
            # the run's last character: a run's end in the text (followed by a non-Han token),
            # or, for a one-character run at the string's end, a run's start
            out.append((han[-1], pos + n - 1, False))
        pos += n
    return out


def has_tokens(text: str) -> bool:
    """Whether a text yields any token (without running the segmenter)."""
    return any(True for _ in fold_runs(text))


def han_runs(text: str) -> list[str]:
    """The runs of Han characters in a text (what the segmenter sees)."""
    return [han for han, _, _ in fold_runs(text) if han]
