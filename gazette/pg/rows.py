"""One parsed issue as the archive's rows (runs in the ingest worker processes: parsing,
segmentation and token strings are done there; the writing process only copies rows)."""
from __future__ import annotations

import json
import os

from ..index import docnumber
from ..index.parallel import parsed_issue
from ..index.schema import _cite_keys, _date, _people, _title, _year, issue_meta, same_document_key, whole_text
from ..index.segment import analyse
from . import tokens

ISSUE_COLUMNS = ("key", "path", "format", "encoding", "pages", "kind", "gazette_name", "publisher", "year",
                 "issue", "total_issue", "published", "gazette", "metadata", "toc", "corrections", "documents",
                 "n_chars", "n_words", "n_title", "n_issuer", "n_recipients", "n_people", "n_number", "n_gazette")
DOCUMENT_COLUMNS = ("id", "issue_key", "seq", "path", "section", "title", "enclosure_title", "doc_number",
                    "doc_number_raw", "dn_key", "doc_type", "category", "issuer", "recipients", "date",
                    "print_date", "year", "same_doc", "first_line", "last_line", "first_page", "last_page",
                    "body", "doc", "cites", "chars", "title_s", "issuer_s", "recipients_s", "people_s",
                    "number_s", "gazette_s", "n_chars", "n_words", "n_title", "n_issuer", "n_recipients",
                    "n_people", "n_number", "n_gazette", "lex", "lex_complete")
LENGTHS = ("n_chars", "n_words", "n_title", "n_issuer", "n_recipients", "n_people", "n_number", "n_gazette")
WARNING_COLUMNS = ("issue_key", "n", "code", "message", "line")
APPOINTMENT_COLUMNS = ("issue_key", "doc_id", "n", "action", "person", "position", "note", "date", "doc_number", "body",
                       "first_line", "last_line")
EVENT_COLUMNS = ("issue_key", "doc_id", "n", "date", "date_end", "text", "first_line", "last_line")
CITATION_COLUMNS = ("issue_key", "doc_id", "n", "doc_number", "doc_number_raw", "title", "relation", "first_line", "last_line")


def prepare_file(path: str, segmenter: str, password: str | None = None, ocr: bool = False) -> dict:
    """Worker: parse one file and build its rows."""
    issue = parsed_issue(path, password, ocr)
    if "error" in issue:
        return issue
    return {"path": path, "key": issue["source"]["sha256"], "rows": issue_rows(issue, segmenter),
            "documents": len(issue["documents"]), "warnings": len(issue.get("warnings") or []),
            "bytes": os.path.getsize(path)}


def clean(value):
    """A value PostgreSQL text takes: NUL and undecodable bytes (lone surrogates) → U+FFFD."""
    if not isinstance(value, str) or value.isascii() and "\x00" not in value:
        return value
    value = value.replace("\x00", "\ufffd")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return value


def _clean_rows(rows: list[tuple]) -> list[tuple]:
    return [tuple(clean(v) for v in row) for row in rows]


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _span(value, i: int):
    return value[i] if isinstance(value, (list, tuple)) and len(value) > i else None


def _int(value):
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _as_whoosh_stores(length: int) -> int:
    """A field length as the Whoosh index keeps it (one byte, a few per cent off above 30), so
    that both engines' BM25 scores are the same."""
    from whoosh.util.numeric import byte_to_length, length_to_byte

    return byte_to_length(length_to_byte(length)) if length else 0


def document_row(issue: dict, doc: dict, segmenter: str) -> tuple[tuple, dict]:
    """(row in DOCUMENT_COLUMNS order, lengths) of one document."""
    meta = issue_meta(issue)
    g, key = meta["gazette"], meta["key"]
    whole = whole_text(doc)
    words, grams = analyse(whole, segmenter)
    lexemes = set(grams) | tokens.word_lexemes(words)
    fields = {}
    for name, text in (("title", _title(doc)), ("issuer", doc.get("issuer") or ""),
                       ("recipients", doc.get("recipients") or ""), ("people", _people(doc)),
                       ("doc_number_text", " ".join(filter(None, (doc.get("doc_number"), doc.get("doc_number_raw"))))),
                       ("gazette_text", g.get("name") or "")):
        string, length, field_lexemes = tokens.field_grams(text)
        prefix = tokens.FIELDS[name][2]
        lexemes |= {prefix + lx for lx in field_lexemes}
        fields[name] = (string, length)
    lex, complete = tokens.tsvector(lexemes)
    dn = docnumber.parse(doc.get("doc_number")) or docnumber.parse(doc.get("doc_number_raw"))
    when = _date(doc.get("date"))
    lengths = {"n_chars": sum(len(p) for p in grams.values()), "n_words": len(words),
               "n_title": fields["title"][1], "n_issuer": fields["issuer"][1],
               "n_recipients": fields["recipients"][1], "n_people": fields["people"][1],
               "n_number": fields["doc_number_text"][1], "n_gazette": fields["gazette_text"][1]}
    lengths = {k: _as_whoosh_stores(v) for k, v in lengths.items()}
    stored = {k: (None if k == "body" else v) for k, v in doc.items()}  # the body has its own column
    row = (f"{key}:{doc['seq']}", key, int(doc["seq"]), meta["path"], doc.get("section"), doc.get("title"),
           doc.get("enclosure_title"), doc.get("doc_number"), doc.get("doc_number_raw"), dn.key if dn else None,
           doc.get("doc_type"), doc.get("category") or "other", doc.get("issuer"), doc.get("recipients"),
           when.date().isoformat() if when else None, doc.get("print_date"), _year(doc, g),
           same_document_key(doc, g) or None, _span(doc.get("lines"), 0), _span(doc.get("lines"), 1),
           _span(doc.get("pages"), 0), _span(doc.get("pages"), 1), doc.get("body") or "", _json(stored),
           _cite_keys(doc), tokens.token_string(whole),
           fields["title"][0], fields["issuer"][0], fields["recipients"][0], fields["people"][0],
           fields["doc_number_text"][0], fields["gazette_text"][0], *(lengths[k] for k in LENGTHS), lex, complete)
    return row, lengths


def issue_rows(issue: dict, segmenter: str) -> dict:
    """Every row of one issue, by table."""
    meta = issue_meta(issue)
    key, g, src = meta["key"], meta["gazette"], issue.get("source") or {}
    docs, totals = [], dict.fromkeys(LENGTHS, 0)
    appointments, events, citations = [], [], []
    for doc in issue.get("documents") or []:
        row, lengths = document_row(issue, doc, segmenter)
        docs.append(row)
        for k, v in lengths.items():
            totals[k] += v
        doc_id = row[0]
        for n, a in enumerate(doc.get("appointments") or []):
            appointments.append((key, doc_id, n, a.get("action"), a.get("person"), a.get("position"), a.get("note"),
                                 a.get("date"), a.get("doc_number"), a.get("body"),
                                 _span(a.get("lines"), 0), _span(a.get("lines"), 1)))
        for n, e in enumerate(doc.get("events") or []):
            events.append((key, doc_id, n, e.get("date"), e.get("date_end"), e.get("text"),
                           _span(e.get("lines"), 0), _span(e.get("lines"), 1)))
        for n, c in enumerate(doc.get("citations") or []):
            citations.append((key, doc_id, n, c.get("doc_number"), c.get("doc_number_raw"), c.get("title"),
                              c.get("relation"), _span(c.get("lines"), 0), _span(c.get("lines"), 1)))
    issue_row = (key, src.get("path"), src.get("format"), src.get("encoding"), _int(src.get("pages")),
                 issue.get("kind"), g.get("name"), g.get("publisher"), _int(g.get("year")), g.get("issue"),
                 g.get("total_issue"), g.get("published"), _json(g), _json(issue.get("metadata") or {}),
                 _json(issue.get("toc") or []), _json(issue.get("corrections") or []), len(docs),
                 *(totals[k] for k in LENGTHS))
    warnings = [(key, n, w.get("code") or "", w.get("message"), _int(w.get("line")))
                for n, w in enumerate(issue.get("warnings") or [])]
    tables = {"issues": [issue_row], "warnings": warnings, "documents": docs, "appointments": appointments,
              "events": events, "citations": citations}
    return {name: _clean_rows(rows) for name, rows in tables.items()}


TABLES = {"issues": ISSUE_COLUMNS, "warnings": WARNING_COLUMNS, "documents": DOCUMENT_COLUMNS,
          "appointments": APPOINTMENT_COLUMNS, "events": EVENT_COLUMNS, "citations": CITATION_COLUMNS}
