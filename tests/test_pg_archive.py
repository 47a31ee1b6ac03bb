"""The PostgreSQL archive: migrations, provenance and warnings in SQL, no-op re-ingest, four
ingests at once, kill -9 mid-ingest, hostile queries and file names, the two roles, and the
errors of a missing driver or server.  Against a real server (see conftest: GAZETTE_TEST_DB)."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import gazette
from gazette.cli import run

from conftest import ROOT, SAMPLES, database_url
from index_helpers import cli_json, write_bulletin


def sql(url: str, query: str, params=()) -> list[tuple]:
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("SET search_path = gazette")
        return conn.execute(query, params).fetchall()


def gazette_proc(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "gazette", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


@pytest.fixture
def db(new_database) -> str:
    return new_database()


def test_db_init_upgrade_status_and_versions(new_database, capsys, tmp_path, monkeypatch):
    url = new_database(init=False)
    capsys.readouterr()
    assert run(["search", "卫生", "--db", url]) == 3
    err = capsys.readouterr().err
    assert "holds no gazette archive" in err and "gazette db init" in err
    code, status = cli_json(capsys, "db", "status", "--db", url)
    assert code == 0 and status["version"] is None and status["pending"] == ["0001_archive"]
    assert run(["db", "upgrade", "--db", url]) == 3  # nothing to upgrade: init first
    code, res = cli_json(capsys, "db", "init", "--db", url)
    assert code == 0 and res["from"] == 0 and res["applied"] == ["0001_archive"]
    code, res = cli_json(capsys, "db", "init", "--db", url)
    assert code == 0 and res["applied"] == []
    assert run(["stats", "--db", url]) == 0
    # a newer migration: upgrade applies it, in order, once
    from gazette.pg import migrate

    extra = tmp_path / "migrations"
    extra.mkdir()
    for p in migrate.MIGRATIONS.glob("*.sql"):
        (extra / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (extra / "0002_notes.sql").write_text("CREATE TABLE notes (doc_id text, note text);\n", encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", extra)
    migrate.migrations.cache_clear()
    try:
        capsys.readouterr()
        assert run(["search", "卫生", "--db", url]) == 3
        assert "db upgrade" in capsys.readouterr().err
        code, res = cli_json(capsys, "db", "upgrade", "--db", url)
        assert code == 0 and res["applied"] == ["0002_notes"] and res["to"] == 2
        assert sql(url, "SELECT version, name FROM schema_migrations ORDER BY version") == [(1, "archive"), (2, "notes")]
    finally:
        monkeypatch.undo()
        migrate.migrations.cache_clear()
    capsys.readouterr()
    assert run(["search", "卫生", "--db", url]) == 3  # the archive is newer than this gazette
    assert "newer" in capsys.readouterr().err


def test_issues_keep_provenance_and_warnings(db, capsys):
    files = [SAMPLES / "yanzhou-2021-03-04.txt", SAMPLES / "jining-gaoxin-2023-5-docx.txt"]
    assert cli_json(capsys, "ingest", *map(str, files), "--db", db)[0] == 0
    for f in files:
        issue = gazette.parse(f).to_dict()
        sha = hashlib.sha256(f.read_bytes()).hexdigest()
        (key, path, fmt, n_docs), = sql(db, "SELECT key, path, format, documents FROM issues WHERE path = %s",
                                        [str(f.resolve())])
        assert key == sha and fmt == "txt" and n_docs == len(issue["documents"])
        docs = sql(db, "SELECT seq, title, doc_number, first_line, last_line, category FROM documents "
                       "WHERE issue_key = %s ORDER BY seq", [key])
        assert [(d["seq"], d["title"], d["doc_number"], d["lines"][0], d["lines"][1], d["category"])
                for d in issue["documents"]] == docs
        warnings = sql(db, "SELECT code, message, line FROM warnings WHERE issue_key = %s ORDER BY n", [key])
        assert warnings == [(w["code"], w["message"], w["line"]) for w in issue["warnings"]]
        for table, field in (("appointments", "appointments"), ("events", "events"), ("citations", "citations")):
            rows = sql(db, f"SELECT count(*) FROM {table} t JOIN documents d ON d.id = t.doc_id "
                           "WHERE d.issue_key = %s", [key])[0][0]
            assert rows == sum(len(d.get(field) or []) for d in issue["documents"]), table
    assert sql(db, "SELECT count(*) FROM warnings")[0][0] >= 1
    people = {p for (p,) in sql(db, "SELECT person FROM appointments WHERE position LIKE %s", ["%副区长%"])}
    assert people and all(people)


def test_reingesting_an_unchanged_file_writes_nothing(db, capsys):
    f = SAMPLES / "jining-gaoxin-2023-03-09.txt"
    assert cli_json(capsys, "ingest", str(f), "--db", db)[0] == 0
    before = sql(db, "SELECT xmin::text, ingested_at FROM issues")
    docs_before = sql(db, "SELECT docid, xmin::text FROM documents ORDER BY docid")
    code, res = cli_json(capsys, "ingest", str(f), "--db", db)
    assert code == 0 and res["files"][0]["status"] == "unchanged"
    assert sql(db, "SELECT xmin::text, ingested_at FROM issues") == before
    assert sql(db, "SELECT docid, xmin::text FROM documents ORDER BY docid") == docs_before


def _copies(tmp_path: Path, n: int) -> list[Path]:
    """n distinct real bulletins (the yanzhou issue, each with its own last line)."""
    text = (SAMPLES / "yanzhou-2021-03-04.txt").read_text(encoding="utf-8")
    out = []
    for i in range(n):
        p = tmp_path / f"copy{i:02d}.txt"
        p.write_text(text + f"\n（第{i}份副本）\n", encoding="utf-8")
        out.append(p)
    return out


def test_four_ingests_at_once_lose_and_duplicate_nothing(db, tmp_path):
    files = _copies(tmp_path, 10)
    expected = len(gazette.parse(files[0]).documents)
    sets = [[0, 1, 2, 3, 8], [2, 3, 4, 5], [4, 5, 6, 7, 9], [6, 7, 0, 1]]  # 0-7 overlap, 8 and 9 do not
    procs = [gazette_proc("ingest", *(str(files[i]) for i in s), "--db", db, "--json", "-j", "1") for s in sets]
    outputs = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        outputs.append(json.loads(out))
    added: dict[str, int] = {}
    for res in outputs:
        for f in res["files"]:
            assert f["status"] in ("added", "unchanged"), f
            added[f["path"]] = added.get(f["path"], 0) + (f["status"] == "added")
    assert sorted(added) == sorted(str(f.resolve()) for f in files)
    assert set(added.values()) == {1}  # each file written by exactly one process
    counts = sql(db, "SELECT i.path, i.documents, count(d.docid), count(DISTINCT d.seq) FROM issues i "
                     "JOIN documents d ON d.issue_key = i.key GROUP BY i.key")
    assert len(counts) == len(files)
    assert all(n == rows == seqs == expected for _, n, rows, seqs in counts)
    assert sql(db, "SELECT count(*) FROM documents")[0][0] == expected * len(files)


def test_kill_9_mid_ingest_leaves_every_committed_issue_whole(db, tmp_path):
    files = _copies(tmp_path, 9)
    expected = len(gazette.parse(files[0]).documents)
    proc = gazette_proc("ingest", *map(str, files), "--db", db, "--jobs", "2", "--json")
    try:
        until = time.monotonic() + 120
        while time.monotonic() < until and proc.poll() is None and not sql(db, "SELECT 1 FROM issues LIMIT 1"):
            time.sleep(0.05)
        assert sql(db, "SELECT 1 FROM issues LIMIT 1"), "no issue was committed before the ingest ended"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    counts = sql(db, "SELECT i.documents, (SELECT count(*) FROM documents d WHERE d.issue_key = i.key), "
                     "(SELECT count(*) FROM appointments a JOIN documents d ON d.id = a.doc_id "
                     " WHERE d.issue_key = i.key) FROM issues i")
    appointments = sum(len(d.appointments) for d in gazette.parse(files[0]).documents)
    assert 1 <= len(counts) <= len(files)
    print(f"killed after {len(counts)} of {len(files)} issues")
    assert all(c == (expected, expected, appointments) for c in counts)  # no half issue
    assert sql(db, "SELECT count(*) FROM documents")[0][0] == expected * len(counts)
    # the same ingest again finishes the rest; the committed ones are unchanged
    proc = gazette_proc("ingest", *map(str, files), "--db", db, "--json", "-j", "1")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    statuses = [f["status"] for f in json.loads(out)["files"]]
    assert statuses.count("unchanged") == len(counts) and statuses.count("added") == len(files) - len(counts)


HOSTILE_QUERIES = ["'; DROP TABLE documents; --", "\\' OR 1=1 --", "%", "_", "title:'%'", 'title:"a\'b"',
                   "id:x'y", "issue:%", "section:;DELETE", "doc_type:' OR ''='", "卫生' OR 'a'='a",
                   "$1 $2 %s %(q)s {0}", "\\x00", "人民政府)) OR ((1=1"]


def test_hostile_queries_and_file_names(db, tmp_path, capsys):
    names = ["a'b.txt", 'say "hi".txt', "semi;colon; DROP TABLE issues;.txt", "back\\slash.txt",
             "100%_done.txt", "$(touch pwned).txt", "tab\tand newline\n.txt"]
    paths = [write_bulletin(tmp_path, n, t, serial=i + 1) for i, (n, t) in
             enumerate(zip(names, ["垃圾分类", "河长制", "自备井", "家政服务", "爱国卫生", "营商环境", "安全生产"]))]
    code, res = cli_json(capsys, "ingest", *map(str, paths), "--db", db)
    assert code == 0 and res["summary"]["added"] == len(paths)
    code, issues = cli_json(capsys, "list", "--db", db)
    assert sorted(i["path"] for i in issues) == sorted(str(p.resolve()) for p in paths)
    assert not (ROOT / "pwned").exists() and not Path("pwned").exists()
    for q in HOSTILE_QUERIES:
        capsys.readouterr()
        code = run(["search", "--db", db, "--json", "--", q])
        out, err = capsys.readouterr()
        assert code in (0, 2), (q, err)
        assert "Traceback" not in err and "internal error" not in err, q
        if code == 0:
            res = json.loads(out)
            assert res["total"] <= len(paths)
    for opt in ("--issuer", "--gazette", "--doc-type", "--category"):
        assert run(["search", "--db", db, opt, "x' OR '1'='1"]) in (0, 2)
    assert gazette.index.search("卫生", db, doc_type="x' OR '1'='1")["total"] == 0
    assert run(["remove", "%", "--db", db]) == 2      # a LIKE wildcard is no prefix of every key
    assert run(["remove", "_", "--db", db]) == 2
    code, removed = cli_json(capsys, "remove", str(paths[4]), "--db", db)  # 100%_done.txt, by path
    assert code == 0 and removed["path"] == str(paths[4].resolve())
    assert sql(db, "SELECT count(*) FROM issues")[0][0] == len(paths) - 1
    assert sql(db, "SELECT count(*) FROM documents")[0][0] == len(paths) - 1
    assert cli_json(capsys, "search", "河长制", "--db", db)[1]["total"] == 1


@pytest.fixture
def role_urls(pg_server, db):
    """(writer URL, reader URL): log-in roles in gazette_writer and gazette_reader."""
    import psycopg

    tag = uuid.uuid4().hex[:8]
    writer, reader = f"gz_writer_{tag}", f"gz_reader_{tag}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {writer} LOGIN IN ROLE gazette_writer")
        conn.execute(f"CREATE ROLE {reader} LOGIN IN ROLE gazette_reader")
    name = db.rsplit("/", 1)[1]
    base = database_url(pg_server, name)
    yield base.replace("://postgres@", f"://{writer}@"), base.replace("://postgres@", f"://{reader}@")
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP ROLE {writer}")
        conn.execute(f"DROP ROLE {reader}")


def test_a_writer_ingests_a_reader_only_reads(role_urls, tmp_path, capsys):
    import psycopg

    writer, reader = role_urls
    f = write_bulletin(tmp_path, "a.txt", "垃圾分类")
    assert cli_json(capsys, "ingest", str(f), "--db", writer)[0] == 0
    code, res = cli_json(capsys, "search", "垃圾分类", "--db", reader)
    assert code == 0 and res["total"] == 1
    assert cli_json(capsys, "stats", "--db", reader)[0] == 0
    g = write_bulletin(tmp_path, "b.txt", "河长制")
    capsys.readouterr()
    assert run(["ingest", str(g), "--db", reader]) == 74
    err = capsys.readouterr().err
    assert "refused" in err and "gazette_writer" in err and "Traceback" not in err
    assert run(["remove", str(f), "--db", reader]) == 74
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(reader, "DELETE FROM documents")
    assert cli_json(capsys, "remove", str(f), "--db", writer)[0] == 0
    assert run(["db", "upgrade", "--db", writer]) == 0  # nothing to apply: no owner's rights needed


def test_without_the_driver_or_the_server_the_error_says_what_to_do(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    assert run(["search", "卫生", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 2
    assert "pip install 'gazette[postgres]'" in capsys.readouterr().err
    monkeypatch.undo()
    pytest.importorskip("psycopg")
    assert run(["search", "卫生", "--db", "postgresql://nobody:secret@127.0.0.1:1/none"]) == 3
    err = capsys.readouterr().err
    assert "cannot connect" in err and "secret" not in err
    assert run(["search", "卫生", "--db", "mysql://x"]) == 2
    assert run(["search", "卫生", "--db", "postgresql://x", "--index", "/tmp/x"]) == 2


def test_gazette_db_env_chooses_the_archive(db, tmp_path, capsys, monkeypatch):
    f = write_bulletin(tmp_path, "a.txt", "垃圾分类")
    monkeypatch.setenv("GAZETTE_DB", db)
    monkeypatch.setenv("GAZETTE_INDEX", str(tmp_path / "not-used"))
    assert cli_json(capsys, "ingest", str(f))[1]["index"] == db
    assert cli_json(capsys, "search", "垃圾分类")[1]["total"] == 1
    assert not (tmp_path / "not-used").exists()
    code, stats = cli_json(capsys, "stats")
    assert stats["engine"] == "postgresql" and stats["documents"] == 1
    # --index still chooses a Whoosh index
    assert run(["ingest", str(f), "--index", str(tmp_path / "idx")]) == 0
    assert (tmp_path / "idx" / "gazette-index.json").exists()


def test_validate_against_an_archive(db, tmp_path, capsys):
    published = SAMPLES / "yanzhou-2021-03-04.txt"
    assert cli_json(capsys, "ingest", str(published), "--db", db)[0] == 0
    again = _copies(tmp_path, 1)[0]  # the same issue once more, as a new file
    capsys.readouterr()
    code = run(["validate", str(again), "--against", db, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and any(f["code"] == "S005" for f in report["files"][0]["findings"])  # numbers already published


def test_the_roles_get_their_rights_at_every_upgrade(pg_server, capsys):
    """An archive made by an owner who cannot create roles, before the reader role had its
    rights (revoked here): the next `db upgrade` grants them."""
    import psycopg

    tag = uuid.uuid4().hex[:8]
    with psycopg.connect(pg_server, autocommit=True) as conn:  # a role that cannot create roles owns it
        conn.execute(f"CREATE ROLE gz_owner_{tag} LOGIN")
        conn.execute(f"CREATE DATABASE gz_owned_{tag} OWNER gz_owner_{tag}")
    owned = database_url(pg_server, f"gz_owned_{tag}")
    owner = owned.replace("://postgres@", f"://gz_owner_{tag}@")
    reader = owned.replace("://postgres@", f"://gz_reader_{tag}@")
    try:
        assert run(["db", "init", "--db", owner]) == 0
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"CREATE ROLE gz_reader_{tag} LOGIN IN ROLE gazette_reader")
        with psycopg.connect(owner, autocommit=True) as conn:
            conn.execute("REVOKE ALL ON ALL TABLES IN SCHEMA gazette FROM gazette_reader")
            conn.execute("REVOKE ALL ON SCHEMA gazette FROM gazette_reader")
        assert run(["stats", "--db", reader]) == 3  # (no rights: the archive is not even visible)
        assert run(["db", "upgrade", "--db", owner]) == 0
        capsys.readouterr()
        assert run(["stats", "--db", reader, "--json"]) == 0
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS gz_owned_{tag} WITH (FORCE)")
            conn.execute(f"DROP ROLE IF EXISTS gz_reader_{tag}")
            conn.execute(f"DROP ROLE IF EXISTS gz_owner_{tag}")
