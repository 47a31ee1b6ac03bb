"""Document filters for exports from files, with the meaning `gazette search` gives them on
the index: a document's year is its date's (else its print date's, else the issue's), and
--from/--to take YYYY, YYYY-MM or YYYY-MM-DD, inclusive of the whole period."""
from __future__ import annotations

import datetime
import re
from typing import Callable

from ..errors import UsageError

PERIOD = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def check_period(option: str, value: str | None) -> None:
    """Raise a UsageError unless `value` is YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return
    padded = value + "-01-01"[len(value) - 4:] if PERIOD.match(value) else ""  # 2021 → 2021-01-01
    try:
        datetime.date.fromisoformat(padded)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date", hint="use YYYY-MM-DD, YYYY-MM or YYYY") from None


def document_filter(*, category: str | None = None, doc_type: str | None = None,
                    issuer: str | None = None, gazette: str | None = None, year: int | None = None,
                    date_from: str | None = None, date_to: str | None = None
                    ) -> Callable[[dict, dict], bool] | None:
    """A `keep(ref, doc)` predicate, or None when no filter is set.

    category and doc_type match exactly; issuer and gazette match a part of the name (the
    gazette's name or publisher); year, date_from and date_to apply to the document's date.
    """
    if not any((category, doc_type, issuer, gazette, year, date_from, date_to)):
        return None

    def keep(ref: dict, doc: dict) -> bool:
        g = ref.get("gazette") or {}
        when = doc.get("date") or ""
        names = (g.get("name") or "") + "\n" + (g.get("publisher") or "")
        return ((not category or doc.get("category") == category)
                and (not doc_type or doc.get("doc_type") == doc_type)
                and (not issuer or issuer in (doc.get("issuer") or ""))
                and (not gazette or gazette in names)
                and (not year or document_year(doc, g) == str(year))
                and (not date_from or bool(when) and when[:len(date_from)] >= date_from)
                and (not date_to or bool(when) and when[:len(date_to)] <= date_to))

    return keep


def document_year(doc: dict, gazette: dict) -> str | None:
    for value in (doc.get("date"), doc.get("print_date"), gazette.get("published")):
        if value and value[:4].isdigit():
            return value[:4]
    return str(gazette["year"]) if gazette.get("year") else None
