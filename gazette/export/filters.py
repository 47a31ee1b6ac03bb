"""Document filters for exports from files, the same as `gazette search` applies to the index."""
from __future__ import annotations

from typing import Callable


def document_filter(*, category: str | None = None, doc_type: str | None = None,
                    issuer: str | None = None, gazette: str | None = None, year: int | None = None,
                    date_from: str | None = None, date_to: str | None = None
                    ) -> Callable[[dict, dict], bool] | None:
    """A `keep(ref, doc)` predicate, or None when no filter is set.

    category and doc_type match exactly; issuer and gazette match a part of the name;
    year, date_from and date_to apply to the document's date (ISO, inclusive).
    """
    if not any((category, doc_type, issuer, gazette, year, date_from, date_to)):
        return None

    def keep(ref: dict, doc: dict) -> bool:
        when = doc.get("date") or ""
        name = (ref.get("gazette") or {}).get("name") or ""
        return ((not category or doc.get("category") == category)
                and (not doc_type or doc.get("doc_type") == doc_type)
                and (not issuer or issuer in (doc.get("issuer") or ""))
                and (not gazette or gazette in name)
                and (not year or when[:4] == str(year))
                and (not date_from or (when and when >= date_from))
                and (not date_to or (when and when <= date_to)))

    return keep
