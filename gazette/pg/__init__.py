"""The shared archive in PostgreSQL: the same commands as the Whoosh index, on a server that
many clerks can ingest into at once and many researchers can search (`--db URL`).

    pip install 'gazette[postgres]'
    gazette db init --db postgresql://owner@host/gazette
    gazette ingest bulletins/ --db postgresql://clerk@host/gazette

Modules: `connection` (driver, URL, errors), `migrate` (versioned schema), `tokens` and `rows`
(what a document becomes: token strings, lexemes, rows; built in the ingest workers),
`ingest`, `search`, `store` (list, show, remove, stats).
"""
from __future__ import annotations

from .connection import connect, session, shown, translated


class PgEngine:
    """The `gazette.index.Engine` of an archive at a `postgresql://` URL."""

    name = "postgresql"

    def __init__(self, url: str):
        self.url = url.strip()
        self.location = shown(self.url)

    def ingest(self, files, **kwargs):
        from .ingest import ingest

        return ingest(files, self.url, **kwargs)

    def search(self, query, **options) -> dict:
        from .search import search

        with session(self.url) as conn:
            return search(conn, query, **options)

    def iter_stored(self, **filters):
        from .search import iter_stored

        with session(self.url) as conn:
            yield from iter_stored(conn, **filters)

    def list_issues(self) -> list[dict]:
        from .store import list_issues

        with session(self.url) as conn:
            return list_issues(conn)

    def get_documents(self, ref: str) -> list[dict]:
        from .store import get_documents

        with session(self.url) as conn:
            return get_documents(conn, ref)

    def remove(self, ref: str, *, lock_timeout: float = 30.0) -> dict:
        from .store import remove

        conn = connect(self.url)
        try:
            with translated(self.url, write=True):
                return remove(conn, ref, lock_timeout)
        finally:
            conn.close()

    def stats(self) -> dict:
        from .store import stats

        with session(self.url) as conn:
            return stats(conn, self.location)
