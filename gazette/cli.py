"""The `gazette` command line: a thin layer that validates options, calls the library and
renders the result (rich tables for people, `--json` for programs).

Errors become exit codes in exactly one place, `run()`; see `gazette.errors`.
Command groups live in `gazette/commands/` and register themselves on `app`.
"""
from __future__ import annotations

import json
import sys
from typing import Annotated, Any, Iterable

import click
import typer
from rich.console import Console

from .errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, GazetteError, exit_code_for

app = typer.Typer(
    name="gazette",
    help="Load, parse, index, search, export and validate Chinese government gazettes (政府公报).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _root() -> None:
    """Load, parse, index, search, export and validate Chinese government gazettes (政府公报)."""


def print_json(obj: Any, file=None) -> None:
    """JSON on stdout (or `file`), UTF-8, never wrapped by rich."""
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    stream = file or sys.stdout
    stream.write(text + "\n")
    stream.flush()


def warn(message: str) -> None:
    """A diagnostic line on stderr."""
    err.print(message, markup=False, highlight=False)


def report_bad_file(exc: GazetteError) -> None:
    """One line on stderr for a file that could not be processed; the batch goes on."""
    from rich.markup import escape

    err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)


BULLETIN_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")  # scans, read with --ocr


def iter_paths(paths: Iterable[str], suffixes: tuple[str, ...] = BULLETIN_SUFFIXES, *, images: bool = False):
    """Expand files, directories (recursively, known suffixes only; scanned images too with
    `images`) and globs, sorted, no duplicates."""
    if images:
        suffixes = suffixes + IMAGE_SUFFIXES
    import glob
    from pathlib import Path

    seen: set[str] = set()
    for raw in paths:
        matches = sorted(glob.glob(raw, recursive=True)) if any(ch in raw for ch in "*?[") else [raw]
        if not matches:
            matches = [raw]  # let the loader report it missing
        for m in matches:
            p = Path(m)
            if p.is_dir():
                found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in suffixes)
            else:
                found = [p]
            for q in found:
                key = str(q)
                if key not in seen:
                    seen.add(key)
                    yield q


class ocr_progress:
    """A progress bar on stderr for pages read by OCR (only on a terminal, never on stdout);
    use the object as the loader's `progress(done, total)` callback."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and err.is_terminal
        self.bar = self.task = None

    def __enter__(self):
        return self if self.enabled else None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("OCR pages"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                console=err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=total)
        if done <= 1:
            self.bar.reset(self.task, total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


OcrOpt = Annotated[bool, typer.Option(
    "--ocr", help="Read scanned PDF pages and JPEG/PNG/TIFF images by OCR (pip install 'gazette[ocr]').")]


# command name → the module under gazette/commands that registers it.  Only the module a call
# needs is imported (start-up time is a search's whole latency); help imports them all.
COMMANDS = {"parse": "parse", "ingest": "index", "search": "index", "show": "index", "list": "index",
            "remove": "index", "stats": "index", "export": "export", "schema": "export", "validate": "validate",
            "inspect": "inspect"}


def register(argv: list[str] | None = None) -> None:
    """Import the command modules a call needs (all of them for help or an unknown command)."""
    import importlib

    name = next((a for a in (argv or []) if not a.startswith("-")), None)
    modules = {COMMANDS[name]} if name in COMMANDS else set(COMMANDS.values())
    for module in sorted(modules):
        importlib.import_module(f"gazette.commands.{module}")


def _click_errors() -> tuple[tuple, tuple, tuple]:
    """(exit, abort, usage) exception classes of click and of typer's vendored click, if any."""
    exits, aborts, usage = [click.exceptions.Exit], [click.exceptions.Abort], [click.ClickException]
    exits.append(typer.Exit)
    aborts.append(typer.Abort)
    try:
        from typer.exceptions import TyperException
        usage.append(TyperException)
    except ImportError:  # older typer re-uses click's own exceptions
        pass
    return tuple(exits), tuple(aborts), tuple(usage)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; errors are mapped to codes here and only here."""
    argv = list(sys.argv[1:] if argv is None else argv)
    exits, aborts, usage = _click_errors()
    try:
        register(argv)
        rv = app(args=argv, standalone_mode=False, prog_name="gazette")
    except exits as e:
        return getattr(e, "exit_code", getattr(e, "code", EXIT_OK))
    except aborts:
        err.print("aborted")
        return 130
    except usage as e:
        if hasattr(e, "show"):
            e.show(file=sys.stderr)
        else:
            err.print(f"error: {e}", markup=False, highlight=False)
        return EXIT_INPUT
    except GazetteError as e:
        report_bad_file(e)
        return exit_code_for(e)
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # a bug in gazette: say so, never look like a bad bulletin
        err.print(f"internal error: {type(e).__name__}: {e} "
                  "(this is a bug in gazette; rerun with GAZETTE_DEBUG=1 for a traceback)", markup=False,
                  highlight=False)
        import os
        if os.environ.get("GAZETTE_DEBUG"):
            import traceback
            traceback.print_exc()
        return EXIT_INTERNAL
    return rv if isinstance(rv, int) else EXIT_OK


def main() -> None:
    sys.exit(run(sys.argv[1:]))
