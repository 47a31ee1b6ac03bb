"""The library entry points: `parse(path)` and `parse_text(text)` return an `Issue`."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .loaders import Loaded, load, within_limits
from .loaders.text import split_lines
from .model import Issue, Source


def parse_loaded(loaded: Loaded) -> Issue:
    """Parse lines already loaded from a file (pure: same input, same output); the loader's
    warnings (pages read by OCR, characters OCR was unsure of) come first."""
    from .parsers import parse_issue

    source = Source(path=loaded.path, format=loaded.format, sha256=loaded.sha256,
                    encoding=loaded.encoding, pages=loaded.pages, ocr_pages=loaded.ocr_pages)
    issue = parse_issue(loaded.lines, source, metadata=loaded.metadata)
    issue.warnings[:0] = loaded.warnings
    return issue


def parse(path: str | Path, *, password: str | None = None, ocr: bool = False, progress=None) -> Issue:
    """Load and parse one bulletin file; `ocr` reads scanned pages and images by OCR, calling
    `progress(pages done, pages to do)` as it goes."""
    return parse_loaded(load(path, password=password, ocr=ocr, progress=progress))


def parse_text(text: str, *, path: str = "<text>") -> Issue:
    """Parse bulletin text given as a string."""
    data = text.encode("utf-8", "surrogatepass")
    loaded = Loaded(path=path, format="txt", sha256=hashlib.sha256(data).hexdigest(),
                    lines=split_lines(text), encoding="utf-8")
    within_limits(loaded.lines)
    return parse_loaded(loaded)
