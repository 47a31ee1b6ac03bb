"""The data model: what a parsed gazette issue is, as plain dataclasses.

Every extracted value keeps the source lines it came from (`lines` = [first, last],
1-based line numbers of the loaded text; for PDFs `page` too).  `to_dict()` gives the
JSON contract of `gazette parse --json` (keys are never renamed, only added).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Line:
    """One line of loaded text, with where it came from and what the layout said of it.

    `hints` holds optional layout facts from the loader: ``size`` (font size), ``bold``,
    ``centered``, ``indent``, ``style`` (DOCX style name), ``table`` (True for a table row,
    cells separated by tabs), ``page_break`` (a page or section break precedes the line),
    ``heading`` (DOCX heading level), ``ocr`` and ``ocr_low`` (a line read by OCR: its mean
    confidence, and its characters below 0.8 with theirs).
    """

    no: int
    text: str
    page: int | None = None
    hints: dict[str, Any] = field(default_factory=dict)
    last: int | None = None  # last source line when normalisation joined several
    # the text as printed where a conversion of the whole text changed it (a page rendered in
    # traditional script is read in simplified characters; its body is given as printed)
    printed: str | None = None

    @property
    def span(self) -> list[int]:
        return [self.no, self.last or self.no]

    @property
    def shown(self) -> str:
        """The text to show as the document's text: as printed, else as normalised."""
        return self.printed if self.printed is not None else self.text


@dataclass
class Correction:
    line: int
    raw: str
    fixed: str
    rule: str

    def to_dict(self) -> dict:
        return {"line": self.line, "raw": self.raw, "fixed": self.fixed, "rule": self.rule}


@dataclass
class Warning:
    code: str
    message: str
    line: int | None = None

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "line": self.line}


@dataclass
class Source:
    path: str
    format: str  # txt | pdf | docx | html | image
    sha256: str
    encoding: str | None = None
    pages: int | None = None
    ocr_pages: list[int] | None = None  # pages read by OCR (a scan)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Gazette:
    """Masthead facts of an issue (刊头 / 版权页)."""

    name: str | None = None
    publisher: str | None = None
    year: int | None = None
    issue: str | None = None
    total_issue: str | None = None
    published: str | None = None  # ISO date
    lines: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class TocEntry:
    section: str | None
    title: str | None
    doc_number: str | None
    page: int | None
    document_seq: int | None = None
    doc_number_raw: str | None = None
    lines: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"section": self.section, "title": self.title, "doc_number": self.doc_number, "page": self.page,
                "document_seq": self.document_seq, "doc_number_raw": self.doc_number_raw, "lines": list(self.lines)}


@dataclass
class Node:
    """A node of an article tree (章/节/条/款项) or of an outline (一、/（一）/1./（1））."""

    id: str
    kind: str  # chapter | section | article | item | heading
    number: int | None
    title: str | None
    text: str
    children: list["Node"] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "number": self.number, "title": self.title,
            "text": self.text, "children": [c.to_dict() for c in self.children], "lines": self.lines,
        }


@dataclass
class Appointment:
    action: str
    person: str
    position: str | None
    note: str | None = None
    date: str | None = None
    doc_number: str | None = None
    body: str | None = None  # deciding body, e.g. 区十八届人大常委会第三十二次会议
    lines: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"action": self.action, "person": self.person, "position": self.position, "note": self.note,
                "date": self.date, "doc_number": self.doc_number, "body": self.body, "lines": list(self.lines)}


@dataclass
class Event:
    date: str | None
    date_end: str | None
    text: str
    lines: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"date": self.date, "date_end": self.date_end, "text": self.text, "lines": list(self.lines)}


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    lines: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"header": list(self.header), "rows": [list(r) for r in self.rows], "lines": list(self.lines)}


@dataclass
class AttachmentPart:
    name: str
    text: str
    tables: list[Table] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "text": self.text,
                "tables": [t.to_dict() for t in self.tables], "lines": self.lines}


@dataclass
class Citation:
    doc_number: str
    title: str | None = None
    relation: str = "cites"  # cites | repeals | invalidates
    doc_number_raw: str | None = None
    lines: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"doc_number": self.doc_number, "title": self.title, "relation": self.relation,
                "doc_number_raw": self.doc_number_raw, "lines": list(self.lines)}


@dataclass
class Document:
    seq: int
    title: str | None = None
    section: str | None = None
    doc_number: str | None = None
    doc_number_raw: str | None = None
    doc_type: str | None = None
    category: str = "other"
    enclosure_title: str | None = None
    issuer: str | None = None
    recipients: str | None = None
    date: str | None = None
    print_date: str | None = None
    public: bool = False
    attachments: list[str] = field(default_factory=list)
    body: str = ""
    lines: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    # the document's own normalised lines (title .. end); used by the structure rules
    source_lines: list[Line] = field(default_factory=list, repr=False)
    appointments: list[Appointment] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    articles: list[Node] = field(default_factory=list)
    outline: list[Node] = field(default_factory=list)
    attachments_parts: list[AttachmentPart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    field_lines: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "seq": self.seq, "section": self.section, "title": self.title,
            "doc_number": self.doc_number, "doc_number_raw": self.doc_number_raw,
            "doc_type": self.doc_type, "category": self.category,
            "enclosure_title": self.enclosure_title, "issuer": self.issuer,
            "recipients": self.recipients, "date": self.date, "print_date": self.print_date,
            "public": self.public, "attachments": list(self.attachments), "body": self.body,
            "lines": list(self.lines), "pages": list(self.pages),
            "field_lines": dict(self.field_lines),
            "appointments": [a.to_dict() for a in self.appointments],
            "events": [e.to_dict() for e in self.events],
            "articles": [n.to_dict() for n in self.articles],
            "outline": [n.to_dict() for n in self.outline],
            "attachments_parts": [p.to_dict() for p in self.attachments_parts],
            "tables": [t.to_dict() for t in self.tables],
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass
class Issue:
    """A parsed bulletin: one gazette issue, or a single document parsed as an issue of one."""

    source: Source
    gazette: Gazette = field(default_factory=Gazette)
    toc: list[TocEntry] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    kind: str = "gazette_issue"  # gazette_issue | single_document | web_page
    metadata: dict[str, str] = field(default_factory=dict)  # web-page metadata block

    @property
    def key(self) -> str:
        """Stable issue key: the sha256 of the source file."""
        return self.source.sha256

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_dict(),
            "kind": self.kind,
            "gazette": self.gazette.to_dict(),
            "metadata": dict(self.metadata),
            "toc": [t.to_dict() for t in self.toc],
            "documents": [d.to_dict() for d in self.documents],
            "corrections": [c.to_dict() for c in self.corrections],
            "warnings": [w.to_dict() for w in self.warnings],
        }
