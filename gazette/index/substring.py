"""A Whoosh query for "this string occurs in the field": its grams at consecutive positions.

`segment.query_grams` gives the grams and their offsets; the matcher intersects their
posting lists and keeps a document only if some position p has every gram at p + offset.
Positions are uint32 arrays (`analyzer.GramPositions`), so the check is a few set
operations per candidate, not Whoosh's span objects.  The score is the sum of the grams'
BM25 scores: a document where the string is frequent ranks higher.
"""
from __future__ import annotations

from whoosh import matching, query as Q
from whoosh.matching import wrappers


class Substring(Q.Query):
    """Documents whose `fieldname` contains the string that `grams` describe."""

    def __init__(self, fieldname: str, grams: list[tuple[str, int, bool]], boost: float = 1.0):
        self.fieldname, self.grams, self.boost = fieldname, list(grams), boost

    def __eq__(self, other):
        return (type(other) is type(self) and other.fieldname == self.fieldname
                and other.grams == self.grams and other.boost == self.boost)

    def __hash__(self):
        return hash((self.fieldname, tuple(self.grams), self.boost))

    def __repr__(self):
        return f"Substring({self.fieldname!r}, {self.grams!r})"

    def is_leaf(self):
        return True

    def terms(self, phrases=True):
        for gram, _, prefix in self.grams:
            if not prefix:
                yield self.fieldname, gram

    def estimate_size(self, ixreader):
        return min((ixreader.doc_frequency(self.fieldname, g) for g, _, p in self.grams if not p), default=0)

    def _simple(self):
        """The plain Whoosh query when no position check is needed (one gram)."""
        (gram, _, prefix), = self.grams
        return (Q.Prefix if prefix else Q.Term)(self.fieldname, gram, boost=self.boost)

    def matcher(self, searcher, context=None):
        if not self.grams:
            return matching.NullMatcher()
        if len(self.grams) == 1:
            return self._simple().matcher(searcher, context)
        reader = searcher.reader()
        distinct = {}
        for gram, offset, _ in self.grams:  # no prefix gram here: only a lone character has one
            if (self.fieldname, gram) not in reader:
                return matching.NullMatcher()
            distinct.setdefault(gram, []).append(offset)
        order = sorted(distinct, key=lambda g: reader.doc_frequency(self.fieldname, g))
        parts = [(Q.Term(self.fieldname, g, boost=self.boost).matcher(searcher, context), distinct[g])
                 for g in order]
        child = parts[0][0]
        for m, _ in parts[1:]:
            child = matching.IntersectionMatcher(child, m)
        return SubstringMatcher(child, parts)


class SubstringMatcher(wrappers.WrappingMatcher):
    """The candidates of an intersection of gram matchers whose positions line up."""

    def __init__(self, child, parts):
        super().__init__(child)
        self._parts = parts  # (term matcher, offsets of its gram in the string)
        self._find_next()

    def copy(self):
        raise NotImplementedError("a substring matcher is not copied")

    def replace(self, minquality=0):
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self):
        return False

    def _aligned(self) -> bool:
        starts = None
        for m, offsets in self._parts:
            poses = m.value_as("positions")
            for off in offsets:
                here = {p - off for p in poses} if off else set(poses)
                starts = here if starts is None else starts & here
                if not starts:
                    return False
        return True

    def _find_next(self):
        child = self.child
        while child.is_active() and not self._aligned():
            child.next()

    def next(self):
        self.child.next()
        self._find_next()

    def skip_to(self, id):
        self.child.skip_to(id)
        self._find_next()

    def all_ids(self):
        while self.is_active():
            yield self.id()
            self.next()
