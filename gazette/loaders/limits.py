"""What one input file may make gazette do: the limits, in one table.

Every limit is far above what a real bulletin needs (a gazette issue is some 50,000–500,000
characters on up to a few hundred pages) and low enough that any file ends, with a result or
a `LoadError`, within seconds and a few hundred MB.  An exceeded limit is a `LoadError` that
names the limit, the value found and what to do.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import LoadError


@dataclass(frozen=True)
class Limit:
    name: str
    value: int
    what: str   # what is counted, e.g. "characters in one line"
    todo: str   # what the user can do


_TABLE = (
    Limit("file-bytes", 200 * 1024 * 1024, "bytes in one file",
          "split the file into issues, or compress the PDF's images (e.g. `qpdf` / `ocrmypdf --optimize 3`)"),
    Limit("text-bytes", 16 * 1024 * 1024, "bytes of a text or web page file",
          "a bulletin's text is far shorter; split the file into issues"),
    Limit("characters", 3_000_000, "characters of text in one file",
          "a gazette issue is rarely over 500,000 characters; split the file into issues"),
    Limit("line-characters", 100_000, "characters in one line (paragraph)",
          "the line breaks were probably lost in an export; export the text again with its paragraphs"),
    Limit("pdf-pages", 2000, "pages in one PDF", "split the PDF into issues (e.g. `qpdf --split-pages`)"),
    Limit("page-characters", 60_000, "characters on one PDF page",
          "the page is not text a reader can read (a drawing made of characters?); remove the page"),
    Limit("zip-member-bytes", 64 * 1024 * 1024, "bytes of one part of a DOCX, inflated",
          "open the document in Word or LibreOffice and save it again"),
    Limit("zip-total-bytes", 512 * 1024 * 1024, "bytes of all parts of a DOCX, inflated",
          "open the document in Word or LibreOffice and save it again; move large images out"),
    Limit("zip-ratio", 200, "times a DOCX part inflates over its compressed size (a ZIP bomb)",
          "open the document in Word or LibreOffice and save it again"),
    Limit("html-depth", 1000, "levels of nested elements in a web page",
          "save the page again from a browser; real pages nest a few dozen levels"),
    Limit("number-digits", 9, "digits in one number attribute of a DOCX",
          "open the document in Word or LibreOffice and save it again"),
    Limit("table-span", 63, "columns one DOCX table cell spans (Word's own maximum)",
          "open the document in Word or LibreOffice and save it again"),
    Limit("list-start", 32767, "start value of a DOCX numbered list (Word's own maximum)",
          "open the document in Word or LibreOffice and fix the list numbering"),
)
LIMITS: dict[str, Limit] = {lim.name: lim for lim in _TABLE}


def exceeded(name: str, found: int, where: str = "") -> LoadError:
    """The LoadError for an exceeded limit: what was found, the limit and what to do."""
    lim = LIMITS[name]
    at = f" ({where})" if where else ""
    return LoadError(f"has {found:,} {lim.what}{at}; the limit `{lim.name}` is {lim.value:,}", hint=lim.todo)


def check(name: str, found: int, where: str = "") -> None:
    """Raise the limit's LoadError if `found` exceeds it."""
    if found > LIMITS[name].value:
        raise exceeded(name, found, where)


def number(text: str | None, where: str = "", limit: str | None = None) -> int | None:
    """A non-negative integer attribute of a file (ASCII digits only: '①' or '²' are no number
    to Word either), or None; more digits than `number-digits` is an error, as is a value over
    the limit `limit` when given."""
    if not text or not text.isascii() or not text.isdigit():
        return None
    if len(text) > LIMITS["number-digits"].value:
        raise exceeded("number-digits", len(text), where)
    value = int(text)
    if limit is not None:
        check(limit, value, where)
    return value
