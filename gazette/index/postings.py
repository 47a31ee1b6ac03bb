"""Whole posting lists of a segment, read whole (not posting by posting).

Whoosh's matchers step through postings one call at a time, several Python calls per posting
and per level of the query tree; a query over a common string of a large index spends its
time there.  `read` decodes a term's list straight from the memory-mapped postings file into
lists, and `Segment` caches what every query needs of a segment: its deleted documents and
its field lengths.

Two list formats: gram fields (positions) are written as `gazette lists` (`MAGIC`): the
documents, each posting's end in one positions array and the positions, as machine arrays
(decoded by C copies, a posting's positions sliced out only where a query asks for them);
word and exact fields keep Whoosh's block format (pickled, zlib-compressed tuples), which
Whoosh's own matchers read for filters.
"""
from __future__ import annotations

import pickle
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from io import BytesIO
from itertools import accumulate
from operator import sub

from whoosh.formats import Positions
from whoosh.system import _INT_SIZE

MAGIC = b"GzL1"                        # a gazette list (Whoosh's lists start with b"W3Bl")
HEADER = struct.Struct("<IIcB")         # postings, positions, the positions' typecode, zlib'd
_SWAP = sys.byteorder != "little"       # arrays are stored little-endian


class PositionLists:
    """The positions of each posting of a list: posting i has `pos[ends[i-1]:ends[i]]`
    (`pos` of typecode "H" or "I")."""

    __slots__ = ("pos", "ends")

    def __init__(self, pos: array, ends: array):
        self.pos, self.ends = pos, ends

    def __len__(self) -> int:
        return len(self.ends)

    def at(self, i: int) -> array:
        return self.pos[self.ends[i - 1] if i else 0:self.ends[i]]

    @classmethod
    def of(cls, values) -> "PositionLists":
        """From one value per posting (bytes of little-endian uint32, as a term's inlined
        postings or a field format store them)."""
        pos, ends = array("I"), array("I")
        for v in values:
            pos.frombytes(v)
            ends.append(len(pos))
        if _SWAP:
            pos.byteswap()
        return cls(pos, ends)


def encode(ids, positions: PositionLists, compress: bool) -> bytes:
    """A gazette list: header, document numbers (uint32), posting ends (uint32), positions
    (uint16 where they all fit); the arrays after the header zlib'd (level 1) if `compress`.
    A posting's weight is its count of positions (a gram's frequency), so it is not stored."""
    pos = positions.pos
    code = "H" if not pos or max(pos) < 65536 else "I"
    parts = [array("I", ids), positions.ends, pos if pos.typecode == code else array(code, pos)]
    if _SWAP:
        parts = [a[:] for a in parts]
        for a in parts:
            a.byteswap()
    body = b"".join(a.tobytes() for a in parts)
    if compress:
        body = deflate(body)
    return MAGIC + HEADER.pack(len(ids), len(pos), code.encode(), 1 if compress else 0) + body


def deflate(data: bytes) -> bytes:
    """zlib level 1 with a 4 KB window and a small hash (zlib.decompress reads it as any other):
    its state is ~20 KB where the default's is ~270 KB, set up for each of a writer's hundreds of
    thousands of lists: a third less time for 3 % more bytes."""
    c = zlib.compressobj(1, zlib.DEFLATED, 12, 3)
    return c.compress(data) + c.flush()


def _array(code: str, data) -> array:
    a = array(code)
    a.frombytes(data)
    if _SWAP:
        a.byteswap()
    return a


def decode(data: bytes) -> tuple[list[int], list[float], PositionLists]:
    """(document numbers, weights, positions) of a gazette list (`data` starts at MAGIC)."""
    n, _, code, compressed = HEADER.unpack_from(data, len(MAGIC))
    body = data[len(MAGIC) + HEADER.size:]
    if compressed:
        body = zlib.decompress(body)
    ids = _array("I", body[:4 * n])
    ends = _array("I", body[4 * n:8 * n])
    starts = ends[:-1]
    starts.insert(0, 0)
    weights = list(map(float, map(sub, ends, starts)))
    return ids.tolist(), weights, PositionLists(_array(code.decode(), body[8 * n:]), ends)


def read(reader, field: str, term: str, only: list[int] | None = None) -> tuple[list[int], list[float], PositionLists | None]:
    """(document numbers, weights, values) of a term in one segment (empty if absent).

    Values are the postings' `PositionLists` (gram fields), or None for a format without
    variable-size values; deleted documents are included (see `Segment.deleted`).  With
    `only` (sorted document numbers), blocks of Whoosh's lists holding none of them are not
    decoded (their postings are left out)."""
    return read_bytes(reader, field, reader.schema[field].to_bytes(term), only)


def read_bytes(reader, field: str, btext: bytes, only: list[int] | None = None) -> tuple[list[int], list[float], PositionLists | None]:
    """`read` of a term given as bytes."""
    terms = reader._terms
    try:
        info = terms.term_info(field, btext)
    except KeyError:
        return [], [], None
    except Exception as e:  # whoosh.reading.TermNotFound
        if type(e).__name__ == "TermNotFound":
            return [], [], None
        raise
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        positional = isinstance(reader.schema[field].format, Positions)
        return list(ids), list(weights), PositionLists.of(values) if positional else None
    postfile = terms._postfile
    pos, length = info.extent()
    length = length[0] if isinstance(length, tuple) else length  # Whoosh reads it as a 1-tuple
    if postfile.get(pos, len(MAGIC)) == MAGIC:
        return decode(postfile.get(pos, length))
    end = pos + length
    pos += 4  # the postings' magic header
    ids: list[int] = []
    weights: list[float] = []
    lowest = 0  # the least document number the next block can hold
    while pos < end:
        size = abs(postfile.get_int(pos))
        block = BytesIO(postfile.get(pos + _INT_SIZE, size))
        count, last, _, comp, _, _ = pickle.load(block)  # the block's info, then its data
        pos += _INT_SIZE + size
        if only is not None:
            i = bisect_left(only, lowest)
            lowest = last + 1
            if i == len(only) or only[i] > last:
                continue
        data = block.read()
        block_ids, block_weights, _ = pickle.loads(zlib.decompress(data) if comp else data)
        ids += accumulate(block_ids)
        if block_weights is None:
            weights += [1.0] * count
        elif isinstance(block_weights, float):
            weights += [block_weights] * count
        else:
            weights += block_weights
    return ids, weights, None


from . import columns  # noqa: E402
from .schema import B, K1  # noqa: E402  (BM25's parameters, shared with the PostgreSQL engine)


class Segment:
    """What queries need of one segment, read once per searcher: deletions, field lengths."""

    def __init__(self, reader):
        self.reader = reader
        self.deleted = set(reader.segment().deleted_docs()) if reader.has_deletions() else set()
        self.count = reader.doc_count()
        self._norms: dict[str, list[float]] = {}

    def words(self, text: str) -> list[str]:
        """The words of a query string, as the index has them: the longest word of this
        segment's `text` vocabulary at each point (no segmenter to load for a query)."""
        from .segment import fold_runs, longest_words

        terms = self.reader._terms

        def has(word: str) -> bool:
            try:
                return ("text", word.encode("utf-8")) in terms
            except KeyError:  # a segment without the field
                return False

        return longest_words(fold_runs(text), has)

    def norms(self, field: str) -> list[float]:
        """BM25's length normalisation of the field in each document:
        K1 * (1 - B + B * length / average length)."""
        got = self._norms.get(field)
        if got is None:
            lengths = columns.lengths(self.reader, field)
            avg = (sum(lengths) / max(1, self.count)) or 1.0
            got = self._norms[field] = [K1 * (1 - B + B * n / avg) for n in lengths]
        return got


def segment(reader) -> Segment:
    """The cached `Segment` of a segment reader (kept on the reader: it lives as long)."""
    seg = getattr(reader, "_gazette_segment", None)
    if seg is None:
        seg = reader._gazette_segment = Segment(reader)
    return seg
