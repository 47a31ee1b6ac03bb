"""Ingest: idempotence, replacement, removal, the lock, interruption, bad files."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import gazette
from gazette.cli import run
from gazette.index import list_issues

from index_helpers import cli_json, write_bulletin

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def idx(tmp_path) -> str:
    return str(tmp_path / "idx")


def toc_files(idx: str) -> list[str]:
    return sorted(p.name for p in Path(idx).iterdir() if p.suffix == ".toc")


def test_reingesting_the_same_file_is_unchanged_and_writes_nothing(tmp_path, idx, capsys):
    f = write_bulletin(tmp_path, "a.txt", "垃圾分类")
    code, first = cli_json(capsys, "ingest", str(f), "--index", idx)
    assert code == 0 and first["files"][0]["status"] == "added"
    before = toc_files(idx)
    code, again = cli_json(capsys, "ingest", str(f), "--index", idx)
    assert code == 0 and again["files"][0]["status"] == "unchanged"
    assert again["summary"]["documents"] == 0
    assert toc_files(idx) == before  # no new commit
    assert len(list_issues(idx)) == 1


def test_a_changed_file_replaces_its_previous_version(tmp_path, idx, capsys):
    f = write_bulletin(tmp_path, "a.txt", "垃圾分类")
    cli_json(capsys, "ingest", str(f), "--index", idx)
    old_key = list_issues(idx)[0]["key"]
    write_bulletin(tmp_path, "a.txt", "河长制")
    code, res = cli_json(capsys, "ingest", str(f), "--index", idx)
    assert code == 0 and res["files"][0]["status"] == "replaced"
    issues = list_issues(idx)
    assert len(issues) == 1 and issues[0]["key"] != old_key
    assert cli_json(capsys, "search", "垃圾分类", "--index", idx)[1]["total"] == 0
    assert cli_json(capsys, "search", "河长制", "--index", idx)[1]["total"] >= 1


def test_remove_by_key_prefix_and_by_path(tmp_path, idx, capsys):
    a = write_bulletin(tmp_path, "a.txt", "垃圾分类")
    b = write_bulletin(tmp_path, "b.txt", "河长制")
    cli_json(capsys, "ingest", str(a), str(b), "--index", idx)
    key_a = next(i["key"] for i in list_issues(idx) if i["path"].endswith("a.txt"))
    code, res = cli_json(capsys, "remove", key_a[:10], "--index", idx)
    assert code == 0 and res["key"] == key_a and res["documents"] >= 1
    assert cli_json(capsys, "search", "垃圾分类", "--index", idx)[1]["total"] == 0
    code, _ = cli_json(capsys, "remove", str(b), "--index", idx)
    assert code == 0 and list_issues(idx) == []
    assert run(["remove", "ffff", "--index", idx]) == 2  # nothing matches: a usage error
    # a removed file ingested again is added again (not taken for `unchanged`)
    code, again = cli_json(capsys, "ingest", str(a), "--index", idx)
    assert again["files"][0]["status"] == "added" and len(list_issues(idx)) == 1


def test_a_second_writer_waits_for_the_lock_then_errors_clearly(tmp_path, idx, capsys):
    f = write_bulletin(tmp_path, "a.txt", "垃圾分类")
    cli_json(capsys, "ingest", str(f), "--index", idx)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from whoosh import index; "
         "w = index.open_dir(sys.argv[1], indexname='gazette').writer(); "
         "print('locked', flush=True); time.sleep(30)", idx],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        g = write_bulletin(tmp_path, "b.txt", "河长制")
        start = time.monotonic()
        code = run(["ingest", str(g), "--index", idx, "--lock-timeout", "1"])
        waited = time.monotonic() - start
        assert code == 3
        assert waited >= 0.9
        assert "locked by another writer" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    # the lock dies with its holder: the next writer gets in
    assert run(["ingest", str(tmp_path / "b.txt"), "--index", idx]) == 0


def test_bad_files_are_reported_and_skipped(tmp_path, idx, capsys):
    good = write_bulletin(tmp_path, "good.txt", "垃圾分类")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    capsys.readouterr()
    code = run(["ingest", str(tmp_path), "--index", idx])
    err = capsys.readouterr().err
    assert code == 1
    bad_lines = [l for l in err.splitlines() if l.startswith("error:")]
    assert len(bad_lines) == 2
    assert any("empty.txt" in l for l in bad_lines) and any("binary.txt" in l for l in bad_lines)
    assert "Traceback" not in err
    assert [i["path"] for i in list_issues(idx)] == [str(good.resolve())]
    # nothing readable at all: exit 2
    assert run(["ingest", str(tmp_path / "empty.txt"), "--index", str(tmp_path / "idx2")]) == 2


def _distinct_copies(tmp_path: Path, n: int) -> list[Path]:
    """n distinct bulletins, each a real sample with its own last line (over 1 MB in all, so
    ingest uses its worker processes)."""
    text = (ROOT / "samples" / "yanzhou-2021-03-04.txt").read_text(encoding="utf-8")
    out = []
    for i in range(n):
        p = tmp_path / f"copy{i:02d}.txt"
        p.write_text(text + f"\n（第{i}份副本）\n", encoding="utf-8")
        out.append(p)
    return out


def _committed(idx: str) -> bool:
    """Generation 1 or later exists: at least one batch was committed."""
    return Path(idx).is_dir() and any(p.suffix == ".toc" and p.name != "_gazette_0.toc"
                                      for p in Path(idx).iterdir())


def _wait_for_commit(idx: str, proc, timeout: float = 60) -> None:
    until = time.monotonic() + timeout
    while time.monotonic() < until and proc.poll() is None and not _committed(idx):
        time.sleep(0.1)
    if not _committed(idx):
        pytest.fail("no commit appeared before the ingest ended")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_ingest_leaves_only_whole_issues(tmp_path, idx, sig):
    files = _distinct_copies(tmp_path, 9)
    expected = len(gazette.parse(files[0]).documents)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from gazette.cli import main; main()", "ingest", *map(str, files),
         "--index", idx, "--batch", "1", "--jobs", "2", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        _wait_for_commit(idx, proc)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    issues = list_issues(idx)
    finished_first = proc.returncode == 0 and len(issues) == len(files)  # a very fast machine
    if sig == signal.SIGINT and not finished_first:
        assert proc.returncode == 130 and b"Traceback" not in err
    assert 1 <= len(issues) <= len(files)
    assert all(i["documents"] == expected for i in issues)  # no half issue
    # search works, and the lock did not outlive the process: a writer gets in at once
    assert run(["search", "告知承诺制", "--index", idx]) == 0
    last = [str(f) for f in files if str(f.resolve()) not in {i["path"] for i in issues}][-1:] or [str(files[0])]
    assert run(["ingest", *last, "--index", idx, "--lock-timeout", "1"]) == 0


TOPICS = ["垃圾分类", "河长制", "自备井", "家政服务", "慢性病防控", "告知承诺制", "爱国卫生", "营商环境",
          "安全生产", "食品安全", "政务公开", "乡村振兴"]


def test_many_commits_merge_into_few_segments_and_lose_nothing(tmp_path, idx, capsys):
    from gazette.index.bulkwriter import MAX_SEGMENTS

    files = [write_bulletin(tmp_path, f"b{i:02d}.txt", t, serial=i + 1) for i, t in enumerate(TOPICS)]
    assert cli_json(capsys, "ingest", *map(str, files), "--index", idx, "--batch", "1", "-j", "1")[0] == 0
    for f in files[:2]:
        assert cli_json(capsys, "remove", str(f), "--index", idx)[0] == 0
    assert len(list(Path(idx).glob("*.seg"))) <= MAX_SEGMENTS
    for i, topic in enumerate(TOPICS):
        code, res = cli_json(capsys, "search", topic, "--index", idx)
        assert code == 0 and res["total"] == (0 if i < 2 else 1), topic
        assert all(topic in h["title"] for h in res["hits"])
    assert cli_json(capsys, "search", "工作方案", "--index", idx)[1]["total"] == len(TOPICS) - 2


def test_the_writer_of_a_new_index_reads_its_segments_without_copying_them(tmp_path, idx):
    """A new index's writer reads the segments it has committed (deleting a replaced issue,
    merging); Whoosh's own reading copied each segment's files, so the writer's memory grew
    with the index.  A fresh process: the reading is set up once per process."""
    files = _distinct_copies(tmp_path, 2)
    code = ("import sys; from whoosh import index; from gazette.index import ingest; "
            "from gazette.index.mapped import MappedFile\n"
            "ingest(sys.argv[2:], sys.argv[1], jobs=1, batch_documents=1)\n"
            "reader = index.open_dir(sys.argv[1], indexname='gazette').reader()  # as the writer opens them\n"
            "files = [r._terms._dbfile for r, _ in reader.leaf_readers()]\n"
            "print(len(files), all(isinstance(f, MappedFile) for f in files))")
    out = subprocess.run([sys.executable, "-c", code, idx, *map(str, files)], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["2", "True"]
