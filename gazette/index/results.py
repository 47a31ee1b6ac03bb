"""What both engines do with the scored matches: order them (document-number matches first,
then by score, ties in source order), keep one copy of a document found in several sources,
sort by date, count facets; and the strings a snippet highlights."""
from __future__ import annotations

import heapq
import re
from collections import Counter
from typing import Callable, Hashable, Iterable

DOC_ID = re.compile(r"(?P<key>[0-9a-fA-F]{4,64}):(?P<seq>\d+)")  # KEY:SEQ (KEY may be a prefix)


def ranked(scores: dict, pinned: dict, source_order: Callable[[Hashable], object],
           same_doc: Callable[[Hashable], str | None], date: Callable[[Hashable], object],
           sort: str, collapse: bool) -> list[tuple]:
    """(document, score) in result order; one per document if `collapse` (its best-ranked
    copy: the first of those sharing a `same_doc` key; None never collapses)."""
    # best first; ties in source order, so the same query always gives the same page
    keyed = sorted([(-pinned.get(d, 0.0), -sc, source_order(d), d, sc) for d, sc in scores.items()])
    out = [(d, sc) for *_, d, sc in keyed]
    if collapse:
        seen: set = set()
        kept = []
        for d, sc in out:
            key = same_doc(d)
            if key is None or key not in seen:
                kept.append((d, sc))
                if key is not None:
                    seen.add(key)
        out = kept
    if sort != "relevance":
        dated = [t for t in out if date(t[0]) is not None]
        dated.sort(key=lambda t: date(t[0]), reverse=sort == "-date")
        out = dated + [t for t in out if date(t[0]) is None]
    return out


def first(scores: dict, pinned: dict, source_order: Callable[[Hashable], object],
          same_doc: Callable[[Hashable], str | None], n: int, collapse: bool) -> tuple[list[tuple], int]:
    """The first `n` of `ranked(…, "relevance", collapse)` and the length of the whole of it,
    without putting every match in order: only a prefix of the order is sorted (the pinned
    matches and those scoring at least the `want`-th best score, ties included)."""
    if collapse:
        keys = list(map(same_doc, scores))
        distinct = set(keys)
        total = len(distinct) - (None in distinct) + keys.count(None)
    else:
        total = len(scores)
    want = max(n, 1) * 2
    while True:
        if want >= len(scores):
            return ranked(scores, pinned, source_order, same_doc, None, "relevance", collapse)[:n], total
        edge = heapq.nlargest(want, scores.values())[-1]
        prefix = {d: sc for d, sc in scores.items() if sc >= edge or d in pinned}
        out = ranked(prefix, pinned, source_order, same_doc, None, "relevance", collapse)
        if len(out) >= n:
            return out[:n], total
        want *= 4


def combined(parts: list[dict], every: bool) -> dict:
    """Document → score dictionaries of an And (`every`: documents in all, scores summed) or an Or
    (documents in any, scores summed)."""
    parts = sorted(parts, key=len)
    if every:
        keep = set(parts[0]).intersection(*parts[1:])
        return {d: sum(p[d] for p in parts) for d in keep}
    out: dict = {}
    for p in parts:
        for d, sc in p.items():
            out[d] = out.get(d, 0.0) + sc
    return out


def facet(values: Iterable) -> dict:
    """Counts of the values ("(none)" for an empty one), most frequent first."""
    counts = Counter(v or "(none)" for v in values)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))))


def needles(parsed) -> list[str]:
    """Strings to find in the text for the snippet: the query strings, and the parts of a
    quoted one (which matches across spaces and punctuation)."""
    out = list(parsed.terms)
    for t in parsed.terms:
        out += [w for w in t.split() if len(w) > 1]
    for dn in parsed.doc_numbers:
        out += [dn.canonical, f"{dn.year}〕{dn.serial}号"]
    return out
