"""Ingest into the archive: files parsed in worker processes, each issue written in its own
transaction.

Guarantees: a file whose sha256 is in the archive is `unchanged` and nothing is written; a file
at a path the archive holds with another sha256 replaces that issue (its rows deleted and the
new ones inserted in one transaction: readers see the old issue or the new one, never both or
neither).  Several ingests may run at once: each issue's transaction first takes advisory
locks on its key and its path (in a fixed order), then looks again, so two processes never
write the same issue twice and none waits for another's whole run.  A killed ingest loses
only the transaction in flight: every committed issue is whole.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import IndexProblem, Interrupted
from ..index.parallel import FileResult, _parallel, _pool, _prepare_all, _sha256
from . import rows
from .connection import connect, shown, translated

RETRIES = 3  # an issue's transaction is tried again after a deadlock or serialization failure


def lock_id(text: str) -> int:
    """A signed 64-bit advisory-lock key for a string (the same in every process)."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:8], "big", signed=True)


def segmenter_of(conn) -> str:
    with conn.cursor() as cur:
        cur.execute("SELECT value FROM settings WHERE name = 'segmenter'")
        row = cur.fetchone()
    conn.commit()
    from ..index.segment import SEGMENTERS, default_segmenter

    return row[0] if row and row[0] in SEGMENTERS else default_segmenter()


def ingest(files, url: str, jobs: int | None = None, lock_timeout: float = 30.0, batch_documents: int = 0,
           progress=None, password: str | None = None, ocr: bool = False) -> list[FileResult]:
    """Ingest bulletin files into the archive at `url`; one FileResult per file, in input order.
    (`batch_documents` is the Whoosh engine's: here every issue is its own transaction.)"""
    paths_in = list(dict.fromkeys(str(Path(f).resolve()) for f in files))
    jobs = max(1, jobs or os.cpu_count() or 1)
    # workers first: forked after the connection, they would share its socket
    pool = _pool(jobs) if _parallel(paths_in, jobs) else None
    try:
        conn = connect(url)
        try:
            with translated(url, write=True):
                results = _ingest(conn, url, paths_in, pool, jobs, lock_timeout, progress, password, ocr)
        finally:
            conn.close()
        if pool is not None:  # done: the idle workers end now (and their time is accounted)
            pool.shutdown(wait=True)
            pool = None
        return results
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _ingest(conn, url, paths_in, pool, jobs, lock_timeout, progress, password, ocr) -> list[FileResult]:
    segmenter = segmenter_of(conn)
    results = {p: FileResult(p, "pending", _sha256(Path(p))) for p in paths_in}
    with conn.cursor() as cur:
        cur.execute("SELECT key FROM issues WHERE key = ANY(%s)", [[r.key for r in results.values() if r.key]])
        known = {k for (k,) in cur.fetchall()}
    conn.commit()
    todo = []
    for res in results.values():
        if res.key in known:
            res.status = "unchanged"
            if progress:
                progress(res)
        else:
            todo.append(res.path)
    committed: list[str] = []

    def accept(prepared: dict) -> None:
        res = results[prepared["path"]]
        if "error" in prepared:
            res.status, res.error = "failed", prepared["error"]
            res.internal = prepared.get("internal", False)
        else:
            res.key = prepared["key"]
            res.status = write_issue(conn, url, prepared, lock_timeout)
            if res.status != "unchanged":
                res.documents, res.warnings, res.bytes = prepared["documents"], prepared["warnings"], prepared["bytes"]
                committed.append(res.path)
        if progress:
            progress(res)

    try:
        _prepare_all(todo, segmenter, pool, accept, jobs, password, rows.prepare_file, ocr)
    except KeyboardInterrupt:
        names = ", ".join(os.path.basename(p) for p in committed[:5])
        names += f" and {len(committed) - 5} more" if len(committed) > 5 else ""
        kept = f"{len(committed)} issue(s) committed and kept ({names})" if committed else "no issue was committed"
        raise Interrupted(f"ingest interrupted: {kept}; the issue being written was rolled back",
                          path=shown(url), hint="run the same ingest again: committed files are skipped as unchanged") from None
    return list(results.values())


def write_issue(conn, url: str, prepared: dict, lock_timeout: float) -> str:
    """Write one issue in one transaction: added | replaced | unchanged."""
    psycopg = __import__("psycopg")
    for attempt in range(RETRIES):
        try:
            with conn.transaction():
                return _write(conn, prepared, lock_timeout)
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
            if attempt == RETRIES - 1:
                raise
        except psycopg.errors.LockNotAvailable:
            raise IndexProblem(f"the issue {os.path.basename(prepared['path'])} is locked by another writer "
                               f"(waited {lock_timeout:g} s)", path=shown(url),
                               hint="wait for the other `gazette ingest`/`remove` to finish, then retry") from None
    raise AssertionError("unreachable")


def lock_issue(cur, key: str, path: str, lock_timeout: float) -> None:
    """Take this transaction's advisory locks on an issue's key and path (in a fixed order)."""
    cur.execute("SELECT set_config('lock_timeout', %s, true)", [f"{max(1, int(lock_timeout * 1000))}ms"])
    for lid in sorted({lock_id("key:" + key), lock_id("path:" + path)}):
        cur.execute("SELECT pg_advisory_xact_lock(%s)", [lid])


def _write(conn, prepared: dict, lock_timeout: float) -> str:
    key, path = prepared["key"], rows.clean(prepared["path"])
    tables = prepared["rows"]
    with conn.cursor() as cur:
        lock_issue(cur, key, path, lock_timeout)
        cur.execute("SELECT 1 FROM issues WHERE key = %s", [key])
        if cur.fetchone():  # another ingest wrote it meanwhile (or the same content twice in one run)
            return "unchanged"
        cur.execute("DELETE FROM issues WHERE path = %s RETURNING key", [path])
        status = "replaced" if cur.fetchall() else "added"
        for table, columns in rows.TABLES.items():
            if tables[table]:
                with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in tables[table]:
                        copy.write_row(row)
    return status
