"""Issue-level checks: the masthead (刊头/版权页) and the table of contents."""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..findings import Finding
from .base import Context, doc_label


def masthead_found(ctx: Context) -> Iterator[Finding]:
    """The issue names its gazette, year, issue number and publication date."""
    if not ctx.is_gazette:
        return
    g = ctx.issue.gazette
    line = g.lines[0] if g.lines else None
    if not any((g.name, g.year, g.issue, g.published, g.publisher)):
        yield ctx.finding("G001", "no masthead found: neither gazette name, year, issue number "
                                  "nor publication date is printed at the front or the back")
        return
    if not g.name:
        yield ctx.finding("G002", "the gazette's name is not printed in the masthead", line=line)
    if not g.year:
        yield ctx.finding("G003", "the masthead gives no year", line=line)
    if not g.issue:
        yield ctx.finding("G004", "the masthead gives no issue number (第N期)", line=line)
    if not g.published:
        yield ctx.finding("G005", "the masthead gives no publication date (…出版)", line=line)


def toc_present(ctx: Context) -> Iterator[Finding]:
    """A gazette issue with more than one document has a table of contents."""
    if ctx.is_gazette and not ctx.issue.toc and len(ctx.issue.documents) > 1:
        yield ctx.finding("G010", f"no table of contents (目录) found for "
                                  f"{len(ctx.issue.documents)} documents")


def toc_matches_documents(ctx: Context) -> Iterator[Finding]:
    """Every TOC entry points to a document, and every document is listed in the TOC."""
    issue = ctx.issue
    if not issue.toc:
        return
    listed = set()
    for entry in issue.toc:
        if entry.document_seq is None:
            what = entry.title or (f"【{entry.section}】" if entry.section else "entry")
            number = f" ({entry.doc_number})" if entry.doc_number else ""
            yield ctx.finding("G011", f"TOC entry {what}{number} matches no document in the issue",
                              line=entry.lines[0] if entry.lines else None)
        else:
            listed.add(entry.document_seq)
    for doc in issue.documents:
        if doc.seq not in listed and not _covered_by_section_entry(ctx, doc):
            yield ctx.finding("G012", f"{doc_label(doc)} is not listed in the table of contents", doc=doc)


def _covered_by_section_entry(ctx: Context, doc) -> bool:
    """A section-only entry (【人事任免】40) lists every document of its section."""
    return any(e.title is None and e.section and e.section == doc.section for e in ctx.issue.toc)


def toc_pages_agree(ctx: Context) -> Iterator[Finding]:
    """TOC page numbers agree with the pages documents start on (PDF input only).

    Printed page numbers may be offset from the file's pages by a constant (an unnumbered
    cover): the most common difference is taken as that offset.
    """
    docs = {d.seq: d for d in ctx.issue.documents}
    pairs = [(e, docs[e.document_seq]) for e in ctx.issue.toc
             if e.page is not None and e.document_seq in docs and docs[e.document_seq].pages]
    if not pairs:
        return
    offset = Counter(d.pages[0] - e.page for e, d in pairs).most_common(1)[0][0]
    for entry, doc in pairs:
        printed = doc.pages[0] - offset
        if printed != entry.page:
            shift = f" (page {doc.pages[0]} of the file)" if offset else ""
            yield ctx.finding("G013", f"TOC says {doc_label(doc)} starts on page {entry.page}, "
                                      f"it starts on page {printed}{shift}",
                              line=entry.lines[0] if entry.lines else None)


def documents_in_toc_order(ctx: Context) -> Iterator[Finding]:
    """The documents follow one another in the order the TOC lists them."""
    order = [e.document_seq for e in ctx.issue.toc if e.document_seq is not None]
    previous = None
    for seq in order:
        if previous is not None and seq < previous:
            doc = next((d for d in ctx.issue.documents if d.seq == seq), None)
            yield ctx.finding("G014", f"the TOC lists {doc_label(doc) if doc else seq} after "
                                      f"document {previous}, but it comes before it in the issue", doc=doc)
        previous = seq if previous is None else max(previous, seq)


def toc_numbers_agree(ctx: Context) -> Iterator[Finding]:
    """A TOC entry's document number is the number its document carries."""
    docs = {d.seq: d for d in ctx.issue.documents}
    for entry in ctx.issue.toc:
        doc = docs.get(entry.document_seq)
        if doc and entry.doc_number and doc.doc_number and entry.doc_number != doc.doc_number:
            yield ctx.finding("G015", f"TOC gives {entry.doc_number}, the document carries {doc.doc_number}",
                              line=entry.lines[0] if entry.lines else None, doc=doc)


CHECKS = (masthead_found, toc_present, toc_matches_documents, toc_pages_agree,
          documents_in_toc_order, toc_numbers_agree)
