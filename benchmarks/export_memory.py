"""Peak memory of `gazette export --format jsonl` at two corpus sizes: it should be flat.

Generates a corpus of bulletins (copies of a sample issue with varied document numbers
and issue numbers) in a temporary directory, large enough for the JSONL export to reach
each target size, then runs

    gazette export CORPUS --what documents --format jsonl -o /dev/null

in a child process per size and reports its peak resident set size (from wait4's rusage).

    python benchmarks/export_memory.py                 # 50 MB and 200 MB of JSONL
    python benchmarks/export_memory.py --sizes 10 40   # quicker
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
    opts = parser.parse_args()

    text = opts.sample.read_text(encoding="utf-8")
    per_copy = jsonl_bytes_per_copy(opts.sample)
    print(f"one copy of {opts.sample.name}: {per_copy / 1e6:.2f} MB of JSONL")
    with tempfile.TemporaryDirectory(prefix="gazette-bench-") as tmp:
        rows = []
        for size in sorted(opts.sizes):
            copies = max(1, round(size * 1e6 / per_copy))
            corpus = Path(tmp) / f"corpus-{size}"
            build_corpus(corpus, copies, text)
            target = Path(tmp) / f"export-{size}.jsonl"
            rss, wall = peak_rss_mb([*GAZETTE, "export", str(corpus),
                                     "--what", "documents", "--format", "jsonl", "-o", str(target)])
            written = target.stat().st_size / 1e6
            target.unlink()
            rows.append((copies, written, rss, wall))
            print(f"{copies:5d} issues  {written:8.1f} MB JSONL  peak RSS {rss:6.1f} MB  {wall:6.1f} s", flush=True)
    if len(rows) > 1:
        (c0, w0, r0, _), (c1, w1, r1, _) = rows[0], rows[-1]
        print(f"output grew {w1 / w0:.1f}x, peak RSS grew {r1 / r0:.2f}x ({r1 - r0:+.1f} MB)")


if __name__ == "__main__":
    main()
