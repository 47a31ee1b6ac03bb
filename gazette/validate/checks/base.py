"""What every check receives: the parsed issue, where it came from, and helpers to report."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from ...model import Document, Issue, Line
from ..codes import CODES
from ..findings import Finding


@dataclass
class Context:
    issue: Issue
    file: str
    series: list[dict] | None = None  # the index's issues, for --against
    check: str | None = None  # name of the check running now (set by the runner)
    _pages: dict[int, int] = field(default_factory=dict, repr=False)

    @property
    def is_gazette(self) -> bool:
        """A gazette issue (not a single document from a DOCX or a web page)."""
        return self.issue.kind == "gazette_issue"

    def page_of(self, line: int | None) -> int | None:
        if line is None:
            return None
        if not self._pages:
            for doc in self.issue.documents:
                for ln in doc.source_lines:
                    if ln.page is not None:
                        self._pages[ln.no] = ln.page
        return self._pages.get(line)

    def finding(self, code: str, message: str, *, line: int | None = None,
                doc: Document | None = None, severity: str | None = None) -> Finding:
        if line is None and doc is not None and doc.lines:
            line = doc.lines[0]
        return Finding(code=code, severity=severity or CODES[code].severity, message=message,
                       file=self.file, line=line, page=self.page_of(line), check=self.check,
                       document_seq=doc.seq if doc is not None else None)


Check = Callable[[Context], Iterable[Finding]]


def doc_label(doc: Document) -> str:
    """How a message names a document: its number, else its title, else its position."""
    if doc.doc_number:
        return doc.doc_number
    if doc.title:
        return f"《{doc.title[:30]}》" if len(doc.title) <= 30 else f"《{doc.title[:30]}…》"
    return f"document {doc.seq}"


def content_lines(doc: Document) -> list[Line]:
    """The document's non-blank lines, in order."""
    return [ln for ln in doc.source_lines if ln.text.strip()]


def body_lines(doc: Document) -> list[Line]:
    """The document's non-blank lines after its title lines."""
    lines = content_lines(doc)
    span = doc.field_lines.get("title")
    if span:
        return [ln for ln in lines if ln.no > span[-1]]
    title = _squash(doc.title or "")
    while lines and title and _squash(lines[0].text) and _squash(lines[0].text) in title:
        title = title.replace(_squash(lines[0].text), "", 1)
        lines = lines[1:]
    return lines


def _squash(text: str) -> str:
    return "".join(text.split())
