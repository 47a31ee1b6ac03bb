"""Our Whoosh analyzer: the token pipeline of `segment.tokens` as a Whoosh tokenizer.

No stop list, no stemmer, one-character tokens kept (`井`, `号`, `≥` matter in gazettes).
It also accepts text segmented already (`segment.presegmented`: ingest workers segment in
parallel and hand the main process packed tokens), so index and query share one pipeline.
The class is pickled into the index schema: keep its module path and name stable.
"""
from __future__ import annotations

import marshal

from whoosh.analysis import Tokenizer
from whoosh.analysis.acore import Token
from whoosh.formats import Positions

from .segment import SUB, tokens, unpack

PACKED = "\x03"  # a field value whose posting values were computed already (by a worker)


class GazetteTokenizer(Tokenizer):
    """Chinese-aware tokenizer; `segmenter` is the one that built the index."""

    def __init__(self, segmenter: str = "rjieba"):
        self.segmenter = segmenter

    def __eq__(self, other):
        return type(other) is type(self) and other.segmenter == self.segmenter

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        words = unpack(value)
        if words is None:
            words = tokens(value, self.segmenter)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for word in words:
            if word.startswith(SUB):  # a sub-word shares the position of the next word
                word = word[1:]
            else:
                pos += 1
            t.text = word
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = word
            if positions:
                t.pos = pos
            if chars:  # offsets are not tracked; snippets are cut from the stored text
                t.startchar = t.endchar = start_char
            yield t


def GazetteAnalyzer(segmenter: str = "rjieba"):
    """The analyzer of every text field of a gazette index."""
    return GazetteTokenizer(segmenter)


class PackedPositions(Positions):
    """Positions postings that ingest workers compute; the writer only unpacks them.

    Whoosh spends a quarter of its indexing time turning tokens into posting values; doing
    that in the worker processes leaves the single writer the part only it can do.
    """

    def word_values(self, value, analyzer, **kwargs):
        if isinstance(value, str) and value.startswith(PACKED):
            return marshal.loads(value[1:].encode("latin-1"))
        return super().word_values(value, analyzer, **kwargs)


def packed(text: str, segmenter: str) -> str:
    """A text field value with its postings computed: (term, freq, weight, positions) packed.

    The same values as `Positions().word_values(text, GazetteTokenizer(segmenter))` (a test
    checks it), computed without Whoosh's per-token objects.  Empty text gives "" (the record
    leaves the field out)."""
    if not text:
        return ""
    return PACKED + marshal.dumps(posting_values(tokens(text, segmenter))).decode("latin-1")


def posting_values(words: list[str]) -> list[tuple[str, int, float, bytes]]:
    """(term, frequency, weight, encoded positions) per distinct term, in first-seen order."""
    poses: dict[str, list[int]] = {}
    pos = 0
    for word in words:
        if word.startswith(SUB):
            word = word[1:]
        else:
            pos += 1
        poses.setdefault(word, []).append(pos)
    encode = _POSITIONS.encode
    return [(w, len(p), float(len(p)), encode(p)) for w, p in poses.items()]


_POSITIONS = Positions()
