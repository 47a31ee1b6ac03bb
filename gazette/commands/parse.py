"""`gazette parse FILE...`: parse bulletins and show or print them."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from .. import api
from ..cli import OcrOpt, app, iter_paths, ocr_progress, out, output_file, print_json, report_bad_file, several
from ..errors import UsageError, batch_exit_code, file_error


@app.command("parse")
def parse_cmd(
    paths: Annotated[list[str], typer.Argument(help="Bulletin files (TXT, PDF, DOCX, HTML; scans with --ocr), directories or globs; - reads standard input.")],
    json_: Annotated[bool, typer.Option("--json", help="Print the parse as JSON (the documented contract).")] = False,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the output to this file.")] = None,
    password: Annotated[Optional[str], typer.Option("--password", help="Password of an encrypted PDF.")] = None,
    ocr: OcrOpt = False,
) -> int:
    """Parse bulletins into masthead, table of contents and documents."""
    results, errors = [], []
    files = list(iter_paths(paths, images=ocr))
    if not files:
        raise UsageError("no bulletin files found", hint="give files, directories or globs of .txt/.pdf/.docx/.html")
    with ocr_progress(ocr) as progress:
        for path in files:
            try:
                results.append(api.parse(path, password=password, ocr=ocr, progress=progress))
            except Exception as e:  # noqa: BLE001  one bad file (or a bug on it) never ends the batch
                errors.append(file_error(e, path))
                report_bad_file(errors[-1])
    if results and json_:
        dicts = [r.to_dict() for r in results]
        payload = dicts if several(paths, files) else dicts[0]
        if output:
            with output_file(output) as fh:
                print_json(payload, file=fh)
        else:
            print_json(payload)
    elif results:
        for issue in results:
            render_issue(issue)
    return batch_exit_code(errors, len(results))


def render_issue(issue) -> None:
    g = issue.gazette
    out.rule(f"[bold]{issue.source.path}[/]  ({issue.source.format}, {issue.kind})")
    meta = Table.grid(padding=(0, 2))
    for label, value in (("gazette", g.name), ("publisher", g.publisher), ("year", g.year),
                         ("issue", g.issue), ("total issue", g.total_issue), ("published", g.published)):
        if value is not None:
            meta.add_row(f"[dim]{label}[/]", str(value))
    out.print(meta)
    if issue.toc:
        toc = Table(title="Table of contents", show_lines=False)
        for col in ("section", "title", "doc number", "page", "doc"):
            toc.add_column(col)
        for t in issue.toc:
            toc.add_row(t.section or "", t.title or "", t.doc_number or "", str(t.page or ""),
                        str(t.document_seq or ""))
        out.print(toc)
    docs = Table(title="Documents")
    for col in ("#", "doc number", "date", "category", "title", "lines", "records"):
        docs.add_column(col)
    for d in issue.documents:
        records = len(d.appointments) + len(d.events) + len(d.citations)
        docs.add_row(str(d.seq), d.doc_number or "", d.date or "", d.category, d.title or "",
                     f"{d.lines[0]}–{d.lines[1]}" if d.lines else "", str(records) if records else "")
    out.print(docs)
    out.print(f"[dim]{len(issue.corrections)} corrections, {len(issue.warnings)} warnings[/]")
    for w in issue.warnings:
        out.print(f"  [yellow]{w.code}[/] line {w.line}: {w.message}", highlight=False)
