"""`gazette validate`: run the ordered checks over parsed issues and collect findings.

    >>> from gazette.validate import validate_issue
    >>> findings = validate_issue(gazette.parse("issue.txt"))

Exit status (see `exit_code`): 0 no errors, 1 errors (or warnings with `strict`), 2 some
input could not be read — a broken file must never pass as a clean one.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, FileBug, file_error
from ..model import Issue
from .checks import CHECKS, Check, Context
from .codes import CODES
from .findings import FileResult, Finding

__all__ = ["validate_issue", "validate_paths", "exit_code", "Finding", "FileResult", "CODES", "CHECKS"]


def validate_issue(issue: Issue, *, file: str | None = None, series: list[dict] | None = None,
                   checks: Iterable[Check] | None = None, ignore: Iterable[str] = ()) -> list[Finding]:
    """All findings of `checks` on one parsed issue, in registry order."""
    skip = set(ignore)
    ctx = Context(issue=issue, file=file or issue.source.path, series=series)
    findings: list[Finding] = []
    for check in CHECKS if checks is None else checks:
        ctx.check = check.__name__
        findings.extend(f for f in check(ctx) if f.code not in skip)
    return findings


def validate_paths(paths: Iterable[str | Path], *, series: list[dict] | None = None,
                   password: str | None = None, ignore: Iterable[str] = (), ocr: bool = False,
                   progress=None) -> Iterator[FileResult]:
    """Parse and validate each file; a file that cannot be read gives a result with `error`.
    `ocr` reads scans by OCR (`progress(pages done, pages to do)` as it goes)."""
    from .. import api

    ignore = tuple(ignore)
    for path in paths:
        try:
            issue = api.parse(path, password=password, ocr=ocr, progress=progress)
            findings = validate_issue(issue, file=str(path), series=series, ignore=ignore)
        except Exception as e:  # noqa: BLE001  a bad file (or a bug on one) never ends the batch
            error = file_error(e, path)
            yield FileResult(file=str(path), error=str(error), internal=isinstance(error, FileBug))
            continue
        yield FileResult(file=str(path), issue_key=issue.key, findings=findings)


def exit_code(results: Iterable[FileResult], *, strict: bool = False) -> int:
    """70 if a file hit a bug in gazette, else 2 if any file could not be read, else 1 if any
    error (or warning when strict), else 0."""
    results = list(results)
    if any(r.internal for r in results):
        return EXIT_INTERNAL
    if any(not r.readable for r in results):
        return EXIT_INPUT
    failing = {"error", "warning"} if strict else {"error"}
    if any(f.severity in failing for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK
