"""Searching the index: query + filters → ranked hits with snippets, and facets.

A document number in the query (any bracket form, OCR variant) pins the documents that
carry it to the top, best code match first; the rest of the query ranks the others.
One document found in several sources (the gazette PDF, its DOCX, the web page: the same
`same_doc` key) is one hit, one count in the total and in each facet, its best-ranked copy;
`all_sources` keeps every copy.
"""
from __future__ import annotations

import zlib

from . import docnumber, query as qmod, results, snippet, store
from .segment import query_grams

FACETS = {"category": "category", "year": "year", "issuer": "issuer_exact", "gazette": "gazette"}


def search(query: str, index_dir=None, *, category=None, doc_type=None, issuer=None,
           gazette=None, year=None, date_from=None, date_to=None, limit: int = 10,
           page: int = 1, sort: str = "relevance", facets: bool = False,
           all_sources: bool = False) -> dict:
    """Run a search; returns the documented JSON shape (query, total, hits, facets)."""
    opts = dict(category=category, doc_type=doc_type, issuer=issuer, gazette=gazette, year=year,
                date_from=date_from, date_to=date_to)
    parsed = qmod.checked(query, limit=limit, page=page, sort=sort, **opts)
    with store.searcher(index_dir) as s:
        flt = qmod.filters(**opts)
        pinned = _pinned(s, parsed.doc_numbers, flt)
        q = _combined(s, parsed, pinned)
        if facets or sort != "relevance":
            ranked = _ranked(s, q, flt, pinned, sort, collapse=not all_sources)
            window, total = ranked[(page - 1) * limit: page * limit], len(ranked)
        else:  # only the page is put in order
            window, total = _first(s, q, flt, pinned, page * limit, collapse=not all_sources)
            window = window[(page - 1) * limit:]
        needles = results.needles(parsed)
        out = {"query": query, "total": total, "page": page, "limit": limit, "sort": sort,
               "hits": [_hit(s, docnum, score, needles, docnum in pinned) for docnum, score in window],
               "facets": {}}
        if facets:
            out["facets"] = {name: _facet(s, field, ranked) for name, field in FACETS.items()}
        return out


def _pinned(s, numbers, flt) -> dict[int, float]:
    """Document numbers of documents carrying the query's document numbers → code similarity."""
    from whoosh import query as Q

    found: dict[int, float] = {}
    for dn in numbers:
        for hit in s.s.search(Q.Term("dn_key", dn.key), filter=flt, limit=None):
            stored = docnumber.parse(hit.get("doc_number"))
            sim = docnumber.similarity(stored.code, dn.code) if stored else 0.0
            if sim >= docnumber.MIN_SIMILARITY:
                found[hit.docnum] = max(sim, found.get(hit.docnum, 0.0))
    return found


def _combined(s, parsed, pinned: dict[int, float]):
    """The Whoosh query: the words, AND each document number (carried or cited)."""
    from whoosh import query as Q

    from .substring import Substring

    parts = []
    words_q = qmod.to_whoosh(parsed)
    if words_q is not None:
        parts.append(words_q)
    for dn in parsed.doc_numbers:
        alts = [Substring("doc_number_text", query_grams(dn.canonical)),
                Q.Term("cites", docnumber.cite_key(dn))]
        alts += [Q.Term("id", s.s.stored_fields(n)["id"]) for n in pinned]
        parts.append(Q.Or(alts))
    if not parts:
        return Q.Every()
    return parts[0] if len(parts) == 1 else Q.And(parts)


def _ranked(s, q, flt, pinned, sort, collapse: bool) -> list[tuple[int, float]]:
    """(document number, score) of every match in result order; one per document if
    `collapse` (its best-ranked copy)."""
    return results.ranked(_matches(s, q, flt), pinned, _source_order(s), s.columns("same_doc", False).__getitem__,
                          s.columns("date").__getitem__, sort, collapse)


def _first(s, q, flt, pinned, n: int, collapse: bool) -> tuple[list[tuple[int, float]], int]:
    """The first `n` of `_ranked(…, "relevance", collapse)` and how many it holds."""
    return results.first(_matches(s, q, flt), pinned, _source_order(s), s.columns("same_doc", False).__getitem__,
                         n, collapse)


def _source_order(s):
    """A document's place in (path, seq) order: how ties are broken (the columns as stored:
    same order, nothing decoded)."""
    paths, seqs = s.columns("path", False), s.columns("seq", False)
    return lambda d: (paths[d] or b"", seqs[d] or 0)


def _matches(s, q, flt) -> dict[int, float]:
    """Document number → score of every live document matching `q` and the filter."""
    from whoosh import query as Q

    if isinstance(q, Q.Every) and flt is not None:  # filters only
        q, flt = flt, None
    allowed = set(s.s.docs_for_query(flt)) if flt is not None else None
    out: dict[int, float] = {}
    for leaf, offset in s.s.leaf_searchers():
        found = _scores(q, leaf)
        if offset:
            found = {d + offset: sc for d, sc in found.items()}
        if allowed is not None:
            found = {d: sc for d, sc in found.items() if d in allowed}
        out.update(found)
    return out


def _scores(q, leaf) -> dict[int, float]:
    """Document → score in one segment.  And/Or/AndNot/AndMaybe of string queries are
    combined as dictionaries (Whoosh's matchers would step through them a call per document
    and level); anything else goes through Whoosh's matcher."""
    from whoosh import query as Q

    from .substring import ScoredList

    if isinstance(q, (Q.And, Q.Or)) and q.subqueries:
        return results.combined([_scores(sub, leaf) for sub in q.subqueries], isinstance(q, Q.And))
    if isinstance(q, Q.AndNot):
        a, b = _scores(q.a, leaf), _scores(q.b, leaf)
        return {d: sc for d, sc in a.items() if d not in b}
    if isinstance(q, Q.AndMaybe):
        a, b = _scores(q.a, leaf), _scores(q.b, leaf)
        return {d: sc + b.get(d, 0.0) for d, sc in a.items()}
    m = q.matcher(leaf, leaf.context())
    if isinstance(m, ScoredList):
        return dict(m.items)
    found = {}
    while m.is_active():
        found[m.id()] = m.score()
        m.next()
    return found


def _facet(s, field: str, ranked) -> dict:
    col = s.columns(field)
    return results.facet(col[n] for n, _ in ranked)


def _hit(s, docnum: int, score: float, needles: list[str], pinned: bool) -> dict:
    stored = s.s.stored_fields(docnum)
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
            "score": round(score, 4) if score is not None else None,
            "snippet": snip, "snippet_marks": marks, "doc_number_match": pinned,
            "path": meta.get("path"), "seq": stored.get("seq")}


def iter_stored(index_dir=None, *, category=None, doc_type=None, issuer=None, gazette=None,
                year=None, date_from=None, date_to=None, query=None, all_sources: bool = False):
    """Each stored document matching the filters (and query), as its parse-JSON dict plus
    "issue": {"key", "path", "format", "gazette"}; in issue path then seq order.  A document
    in several sources comes once (its best-ranked copy), unless `all_sources`."""
    from whoosh import query as Q

    with store.searcher(index_dir) as s:
        flt = qmod.filters(category=category, doc_type=doc_type, issuer=issuer, gazette=gazette,
                           year=year, date_from=date_from, date_to=date_to)
        if query:
            parsed = qmod.parse(query)
            pinned = _pinned(s, parsed.doc_numbers, flt)
            q = _combined(s, parsed, pinned)
        else:
            pinned, q = {}, Q.Every()
        ranked = _ranked(s, q, flt, pinned, "relevance", collapse=not all_sources)
        paths, seqs = s.columns("path"), s.columns("seq")
        for docnum in sorted((n for n, _ in ranked), key=lambda n: (paths[n] or "", seqs[n] or 0)):
            yield store.stored_document(s.s.stored_fields(docnum))
