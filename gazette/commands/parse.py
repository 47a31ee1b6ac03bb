"""`gazette parse FILE...`: parse bulletins and show or print them."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from .. import api
from ..cli import OcrOpt, app, iter_paths, ocr_progress, out, print_json, report_bad_file
from ..errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, GazetteError


@app.command("parse")
def parse_cmd(
    paths: Annotated[list[str], typer.Argument(
        help="Bulletin files (TXT, PDF, DOCX, HTML; scans with --ocr), directories or globs.")],
    json_: Annotated[bool, typer.Option("--json", help="Print the parse as JSON (the documented contract).")] = False,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the output to this file.")] = None,
    password: Annotated[Optional[str], typer.Option("--password", help="Password of an encrypted PDF.")] = None,
    ocr: OcrOpt = False,
) -> int:
    """Parse bulletins into masthead, table of contents and documents."""
    results, failed = [], 0
    with ocr_progress(ocr) as progress:
        for path in iter_paths(paths, images=ocr):
            try:
                results.append(api.parse(path, password=password, ocr=ocr, progress=progress))
            except GazetteError as e:
                failed += 1
                report_bad_file(e)
    if not results:
        return EXIT_INPUT
    if json_:
        payload = results[0].to_dict() if len(results) == 1 else [r.to_dict() for r in results]
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                print_json(payload, file=fh)
        else:
            print_json(payload)
    else:
        for issue in results:
            render_issue(issue)
    return EXIT_FINDINGS if failed else EXIT_OK


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
