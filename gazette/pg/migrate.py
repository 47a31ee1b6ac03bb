"""Versioned schema migrations: `migrations/NNNN_name.sql`, applied in order, each recorded in
`gazette.schema_migrations`.  `gazette db init` creates the archive (schema `gazette`) and
applies them all; `gazette db upgrade` applies the ones a database has not had yet.  Both run
in one transaction under an advisory lock, so two at once cannot interleave and a failure
leaves the database as it was.  Other commands refuse an archive of another version (exit 3).
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from ..errors import IndexProblem
from .connection import SCHEMA, connect, shown, translated

MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK = 0x6761_7a65_7474_65  # pg_advisory_xact_lock key of migrations ("gazette")
# the two roles' rights, granted by the owner at every init or upgrade (so also on tables a
# migration adds, and to roles created after the archive)
GRANTS = """
DO $$
BEGIN
    IF NOT pg_has_role((SELECT nspowner FROM pg_namespace WHERE nspname = 'gazette'), 'USAGE') THEN
        RETURN;  -- only the archive's owner grants
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'gazette_reader') THEN
        GRANT USAGE ON SCHEMA gazette TO gazette_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA gazette TO gazette_reader;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'gazette_writer') THEN
        GRANT USAGE ON SCHEMA gazette TO gazette_writer;
        GRANT SELECT ON ALL TABLES IN SCHEMA gazette TO gazette_writer;
        GRANT INSERT, UPDATE, DELETE ON issues, warnings, documents, appointments, events, citations
            TO gazette_writer;
    END IF;
END
$$;
"""


@lru_cache(maxsize=1)
def migrations() -> tuple[tuple[int, str, str], ...]:
    """(version, name, SQL) of every migration, in order."""
    out = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        m = re.fullmatch(r"(\d{4})_(\w+)\.sql", path.name)
        if m:
            out.append((int(m[1]), m[2], path.read_text(encoding="utf-8")))
    return tuple(out)


def latest() -> int:
    return migrations()[-1][0]


def current(cur) -> int | None:
    """The archive's schema version; None if the database has no archive."""
    cur.execute("SELECT to_regclass(%s)", [f"{SCHEMA}.schema_migrations"])
    if cur.fetchone()[0] is None:
        return None
    cur.execute(f"SELECT coalesce(max(version), 0) FROM {SCHEMA}.schema_migrations")
    return cur.fetchone()[0]


def check_version(conn, url: str) -> int:
    """The archive's version if it is the one this gazette reads, else an IndexProblem."""
    with conn.cursor() as cur:
        version = current(cur)
    conn.rollback()
    if version is None:
        raise IndexProblem("the database holds no gazette archive", path=shown(url),
                           hint="create it first: gazette db init --db URL (as the database's owner)")
    if version < latest():
        raise IndexProblem(f"the archive has schema version {version}, this gazette reads version {latest()}",
                           path=shown(url), hint="upgrade it: gazette db upgrade --db URL (as its owner)")
    if version > latest():
        raise IndexProblem(f"the archive has schema version {version}, newer than this gazette's {latest()}",
                           path=shown(url), hint="install a newer gazette")
    return version


def apply(url: str, *, create: bool) -> dict:
    """Apply the pending migrations (`create`: make the archive if there is none).
    Returns {"database", "from", "to", "applied": [names]}."""
    from ..index.segment import default_segmenter

    conn = connect(url, check=False)
    try:
        with translated(url, write=True), conn.transaction(), conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
            before = current(cur)
            if before is None:
                if not create:
                    raise IndexProblem("the database holds no gazette archive", path=shown(url),
                                       hint="create it: gazette db init --db URL")
                cur.execute("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = %s", [SCHEMA])
                if cur.fetchone()[0]:
                    raise IndexProblem(f"the database has a schema {SCHEMA!r} that is not a gazette archive",
                                       path=shown(url), hint="use another database")
                cur.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
                cur.execute(f"CREATE TABLE {SCHEMA}.schema_migrations (version integer PRIMARY KEY, "
                            "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
                before = 0
            applied = []
            for version, name, sql in migrations():
                if version > before:
                    cur.execute(sql)
                    cur.execute(f"INSERT INTO {SCHEMA}.schema_migrations (version, name) VALUES (%s, %s)",
                                [version, name])
                    applied.append(f"{version:04d}_{name}")
            cur.execute(GRANTS)
            if before == 0:
                cur.execute(f"INSERT INTO {SCHEMA}.settings (name, value) VALUES (%s, %s), (%s, %s) "
                            "ON CONFLICT (name) DO NOTHING",
                            ["segmenter", default_segmenter(),
                             "created", datetime.now(timezone.utc).isoformat(timespec="seconds")])
        if before is not None and before > latest():
            raise IndexProblem(f"the archive has schema version {before}, newer than this gazette's {latest()}",
                               path=shown(url), hint="install a newer gazette")
        return {"database": shown(url), "from": before, "to": max(before, latest()), "applied": applied}
    finally:
        conn.close()


def status(url: str) -> dict:
    """{"database", "version", "latest", "pending": [names]} (version None: no archive)."""
    conn = connect(url, check=False)
    try:
        with translated(url), conn.cursor() as cur:
            version = current(cur)
    finally:
        conn.close()
    pending = [f"{v:04d}_{n}" for v, n, _ in migrations() if v > (version or 0)]
    return {"database": shown(url), "version": version, "latest": latest(), "pending": pending}
