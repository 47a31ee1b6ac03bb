"""Reconcile the table of contents with the documents found in the body."""
from __future__ import annotations

import re
from collections import Counter

from ..model import Correction, Document, TocEntry, Warning
from .header import retitle
from .split import similar

SECTION_FITS = {"appointment": re.compile(r"任免|人事|任命"), "chronicle": re.compile(r"大事|动态")}


def _match(entry: TocEntry, docs: list[Document], taken: set[int]) -> Document | None:
    if entry.doc_number:
        for d in docs:
            if d.seq not in taken and d.doc_number == entry.doc_number:
                return d
    if entry.title:
        best, score = None, 0.0
        for d in docs:
            if d.seq in taken or not d.title:
                continue
            s = similar(entry.title, d.title)
            if s > score:
                best, score = d, s
        if score >= 0.8:
            return best
    return None


def _enclosing(entry: TocEntry, docs: list[Document]) -> Document | None:
    """The document that prints the entry as its enclosed text (an order's 条例, a notice's plan)."""
    if not entry.title:
        return None
    found = next((d for d in docs if d.enclosure_title and similar(entry.title, d.enclosure_title) >= 0.9), None)
    # or prints it as a heading of its own (the rules an order's decision reissues, under the decision)
    return found or next((d for d in docs for line in d.source_lines if len(line.text) <= 2 * len(entry.title)
                          and similar(entry.title, line.text) >= 0.95), None)


def _repair_title(entry: TocEntry, doc: Document, corrections: list[Correction], text: str) -> None:
    """A TOC title that lost its first character ('于印发…' for '关于印发…'), or that differs from
    its document's title in one character where the issue's text attests the document's word and
    not the TOC's ('安捧' for '安排')."""
    if not (entry.title and doc.title):
        return
    fixed = None
    if entry.title.startswith("于") and doc.title.endswith("关" + entry.title):
        fixed = "关" + entry.title
    elif len(entry.title) == len(doc.title) and entry.title != doc.title:
        diff = [i for i, (a, b) in enumerate(zip(entry.title, doc.title)) if a != b]
        if len(diff) == 1 and "\u4e00" <= entry.title[diff[0]] <= "\u9fff":
            i = diff[0]
            words = [(t[max(0, i - 1):i + 1], t[i:i + 2]) for t in (entry.title, doc.title)]
            if all(text.count(w) == 0 for w in words[0] if len(w) == 2) \
                    and any(text.count(w) >= 2 for w in words[1] if len(w) == 2):
                fixed = doc.title
    if fixed:
        corrections.append(Correction(line=entry.lines[0] if entry.lines else 0, raw=entry.title, fixed=fixed,
                                      rule="toc-title"))
        entry.title = fixed


def _number_from_toc(entry: TocEntry, doc: Document) -> None:
    """A document whose header has no number line takes its TOC entry's number where its opening
    lines print it ('2022年4月14日 某总局令第56号公布' under the title of the rules it promulgates)."""
    if doc.doc_number or not entry.doc_number:
        return
    for line in doc.source_lines[:6]:
        if entry.doc_number in re.sub(r"\s+", "", line.text):
            doc.doc_number = entry.doc_number
            doc.field_lines["doc_number"] = [line.no, line.last or line.no]
            return


def reconcile(toc: list[TocEntry], docs: list[Document], corrections: list[Correction]) -> list[Warning]:
    warnings: list[Warning] = []
    taken: set[int] = set()
    text = "\n".join(d.body for d in docs)
    for entry in toc:
        if entry.title is None and entry.doc_number is None:
            continue
        doc = _match(entry, docs, taken)
        if doc is None and (host := _enclosing(entry, docs)) is not None:
            entry.document_seq = host.seq  # listed apart, printed inside: the rules an order promulgates
            continue
        if doc is None:
            warnings.append(Warning("toc-unmatched", f"TOC entry '{entry.title or entry.doc_number}' matches no "
                                                     "document in the body", entry.lines[0] if entry.lines else None))
            continue
        taken.add(doc.seq)
        entry.document_seq = doc.seq
        doc.section = entry.section
        _repair_title(entry, doc, corrections, text)
        _number_from_toc(entry, doc)
        if entry.title and doc.title and len(doc.title) >= 8 and len(entry.title) > len(doc.title) \
                and entry.title.startswith(doc.title):
            retitle(doc, entry.title)  # the body printed the title cut short; the TOC prints it whole
    _assign_section_only(toc, docs, taken)
    if toc:
        for d in docs:
            if d.section is None:
                warnings.append(Warning("doc-not-in-toc", f"document '{d.title}' is not listed in the TOC",
                                        d.lines[0] if d.lines else None))
    warnings += _check_pages(toc, docs)
    return warnings


def _assign_section_only(toc: list[TocEntry], docs: list[Document], taken: set[int]) -> None:
    """Documents not matched by title go to the section-only entries (【人事任免】40) that follow the
    last matched entry, preferring a section whose name fits the document's category."""
    section_only = [(k, e) for k, e in enumerate(toc) if e.title is None and e.doc_number is None]
    if not section_only:
        return
    entry_pos = {e.document_seq: k for k, e in enumerate(toc) if e.document_seq}
    last_entry = -1
    for d in docs:
        if d.seq in taken:
            last_entry = max(last_entry, entry_pos.get(d.seq, last_entry))
            continue
        candidates = [(k, e) for k, e in section_only if k > last_entry] or section_only
        fit = SECTION_FITS.get(d.category)
        chosen = next(((k, e) for k, e in candidates if fit and fit.search(e.section or "")), candidates[0])
        k, e = chosen
        d.section = e.section
        if e.document_seq is None:
            e.document_seq = d.seq
        last_entry = max(last_entry, k - 1)


def _check_pages(toc: list[TocEntry], docs: list[Document]) -> list[Warning]:
    """TOC pages against the pages where documents start (PDF), allowing one constant offset."""
    by_seq = {d.seq: d for d in docs}
    pairs = [(e, by_seq[e.document_seq]) for e in toc if e.document_seq and e.page and by_seq[e.document_seq].pages]
    if not pairs:
        return []
    offset = Counter(d.pages[0] - e.page for e, d in pairs).most_common(1)[0][0]
    return [Warning("toc-page-mismatch", f"TOC says page {e.page} for '{e.title or e.section}', the document "
                                         f"starts on page {d.pages[0] - offset}", e.lines[0] if e.lines else None)
            for e, d in pairs if d.pages[0] - e.page != offset]
