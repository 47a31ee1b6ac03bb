"""Attachments (附件): announced in the 附件 note, printed after the signature, labelled 附件N."""
from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding
from .base import Context, content_lines, doc_label
from .document import field_line

ANNOUNCEMENT = re.compile(r"^附\s*件\s*[:：]")
NOTE_ITEM = re.compile(r"^\d+\s*[.．、]")
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(?P<n>\d+)?\s*(?:[:：]\s*(?P<name>\S.*))?$")
REFERRED_ELSEWHERE = re.compile(r"附件\s*(?P<n>\d+)\s*(?:详见|见|另行|另发|略)")


def attachments_present(ctx: Context) -> Iterator[Finding]:
    """Attachments announced in the 附件 note are printed, and printed ones are announced."""
    for doc in ctx.issue.documents:
        announced = list(doc.attachments)
        present, headings, referred = _attachments_found(doc, announced)
        for k, name in enumerate(announced, start=1):
            if k in present:
                if k not in headings and (headings or len(announced) > 1):
                    yield ctx.finding("D022", f"{doc_label(doc)}: attachment {k} 《{name}》 is printed "
                                              f"without its 附件{k} label", doc=doc,
                                      line=present[k] or field_line(doc, "attachments"))
                continue
            if k in referred:
                yield ctx.finding("D020", f"{doc_label(doc)}: attachment {k} 《{name}》 is not printed; "
                                          f"the text refers to it elsewhere", doc=doc, severity="info",
                                  line=referred[k])
            else:
                yield ctx.finding("D020", f"{doc_label(doc)}: attachment {k} 《{name}》 is announced but "
                                          f"not printed", doc=doc, line=field_line(doc, "attachments"))
        for n, line in headings.items():
            if n > len(announced):
                yield ctx.finding("D021", f"{doc_label(doc)}: attachment {n} is printed but the 附件 note "
                                          f"announces {len(announced)}", doc=doc, line=line)


def _attachments_found(doc, announced: list[str]):
    """({announced number found: line}, {heading number: line}, {number referred elsewhere: line})."""
    headings: dict[int, int] = {}
    named: dict[int, int | None] = {}
    referred: dict[int, int] = {}
    wanted = {_squash(name): k for k, name in enumerate(announced, start=1)}
    after_note = in_note = False
    for ln in content_lines(doc):
        text = ln.text.strip()
        for m in REFERRED_ELSEWHERE.finditer(text):
            referred.setdefault(int(m["n"]), ln.no)
        if ANNOUNCEMENT.match(text):
            after_note = in_note = True
            continue
        if not after_note:
            continue
        if in_note and NOTE_ITEM.match(text):
            continue  # the note's own list: 2. 宣布失效的…目录
        in_note = False
        m = ATTACHMENT_HEADING.match(text)
        if m:
            n = int(m["n"]) if m["n"] else 1
            headings.setdefault(n, ln.no)
            continue
        k = wanted.get(_squash(text))
        if k:
            named.setdefault(k, ln.no)
    for part in doc.attachments_parts:
        k = wanted.get(_squash(part.name))
        if k:
            named.setdefault(k, part.lines[0] if part.lines else None)
    present = {**named, **{n: line for n, line in headings.items() if n <= len(announced)}}
    return present, headings, referred


def _squash(text: str) -> str:
    text = re.sub(r"^\s*(?:\d+\s*[.．、]|[（(]\d+[)）])\s*", "", text)
    return re.sub(r"[\s《》]", "", text)



CHECKS = (attachments_present,)
