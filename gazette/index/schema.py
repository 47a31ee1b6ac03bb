"""The index schema, and how one parsed document becomes one index record.

Text fields use our analyzer; exact fields (ID) serve filters, facets and doc-number
lookup; the document's whole parse JSON is stored compressed in `doc`, so a hit is shown
without re-parsing.  `record()` is pure and runs in the ingest worker processes.
"""
from __future__ import annotations

import json
import math
import zlib
from datetime import datetime

from . import docnumber

SCHEMA_VERSION = 1
# a query string matches the grams of `chars` (title, number, issuer, recipients, people and
# body in one field); the string in the title, or its words found as words in `text`, add
TITLE_BOOST = 3.0
WORD_BOOST = 2.0
K1, B = 1.2, 0.75  # BM25


def idf(n: int, df: int) -> float:
    """BM25's inverse document frequency of a term in `df` of `n` documents."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def build_schema(segmenter: str):
    """The Whoosh schema of a gazette index.

    `text` holds the words of the whole document (ranking: how often, how rare); `chars`
    holds its grams with positions (matching: any string).  The other text fields hold grams
    only: a field query or a filter there matches any part of a name."""
    from whoosh import fields

    from .analyzer import GRAMS, WORDS, GazetteTokenizer, GramPositions, WordFrequencies

    def grams(stored=False):
        field = fields.TEXT(analyzer=GazetteTokenizer(GRAMS, segmenter), stored=stored, phrase=True)
        field.format = GramPositions(field_boost=1.0)
        return field

    words = fields.TEXT(analyzer=GazetteTokenizer(WORDS, segmenter), phrase=False)
    words.format = WordFrequencies(field_boost=1.0)

    def exact(sortable=False):
        return fields.ID(stored=True, sortable=sortable)

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        issue_key=exact(), path=exact(sortable=True), format=exact(), path_key=fields.ID(),
        seq=fields.NUMERIC(stored=True, sortable=True),
        gazette=exact(sortable=True), gazette_text=grams(),
        gazette_meta=fields.STORED(),
        section=exact(), doc_number=exact(), dn_key=fields.ID(), doc_number_text=grams(),
        cites=fields.KEYWORD(),
        doc_type=exact(sortable=True), category=exact(sortable=True),
        title=grams(stored=True), text=words, chars=grams(), issuer=grams(stored=True),
        issuer_exact=fields.ID(sortable=True), recipients=grams(),
        people=grams(), date=fields.DATETIME(sortable=True), date_iso=fields.STORED(),
        year=exact(sortable=True), doc=fields.STORED(), body_z=fields.STORED(),
        same_doc=fields.ID(sortable=True),
    )


def pack(obj) -> bytes:
    return zlib.compress(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def unpack(blob: bytes):
    return json.loads(zlib.decompress(blob).decode("utf-8"))


def issue_meta(issue: dict) -> dict:
    """What every record keeps of its issue (for `iter_stored`, `list`, hits)."""
    src = issue.get("source") or {}
    return {"key": src.get("sha256"), "path": src.get("path"), "format": src.get("format"),
            "gazette": dict(issue.get("gazette") or {}), "kind": issue.get("kind")}


def _date(value):
    try:
        return datetime.strptime(value, "%Y-%m-%d") if value else None
    except (TypeError, ValueError):
        return None


def _year(doc: dict, gazette: dict) -> str | None:
    for value in (doc.get("date"), doc.get("print_date"), gazette.get("published")):
        if value and len(value) >= 4 and value[:4].isdigit():
            return value[:4]
    return str(gazette["year"]) if gazette.get("year") else None


def _full_text(doc: dict) -> str:
    """Body plus attachment and chronicle text not already in the body."""
    body = doc.get("body") or ""
    extra = [p.get("text") or "" for p in doc.get("attachments_parts") or []]
    extra += [e.get("text") or "" for e in doc.get("events") or []]
    extra = [t for t in extra if t and t[:60] not in body]
    return "\n".join([body, *extra]) if extra else body


def _title(doc: dict) -> str:
    return " ".join(t for t in (doc.get("title"), doc.get("enclosure_title")) if t)


def _people(doc: dict) -> str:
    return " ".join(sorted({a.get("person") or "" for a in doc.get("appointments") or []} - {""}))


def whole_text(doc: dict) -> str:
    """Everything a plain query searches: title, number, issuer, recipients, people, text."""
    return "\n".join(filter(None, (_title(doc), doc.get("doc_number"), doc.get("issuer"),
                                   doc.get("recipients"), _people(doc), _full_text(doc))))


def same_document_key(doc: dict, gazette: dict | None = None) -> str:
    """What one document has in common across its sources (gazette PDF, DOCX, web page):
    its number, else its title and date, else its title and issue (gazette name, year and
    issue number: a chronicle has neither number nor date); "" when nothing identifies it."""
    if doc.get("doc_number"):
        return doc["doc_number"]
    if doc.get("title") and doc.get("date"):
        return f"{doc['title']}|{doc['date']}"
    g = gazette or {}
    if doc.get("title") and g.get("name") and g.get("year") and g.get("issue"):
        return f"{doc['title']}|{g['name']}|{g['year']}|{g['issue']}"
    return ""


def _cite_keys(doc: dict) -> list[str]:
    """Keys of the document numbers a document cites (its citation records)."""
    keys = set()
    for c in doc.get("citations") or []:
        dn = docnumber.parse(c.get("doc_number")) or docnumber.parse(c.get("doc_number_raw"))
        if dn:
            keys.add(docnumber.cite_key(dn))
    return sorted(keys)


def record(issue: dict, doc: dict, segmenter: str) -> dict:
    """The index record of one document; text fields carry their postings computed."""
    from .analyzer import packed_fields, packed_grams

    meta = issue_meta(issue)
    g = meta["gazette"]
    key = meta["key"]
    dn = docnumber.parse(doc.get("doc_number")) or docnumber.parse(doc.get("doc_number_raw"))
    title, people = _title(doc), _people(doc)
    text_words, text_grams = packed_fields(whole_text(doc), segmenter)
    rec = {
        "id": f"{key}:{doc['seq']}", "issue_key": key, "path": meta["path"],
        "path_key": f"{meta['path']}\n{key}",
        "format": meta["format"] or "", "seq": int(doc["seq"]),
        "gazette": g.get("name") or "", "gazette_text": packed_grams(g.get("name") or ""),
        "gazette_meta": meta,
        "section": doc.get("section") or "", "doc_number": doc.get("doc_number") or "",
        "dn_key": dn.key if dn else "",
        "cites": " ".join(_cite_keys(doc)),
        "doc_number_text": packed_grams(" ".join(filter(None, (doc.get("doc_number"), doc.get("doc_number_raw"))))),
        "doc_type": doc.get("doc_type") or "", "category": doc.get("category") or "other",
        "title": packed_grams(title), "_stored_title": doc.get("title") or "",
        "text": text_words, "chars": text_grams,
        "issuer": packed_grams(doc.get("issuer") or ""), "_stored_issuer": doc.get("issuer") or "",
        "issuer_exact": doc.get("issuer") or "",
        "recipients": packed_grams(doc.get("recipients") or ""),
        "people": packed_grams(people),
        "year": _year(doc, g) or "",
        "same_doc": same_document_key(doc, g),
        "doc": pack(doc),
        "body_z": zlib.compress((doc.get("body") or "").encode("utf-8"), 1),
    }
    when = _date(doc.get("date"))
    if when:  # the date is read back from `date_iso`: Whoosh forks differ on reading columns
        rec["date"], rec["date_iso"] = when, doc["date"]
    return {k: v for k, v in rec.items() if v not in ("", [], None) or k in ("id", "issue_key", "doc")}
