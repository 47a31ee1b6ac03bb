"""The table of finding codes: stable code → default severity and a one-line title.

Codes never change meaning; new checks get new codes.  The README's table of finding
codes is checked against this one by the tests.
"""
from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    severity: str
    title: str


CODES: dict[str, Code] = {
    # issue level
    "G001": Code("error", "masthead not found (no gazette name, year, issue or publication date)"),
    "G002": Code("warning", "gazette name not found"),
    "G003": Code("error", "year not found"),
    "G004": Code("warning", "issue number not found"),
    "G005": Code("warning", "publication date not found"),
    "G010": Code("warning", "table of contents missing"),
    "G011": Code("error", "TOC entry matches no document"),
    "G012": Code("warning", "document not listed in the TOC"),
    "G013": Code("warning", "TOC page number differs from the document's first page"),
    "G014": Code("warning", "documents not in TOC order"),
    "G015": Code("warning", "TOC document number differs from the document's"),
    # document level (GB/T 9704)
    "D001": Code("error", "document title missing"),
    "D002": Code("warning", "title does not end in a known document type (文种)"),
    "D003": Code("error", "document number: year not in 〔〕 brackets"),
    "D004": Code("error", "document number: year is not four digits"),
    "D005": Code("error", "document number: serial has leading zeros"),
    "D006": Code("error", "document number: 第 or 字 misused around the serial"),
    "D007": Code("error", "document number's year is after the issue's year"),
    "D008": Code("error", "document number appears twice in the issue"),
    "D010": Code("warning", "signature date (成文日期) missing"),
    "D011": Code("error", "signature date printed but not a calendar date"),
    "D012": Code("error", "signature date after the publication date"),
    "D020": Code("error", "attachment announced in 附件 but not present"),
    "D021": Code("warning", "attachment present but not announced in 附件"),
    "D022": Code("warning", "attachment printed without its 附件N label"),
    "D030": Code("warning", "heading level skipped (一、 → （一） → 1. → （1）)"),
    "D031": Code("warning", "heading number repeated or out of order"),
    "D032": Code("warning", "heading number missing (gap in the sequence)"),
    "D040": Code("error", "document is empty"),
    "D041": Code("error", "document ends mid-sentence (truncated)"),
    # text quality
    "T001": Code("info", "OCR or format correction made"),
    "T002": Code("warning", "suspicious token left unrepaired"),
    "T003": Code("warning", "extraction debris left in the text (markdown, LaTeX, bookmarks, web-page junk)"),
    "T004": Code("warning", "extraction debris in the delivered file (removed by the normalizer)"),
    "T009": Code("info", "parser note"),
    # records
    "R001": Code("error", "appointment without a person"),
    "R002": Code("warning", "appointment without a position"),
    "R010": Code("warning", "chronicle event dated outside the issue's period"),
    "R011": Code("warning", "chronicle events out of date order"),
    "R012": Code("warning", "chronicle event without a date"),
    # series (--against INDEX)
    "S001": Code("warning", "gap in the issue numbers of this gazette"),
    "S002": Code("error", "issue number already used by another issue of this gazette"),
    "S003": Code("warning", "gap in the total issue numbers of this gazette"),
    "S004": Code("error", "total issue number already used by another issue of this gazette"),
    "S005": Code("error", "document number already published in another issue"),
}
