"""A Whoosh query for "this string occurs in the field": its grams at consecutive positions.

`segment.query_grams` gives the grams and their offsets.  Per segment, the matcher reads
the grams' whole posting lists (`postings.read`), intersects them as sets and keeps a
document only if some position p has every gram at p + offset; it counts the occurrences.
The score is BM25 of the string itself (its document frequency and its count in the
document); in the whole text, a document that also has the string's words as words (not
only inside other words), or the string in its title, gets a bonus.  The result is a list
of (document, score), which Whoosh combines with the rest of the query as usual.
"""
from __future__ import annotations

from bisect import bisect_left

from whoosh import matching, query as Q

from . import postings
from .schema import K1, idf as _idf
from .segment import fold


class Substring(Q.Query):
    """Documents whose `fieldname` contains the string `grams` describe; with `text` (the
    string) and the boosts, the ranking bonuses of a plain query; with `loose`, documents
    that have all the string's words apart too."""

    def __init__(self, fieldname: str, grams: list[tuple[str, int, bool]], text: str = "",
                 word_boost: float = 0.0, title_boost: float = 0.0, loose: bool = False):
        self.fieldname, self.grams = fieldname, list(grams)
        self.text, self.word_boost, self.title_boost = text, word_boost, title_boost
        self.loose = loose  # documents with all the string's words, apart, match too
        self.boost = 1.0

    def _key(self):
        return (self.fieldname, tuple(self.grams), self.text, self.word_boost, self.title_boost, self.loose)

    def __eq__(self, other):
        return type(other) is type(self) and other._key() == self._key()

    def __hash__(self):
        return hash(self._key())

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

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        if not self.grams or not hasattr(reader, "_terms"):  # (a segment reader: Whoosh asks per segment)
            return matching.NullMatcher()
        seg = postings.segment(reader)
        words = seg.words(self.text) if self.word_boost else []
        single = len(words) == 1 and words[0] == fold(self.text)
        loose = self.loose and len(words) > 1 and all(len(w) > 1 for w in words)
        # whole posting lists only where needed: the string as one word, or its words apart
        read = {w: postings.read(reader, "text", w)[:2] for w in words} if single or loose else {}
        # documents that have the whole string as a word certainly contain it: no position check
        whole = dict(zip(*read[words[0]])) if single else None
        counts = occurrences(reader, self.fieldname, self.grams, whole)
        for d in seg.deleted.intersection(counts):
            del counts[d]
        scale = _idf(seg.count, len(counts)) * (K1 + 1)
        norms = seg.norms(self.fieldname)
        scores = {d: scale * tf / (tf + norms[d]) for d, tf in counts.items()}
        if loose:
            # also documents with all the string's words apart (代理…市长 for 代理市长): they
            # score by their words only, below the documents that have the string itself
            apart = set.intersection(*(set(ids) for ids, _ in read.values()))
            scores.update((d, 0.0) for d in apart.difference(scores, seg.deleted))
        if not scores:
            return matching.NullMatcher()
        if words:
            norms = seg.norms("text")
            matched = sorted(scores)
            for word in words:
                ids, weights = read[word] if word in read else postings.read(reader, "text", word, matched)[:2]
                if not ids:
                    continue
                scale = self.word_boost * _idf(seg.count, reader.doc_frequency("text", word)) * (K1 + 1)
                for d, tf in zip(ids, weights):
                    if d in scores:
                        scores[d] += scale * tf / (tf + norms[d])
        if self.title_boost:
            bonus = self.title_boost * _idf(seg.count, max(1, len(counts)))
            for d in occurrences(reader, "title", self.grams):
                if d in scores:
                    scores[d] += bonus
        return ScoredList(sorted(scores.items()))


def occurrences(reader, field: str, grams, known: dict[int, float] | None = None) -> dict[int, float]:
    """Document → how often the string occurs in the field (deleted documents included).
    `known`: documents known to contain it, with a count (their positions are not checked)."""
    if len(grams) == 1:
        gram, _, prefix = grams[0]
        if not prefix:  # a gram's weight is its frequency
            ids, weights, _ = postings.read(reader, field, gram)
            return dict(zip(ids, weights))
        counts: dict[int, float] = {}
        for term in _expand(reader, field, gram):
            ids, weights, _ = postings.read(reader, field, term)
            for d, w in zip(ids, weights):
                counts[d] = counts.get(d, 0) + w
        return counts
    offsets: dict[str, list[int]] = {}
    for gram, offset, _ in grams:  # only a lone character is a prefix
        offsets.setdefault(gram, []).append(offset)
    if any((field, gram) not in reader for gram in offsets):
        return {}
    # the rarest gram first: the candidates only shrink
    order = sorted(offsets, key=lambda g: reader.doc_frequency(field, g))
    lists, candidates = [], None
    for gram in order:
        ids, _, values = postings.read(reader, field, gram)
        candidates = set(ids) if candidates is None else candidates.intersection(ids)
        if not candidates:
            return {}
        lists.append((ids, values, offsets[gram]))
    positions = [(_where(ids, candidates), values.at, offs) for ids, values, offs in lists]
    counts = {}
    if known:
        counts = {d: known[d] for d in candidates if d in known}
        candidates = candidates.difference(known)
    for d in candidates:
        starts = None
        for index, at, offs in positions:
            poses = at(index[d])
            for off in offs:
                here = {p - off for p in poses} if off else set(poses)
                starts = here if starts is None else starts & here
            if not starts:
                break
        if starts:
            counts[d] = len(starts)
    return counts


def _where(ids: list[int], docs: set[int]) -> dict[int, int]:
    """Each document's index in `ids` (ascending, holding every one of `docs`)."""
    if len(docs) * 16 < len(ids):
        return {d: bisect_left(ids, d) for d in docs}
    return {d: i for i, d in enumerate(ids) if d in docs}


def _expand(reader, field: str, prefix: str) -> list[str]:
    return [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.expand_prefix(field, prefix)]


class ScoredList(matching.Matcher):
    """A matcher over (document, score) pairs computed in advance (sorted by document)."""

    def __init__(self, items: list[tuple[int, float]], i: int = 0):
        self.items, self.i = items, i

    def is_active(self):
        return self.i < len(self.items)

    def id(self):
        return self.items[self.i][0]

    def score(self):
        return self.items[self.i][1]

    weight = score

    def next(self):
        self.i += 1

    def skip_to(self, id):
        items, i = self.items, self.i
        while i < len(items) and items[i][0] < id:
            i += 1
        self.i = i

    def all_ids(self):
        return (d for d, _ in self.items[self.i:])

    def copy(self):
        return ScoredList(self.items, self.i)

    def replace(self, minquality=0):
        return self if self.is_active() else matching.NullMatcher()

    def supports(self, astype):
        return False

    def supports_block_quality(self):
        return False

    def max_quality(self):
        return max((s for _, s in self.items[self.i:]), default=0.0)

    def block_quality(self):
        return self.max_quality()

    def depth(self):
        return 0

    def value(self):
        return None

    def term(self):
        return None
