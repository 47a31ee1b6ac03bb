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
from . import location
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
    """The index for writing, created on first use; returns (index, path, manifest)."""
    from whoosh import index

    path, manifest, _ = location.prepare(index_dir)
    with location.creation_lock(path):  # two first ingests: one creates, the other opens
        if index.exists_in(str(path), indexname=INDEX_NAME) or _segment_files(path):
            ix, manifest = open_index(path)
            return ix, path, manifest
        try:
            return index.create_in(str(path), build_schema(manifest["segmenter"]), indexname=INDEX_NAME), path, manifest
        except OSError as e:
            raise write_failed(path, e) from None


@contextmanager
def searcher(index_dir=None):
    """A searcher over the index (closed on exit), with the manifest as `.manifest`."""
    ix, manifest = open_index(index_dir)
    try:
        s = ix.searcher()
    except DAMAGE as e:
        raise damaged(ix.storage.folder, e) from None
    s.manifest = manifest
    try:
        yield s
    except DAMAGE as e:  # a segment file cut short or overwritten shows when it is read
        raise damaged(ix.storage.folder, e) from None
    finally:
        s.close()


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
    reader = s.reader()
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
                "documents": s.doc_count(), "size_bytes": size,
                "by_category": dict(by["category"].most_common()),
                "by_year": dict(sorted(by["year"].items())),
                "by_gazette": dict(by["gazette"].most_common()),
                "by_doc_type": dict(by["doc_type"].most_common())}
