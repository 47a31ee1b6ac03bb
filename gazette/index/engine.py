"""One interface, two engines: the embedded Whoosh index (a directory) and a shared archive in
PostgreSQL (a database URL).  The CLI and the library functions of `gazette.index` talk to an
`Engine` and never ask which one it is.

Which engine: `--db URL` (or an `--index` value that is a `postgresql://` URL), else
`--index DIR`, else `$GAZETTE_DB`, else `$GAZETTE_INDEX`, else the per-user index directory.
"""
from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator, Protocol, runtime_checkable

from ..errors import UsageError

DB_ENV = "GAZETTE_DB"
URL_SCHEMES = ("postgresql://", "postgres://")


@runtime_checkable
class Engine(Protocol):
    """What every engine does; each method's result has the documented JSON shape."""

    name: str       # "whoosh" | "postgresql"
    location: str   # what to show: the index directory, or the database URL without its password

    def ingest(self, files: Iterable, *, jobs: int | None = None, lock_timeout: float = 30.0,
               batch_documents: int = 500, progress: Callable | None = None,
               password: str | None = None, ocr: bool = False) -> list:
        """Parse and store files; one `FileResult` per file, in input order."""

    def search(self, query: str, **options) -> dict:
        """Ranked hits, total, facets: the search JSON."""

    def iter_stored(self, **filters) -> Iterator[dict]:
        """Stored documents (parse-JSON dict + "id" + "issue") in path, seq order."""

    def list_issues(self) -> list[dict]:
        """Issues with their document counts and numbers, in path order."""

    def get_documents(self, ref: str) -> list[dict]:
        """The documents an id or document number names, best match first."""

    def remove(self, ref: str, *, lock_timeout: float = 30.0) -> dict:
        """Remove one issue (by key prefix or path): {"key", "path", "documents"}."""

    def stats(self) -> dict:
        """Counts by category, year, gazette and doc type; size."""


def is_url(value) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(URL_SCHEMES)


def open_engine(index=None, db=None) -> Engine:
    """The engine the options (or the environment) name."""
    if index is not None and db is not None:
        raise UsageError("give --index DIR or --db URL, not both")
    if db is None and is_url(index):
        db, index = index, None
    if db is None and index is None and os.environ.get(DB_ENV):
        db = os.environ[DB_ENV]
    if db is not None:
        if not is_url(db):
            raise UsageError(f"--db {db!r} is not a PostgreSQL URL",
                             hint="e.g. --db postgresql://user@host/gazette")
        from ..pg import PgEngine

        return PgEngine(db)
    from .whoosh_engine import WhooshEngine

    return WhooshEngine(index)
