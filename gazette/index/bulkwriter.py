"""Whoosh's segment writer, with postings kept and written a posting list at a time.

Whoosh's own writer handles every posting several times in Python (a tuple into a sorting
pool that spills to disk, a call per posting to the postings writer, a lookup of the
document's field length per posting for block statistics); that cost ~20 µs a posting,
and a document has thousands.  This writer keeps each term's postings in arrays as they
come, and at the flush writes each posting list whole: gram positions as a gazette list
(`postings.encode`: arrays, one zlib call), other fields in Whoosh's own block format (so
Whoosh's matchers read them for filters).  A merge reads the joined segments' posting lists
whole (`postings.read_bytes`), a term at a time.

Memory: the postings of one uncommitted batch (ingest commits every `BATCH_DOCUMENTS`); a
merge streams the merged segments' posting lists a term at a time into the new segment, so
memory does not grow with the index.
"""
from __future__ import annotations

import heapq
import itertools
import pickle
from array import array

from whoosh import writing
from whoosh.formats import Frequency, Positions
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3TermInfo
from whoosh.system import pack_uint, pack_ushort

from . import postings
from .analyzer import encode_positions, unpack

BLOCK = 512                 # postings per block (Whoosh's default is 128)
COMPRESSION = 1             # zlib level of a block (Whoosh's default is 3) …
COMPRESS_FROM = 16          # … of 16 postings or more (smaller ones gain little)
INLINE = 2                  # posting lists shorter than this are kept in the term index
MAX_MERGE_DOCS = 1000       # a merge joins segments holding at most this many documents (its time and the
                            # writer's peak memory grow with it: 2000 made the peak grow x1.25 from 20 to 80 MB)
MAX_SEGMENTS = 8            # beyond this many segments, the smallest are merged


class GazetteCodec(W3Codec):
    """Whoosh's codec, written in bulk; no per-posting length statistics (our queries do
    not skip blocks by quality)."""

    length_stats = False

    def __init__(self):
        super().__init__(blocklimit=BLOCK, compression=COMPRESSION, inlinelimit=INLINE)

    def field_writer(self, storage, segment):
        return BulkFieldWriter(self, storage, segment)


class BulkFieldWriter(W3FieldWriter):
    def add_list(self, btext: bytes, ids, weights, values, kind: str) -> None:
        """Write one term's whole posting list (ids ascending): a gazette list for positions
        (`values`: `postings.PositionLists`), Whoosh's blocks otherwise, with a posting's
        frequency packed ("freq") or nothing ("none")."""
        info = W3TermInfo()
        info._weight = float(sum(weights))
        info._df = n = len(ids)
        info._minlength, info._maxlength = None, 0
        info._maxweight = max(weights)
        info._minid, info._maxid = ids[0], ids[-1]
        key = pack_ushort(self._fieldid) + btext
        if n < INLINE:  # as Whoosh inlines: (ids, weights, values) in the term's entry
            vs = [pack_uint(int(w)) for w in weights] if kind == "freq" else \
                [encode_positions(values.at(i)) for i in range(n)] if kind == "positions" else [b""] * n
            info.set_inlined(list(ids), list(weights), vs)
            self._tindex.add(key, info.to_bytes())
            return
        post = self._postfile
        start = post.tell()
        if kind == "positions":
            post.write(postings.encode(ids, values, compress=n >= COMPRESS_FROM))
        else:
            self._write_blocks(ids, weights, kind)
        info.set_extent(start, post.tell() - start)
        self._tindex.add(key, info.to_bytes())

    def _write_blocks(self, ids, weights, kind: str) -> None:
        """Whoosh's block format (which Whoosh's matchers read, for filters)."""
        post, n = self._postfile, len(ids)
        post.write(WHOOSH3_HEADER_MAGIC)
        for a in range(0, n, BLOCK):
            b = min(n, a + BLOCK)
            block_ids = ids[a:b]
            deltas = tuple([block_ids[0], *(y - x for x, y in zip(block_ids, block_ids[1:]))])
            ws = weights[a:b]
            lo, hi = min(ws), max(ws)
            mini_w = None if lo == hi == 1.0 else lo if lo == hi else tuple(ws)
            mini_v = b"".join([pack_uint(int(w)) for w in ws]) if kind == "freq" else None
            data = pickle.dumps((deltas, mini_w, mini_v), 2)
            comp = COMPRESSION if b - a >= COMPRESS_FROM else 0
            if comp:
                data = postings.deflate(data)
            infobytes = pickle.dumps((b - a, block_ids[-1], hi, comp, 0, 0), 2)
            size = len(infobytes) + len(data)
            post.write_int(-size if b == n else size)
            post.write(infobytes)
            post.write(data)


class Joined:
    """Position lists joined one after another (posting lists of a merge)."""

    def __init__(self):
        self.pos, self.ends = array("I"), array("I")

    def add(self, lists: "postings.PositionLists", keep: list[int] | None = None) -> None:
        src = lists.pos if lists.pos.typecode == "I" else array("I", lists.pos)
        if keep is None:
            base = len(self.pos)
            self.pos += src
            self.ends.extend([base + e for e in lists.ends])
            return
        ends = lists.ends
        for j in keep:
            self.pos += src[ends[j - 1] if j else 0:ends[j]]
            self.ends.append(len(self.pos))

    def lists(self) -> "postings.PositionLists":
        return postings.PositionLists(self.pos, self.ends)


def value_kind(field) -> str:
    """How a field's posting values are kept: positions (a gazette list: `postings.encode`),
    a frequency (rebuilt from the weight, as Whoosh's Frequency format stores it) or none."""
    fmt = field.format
    if fmt.field_boost != 1.0:
        raise TypeError(f"a field boost of {fmt.field_boost} is not kept in the posting lists")
    if isinstance(fmt, Positions):
        return "positions"
    if isinstance(fmt, Frequency) and type(fmt).decode_frequency is Frequency.decode_frequency:
        return "freq"
    if fmt.fixed_value_size() != 0:
        raise TypeError(f"posting values of {type(fmt).__name__} are not kept")
    return "none"


class TermLists:
    """field → term bytes → [ids, weights, positions, ends] of postings not yet written:
    arrays and one bytearray per term, not an object per posting (posting i's positions are
    the uint32 items ends[i-1]:ends[i] of the bytearray)."""

    def __init__(self):
        self.fields: dict[str, dict[bytes, list]] = {}

    def cleanup(self) -> None:
        self.fields = {}


class BulkWriter(writing.SegmentWriter):
    """A Whoosh `SegmentWriter` whose postings go through `TermLists`."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, codec=GazetteCodec(), **kwargs)
        self.pool = TermLists()
        self._merging: list[tuple] = []  # (reader, first document number, docmap) of merged segments

    def add_document(self, **fields):
        self._check_state()
        pdw = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool.fields
        pdw.start_doc(docnum)
        try:
            for fieldname in sorted(n for n in fields if not n.startswith("_")):
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    terms = pool.setdefault(fieldname, {})
                    keep = value_kind(field) == "positions"
                    values = unpack(value)
                    for btext, freq, weight, vbytes in (field.index(value) if values is None else values):
                        length += freq
                        entry = terms.get(btext)
                        if entry is None:
                            terms[btext] = entry = [array("I"), array("f"), bytearray(), array("I")]
                        entry[0].append(docnum)
                        entry[1].append(weight)
                        if keep:
                            vals = entry[2]
                            vals += vbytes
                            entry[3].append(len(vals) >> 2)
                stored = fields.get("_stored_" + fieldname, value)
                pdw.add_field(fieldname, field, stored if field.stored else None,
                              length if field.scorable else 0)
                if field.column_type and stored is not None:
                    pdw.add_column_value(fieldname, field.column_type, field.to_column_value(stored))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    def add_postings_to_pool(self, reader, startdoc, docmap):
        """Merging a segment in: its posting lists are read at the flush, a term at a time,
        straight into the new segment (never all in memory)."""
        self._merging.append((reader, startdoc, docmap))

    def _flush_segment(self):
        self.perdocwriter.close()
        fw = self.fieldwriter
        fields = set(self.pool.fields)
        for reader, _, _ in self._merging:
            fields.update(f for f in reader.indexed_field_names() if f in self.schema)
        for fieldname in sorted(fields):
            field = self.schema[fieldname]
            kind = value_kind(field)
            fw.start_field(fieldname, field)
            for btext, ids, weights, values in self._term_lists(fieldname, kind):
                fw.add_list(btext, ids, weights, values, kind)
            fw.finish_field()
        fw.close()
        self._close_merged()
        self.pool.cleanup()

    def _term_lists(self, fieldname: str, kind: str):
        """(term, ids, weights, positions) of a field in term order: this batch's postings,
        then those of each merged segment (their documents come after the batch's),
        renumbered, without deleted documents."""
        pool = self.pool.fields.get(fieldname, {})
        sources = [iter(sorted(pool))]
        for reader, _, _ in self._merging:
            sources.append(iter(reader.lexicon(fieldname)) if fieldname in reader.indexed_field_names() else iter(()))
        tagged = [zip(src, itertools.repeat(i)) for i, src in enumerate(sources)]
        merged = heapq.merge(*tagged)
        for btext, group in itertools.groupby(merged, key=lambda ti: ti[0]):
            ids, weights = array("I"), []
            joined = Joined() if kind == "positions" else None
            for _, i in group:
                if i == 0:
                    p_ids, p_weights, p_pos, p_ends = pool[btext]
                    ids += p_ids
                    weights += p_weights
                    if joined is not None:
                        joined.add(postings.PositionLists(postings._array("I", p_pos), p_ends))
                    continue
                reader, startdoc, docmap = self._merging[i - 1]
                r_ids, r_weights, r_pos = postings.read_bytes(reader, fieldname, btext)
                if docmap is not None:  # a segment with deletions: only its live documents
                    keep = [j for j, d in enumerate(r_ids) if d in docmap]
                    ids.extend([docmap[r_ids[j]] for j in keep])
                    weights += [r_weights[j] for j in keep]
                    if joined is not None:
                        joined.add(r_pos, keep)
                else:
                    ids.extend([startdoc + d for d in r_ids])
                    weights += r_weights
                    if joined is not None:
                        joined.add(r_pos)
            if ids:
                yield btext, ids, weights, joined.lists() if joined is not None else None

    def _close_merged(self) -> None:
        for reader, _, _ in self._merging:
            reader.close()
        self._merging = []

    def _close_segment(self):
        super()._close_segment()
        self._close_merged()


def merge_policy(writer, segments):
    """Keep at most `MAX_SEGMENTS` segments (counting the one this commit writes) by
    merging the smallest into it, but never more than `MAX_MERGE_DOCS` documents at once:
    segments that big stay as they are (a merge rewrites what it joins)."""
    from whoosh.reading import SegmentReader

    merge, docs = [], writer.doc_count()
    for seg in sorted(segments, key=lambda s: s.doc_count_all()):
        if len(segments) - len(merge) + 1 <= MAX_SEGMENTS or docs + seg.doc_count_all() > MAX_MERGE_DOCS:
            break
        merge.append(seg)
        docs += seg.doc_count_all()
    for seg in merge:  # the writer reads them at its flush, and closes them
        writer.add_reader(SegmentReader(writer.storage, writer.schema, seg))
    return [s for s in segments if s not in merge]


def writer(ix, timeout: float, delay: float) -> BulkWriter:
    """A bulk writer on the index (Whoosh's lock: LockError after `timeout`)."""
    return BulkWriter(ix, timeout=timeout, delay=delay)
