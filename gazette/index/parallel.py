"""Parsing many files in worker processes while one process writes: what both engines' ingest
shares (the per-file result, the warm worker pool, the queue that keeps the workers busy)."""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

IN_FLIGHT_PER_JOB = 4       # files queued per worker, so workers go on parsing while the writer commits …
IN_FLIGHT_BYTES = 8_000_000  # … or more, up to this much input (a commit takes seconds) …
IN_FLIGHT_MAX_PER_JOB = 64   # … but never more files than this per worker
INLINE_BYTES = 1_000_000    # below this much input, starting worker processes costs more than it saves


@dataclass
class FileResult:
    path: str
    status: str                 # added | replaced | unchanged | failed
    key: str | None = None
    documents: int = 0
    warnings: int = 0
    error: str | None = None
    bytes: int = 0
    internal: bool = False  # the error is a bug in gazette, not a bad file

    def to_dict(self) -> dict:
        return asdict(self)


def parsed_issue(path: str, password: str | None = None, ocr: bool = False) -> dict:
    """Worker: the issue JSON of one file, or {"path", "error"} (and "internal" for a bug in
    gazette: a parser bug on one file must not stop the batch)."""
    from .. import api
    from ..errors import GazetteError, file_error

    try:
        issue = api.parse(path, password=password, ocr=ocr).to_dict()
    except GazetteError as e:
        return {"path": path, "error": str(e)}
    except Exception as e:
        return {"path": path, "error": str(file_error(e, path)), "internal": True}
    issue["source"]["path"] = path
    return issue


def _worker_init(main_pid: int) -> None:
    """Workers leave Ctrl-C to the main process, which cancels the batch cleanly, and end
    themselves when the main process is gone (killed), instead of lingering as orphans."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    parent = os.getppid()  # the main process; a worker whose parent died is re-parented

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent or not _alive(main_pid):
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether a process runs (a killed process not yet reaped, a zombie, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _noop() -> None:
    return None


def _pool(jobs: int) -> ProcessPoolExecutor:
    """Warm worker processes, all started now, before the index lock is taken.

    Forked workers share the parent's open files; started after the lock they would share
    the lock, and a killed ingest could leave the index locked while they live.  With fork
    the pool starts every worker on its first task, so one no-op task starts them all.
    """
    import multiprocessing as mp

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context(method),
                               initializer=_worker_init, initargs=(os.getpid(),))
    pool.submit(_noop).result()
    return pool


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the worker's loader reports it properly


def _parallel(paths: list[str], jobs: int) -> bool:
    """Worth starting worker processes? (Not for one file or a little text.)"""
    return jobs > 1 and len(paths) > 1 and _total_size(paths) >= INLINE_BYTES


def _prepare_all(todo: list[str], segmenter: str, pool, accept, jobs: int, password: str | None,
                 prepare: Callable[[str, str, str | None, bool], dict], ocr: bool = False) -> None:
    """Parse every file with `prepare(path, segmenter, password, ocr)` (in the pool if any),
    handing each result to `accept` as it comes.

    Enough files stay queued for the workers to go on parsing while the writer commits (a
    commit of a batch takes seconds): `IN_FLIGHT_PER_JOB` files per worker, or more small
    ones up to `IN_FLIGHT_BYTES` of input."""
    if pool is None:
        for path in todo:
            accept(prepare(path, segmenter, password, ocr))
        return
    queue = iter(todo)
    running: dict = {}

    def fill() -> None:
        while len(running) < IN_FLIGHT_MAX_PER_JOB * jobs and (
                len(running) < IN_FLIGHT_PER_JOB * jobs or sum(running.values()) < IN_FLIGHT_BYTES):
            path = next(queue, None)
            if path is None:
                return
            running[pool.submit(_pickled, prepare, path, segmenter, password, ocr)] = _size(path)

    fill()
    while running:
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for fut in done:
            del running[fut]
            accept(pickle.loads(fut.result()))
            fill()


def _pickled(prepare, *args) -> bytes:
    """A worker's result as the bytes it is sent as: the writer unpickles it when it takes it,
    so results that finish while it commits wait as compact bytes, not as objects (~10x the size)."""
    return pickle.dumps(prepare(*args), protocol=pickle.HIGHEST_PROTOCOL)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _total_size(paths) -> int:
    return sum(_size(p) for p in paths)
