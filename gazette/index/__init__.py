"""The search index: ingest, search, show, list, remove, stats — on either engine.

`index_dir` is an index directory (the Whoosh engine) or a `postgresql://` URL (the shared
archive); `db=URL` says the latter explicitly; with neither, `$GAZETTE_DB`, else
`$GAZETTE_INDEX`, else the per-user index directory (see `engine.open_engine`).

Everything here imports its engines (whoosh, jieba, rjieba, psycopg) lazily, so
`import gazette.index` is cheap; it only readies Whoosh's import (`whoosh_import`).
"""
from __future__ import annotations

from . import whoosh_import
from .engine import Engine, open_engine

whoosh_import.load()


def ingest(files, index_dir=None, *, db=None, **kwargs):
    """Ingest bulletin files; a list of `FileResult` (see `gazette.index.writer.ingest`)."""
    return open_engine(index_dir, db).ingest(files, **kwargs)


def search(query, index_dir=None, *, db=None, **kwargs) -> dict:
    """Search; see `gazette.index.searching.search` for the options."""
    return open_engine(index_dir, db).search(query, **kwargs)


def iter_stored(index_dir=None, *, db=None, **filters):
    """Stored documents (parse-JSON dict + "issue") matching search filters."""
    return open_engine(index_dir, db).iter_stored(**filters)


def list_issues(index_dir=None, *, db=None) -> list[dict]:
    """Issues in the index with their document counts and numbers."""
    return open_engine(index_dir, db).list_issues()


def get_documents(ref: str, index_dir=None, *, db=None) -> list[dict]:
    """The stored documents an id or document number names, best match first."""
    return open_engine(index_dir, db).get_documents(ref)


def remove(ref: str, index_dir=None, *, db=None, **kwargs) -> dict:
    """Remove one issue (by key prefix or path)."""
    return open_engine(index_dir, db).remove(ref, **kwargs)


def stats(index_dir=None, *, db=None) -> dict:
    """Counts by category, year and gazette; size on disk."""
    return open_engine(index_dir, db).stats()


__all__ = ["ingest", "search", "iter_stored", "list_issues", "get_documents", "remove", "stats",
           "Engine", "open_engine"]
