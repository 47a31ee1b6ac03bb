"""The `gazette` command line: a thin layer that validates options, calls the library and
renders the result (rich tables for people, `--json` for programs).

Errors become exit codes in exactly one place, `run()`; see `gazette.errors`.
Command groups live in `gazette/commands/` and register themselves on `app`.
"""
from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from typing import Annotated, Any, Iterable

import typer

from .errors import (EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT, GazetteError,
                     OutputError, exit_code_for)

app = typer.Typer(
    name="gazette",
    help="Load, parse, index, search, export and validate Chinese government gazettes (政府公报).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

class _LazyConsole:
    """A rich Console made when first used: a command that only prints JSON never imports rich
    (a quarter of the start-up of a fresh `gazette search --json`)."""

    def __init__(self, **options):
        self._options, self._console = options, None

    def console(self):
        """The rich Console itself (for rich's own objects: a progress bar)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str):
        return getattr(self.console(), name)

    def __setattr__(self, name: str, value) -> None:
        if name in ("_options", "_console"):
            object.__setattr__(self, name, value)
        else:
            setattr(self.console(), name, value)


out = _LazyConsole(soft_wrap=False)
err = _LazyConsole(stderr=True, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"gazette {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Load, parse, index, search, export and validate Chinese government gazettes (政府公报)."""


@contextmanager
def output_file(path, encoding: str = "utf-8", newline: str | None = None):
    """A text file to write output to.  A regular file is written to a temporary file beside
    it and renamed at the end, so a failed write (disk full) leaves no cut-off output; a
    device (/dev/stdout, /dev/full) is written directly.  Failures are OutputErrors."""
    import tempfile
    from pathlib import Path

    target = Path(path)
    if target.is_dir():
        raise OutputError("is a directory", path=str(target), hint="give a file name, e.g. -o DIR/out.json")
    if not target.parent.is_dir():
        raise OutputError("cannot be created: its directory does not exist", path=str(target),
                          hint=f"create it first (mkdir -p {target.parent}) or write elsewhere")
    direct = target.exists() and not target.is_file()
    tmp = None
    try:
        if direct:
            fh = open(target, "w", encoding=encoding, newline=newline)
        else:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            fh = open(fd, "w", encoding=encoding, newline=newline)
        with fh:
            yield fh
        if tmp:
            os.replace(tmp, target)
            tmp = None
    except OSError as e:
        raise OutputError(f"could not be written: {e.strerror or e}", path=str(target),
                          hint="check the path, its permissions and the free disk space") from None
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


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


SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")  # scans, read with --ocr


def iter_paths(paths: Iterable[str], suffixes: tuple[str, ...] = SUFFIXES, *, images: bool = False):
    """Expand files, directories (recursively, known suffixes only; scanned images too with
    `images`) and globs, sorted, no duplicates; `-` is standard input.  Symbolic links to
    directories are not followed (a link loop would never end); a file is listed once even when
    reached by several links."""
    import glob
    from pathlib import Path

    if images:
        suffixes = suffixes + IMAGE_SUFFIXES

    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            if raw not in seen:
                seen.add(raw)
                yield Path(raw)
            continue
        matches = sorted(_glob(raw)) if glob.has_magic(raw) else [raw]
        if not matches:
            matches = [raw]  # let the loader report it missing
        for m in matches:
            p = Path(m)
            found = _walk(p, suffixes) if p.is_dir() else [p]
            for q in found:
                key = os.path.realpath(q) if q.exists() else str(q)
                if key not in seen:
                    seen.add(key)
                    yield q


def several(args: list[str], files: list) -> bool:
    """Were several files asked for (more than one, or a directory or glob)?  Then --json
    prints an array, even when only one of them could be read."""
    import glob
    from pathlib import Path

    return len(files) > 1 or len(args) > 1 or any(glob.has_magic(a) or Path(a).is_dir() for a in args)


def _glob(pattern: str) -> list[str]:
    """glob; `**` (any depth) walks directories without following symbolic links to
    directories, so a link loop ends (glob.glob follows them)."""
    import glob
    import re

    if "**" not in pattern:
        return glob.glob(pattern)
    parts = pattern.split("/")
    fixed = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    base = "/".join(fixed)
    regex, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex, i = regex + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            regex, i = regex + ".*", i + 2
        elif pattern[i] == "*":
            regex, i = regex + "[^/]*", i + 1
        elif pattern[i] == "?":
            regex, i = regex + "[^/]", i + 1
        elif pattern[i] == "[" and "]" in pattern[i + 1:]:
            j = pattern.index("]", i + 1)
            body = pattern[i + 1:j]
            regex, i = regex + "[" + ("^" + body[1:] if body.startswith("!") else body) + "]", j + 1
        else:
            regex, i = regex + re.escape(pattern[i]), i + 1
    matcher = re.compile(regex + r"\Z")
    out = []
    for dirpath, dirnames, filenames in os.walk(base or ".", followlinks=False):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if not base:
                path = os.path.relpath(path)
            if matcher.match(path):
                out.append(path)
    return out


def _walk(root, suffixes) -> list:
    """Files with a known suffix under a directory, sorted; links to directories not followed."""
    from pathlib import Path

    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in filenames:
            q = Path(dirpath) / name
            if q.suffix.lower() in suffixes and q.is_file():
                found.append(q)
    return sorted(found)


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
                                console=err.console(), transient=True)
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
            "inspect": "inspect", "db": "db"}


def register(argv: list[str] | None = None) -> None:
    """Import the command modules a call needs (all of them for help or an unknown command)."""
    import importlib

    name = next((a for a in (argv or []) if not a.startswith("-")), None)
    modules = {COMMANDS[name]} if name in COMMANDS else set(COMMANDS.values())
    for module in sorted(modules):
        importlib.import_module(f"gazette.commands.{module}")


def _click_errors() -> tuple[tuple, tuple, tuple]:
    """(exit, abort, usage) exception classes of typer's click (vendored since typer 0.17) and of
    click itself when something imported it (typer before 0.17 did; importing click only to
    name them costs a fresh command ~20 ms)."""
    exits, aborts, usage = [typer.Exit], [typer.Abort], []
    click = sys.modules.get("click")
    if click is not None:
        exits.append(click.exceptions.Exit)
        aborts.append(click.exceptions.Abort)
        usage.append(click.ClickException)
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
        return EXIT_INTERRUPTED
    except usage as e:
        if hasattr(e, "show"):
            e.show(file=sys.stderr)
        else:
            err.print(f"error: {e}", markup=False, highlight=False)
        if "No such option" in str(getattr(e, "message", e)):
            err.print("(words or file names that start with - go after --, e.g. gazette search -- -封停 卫生)",
                      markup=False, highlight=False)
        return EXIT_INPUT
    except GazetteError as e:
        report_bad_file(e)
        return exit_code_for(e)
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as e:  # writing to stdout (a full device, a closed terminal) or another file
        name = e.filename or "the output"
        err.print(f"error: cannot write {name}: {e.strerror or e} (check the free disk space and permissions)",
                  markup=False, highlight=False)
        return EXIT_OUTPUT
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
