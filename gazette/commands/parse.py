"""`gazette parse FILE...`: parse bulletins and show or print them."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

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
    from . import render

    if issue.toc:
        _render_toc(issue.toc, render)
    out.print("[bold]Documents[/]")
    if render.wide():
        docs = Table()
        for col in ("#", "doc number", "date", "category", "title", "lines", "records"):
            docs.add_column(col, overflow="fold", no_wrap=col in ("#", "date", "lines"))
        for d in issue.documents:
            docs.add_row(str(d.seq), render.plain(d.doc_number), d.date or "", d.category,
                         render.plain(d.title), _lines(d), _records(d))
        out.print(docs)
    else:  # items: the full title, then number, date, category, lines, records
        rows = []
        for d in issue.documents:
            text = render.title_text(d.title)
            text.append("\n" + render.meta_line(d.doc_number, d.date, d.category, _lines(d) and f"lines {_lines(d)}",
                                                  _records(d) and f"{_records(d)} records"), style="dim")
            rows.append((str(d.seq), text))
        render.items(rows)
    out.print(f"[dim]{len(issue.corrections)} corrections, {len(issue.warnings)} warnings[/]")
    for w in issue.warnings:
        out.print(f"  [yellow]{w.code}[/] line {w.line}: {w.message}", highlight=False)


def _lines(d) -> str:
    return f"{d.lines[0]}–{d.lines[1]}" if d.lines else ""


def _records(d) -> str:
    n = len(d.appointments) + len(d.events) + len(d.citations)
    return str(n) if n else ""


def _render_toc(toc, render) -> None:
    """The table of contents: page, title (wrapped, its number under it), document, by section."""
    table = Table(title="Table of contents", show_header=True, show_lines=False)
    table.add_column("page", justify="right", no_wrap=True)
    table.add_column("title / doc number", overflow="fold")
    table.add_column("doc", justify="right", no_wrap=True)
    section = None
    for t in toc:
        if t.section != section:
            section = t.section
            table.add_row("", Text(section or "", style="bold"), "")
        cell = render.plain(t.title or "")
        if t.doc_number:
            cell.append(("\n" if t.title else "") + t.doc_number, style="dim")
        table.add_row(str(t.page or ""), cell, str(t.document_seq or ""))
    out.print(table)
