"""Shared test fixtures: the real sample bulletins under samples/."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = SAMPLES / "gold"
TXT_SAMPLES = sorted(p.name for p in SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def parsed():
    """parsed(name) -> Issue, cached per session (the real parser on the real sample)."""
    import gazette

    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = gazette.parse(SAMPLES / name)
        return cache[name]

    return get


# ------------------------------------------------------------------ PostgreSQL
# The archive tests need a server: `.ci/run` starts a throwaway one and exports its URL in
# GAZETTE_TEST_DB (and GAZETTE_TEST_DB_REQUIRED=1, which turns a skip into a failure: in CI
# they must run).  Each test module gets its own database, dropped afterwards.

PG_ENV, PG_REQUIRED_ENV = "GAZETTE_TEST_DB", "GAZETTE_TEST_DB_REQUIRED"


def _no_server(reason: str):
    import os

    if os.environ.get(PG_REQUIRED_ENV):
        pytest.fail(f"PostgreSQL tests cannot run: {reason} ({PG_REQUIRED_ENV} is set)", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of a PostgreSQL server the tests may create databases on (a superuser)."""
    import os

    url = os.environ.get(PG_ENV)
    if not url:
        _no_server(f"no server (set {PG_ENV}=postgresql://…, or run .ci/run)")
    try:
        import psycopg
    except ImportError:
        _no_server("psycopg is not installed (pip install -e '.[test]')")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as e:
        _no_server(f"cannot connect to {url}: {e}")
    return url


def database_url(server: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(server)
    return urlunsplit(parts._replace(path="/" + name))


@pytest.fixture(scope="session")
def new_database(pg_server):
    """new_database(init=True) -> the URL of a fresh database (with the archive created)."""
    import uuid

    import psycopg

    made = []

    def make(init: bool = True) -> str:
        name = f"gazette_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        made.append(name)
        url = database_url(pg_server, name)
        if init:
            from gazette.pg.migrate import apply

            apply(url, create=True)
        return url

    yield make
    with psycopg.connect(pg_server, autocommit=True) as conn:
        for name in made:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["whoosh", "postgresql"])
def engine_args(request, tmp_path) -> list[str]:
    """`--index DIR` or `--db URL` of an empty index of either engine (the same tests on both)."""
    if request.param == "whoosh":
        return ["--index", str(tmp_path / "idx")]
    return ["--db", request.getfixturevalue("new_database")()]
