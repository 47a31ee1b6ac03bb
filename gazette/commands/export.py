"""`gazette export` (records as JSON / JSONL / CSV) and `gazette schema` (the shipped schemas)."""
from __future__ import annotations

import io
import itertools
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from .. import api, schemas
from ..cli import OcrOpt, app, err, iter_paths, ocr_progress, output_file, report_bad_file
from ..errors import EXIT_OK, UsageError, batch_exit_code, file_error
from ..export import (FORMATS, KINDS, RECORD_NAME, iter_index_issue_records, iter_records,
                      iter_stored_records, write)
from ..export.filters import check_period, document_filter


@app.command("export")
def export_cmd(
    args: Annotated[Optional[list[str]], typer.Argument(
        help="Bulletin files, directories or globs; with --index, words of a search query.")] = None,
    what: Annotated[str, typer.Option("--what", help="Records: " + " | ".join(KINDS) + ".")] = "documents",
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: " + " | ".join(FORMATS) + ".")] = "json",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (default: stdout).")] = None,
    excel: Annotated[bool, typer.Option("--excel", help="CSV as UTF-8 with BOM, so Excel shows Chinese text.")] = False,
    index: Annotated[Optional[Path], typer.Option("--index", help="Export documents stored in this index.")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Export documents stored in this PostgreSQL archive (postgresql://…).")] = None,
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Search query (with --index).")] = None,
    category: Annotated[Optional[str], typer.Option("--category", help="notice | rule | appointment | chronicle | other.")] = None,
    doc_type: Annotated[Optional[str], typer.Option("--doc-type", help="Document type (文种), e.g. 通知.")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="Issuing body (part of its name).")] = None,
    gazette: Annotated[Optional[str], typer.Option("--gazette", help="Gazette name (part of it).")] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="Documents of this year.")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="Documents dated on or after (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="Documents dated on or before (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
    password: Annotated[Optional[str], typer.Option("--password", help="Password of encrypted PDFs.")] = None,
    all_sources: Annotated[bool, typer.Option("--all-sources", help="With --index: every copy of a document found in several sources (PDF, DOCX, web page), not only one.")] = False,
    ocr: OcrOpt = False,
) -> int:
    """Export documents, appointments, events, citations, TOC entries or issues as JSON, JSONL or CSV."""
    if what not in KINDS:
        raise UsageError(f"--what {what!r} is not a record kind", hint="use one of: " + ", ".join(KINDS))
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r} is not supported", hint="use one of: " + ", ".join(FORMATS))
    if excel and fmt != "csv":
        raise UsageError("--excel applies to CSV only", hint="add --format csv")
    for label, value in (("--from", date_from), ("--to", date_to)):
        check_period(label, value)
    filters = dict(category=category, doc_type=doc_type, issuer=issuer, gazette=gazette, year=year,
                   date_from=date_from, date_to=date_to)
    if index is not None or db is not None:
        from ..index import open_engine

        engine = open_engine(None if index is None else str(index), db)
        words = " ".join(filter(None, [query, *(args or [])])) or None
        records = _primed(_from_index(what, engine, words, filters, all_sources))  # index errors before any output
        failed = []
    else:
        if not args:
            raise UsageError("nothing to export", hint="give bulletin files or directories, --index DIR or --db URL")
        if query:
            raise UsageError("--query needs --index", hint="files are exported whole; filter them with "
                                                          "--category, --year, … or export from an index")
        failed = []
        issues = _parse_files(args, password, failed, ocr)
        records = iter_records(what, issues, keep=document_filter(**filters))
    with _open_output(output, excel) as stream:
        count = write(records, fmt, stream, what)
    if output is not None:
        err.print(f"[dim]{count} {what} records written to {output}[/]", highlight=False)
    if not failed:
        return EXIT_OK
    return batch_exit_code(failed, count or (what == "issues"))


def _primed(records: Iterator[dict]) -> Iterator[dict]:
    """The same records, with the first one already read (so that errors come first)."""
    records = iter(records)
    first = next(records, None)
    return records if first is None else itertools.chain([first], records)


def _parse_files(args: list[str], password: str | None, failed: list, ocr: bool = False) -> Iterator[dict]:
    """Issue dicts, one file at a time (only one issue is held in memory); a file that cannot
    be read (or hits a bug) is reported, appended to `failed` and skipped.  `ocr` reads scans."""
    files = list(iter_paths(args, images=ocr))
    if not files:
        raise UsageError("no bulletin files found", hint="give files, directories or globs of .txt/.pdf/.docx/.html")
    with ocr_progress(ocr) as progress:
        for path in files:
            try:
                issue = api.parse(path, password=password, ocr=ocr, progress=progress).to_dict()
            except Exception as e:  # noqa: BLE001  the batch goes on past a bad file
                failed.append(file_error(e, path))
                report_bad_file(failed[-1])
                continue
            yield issue


def _from_index(what: str, engine, query: str | None, filters: dict, all_sources: bool) -> Iterator[dict]:
    if what == "issues":
        if query or any(filters.values()):
            raise UsageError("--what issues takes no query or filters", hint="export all issues of the index")
        return iter_index_issue_records(engine.list_issues())
    if what == "toc":
        raise UsageError("the index does not keep tables of contents",
                         hint="export them from the files: gazette export PATH --what toc")
    return iter_stored_records(what, engine.iter_stored(query=query, all_sources=all_sources, **filters))


@contextmanager
def _open_output(output: Path | None, excel: bool):
    encoding = "utf-8-sig" if excel else "utf-8"
    if output is not None:
        with output_file(output, encoding=encoding, newline="") as fh:
            yield fh
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a test harness replaced stdout with a text-only stream
        if excel:
            sys.stdout.write("\ufeff")
        yield sys.stdout
        sys.stdout.flush()
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(buffer, encoding=encoding, newline="")
    try:
        yield stream
        stream.flush()
    finally:
        stream.detach()


@app.command("schema")
def schema_cmd(
    name: Annotated[Optional[str], typer.Argument(help="Schema name; without it, list the schemas.")] = None,
) -> int:
    """Print a shipped JSON Schema (the parse JSON, each export record, the validate report)."""
    if name is None:
        for n in schemas.names():
            title = schemas.load(n).get("title", "")
            sys.stdout.write(f"{n}\t{title}\n")
        return EXIT_OK
    aliases = {k: f"export-{v}" for k, v in RECORD_NAME.items()}
    sys.stdout.write(schemas.text(aliases.get(name, name)))
    return EXIT_OK
