"""Loaders: turn a file into lines of text with page numbers and layout hints.

`load(path)` detects the format from the content (not only the suffix) and dispatches to
the loader of that format.  Every loader returns a `Loaded`; every failure is a
`LoadError` naming the file, what is wrong and what to do.  With `ocr=True`, scanned PDF pages
and JPEG/PNG/TIFF images are read by OCR (`scan`, `ocr`).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import LoadError
from ..model import Line, Warning
from .limits import check
from .text import looks_binary

FORMATS = ("txt", "pdf", "docx", "html", "image")


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
    warnings: list[Warning] = field(default_factory=list)  # what the loader wants the reader to know
    ocr_pages: list[int] | None = None  # pages read by OCR


# other formats people try to feed in: (magic bytes, what it is, what to do)
_FOREIGN = (
    (b"\xd0\xcf\x11\xe0", "an old binary Office file (.doc/.wps) or a password-protected .docx",
     "save it as .docx (without a password) in Word or LibreOffice, then try again"),
    (b"{\\rtf", "an RTF file", "save it as .docx in Word or LibreOffice, then try again"),
    (b"GIF8", "a GIF image", "convert it to PNG and pass --ocr"),
)
# scans gazette reads with --ocr
_IMAGES = ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"II*\x00", "a TIFF image"),
           (b"MM\x00*", "a TIFF image"))


def _looks_html(head: bytes) -> bool:
    lowered = head.lower().removeprefix(b"\xef\xbb\xbf").lstrip()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return True
    return b"<html" in lowered[:2048] and (b"<body" in lowered or b"<head" in lowered)


def sniff(data: bytes, suffix: str, ocr: bool = False) -> str:
    """The format of a file from its content; the suffix only breaks ties and names mismatches."""
    head = data[:4096]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    for magic, what in _IMAGES:
        if head.startswith(magic):
            if ocr:
                return "image"
            from .scan import hint
            raise LoadError(f"is {what} (a scan?), which gazette reads only by OCR", hint=hint())
    for magic, what, todo in _FOREIGN:
        if head.startswith(magic):
            raise LoadError(f"is {what}, not a bulletin format gazette reads", hint=todo)
    html = _looks_html(head) or (suffix in (".html", ".htm") and b"<" in head and b">" in head)
    if suffix == ".docx":
        found = "a web page" if html else "plain text" if not looks_binary(data) else "an unknown binary file"
        raise LoadError(f"is named .docx but is {found}, not a Word document (no ZIP container)",
                        hint="rename it to its real type (.txt/.html) or export the document again as .docx")
    if suffix == ".pdf":
        found = "a web page (a failed download?)" if html else "plain text" if not looks_binary(data) \
            else "an unknown binary file"
        raise LoadError(f"is named .pdf but is {found}, not a PDF", hint="download or export the PDF again")
    return "html" if html else "txt"


STDIN = "-"  # the path that names standard input


def _read_stdin() -> bytes:
    import sys

    from .limits import LIMITS

    data = sys.stdin.buffer.read(LIMITS["file-bytes"].value + 1)
    check("file-bytes", len(data))
    return data


_SURROGATE = re.compile("[\ud800-\udfff]")


def within_limits(lines: list[Line]) -> None:
    """Check the text's size limits (per line, in all) and replace lone surrogates (from a
    PDF's text layer: no text can hold them, JSON as UTF-8 neither) with U+FFFD."""
    total = 0
    for line in lines:
        n = len(line.text)
        check("line-characters", n, f"line {line.no}")
        total += n
        if _SURROGATE.search(line.text):
            line.text = _SURROGATE.sub("\ufffd", line.text)
    check("characters", total)


def load(path: str | Path, *, password: str | None = None, ocr: bool = False,
         progress: Callable[[int, int], None] | None = None) -> Loaded:
    """Load any supported bulletin file.  `ocr`: read scanned pages and images by OCR, calling
    `progress(pages done, pages to do)` after each page."""
    p = Path(path)
    try:
        if str(path) == STDIN:
            data = _read_stdin()
        else:
            if p.is_file():
                check("file-bytes", p.stat().st_size)
            data = p.read_bytes()
    except IsADirectoryError:
        raise LoadError("is a directory, not a file", path=str(p)) from None
    except FileNotFoundError:
        raise LoadError("does not exist", path=str(p), hint="check the path") from None
    except LoadError as e:
        e.path = str(p)
        raise
    except OSError as e:
        raise LoadError(f"cannot be read: {e.strerror}", path=str(p)) from None
    if not data.strip():
        raise LoadError("is empty", path=str(p), hint="nothing to parse; check the export that produced it")
    digest = hashlib.sha256(data).hexdigest()
    try:
        fmt = sniff(data, p.suffix.lower(), ocr)
        if fmt in ("txt", "html"):
            check("text-bytes", len(data))
        if fmt == "pdf":
            from .pdf import load_pdf
            loaded = load_pdf(data, password=password, ocr=ocr, progress=progress)
        elif fmt == "image":
            from .scan import load_image
            loaded = load_image(data, progress=progress)
        elif fmt == "docx":
            from .docx import load_docx
            loaded = load_docx(data)
        elif fmt == "html":
            from .html import load_html
            loaded = load_html(data)
        else:
            from .text import load_text
            loaded = load_text(data)
        within_limits(loaded.lines)
    except LoadError as e:
        e.path = e.path or str(p)
        raise
    from .toc_table import untable_toc
    untable_toc(loaded.lines, loaded.tables)
    loaded.path = str(p)
    loaded.sha256 = digest
    return loaded
