"""Parsers: normalised lines → an `Issue` (masthead, TOC, documents and their parts)."""
from __future__ import annotations

from ..model import Document, Issue, Line, Source


def parse_issue(lines: list[Line], source: Source, *, metadata=None, tables=None) -> Issue:
    """TEMPORARY stub until the issue parser lands: the whole text as one document."""
    body = "\n".join(l.text for l in lines if l.text.strip())
    doc = Document(seq=1, body=body, lines=[lines[0].no, lines[-1].no] if lines else [], source_lines=lines)
    return Issue(source=source, documents=[doc], metadata=dict(metadata or {}))
