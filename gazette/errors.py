"""Typed errors of the toolkit and the one table that maps them to exit codes.

A bad bulletin is not a crashed tool: input problems exit 2, index problems 3, and an
unexpected crash exits 70 (EX_SOFTWARE), so CI can tell them apart.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1      # validate found errors; a batch had some bad files
EXIT_INPUT = 2         # input unreadable, or the command was misused
EXIT_INDEX = 3         # index missing, foreign, locked or damaged
EXIT_OUTPUT = 74       # output or index files could not be written (disk full, read-only, no such directory)
EXIT_INTERNAL = 70     # a bug in gazette itself
EXIT_INTERRUPTED = 130  # Ctrl-C


class GazetteError(Exception):
    """Base of every error the toolkit raises on purpose."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint

    def __str__(self) -> str:
        head = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{head}{self.message}{tail}"


class LoadError(GazetteError):
    """The file could not be read as a bulletin (empty, binary, undecodable, corrupt…)."""


class EncryptedError(LoadError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class NoTextError(LoadError):
    """The file has no text layer (a scan)."""


class UsageError(GazetteError):
    """The command was called wrongly (bad option values, malformed query)."""


class IndexProblem(GazetteError):
    """The search index is missing, foreign, locked or damaged."""

    exit_code = EXIT_INDEX


class FileBug(GazetteError):
    """An unexpected exception while processing one file: a bug in gazette, reported for that
    file (the batch goes on) with the exit code of an internal error."""

    exit_code = EXIT_INTERNAL


def file_error(exc: Exception, path) -> GazetteError:
    """`exc` raised while processing the file `path`, as the error to report for that file:
    a GazetteError as it is, anything else as a FileBug (traceback on stderr with GAZETTE_DEBUG)."""
    if isinstance(exc, GazetteError):
        return exc
    import os

    if os.environ.get("GAZETTE_DEBUG"):
        import traceback

        traceback.print_exception(exc)
    return FileBug(f"internal error while processing this file ({type(exc).__name__}: {str(exc)[:200]})",
                   path=str(path), hint="this is a bug in gazette; please report it with the file "
                                        "(GAZETTE_DEBUG=1 prints a traceback)")


def batch_exit_code(errors: list, done: int) -> int:
    """A batch's exit code: 70 if a file hit a bug, else 2 if no file could be processed,
    else 1 if some could not, else 0."""
    if any(isinstance(e, FileBug) for e in errors):
        return EXIT_INTERNAL
    if errors and not done:
        return EXIT_INPUT
    return EXIT_FINDINGS if errors else EXIT_OK


class OutputError(GazetteError):
    """Output (a file, stdout) or index files could not be written."""

    exit_code = EXIT_OUTPUT


class Interrupted(GazetteError):
    """Ctrl-C; the message says what was kept (e.g. the issues an ingest committed)."""

    exit_code = EXIT_INTERRUPTED


def exit_code_for(exc: BaseException) -> int:
    """The exit code for an exception: the one place where errors become exit codes."""
    if isinstance(exc, GazetteError):
        return exc.exit_code
    return EXIT_INTERNAL
