"""The query language: words, "phrases", -excluded, field:value, OR; plus the filters.

    告知承诺制                     a string: documents containing it (in any text field)
    "审批与监管 协调联动"           quoted: the same, spaces and punctuation inside ignored
    自备井 -封停                   exclude documents matching a word
    title:方案 category:rule      a field (see FIELDS)
    卫生 OR 健康                   either side
    济兖政发[2021]6号              a document number, any bracket form or OCR variant

A malformed query raises UsageError; nothing here raises anything else on user input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..errors import UsageError
from . import docnumber
from .schema import TITLE_BOOST, WORD_BOOST
from .segment import has_tokens, query_grams

# query field name → index field, and whether the index field is exact (ID) or text
FIELDS = {"title": ("title", False), "body": ("chars", False), "text": ("chars", False),
          "issuer": ("issuer", False), "recipients": ("recipients", False), "people": ("people", False), "person": ("people", False),
          "number": ("doc_number_text", False), "doc_number": ("doc_number_text", False),
          "gazette": ("gazette_text", False), "category": ("category", True),
          "doc_type": ("doc_type", True), "type": ("doc_type", True), "year": ("year", True),
          "section": ("section", True), "id": ("id", True), "issue": ("issue_key", True)}
CATEGORIES = ("notice", "rule", "appointment", "chronicle", "other")
MAX_QUERY = 500  # characters; longer queries nest Whoosh queries too deep and take quadratic time
_TOKEN = re.compile(r'\s*(?:(-)?(?:([A-Za-z_]+):)?(?:"([^"]*)"|“([^”]*)”|([^\s"“”]+)))')


@dataclass
class Clause:
    text: str
    field: str | None = None
    phrase: bool = False
    negated: bool = False


@dataclass
class Parsed:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of (OR of clauses)
    doc_numbers: list[docnumber.DocNumber] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        """The positive words of the query (for snippets)."""
        return [c.text for g in self.groups for c in g if not c.negated and not _exact(c)]


def _exact(c: Clause) -> bool:
    return bool(c.field) and FIELDS[c.field][1]


def parse(query: str) -> Parsed:
    """Split a query string into clauses; raises UsageError if malformed."""
    text = (query or "").strip()
    if len(text) > MAX_QUERY:
        raise UsageError(f"the query is too long ({len(text):,} characters; the limit is {MAX_QUERY})",
                         hint="search for the few most telling words or a phrase")
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        raise UsageError("the query has an unclosed quote", hint='close the "phrase" or drop the quote')
    parsed = Parsed()
    for dn, start, end in reversed(docnumber.find_all(text)):
        parsed.doc_numbers.insert(0, dn)
        text = text[:start] + " " + text[end:]
    pending_or = False
    pos = 0
    while pos < len(text.rstrip()):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise UsageError(f"cannot read the query near {text[pos:pos + 10]!r}")
        pos = m.end()
        neg, fname, q1, q2, word = m.groups()
        value = q1 if q1 is not None else q2 if q2 is not None else word
        if word == "OR" and not neg and not fname:
            if not parsed.groups or pending_or:
                raise UsageError("OR needs a word on each side", hint="e.g. 卫生 OR 健康")
            pending_or = True
            continue
        clause = _clause(neg, fname, value, phrase=word is None)
        if clause is None:
            continue
        if pending_or:
            if clause.negated or any(c.negated for c in parsed.groups[-1]):
                raise UsageError("cannot combine OR with an excluded -word")
            parsed.groups[-1].append(clause)
            pending_or = False
        else:
            parsed.groups.append([clause])
    if pending_or:
        raise UsageError("OR needs a word on each side", hint="e.g. 卫生 OR 健康")
    if parsed.groups and all(g[0].negated for g in parsed.groups) and not parsed.doc_numbers:
        raise UsageError("the query only excludes words", hint="add at least one word to look for")
    return parsed


def _clause(neg, fname, value, phrase) -> Clause | None:
    if fname:
        name = fname.lower()
        if name not in FIELDS:
            raise UsageError(f"unknown field {fname!r} in the query",
                             hint="fields: " + ", ".join(sorted(FIELDS)))
        if not value:
            raise UsageError(f"{fname}: needs a value")
        if name == "category" and value not in CATEGORIES:
            raise UsageError(f"unknown category {value!r}", hint="one of " + ", ".join(CATEGORIES))
        return Clause(value, name, phrase, bool(neg))
    if not value or not has_tokens(value):
        return None  # punctuation only: nothing to look for
    return Clause(value, None, phrase, bool(neg))


def to_whoosh(parsed: Parsed):
    """The Whoosh query of the parsed words (None if there are no words)."""
    from whoosh import query as Q

    parts, nots = [], []
    for group in parsed.groups:
        alts = [_clause_query(c) for c in group]
        alts = [a for a in alts if a is not None]
        if not alts:
            continue
        q = alts[0] if len(alts) == 1 else Q.Or(alts)
        (nots if group[0].negated else parts).append(q)
    if not parts and not nots:
        return None
    base = Q.And(parts) if len(parts) > 1 else parts[0] if parts else Q.Every()
    for q in nots:
        base = Q.AndNot(base, q)
    return base


def _clause_query(c: Clause):
    """A string matches where it occurs (grams at consecutive positions); in the whole text,
    a document that has the string's words as words, or the string in its title, ranks
    higher than one where it is part of other words.  Unquoted, a document with all the
    string's words apart matches too, below those with the string."""
    from whoosh import query as Q

    from .substring import Substring

    if c.field and FIELDS[c.field][1]:
        return Q.Term(FIELDS[c.field][0], c.text)
    field = FIELDS[c.field][0] if c.field else "chars"
    grams = query_grams(c.text)
    if not grams:
        return None
    if field != "chars":
        return Substring(field, grams)
    return Substring(field, grams, text=c.text, word_boost=WORD_BOOST, title_boost=TITLE_BOOST,
                     loose=not c.phrase)


# ---------------------------------------------------------------- filters

@dataclass
class Filters:
    """The search options, checked: exact values, name strings (any part of the name) and a
    period; what both engines filter by."""
    category: str | None = None
    doc_type: str | None = None
    issuer: str | None = None       # a string the issuer's name contains
    gazette: str | None = None      # a string the gazette's name contains
    year: str | None = None
    start: datetime | None = None
    end: datetime | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in vars(self).values())


SORTS = ("relevance", "date", "-date")


def checked(query: str, *, limit: int, page: int, sort: str, **opts) -> Parsed:
    """A search's query and options checked as either engine takes them; UsageError if one is
    malformed, or if nothing is asked (no words, no document number, no filter)."""
    if limit < 1 or page < 1:
        raise UsageError("--limit and --page must be 1 or more")
    if sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r}", hint="one of " + ", ".join(SORTS))
    parsed = parse(query)
    if not parsed.groups and not parsed.doc_numbers and not any(opts.values()):
        raise UsageError("the query is empty", hint="give words to look for, or a filter such as --category")
    return parsed


def check_filters(category=None, doc_type=None, issuer=None, gazette=None, year=None,
                  date_from=None, date_to=None) -> Filters:
    """The search options as `Filters`; UsageError if one is malformed."""
    out = Filters()
    if category:
        if category not in CATEGORIES:
            raise UsageError(f"unknown category {category!r}", hint="one of " + ", ".join(CATEGORIES))
        out.category = category
    if doc_type:
        out.doc_type = doc_type
    for name, value in (("issuer", issuer), ("gazette", gazette)):
        if value:  # any part of the name: `--gazette 环翠` finds 威海市环翠区人民政府公报
            if not query_grams(value):
                raise UsageError(f"--{name} needs a name")
            setattr(out, name, value)
    if year:
        if not re.fullmatch(r"(19|20)\d\d", str(year)):
            raise UsageError(f"--year {year!r} is not a year", hint="e.g. --year 2021")
        out.year = str(year)
    if date_from or date_to:
        out.start = parse_date(date_from, "--from") if date_from else None
        out.end = parse_date(date_to, "--to", end=True) if date_to else None
        if out.start and out.end and out.start > out.end:
            raise UsageError("--from is after --to")
    return out


def filters(category=None, doc_type=None, issuer=None, gazette=None, year=None,
            date_from=None, date_to=None):
    """The Whoosh filter query of the search options (None if no filter)."""
    from whoosh import query as Q

    from .substring import Substring

    f = check_filters(category, doc_type, issuer, gazette, year, date_from, date_to)
    parts = []
    if f.category:
        parts.append(Q.Term("category", f.category))
    if f.doc_type:
        parts.append(Q.Term("doc_type", f.doc_type))
    for fname, value in (("issuer", f.issuer), ("gazette_text", f.gazette)):
        if value:
            parts.append(Substring(fname, query_grams(value)))
    if f.year:
        parts.append(Q.Term("year", f.year))
    if f.start or f.end:
        parts.append(Q.DateRange("date", f.start, f.end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)


def parse_date(value: str, option: str, end: bool = False) -> datetime:
    """YYYY, YYYY-MM or YYYY-MM-DD; `end` gives the last moment of that period."""
    for fmt, unit in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            d = datetime.strptime(str(value).strip(), fmt)
        except ValueError:
            continue
        if not end:
            return d
        try:
            if unit == "day":
                return d + timedelta(days=1) - timedelta(microseconds=1)
            if unit == "month":
                nxt = d.replace(year=d.year + (d.month == 12), month=d.month % 12 + 1)
                return nxt - timedelta(microseconds=1)
            return d.replace(year=d.year + 1) - timedelta(microseconds=1)
        except (ValueError, OverflowError):  # the end of year 9999
            return datetime.max
    raise UsageError(f"{option} {value!r} is not a date", hint="use YYYY-MM-DD, YYYY-MM or YYYY")
