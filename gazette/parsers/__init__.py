"""Parsers: normalised lines → an `Issue` (masthead, TOC, documents and their parts).

    lines → normalize → [masthead | TOC | documents… | colophon] → fields → TOC reconciliation → records
"""
from __future__ import annotations

from ..model import Document, Issue, Line, Source, Warning
from ..normalize import Context as NormContext
from ..normalize import normalize
from . import masthead, reconcile, split, toc
from .header import build_document


def parse_issue(lines: list[Line], source: Source, *, metadata: dict | None = None) -> Issue:
    """Parse loaded lines into an issue (pure: same lines, same result)."""
    ctx = NormContext(metadata=dict(metadata or {}))
    clean, ctx = normalize(lines, ctx)
    issue = Issue(source=source, metadata=ctx.metadata)
    issue.corrections = ctx.corrections
    issue.warnings = list(ctx.warnings)
    if not clean:
        issue.warnings.append(Warning("empty", "no text after normalisation"))
        return issue

    back = masthead.colophon_start(clean)
    toc_at = toc.find_heading(clean)
    if toc_at is not None:
        issue.toc, body_begin = toc.parse_toc(clean, toc_at)
        front_end = toc_at
    else:
        body_begin, front_end = 0, None
    starts = split.find_starts(clean, issue.toc, body_begin, back)
    if front_end is None:
        front_end = starts[0].title[0] if starts else 0
        if starts and starts[0].number is not None:
            front_end = min(front_end, starts[0].number)
    front = masthead.read_masthead([l for l in clean[:front_end] if masthead.is_masthead_line(l.text)])
    issue.gazette = masthead.merge(front, masthead.read_masthead(clean[back:]))
    if not starts:
        issue.kind = "single_document"
        issue.warnings.append(Warning("no-documents", "no document title found; the text is kept as one document",
                                      clean[body_begin].no if body_begin < len(clean) else None))
        starts = [split.Start(title=[body_begin], rule="fallback")]
    issue.documents = _documents(clean, starts, back, issue)
    _classify(issue)
    issue.warnings += reconcile.reconcile(issue.toc, issue.documents, issue.corrections)
    _enrich(issue)
    return issue


def _documents(clean: list[Line], starts: list[split.Start], back: int, issue: Issue) -> list[Document]:
    docs = []
    for k, start in enumerate(starts):
        first = min(start.title + ([start.number] if start.number is not None else []))
        if start.number is not None and start.number < start.title[0]:
            first = start.title[0]  # a number printed above the title belongs to the header
        nxt = starts[k + 1] if k + 1 < len(starts) else None
        last = (min(nxt.title + ([nxt.number] if nxt.number is not None else [])) - 1) if nxt else back - 1
        docs.append(build_document(k + 1, clean, start, first, max(first, last), issue.corrections))
    return docs


def _classify(issue: Issue) -> None:
    """Gazette issue, single document, or web page; a web page's metadata fills gaps."""
    meta = issue.metadata
    if issue.toc or any(getattr(issue.gazette, f) for f in ("name", "issue", "total_issue")):
        issue.kind = "gazette_issue"
    elif meta:
        issue.kind = "web_page"
        issue.gazette = masthead.from_web_metadata(meta)
    elif issue.gazette.published or issue.gazette.publisher:
        issue.kind = "gazette_issue"
    else:
        issue.kind = "single_document"
    if meta and len(issue.documents) == 1:
        from ..numerals import parse_date
        from .. import docnumber

        doc = issue.documents[0]
        if doc.date is None and meta.get("成文日期"):
            doc.date = parse_date(meta["成文日期"])
        if doc.doc_number is None and meta.get("发文字号"):
            doc.doc_number = docnumber.canonical(meta["发文字号"])
        if doc.issuer is None and meta.get("发文机关"):
            doc.issuer = meta["发文机关"]


def _enrich(issue: Issue) -> None:
    """Structured records of each document (appointments, events, articles, tables, citations)."""
    from .records import enrich

    for doc in issue.documents:
        issue.warnings += enrich(doc, issue_year=issue.gazette.year)
