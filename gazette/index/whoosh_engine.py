"""The Whoosh engine behind the `Engine` interface: an index directory on this machine."""
from __future__ import annotations


class WhooshEngine:
    name = "whoosh"

    def __init__(self, index_dir=None):
        from .location import resolve

        self.index_dir = index_dir
        self.location = str(resolve(index_dir))

    def ingest(self, files, **kwargs):
        from .writer import ingest

        return ingest(files, self.index_dir, **kwargs)

    def search(self, query, **options) -> dict:
        from .searching import search

        return search(query, self.index_dir, **options)

    def iter_stored(self, **filters):
        from .searching import iter_stored

        return iter_stored(self.index_dir, **filters)

    def list_issues(self) -> list[dict]:
        from .store import list_issues

        return list_issues(self.index_dir)

    def get_documents(self, ref: str) -> list[dict]:
        from .manage import get_documents

        return get_documents(ref, self.index_dir)

    def remove(self, ref: str, **kwargs) -> dict:
        from .manage import remove

        return remove(ref, self.index_dir, **kwargs)

    def stats(self) -> dict:
        from .store import stats

        return {"engine": self.name, **stats(self.index_dir)}
