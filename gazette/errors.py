"""Typed errors of the toolkit and the one table that maps them to exit codes.

A bad bulletin is not a crashed tool: input problems exit 2, index problems 3, and an
unexpected crash exits 70 (EX_SOFTWARE), so CI can tell them apart.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1      # validate found errors; a batch had some bad files
EXIT_INPUT = 2         # input unreadable, or the command was misused
EXIT_INDEX = 3         # index missing, foreign, locked or damaged
EXIT_INTERNAL = 70     # a bug in gazette itself


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


def exit_code_for(exc: BaseException) -> int:
    """The exit code for an exception: the one place where errors become exit codes."""
    if isinstance(exc, GazetteError):
        return exc.exit_code
    return EXIT_INTERNAL
