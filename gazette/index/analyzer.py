"""Whoosh's side of `segment`: posting formats for word fields and gram fields.

Ingest workers compute every text field's posting values themselves (`packed`) and hand the
writer a packed string, which our formats unpack without per-token work in the one writing
process.  Gram positions are stored as a plain array of 32-bit integers (Whoosh's own
positions are pickled deltas), so a substring check decodes them in C.  The classes are
pickled into the index schema: keep their module path and names stable.
"""
from __future__ import annotations

import marshal
from array import array
from collections import Counter
from struct import Struct

from whoosh.analysis import Tokenizer
from whoosh.analysis.acore import Token
from whoosh.formats import Frequency, Positions

from .segment import analyse

PACKED = "\x03"  # a field value whose posting values were computed already (by a worker)
WORDS, GRAMS = "words", "grams"
_UINT = Struct(">I")
LITTLE = array("I", [1]).tobytes()[0] == 1


class GazetteTokenizer(Tokenizer):
    """The words or the grams of `segment.analyse` as Whoosh tokens (only used when a value
    reaches Whoosh unpacked)."""

    def __init__(self, kind: str = WORDS, segmenter: str = "rjieba"):
        self.kind, self.segmenter = kind, segmenter

    def __eq__(self, other):
        return type(other) is type(self) and (other.kind, other.segmenter) == (self.kind, self.segmenter)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        words, grams = analyse(value, self.segmenter)
        if self.kind == GRAMS:
            seq = sorted((p, g) for g, ps in grams.items() for p in ps)
        else:
            seq = list(enumerate(words))
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in seq:
            t.text, t.boost, t.stopped = text, 1.0, False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = t.endchar = start_char
            yield t


def unpack(value) -> list[tuple] | None:
    """The posting values of a packed field value (terms as UTF-8 bytes), else None."""
    if isinstance(value, str) and value.startswith(PACKED):
        return marshal.loads(value[1:].encode("latin-1"))
    return None


def _as_text(values: list[tuple]) -> list[tuple]:
    """Posting values with the terms as str (what Whoosh's own writer expects)."""
    return [(t.decode("utf-8"), f, w, v) for t, f, w, v in values]


class WordFrequencies(Frequency):
    """Frequencies of words; a packed value is unpacked as it is."""

    def word_values(self, value, analyzer, **kwargs):
        values = unpack(value)
        if values is not None:
            return _as_text(values)
        return super().word_values(value, analyzer, **kwargs)


class GramPositions(Positions):
    """Positions of grams, stored as an array of uint32 (decoded without Python loops)."""

    def word_values(self, value, analyzer, **kwargs):
        values = unpack(value)
        return _as_text(values if values is not None else gram_values(analyse(value, analyzer.segmenter)[1]))

    def encode(self, poslist):
        return encode_positions(poslist)

    def decode_positions(self, valuestring):
        return decode_positions(valuestring)

    def decode_frequency(self, valuestring):
        return len(valuestring) // 4

    def decode_weight(self, valuestring):
        return (len(valuestring) // 4) * self.field_boost

    def combine(self, vs):
        return encode_positions(sorted({p for v in vs for p in decode_positions(v)}))


def encode_positions(poslist) -> bytes:
    a = array("I", poslist)
    if not LITTLE:
        a.byteswap()
    return a.tobytes()


def decode_positions(value: bytes) -> array:
    a = array("I")
    a.frombytes(value)
    if not LITTLE:
        a.byteswap()
    return a


def word_values(words: list[str]) -> list[tuple]:
    """(word, frequency, weight, value) per distinct word: what `WordFrequencies` stores."""
    counts = Counter(words)
    freqs = list(counts.values())
    return list(zip(map(str.encode, counts), freqs, map(float, freqs), map(_UINT.pack, freqs)))


def gram_values(grams: dict[str, array]) -> list[tuple]:
    """(gram, frequency, weight, positions) per gram: what `GramPositions` stores."""
    freqs = list(map(len, grams.values()))
    positions = map(array.tobytes if LITTLE else encode_positions, grams.values())
    return list(zip(map(str.encode, grams), freqs, map(float, freqs), positions))


def pack(values: list[tuple]) -> str:
    """A field value carrying its posting values ("" when there are none)."""
    return PACKED + marshal.dumps(values).decode("latin-1") if values else ""


def packed_fields(text: str, segmenter: str) -> tuple[str, str]:
    """(words value, grams value) of one text, from one segmenter pass."""
    words, grams = analyse(text, segmenter)
    return pack(word_values(words)), pack(gram_values(grams))


def packed_grams(text: str) -> str:
    """The grams value of a text (a field that only matches, never ranks by words)."""
    return pack(gram_values(analyse(text, None)[1])) if text else ""
