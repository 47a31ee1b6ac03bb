"""The search index (Whoosh + Chinese segmentation): ingest, search, show, list, remove, stats.

Everything here imports its engines (whoosh, jieba, rjieba) lazily, so `import gazette.index`
is cheap; only this package touches them.
"""
from __future__ import annotations


def ingest(files, index_dir=None, **kwargs):
    """Ingest bulletin files; see `gazette.index.writer.ingest`."""
    from .writer import ingest as _ingest

    return _ingest(files, index_dir, **kwargs)


def search(query, index_dir=None, **kwargs) -> dict:
    """Search the index; see `gazette.index.searching.search`."""
    from .searching import search as _search

    return _search(query, index_dir, **kwargs)


def iter_stored(index_dir=None, **filters):
    """Stored documents (parse-JSON dict + "issue") matching search filters."""
    from .searching import iter_stored as _iter

    return _iter(index_dir, **filters)


def list_issues(index_dir=None) -> list[dict]:
    """Issues in the index with their document counts and numbers."""
    from .store import list_issues as _list

    return _list(index_dir)


def get_documents(ref: str, index_dir=None) -> list[dict]:
    """The stored documents an id or document number names, best match first."""
    from .manage import get_documents as _get

    return _get(ref, index_dir)


def remove(ref: str, index_dir=None, **kwargs) -> dict:
    """Remove one issue (by key prefix or path)."""
    from .manage import remove as _remove

    return _remove(ref, index_dir, **kwargs)


def stats(index_dir=None) -> dict:
    """Counts by category, year and gazette; size on disk."""
    from .store import stats as _stats

    return _stats(index_dir)


__all__ = ["ingest", "search", "iter_stored", "list_issues", "get_documents", "remove", "stats"]
