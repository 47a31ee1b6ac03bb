"""Citations: every document number a document's text cites, with the cited title where the
text gives one, and the relation (`cites`; `repeals` / `invalidates` in 废止 / 失效 lists).

The text arrives normalised (numbers canonical, OCR repaired), so each match is read as is.
"""
from __future__ import annotations

import re

from ... import docnumber
from ...model import Citation, Line
from .text import tight

# words in an attachment heading that make its listed documents repealed / invalidated (first wins)
RELATION_WORDS: tuple[tuple[str, str], ...] = (("失效", "invalidates"), ("废止", "repeals"), ("废除", "repeals"))
# words that can stand right before an issuer code without being part of it
CODE_LEAD = re.compile(r"^.*(?:根据|按照|依据|依照|参照|详见|见|的|和|及|与|或|以|经|文件)")
LIST_ENTRY = re.compile(r"^\s*\d{1,3}\s*[.．、]\s*")
OPEN = "（("
OPEN_NUMBER = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{0,5}\s*$")  # `（济政办字〔2017〕` at a line end
NUMBER_TAIL = re.compile(r"^\s*\d{0,5}\s*号[）)]?")


def relation_for(heading: str | None) -> str:
    for word, relation in RELATION_WORDS:
        if heading and word in heading:
            return relation
    return "cites"


def find_citations(lines: list[Line], *, own: str | None, relation: str = "cites") -> list[Citation]:
    out = []
    for k, line in enumerate(lines):
        text, span = _with_split_number(line, lines[k + 1] if k + 1 < len(lines) else None)
        for i, (number, m) in enumerate(docnumber.find_all(text)):
            code = CODE_LEAD.sub("", number.code)
            if len(code) < 2:
                continue
            canonical = str(docnumber.DocNumber(code, number.year, number.serial))
            if canonical == own:
                continue
            start = m.start("code") + (len(number.code) - len(code))
            out.append(Citation(doc_number=canonical, title=_title(text, start, first=(i == 0)),
                                relation=relation, lines=span))
    return out


def _with_split_number(line: Line, nxt: Line | None) -> tuple[str, list[int]]:
    """The line's text, completed by the next line's `37号）` when a number breaks across them."""
    if nxt is not None and OPEN_NUMBER.search(line.text):
        tail = NUMBER_TAIL.match(nxt.text)
        if tail:
            return line.text.rstrip() + tail.group().strip(), [line.span[0], nxt.span[1]]
    return line.text, list(line.span)


def merge(citations: list[Citation]) -> list[Citation]:
    """One citation per (document number, relation), keeping the first title the text gives."""
    seen: dict[tuple[str, str], Citation] = {}
    for c in citations:
        key = (c.doc_number, c.relation)
        if key not in seen:
            seen[key] = c
        elif not seen[key].title and c.title:
            seen[key].title = c.title
    return list(seen.values())


def _title(text: str, start: int, *, first: bool) -> str | None:
    before = text[:start].rstrip()
    if not before or before[-1] not in OPEN:
        return None
    before = before[:-1].rstrip()
    if before.endswith("》"):
        opening = _matching_open(before)
        if opening is not None:
            return tight(before[opening + 1:-1]) or None
    entry = LIST_ENTRY.match(before)
    if entry and first:
        return tight(before[entry.end():]) or None
    return None


def _matching_open(text: str) -> int | None:
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == "》":
            depth += 1
        elif text[i] == "《":
            depth -= 1
            if depth == 0:
                return i
    return None
