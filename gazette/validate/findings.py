"""Findings: what `gazette validate` reports, as plain records.

A finding has a stable `code` (see `codes.CODES` and the README table), a `severity`
(error | warning | info), a message, and where it points: file, line (1-based, of the
loaded text) and page (PDFs).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    file: str | None = None
    line: int | None = None
    page: int | None = None
    check: str | None = None  # the name of the check that produced it
    document_seq: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class FileResult:
    """The outcome of validating one file: its findings, or why it could not be read."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # set when the file could not be read or parsed
    issue_key: str | None = None
    internal: bool = False  # the error is a bug in gazette (exit 70), not a bad file

    @property
    def readable(self) -> bool:
        return self.error is None

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_dict(self) -> dict:
        return {
            "file": self.file, "readable": self.readable, "error": self.error,
            "issue_key": self.issue_key,
            "counts": {s: self.count(s) for s in SEVERITIES},
            "findings": [f.to_dict() for f in self.findings],
        }
