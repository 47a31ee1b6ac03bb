"""Opening the Whoosh index, and reading what it stores (issues, documents, stats)."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from ..errors import IndexProblem, UsageError
from . import location
from .mapped import MappedFile
from .schema import build_schema, unpack

INDEX_NAME = "gazette"


def open_index(index_dir=None):
    """An existing index (Whoosh `Index`) and its manifest."""
    from whoosh import index

    path, manifest = location.existing(index_dir)
    _map_without_copying()
    try:
        if not index.exists_in(str(path), indexname=INDEX_NAME):
            raise IndexProblem("the index is empty (nothing ingested yet)", path=str(path),
                               hint="run `gazette ingest FILES` first")
        return index.open_dir(str(path), indexname=INDEX_NAME), manifest
    except IndexProblem:
        raise
    except Exception as e:  # a damaged index: say so, do not crash
        raise IndexProblem(f"the index cannot be opened ({type(e).__name__}: {e})", path=str(path),
                           hint="remove the directory and ingest again") from None


def create_or_open(index_dir=None):
    """The index for writing, created on first use; returns (index, path, manifest)."""
    from whoosh import index

    path, manifest, _ = location.prepare(index_dir)
    if index.exists_in(str(path), indexname=INDEX_NAME):
        ix, manifest = open_index(path)
        return ix, path, manifest
    return index.create_in(str(path), build_schema(manifest["segmenter"]), indexname=INDEX_NAME), path, manifest


_OPEN: dict[str, "Searcher"] = {}  # index directory → the searcher this process reads it with


class Searcher:
    """The one Whoosh searcher of an index in this process, refreshed when a writer has
    committed since; `columns(field)` are whole sortable columns, read once per version."""

    def __init__(self, ix, manifest):
        self.ix, self.manifest = ix, manifest
        self.s = ix.searcher()
        self._columns: dict[str, list] = {}

    def refreshed(self, manifest) -> "Searcher":
        if manifest.get("created") != self.manifest.get("created"):  # a new index at this path
            self.s.close()
            return Searcher(open_index(self.ix.storage.folder)[0], manifest)
        if not self.s.up_to_date():  # (not Whoosh's refresh(): it keeps merged-away segments)
            self.s.close()
            self.s = self.ix.searcher()
            self._columns = {}
        return self

    def source_order(self) -> list[int]:
        """Each document's rank in (path, seq) order: how ties are broken."""
        order = self._columns.get("_order")
        if order is None:
            paths, seqs = self.columns("path"), self.columns("seq")
            ranked = sorted(range(len(paths)), key=lambda d: (paths[d] or "", seqs[d] or 0))
            order = [0] * len(paths)
            for rank, d in enumerate(ranked):
                order[d] = rank
            self._columns["_order"] = order
        return order

    def columns(self, field: str) -> list:
        """The value of a sortable field for every document number (None where absent).
        Dates are Whoosh's sortable integers (in date order)."""
        col = self._columns.get(field)
        if col is None:
            col = []
            raw = field == "date"  # Whoosh cannot turn the column's "no date" back into a date
            for leaf, offset in self.s.leaf_searchers():
                reader = leaf.reader()
                col += [None] * (offset - len(col))
                if reader.has_column(field):
                    cr = reader.column_reader(field, translate=not raw)
                    missing = reader.schema[field].column_type.default_value() if raw else ""
                    col += [None if v in (b"", missing) else v for v in cr]
                else:
                    col += [None] * reader.doc_count_all()
            self._columns[field] = col
        return col


@contextmanager
def searcher(index_dir=None):
    """The process's searcher over an index, up to date (a `Searcher`: Whoosh's is `.s`)."""
    path, manifest = location.existing(index_dir)
    key = str(path.resolve())
    current = _OPEN.get(key)
    if current is None:
        current = Searcher(open_index(path)[0], manifest)
    else:
        try:
            current = current.refreshed(manifest)
        except Exception as e:  # the index went away or was damaged under us
            _OPEN.pop(key, None)
            raise IndexProblem(f"the index cannot be read ({type(e).__name__}: {e})", path=str(path),
                               hint="remove the directory and ingest again") from None
    _OPEN[key] = current
    yield current


def _map_without_copying() -> None:
    """Read Whoosh's compound segment files straight from the memory map.

    Whoosh maps a segment's file, then wraps each part of it in `BytesIO(memoryview)`, which
    copies the part: every open copied the whole postings and term files (tens of MB).
    """
    from whoosh.filedb import compound

    if compound.BufferFile is not MappedFile:
        compound.BufferFile = MappedFile


def stored_document(fields: dict) -> dict:
    """The parse-JSON dict of a stored record plus its issue under "issue"."""
    doc = unpack(fields["doc"])
    meta = dict(fields.get("gazette_meta") or {})
    doc["id"] = fields["id"]
    doc["issue"] = {k: meta.get(k) for k in ("key", "path", "format", "gazette")}
    return doc


def list_issues(index_dir=None) -> list[dict]:
    """The issues in the index: key, path, format, gazette, documents (count), doc_numbers."""
    with searcher(index_dir) as s:
        issues: dict[str, dict] = {}
        for fields in _light_fields(s):
            meta = fields.get("gazette_meta") or {}
            item = issues.setdefault(fields["issue_key"], {
                "key": fields["issue_key"], "path": meta.get("path"), "format": meta.get("format"),
                "gazette": {k: (meta.get("gazette") or {}).get(k) for k in
                            ("name", "publisher", "year", "issue", "total_issue", "published")},
                "documents": 0, "doc_numbers": [], "_seqs": []})
            item["documents"] += 1
            item["_seqs"].append((fields.get("seq") or 0, fields.get("doc_number") or None))
    result = []
    for item in sorted(issues.values(), key=lambda i: (i["path"] or "", i["key"])):
        item["doc_numbers"] = [dn for _, dn in sorted(item.pop("_seqs")) if dn]
        result.append(item)
    return result


def _light_fields(s):
    """Stored fields of every live record, without the compressed document."""
    reader = s.s.reader()
    for docnum, fields in reader.iter_docs():
        fields.pop("doc", None)
        yield fields


def find_issue(s, ref: str) -> tuple[str, str]:
    """(key, path) of the one issue whose key starts with `ref` or whose path is `ref`."""
    ref = ref.strip()
    if not ref:
        raise UsageError("give an issue key (or a prefix of it) or a file path", hint="see `gazette list`")
    matches: dict[str, str] = {}
    resolved = str(Path(ref).resolve()) if not _is_hex(ref) else None
    for fields in _light_fields(s):
        key, path = fields["issue_key"], (fields.get("gazette_meta") or {}).get("path") or ""
        by_path = path == ref or (resolved is not None and str(Path(path).resolve()) == resolved)
        if key.startswith(ref.lower()) or by_path:
            matches[key] = path
    if not matches:
        raise UsageError(f"no issue in the index matches {ref!r}", hint="see `gazette list` for keys and paths")
    if len(matches) > 1:
        raise UsageError(f"{ref!r} matches {len(matches)} issues", hint="give more characters of the key")
    return next(iter(matches.items()))


def _is_hex(ref: str) -> bool:
    return len(ref) >= 4 and all(c in "0123456789abcdef" for c in ref.lower())


def stats(index_dir=None) -> dict:
    """Counts by category, year and gazette, issue and document totals, size on disk."""
    from collections import Counter

    with searcher(index_dir) as s:
        path = location.resolve(index_dir)
        by = {"category": Counter(), "year": Counter(), "gazette": Counter(), "doc_type": Counter()}
        issues = set()
        for f in _light_fields(s):
            issues.add(f["issue_key"])
            for name, counter in by.items():
                counter[f.get(name) or "(none)"] += 1
        size = sum(p.stat().st_size for p in path.iterdir() if p.is_file())
        return {"index": str(path), "segmenter": s.manifest.get("segmenter"), "issues": len(issues),
                "documents": s.s.doc_count(), "size_bytes": size,
                "by_category": dict(by["category"].most_common()),
                "by_year": dict(sorted(by["year"].items())),
                "by_gazette": dict(by["gazette"].most_common()),
                "by_doc_type": dict(by["doc_type"].most_common())}
