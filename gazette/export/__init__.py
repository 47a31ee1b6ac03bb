"""`gazette export`: records of parsed issues as JSON, JSONL or CSV.

    >>> from gazette.export import iter_records, write
    >>> write(iter_records("appointments", issues_as_dicts), "csv", sys.stdout)

Record kinds and their fields are in `records`; each kind has a JSON Schema shipped in
`gazette/schemas/export-<kind>.schema.json`.
"""
from __future__ import annotations

from typing import IO, Iterable, Iterator

from ..errors import UsageError
from .records import CSV_COLUMNS, KINDS, PER_DOCUMENT, PER_ISSUE, RECORD_NAME, issue_ref
from .writers import FORMATS, write_csv, write_json, write_jsonl

__all__ = ["KINDS", "FORMATS", "RECORD_NAME", "iter_records", "iter_stored_records", "iter_index_issue_records", "write", "issue_ref"]


def iter_records(what: str, issues: Iterable[dict], keep=None) -> Iterator[dict]:
    """Records of kind `what` from issue dicts (parse JSON); `keep(ref, doc)` filters documents."""
    _check_kind(what)
    for issue in issues:
        ref = issue_ref(issue)
        if what in PER_ISSUE:
            yield from PER_ISSUE[what](ref, issue)
            continue
        for doc in issue.get("documents") or ():
            if keep is None or keep(ref, doc):
                yield from PER_DOCUMENT[what](ref, doc)


def iter_stored_records(what: str, stored_docs: Iterable[dict]) -> Iterator[dict]:
    """Records of a per-document kind from documents read back from the index."""
    _check_kind(what)
    if what not in PER_DOCUMENT:
        raise UsageError(f"--what {what} cannot be exported from the index document by document",
                         hint="export it from the files instead: gazette export PATH --what " + what)
    for doc in stored_docs:
        yield from PER_DOCUMENT[what](doc.get("issue") or {}, doc)


def iter_index_issue_records(index_issues: Iterable[dict]) -> Iterator[dict]:
    """Issue records from `gazette.index.list_issues()` entries (key, path, format, gazette…)."""
    for entry in index_issues:
        yield from PER_ISSUE["issues"](entry, entry)


def write(records: Iterable[dict], fmt: str, stream: IO[str], what: str) -> int:
    """Write records in `fmt` to a text stream; returns the number written."""
    if fmt == "json":
        return write_json(records, stream)
    if fmt == "jsonl":
        return write_jsonl(records, stream)
    if fmt == "csv":
        return write_csv(records, stream, CSV_COLUMNS[what])
    raise UsageError(f"unknown format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))


def _check_kind(what: str) -> None:
    if what not in KINDS:
        raise UsageError(f"unknown record kind {what!r}", hint="use one of: " + ", ".join(KINDS))
