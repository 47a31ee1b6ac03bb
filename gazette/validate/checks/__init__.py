"""The ordered registry of checks.  Each check is a small named function
`check(ctx) -> Iterable[Finding]`; a module lists its checks in `CHECKS`, and the order
here is the order findings are reported in.  Adding a check never means editing the driver.
"""
from __future__ import annotations

from . import attachments, document, issue, numbering, records, series, text
from .base import Check, Context

CHECKS: tuple[Check, ...] = (
    *issue.CHECKS,
    *document.CHECKS,
    *attachments.CHECKS,
    *numbering.CHECKS,
    *text.CHECKS,
    *records.CHECKS,
    *series.CHECKS,
)

__all__ = ["CHECKS", "Check", "Context"]
