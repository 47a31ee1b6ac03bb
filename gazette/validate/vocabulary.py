"""Vocabularies the checks use, kept as data (not scattered through the code)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lineclass import doc_type_table

# Document types (文种) a title may end in: the package's own table (gazette/data/doc_types.json,
# the 15 types of the 党政机关公文处理工作条例, the forms gazettes print for rules, plans and
# lists, the chronicle's names), plus a few plan forms validate also accepts.
EXTRA_DOC_TYPES: tuple[str, ...] = ("规划", "计划", "要点")


@lru_cache(maxsize=1)
def doc_types() -> tuple[str, ...]:
    table = doc_type_table()
    return tuple(dict.fromkeys([suffix for suffix, _ in table["types"]] + list(EXTRA_DOC_TYPES)))


# Categories whose documents are not 公文 (no document number, signature or heading rules).
NON_DOCUMENT_CATEGORIES: frozenset[str] = frozenset({"chronicle"})

# Characters that end a sentence, a clause list, or a closing bracket after one.
SENTENCE_END: str = "。！？!?；;：:…”’」』）)》>】〕]"
# Characters after which a text cannot end: the sentence obviously goes on.
CONTINUES: str = "，,、（(《“‘「『【〔—-"
BRACKET_PAIRS: tuple[tuple[str, str], ...] = (("（", "）"), ("《", "》"), ("“", "”"), ("【", "】"))

# Extraction debris that should never survive into published text: (name, pattern).
DEBRIS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("markdown bold", re.compile(r"\*\*")),
    ("LaTeX command", re.compile(r"\\(?:geq|leq|times|div|pm|neq|approx|cdot|frac|text|mathrm|left|right|%)")),
    ("LaTeX math", re.compile(r"\$[^$\n]{1,80}\$")),
    ("DOCX bookmark", re.compile(r"\[bookmark:", re.I)),
    ("image file name", re.compile(r"(?<!\S)\S+\.(?:png|jpe?g|gif)\b", re.I)),
    ("download link", re.compile(r"(?<!\S)\S+\.(?:docx?|pdf|wps|xlsx?)\s*$", re.I)),
    ("breadcrumb", re.compile(r"当前位置\s*[:：]")),
)

# Parser warning codes consumed as "suspicious token left unrepaired" (T002).
SUSPICIOUS_WARNING_PREFIXES: tuple[str, ...] = ("ocr-", "ocr_", "suspicious")

# Correction rules (of gazette.normalize) reported one by one as T001 (info): repairs of
# recognition errors and of the document-number form.  Matched as prefixes.
REPAIR_RULES: tuple[str, ...] = ("ocr", "traditional", "doc-number", "compat", "english-and", "toc-title")
# Correction rules that removed extraction debris: reported as T003, once per document and
# rule, because the bulletin as delivered carries the debris.  Web furniture is only
# debris inside a gazette issue (a captured web page is expected to have it).
DEBRIS_RULES: tuple[str, ...] = ("markdown", "markup", "latex", "web-furniture", "docx-bookmark", "bookmark")
WEB_RULES: tuple[str, ...] = ("web-furniture",)

# Parser warnings that are findings of a record check: warning code → finding code.  Any
# other parser warning is passed on as T009 (info).
PARSER_WARNING_FINDINGS: dict[str, str] = {
    "chronicle_out_of_order": "R011",
    "chronicle_stray_text": "R011",
    "chronicle_undated": "R012",
}
# Parser warnings a check of its own already reports (G011, G012, G013, R011): not repeated.
PARSER_WARNINGS_COVERED: frozenset[str] = frozenset({
    "toc-unmatched", "doc-not-in-toc", "toc-page-mismatch", "chronicle_date_order",
})
