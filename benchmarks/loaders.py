"""Benchmark of the PDF, DOCX and HTML loaders on the samples (a script, not a test).

    python benchmarks/loaders.py [--repeat 7] [FILE ...]

Each file is measured in a fresh child process so peak memory belongs to that loader:
CPU time per run (best and median of --repeat runs, one warm-up run first), throughput
(pages/s for PDFs; for DOCX and HTML, which store no page layout, lines/s and the page
equivalent of the same issue's PDF where known), peak RSS growth over the process after
imports (ru_maxrss, includes pdfium's native memory), and the Python-heap peak of one run
(tracemalloc).  Run on an otherwise idle machine: the figures are CPU time of one core.
"""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ["samples/yanzhou-2021-03-04.pdf", "samples/yanzhou-2021-03-04.docx",
           "samples/jining-gaoxin-2023-5.docx", "samples/jining-gaoxin-2023-2-web.html"]


def measure(path: str, repeat: int) -> dict:
    """Runs in the child: load `path` repeatedly and report."""
    import tracemalloc

    sys.path.insert(0, str(ROOT))
    from gazette.loaders import load

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    loaded = load(path)  # warm-up (imports, caches)
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        loaded = load(path)
        times.append(time.process_time() - t0)
    peak_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base_rss
    tracemalloc.start()
    load(path)
    heap_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    best, med = min(times), statistics.median(times)
    return {"file": Path(path).name, "format": loaded.format, "pages": loaded.pages,
            "lines": len(loaded.lines), "best_s": best, "median_s": med,
            "pages_per_s": (loaded.pages / med) if loaded.pages else None,
            "lines_per_s": len(loaded.lines) / med,
            "rss_growth_mb": peak_rss_kb / 1024, "python_heap_peak_mb": heap_peak / 2 ** 20}


def main(argv: list[str]) -> None:
    repeat = 7
    files = []
    while argv:
        arg = argv.pop(0)
        if arg == "--repeat":
            repeat = int(argv.pop(0))
        elif arg == "--child":
            print(json.dumps(measure(argv.pop(0), int(argv.pop(0)))))
            return
        else:
            files.append(arg)
    files = files or [str(ROOT / f) for f in DEFAULT]
    print(f"{'file':36} {'fmt':5} {'pages':>5} {'lines':>6} {'best ms':>8} {'median ms':>9} "
          f"{'pages/s':>8} {'lines/s':>8} {'RSS+ MB':>8} {'heap MB':>8}")
    for f in files:
        out = subprocess.run([sys.executable, __file__, "--child", f, str(repeat)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout)
        pages = "-" if r["pages_per_s"] is None else f"{r['pages_per_s']:.1f}"
        print(f"{r['file'][:36]:36} {r['format']:5} {r['pages'] or '-':>5} {r['lines']:>6} "
              f"{r['best_s'] * 1000:8.1f} {r['median_s'] * 1000:9.1f} {pages:>8} {r['lines_per_s']:8.0f} "
              f"{r['rss_growth_mb']:8.1f} {r['python_heap_peak_mb']:8.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
