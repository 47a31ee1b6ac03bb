"""Where the index lives, and the manifest that marks a directory as a gazette index.

Resolution order: ``--index DIR``, else ``$GAZETTE_INDEX``, else the per-user data directory
(platformdirs).  The manifest ``gazette-index.json`` records the format version and the
segmenter that built the index; a non-empty directory without it is foreign and refused.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import IndexProblem

MANIFEST = "gazette-index.json"
FORMAT = "gazette-index"
FORMAT_VERSION = 5  # 4: words for ranking, character grams (uint32 positions) for matching; 5: gram positions in gazette lists
ENV_VAR = "GAZETTE_INDEX"
CREATE_LOCK = ".gazette-create.lock"  # held while the manifest and the first segment are created


def resolve(index_dir: str | os.PathLike | None = None) -> Path:
    """The index directory the user asked for (not checked)."""
    if index_dir:
        return Path(index_dir).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("gazette")) / "index"


def read_manifest(path: Path) -> dict | None:
    """The manifest of an index directory, or None if there is none."""
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise IndexProblem(f"the index manifest {MANIFEST} cannot be read ({e})", path=str(path),
                           hint="remove the directory and ingest again") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise IndexProblem(f"{MANIFEST} is not a gazette index manifest", path=str(path),
                           hint="use another --index directory")
    from .segment import SEGMENTERS

    if data.get("segmenter") not in SEGMENTERS:
        raise IndexProblem(f"{MANIFEST} names an unknown segmenter {data.get('segmenter')!r} "
                           f"(this gazette knows {', '.join(SEGMENTERS)})", path=str(path),
                           hint="the manifest was edited or written by another version; ingest again into a new index")
    if data.get("version") != FORMAT_VERSION:
        raise IndexProblem(f"the index has format version {data.get('version')}, this gazette "
                           f"reads version {FORMAT_VERSION}", path=str(path),
                           hint="ingest the bulletins again into a new index directory")
    return data


def existing(index_dir=None) -> tuple[Path, dict]:
    """An existing index directory and its manifest; IndexProblem if missing or foreign."""
    path = resolve(index_dir)
    if not path.is_dir():
        raise IndexProblem("no index here yet", path=str(path),
                           hint="run `gazette ingest FILES` first, or pass --index DIR / set GAZETTE_INDEX")
    manifest = read_manifest(path)
    if manifest is None:
        raise IndexProblem("is not a gazette index (no gazette-index.json)", path=str(path),
                           hint="pass the directory `gazette ingest` created, or a new one")
    return path, manifest


def prepare(index_dir=None, segmenter: str | None = None) -> tuple[Path, dict, bool]:
    """The index directory for writing, created with its manifest if new.

    Returns (path, manifest, created).  A non-empty directory without a manifest is foreign.
    """
    path = resolve(index_dir)
    if path.exists() and not path.is_dir():
        raise IndexProblem("is a file, not an index directory", path=str(path), hint="pass a directory")
    if path.is_dir():
        manifest = read_manifest(path)
        if manifest is not None:
            return path, manifest, False
        if any(p.name != CREATE_LOCK for p in path.iterdir()):
            raise IndexProblem("is not empty and not a gazette index", path=str(path),
                               hint="pass an empty or new directory with --index")
    from .segment import default_segmenter

    try:
        path.mkdir(parents=True, exist_ok=True)
        with creation_lock(path):
            manifest = read_manifest(path)  # another first ingest may have won the race
            if manifest is not None:
                return path, manifest, False
            manifest = {"format": FORMAT, "version": FORMAT_VERSION,
                        "segmenter": segmenter or default_segmenter(),
                        "created": datetime.now(timezone.utc).isoformat(timespec="seconds")}
            tmp = path / f".{MANIFEST}.{os.getpid()}.tmp"
            try:
                tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
                os.replace(tmp, path / MANIFEST)  # readers see no manifest or a whole one
            finally:
                if tmp.exists():
                    tmp.unlink()
    except OSError as e:
        from ..errors import OutputError

        raise OutputError(f"cannot create the index: {e.strerror or e}", path=str(path),
                          hint="pass a writable directory with --index, or free disk space") from None
    return path, manifest, True


@contextmanager
def creation_lock(path: Path):
    """An exclusive lock on the index directory while it is being created (first ingests race)."""
    import fcntl

    try:
        fd = os.open(path / CREATE_LOCK, os.O_CREAT | os.O_WRONLY, 0o644)
    except OSError:  # a read-only directory: nothing will be created there anyway
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
