"""Opening the Whoosh index, and reading what it stores (issues, documents, stats)."""
from __future__ import annotations

import errno
import os
import pickle
import struct
import zlib
from contextlib import contextmanager
from pathlib import Path

from ..errors import IndexProblem, OutputError, UsageError
from . import columns, location
from .mapped import MappedFile
from .schema import build_schema, unpack

INDEX_NAME = "gazette"
# what reading a damaged index file raises (cut short, emptied, overwritten)
DAMAGE = (EOFError, struct.error, zlib.error, pickle.UnpicklingError, IndexError, KeyError, ValueError,
          UnicodeDecodeError, OSError)
WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO}


def damaged(path, exc: BaseException) -> IndexProblem:
    """The error for an index whose files cannot be read."""
    if isinstance(exc, FileNotFoundError) and exc.filename:
        what = f"its file {os.path.basename(exc.filename)} is missing"
    else:
        what = f"{type(exc).__name__}: {exc}"[:200]
    return IndexProblem(f"the index is damaged ({what})", path=str(path),
                        hint="ingest the bulletins again into a new index directory (the damaged one is left as it is)")


def write_failed(path, exc: OSError) -> OutputError:
    """The error for index files that could not be written (disk full, read-only, permissions)."""
    return OutputError(f"the index could not be written: {exc.strerror or exc}", path=str(path),
                       hint="free disk space or make the index directory writable; issues committed before "
                            "are kept, run the ingest again to add the rest")


def _segment_files(path: Path) -> list[str]:
    return [p.name for p in path.iterdir() if p.name.startswith(f"_{INDEX_NAME}_") or p.suffix == ".seg"]


def open_index(index_dir=None):
    """An existing index (Whoosh `Index`) and its manifest."""
    from whoosh import index

    path, manifest = location.existing(index_dir)
    _map_without_copying()
    try:
        if not index.exists_in(str(path), indexname=INDEX_NAME):
            if _segment_files(path):  # segments without their table of contents (.toc)
                raise IndexProblem("the index is damaged: its table of contents (.toc) is missing "
                                   "while segment files remain", path=str(path),
                                   hint="ingest the bulletins again into a new index directory "
                                        "(the damaged one is left as it is)")
            raise IndexProblem("the index is empty (nothing ingested yet)", path=str(path),
                               hint="run `gazette ingest FILES` first")
        ix = index.open_dir(str(path), indexname=INDEX_NAME)
        ix.doc_count()  # reads every segment's header: a damaged one is found now
        return ix, manifest
    except IndexProblem:
        raise
    except Exception as e:  # a damaged index: say so, do not crash
        raise damaged(path, e) from None


def create_or_open(index_dir=None):
    """The index for writing, created on first use; returns (index, path, manifest).
    A new index too is read without copies: its writer reads every segment it commits (to
    delete replaced issues, to merge), and copies of them grew with the index."""
    from whoosh import index

    path, manifest, _ = location.prepare(index_dir)
    _map_without_copying()
    with location.creation_lock(path):  # two first ingests: one creates, the other opens
        if index.exists_in(str(path), indexname=INDEX_NAME) or _segment_files(path):
            ix, manifest = open_index(path)
            return ix, path, manifest
        try:
            return index.create_in(str(path), build_schema(manifest["segmenter"]), indexname=INDEX_NAME), path, manifest
        except OSError as e:
            raise write_failed(path, e) from None


_OPEN: dict[str, "Searcher"] = {}  # index directory → the searcher this process reads it with


class Searcher:
    """The one Whoosh searcher of an index in this process, opened again when any of the
    index's files changed (a commit, a merge, a new index at the path, or damage: a mapped
    file cut short must never be read); `columns(field)` are whole sortable columns, read
    once per version."""

    def __init__(self, ix, manifest):
        self.ix, self.manifest = ix, manifest
        self.files = _signature(ix.storage.folder)
        self.s = ix.searcher()
        self._columns: dict[str, list] = {}

    def refreshed(self, manifest) -> "Searcher":
        if _signature(self.ix.storage.folder) == self.files and manifest == self.manifest:
            return self
        self.s.close()  # (not Whoosh's refresh(): it keeps merged-away segments)
        return Searcher(open_index(self.ix.storage.folder)[0], manifest)

    def columns(self, field: str, decoded: bool = True) -> list:
        """The value of a sortable field for every document number (None where absent).
        Dates are Whoosh's sortable integers (in date order); so is every field unless
        `decoded`, with text as UTF-8 bytes (same order, same equality, no decoding)."""
        key = field if decoded else (field, "raw")
        col = self._columns.get(key)
        if col is None:
            col = []
            raw = field == "date" or not decoded  # Whoosh cannot turn the column's "no date" back into a date
            for leaf, offset in self.s.leaf_searchers():
                reader = leaf.reader()
                col += [None] * (offset - len(col))
                if reader.has_column(field):
                    fieldobj = reader.schema[field]
                    values = columns.raw_values(reader, field)
                    if raw:
                        missing = fieldobj.column_type.default_value()
                        col += [None if v == missing or v == b"" else v for v in values]
                    else:
                        col += [None if v in (b"", "") else v for v in map(fieldobj.from_column_value, values)]
                else:
                    col += [None] * reader.doc_count_all()
            self._columns[key] = col
        return col


@contextmanager
def searcher(index_dir=None):
    """The process's searcher over an index, up to date (a `Searcher`: Whoosh's is `.s`).
    A damaged index (a segment file cut short or overwritten) is an IndexProblem."""
    path, manifest = location.existing(index_dir)
    key = str(path.resolve())
    current = _OPEN.pop(key, None)
    try:
        current = Searcher(open_index(path)[0], manifest) if current is None else current.refreshed(manifest)
    except IndexProblem:
        raise
    except DAMAGE as e:
        raise damaged(path, e) from None
    try:
        yield current
    except DAMAGE as e:  # shows when a segment file is read
        if not _of_index(e, path):
            raise  # the caller's own file or output (a closed pipe, a full disk), not the index
        raise damaged(path, e) from None
    _OPEN[key] = current  # kept for the next search only if this one went well


def _of_index(exc: BaseException, folder: Path) -> bool:
    """Whether an error raised while the index is open comes from reading it: an OSError
    only if it names one of the index's files, or names none and is no write error."""
    if not isinstance(exc, OSError):
        return True
    if exc.filename is not None and not isinstance(exc.filename, int):
        return Path(os.fsdecode(exc.filename)).resolve().parent == folder.resolve()
    return exc.errno not in WRITE_ERRNOS and exc.errno != errno.EPIPE


def _signature(folder: str) -> tuple:
    """Name, size and modification time of the index's files."""
    files = []
    for entry in os.scandir(folder):
        if entry.name.startswith((INDEX_NAME, "_" + INDEX_NAME)) and not entry.name.endswith("WRITELOCK"):
            try:
                st = entry.stat()
            except OSError:
                continue
            files.append((entry.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(files))


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
