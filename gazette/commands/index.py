"""`gazette ingest | search | show | list | remove | stats`: the search index commands."""
from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from ..cli import OcrOpt, app, err, iter_paths, out, print_json
from ..errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, UsageError

IndexOpt = Annotated[Optional[str], typer.Option(
    "--index", help="Index directory (default: $GAZETTE_INDEX, else the user data directory).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
WaitOpt = Annotated[float, typer.Option("--lock-timeout", help="Seconds to wait for another writer's lock.")]


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Bulletin files, directories (recursive) or globs.")],
    index: IndexOpt = None,
    json_: JsonOpt = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Parser processes (default: CPU cores).")] = None,
    lock_timeout: WaitOpt = 30.0,
    batch: Annotated[int, typer.Option("--batch", help="Commit after this many documents (whole issues).")] = 2000,
    password: Annotated[Optional[str], typer.Option("--password", help="Password of encrypted PDFs.")] = None,
    ocr: OcrOpt = False,
) -> int:
    """Parse bulletins and add their documents to the index (unchanged files are skipped)."""
    from .. import index as gindex
    from ..index.location import resolve

    if (jobs is not None and jobs < 1) or batch < 1:
        raise UsageError("--jobs and --batch must be 1 or more")
    if "-" in paths:
        raise UsageError("ingest reads files, not standard input", hint="save the input to a file first")
    files = list(iter_paths(paths, images=ocr))
    if not files:
        raise UsageError("no bulletin files found", hint="give files, directories or globs of .txt/.pdf/.docx/.html")
    with _progress(len(files), enabled=not json_) as advance:
        results = gindex.ingest(files, index, jobs=jobs or os.cpu_count(),
                                lock_timeout=lock_timeout, batch_documents=batch, progress=advance,
                                password=password, ocr=ocr)
    from rich.markup import escape

    failed = [r for r in results if r.status == "failed"]
    for r in failed:  # one line per bad file; escaped: paths may hold [brackets]
        err.print(f"[bold red]error:[/] {escape(r.error or r.path)}", highlight=False)
    if json_:
        print_json({"index": str(resolve(index)), "files": [r.to_dict() for r in results],
                    "summary": _summary(results)})
    else:
        _render_ingest(results)
    if any(r.internal for r in failed):
        return EXIT_INTERNAL
    if failed and len(failed) == len(results):
        return EXIT_INPUT
    return EXIT_FINDINGS if failed else EXIT_OK


def _plain(value):
    """A table cell shown as is (titles, numbers and paths may hold [brackets])."""
    from rich.text import Text

    return Text("" if value is None else str(value))


def _shown_path(path: str) -> str:
    """A path relative to the working directory when it lies under it."""
    if not path:
        return path
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _summary(results) -> dict:
    counts = {s: sum(r.status == s for r in results) for s in ("added", "replaced", "unchanged", "failed")}
    counts["documents"] = sum(r.documents for r in results)
    return counts


class _progress:
    """A rich progress bar on stderr while files are ingested (only on a terminal).

    It starts at the first finished file, so no display thread runs while ingest forks its
    worker processes.
    """

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled = total, enabled and err.is_terminal
        self.bar = self.task = None

    def __enter__(self):
        return self.advance

    def advance(self, result) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                TextColumn("{task.description}"), console=err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        self.bar.update(self.task, advance=1, description=os.path.basename(result.path))

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


def _render_ingest(results) -> None:
    from rich.table import Table

    table = Table(title="Ingest")
    for col in ("file", "documents", "warnings", "status"):
        table.add_column(col, justify="right" if col in ("documents", "warnings") else "left")
    colour = {"added": "green", "replaced": "cyan", "unchanged": "dim", "failed": "red"}
    for r in results:
        table.add_row(_plain(_shown_path(r.path)),
                      str(r.documents) if r.status in ("added", "replaced") else "",
                      str(r.warnings) if r.warnings else "", f"[{colour[r.status]}]{r.status}[/]")
    out.print(table)
    s = _summary(results)
    out.print(f"{s['added']} added, {s['replaced']} replaced, {s['unchanged']} unchanged, "
              f"{s['failed']} failed; {s['documents']} documents written", highlight=False)


@app.command("search")
def search_cmd(
    query: Annotated[Optional[list[str]], typer.Argument(
        help='Words, "phrases", -excluded, field:value, OR, document numbers (several arguments are joined).')] = None,
    index: IndexOpt = None,
    json_: JsonOpt = False,
    category: Annotated[Optional[str], typer.Option(help="notice | rule | appointment | chronicle | other")] = None,
    doc_type: Annotated[Optional[str], typer.Option("--doc-type", help="文种, e.g. 通知, 决定, 意见.")] = None,
    issuer: Annotated[Optional[str], typer.Option(help="Issuing body (words of its name).")] = None,
    gazette: Annotated[Optional[str], typer.Option(help="Gazette name (words of it).")] = None,
    year: Annotated[Optional[str], typer.Option(help="Year of the document's date.")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="Documents dated on or after (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="Documents dated on or before (YYYY[-MM[-DD]]).")] = None,
    limit: Annotated[int, typer.Option(help="Hits per page.")] = 10,
    page: Annotated[int, typer.Option(help="Page of hits (from 1).")] = 1,
    sort: Annotated[str, typer.Option(help="relevance | date | -date")] = "relevance",
    facets: Annotated[bool, typer.Option("--facets", help="Counts by category, year, issuer, gazette.")] = False,
    all_sources: Annotated[bool, typer.Option("--all-sources", help="List every copy of a document found in several sources (PDF, DOCX, web page), not only the best.")] = False,
) -> int:
    """Search the indexed documents."""
    from ..index import search

    result = search(" ".join(query or []), index, category=category, doc_type=doc_type, issuer=issuer, gazette=gazette,
                    year=year, date_from=date_from, date_to=date_to, limit=limit, page=page,
                    sort=sort, facets=facets, all_sources=all_sources)
    if json_:
        print_json(result)
    else:
        _render_hits(result)
    return EXIT_OK


def _render_hits(result: dict) -> None:
    from rich.table import Table
    from rich.text import Text

    if not result["total"]:
        out.print(f"No documents match {result['query']!r}.", highlight=False)
        out.print("Try fewer or shorter words, OR between alternatives, or drop a filter "
                  "(--category, --year, --from/--to).", highlight=False)
        return
    first = (result["page"] - 1) * result["limit"]
    wide = out.width >= 120  # narrow terminals get the snippet under the title
    table = Table(title=f"{result['total']} documents match {result['query']!r}", show_lines=True)
    table.add_column("#", justify="right")
    for col in ("date", "doc number", "category"):
        table.add_column(col, no_wrap=col != "doc number", overflow="fold")
    table.add_column("title" if wide else "title / snippet", ratio=2, overflow="fold")
    if wide:
        table.add_column("snippet", ratio=3, overflow="fold")
    for n, hit in enumerate(result["hits"], first + 1):
        snip = Text(hit["snippet"] or "", style="dim" if not wide else "")
        for a, b in hit.get("snippet_marks") or []:
            snip.stylize("bold yellow", a, b)
        title = Text(hit["title"] or "(untitled)", style="bold")
        cells = [title, snip] if wide else [Text("\n").join([title, snip])]
        table.add_row(str(n), hit["date"] or "", _plain(hit["doc_number"]), hit["category"] or "", *cells)
    out.print(table)
    if result["total"] > first + len(result["hits"]):
        out.print(f"[dim]more: --page {result['page'] + 1}[/]")
    for name, counts in (result.get("facets") or {}).items():
        out.print(f"[bold]{name}[/]: " + ", ".join(f"{k} {v}" for k, v in counts.items()), highlight=False)


@app.command("show")
def show_cmd(
    ref: Annotated[str, typer.Argument(help="Document id (KEY:SEQ, KEY may be a prefix) or document number.")],
    index: IndexOpt = None,
    json_: JsonOpt = False,
) -> int:
    """Show one indexed document in full."""
    from ..index import get_documents

    docs = get_documents(ref, index)
    doc = docs[0]
    if len(docs) > 1:
        err.print(f"also in {len(docs) - 1} other source(s): " + ", ".join(d["id"] for d in docs[1:]),
                  highlight=False)
    if json_:
        print_json(doc)
        return EXIT_OK
    from rich.table import Table

    out.rule(f"[bold]{doc.get('title') or '(untitled)'}[/]")
    meta = Table.grid(padding=(0, 2))
    g = doc["issue"]["gazette"] or {}
    for label, value in (("id", doc["id"]), ("doc number", doc.get("doc_number")),
                         ("type", doc.get("doc_type")), ("category", doc.get("category")),
                         ("issuer", doc.get("issuer")), ("date", doc.get("date")),
                         ("recipients", doc.get("recipients")),
                         ("gazette", " ".join(str(x) for x in (g.get("name"), g.get("year"), g.get("issue")) if x)),
                         ("source", doc["issue"]["path"])):
        if value:
            meta.add_row(f"[dim]{label}[/]", _plain(value))
    out.print(meta)
    out.print()
    out.print(doc.get("body") or "", markup=False, highlight=False)
    return EXIT_OK


@app.command("list")
def list_cmd(index: IndexOpt = None, json_: JsonOpt = False) -> int:
    """List the issues in the index."""
    from rich.table import Table

    from ..index import list_issues

    issues = list_issues(index)
    if json_:
        print_json(issues)
        return EXIT_OK
    table = Table(title=f"{len(issues)} issues")
    for col in ("key", "gazette", "year", "issue", "published", "documents", "path"):
        table.add_column(col)
    for i in issues:
        g = i["gazette"]
        table.add_row(i["key"][:12], _plain(g.get("name")), str(g.get("year") or ""), _plain(g.get("issue")),
                      g.get("published") or "", str(i["documents"]), _plain(_shown_path(i["path"] or "")))
    out.print(table)
    return EXIT_OK


@app.command("remove")
def remove_cmd(
    issue: Annotated[str, typer.Argument(help="Issue key (or a prefix of it) or the file path it was ingested from.")],
    index: IndexOpt = None,
    json_: JsonOpt = False,
    lock_timeout: WaitOpt = 30.0,
) -> int:
    """Remove one issue and its documents from the index."""
    from ..index import remove

    result = remove(issue, index, lock_timeout=lock_timeout)
    if json_:
        print_json(result)
    else:
        out.print(f"removed {result['documents']} documents of {_shown_path(result['path'])} "
                  f"({result['key'][:12]})", highlight=False, markup=False)
    return EXIT_OK


@app.command("stats")
def stats_cmd(index: IndexOpt = None, json_: JsonOpt = False) -> int:
    """Counts by category, year and gazette; index size on disk."""
    from ..index import stats

    s = stats(index)
    if json_:
        print_json(s)
        return EXIT_OK
    out.print(f"[bold]{s['index']}[/]  {s['issues']} issues, {s['documents']} documents, "
              f"{s['size_bytes'] / 1e6:.1f} MB on disk, segmenter {s['segmenter']}", highlight=False)
    for name in ("by_category", "by_year", "by_gazette", "by_doc_type"):
        out.print(f"[bold]{name[3:]}[/]: " + ", ".join(f"{k} {v}" for k, v in s[name].items()), highlight=False)
    return EXIT_OK
