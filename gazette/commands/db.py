"""`gazette db init | upgrade | status`: the schema of a shared archive in PostgreSQL."""
from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from ..cli import app, out, print_json
from ..errors import EXIT_OK, UsageError

db_app = typer.Typer(help="Create and upgrade a shared archive in PostgreSQL (see `gazette db init -h`).",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")

DbOpt = Annotated[Optional[str], typer.Option("--db", help="postgresql://user@host/database (default: $GAZETTE_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _url(db: str | None) -> str:
    from ..index.engine import DB_ENV, is_url

    url = db or os.environ.get(DB_ENV)
    if not url:
        raise UsageError("no database given", hint=f"pass --db postgresql://user@host/database or set {DB_ENV}")
    if not is_url(url):
        raise UsageError(f"--db {url!r} is not a PostgreSQL URL", hint="e.g. --db postgresql://user@host/gazette")
    return url


def _report(result: dict, json_: bool) -> int:
    if json_:
        print_json(result)
    elif result["applied"]:
        out.print(f"{result['database']}: schema version {result['from']} → {result['to']} "
                  f"({', '.join(result['applied'])})", highlight=False, markup=False)
    else:
        out.print(f"{result['database']}: schema version {result['to']}, up to date", highlight=False, markup=False)
    return EXIT_OK


@db_app.command("init")
def init_cmd(db: DbOpt = None, json_: JsonOpt = False) -> int:
    """Create the archive (schema `gazette`, roles gazette_writer and gazette_reader) in a database."""
    from ..pg.migrate import apply

    return _report(apply(_url(db), create=True), json_)


@db_app.command("upgrade")
def upgrade_cmd(db: DbOpt = None, json_: JsonOpt = False) -> int:
    """Apply the schema migrations the archive has not had yet."""
    from ..pg.migrate import apply

    return _report(apply(_url(db), create=False), json_)


@db_app.command("status")
def status_cmd(db: DbOpt = None, json_: JsonOpt = False) -> int:
    """The archive's schema version and the migrations still to apply."""
    from ..pg.migrate import status

    result = status(_url(db))
    if json_:
        print_json(result)
    elif result["version"] is None:
        out.print(f"{result['database']}: no gazette archive (gazette db init)", highlight=False, markup=False)
    else:
        pending = ", ".join(result["pending"]) or "none"
        out.print(f"{result['database']}: schema version {result['version']} of {result['latest']}; "
                  f"pending: {pending}", highlight=False, markup=False)
    return EXIT_OK
