"""Loaders: turn a file into lines of text with page numbers and layout hints.

`load(path)` detects the format from the content (not only the suffix) and dispatches to
the loader of that format.  Every loader returns a `Loaded`; every failure is a
`LoadError` naming the file, what is wrong and what to do.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError
from ..model import Line

FORMATS = ("txt", "pdf", "docx", "html")


@dataclass
class Loaded:
    path: str
    format: str
    sha256: str
    lines: list[Line]
    encoding: str | None = None
    pages: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. a web page's 索引号/成文日期 block
    tables: list = field(default_factory=list)  # model.Table objects found by the loader, if any


def sniff(data: bytes, suffix: str) -> str:
    """The format of a file from its first bytes; the suffix only breaks ties."""
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix == ".docx" or suffix == ".doc":
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise LoadError("is an old binary Word .doc file, not .docx",
                            hint="save it as .docx in Word or LibreOffice, then try again")
        raise LoadError("is named .docx but is not a Word document (no ZIP container)",
                        hint="check the file; rename it if it is plain text")
    lowered = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if lowered.startswith((b"<!doctype html", b"<html")) or (b"<html" in lowered[:1024] and b"<body" in data.lower()):
        return "html"
    if suffix in (".html", ".htm") and b"<" in head:
        return "html"
    return "txt"


def load(path: str | Path, *, password: str | None = None) -> Loaded:
    """Load any supported bulletin file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise LoadError("is a directory, not a file", path=str(p)) from None
    except FileNotFoundError:
        raise LoadError("does not exist", path=str(p), hint="check the path") from None
    except OSError as e:
        raise LoadError(f"cannot be read: {e.strerror}", path=str(p)) from None
    if not data.strip():
        raise LoadError("is empty", path=str(p), hint="nothing to parse; check the export that produced it")
    digest = hashlib.sha256(data).hexdigest()
    try:
        fmt = sniff(data, p.suffix.lower())
        if fmt == "pdf":
            from .pdf import load_pdf
            loaded = load_pdf(data, password=password)
        elif fmt == "docx":
            from .docx import load_docx
            loaded = load_docx(data)
        elif fmt == "html":
            from .html import load_html
            loaded = load_html(data)
        else:
            from .text import load_text
            loaded = load_text(data)
    except LoadError as e:
        e.path = e.path or str(p)
        raise
    loaded.path = str(p)
    loaded.sha256 = digest
    return loaded
