"""Ingest bulletins: parse in parallel worker processes, write whole issues, commit per batch.

Guarantees: a file whose sha256 is already indexed is `unchanged` and nothing is written; a
file at a path indexed with another sha256 replaces that version's documents in the same
commit that adds the new ones; an interrupted run leaves every committed issue whole and no
part of an uncommitted one visible (Whoosh makes a commit visible atomically, and an issue's
deletes and adds always go into one commit).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..errors import IndexProblem, Interrupted
from . import store
from .parallel import FileResult, _parallel, _pool, _prepare_all, _sha256, parsed_issue

BATCH_DOCUMENTS = 500       # commit after this many documents (the writer's memory: one batch) …
BATCH_SECONDS = 10.0        # … or this long since the last commit (the last commit is serial work)
DEFAULT_LOCK_TIMEOUT = 30.0


def prepare_file(path: str, segmenter: str, password: str | None = None, ocr: bool = False) -> dict:
    """Worker: parse one file and build its index records (runs in a worker process)."""
    from .schema import record

    issue = parsed_issue(path, password, ocr)
    if "error" in issue:
        return issue
    records = [record(issue, doc, segmenter) for doc in issue["documents"]]
    return {"path": path, "key": issue["source"]["sha256"], "records": records,
            "warnings": len(issue.get("warnings") or []), "bytes": os.path.getsize(path)}


class _Writer:
    """The index writer, committed per batch of whole issues and reopened after each commit."""

    def __init__(self, ix, lock_timeout: float, batch_documents: int = BATCH_DOCUMENTS):
        self.ix, self.lock_timeout, self.batch = ix, lock_timeout, max(1, batch_documents)
        self.writer, self.pending, self.since = None, 0, time.monotonic()
        self.committed: list[str] = []    # paths whose issues are committed in this run
        self.uncommitted: list[str] = []  # paths written since the last commit

    def open(self):
        if self.writer is None:
            self.writer = open_writer(self.ix, self.lock_timeout)
        return self.writer

    def replace_issue(self, path: str, key: str, records: list[dict]) -> None:
        w = self.open()
        w.delete_by_term("path", path)
        w.delete_by_term("issue_key", key)
        for rec in records:
            w.add_document(**rec)
        self.pending += max(1, len(records))
        self.uncommitted.append(path)

    def maybe_commit(self, force: bool = False) -> None:
        due = self.pending >= self.batch or time.monotonic() - self.since >= BATCH_SECONDS
        if self.writer is not None and self.pending and (force or due):
            commit(self.ix, self.writer)
            self.committed.extend(self.uncommitted)
            self.uncommitted.clear()
            self.writer, self.pending, self.since = None, 0, time.monotonic()

    def cancel(self) -> None:
        if self.writer is not None:
            writer, self.writer = self.writer, None
            try:
                writer.cancel()
            except OSError:  # the disk is full or read-only: the files go in remove_unreferenced
                pass


def open_writer(ix, lock_timeout: float):
    """The index's writer; a lock held too long, or a lock that cannot be taken, is an IndexProblem."""
    from whoosh.index import LockError

    from .bulkwriter import writer

    folder = ix.storage.folder
    try:
        return writer(ix, timeout=lock_timeout, delay=0.25)
    except LockError:
        raise IndexProblem(f"the index is locked by another writer (waited {lock_timeout:g} s)", path=folder,
                           hint="wait for the other `gazette ingest`/`remove` to finish, then retry") from None
    except IsADirectoryError:
        raise IndexProblem(f"the index's lock file {store.INDEX_NAME}_WRITELOCK is a directory", path=folder,
                           hint="remove that directory (no gazette made it), then retry") from None
    except OSError as e:
        if e.errno in store.WRITE_ERRNOS:
            raise store.write_failed(folder, e) from None
        raise store.damaged(folder, e) from None


def commit(ix, writer) -> None:
    """Commit; a failed write (disk full, read-only) leaves the last commit as it was and no
    files of the failed one behind."""
    from .bulkwriter import merge_policy

    try:
        writer.commit(mergetype=merge_policy)
    except OSError as e:
        try:
            writer.cancel()
        except OSError:  # the writer is broken already; its files go below
            pass
        remove_unreferenced(ix)
        raise store.write_failed(ix.storage.folder, e) from None


def remove_unreferenced(ix) -> None:
    """Delete segment files no table of contents refers to (left by a failed commit)."""
    from whoosh.index import TOC

    folder = ix.storage.folder
    try:
        live = {seg.segment_id() for seg in TOC.read(ix.storage, store.INDEX_NAME).segments}
    except Exception:  # noqa: BLE001  no readable TOC: touch nothing
        return
    for name in os.listdir(folder):
        if name == store.INDEX_NAME + ".tmp" or name.startswith(store.INDEX_NAME + "_") \
                and not name.endswith(("WRITELOCK", ".toc")) and name.split(".")[0] not in live:
            path = os.path.join(folder, name)
            try:
                if os.path.isdir(path):  # the writer's temporary storage
                    import shutil

                    shutil.rmtree(path)
                else:
                    os.unlink(path)
            except OSError:
                pass


EMPTY_ISSUES = "gazette-empty-issues.json"  # path → key of ingested files that hold no document


def _empty_issues(folder: str) -> dict[str, str]:
    """Files ingested without a document (a cover, a page of chrome) leave no record in the
    index; this list keeps them `unchanged` the next time.  Lost or unreadable, they are parsed again."""
    try:
        data = json.loads(Path(folder, EMPTY_ISSUES).read_text(encoding="utf-8"))
        return {str(p): str(k) for p, k in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _save_empty_issues(folder: str, results: Iterable[FileResult], before: dict[str, str]) -> None:
    empty = dict(before)
    for res in results:
        if res.status in ("added", "replaced"):
            if res.documents:
                empty.pop(res.path, None)
            else:
                empty[res.path] = res.key
    if empty != before:
        tmp = Path(folder, EMPTY_ISSUES + ".tmp")
        try:
            tmp.write_text(json.dumps(empty, ensure_ascii=False, indent=0), encoding="utf-8")
            os.replace(tmp, Path(folder, EMPTY_ISSUES))
        except OSError:  # only a cost: those files are parsed again next time
            pass


def _indexed(ix) -> tuple[set[str], dict[str, str]]:
    """Issue keys in the index, and path → key (from the term lists: no stored fields read),
    with the files ingested without a document."""
    with ix.searcher() as s:
        reader = s.reader()
        keys = set(_live_terms(reader, "issue_key"))
        paths = dict(pk.rsplit("\n", 1) for pk in _live_terms(reader, "path_key"))
    empty = {p: k for p, k in _empty_issues(ix.storage.folder).items() if p not in paths}
    return keys | set(empty.values()), {**empty, **paths}


def _live_terms(reader, field: str):
    """Terms of a field that some live document has (term lists keep the terms of deleted
    documents until their segment is merged)."""
    deletions = reader.has_deletions()
    for term in reader.lexicon(field):
        term = term.decode("utf-8") if isinstance(term, bytes) else term
        if not deletions or reader.postings(field, term).is_active():
            yield term


def ingest(files: Iterable[str | Path], index_dir=None, jobs: int | None = None,
           lock_timeout: float = DEFAULT_LOCK_TIMEOUT, batch_documents: int = BATCH_DOCUMENTS,
           progress: Callable[[FileResult], None] | None = None,
           password: str | None = None, ocr: bool = False) -> list[FileResult]:
    """Ingest bulletin files into the index; one FileResult per file, in input order.
    `password` opens encrypted PDFs; `ocr` reads scans by OCR."""
    paths_in = list(dict.fromkeys(str(Path(f).resolve()) for f in files))
    jobs = max(1, jobs or os.cpu_count() or 1)
    ix, _, manifest = store.create_or_open(index_dir)
    pool = _pool(jobs) if _parallel(paths_in, jobs) else None
    try:
        writer = _Writer(ix, lock_timeout, batch_documents)
        writer.open()  # fail early (and clearly) if another writer holds the lock
        try:
            keys, indexed_paths = _indexed(ix)
            results = {p: FileResult(p, "pending", _sha256(Path(p))) for p in paths_in}
            todo = []
            for res in results.values():
                if res.key is not None and res.key in keys:
                    res.status = "unchanged"
                    if progress:
                        progress(res)
                else:
                    todo.append(res.path)
            accept = _Acceptor(writer, keys, indexed_paths, results, progress)
            try:
                _prepare_all(todo, manifest["segmenter"], pool, accept, jobs, password, prepare_file, ocr)
                writer.maybe_commit(force=True)
                _save_empty_issues(ix.storage.folder, results.values(), _empty_issues(ix.storage.folder))
            except KeyboardInterrupt:
                raise _interrupted(writer) from None
            except OSError as e:  # spilling postings to disk while adding
                if e.errno not in store.WRITE_ERRNOS:
                    raise
                writer.cancel()
                remove_unreferenced(ix)
                raise store.write_failed(ix.storage.folder, e) from None
        finally:
            writer.cancel()
        if pool is not None:  # done: the idle workers end now (and their time is accounted)
            pool.shutdown(wait=True)
            pool = None
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    return list(results.values())


def _interrupted(writer: _Writer) -> Interrupted:
    """What Ctrl-C during an ingest kept: the issues committed so far (the rest are not in the index)."""
    done, lost = writer.committed, writer.uncommitted
    names = ", ".join(os.path.basename(p) for p in done[:5]) + (f" and {len(done) - 5} more" if len(done) > 5 else "")
    kept = f"{len(done)} issue(s) committed and kept ({names})" if done else "no issue was committed"
    return Interrupted(f"ingest interrupted: {kept}; {len(lost)} written since the last commit were "
                       "dropped", path=writer.ix.storage.folder,
                       hint="run the same ingest again: committed files are skipped as unchanged")


@dataclass
class _Acceptor:
    """Takes each prepared file: writes its issue (replacing an older version) or records why not."""

    writer: _Writer
    keys: set
    paths: dict
    results: dict
    progress: Callable | None

    def __call__(self, prepared: dict) -> None:
        path = prepared["path"]
        res = self.results[path]
        if "error" in prepared:
            res.status, res.error = "failed", prepared["error"]
            res.internal = prepared.get("internal", False)
        elif prepared["key"] in self.keys:  # the same content twice in one run
            res.status, res.key = "unchanged", prepared["key"]
        else:
            res.key = prepared["key"]
            res.status = "replaced" if path in self.paths else "added"
            res.documents, res.warnings = len(prepared["records"]), prepared["warnings"]
            res.bytes = prepared["bytes"]
            self.writer.replace_issue(path, res.key, prepared["records"])
            self.keys.add(res.key)
            self.paths[path] = res.key
            self.writer.maybe_commit()
        if self.progress:
            self.progress(res)
