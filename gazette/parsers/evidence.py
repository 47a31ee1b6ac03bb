"""Evidence an issue holds about itself: where a title printed in one place is printed again.

A gazette names each document twice: in the table of contents and over the document.  The
`TitleIndex` holds every line that could be (part of) a printed title — one line, or two or three
short lines read together, since titles are printed over several lines — so that a TOC entry can
ask "is this title printed again later, and where?", whatever the TOC's format.
"""
from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .. import docnumber
from ..lineclass import ORG_END
from ..model import Line

SENTENCE = re.compile(r"[。；;！!？?]")
# what decorates a title where it is listed or headed: bullets, tags, book-title marks, numbers
_DECOR = re.compile(r"^[\s•·●◆■□▪▶►\-*]+|^【[^】]{1,10}】|[《》〈〉\s]")
_BRACKETS = re.compile(r"[（(【〔\[［]\s*[)）】〕\]］]")  # brackets a number was taken out of
_DATED = re.compile(r"[（(]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*[)）]$")   # a portal's date after a title


def without_numbers(text: str) -> str:
    """The text without its document numbers and the brackets that held them; an order number
    after a title goes, an order heading keeps its name (`国务院令（第706号）` → `国务院令`)."""
    if "号" not in text:
        return _BRACKETS.sub("", text)
    t = docnumber.DOC_NUMBER_RE.sub("", text)
    t = docnumber.ORDER_RE.sub(lambda m: m["code"] if not text[:m.start()].strip() else "", t)
    offset = max(0, len(t) - 40)
    tail = docnumber.SERIAL_TAIL.search(t, offset)  # anchored at the end: look only there
    if tail and tail.start() > 0:
        t = t[:tail.start()]
    return _BRACKETS.sub("", re.sub(r"(?<=令)\s*[)）]", "", t))


MAX_TITLE = 300  # characters: what is longer is no title, and is keyed by its start


@lru_cache(maxsize=8192)
def title_key(text: str) -> str:
    """A title as two printings of it share it: no spaces, decorations, numbers."""
    return _DECOR.sub("", _DATED.sub("", without_numbers(text[:MAX_TITLE])))


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """How alike two title keys are: 1.0 for equal, an ending shared by both (one names its issuer,
    the other does not) counts as equal when at least 8 characters long."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if long_.endswith(short) and len(short) >= 8 and _issuer_like(long_[:-len(short)]):
        return 0.98
    if abs(len(a) - len(b)) > max(3, max(len(a), len(b)) // 10):
        return 0.0  # '关于印发X的通知' is not 'X', however long X is
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _issuer_like(prefix: str) -> bool:
    """What one printing of a title may have before the other: the issuer's name."""
    name = re.sub(r"关于?$", "", prefix)  # a TOC may lose the first characters of 关于
    return len(prefix) <= 40 and not re.search(r"[\d，。：:]", prefix) and bool(ORG_END.search(name))


@dataclass(frozen=True)
class Printing:
    first: int   # index of the first line
    last: int    # index of the last line (inclusive)
    key: str


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


class KeyIndex:
    """Title keys looked up by similarity, with a bigram vote to skip the hopeless ones; only the
    best-voted are compared (a title has a few printings, not hundreds: those are junk alike)."""

    MAX_COMPARED = 64

    def __init__(self, keys: list[str]):
        self.keys = keys
        self._by_gram: dict[str, list[int]] = defaultdict(list)
        for n, k in enumerate(keys):
            for g in _bigrams(k):
                self._by_gram[g].append(n)

    def find(self, key: str, threshold: float = 0.85, keep=lambda n: True) -> list[tuple[float, int]]:
        """(similarity, key number) of the keys alike to `key`, best first."""
        if len(key) < 4:
            return []
        # a pair of characters that most keys share tells nothing (and costs a pass over them all)
        common = max(64, len(self.keys) // 50)
        grams = [g for g in _bigrams(key) if len(self._by_gram.get(g, ())) <= common]
        if len(grams) < 2:
            return []
        votes: dict[int, int] = defaultdict(int)
        for g in grams:
            for n in self._by_gram.get(g, ()):
                votes[n] += 1
        need = max(2, int(len(grams) * 0.5))
        voted = sorted((n for n, v in votes.items() if v >= need and keep(n)), key=lambda n: (-votes[n], n))
        found = [(s, n) for n in voted[:self.MAX_COMPARED] if (s := similarity(key, self.keys[n])) >= threshold]
        found.sort(key=lambda sn: (-sn[0], sn[1]))
        return found


class TitleIndex:
    """Title-shaped printings (one to three consecutive lines) of a list of lines, indexed when
    first asked (a text without a TOC never asks)."""

    MAX_LINES = 3

    def __init__(self, lines: list[Line], start: int = 0, skip: frozenset[int] = frozenset()):
        self.lines, self.start, self.skip = lines, start, skip  # skip: running headers a title may run across
        self._built: tuple[list[Printing], KeyIndex] | None = None

    @property
    def printings(self) -> list[Printing]:
        return self._index()[0]

    def _index(self) -> tuple[list[Printing], KeyIndex]:
        if self._built is None:
            printings: list[Printing] = []
            texts = [l.text.strip() for l in self.lines]
            for i in range(self.start, len(texts)):
                if i in self.skip:
                    continue
                key, taken, j = "", 0, i
                while j < len(texts) and taken < self.MAX_LINES:
                    t = texts[j]
                    if j in self.skip:
                        j += 1
                        continue
                    if not t or len(t) > 80 or "\t" in t or SENTENCE.search(t):
                        break
                    key += title_key(t)
                    taken += 1
                    if len(key) >= 6:
                        printings.append(Printing(i, j, key))
                    j += 1
            self._built = (printings, KeyIndex([p.key for p in printings]))
        return self._built

    def find(self, key: str, *, after: int = -1, before: int | None = None,
             threshold: float = 0.85) -> list[tuple[float, Printing]]:
        """Printings of `key` (similarity ≥ threshold) that begin after line index `after` (and
        before `before`), best first, then earliest."""
        printings, keys = self._index()

        def keep(n: int) -> bool:
            p = printings[n]
            return p.first > after and (before is None or p.first < before)

        found = [(s, printings[n]) for s, n in keys.find(key, threshold, keep)]
        found.sort(key=lambda sp: (-sp[0], sp[1].first, sp[1].last))
        return found

    def best(self, key: str, **kw) -> tuple[float, Printing] | None:
        found = self.find(key, **kw)
        return found[0] if found else None
