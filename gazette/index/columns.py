"""Whole columns of a segment, read in bulk (not a Python call per document).

Ranking and collapsing need a sortable field's value for every document (ties in source
order, one copy per document, dates, facets) and BM25 needs every document's field length;
Whoosh reads them a document at a time through its column readers.  These read the column's
bytes from the mapped segment file at once and cut them up in a comprehension.  Columns of a
type not known here fall back to Whoosh's reader.
"""
from __future__ import annotations

from itertools import accumulate

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.util.numeric import byte_to_length

_LENGTH = [byte_to_length(b) for b in range(256)]  # a length byte → the length it stands for


def raw_values(reader, field: str) -> list:
    """The column's stored value of every document of the segment (b"" or the column's
    default where a document has none)."""
    n = reader.doc_count_all()
    cr = reader.column_reader(field, translate=False)
    if isinstance(cr, VarBytesColumn.Reader):
        lengths = cr._lengths
        blob = cr._dbfile.get(cr._basepos, sum(lengths))
        starts = accumulate(lengths, initial=0)
        values = [blob[s:s + k] for s, k in zip(starts, lengths)]
    elif isinstance(cr, NumericColumn.Reader):
        values = cr._dbfile.get_array(cr._basepos, cr._typecode, cr._count).tolist()
        values += [cr._default] * (n - len(values))
    else:
        values = list(cr)
    return values


def lengths(reader, field: str) -> list[int]:
    """The length of the field in every document of the segment (0 where it has none),
    as Whoosh's `doc_field_length` gives it."""
    n = reader.doc_count_all()
    perdoc = reader._perdoc
    cr = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if cr is None:
        return [0] * n
    raw = cr._dbfile.get(cr._basepos, cr._count)
    return [_LENGTH[b] for b in raw] + [0] * (n - len(raw))
