"""Record checks: appointment records and chronicle events."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

from ..findings import Finding
from .base import Context, doc_label

# How far before the publication date a chronicle may reach (an issue covers at most a year).
CHRONICLE_REACH = timedelta(days=366)


def appointments_complete(ctx: Context) -> Iterator[Finding]:
    """Every appointment record names a person and a position."""
    for doc in ctx.issue.documents:
        for a in doc.appointments:
            line = a.lines[0] if a.lines else None
            if not (a.person or "").strip():
                yield ctx.finding("R001", f"{doc_label(doc)}: {a.action} record names no person "
                                          f"({a.position or 'no position either'})", doc=doc, line=line)
            elif not (a.position or "").strip():
                yield ctx.finding("R002", f"{doc_label(doc)}: {a.action} {a.person} names no position",
                                  doc=doc, line=line)


def chronicle_dates(ctx: Context) -> Iterator[Finding]:
    """Chronicle events are dated, within the issue's period, and in date order."""
    published = _iso(ctx.issue.gazette.published)
    year = ctx.issue.gazette.year
    for doc in ctx.issue.documents:
        previous: date | None = None
        for ev in doc.events:
            line = ev.lines[0] if ev.lines else None
            when = _iso(ev.date) or _month(ev.date)
            if when is None:
                yield ctx.finding("R012", f"{doc_label(doc)}: event has no date: {ev.text[:30]}",
                                  doc=doc, line=line)
                continue
            if _outside_period(when, published, year):
                period = f"published {published.isoformat()}" if published else f"year {year}"
                yield ctx.finding("R010", f"{doc_label(doc)}: event dated {ev.date} lies outside the "
                                          f"issue's period ({period})", doc=doc, line=line)
            if previous and when < previous and not (_month(ev.date) and (when.year, when.month) == (previous.year, previous.month)):
                yield ctx.finding("R011", f"{doc_label(doc)}: event dated {ev.date} follows one dated "
                                          f"{previous.isoformat()}", doc=doc, line=line)
            previous = max(previous, when) if previous else when


def _outside_period(when: date, published: date | None, year: int | None) -> bool:
    if published:
        return when > published or when < published - CHRONICLE_REACH
    if year:
        return when.year not in (year, year - 1)
    return False


def _month(value: str | None) -> date | None:
    """The first day of an event dated only by its month ('1988-04'), else None."""
    try:
        return date.fromisoformat(value + "-01") if value and len(value) == 7 else None
    except ValueError:
        return None


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


CHECKS = (appointments_complete, chronicle_dates)
