"""Index-record benchmark (a script, not a test): CPU seconds per MB of building the index
records of parsed documents (`schema.record`: segmentation, gram positions, packing), parsing
excluded; and a digest of every record, to check that a faster record builder builds the same.

    python benchmarks/records_speed.py [--mb 3] [--repeat 3] [--dump FILE] [--profile N]

The corpus: every TXT sample (`samples/`, its subfolders) and TXT fixture issue, plus copies of
the TXT samples made as `index_bench.py` makes them (own numbers and dates) up to `--mb` MB of
files.  Each file is parsed once (not timed); then every document's record is built, `--repeat`
times, and the best pass's CPU time (this process) is divided by the MB of the files.

Anchor, same run: the plain jieba cut (rjieba) of the same documents' whole text, the one
segmenter pass a record cannot avoid.  `--dump FILE` writes the records (pickled, in corpus
order) for a byte-for-byte comparison; the SHA-256 printed is of that pickle.
`--profile N` prints the N functions with the most own time (cProfile, one pass).
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import os
import pickle
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from index_bench import build_corpus  # noqa: E402

from gazette.index.parallel import parsed_issue  # noqa: E402
from gazette.index.schema import record, whole_text  # noqa: E402
from gazette.index.segment import cutter, default_segmenter, han_runs  # noqa: E402


def corpus_files(mb: float, tmp: Path) -> list[Path]:
    files = sorted(ROOT.glob("samples/**/*.txt")) + sorted(ROOT.glob("tests/fixtures/issues/*.txt"))
    have = sum(p.stat().st_size for p in files)
    if mb * 1e6 > have:
        build_corpus((mb * 1e6 - have) / 1e6, tmp)
        files += sorted(tmp.glob("*.txt"))
    return files


def best_cpu(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=3.0, help="MB of TXT files (default 3)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes; the best counts (default 3)")
    ap.add_argument("--segmenter", default=default_segmenter())
    ap.add_argument("--dump", help="write the records (a pickle) here")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N functions by own time")
    args = ap.parse_args()
    tmp = Path(tempfile.gettempdir()) / "gazette-records-corpus"  # one path: records keep it
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    files = corpus_files(args.mb, tmp)
    nbytes = sum(p.stat().st_size for p in files)
    issues = [parsed_issue(str(p)) for p in files]
    shutil.rmtree(tmp)
    issues = [i for i in issues if "error" not in i]
    pairs = [(issue, doc) for issue in issues for doc in issue["documents"]]
    mb = nbytes / 1e6
    seg = args.segmenter
    cut = cutter(seg)
    cut("预热")  # the segmenter's dictionary is loaded once per process, outside the timing

    def build():
        return [record(issue, doc, seg) for issue, doc in pairs]

    runs = [run for _, doc in pairs for run in han_runs(whole_text(doc))]

    def anchor():
        for run in runs:
            cut(run)

    records = build()
    blob = pickle.dumps(records, protocol=4)
    if args.dump:
        Path(args.dump).write_bytes(blob)
    cpu = best_cpu(build, args.repeat)
    cpu_cut = best_cpu(anchor, args.repeat)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; Python {sys.version.split()[0]}")
    print(f"corpus: {len(files)} files, {mb:.2f} MB, {len(pairs)} documents; segmenter {seg}")
    print(f"records: {cpu:.2f} CPU-s = {cpu / mb:.3f} CPU-s/MB (best of {args.repeat})")
    print(f"anchor: the segmenter's cut of the same Han runs {cpu_cut / mb:.3f} CPU-s/MB")
    print(f"records sha256 {hashlib.sha256(blob).hexdigest()}")
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(build)
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
