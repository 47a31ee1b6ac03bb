"""Parser speed on the TXT corpus (a script, not a test): CPU seconds per MB of text.

    python benchmarks/parse_speed.py [--repeat 3]

Parses samples/*.txt and tests/fixtures/issues/*.txt (loaded once, before timing) to
`Issue.to_dict()`, as `gazette ingest` does between loading and indexing.  Two figures, best of
--repeat passes after one warm-up pass: *warm*, each pass parsing the same files again (the
parser's per-line caches hold what earlier passes filled, as in a benchmark that repeats a
corpus); *cold*, with those caches emptied before each file (as for an archive of distinct
files).  CPU time of this process: on a shared machine, compare two versions back to back.
"""
from __future__ import annotations

import argparse
import functools
import gc
import time
from pathlib import Path

from gazette.api import parse_loaded
from gazette.loaders import load

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests/fixtures/issues").glob("*.txt"))


def line_caches() -> list:
    """The parser's lru_caches of per-line answers (not the one-entry caches of loaded tables)."""
    return [o for o in gc.get_objects() if isinstance(o, functools._lru_cache_wrapper)
            and getattr(o, "__module__", "").startswith("gazette") and (o.cache_info().maxsize or 2) > 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    loaded = [load(f) for f in FILES]
    mb = sum(f.stat().st_size for f in FILES) / 1e6
    for one in loaded:  # warm-up: imports, compiled patterns, tables
        parse_loaded(one).to_dict()
    caches = line_caches()
    warm, cold = [], []
    for _ in range(args.repeat):
        t = time.process_time()
        for one in loaded:
            parse_loaded(one).to_dict()
        warm.append(time.process_time() - t)
        spent = 0.0
        for one in loaded:
            for c in caches:
                c.cache_clear()
            t = time.process_time()
            parse_loaded(one).to_dict()
            spent += time.process_time() - t
        cold.append(spent)
    print(f"{len(FILES)} files, {mb:.3f} MB")
    print(f"warm: {min(warm):.3f} CPU-s = {min(warm) / mb:.2f} CPU-s/MB")
    print(f"cold: {min(cold):.3f} CPU-s = {min(cold) / mb:.2f} CPU-s/MB")


if __name__ == "__main__":
    main()
