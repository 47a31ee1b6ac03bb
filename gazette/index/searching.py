"""Searching the index: query + filters → ranked hits with snippets, and facets.

A document number in the query (any bracket form, OCR variant) pins the documents that
carry it to the top, best code match first; the rest of the query ranks the others.
"""
from __future__ import annotations

from ..errors import UsageError
from . import docnumber, query as qmod, snippet, store
from .segment import terms, tokens, words

SORTS = ("relevance", "date", "-date")
FACETS = {"category": "category", "year": "year", "issuer": "issuer_exact", "gazette": "gazette"}


def search(query: str, index_dir=None, *, category=None, doc_type=None, issuer=None,
           gazette=None, year=None, date_from=None, date_to=None, limit: int = 10,
           page: int = 1, sort: str = "relevance", facets: bool = False,
           all_sources: bool = False) -> dict:
    """Run a search; returns the documented JSON shape (query, total, hits, facets).

    One document found in several sources (the gazette PDF, its DOCX, the web page) is one
    hit, its best-ranked copy, unless `all_sources`."""
    if limit < 1 or page < 1:
        raise UsageError("--limit and --page must be 1 or more")
    if sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r}", hint="one of " + ", ".join(SORTS))
    parsed = qmod.parse(query)
    opts = dict(category=category, doc_type=doc_type, issuer=issuer, gazette=gazette, year=year,
                date_from=date_from, date_to=date_to)
    if not parsed.groups and not parsed.doc_numbers and not any(opts.values()):
        raise UsageError("the query is empty", hint="give words to look for, or a filter such as --category")
    with store.searcher(index_dir) as s:
        seg = s.manifest.get("segmenter", "rjieba")
        flt = qmod.filters(segmenter=seg, **opts)
        pinned = _pinned(s, parsed.doc_numbers, flt)
        q = _combined(parsed, pinned, seg)
        return _run(s, query, q, flt, pinned, _needles(parsed, seg), limit, page, sort, facets,
                    not all_sources)


def _pinned(s, numbers, flt) -> list[str]:
    """Ids of documents carrying the query's document numbers, best code match first."""
    from whoosh import query as Q

    found: dict[str, float] = {}
    for dn in numbers:
        for hit in s.search(Q.Term("dn_key", dn.key), filter=flt, limit=None):
            stored = docnumber.parse(hit.get("doc_number"))
            sim = docnumber.similarity(stored.code, dn.code) if stored else 0.0
            if sim >= docnumber.MIN_SIMILARITY:
                found[hit["id"]] = max(sim, found.get(hit["id"], 0.0))
    return sorted(found, key=lambda i: -found[i])


def _combined(parsed, pinned: list[str], seg: str):
    """The Whoosh query: the words, AND each document number (pinned ids or cited in text)."""
    from whoosh import query as Q

    parts = []
    words_q = qmod.to_whoosh(parsed, seg)
    if words_q is not None:
        parts.append(words_q)
    for dn in parsed.doc_numbers:
        seq = words(tokens(dn.canonical, seg))
        alts = [Q.Term("id", i, boost=10.0) for i in pinned]
        alts += [Q.Phrase("doc_number_text", seq), Q.Term("cites", docnumber.cite_key(dn))]
        parts.append(Q.Or(alts))
    if not parts:
        return Q.Every()
    return parts[0] if len(parts) == 1 else Q.And(parts)


def _run(s, raw_query, q, flt, pinned, needles, limit, page, sort, want_facets, collapse) -> dict:
    from whoosh import query as Q, sorting

    if isinstance(q, Q.Every) and flt is not None:  # filters only: Whoosh collapses no Every()
        q, flt = flt, None
    # optimize=False: score every match (no block skipping), so the total comes free
    kwargs = {"filter": flt, "limit": page * limit + len(pinned), "optimize": False}
    if collapse:
        kwargs["collapse"] = sorting.FieldFacet("same_doc")
    if sort != "relevance":
        kwargs.update(sortedby="date", reverse=sort == "-date")
    if want_facets:
        kwargs["groupedby"] = {name: sorting.FieldFacet(f, maptype=sorting.Count)
                               for name, f in FACETS.items()}
    results = s.search(q, **kwargs)
    total = len(results)
    ordered = list(results)
    if pinned and sort == "relevance":
        rank = {i: n for n, i in enumerate(pinned)}
        ordered.sort(key=lambda h: (rank.get(h["id"], len(rank)), -(h.score or 0)))
    window = ordered[(page - 1) * limit: page * limit]
    out = {"query": raw_query, "total": total, "page": page, "limit": limit, "sort": sort,
           "hits": [_hit(h, needles, h["id"] in pinned) for h in window], "facets": {}}
    if want_facets:
        out["facets"] = {name: _facet(results, name) for name in FACETS}
    return out


def _facet(results, name: str) -> dict:
    counts = results.groups(name)
    items = [(k.decode() if isinstance(k, bytes) else k, v) for k, v in counts.items()]
    return {k or "(none)": v for k, v in sorted(items, key=lambda kv: (-kv[1], str(kv[0])))}


def _needles(parsed, seg: str) -> list[str]:
    """Strings to find in the text for the snippet: the query words, then their tokens."""
    out = list(parsed.terms)
    for t in parsed.terms:
        out += [w for w in terms(tokens(t, seg)) if len(w) > 1]
    for dn in parsed.doc_numbers:
        out += [dn.canonical, f"{dn.year}〕{dn.serial}号"]
    return out


def _hit(hit, needles: list[str], pinned: bool) -> dict:
    import zlib

    stored = hit.fields()  # stored values only (whoosh3's hit.get() reads sortable columns)
    meta = stored.get("gazette_meta") or {}
    g = meta.get("gazette") or {}
    body_z = stored.get("body_z")
    text = zlib.decompress(body_z).decode("utf-8") if body_z else ""
    snip, marks = snippet.make(text, needles)
    return {"id": stored["id"], "doc_number": stored.get("doc_number") or None,
            "title": stored.get("title") or None, "category": stored.get("category") or None,
            "doc_type": stored.get("doc_type") or None, "issuer": stored.get("issuer") or None,
            "date": stored.get("date_iso"),
            "gazette": {"name": g.get("name"), "year": g.get("year"), "issue": g.get("issue")},
            "score": round(hit.score, 4) if hit.score is not None else None,
            "snippet": snip, "snippet_marks": marks, "doc_number_match": pinned,
            "path": meta.get("path"), "seq": stored.get("seq")}


def iter_stored(index_dir=None, *, category=None, doc_type=None, issuer=None, gazette=None,
                year=None, date_from=None, date_to=None, query=None):
    """Each stored document matching the filters (and query), as its parse-JSON dict plus
    "issue": {"key", "path", "format", "gazette"}; in issue path then seq order."""
    from whoosh import query as Q

    with store.searcher(index_dir) as s:
        seg = s.manifest.get("segmenter", "rjieba")
        flt = qmod.filters(category=category, doc_type=doc_type, issuer=issuer, gazette=gazette,
                           year=year, date_from=date_from, date_to=date_to, segmenter=seg)
        if query:
            parsed = qmod.parse(query)
            q = _combined(parsed, _pinned(s, parsed.doc_numbers, flt), seg)
        else:
            q = Q.Every()
        hits = s.search(q, filter=flt, limit=None)
        order = sorted(((h.fields().get("path") or "", h.fields().get("seq") or 0, h.docnum) for h in hits))
        for _, _, docnum in order:
            yield store.stored_document(s.stored_fields(docnum))
