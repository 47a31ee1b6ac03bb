"""The PostgreSQL archive beside the Whoosh index (a script, not a test): ingest with one and
with two concurrent writers, search latency, size — both engines in the same run.

    python benchmarks/archive_bench.py --db postgresql://owner@host/postgres [--mb 20,80] [--keep DIR]

`--db` names a server where the script may create databases (each run makes and drops its own).
For each size it builds that many MB of gazette text from the TXT samples (as
`index_bench.py`: each copy with its own document numbers and dates), then, on each engine:

* one writer: `gazette ingest CORPUS --jobs 2` in a fresh process;
* two writers: two `gazette ingest --jobs 1` processes at once, on the two halves of the corpus
  (into a new index or database) — the Whoosh index takes one writer at a time (the second
  waits for the lock between the first's commits), the archive takes both;
* search: `index_bench.QUERIES` (50 queries, 10 hits with snippets, totals, copies collapsed)
  in a warm process, best of 2 per query: p50, p95;
* size: the index directory; the archive's tables and indexes (`pg_total_relation_size`).

Rerun on an idle machine for clean figures: the two engines share the two cores with the
server, so every figure is read beside the other engine's from the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from index_bench import QUERIES, build_corpus, pct  # noqa: E402

GAZETTE = [sys.executable, "-c", "from gazette.cli import main; main()"]


def children_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ingest(target: list[str], parts: list[list[str]], jobs: int) -> tuple[float, int]:
    """Wall seconds of `gazette ingest` processes run at once (one per part), and the documents written."""
    start = time.perf_counter()
    procs = [subprocess.Popen(GAZETTE + ["ingest", *files, *target, "--json", "--jobs", str(jobs),
                                         "--lock-timeout", "100000"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for files in parts]
    docs = 0
    for p in procs:
        out, err = p.communicate()
        if p.returncode != 0:
            sys.exit(f"ingest failed ({p.returncode}): {err[-2000:]}")
        docs += json.loads(out)["summary"]["documents"]
    return time.perf_counter() - start, docs


def latencies(target: str) -> list[float]:
    """Seconds per query (warm process, 10 hits with snippets, best of 2), sorted."""
    code = ("import sys, json, time; from gazette.index import search; t = sys.argv[1]; "
            "qs = json.loads(sys.argv[2]); search('预热', t); best = {}\n"
            "for rep in range(2):\n"
            "    for q in qs:\n"
            "        s = time.perf_counter(); search(q, t, limit=10); "
            "best[q] = min(best.get(q, 9e9), time.perf_counter() - s)\n"
            "print(json.dumps(sorted(best.values())))")
    out = subprocess.run([sys.executable, "-c", code, target, json.dumps(QUERIES)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


class Server:
    """Databases made (and dropped) on the server for this run, and the server's CPU time."""

    def __init__(self, url: str):
        import psycopg

        self.url, self.psycopg, self.made = url, psycopg, []
        with psycopg.connect(url) as conn:
            backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        self.postmaster = int(_stat(backend)[1])  # (the server must run on this machine)

    def cpu(self) -> float:
        """CPU seconds of the server's processes so far (exited backends are in the postmaster's
        children's time)."""
        ticks = 0
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    st = _stat(int(d))
                except (OSError, IndexError):
                    continue
                if int(d) == self.postmaster:
                    ticks += sum(int(x) for x in st[11:15])
                elif int(st[1]) == self.postmaster:
                    ticks += int(st[11]) + int(st[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def new(self) -> str:
        from urllib.parse import urlsplit, urlunsplit

        from gazette.pg.migrate import apply

        name = f"gazette_bench_{uuid.uuid4().hex[:8]}"
        with self.psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        self.made.append(name)
        url = urlunsplit(urlsplit(self.url)._replace(path="/" + name))
        apply(url, create=True)
        return url

    def size(self, url: str) -> int:
        with self.psycopg.connect(url) as conn:
            return int(conn.execute("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                                "ON n.oid = c.relnamespace WHERE n.nspname = 'gazette' AND c.relkind = 'r'"
                                ).fetchone()[0])

    def vacuum(self, url: str) -> None:
        with self.psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE gazette.documents")
            conn.execute("VACUUM ANALYZE gazette.issues")

    def drop_all(self) -> None:
        with self.psycopg.connect(self.url, autocommit=True) as conn:
            for name in self.made:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="a PostgreSQL server URL where databases may be created")
    ap.add_argument("--mb", default="20,80", help="corpus sizes in MB, comma-separated (default 20,80)")
    ap.add_argument("--keep", help="build corpora and indexes here instead of a temporary directory")
    args = ap.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gazette-archive-bench-"))
    server = Server(args.db)
    with server.psycopg.connect(args.db) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        settings = dict(conn.execute("SELECT name, setting FROM pg_settings WHERE name IN "
                                     "('shared_buffers', 'fsync', 'synchronous_commit')").fetchall())
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; Python {sys.version.split()[0]}; "
          f"PostgreSQL {version} ({settings})")
    try:
        for size in (float(x) for x in args.mb.split(",")):
            corpus = base / f"corpus{size:g}"
            corpus.mkdir(parents=True, exist_ok=True)
            files, nbytes = build_corpus(size, corpus)
            mb = nbytes / 1e6
            paths = sorted(str(p) for p in corpus.glob("*.txt"))
            halves = [paths[0::2], paths[1::2]]
            print(f"{mb:.1f} MB, {files} files:")
            targets = {}
            for writers in (1, 2):  # the engines one after the other at each step (the load drifts)
                for engine in ("whoosh", "postgresql"):
                    if engine == "whoosh":
                        where = base / f"index{size:g}-{writers}"
                        shutil.rmtree(where, ignore_errors=True)
                        target, opt = str(where), ["--index", str(where)]
                    else:
                        target = server.new()
                        opt = ["--db", target]
                    cpu, server_cpu, load = children_cpu(), server.cpu(), os.getloadavg()[0]
                    seconds, docs = ingest(opt, [paths] if writers == 1 else halves, 2 if writers == 1 else 1)
                    cpu, server_cpu = children_cpu() - cpu, server.cpu() - server_cpu
                    what = "one writer (--jobs 2)" if writers == 1 else "two writers (--jobs 1 each)"
                    extra = f" + {server_cpu / mb:.2f} in the server" if engine == "postgresql" else ""
                    print(f"  {engine:<10} ingest, {what}: {mb / seconds:.2f} MB/s ({seconds:.0f} s, {docs} documents); "
                          f"CPU {cpu / mb:.2f} s/MB in gazette's processes{extra}; load average {load:.1f}")
                    sys.stdout.flush()
                    if writers == 1:
                        targets[engine] = target
            server.vacuum(targets["postgresql"])
            for engine, target in targets.items():
                server_cpu = server.cpu()
                lat = latencies(target)
                srv = (server.cpu() - server_cpu) / (2 * len(QUERIES) + 1)
                disk = dir_size(Path(target)) if engine == "whoosh" else server.size(target)
                extra = f" (the server's CPU: {srv * 1e3:.1f} ms a query)" if engine == "postgresql" else ""
                print(f"  {engine:<10} search p50 {statistics.median(lat) * 1e3:.1f} ms, p95 {pct(lat, .95) * 1e3:.1f} ms, "
                      f"max {lat[-1] * 1e3:.0f} ms{extra}; size {disk / 1e6:.1f} MB")
                sys.stdout.flush()
    finally:
        server.drop_all()


if __name__ == "__main__":
    main()
