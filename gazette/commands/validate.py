"""`gazette validate PATH...`: check bulletins before they are published.

Exit codes: 0 no errors; 1 errors found (or warnings with --strict); 2 some input could
not be read or the command was misused.  Findings go to stdout in the chosen format.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import OcrOpt, app, iter_paths, ocr_progress, out, output_file, warn
from ..errors import UsageError
from ..validate import CODES, exit_code, validate_paths
from ..validate.report import REPORT_FORMATS, render_github, render_json, render_junit, render_table

RENDERERS = {"json": render_json, "github": render_github, "junit": render_junit}


@app.command("validate")
def validate_cmd(
    paths: Annotated[list[str], typer.Argument(help="Bulletin files, directories or globs; - reads standard input.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Report: " + " | ".join(REPORT_FORMATS) + ".")] = "table",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    against: Annotated[Optional[str], typer.Option("--against", help="Series checks against the issues in this index (a directory, or a postgresql:// archive).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Finding codes to leave out (repeat or comma-separate).")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the report to this file.")] = None,
    password: Annotated[Optional[str], typer.Option("--password", help="Password of encrypted PDFs.")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    ocr: OcrOpt = False,
) -> int:
    """Validate bulletins: masthead, TOC, GB/T 9704 document rules, text quality, records."""
    if json_:
        fmt = "json"
    if fmt not in REPORT_FORMATS:
        raise UsageError(f"--format {fmt!r} is not a report format", hint="use one of: " + ", ".join(REPORT_FORMATS))
    skip = [c.strip().upper() for item in ignore or () for c in item.split(",") if c.strip()]
    unknown = [c for c in skip if c not in CODES]
    if unknown:
        raise UsageError(f"unknown finding code(s) {', '.join(unknown)}", hint="see the table of finding codes in the README")
    series = _series(against) if against is not None else None
    with ocr_progress(ocr) as progress:
        results = list(validate_paths(iter_paths(paths, images=ocr), series=series, password=password,
                                      ignore=skip, ocr=ocr, progress=progress))
    if not results:
        raise UsageError("no bulletin files found", hint="give files or directories with .txt/.pdf/.docx/.html files")
    for r in results:  # diagnostics always reach stderr, whatever the report format
        if r.error:
            warn(f"error: {r.error}")
    code = exit_code(results, strict=strict)
    if output is not None:
        with output_file(output) as fh:
            _render(fmt, results, fh, code, strict)
    else:
        _render(fmt, results, None, code, strict)
    return code


def _render(fmt: str, results, stream, code: int, strict: bool) -> None:
    if fmt == "table":
        if stream is None:
            render_table(results, out, strict=strict)
        else:
            from rich.console import Console
            render_table(results, Console(file=stream, width=160, soft_wrap=True), strict=strict)
        return
    RENDERERS[fmt](results, stream or sys.stdout, exit_code=code, strict=strict)


def _series(index: str) -> list[dict]:
    from ..index import list_issues

    return list_issues(index)
