"""The normalizer: ordered named steps that clean loaded lines.

Each step is a small function ``step(lines, ctx) -> lines`` that records every change it
makes as a `Correction` (line, raw, fixed, rule) through ``ctx``.  The steps come in two lists:
`clean_steps` work line by line and know nothing of the issue's structure (they join nothing
but a line that only closes the line above, a lone '）' or '。'; the parser runs them
first, finds the page furniture, the TOC and the colophon on unjoined lines, then joins the body);
`repair_steps` repair document numbers and words from evidence across the whole issue.
`normalize()` runs clean → furniture → join → repair without the parser's structure.  After it
runs, these guarantees hold (each has a test in tests/test_normalize.py):

1. No Kangxi radicals or CJK compatibility ideographs (⼒ → 力, ⽇ → 日).
2. No markup debris: DOCX bookmarks ``[bookmark: …]``, markdown bullets, images and ``**``,
   LaTeX math (``$\\geq 90\\%$`` → ``≥90%``), an English ``and`` between Chinese words, lines
   without a word (a lone closing bracket or stop goes to the end of the line above), lines of
   English in a Chinese text (a bilingual page's English, a site's machine translation), a forum's
   anti-copying junk (``& L. [" f: o0 _,`` strewn between the words).
3. No web-page furniture: breadcrumbs, image names (``文件下载.png``), download links to
   .doc/.pdf files, 解读 links, counters and buttons, page footers; a web page's metadata block
   (索引号, 发布机构, 成文日期… in any layout) is moved into ``ctx.metadata``.
4. No page furniture: running headers and footers, page numbers and section banners that recur
   through the text (`furniture`), whatever their wording.
5. Letter-spaced headings and padded names are closed up (``实 施 方 案`` → ``实施方案``,
   ``刘 建`` → ``刘建``); a page run together on one line is split at its lost line breaks.
6. Hard line breaks inside sentences are joined; headings, list items, table rows,
   signatures, dates and titles are never joined to their neighbours; no blank lines remain.
7. Document numbers are canonical: 〔〕 around the year, no spaces, serial without leading zeros;
   letters OCR read for digits in their year or serial are digits (〔2O20〕4O号 → 〔2020〕40号).
8. OCR confusions in document-number codes and known words are repaired where the same issue
   holds evidence for the right form; where it does not, the text is left and a warning says so.
9. Traditional characters are read as simplified (OpenCC t2s): stray ones in simplified text are
   converted; a text traditional as a whole is read in simplified characters with each line's
   printed form kept in ``Line.printed``; pinyin annotations (``發(fā)``) are dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import Correction, Line, Warning


@dataclass
class Context:
    corrections: list[Correction] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    def correct(self, line: Line, raw: str, fixed: str, rule: str) -> None:
        self.corrections.append(Correction(line=line.no, raw=raw, fixed=fixed, rule=rule))

    def warn(self, code: str, message: str, line: int | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, line=line))


Step = Callable[[list[Line], Context], list[Line]]


def clean_steps() -> list[tuple[str, Step]]:
    """Steps that work line by line and know nothing of the issue's structure (no joins)."""
    from . import debris, layout, ocr, web

    return [
        ("compat-chars", debris.fold_compat_chars),
        ("traditional", ocr.traditional_to_simplified),
        ("ocr-line-digits", ocr.repair_line_digits),
        ("ocr-leaders", ocr.ocr_toc_leaders),
        ("ocr-toc-header", ocr.ocr_toc_header),
        ("ocr-glued-orders", ocr.ocr_glued_orders),
        ("ocr-page-heading", ocr.ocr_page_before_heading),
        ("ocr-chronicle-days", ocr.ocr_chronicle_days),
        ("pinyin", debris.drop_pinyin_annotations),
        ("front-matter", debris.strip_front_matter),
        ("toc-columns", layout.unfold_toc_columns),
        ("run-on", layout.split_run_on_lines),
        ("web-furniture", web.drop_web_furniture),
        ("jammer", debris.drop_jammer),  # (before markup and LaTeX: its '$' and '*' are no markup)
        ("markup", debris.strip_markup),
        ("wordless", debris.drop_wordless_lines),
        ("latex", debris.latex_to_text),
        ("english-and", debris.english_and),
        ("english-lines", debris.drop_english_lines),
        ("letter-spacing", layout.close_letter_spacing),
        ("vertical", layout.join_vertical_words),
    ]


def repair_steps() -> list[tuple[str, Step]]:
    """Steps that repair document numbers and words from evidence across the issue (after joins,
    so that a number broken over two lines is whole)."""
    from . import ocr

    return [
        ("ocr-digits", ocr.repair_number_digits),
        ("doc-number-form", ocr.canonical_doc_numbers),
        ("ocr-cut-number", ocr.repair_cut_numbers),
        ("ocr-doc-number", ocr.repair_doc_number_codes),
        ("ocr-word", ocr.repair_words),
    ]


def _run(steps: list[tuple[str, Step]], lines: list[Line], ctx: Context) -> list[Line]:
    for _name, step in steps:
        lines = step(lines, ctx)
    return lines


def clean(lines: list[Line], ctx: Context) -> list[Line]:
    """Copies of `lines` with the line-level steps applied and blank lines dropped."""
    out = [Line(no=l.no, text=l.text, page=l.page, hints=dict(l.hints), last=l.last, printed=l.printed) for l in lines]
    _count_gaps(out)
    return [l for l in _run(clean_steps(), out, ctx) if l.text.strip()]


def _count_gaps(lines: list[Line]) -> None:
    """hints['gap']: how many blank lines stand before each line (plain text only)."""
    blank = 0
    for line in lines:
        if line.text.strip():
            if blank and not line.hints.get("table"):
                line.hints["gap"] = blank
            elif not line.hints:
                line.hints["gap"] = 0
            blank = 0
        else:
            blank += 1


def repair(lines: list[Line], ctx: Context) -> list[Line]:
    return _run(repair_steps(), lines, ctx)


def normalize(lines: list[Line], ctx: Context | None = None) -> tuple[list[Line], Context]:
    """The whole text pipeline without the issue's structure: clean, drop page furniture, join
    broken lines, repair.  (The issue parser runs the same steps with the TOC and the documents'
    titles as evidence in between.)"""
    from . import furniture, layout

    ctx = ctx or Context()
    out = clean(lines, ctx)
    out = furniture.drop_furniture(out, ctx, sections=furniture.bracketed_sections(out))
    out = layout.join_broken_lines(out, ctx)
    return repair(out, ctx), ctx
