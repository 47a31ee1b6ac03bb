"""Document-level checks after GB/T 9704: title, document number, dates, ending."""
from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from ...numerals import parse_date
from ..findings import Finding
from ..vocabulary import BRACKET_PAIRS, CONTINUES, NON_DOCUMENT_CATEGORIES, SENTENCE_END, doc_types
from .base import Context, body_lines, content_lines, doc_label

# 机关代字 + bracketed year + serial + 号, tolerant enough to see what is wrong with it.
DOC_NUMBER = re.compile(
    r"^(?P<code>.*?)(?P<open>[〔\[［(（【〈<])\s*(?P<year>\d+)\s*(?P<close>[〕\]］)）】〉>])"
    r"\s*(?P<after>[第字]*)\s*(?P<serial>\d+)\s*号$")
# 政府令 第N号, a 公告's 〔十三届〕第二十三号: serials without a bracketed year by design
ORDER_NUMBER = re.compile(r"^.*第\s*(?:\d+|[〇零一二三四五六七八九十百千]+)\s*号$")
TRAILING_QUALIFIER = re.compile(r"[（(][^（()）]{1,8}[)）]$")  # （试行） （草案）
# a date as printed, readable or not (2021年2月30日, 2021年3月日, 二〇二一年三月二十六日)
DATE_TEXT = re.compile(r"[0-9〇○零一二三四五六七八九]{2,4}\s*年[^年，。]{0,5}月[^月，。]{0,5}日")
FORM_RULE = "doc-number-form"  # the normalizer rule that canonicalises document numbers
DATED_CATEGORIES = frozenset({"notice", "rule"})


def title_present(ctx: Context) -> Iterator[Finding]:
    """Every document has a title that ends in a known document type (文种)."""
    for doc in ctx.issue.documents:
        title = (doc.title or "").strip()
        if not title:
            yield ctx.finding("D001", f"document {doc.seq} has no title", doc=doc)
            continue
        bare = TRAILING_QUALIFIER.sub("", title).rstrip("”\"’》")
        if not bare.endswith(doc_types()):
            yield ctx.finding("D002", f"title 《{title}》 does not end in a known document type "
                                      f"(通知, 决定, 意见, …)", doc=doc, line=field_line(doc, "title"))


def doc_number_well_formed(ctx: Context) -> Iterator[Finding]:
    """Document numbers as printed: 〔〕 around a four-digit year, serial without zeros, no 第/字."""
    for doc in ctx.issue.documents:
        printed = printed_doc_number(ctx, doc)
        if not printed or doc.category in NON_DOCUMENT_CATEGORIES:
            continue
        line = field_line(doc, "doc_number")
        compact = re.sub(r"\s+", "", printed)
        m = DOC_NUMBER.match(compact)
        if not m:
            if not ORDER_NUMBER.match(compact):
                yield ctx.finding("D003", f"document number {printed} has no year in 〔〕 brackets",
                                  doc=doc, line=line)
            continue
        if m["after"] and (m["code"].endswith("令") or not m["code"] or doc.doc_type in ("公告", "通告")):
            continue  # an order or an announcement numbered within its year: '政府令〔2010〕第15号', '〔2021〕第2号'
        if (m["open"], m["close"]) != ("〔", "〕"):
            yield ctx.finding("D003", f"document number {printed}: the year belongs in 〔〕, "
                                      f"not {m['open']}{m['close']}", doc=doc, line=line)
        if len(m["year"]) != 4:
            yield ctx.finding("D004", f"document number {printed}: year {m['year']} is not four digits",
                              doc=doc, line=line)
        if len(m["serial"]) > 1 and m["serial"].startswith("0"):
            yield ctx.finding("D005", f"document number {printed}: serial {m['serial']} has leading zeros "
                                      f"(write {int(m['serial'])})", doc=doc, line=line)
        if m["after"]:
            yield ctx.finding("D006", f"document number {printed}: no {m['after']} between the year and "
                                      f"the serial (write …〕{int(m['serial'])}号)", doc=doc, line=line)


def printed_doc_number(ctx: Context, doc) -> str | None:
    """The document number as the bulletin prints it: before the normalizer put it in
    canonical form (a doc-number-form correction on its line), else as parsed."""
    span = doc.field_lines.get("doc_number")
    if span:
        for c in ctx.issue.corrections:
            if c.rule.startswith(FORM_RULE) and span[0] <= (c.line or 0) <= span[-1]:
                return c.raw
    return doc.doc_number_raw or doc.doc_number


def doc_number_year(ctx: Context) -> Iterator[Finding]:
    """A document number's year is not after the issue's year."""
    issue_year = ctx.issue.gazette.year or _year(ctx.issue.gazette.published)
    if not issue_year:
        return
    for doc in ctx.issue.documents:
        m = DOC_NUMBER.match(re.sub(r"\s+", "", doc.doc_number or ""))
        if m and len(m["year"]) == 4 and int(m["year"]) > issue_year:
            yield ctx.finding("D007", f"{doc.doc_number} is dated {m['year']}, after the issue's year "
                                      f"{issue_year}", doc=doc, line=field_line(doc, "doc_number"))


def doc_numbers_unique(ctx: Context) -> Iterator[Finding]:
    """No document number appears on two documents of the same issue."""
    first_seen: dict[str, int] = {}
    for doc in ctx.issue.documents:
        if not doc.doc_number:
            continue
        if doc.doc_number in first_seen:
            yield ctx.finding("D008", f"{doc.doc_number} is also the number of document "
                                      f"{first_seen[doc.doc_number]}", doc=doc, line=field_line(doc, "doc_number"))
        else:
            first_seen[doc.doc_number] = doc.seq


def signature_date(ctx: Context) -> Iterator[Finding]:
    """Notices and rules carry a parseable signature date not after the publication date."""
    published = _iso(ctx.issue.gazette.published)
    for doc in ctx.issue.documents:
        if doc.category not in DATED_CATEGORIES:
            continue
        if not doc.date:
            printed = next((ln for ln in reversed(content_lines(doc)[-12:]) if DATE_TEXT.search(ln.text)), None)
            if printed is not None and parse_date(DATE_TEXT.search(printed.text).group(0)) is None:
                yield ctx.finding("D011", f"{doc_label(doc)}: the date {DATE_TEXT.search(printed.text).group(0)} "
                                          f"is not a calendar date", doc=doc, line=printed.no)
            else:
                yield ctx.finding("D010", f"{doc_label(doc)} has no signature date (成文日期)", doc=doc)
            continue
        signed = _iso(doc.date)
        if signed and published and signed > published:
            yield ctx.finding("D012", f"{doc_label(doc)} is dated {doc.date}, after the issue's "
                                      f"publication date {ctx.issue.gazette.published}",
                              doc=doc, line=field_line(doc, "date"))


def document_complete(ctx: Context) -> Iterator[Finding]:
    """No document is empty, and none stops mid-sentence."""
    for doc in ctx.issue.documents:
        lines = body_lines(doc)
        if not doc.body.strip():
            yield ctx.finding("D040", f"{doc_label(doc)} has no text after its title", doc=doc)
            continue
        if not lines:
            continue
        last = lines[-1]
        if ends_mid_sentence(last.text):
            yield ctx.finding("D041", f"{doc_label(doc)} ends mid-sentence: “…{last.text.strip()[-20:]}”",
                              doc=doc, line=last.no)


def ends_mid_sentence(text: str) -> bool:
    """True when a document's last line cannot be the end of a text."""
    text = text.strip()
    if not text or "\t" in text:
        return False
    if text[-1] in CONTINUES:
        return True
    if any(text.count(a) > text.count(b) for a, b in BRACKET_PAIRS):
        return True
    # a long sentence (it has clause punctuation) whose last character is a plain ideograph
    is_sentence = len(text) >= 30 and any(p in text for p in "，；,;")  # a list joined by 、 only may end so
    return is_sentence and text[-1] not in SENTENCE_END and _is_ideograph(text[-1])


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def field_line(doc, name: str) -> int | None:
    span = doc.field_lines.get(name)
    return span[0] if span else (doc.lines[0] if doc.lines else None)


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _year(value: str | None) -> int | None:
    d = _iso(value)
    return d.year if d else None


CHECKS = (title_present, doc_number_well_formed, doc_number_year, doc_numbers_unique,
          signature_date, document_complete)
