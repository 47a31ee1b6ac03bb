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
from functools import lru_cache
from typing import NamedTuple

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


class Printing(NamedTuple):
    first: int   # index of the first line
    last: int    # index of the last line (inclusive)
    key: str


def bigrams(s: str) -> set[str]:
    """The pairs of consecutive characters of `s`, what keys are indexed and compared by."""
    return {s[i:i + 2] for i in range(len(s) - 1)}


class KeyIndex:
    """Title keys looked up by similarity, with a bigram vote to skip the hopeless ones; only the
    best-voted are compared (a title has a few printings, not hundreds: those are junk alike)."""

    MAX_COMPARED = 64

    def __init__(self, keys: list[str]):
        self.keys = keys
        by_gram: dict[str, list[int]] = defaultdict(list)
        for n, k in enumerate(keys):
            for g in bigrams(k):
                by_gram[g].append(n)
        self._by_gram = dict(by_gram)
        self._common = max(64, len(keys) // 50)
        # a pair of characters that most keys share tells nothing (and costs a pass over them all)
        self._telling = frozenset(g for g, ns in by_gram.items() if len(ns) <= self._common)

    def find(self, key: str, threshold: float = 0.85, keep=lambda n: True, *,
             pairs: frozenset[str] | None = None) -> list[tuple[float, int]]:
        """(similarity, key number) of the keys alike to `key`, best first (`pairs`: the key's
        character pairs, where the caller has them)."""
        if len(key) < 4:
            return []
        grams = pairs if pairs is not None else bigrams(key)
        telling = grams & self._telling  # the pairs that vote; a pair no key holds counts all the same
        counted = len(grams) - sum(1 for g in grams - telling if g in self._by_gram)
        return self._vote(key, telling, counted, threshold, keep)

    def _keys_with(self, gram: str) -> list[int]:
        return self._by_gram[gram]

    def _vote(self, key: str, telling, counted: int, threshold: float, keep) -> list[tuple[float, int]]:
        """The keys that hold at least half of the `counted` pairs of `key` among the `telling`
        ones, compared with it."""
        need = max(2, int(counted * 0.5))
        if counted < 2 or len(telling) < need:
            return []  # no key can get the votes it needs
        votes: dict[int, int] = defaultdict(int)
        for g in telling:
            for n in self._keys_with(g):
                votes[n] += 1
        voted = sorted((n for n, v in votes.items() if v >= need and keep(n)), key=lambda n: (-votes[n], n))
        found = [(s, n) for n in voted[:self.MAX_COMPARED] if (s := similarity(key, self.keys[n])) >= threshold]
        found.sort(key=lambda sn: (-sn[0], sn[1]))
        return found


class LazyKeyIndex(KeyIndex):
    """A `KeyIndex` that finds the keys holding a pair only when a lookup asks for that pair, from
    `keys_with(pair)`: for many long keys asked about a few times (an issue's title printings)."""

    def __init__(self, keys: list[str], keys_with):
        self.keys = keys
        self._common = max(64, len(keys) // 50)
        self._found: dict[str, list[int]] = {}
        self._find_keys_with = keys_with

    def _keys_with(self, gram: str) -> list[int]:
        if gram not in self._found:
            self._found[gram] = self._find_keys_with(gram)
        return self._found[gram]

    def find(self, key: str, threshold: float = 0.85, keep=lambda n: True, *,
             pairs: frozenset[str] | None = None) -> list[tuple[float, int]]:
        if len(key) < 4:
            return []
        held = {g: len(self._keys_with(g)) for g in (pairs if pairs is not None else bigrams(key))}
        telling = [g for g, n in held.items() if 0 < n <= self._common]
        return self._vote(key, telling, sum(1 for n in held.values() if n <= self._common), threshold, keep)


def _title_part(t: str) -> str | None:
    """A stripped line's part of a printed title's key; None for a line no title is printed on."""
    if not t or len(t) > 80 or "\t" in t or SENTENCE.search(t):
        return None
    return title_key(t)


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
            parts = [_title_part(l.text.strip()) for l in self.lines]
            in_line: list[list[int]] = [[] for _ in parts]  # the printings each line is in
            across: dict[str, list[int]] = defaultdict(list)  # printings by a pair across two lines
            for i in range(self.start, len(parts)):
                if i in self.skip:
                    continue
                key, joins, taken = "", [], []
                j = i
                while j < len(parts) and len(taken) < self.MAX_LINES:
                    part = parts[j]
                    if j in self.skip:
                        j += 1
                        continue
                    if part is None:
                        break
                    if part:
                        if key:
                            joins.append(key[-1] + part[0])
                        key += part
                    taken.append(j)
                    if len(key) >= 6:
                        n = len(printings)
                        for k in taken:
                            in_line[k].append(n)
                        for g in joins:
                            across[g].append(n)
                        printings.append(Printing(i, j, key))
                    j += 1
            lines_with: dict[str, list[int]] = defaultdict(list)
            for k, part in enumerate(parts):
                for g in bigrams(part) if part else ():
                    lines_with[g].append(k)
            self._in_line, self._across, self._lines_with = in_line, across, lines_with
            self._built = (printings, LazyKeyIndex([p.key for p in printings], self._printings_with))
        return self._built

    def _printings_with(self, gram: str) -> list[int]:
        """The printings whose key holds `gram`: in one of their lines, or across two of them."""
        lines = self._lines_with.get(gram, ())
        return sorted(set(self._across.get(gram, ())).union(*(self._in_line[k] for k in lines)))

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
