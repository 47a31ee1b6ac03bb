"""Whole posting lists of a segment, read block by block (not posting by posting).

Whoosh's matchers step through postings one call at a time, several Python calls per posting
and per level of the query tree; a query over a common string of a large index spends its
time there.  `read` decodes a term's blocks straight from the memory-mapped postings file
(Whoosh's own block format: pickled, zlib-compressed tuples) into lists, and `Segment`
caches what every query needs of a segment: its deleted documents and its field lengths.
"""
from __future__ import annotations

import pickle
import zlib
from bisect import bisect_left
from io import BytesIO
from itertools import accumulate

from whoosh.system import _INT_SIZE


def read(reader, field: str, term: str, only: list[int] | None = None) -> tuple[list[int], list[float], tuple | None]:
    """(document numbers, weights, values) of a term in one segment (empty if absent).

    Values are the raw posting values (gram positions), or None for a format without
    variable-size values; deleted documents are included (see `Segment.deleted`).  With
    `only` (sorted document numbers), blocks holding none of them are not decoded (their
    postings are left out)."""
    return read_bytes(reader, field, reader.schema[field].to_bytes(term), only)


def read_bytes(reader, field: str, btext: bytes, only: list[int] | None = None) -> tuple[list[int], list[float], tuple | None]:
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
        return list(ids), list(weights), tuple(values) if values else None
    postfile = terms._postfile
    pos, length = info.extent()
    end = pos + (length[0] if isinstance(length, tuple) else length)  # Whoosh reads it as a 1-tuple
    pos += 4  # the postings' magic header
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    fixed = None
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
        block_ids, block_weights, block_values = pickle.loads(zlib.decompress(data) if comp else data)
        ids += accumulate(block_ids)
        if block_weights is None:
            weights += [1.0] * count
        elif isinstance(block_weights, float):
            weights += [block_weights] * count
        else:
            weights += block_weights
        if isinstance(block_values, tuple):
            values += block_values
        elif block_values:
            fixed = True
    return ids, weights, (tuple(values) if values and not fixed else None)


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
            r = self.reader
            dfl = r.doc_field_length
            lengths = [dfl(d, field, 0) or 0 for d in range(r.doc_count_all())]
            avg = (sum(lengths) / max(1, self.count)) or 1.0
            got = self._norms[field] = [K1 * (1 - B + B * n / avg) for n in lengths]
        return got


def segment(reader) -> Segment:
    """The cached `Segment` of a segment reader (kept on the reader: it lives as long)."""
    seg = getattr(reader, "_gazette_segment", None)
    if seg is None:
        seg = reader._gazette_segment = Segment(reader)
    return seg
