"""Structured parts of a document: appointments, chronicle events, articles / outline,
attachment parts, tables and citations.

`enrich(doc)` is the one entry point; the issue parser calls it for every document after
splitting.  It reads `doc.source_lines` (normalised lines, title to end) and fills the record
lists, moves attachment text out of `doc.body` into `doc.attachments_parts` (nothing is
dropped: body + parts hold all the text they held before), and returns warnings.
Every record carries its source lines (`lines` = [first, last]).
"""
from __future__ import annotations

import re

from ...model import AttachmentPart, Document, Line, Warning
from . import appointments, articles, attachments, chronicle, citations, tables

__all__ = ["enrich"]


def enrich(doc: Document, *, issue_year: int | None = None,
           period: tuple[str, str] | None = None) -> list[Warning]:
    """Fill doc.appointments, events, articles, outline, attachments_parts, tables, citations."""
    warnings: list[Warning] = []
    lines = doc.source_lines or _lines_from_body(doc.body)
    parts = attachments.find_parts(lines, list(doc.attachments))
    main = lines[:parts[0].start] if parts else lines

    doc.tables = [s.table for s in tables.find_tables(main)]
    doc.attachments_parts = []
    for span in parts:
        own = lines[span.body_start:span.end]
        part_tables = [s.table for s in tables.find_tables(own)]
        doc.tables.extend(part_tables)
        doc.attachments_parts.append(AttachmentPart(
            name=span.name, text="\n".join(l.shown for l in own), tables=part_tables,
            lines=[lines[span.start].span[0], lines[span.end - 1].span[1]]))
    if parts:
        doc.body = _cut_body(doc.body, lines, parts[0].start, warnings)

    year = _year(doc, issue_year, period)
    if doc.category == "chronicle":
        doc.events, found = chronicle.parse_chronicle(main, year=year, title=doc.title)
        warnings.extend(found)
    elif doc.category == "appointment":  # a 任免 notice may carry its list as an attachment
        doc.appointments = appointments.parse_appointments(
            lines, doc_number=doc.doc_number, fallback_date=doc.date)
    else:
        doc.appointments = appointments.parse_appointments(
            main, doc_number=doc.doc_number, fallback_date=doc.date, strict=True)
        if doc.appointments and doc.title == doc.doc_type == "决定":
            doc.category = "appointment"  # a decision printed without a title, that appoints or accepts a resignation
        _structure(doc, main, [lines[p.body_start:p.end] for p in parts])

    found_citations = citations.find_citations(main, own=doc.doc_number)
    for span in parts:
        heading = " ".join(l.text for l in lines[span.start:span.body_start]) + " " + span.name
        found_citations += citations.find_citations(
            lines[span.body_start:span.end], own=doc.doc_number, relation=citations.relation_for(heading))
    doc.citations = citations.merge(found_citations)
    return warnings


def _structure(doc: Document, main: list[Line], parts: list[list[Line]]) -> None:
    """Articles for rules (when the text has 第X条; a rule sent as an attachment counts), an
    outline otherwise."""
    if articles.is_rule(doc):
        for candidate in [main, *parts]:
            tree = articles.build_articles(candidate)
            if articles.count_articles(tree) >= 2:
                doc.articles = tree
                return
    doc.outline = articles.build_outline(main)


def _year(doc: Document, issue_year: int | None, period) -> int | None:
    if issue_year:
        return issue_year
    for value in (period[0] if period else None, doc.date):
        if value and re.match(r"^\d{4}", value):
            return int(value[:4])
    return None


def _cut_body(body: str, lines: list[Line], start: int, warnings: list[Warning]) -> str:
    """`body` up to the first attachment heading (a whole line of its own in the body)."""
    heading = lines[start].shown.strip()
    announced = next((l.shown.strip() for l in lines[:start] if attachments.ANNOUNCEMENT_RE.match(l.text.strip())), None)
    floor = max(body.find(announced), 0) if announced else 0
    for m in re.finditer(re.escape(heading), body):
        whole = (m.start() == 0 or body[m.start() - 1] == "\n") and not body[m.end():].split("\n", 1)[0].strip()
        if whole and m.start() >= floor and not (announced and m.start() == floor):
            return body[:m.start()].rstrip()
    warnings.append(Warning("attachment_not_in_body",
                            f"attachment heading {heading!r} (line {lines[start].no}) not found in the body; "
                            "body left whole", lines[start].no))
    return body


def _lines_from_body(body: str) -> list[Line]:
    return [Line(no=0, text=t) for t in body.split("\n") if t.strip()]
