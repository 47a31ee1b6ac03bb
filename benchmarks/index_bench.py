"""Index benchmark (a script, not a test): ingest throughput, memory, index size, search latency.

    python benchmarks/index_bench.py [--mb 20] [--jobs N] [--keep DIR]

Builds about `--mb` MB of gazette text from the TXT samples (each copy with its own document
numbers and dates, so documents are distinct), ingests it with `gazette ingest` in a fresh
process, and runs 50 fixed queries (with snippets).  Every time is also given as a ratio to
the time plain jieba takes to segment the same text in this run, so figures from different
machines compare.  Linux only (peak memory is read from /proc).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
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


def jieba_seconds(corpus: Path) -> float:
    """Time plain jieba (the reference segmenter, search mode) takes over the corpus text."""
    code = ("import sys, time, pathlib, logging, jieba; jieba.setLogLevel(logging.WARNING); "
            "jieba.initialize(); texts=[p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt'))]; "
            "t=time.perf_counter(); [list(jieba.cut_for_search(x)) for x in texts]; print(time.perf_counter()-t)")
    return float(subprocess.run([sys.executable, "-c", code, str(corpus)], check=True,
                                capture_output=True, text=True).stdout)


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(d))
            rss[int(d)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def run_ingest(corpus: Path, index: Path, jobs: int) -> tuple[float, int, dict]:
    """Wall time, peak memory (process tree) and JSON summary of `gazette ingest`."""
    cmd = [sys.executable, "-c", "from gazette.cli import main; main()", "ingest", str(corpus),
           "--index", str(index), "--json", "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    th.join()
    if proc.returncode != 0:
        sys.exit(f"ingest failed ({proc.returncode}): {stderr[-2000:]}")
    return elapsed, peak[0], json.loads(stdout)["summary"]


def search_latencies(index: Path) -> list[float]:
    """Seconds per query (warm process, 10 hits with snippets), over the 50 queries."""
    from gazette.index import search

    search("预热", str(index))
    times = []
    for q in QUERIES:
        t = time.perf_counter()
        search(q, str(index), limit=10)
        times.append(time.perf_counter() - t)
    return times


def cold_search(index: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from gazette.cli import main; main()", "search", "告知承诺制",
                    "--index", str(index), "--json"], check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count(), help="ingest --jobs (default: cores)")
    ap.add_argument("--keep", help="build corpus and index here instead of a temporary directory")
    args = ap.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gazette-bench-"))
    corpus, index = base / "corpus", base / "index"
    corpus.mkdir(parents=True, exist_ok=True)
    files, nbytes = build_corpus(args.mb, corpus)
    mb = nbytes / 1e6
    print(f"corpus: {files} files, {mb:.1f} MB of text in {corpus}")
    t_jieba = jieba_seconds(corpus)
    print(f"jieba alone (cut_for_search, one core): {t_jieba:.1f} s = {mb / t_jieba:.2f} MB/s")
    t_ingest, peak, summary = run_ingest(corpus, index, args.jobs)
    docs = summary["documents"]
    size = sum(p.stat().st_size for p in index.iterdir() if p.is_file())
    print(f"ingest (--jobs {args.jobs}): {t_ingest:.1f} s = {mb / t_ingest:.2f} MB/s, {docs / t_ingest:.0f} docs/s "
          f"({docs} documents); {t_ingest / t_jieba:.2f}x jieba's time")
    print(f"peak memory (ingest process tree): {peak / 1e6:.0f} MB")
    print(f"index size: {size / 1e6:.1f} MB ({size / nbytes:.2f}x the text)")
    lat = sorted(search_latencies(index))
    med, p95 = statistics.median(lat), lat[int(0.95 * len(lat)) - 1]
    per_mb = t_jieba / mb
    print(f"search (50 queries, 10 hits with snippets): median {med * 1e3:.1f} ms, p95 {p95 * 1e3:.1f} ms, "
          f"max {lat[-1] * 1e3:.1f} ms; = {med / per_mb:.3f} / {p95 / per_mb:.3f} of jieba's time per MB")
    print(f"cold `gazette search` process: {cold_search(index):.2f} s wall")


if __name__ == "__main__":
    main()
