"""Small builders of model objects for validate tests: text cut from the samples."""
from __future__ import annotations

from gazette.model import Document, Gazette, Issue, Line, Source, TocEntry
from gazette.validate import validate_issue

YANZHOU = Gazette(name="济宁市兖州区人民政府公报", publisher="济宁市兖州区人民政府", year=2021,
                  issue="3-4", total_issue="87-88", published="2021-05-10", lines=[5, 9])


def lines_of(text: str, start: int = 1) -> list[Line]:
    return [Line(no=i, text=t) for i, t in enumerate(text.strip("\n").split("\n"), start=start) if t.strip()]


def doc(seq: int = 1, text: str = "", start: int = 1, **fields) -> Document:
    src = lines_of(text, start) if text else []
    fields.setdefault("category", "notice")
    fields.setdefault("lines", [src[0].no, src[-1].no] if src else [start, start])
    body = "\n".join(l.text for l in src[1:]) if src else ""
    return Document(seq=seq, source_lines=src, body=fields.pop("body", body), **fields)


def issue(*docs: Document, gazette: Gazette | None = None, toc=(), kind: str = "gazette_issue",
          corrections=(), warnings=(), sha: str = "0" * 64) -> Issue:
    return Issue(source=Source(path="t.txt", format="txt", sha256=sha), gazette=gazette or Gazette(),
                 toc=list(toc), documents=list(docs), corrections=list(corrections),
                 warnings=list(warnings), kind=kind)


def toc(section, title, doc_number, page, seq, line=None) -> TocEntry:
    return TocEntry(section=section, title=title, doc_number=doc_number, page=page, document_seq=seq,
                    lines=[line, line] if line else [])


def run(check, iss: Issue, series=None) -> list:
    return validate_issue(iss, checks=[check], series=series)


def codes(check, iss: Issue, series=None) -> list[str]:
    return [f.code for f in run(check, iss, series)]
