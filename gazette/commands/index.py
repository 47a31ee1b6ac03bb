"""`gazette ingest | search | show | list | remove | stats`: the search index commands, on
either engine (`--index DIR`: Whoosh; `--db URL`: PostgreSQL; see `gazette.index.engine`)."""
from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from ..cli import OcrOpt, app, err, iter_paths, out, print_json
from ..errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, UsageError

IndexOpt = Annotated[Optional[str], typer.Option(
    "--index", help="Index directory (default: $GAZETTE_INDEX, else the user data directory).")]
DbOpt = Annotated[Optional[str], typer.Option(
    "--db", help="A shared archive in PostgreSQL: postgresql://user@host/db (default: $GAZETTE_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
WaitOpt = Annotated[float, typer.Option("--lock-timeout", help="Seconds to wait for another writer's lock.")]


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Bulletin files, directories (recursive) or globs.")],
    index: IndexOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Parser processes (default: CPU cores).")] = None,
    lock_timeout: WaitOpt = 30.0,
    batch: Annotated[int, typer.Option("--batch", help="Commit after this many documents (whole issues).")] = 500,
    password: Annotated[Optional[str], typer.Option("--password", help="Password of encrypted PDFs.")] = None,
    ocr: OcrOpt = False,
) -> int:
    """Parse bulletins and add their documents to the index (unchanged files are skipped)."""
    from ..index import open_engine

    if (jobs is not None and jobs < 1) or batch < 1:
        raise UsageError("--jobs and --batch must be 1 or more")
    if "-" in paths:
        raise UsageError("ingest reads files, not standard input", hint="save the input to a file first")
    files = list(iter_paths(paths, images=ocr))
    if not files:
        raise UsageError("no bulletin files found", hint="give files, directories or globs of .txt/.pdf/.docx/.html")
    engine = open_engine(index, db)
    with _progress(len(files), enabled=not json_) as advance:
        results = engine.ingest(files, jobs=jobs or os.cpu_count(), lock_timeout=lock_timeout,
                                batch_documents=batch, progress=advance, password=password, ocr=ocr)
    from rich.markup import escape

    failed = [r for r in results if r.status == "failed"]
    for r in failed:  # one line per bad file; escaped: paths may hold [brackets]
        err.print(f"[bold red]error:[/] {escape(r.error or r.path)}", highlight=False)
    if json_:
        print_json({"index": engine.location, "files": [r.to_dict() for r in results],
                    "summary": _summary(results)})
    else:
        _render_ingest(results)
    if any(r.internal for r in failed):
        return EXIT_INTERNAL
    if failed and len(failed) == len(results):
        return EXIT_INPUT
    return EXIT_FINDINGS if failed else EXIT_OK


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
                                TextColumn("{task.description}"), console=err.console(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        self.bar.update(self.task, advance=1, description=os.path.basename(result.path))

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


def _render_ingest(results) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Ingest")
    for col in ("file", "documents", "warnings", "status"):
        table.add_column(col, justify="right" if col in ("documents", "warnings") else "left")
    colour = {"added": "green", "replaced": "cyan", "unchanged": "dim", "failed": "red"}
    for r in results:
        table.add_row(Text(_shown_path(r.path)),
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
    db: DbOpt = None,
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
    from ..index import open_engine

    result = open_engine(index, db).search(" ".join(query or []), category=category, doc_type=doc_type, issuer=issuer, gazette=gazette,
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

    from . import render

    if not result["total"]:
        out.print(f"No documents match {result['query']!r}.", highlight=False)
        out.print("Try fewer or shorter words, OR between alternatives, or drop a filter "
                  "(--category, --year, --from/--to).", highlight=False)
        return
    first = (result["page"] - 1) * result["limit"]
    out.print(f"[bold]{result['total']} documents match {result['query']!r}[/]", highlight=False)
    if render.wide():  # a table: one row per hit, title and snippet two lines at most
        rest = out.width - 85  # the other columns and the borders
        title_w, snip_w = rest * 2 // 5, rest - rest * 2 // 5
        table = Table(show_lines=True)
        for col, kw in (("#", {"justify": "right"}), ("date", {"no_wrap": True}),
                        ("doc number", {"width": 24, "overflow": "fold"}), ("id", {"no_wrap": True}),
                        ("title", {"width": title_w, "overflow": "fold"}),
                        ("snippet", {"width": snip_w, "overflow": "fold"})):
            table.add_column(col, **kw)
        for n, hit in enumerate(result["hits"], first + 1):
            table.add_row(str(n), hit["date"] or "", render.plain(hit["doc_number"]), _short_id(hit["id"]),
                          render.title_text(render.clip(hit["title"] or "", 2 * title_w - 2)),
                          render.marked(hit["snippet"] or "", hit.get("snippet_marks"), 2 * snip_w - 2))
        out.print(table)
    else:  # items: title (two lines at most), what and where, the snippet on one line
        rows = []
        for n, hit in enumerate(result["hits"], first + 1):
            text = render.title_text(hit["title"], lines=2)
            text.append("\n" + render.meta_line(hit["date"], hit["doc_number"], hit["category"],
                                                  _short_id(hit["id"])), style="dim")
            if hit["snippet"]:
                text.append("\n")
                text.append_text(render.marked(hit["snippet"], hit.get("snippet_marks"), render.text_width()))
            rows.append((str(n), text))
        render.items(rows)
    if result["total"] > first + len(result["hits"]):
        out.print(f"[dim]more: --page {result['page'] + 1}[/]")
    for name, counts in (result.get("facets") or {}).items():
        out.print(Text.assemble((name, "bold"), ": " + ", ".join(f"{k} {v}" for k, v in counts.items())))


def _short_id(doc_id: str) -> str:
    """KEY:SEQ with the key cut to 8 characters (`show` takes a prefix)."""
    key, _, seq = doc_id.partition(":")
    return f"{key[:8]}:{seq}"


@app.command("show")
def show_cmd(
    ref: Annotated[str, typer.Argument(help="Document id (KEY:SEQ, KEY may be a prefix) or document number.")],
    index: IndexOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> int:
    """Show one indexed document in full."""
    from ..index import open_engine

    docs = open_engine(index, db).get_documents(ref)
    doc = docs[0]
    if len(docs) > 1:
        err.print(f"also in {len(docs) - 1} other source(s): " + ", ".join(d["id"] for d in docs[1:]),
                  highlight=False)
    if json_:
        print_json(doc)
        return EXIT_OK
    from rich.table import Table

    from . import render

    out.print(render.title_text(doc.get("title")))
    if doc.get("enclosure_title"):
        out.print(render.plain(doc["enclosure_title"]))
    out.rule()
    meta = Table.grid(padding=(0, 2))
    meta.add_column(no_wrap=True)
    meta.add_column(overflow="fold")
    g = doc["issue"]["gazette"] or {}
    for label, value in (("id", doc["id"]), ("doc number", doc.get("doc_number")),
                         ("type", doc.get("doc_type")), ("category", doc.get("category")),
                         ("issuer", doc.get("issuer")), ("date", doc.get("date")),
                         ("recipients", doc.get("recipients")),
                         ("gazette", " ".join(str(x) for x in (g.get("name"), g.get("year"), g.get("issue")) if x)),
                         ("source", doc["issue"]["path"])):
        if value:
            meta.add_row(f"[dim]{label}[/]", render.plain(value))
    out.print(meta)
    out.print()
    out.print(doc.get("body") or "", markup=False, highlight=False)
    return EXIT_OK


@app.command("list")
def list_cmd(index: IndexOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> int:
    """List the issues in the index."""
    from rich.table import Table

    from ..index import open_engine

    issues = open_engine(index, db).list_issues()
    if json_:
        print_json(issues)
        return EXIT_OK
    from . import render

    out.print(f"[bold]{len(issues)} issues[/]")
    if render.wide():
        table = Table()
        for col in ("key", "gazette", "year", "issue", "published", "documents", "path"):
            table.add_column(col, no_wrap=col in ("key", "year", "published"))
        for i in issues:
            g = i["gazette"]
            table.add_row(i["key"][:12], render.plain(g.get("name")), str(g.get("year") or ""),
                          render.plain(g.get("issue")), g.get("published") or "", str(i["documents"]),
                          render.plain(_shown_path(i["path"] or "")))
        out.print(table)
        return EXIT_OK
    rows = []
    for i in issues:  # two lines: what the issue is, where it came from
        g = i["gazette"]
        what = render.meta_line(g.get("name") or "(no gazette name)", g.get("year") and f"{g['year']}年",
                                g.get("issue") and f"第{g['issue']}期", g.get("published"),
                                f"{i['documents']} documents")
        text = render.plain(what)
        text.append("\n" + (_shown_path(i["path"] or "")), style="dim")
        rows.append((i["key"][:8], text))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for key, text in rows:
        grid.add_row(key, text)
    out.print(grid)
    return EXIT_OK


@app.command("remove")
def remove_cmd(
    issue: Annotated[str, typer.Argument(help="Issue key (or a prefix of it) or the file path it was ingested from.")],
    index: IndexOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lock_timeout: WaitOpt = 30.0,
) -> int:
    """Remove one issue and its documents from the index."""
    from ..index import open_engine

    result = open_engine(index, db).remove(issue, lock_timeout=lock_timeout)
    if json_:
        print_json(result)
    else:
        out.print(f"removed {result['documents']} documents of {_shown_path(result['path'])} "
                  f"({result['key'][:12]})", highlight=False, markup=False)
    return EXIT_OK


@app.command("stats")
def stats_cmd(index: IndexOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> int:
    """Counts by category, year and gazette; index size on disk."""
    from ..index import open_engine

    s = open_engine(index, db).stats()
    if json_:
        print_json(s)
        return EXIT_OK
    out.print(f"[bold]{s['index']}[/]  {s['issues']} issues, {s['documents']} documents, "
              f"{s['size_bytes'] / 1e6:.1f} MB on disk, segmenter {s['segmenter']}", highlight=False)
    for name in ("by_category", "by_year", "by_gazette", "by_doc_type"):
        out.print(f"[bold]{name[3:]}[/]: " + ", ".join(f"{k} {v}" for k, v in s[name].items()), highlight=False)
    return EXIT_OK
