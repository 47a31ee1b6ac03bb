"""Index benchmark (a script, not a test): ingest throughput, writer memory, search latency as
the index grows, start-up of a search; each figure beside an anchor measured in the same run.

    python benchmarks/index_bench.py [--mb 20,80] [--jobs N] [--keep DIR]

For each size, builds that many MB of gazette text from the TXT samples (each copy with its own
document numbers and dates, so documents are distinct), ingests it with `gazette ingest` in a
fresh process and runs 50 fixed queries (10 hits with snippets, warm process, best of 2).

Anchors, from the same run: the naive Whoosh + jieba indexing step (jieba's ChineseAnalyzer in
a Whoosh TEXT field, one document per file, Whoosh's own writer, no parsing) over the first
corpus, and the same 50 queries through Whoosh's QueryParser on that naive index; the search
latency at the first size (for growth); a bare `python -c pass` (for start-up).  Linux only
(memory is read from /proc).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import sysconfig
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
QUERIES = [
    "告知承诺制", "自备井 封停", "国家卫生城市", "审批与监管协调联动", "济充政发〔2021〕6号",
    "济兖政办字[2021]4号", "健康兖州", "慢性病 防控", "家政服务业", "领跑者", "证明事项",
    "行政审批", "事中事后监管", "爱国卫生运动", "病媒生物", "食品安全", "饮用水", "地下水",
    "任命", "免去 职务", "大事记", "安全生产", "招商引资", "营商环境", "实施方案",
    "工作目标", "保障措施", "组织领导", "督导检查", "考核", '"健康山东行动"', "健康 OR 卫生",
    "title:实施办法", "category:rule 审批", "卫生 -城市", "≥90%", "AED", "2021年", "疾控中心",
    "医疗机构", "公共场所", "垃圾分类", "环境卫生", "市容市貌", "信用 承诺", "失信 惩戒",
    "联合奖惩", "办事指南", "政务服务", "区长",
]
assert len(QUERIES) == 50
DOC_NUMBER = re.compile(r"〔(\d{4})〕(\d{1,4})")
DATE = re.compile(r"(20\d\d)年(\d{1,2})月(\d{1,2})日")


def build_corpus(target_mb: float, out: Path) -> tuple[int, int]:
    """Write distinct copies of the samples until `target_mb`; returns (files, bytes)."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    total, n = 0, 0
    while total < target_mb * 1e6:
        for src, text in zip(SAMPLES, texts):
            shift = n + 1
            t = DOC_NUMBER.sub(lambda m: f"〔{m[1]}〕{int(m[2]) + 100 * shift}", text)
            t = DATE.sub(lambda m: f"{2000 + (int(m[1]) - 2000 + shift) % 25}年{m[2]}月{m[3]}日", t)
            data = t.encode("utf-8")
            (out / f"{src.stem}-{n:04d}.txt").write_bytes(data)
            total += len(data)
            n += 1
    return n, total


NAIVE = """
import sys, time, pathlib, logging, jieba
from jieba.analyse import ChineseAnalyzer
from whoosh import fields, index
jieba.setLogLevel(logging.WARNING)
corpus, out = pathlib.Path(sys.argv[1]), sys.argv[2]
texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
schema = fields.Schema(path=fields.ID(stored=True), body=fields.TEXT(analyzer=ChineseAnalyzer(), stored=True))
ix = index.create_in(out, schema)
t = time.perf_counter()
w = ix.writer()
for i, text in enumerate(texts):
    w.add_document(path=str(i), body=text)
w.commit()
print(time.perf_counter() - t)
"""

NAIVE_SEARCH = """
import sys, time, json, statistics
from whoosh import index, qparser
ix = index.open_dir(sys.argv[1])
queries = json.loads(sys.argv[2])
times = {}
for rep in range(2):
    for q in queries:
        t = time.perf_counter()
        with ix.searcher() as s:
            parsed = qparser.QueryParser("body", ix.schema).parse(q)
            hits = s.search(parsed, limit=10)
            [h["path"] for h in hits], len(hits)
        times[q] = min(times.get(q, 9e9), time.perf_counter() - t)
print(json.dumps(sorted(times.values())))
"""


def children_cpu() -> float:
    """CPU seconds of the finished child processes (and theirs) so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def naive_ingest(corpus: Path, out: Path) -> tuple[float, float]:
    """Seconds the naive Whoosh + jieba indexing step takes over the corpus (one process),
    and the CPU seconds of that process (its reading and jieba's start included)."""
    out.mkdir(parents=True, exist_ok=True)
    cpu = children_cpu()
    seconds = float(subprocess.run([sys.executable, "-c", NAIVE, str(corpus), str(out)], check=True,
                                   capture_output=True, text=True).stdout)
    return seconds, children_cpu() - cpu


def naive_search(index: Path) -> list[float]:
    """Seconds per query of the 50 queries on the naive index (Whoosh's parser, 10 hits, no
    snippets: Whoosh's highlighter re-analyses whole bulletins, seconds a query)."""
    out = subprocess.run([sys.executable, "-c", NAIVE_SEARCH, str(index), json.dumps(QUERIES)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def anon_rss(pid: int) -> int:
    """Anonymous resident memory of one process (its heap: not the pages of index files it
    has read through a memory map, which the kernel can drop), in bytes."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    kids: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            kids.setdefault(int(stat[1]), []).append(int(d))
            rss[int(d)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(kids.get(p, []))
    return total


def run_ingest(corpus: Path, index: Path, jobs: int) -> tuple[float, float, int, int, dict]:
    """Wall time, CPU time (all processes), peak memory of the writing process (anonymous)
    and of the whole process tree (resident), and the JSON summary of `gazette ingest`."""
    cpu = children_cpu()
    cmd = [sys.executable, "-c", "from gazette.cli import main; main()", "ingest", str(corpus),
           "--index", str(index), "--json", "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], anon_rss(proc.pid))
            peak[1] = max(peak[1], tree_rss(proc.pid))
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    th.join()
    if proc.returncode != 0:
        sys.exit(f"ingest failed ({proc.returncode}): {stderr[-2000:]}")
    return elapsed, children_cpu() - cpu, peak[0], peak[1], json.loads(stdout)["summary"]


def search_latencies(index: Path) -> list[float]:
    """Seconds per query (warm process, 10 hits with snippets, best of 2), sorted."""
    code = ("import sys, json, time; from gazette.index import search; idx = sys.argv[1]; "
            "qs = json.loads(sys.argv[2]); search('预热', idx); best = {}\n"
            "for rep in range(2):\n"
            "    for q in qs:\n"
            "        t = time.perf_counter(); search(q, idx, limit=10); "
            "best[q] = min(best.get(q, 9e9), time.perf_counter() - t)\n"
            "print(json.dumps(sorted(best.values())))")
    out = subprocess.run([sys.executable, "-c", code, str(index), json.dumps(QUERIES)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def cold(cmd: list[str], cwd: Path, runs: int = 9) -> float:
    """Median wall seconds of a command in a fresh process."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def installed_python(base: Path) -> str:
    """A Python with gazette installed as the quick start's `pip install .` leaves it: the package's
    files, byte-compiled, in a site-packages of their own (no editable install's import hook, no
    compiling at each start), this environment's dependencies beside them (a .pth line)."""
    venv = base / "installed-venv"
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    shutil.copytree(ROOT / "gazette", site / "gazette", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([python, "-m", "compileall", "-q", str(site / "gazette")], check=True)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def pct(lat: list[float], p: float) -> float:
    return lat[min(len(lat) - 1, max(0, int(round(p * len(lat))) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", default="20,80", help="corpus sizes in MB, comma-separated (default 20,80)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count(), help="ingest --jobs (default: cores)")
    ap.add_argument("--keep", help="build corpora and indexes here instead of a temporary directory")
    args = ap.parse_args()
    sizes = [float(x) for x in args.mb.split(",")]
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gazette-bench-"))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; Python {sys.version.split()[0]}")
    rows = []
    for n, size in enumerate(sizes):
        corpus, index = base / f"corpus{size:g}", base / f"index{size:g}"
        shutil.rmtree(index, ignore_errors=True)
        corpus.mkdir(parents=True, exist_ok=True)
        files, nbytes = build_corpus(size, corpus)
        mb = nbytes / 1e6
        if n == 0:
            naive_dir = base / "naive"
            shutil.rmtree(naive_dir, ignore_errors=True)
            t_naive, cpu_naive = naive_ingest(corpus, naive_dir)
            naive_rate = mb / t_naive
            naive_lat = naive_search(naive_dir)
            print(f"anchor: naive Whoosh + jieba indexing step over {mb:.1f} MB: {t_naive:.1f} s = "
                  f"{mb / t_naive:.2f} MB/s ({cpu_naive / mb:.2f} CPU-s/MB); its search (Whoosh's parser, 10 hits): "
                  f"p50 {statistics.median(naive_lat) * 1e3:.1f} ms, p95 {pct(naive_lat, .95) * 1e3:.1f} ms")
        t, cpu, writer_peak, tree_peak, summary = run_ingest(corpus, index, args.jobs)
        segments = len(list(index.glob("*.seg")))
        size_on_disk = sum(p.stat().st_size for p in index.iterdir() if p.is_file())
        lat = search_latencies(index)
        row = {"mb": mb, "files": files, "docs": summary["documents"], "ingest": mb / t,
               "writer": writer_peak / 1e6, "tree": tree_peak / 1e6, "p50": statistics.median(lat) * 1e3,
               "p95": pct(lat, .95) * 1e3, "max": lat[-1] * 1e3, "segments": segments, "disk": size_on_disk / 1e6}
        rows.append(row)
        print(f"{mb:.1f} MB ({files} files, {row['docs']} documents): ingest --jobs {args.jobs} {t:.1f} s = "
              f"{row['ingest']:.2f} MB/s ({row['ingest'] / naive_rate:.2f}x the naive step), {cpu / mb:.2f} CPU-s/MB "
              f"(all processes); writer peak (heap) "
              f"{row['writer']:.0f} MB, process tree {row['tree']:.0f} MB; index {row['disk']:.1f} MB, "
              f"{segments} segments; search p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms, max {row['max']:.1f} ms")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"growth {a['mb']:.0f} -> {b['mb']:.0f} MB: search p50 x{b['p50'] / a['p50']:.2f}, "
              f"p95 x{b['p95'] / a['p95']:.2f}; writer peak x{b['writer'] / a['writer']:.2f}")
    index = base / f"index{sizes[-1]:g}"
    query = ["-c", "from gazette.cli import main; main()", "search", "告知承诺制", "--index", str(index), "--json"]
    bare = cold([sys.executable, "-c", "pass"], base)
    installed = cold([installed_python(base)] + query, base)
    here = cold([sys.executable] + query, base)
    print(f"`gazette search` from a fresh process: median {installed:.2f} s installed as the quick start installs it, "
          f"{here:.2f} s from this environment{' (editable install)' if _editable() else ''}"
          f"{', PYTHONDONTWRITEBYTECODE set' if os.environ.get('PYTHONDONTWRITEBYTECODE') else ''} "
          f"(anchor: bare python start {bare:.2f} s)")


def _editable() -> bool:
    import gazette

    return Path(gazette.__file__).resolve().is_relative_to(ROOT)


if __name__ == "__main__":
    main()
