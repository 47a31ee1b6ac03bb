"""Peak memory of `gazette export --format jsonl` at two corpus sizes: it should be flat.

Generates a corpus of bulletins (copies of a sample issue with varied document numbers
and issue numbers) in a temporary directory, large enough for the JSONL export to reach
each target size, then runs

    gazette export CORPUS --what documents --format jsonl -o /dev/null

in a child process per size and reports its peak resident set size (from wait4's rusage).

    python benchmarks/export_memory.py                 # 50 MB and 200 MB of JSONL
    python benchmarks/export_memory.py --sizes 10 40   # quicker
    python benchmarks/export_memory.py --caches small  # only with the parser's caches shrunk
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "yanzhou-2021-03-04.txt"
GAZETTE = [sys.executable, "-c", "from gazette.cli import main; main()"]
# The same CLI with every per-line lru_cache of the parser shrunk to 1024 entries (patched
# before the parser modules import them): separates the export path's memory from the
# parser's memoisation, whose caches (65536 entries each) fill up with a corpus's lines.
SMALL_CACHES = [sys.executable, "-c", """
import functools, gazette.docnumber, gazette.lineclass, gazette.numerals
for mod in (gazette.docnumber, gazette.lineclass, gazette.numerals):
    for name, fn in list(vars(mod).items()):
        if hasattr(fn, "cache_clear") and fn.cache_info().maxsize and fn.cache_info().maxsize > 1024:
            setattr(mod, name, functools.lru_cache(maxsize=1024)(fn.__wrapped__))
from gazette.cli import main; main()
"""]
DOC_NUMBER = re.compile(r"(〔\d{4}〕)(\d+)(号)")
TOTAL_ISSUE = re.compile(r"总第(\d+)-(\d+)期")


def variant(text: str, k: int) -> str:
    """Copy k of the sample: every document number and the total issue number shifted."""
    text = DOC_NUMBER.sub(lambda m: f"{m[1]}{int(m[2]) + 100 * k}{m[3]}", text)
    return TOTAL_ISSUE.sub(lambda m: f"总第{int(m[1]) + 2 * k}-{int(m[2]) + 2 * k}期", text)


def jsonl_bytes_per_copy(sample: Path) -> int:
    out = subprocess.run([*GAZETTE, "export", str(sample), "--what", "documents",
                          "--format", "jsonl"], capture_output=True, check=True)
    return len(out.stdout)


def build_corpus(directory: Path, copies: int, text: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for k in range(copies):
        (directory / f"issue-{k:05d}.txt").write_text(variant(text, k), encoding="utf-8")


def peak_rss_mb(args: list[str]) -> tuple[float, float]:
    """(peak RSS in MB, wall seconds) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"export failed ({proc.returncode}): {proc.stderr.read().decode()[-500:]}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200], help="JSONL sizes in MB")
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--caches", choices=("default", "small", "both"), default="both",
                        help="measure as shipped, with the parser's per-line caches shrunk to 1024 "
                             "entries, or both")
    opts = parser.parse_args()

    text = opts.sample.read_text(encoding="utf-8")
    per_copy = jsonl_bytes_per_copy(opts.sample)
    print(f"one copy of {opts.sample.name}: {per_copy / 1e6:.2f} MB of JSONL")
    with tempfile.TemporaryDirectory(prefix="gazette-bench-") as tmp:
        rows, small_rows = [], []
        for size in sorted(opts.sizes):
            copies = max(1, round(size * 1e6 / per_copy))
            corpus = Path(tmp) / f"corpus-{size}"
            build_corpus(corpus, copies, text)
            target = Path(tmp) / f"export-{size}.jsonl"
            args = ["export", str(corpus), "--what", "documents", "--format", "jsonl", "-o", str(target)]
            if opts.caches in ("default", "both"):
                rss, wall = peak_rss_mb([*GAZETTE, *args])
                written = target.stat().st_size / 1e6
                target.unlink()
                rows.append((copies, written, rss, wall))
                print(f"{copies:5d} issues  {written:8.1f} MB JSONL  peak RSS {rss:6.1f} MB  {wall:6.1f} s",
                      flush=True)
            if opts.caches in ("small", "both"):
                rss_small, wall_small = peak_rss_mb([*SMALL_CACHES, *args])
                written = target.stat().st_size / 1e6
                target.unlink()
                small_rows.append((copies, written, rss_small, wall_small))
                print(f"{copies:5d} issues  {written:8.1f} MB JSONL  peak RSS {rss_small:6.1f} MB  "
                      f"{wall_small:6.1f} s  (parser caches at 1024 entries)", flush=True)
    for label, table in (("", rows), (" (parser caches at 1024 entries)", small_rows)):
        if len(table) > 1:
            (c0, w0, r0, _), (c1, w1, r1, _) = table[0], table[-1]
            print(f"output grew {w1 / w0:.1f}x, peak RSS grew {r1 / r0:.2f}x ({r1 - r0:+.1f} MB){label}")


if __name__ == "__main__":
    main()
