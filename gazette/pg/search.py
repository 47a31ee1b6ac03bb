"""Searching the archive: the Whoosh engine's query language, matching and ranking, in SQL.

A string clause is one statement: its grams (a tsquery on the GIN-indexed lexemes) find the
candidates, `strpos` on the token strings keeps those that contain the string (so the total is
exact), and the same statement returns what BM25 needs: the string's count in the document,
the field's length, the counts of the query's words, whether the title has it.  Scores are
computed here exactly as the Whoosh engine computes them (`gazette.index.substring`), over
the whole archive instead of one segment; And/Or/Not combine dictionaries of scores as there;
document numbers, filters, copies, pages, sorts and facets follow `gazette.index.searching`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..index import docnumber, query as qmod, results, snippet
from ..index.schema import B, K1, idf
from ..index.segment import MAX_WORD, fold, fold_runs, longest_words, query_grams
from . import tokens
from .rows import clean

FACETS = ("category", "year", "issuer", "gazette")
EXACT = {"category": "category", "doc_type": "doc_type", "year": "year", "section": "section",
         "id": "id", "issue_key": "issue_key"}  # Whoosh field → column
EVERY = ("every",)
HIT_COLUMNS = ("d.docid, d.id, d.doc_number, d.title, d.category, d.doc_type, d.issuer, d.date, "
               "i.gazette_name, i.year, i.issue, d.path, d.seq, d.body")


@dataclass
class Meta:
    """What ranking needs of a matched document."""
    same_doc: str | None
    date: object
    path: str
    seq: int
    category: str | None
    year: str | None
    issuer: str | None
    gazette: str | None


class Archive:
    """One search's view of the archive (one connection, one snapshot's statistics)."""

    def __init__(self, conn):
        self.conn = conn
        self.cur = conn.cursor()
        self._stats = None
        self._df: dict[str, int] = {}

    # ---------------------------------------------------------------- statistics

    def stats(self) -> dict:
        """Document count and the average length of every field."""
        if self._stats is None:
            cols = [tokens.FIELDS[f][1] for f in tokens.FIELDS] + ["n_words"]
            self.cur.execute("SELECT coalesce(sum(documents), 0), " +
                             ", ".join(f"coalesce(sum({c}), 0)::float8" for c in cols) + " FROM issues")
            n, *sums = self.cur.fetchone()
            self._stats = {"n": int(n), **{c: (s / n if n else 0) or 1.0 for c, s in zip(cols, sums)}}
        return self._stats

    def norm(self, length_col: str, length: int) -> float:
        return K1 * (1 - B + B * length / self.stats()[length_col])

    def word_df(self, words: list[str]) -> dict[str, int]:
        """How many documents have each word as a word (0: not in the archive's vocabulary)."""
        todo = [w for w in dict.fromkeys(words) if w not in self._df]
        if todo:
            self.cur.execute(
                "SELECT x.w, (SELECT count(*) FROM documents d WHERE d.lex @@ x.q) "
                "FROM unnest(%s::text[], %s::tsquery[]) AS x(w, q)",
                [todo, [tokens.quote(tokens.word_prefix(w)) + ":*" for w in todo]])
            self._df.update({w: int(n) for w, n in self.cur.fetchall()})
        return {w: self._df[w] for w in words}

    def word_counts(self, words: list[str]) -> dict[str, dict[int, int]]:
        """Word → document → how often the document has it (every document that has it),
        read from the index: one probe per bit of the count."""
        out: dict[str, dict[int, int]] = {w: {} for w in words}
        if words:
            probes = [(w, bit) for w in words for bit in range(tokens.TF_BITS)]
            self.cur.execute(
                "SELECT x.i, d.docid FROM unnest(%s::tsquery[]) WITH ORDINALITY AS x(q, i) "
                "JOIN documents d ON d.lex @@ x.q",
                [[tokens.quote(f"{tokens.word_prefix(w)}{bit}") for w, bit in probes]])
            for i, docid in self.cur.fetchall():
                w, bit = probes[i - 1]
                out[w][docid] = out[w].get(docid, 0) | 1 << bit
        return out

    def words(self, text: str) -> list[str]:
        """The words of a query string as the archive has them: the longest word of its
        vocabulary at each point (`postings.Segment.words` of the Whoosh engine)."""
        runs = list(fold_runs(text))
        candidates = [han[i:i + n] for han, _, _ in runs if han
                      for i in range(len(han)) for n in range(2, min(MAX_WORD, len(han) - i) + 1)]
        df = self.word_df(candidates)
        return longest_words(runs, df.get)

    # ---------------------------------------------------------------- leaves

    def string(self, field: str, text: str, grams, *, ranked: bool = False, loose: bool = False) -> dict[int, float]:
        """Documents whose `field` contains the string → score (`substring.Substring`).
        `ranked`: a plain query's bonuses (its words as words, the title); `loose`: documents
        with all its words apart match too, scored by their words."""
        col, len_col, prefix = tokens.FIELDS[field]
        needle = tokens.needle(text)
        if not needle or not grams:
            return {}
        words = self.words(text) if ranked and qmod.WORD_BOOST else []
        single = len(words) == 1 and words[0] == fold(text)
        loose = loose and len(words) > 1 and all(len(w) > 1 for w in words)
        # the string's count in every document that has it (each token string read once; the
        # octet length of an uncompressed value is read from its header)
        title = ranked and qmod.TITLE_BOOST
        self.cur.execute(
            f"SELECT s.* FROM (SELECT d.docid, (octet_length(d.{col}) - octet_length(replace(d.{col}, %s, ''))) / %s "
            f"AS count, d.{len_col}, d.n_words, " + ("strpos(d.title_s, %s) > 0" if title else "false") +
            " FROM documents d WHERE d.lex @@ %s::tsquery OR NOT d.lex_complete OFFSET 0) s WHERE s.count > 0",
            [needle, len(needle.encode("utf-8"))] + ([needle] if title else []) + [tokens.tsquery(prefix, grams)])
        rows = {docid: rest for docid, *rest in self.cur.fetchall()}
        n = self.stats()["n"]
        n_match = len(rows)
        tfs = self.word_counts(words)
        if loose:  # documents with all the string's words apart: scored by their words only
            apart = set.intersection(*(set(tfs[w]) for w in words)).difference(rows)
            if apart:
                self.cur.execute("SELECT docid, 0, 0, n_words, false FROM documents WHERE docid = ANY(%s)",
                                 [list(apart)])
                rows.update((docid, rest) for docid, *rest in self.cur.fetchall())
        scale = idf(n, n_match) * (K1 + 1)
        dfs = self.word_df(words) if words else {}
        title_bonus = qmod.TITLE_BOOST * idf(n, max(1, n_match)) if title else 0.0
        out: dict[int, float] = {}
        for docid, (count, length, n_words, in_title) in rows.items():
            score = 0.0
            if count > 0:
                tf = (tfs[words[0]].get(docid) or count) if single else count
                score = scale * tf / (tf + self.norm(len_col, length))
            for w in words:
                tf = tfs[w].get(docid)
                if tf:
                    score += (qmod.WORD_BOOST * idf(n, dfs[w]) * (K1 + 1) * tf
                              / (tf + self.norm("n_words", n_words)))
            if in_title:
                score += title_bonus
            out[docid] = score
        return out

    def exact(self, field: str, value: str) -> dict[int, float]:
        """Documents with an exact value (a Whoosh ID field: weight 1)."""
        self.cur.execute(f"SELECT docid FROM documents WHERE {EXACT[field]} = %s", [clean(value)])
        return {d: 1.0 for (d,) in self.cur.fetchall()}

    def cites(self, key: str) -> dict[int, float]:
        self.cur.execute("SELECT docid FROM documents WHERE cites @> ARRAY[%s]", [key])
        return {d: 1.0 for (d,) in self.cur.fetchall()}

    def every(self) -> dict[int, float]:
        self.cur.execute("SELECT docid FROM documents")
        return {d: 1.0 for (d,) in self.cur.fetchall()}

    # ---------------------------------------------------------------- filters

    def where(self, flt: qmod.Filters) -> tuple[str, list]:
        """The filters as an SQL condition on `d` (TRUE if none)."""
        parts, params = [], []
        for col, value in (("category", flt.category), ("doc_type", flt.doc_type), ("year", flt.year)):
            if value:
                parts.append(f"d.{col} = %s")
                params.append(clean(value))
        for field, value in (("issuer", flt.issuer), ("gazette_text", flt.gazette)):
            if value:
                parts.append(f"strpos(d.{tokens.FIELDS[field][0]}, %s) > 0")
                params.append(tokens.needle(value))
        if flt.start or flt.end:
            parts.append("d.date IS NOT NULL")
            if flt.start:
                parts.append("d.date >= %s")
                params.append(flt.start.date())
            if flt.end:
                parts.append("d.date <= %s")
                params.append(flt.end.date())
        return (" AND ".join(parts) or "TRUE"), params

    def filter_scores(self, flt: qmod.Filters) -> dict[int, float]:
        """Filters alone (no query): their scores as the Whoosh engine's filter query gives
        them (a name's BM25 in its field; 1 for an exact value or the period)."""
        parts = []
        for field, value in (("issuer", flt.issuer), ("gazette_text", flt.gazette)):
            if value:
                parts.append(self.string(field, value, query_grams(value)))
        cond, params = self.where(flt)
        self.cur.execute(f"SELECT d.docid FROM documents d WHERE {cond}", params)
        allowed = [d for (d,) in self.cur.fetchall()]
        constant = sum(1.0 for v in (flt.category, flt.doc_type, flt.year) if v) + (1.0 if flt.start or flt.end else 0.0)
        return {d: constant + sum(p.get(d, 0.0) for p in parts) for d in allowed}

    def meta(self, docids, flt: qmod.Filters | None) -> dict[int, Meta]:
        """Ranking data of the documents that pass the filters."""
        cond, params = self.where(flt) if flt else ("TRUE", [])
        self.cur.execute("SELECT d.docid, d.same_doc, d.date, d.path, d.seq, d.category, d.year, d.issuer, "
                         "i.gazette_name FROM documents d JOIN issues i ON i.key = d.issue_key "
                         f"WHERE d.docid = ANY(%s) AND {cond}", [list(docids), *params])
        return {r[0]: Meta(*r[1:]) for r in self.cur.fetchall()}


# -------------------------------------------------------------------- the query tree

def to_tree(parsed: qmod.Parsed):
    """The parsed words as a tree of ("and"|"or", [nodes]), ("andnot", a, b) and leaves
    (`query.to_whoosh`); None if there are no words."""
    parts, nots = [], []
    for group in parsed.groups:
        alts = [a for a in (_leaf(c) for c in group) if a is not None]
        if not alts:
            continue
        node = alts[0] if len(alts) == 1 else ("or", alts)
        (nots if group[0].negated else parts).append(node)
    if not parts and not nots:
        return None
    base = ("and", parts) if len(parts) > 1 else parts[0] if parts else EVERY
    for node in nots:
        base = ("andnot", base, node)
    return base


def _leaf(c: qmod.Clause):
    if c.field and qmod.FIELDS[c.field][1]:
        return ("exact", qmod.FIELDS[c.field][0], c.text)
    field = qmod.FIELDS[c.field][0] if c.field else "chars"
    grams = query_grams(c.text)
    if not grams:
        return None
    if field != "chars":
        return ("string", field, c.text, grams, False, False)
    return ("string", field, c.text, grams, True, not c.phrase)


def combined(archive: Archive, parsed, pinned: dict[int, float]):
    """The words AND each document number (carried, cited, or one of the pinned documents)."""
    parts = []
    words = to_tree(parsed)
    if words is not None:
        parts.append(words)
    for dn in parsed.doc_numbers:
        alts = [("string", "doc_number_text", dn.canonical, query_grams(dn.canonical), False, False),
                ("cites", docnumber.cite_key(dn))]
        alts += [("ids", list(pinned))] if pinned else []
        parts.append(("or", alts))
    if not parts:
        return EVERY
    return parts[0] if len(parts) == 1 else ("and", parts)


def scores(archive: Archive, node) -> dict[int, float]:
    """Document → score of every document matching the tree (`searching._scores`)."""
    kind = node[0]
    if kind in ("and", "or"):
        return results.combined([scores(archive, sub) for sub in node[1]], kind == "and")
    if kind == "andnot":
        a, b = scores(archive, node[1]), scores(archive, node[2])
        return {d: sc for d, sc in a.items() if d not in b}
    if kind == "string":
        _, field, text, grams, ranked, loose = node
        return archive.string(field, text, grams, ranked=ranked, loose=loose)
    if kind == "exact":
        return archive.exact(node[1], node[2])
    if kind == "cites":
        return archive.cites(node[1])
    if kind == "ids":
        return {d: 1.0 for d in node[1]}
    return archive.every()


def pinned_numbers(archive: Archive, numbers, flt: qmod.Filters) -> dict[int, float]:
    """Documents carrying the query's document numbers → code similarity."""
    found: dict[int, float] = {}
    cond, params = archive.where(flt)
    for dn in numbers:
        archive.cur.execute(f"SELECT d.docid, d.doc_number FROM documents d WHERE d.dn_key = %s AND {cond}",
                            [dn.key, *params])
        for docid, number in archive.cur.fetchall():
            stored = docnumber.parse(number)
            sim = docnumber.similarity(stored.code, dn.code) if stored else 0.0
            if sim >= docnumber.MIN_SIMILARITY:
                found[docid] = max(sim, found.get(docid, 0.0))
    return found


def rank(archive: Archive, tree, flt: qmod.Filters, pinned, sort: str, collapse: bool):
    """(ranked [(docid, score)], meta of every match)."""
    if tree is EVERY and flt:  # filters only
        found = archive.filter_scores(flt)
        meta = archive.meta(found, None)
    else:
        found = scores(archive, tree)
        meta = archive.meta(found, flt if flt else None)
        found = {d: sc for d, sc in found.items() if d in meta}
    ranked = results.ranked(found, pinned, lambda d: (meta[d].path or "", meta[d].seq or 0),
                            lambda d: meta[d].same_doc, lambda d: meta[d].date, sort, collapse)
    return ranked, meta


# -------------------------------------------------------------------- the engine's calls

def search(conn, query: str, *, category=None, doc_type=None, issuer=None, gazette=None, year=None,
           date_from=None, date_to=None, limit: int = 10, page: int = 1, sort: str = "relevance",
           facets: bool = False, all_sources: bool = False) -> dict:
    """The search JSON (`searching.search`)."""
    opts = dict(category=category, doc_type=doc_type, issuer=issuer, gazette=gazette, year=year,
                date_from=date_from, date_to=date_to)
    parsed = qmod.checked(query, limit=limit, page=page, sort=sort, **opts)
    flt = qmod.check_filters(**opts)
    archive = Archive(conn)
    pinned = pinned_numbers(archive, parsed.doc_numbers, flt)
    ranked, meta = rank(archive, combined(archive, parsed, pinned), flt, pinned, sort, collapse=not all_sources)
    window = ranked[(page - 1) * limit: page * limit]
    needles = results.needles(parsed)
    rows = _hit_rows(archive, [d for d, _ in window])
    out = {"query": query, "total": len(ranked), "page": page, "limit": limit, "sort": sort,
           "hits": [_hit(rows[d], score, needles, d in pinned) for d, score in window], "facets": {}}
    if facets:
        out["facets"] = {name: results.facet(getattr(meta[d], name) for d, _ in ranked) for name in FACETS}
    conn.rollback()
    return out


def _hit_rows(archive: Archive, docids: list[int]) -> dict[int, tuple]:
    archive.cur.execute(f"SELECT {HIT_COLUMNS} FROM documents d JOIN issues i ON i.key = d.issue_key "
                        "WHERE d.docid = ANY(%s)", [docids])
    return {r[0]: r for r in archive.cur.fetchall()}


def _hit(row: tuple, score: float, needles: list[str], pinned: bool) -> dict:
    (_, doc_id, number, title, category, doc_type, issuer, date, g_name, g_year, g_issue, path, seq, body) = row
    snip, marks = snippet.make(body or "", needles)
    return {"id": doc_id, "doc_number": number or None, "title": title or None, "category": category or None,
            "doc_type": doc_type or None, "issuer": issuer or None, "date": date.isoformat() if date else None,
            "gazette": {"name": g_name, "year": g_year, "issue": g_issue},
            "score": round(score, 4) if score is not None else None,
            "snippet": snip, "snippet_marks": marks, "doc_number_match": pinned, "path": path, "seq": seq}


STORED_COLUMNS = "d.docid, d.id, d.doc, d.body, i.key, i.path, i.format, i.gazette"
BATCH = 200


def iter_stored(conn, *, category=None, doc_type=None, issuer=None, gazette=None, year=None,
                date_from=None, date_to=None, query=None, all_sources: bool = False):
    """Stored documents matching the filters (and query) in path, seq order; one copy of a
    document in several sources unless `all_sources` (`searching.iter_stored`)."""
    flt = qmod.check_filters(category=category, doc_type=doc_type, issuer=issuer, gazette=gazette, year=year,
                             date_from=date_from, date_to=date_to)
    archive = Archive(conn)
    if query:
        parsed = qmod.parse(query)
        pinned = pinned_numbers(archive, parsed.doc_numbers, flt)
        tree = combined(archive, parsed, pinned)
    else:
        pinned, tree = {}, EVERY
    ranked, meta = rank(archive, tree, flt, pinned, "relevance", collapse=not all_sources)
    order = sorted((d for d, _ in ranked), key=lambda d: (meta[d].path or "", meta[d].seq or 0))
    conn.rollback()
    for i in range(0, len(order), BATCH):
        chunk = order[i:i + BATCH]
        archive.cur.execute(f"SELECT {STORED_COLUMNS} FROM documents d JOIN issues i ON i.key = d.issue_key "
                            "WHERE d.docid = ANY(%s)", [chunk])
        rows = {r[0]: r for r in archive.cur.fetchall()}
        conn.rollback()
        for d in chunk:
            if d in rows:  # (removed meanwhile)
                yield stored_document(rows[d])


def stored_document(row: tuple) -> dict:
    """The parse-JSON dict of a stored document plus its id and issue (`store.stored_document`)."""
    _, doc_id, doc, body, key, path, fmt, gazette = row
    doc = dict(doc)
    doc["body"] = body
    doc["id"] = doc_id
    doc["issue"] = {"key": key, "path": path, "format": fmt, "gazette": gazette}
    return doc
