"""Connecting to the archive: the driver (psycopg 3, an optional extra), the URL shown without
its password, and the check that the database holds a gazette archive of this version.

Every statement is parameterised: values travel apart from the SQL text; the only names
composed into SQL are the constant column names of `gazette.pg` itself.
"""
from __future__ import annotations

from contextlib import contextmanager

from ..errors import IndexProblem, OutputError, UsageError

SCHEMA = "gazette"


def driver():
    """The psycopg module; a usage error saying how to install it if it is missing."""
    try:
        import psycopg
    except ImportError:
        raise UsageError("the PostgreSQL engine needs the psycopg driver",
                         hint="pip install 'gazette[postgres]'") from None
    return psycopg


def shown(url: str) -> str:
    """The URL without its password (for messages and output)."""
    import re

    url = re.sub(r"(?<=://)([^:/@?]*):[^@/?]*@", r"\1:***@", url)
    return re.sub(r"(?i)(password=)[^&\s]*", r"\1***", url)


def connect(url: str, *, autocommit: bool = False, check: bool = True):
    """A connection to the archive at `url` (search_path set to its schema).  A server that
    cannot be reached, refused credentials or a missing database are an IndexProblem (exit 3);
    with `check`, so is a database without the archive or with another schema version."""
    psycopg = driver()
    try:
        conn = psycopg.connect(url, autocommit=autocommit, connect_timeout=10,
                               application_name="gazette")
    except psycopg.Error as e:
        raise IndexProblem(f"cannot connect to the database ({_first_line(e)})", path=shown(url),
                           hint="check the URL, that the server runs and that the user may log in") from None
    except Exception as e:  # noqa: BLE001  a malformed URL
        raise UsageError(f"{shown(url)} is not a database URL psycopg can read ({_first_line(e)})",
                         hint="e.g. postgresql://user@host:5432/gazette") from None
    try:
        with translated(url), conn.cursor() as cur:
            cur.execute("SELECT set_config('search_path', %s, false)", [SCHEMA])
            # the GIN index, never a scan of every document's lexemes: a common string's
            # candidates come from the index in a millisecond, a sequential scan reads every
            # document's tsvector (the planner misjudges what testing a tsvector costs)
            # (and no JIT: that penalty makes every plan look dear enough to compile, 0.2 s)
            cur.execute("SELECT set_config('enable_seqscan', 'off', false), set_config('jit', 'off', false)")
        if not autocommit:
            conn.commit()
        if check:
            from .migrate import check_version

            with translated(url):
                check_version(conn, url)
    except BaseException:
        conn.close()
        raise
    return conn


_READERS: dict[str, object] = {}  # URL → the connection this process reads the archive with


@contextmanager
def session(url: str):
    """This process's reading connection to the archive, kept for the next call like the
    Whoosh engine's searcher (its schema version checked again each time); database errors
    become gazette errors.  Each call ends its transaction, so no snapshot outlives it."""
    conn = _READERS.pop(url, None)
    if conn is None or conn.closed or conn.broken:
        conn = connect(url)
        kept = False
    else:
        kept = True
    try:
        with translated(url):
            if kept:
                from .migrate import check_version

                check_version(conn, url)  # upgraded meanwhile?
            yield conn
            conn.rollback()
    except BaseException:
        conn.close()
        raise
    _READERS[url] = conn  # kept only if this call went well


@contextmanager
def translated(url: str, write: bool = False):
    """Database errors as gazette errors: a refused write (a read-only role) exits 74, a
    refused read, a lost connection or a damaged archive 3."""
    psycopg = driver()
    try:
        yield
    except psycopg.errors.InsufficientPrivilege as e:
        if write:
            raise OutputError(f"the database refused: {_first_line(e)}", path=shown(url),
                              hint="connect as a role that may write (a member of gazette_writer)") from None
        raise IndexProblem(f"the database refused: {_first_line(e)}", path=shown(url),
                           hint="connect as a role that may read the archive (a member of gazette_reader)") from None
    except psycopg.errors.UndefinedTable as e:
        raise IndexProblem(f"the archive is incomplete ({_first_line(e)})", path=shown(url),
                           hint="run `gazette db upgrade --db URL` as the archive's owner") from None
    except psycopg.errors.ReadOnlySqlTransaction as e:
        raise OutputError(f"the database is read-only ({_first_line(e)})", path=shown(url),
                          hint="ingest into the primary server, not a read replica") from None
    except psycopg.OperationalError as e:
        raise IndexProblem(f"the database connection failed ({_first_line(e)})", path=shown(url),
                           hint="check that the server runs, then retry") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
