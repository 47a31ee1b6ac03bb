"""Export records, one builder per kind, from the parse JSON (dicts).

Builders take dicts, not model objects, so the same code serves files parsed on the fly
(`Issue.to_dict()`) and documents read back from the index.  Every record says where it
came from: `issue_key` (sha256 of the source file), `source_path`, `doc_id`
(`<issue_key>:<seq>`) and `seq` of its document, and the source `lines` [first, last].
"""
from __future__ import annotations

from typing import Callable, Iterator

from ..model import SCHEMA_VERSION

KINDS = ("documents", "appointments", "events", "citations", "toc", "issues")
GAZETTE_FIELDS = ("name", "publisher", "year", "issue", "total_issue", "published")


def issue_ref(issue: dict) -> dict:
    """The provenance block of an issue dict (parse JSON), as the index also stores it."""
    src = issue.get("source") or {}
    return {"key": src.get("sha256"), "path": src.get("path"), "format": src.get("format"),
            "gazette": {k: (issue.get("gazette") or {}).get(k) for k in GAZETTE_FIELDS}}


def _provenance(kind: str, ref: dict, doc: dict | None = None) -> dict:
    rec = {"schema_version": SCHEMA_VERSION, "record": kind, "issue_key": ref.get("key"),
           "source_path": ref.get("path"), "source_format": ref.get("format")}
    if doc is not None:
        rec["doc_id"] = f"{ref.get('key')}:{doc.get('seq')}"
        rec["seq"] = doc.get("seq")
    return rec


def _gazette(ref: dict) -> dict:
    g = ref.get("gazette") or {}
    return {k: g.get(k) for k in GAZETTE_FIELDS}


def document_records(ref: dict, doc: dict) -> Iterator[dict]:
    """The whole document as parsed (fields, body, structured parts) with its provenance."""
    rec = _provenance("document", ref, doc)
    rec["gazette"] = _gazette(ref)
    rec.update({k: v for k, v in doc.items() if k not in ("issue", "seq")})
    yield rec


def appointment_records(ref: dict, doc: dict) -> Iterator[dict]:
    for a in doc.get("appointments") or ():
        rec = _provenance("appointment", ref, doc)
        rec.update(doc_title=doc.get("title"), doc_date=doc.get("date"),
                   action=a.get("action"), person=a.get("person"), position=a.get("position"),
                   note=a.get("note"), date=a.get("date"),
                   doc_number=a.get("doc_number") or doc.get("doc_number"),
                   body=a.get("body"), lines=list(a.get("lines") or []))
        yield rec


def event_records(ref: dict, doc: dict) -> Iterator[dict]:
    for e in doc.get("events") or ():
        rec = _provenance("event", ref, doc)
        rec.update(doc_title=doc.get("title"), date=e.get("date"), date_end=e.get("date_end"),
                   text=e.get("text"), lines=list(e.get("lines") or []))
        yield rec


def citation_records(ref: dict, doc: dict) -> Iterator[dict]:
    for c in doc.get("citations") or ():
        rec = _provenance("citation", ref, doc)
        rec.update(citing_doc_number=doc.get("doc_number"), citing_title=doc.get("title"),
                   doc_number=c.get("doc_number"), doc_number_raw=c.get("doc_number_raw"),
                   title=c.get("title"), relation=c.get("relation"), lines=list(c.get("lines") or []))
        yield rec


def toc_records(ref: dict, issue: dict) -> Iterator[dict]:
    for position, t in enumerate(issue.get("toc") or (), start=1):
        rec = _provenance("toc", ref)
        seq = t.get("document_seq")
        rec.update(position=position, section=t.get("section"), title=t.get("title"),
                   doc_number=t.get("doc_number"), page=t.get("page"), document_seq=seq,
                   doc_id=f"{ref.get('key')}:{seq}" if seq is not None else None,
                   lines=list(t.get("lines") or []))
        yield rec


def issue_records(ref: dict, issue: dict) -> Iterator[dict]:
    """One record per issue: from a parse dict (documents listed) or an index entry (counted)."""
    docs = issue.get("documents")
    listed = isinstance(docs, list)
    rec = _provenance("issue", ref)
    rec.update(kind=issue.get("kind"), gazette=_gazette(ref),
               documents=len(docs) if listed else docs,
               doc_numbers=[d["doc_number"] for d in docs if d.get("doc_number")] if listed
               else list(issue.get("doc_numbers") or []),
               toc_entries=len(issue["toc"]) if "toc" in issue else None,
               corrections=len(issue["corrections"]) if "corrections" in issue else None,
               warnings=len(issue["warnings"]) if "warnings" in issue else None)
    yield rec


# per-document kinds take (ref, document dict); per-issue kinds take (ref, issue dict)
PER_DOCUMENT: dict[str, Callable[[dict, dict], Iterator[dict]]] = {
    "documents": document_records, "appointments": appointment_records,
    "events": event_records, "citations": citation_records,
}
PER_ISSUE: dict[str, Callable[[dict, dict], Iterator[dict]]] = {
    "toc": toc_records, "issues": issue_records,
}

# CSV columns per kind; dotted names reach into nested dicts (gazette.name).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "issue_key", "source_path", "seq", "lines", "pages", "section", "title",
                  "doc_number", "doc_number_raw", "doc_type", "category", "enclosure_title", "issuer",
                  "recipients", "date", "print_date", "public", "attachments", "gazette.name",
                  "gazette.year", "gazette.issue", "gazette.published", "body"),
    "appointments": ("doc_id", "issue_key", "source_path", "seq", "lines", "doc_title", "doc_number",
                     "date", "action", "person", "position", "note", "body"),
    "events": ("doc_id", "issue_key", "source_path", "seq", "lines", "doc_title", "date", "date_end", "text"),
    "citations": ("doc_id", "issue_key", "source_path", "seq", "lines", "citing_doc_number",
                  "citing_title", "relation", "doc_number", "doc_number_raw", "title"),
    "toc": ("issue_key", "source_path", "position", "lines", "section", "title", "doc_number", "page",
            "document_seq", "doc_id"),
    "issues": ("issue_key", "source_path", "source_format", "kind", "gazette.name", "gazette.publisher",
               "gazette.year", "gazette.issue", "gazette.total_issue", "gazette.published", "documents",
               "doc_numbers", "toc_entries", "corrections", "warnings"),
}

# The record kind name each --what gives (and the name of its schema: export-<name>).
RECORD_NAME = {"documents": "document", "appointments": "appointment", "events": "event",
               "citations": "citation", "toc": "toc", "issues": "issue"}
