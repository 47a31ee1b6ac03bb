"""Reading and removing issues in the archive: list, show, remove, stats (the Whoosh engine's
`store` and `manage`, in SQL)."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError
from ..index import docnumber
from ..index.results import DOC_ID
from .search import STORED_COLUMNS, stored_document

GAZETTE_KEYS = ("name", "publisher", "year", "issue", "total_issue", "published")


def list_issues(conn) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute("SELECT i.key, i.path, i.format, i.gazette, count(d.docid), "
                    "coalesce(array_agg(d.doc_number ORDER BY d.seq) FILTER (WHERE d.doc_number <> ''), '{}') "
                    "FROM issues i JOIN documents d ON d.issue_key = i.key "
                    "GROUP BY i.key ORDER BY i.path, i.key")
        rows = cur.fetchall()
    conn.rollback()
    return [{"key": key, "path": path, "format": fmt,
             "gazette": {k: (gazette or {}).get(k) for k in GAZETTE_KEYS},
             "documents": count, "doc_numbers": list(numbers)}
            for key, path, fmt, gazette, count, numbers in rows]


def get_documents(conn, ref: str) -> list[dict]:
    """Documents named by an id (`KEY:SEQ`, KEY may be a prefix) or a document number
    (`manage.get_documents`)."""
    ref = (ref or "").strip()
    with conn.cursor() as cur:
        m = DOC_ID.fullmatch(ref)
        if m:
            cur.execute(f"SELECT {STORED_COLUMNS} FROM documents d JOIN issues i ON i.key = d.issue_key "
                        "WHERE d.issue_key LIKE %s AND d.seq = %s ORDER BY d.path, d.id",
                        [m["key"].lower() + "%", int(m["seq"])])
            docs = [stored_document(r) for r in cur.fetchall()]
        else:
            dn = docnumber.parse(ref)
            if dn is None:
                raise UsageError(f"{ref!r} is neither a document id (KEY:SEQ) nor a document number",
                                 hint="ids are in `gazette search` output; numbers look like 济兖政发〔2021〕6号")
            cur.execute(f"SELECT {STORED_COLUMNS}, d.doc_number FROM documents d "
                        "JOIN issues i ON i.key = d.issue_key WHERE d.dn_key = %s", [dn.key])
            scored = []
            for *row, number in cur.fetchall():
                stored = docnumber.parse(number)
                sim = docnumber.similarity(stored.code, dn.code) if stored else 0.0
                if sim >= docnumber.MIN_SIMILARITY:
                    scored.append((-sim, row[5] or "", row[1], row))
            docs = [stored_document(r) for *_, r in sorted(scored, key=lambda t: t[:3])]
    conn.rollback()
    if not docs:
        raise UsageError(f"no document {ref!r} in the index", hint="try `gazette search` with words of its title")
    return docs


def find_issue(cur, ref: str) -> tuple[str, str]:
    """(key, path) of the one issue whose key starts with `ref` or whose path is `ref`."""
    ref = ref.strip()
    if not ref:
        raise UsageError("give an issue key (or a prefix of it) or a file path", hint="see `gazette list`")
    paths = [ref]
    if not re.fullmatch(r"[0-9a-fA-F]{4,}", ref):
        paths.append(str(Path(ref).resolve()))
    prefix = ref.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    cur.execute("SELECT key, path FROM issues WHERE key LIKE %s OR path = ANY(%s)", [prefix, paths])
    matches = dict(cur.fetchall())
    if not matches:
        raise UsageError(f"no issue in the index matches {ref!r}", hint="see `gazette list` for keys and paths")
    if len(matches) > 1:
        raise UsageError(f"{ref!r} matches {len(matches)} issues", hint="give more characters of the key")
    return next(iter(matches.items()))


def remove(conn, ref: str, lock_timeout: float = 30.0) -> dict:
    """Remove one issue and its documents in one transaction."""
    from .ingest import lock_issue
    from .rows import clean

    with conn.transaction(), conn.cursor() as cur:
        key, path = find_issue(cur, clean(ref))
        lock_issue(cur, key, path, lock_timeout)
        cur.execute("SELECT count(*) FROM documents WHERE issue_key = %s", [key])
        removed = cur.fetchone()[0]
        cur.execute("DELETE FROM issues WHERE key = %s", [key])
    return {"key": key, "path": path, "documents": removed}


def stats(conn, shown_url: str) -> dict:
    with conn.cursor() as cur:
        cur.execute("SELECT value FROM settings WHERE name = 'segmenter'")
        segmenter = (cur.fetchone() or [None])[0]
        cur.execute("SELECT (SELECT count(*) FROM issues), (SELECT count(*) FROM documents), "
                    "(SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    " JOIN pg_namespace n ON n.oid = c.relnamespace "
                    " WHERE n.nspname = current_schema() AND c.relkind = 'r')")
        issues, documents, size = cur.fetchone()
        by = {}
        for name, expr in (("category", "d.category"), ("year", "d.year"), ("gazette", "i.gazette_name"),
                           ("doc_type", "d.doc_type")):
            cur.execute(f"SELECT coalesce(nullif({expr}, ''), '(none)') AS v, count(*) FROM documents d "
                        "JOIN issues i ON i.key = d.issue_key GROUP BY v ORDER BY count(*) DESC, v")
            by[name] = dict(cur.fetchall())
    conn.rollback()
    return {"engine": "postgresql", "index": shown_url, "segmenter": segmenter, "issues": issues,
            "documents": documents, "size_bytes": int(size),
            "by_category": by["category"], "by_year": dict(sorted(by["year"].items())),
            "by_gazette": by["gazette"], "by_doc_type": by["doc_type"]}
