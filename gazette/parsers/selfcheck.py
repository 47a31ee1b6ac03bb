"""The parse checks itself: where the issue's own evidence disagrees with what was read, say so.

Each check is a small function of the issue that yields warnings with the line to look at, so a
clerk knows where a parse of an unfamiliar gazette needs a human eye.  (`toc-unmatched` and
`doc-not-in-toc` come from the TOC reconciliation.)
"""
from __future__ import annotations

from typing import Callable, Iterator

from ..model import Issue, Warning
from ..normalize.furniture import fold_key

MAX_TITLE = 80


def long_titles(issue: Issue, **_) -> Iterator[Warning]:
    for d in issue.documents:
        if d.title and len(d.title) > MAX_TITLE:
            yield Warning("title-long", f"document {d.seq}: title has {len(d.title)} characters; text may have "
                                        "run into it", (d.field_lines.get("title") or d.lines or [None])[0])


def unsigned(issue: Issue, **_) -> Iterator[Warning]:
    for d in issue.documents:
        signed = d.issuer and d.field_lines.get("issuer") != d.field_lines.get("title")  # not read off the title
        if d.category == "chronicle" or d.doc_number or signed or d.date:
            continue
        yield Warning("no-number-or-signature", f"document {d.seq} '{d.title}' has neither a document number "
                                                "nor a signature; check where it starts and ends",
                      d.lines[0] if d.lines else None)


def furniture_left(issue: Issue, *, furniture_keys: frozenset[str] = frozenset(), **_) -> Iterator[Warning]:
    """A line that recurs as page furniture elsewhere in the issue but was kept in a body."""
    if not furniture_keys:
        return
    for d in issue.documents:
        for line in d.source_lines:
            if fold_key(line.text) in furniture_keys:
                yield Warning("furniture-left", f"document {d.seq}: line '{line.text.strip()}' looks like page "
                                                "furniture left in the text", line.no)


CHECKS: list[Callable[..., Iterator[Warning]]] = [long_titles, unsigned, furniture_left]


def check(issue: Issue, **evidence) -> list[Warning]:
    return [w for c in CHECKS for w in c(issue, **evidence)]
