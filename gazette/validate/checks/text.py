"""Text-quality checks: corrections the normalizer made, what it left, and debris."""
from __future__ import annotations

from typing import Iterator

from ..findings import Finding
from ..vocabulary import DEBRIS, LAYOUT_RULE_WORDS, SUSPICIOUS_WARNING_PREFIXES
from .base import Context, content_lines


def corrections_made(ctx: Context) -> Iterator[Finding]:
    """Each repair of the text (OCR confusion, document number, debris) as info, raw → fixed."""
    for c in ctx.issue.corrections:
        if any(word in c.rule for word in LAYOUT_RULE_WORDS):
            continue
        raw, fixed = _shorten(c.raw), _shorten(c.fixed)
        yield ctx.finding("T001", f"{raw} → {fixed or '(removed)'} ({c.rule})", line=c.line)


def suspicious_tokens(ctx: Context) -> Iterator[Finding]:
    """Tokens the parser found suspicious but had no evidence to repair."""
    for w in ctx.issue.warnings:
        if w.code.startswith(SUSPICIOUS_WARNING_PREFIXES):
            yield ctx.finding("T002", f"{w.message} [{w.code}]", line=w.line)


def debris_left(ctx: Context) -> Iterator[Finding]:
    """Markdown, LaTeX, DOCX bookmarks and web-page junk that survived into a document's text."""
    for doc in ctx.issue.documents:
        for ln in content_lines(doc):
            for name, pattern in DEBRIS:
                m = pattern.search(ln.text)
                if m:
                    yield ctx.finding("T003", f"{name} left in the text: {_shorten(m.group(0))}",
                                      doc=doc, line=ln.no)
                    break


def parser_notes(ctx: Context) -> Iterator[Finding]:
    """Every other warning of the parser, passed on as info."""
    for w in ctx.issue.warnings:
        if not w.code.startswith(SUSPICIOUS_WARNING_PREFIXES):
            yield ctx.finding("T009", f"{w.message} [{w.code}]", line=w.line)


def _shorten(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


CHECKS = (corrections_made, suspicious_tokens, debris_left, parser_notes)
