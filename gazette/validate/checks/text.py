"""Text-quality checks: corrections the normalizer made, what it left, and debris."""
from __future__ import annotations

from typing import Iterator

from ..findings import Finding
from ..vocabulary import (DEBRIS, DEBRIS_RULES, PARSER_WARNING_FINDINGS, PARSER_WARNINGS_COVERED, REPAIR_RULES,
                          SUSPICIOUS_WARNING_PREFIXES, WEB_RULES)
from .base import Context, content_lines


def corrections_made(ctx: Context) -> Iterator[Finding]:
    """Each repair of a recognition error or a document number's form, as info: raw → fixed."""
    for c in ctx.issue.corrections:
        if not c.rule.startswith(REPAIR_RULES):
            continue
        raw, fixed = _shorten(c.raw), _shorten(c.fixed)
        yield ctx.finding("T001", f"{raw} → {fixed or '(removed)'} ({c.rule})", line=c.line)


def suspicious_tokens(ctx: Context) -> Iterator[Finding]:
    """Tokens the parser found suspicious but had no evidence to repair."""
    for w in ctx.issue.warnings:
        if w.code.startswith(SUSPICIOUS_WARNING_PREFIXES):
            yield ctx.finding("T002", f"{w.message} [{w.code}]", line=w.line)


def debris_removed(ctx: Context) -> Iterator[Finding]:
    """Debris the normalizer removed: the bulletin as delivered carries it.  One finding per
    document (or stretch between documents) and rule, pointing at the first line."""
    groups: dict[tuple, list] = {}
    for c in ctx.issue.corrections:
        if not c.rule.startswith(DEBRIS_RULES):
            continue
        if c.rule.startswith(WEB_RULES) and not ctx.is_gazette:
            continue  # a captured web page is expected to carry its page furniture
        doc = _document_at(ctx, c.line)
        groups.setdefault((doc.seq if doc else None, c.rule), []).append(c)
    for (seq, rule), found in groups.items():
        doc = next((d for d in ctx.issue.documents if d.seq == seq), None)
        lines = sorted({c.line for c in found if c.line is not None})
        where = f"on {len(lines)} lines ({lines[0]}–{lines[-1]})" if len(lines) > 1 else "in the text"
        yield ctx.finding("T004", f"{rule} debris removed {where}, e.g. {_shorten(found[0].raw, 30)}"
                                  + ("" if doc else " (between documents)"),
                          doc=doc, line=lines[0] if lines else None)


def _document_at(ctx: Context, line: int | None):
    if line is None:
        return None
    return next((d for d in ctx.issue.documents if d.lines and d.lines[0] <= line <= d.lines[-1]), None)


def debris_left(ctx: Context) -> Iterator[Finding]:
    """Markdown, LaTeX, DOCX bookmarks and web-page junk still in a document's text (the
    normalizer did not know them): one finding per document and kind of debris."""
    for doc in ctx.issue.documents:
        found: dict[str, list] = {}
        for ln in content_lines(doc):
            for name, pattern in DEBRIS:
                m = pattern.search(ln.text)
                if m:
                    found.setdefault(name, []).append((ln.no, m.group(0)))
                    break
        for name, hits in found.items():
            where = f"on {len(hits)} lines ({hits[0][0]}–{hits[-1][0]})" if len(hits) > 1 else "in the text"
            yield ctx.finding("T003", f"{name} left {where}, e.g. {_shorten(hits[0][1], 30)}",
                              doc=doc, line=hits[0][0])


def parser_notes(ctx: Context) -> Iterator[Finding]:
    """Every other warning of the parser: as the finding it amounts to, else as info."""
    for w in ctx.issue.warnings:
        if not w.code.startswith(SUSPICIOUS_WARNING_PREFIXES) and w.code not in PARSER_WARNINGS_COVERED:
            code = PARSER_WARNING_FINDINGS.get(w.code, "T009")
            yield ctx.finding(code, f"{w.message} [{w.code}]", line=w.line, doc=_document_at(ctx, w.line))


def _shorten(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


CHECKS = (corrections_made, suspicious_tokens, debris_removed, debris_left, parser_notes)
