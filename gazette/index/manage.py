"""Looking up one document (`show`) and removing one issue (`remove`)."""
from __future__ import annotations

from ..errors import UsageError
from . import docnumber, store
from .results import DOC_ID as _ID


def get_documents(ref: str, index_dir=None) -> list[dict]:
    """Documents named by an id (`KEY:SEQ`, KEY may be a prefix) or a document number.

    Several documents can carry one number (the same document in several sources): all are
    returned, the closest code match first.  Raises UsageError if nothing matches.
    """
    from whoosh import query as Q

    ref = (ref or "").strip()
    with store.searcher(index_dir) as ss:
        s = ss.s
        m = _ID.fullmatch(ref)
        if m:
            hits = s.search(Q.And([Q.Prefix("issue_key", m["key"].lower()), Q.Term("seq", int(m["seq"]))]),
                            limit=None)
            docs = [store.stored_document(h.fields()) for h in hits]
        else:
            dn = docnumber.parse(ref)
            if dn is None:
                raise UsageError(f"{ref!r} is neither a document id (KEY:SEQ) nor a document number",
                                 hint="ids are in `gazette search` output; numbers look like 济兖政发〔2021〕6号")
            scored = []
            for h in s.search(Q.Term("dn_key", dn.key), limit=None):
                stored = docnumber.parse(h.get("doc_number"))
                sim = docnumber.similarity(stored.code, dn.code) if stored else 0.0
                if sim >= docnumber.MIN_SIMILARITY:
                    scored.append((-sim, h.get("path") or "", h["id"], h.fields()))
            docs = [store.stored_document(f) for *_, f in sorted(scored, key=lambda t: t[:3])]
    if not docs:
        raise UsageError(f"no document {ref!r} in the index", hint="try `gazette search` with words of its title")
    return docs


def remove(ref: str, index_dir=None, lock_timeout: float = 30.0) -> dict:
    """Remove the issue whose key starts with `ref` or whose path is `ref`."""
    from .writer import commit, open_writer

    with store.searcher(index_dir) as s:
        key, path = store.find_issue(s, ref)
        ix = s.ix
    writer = open_writer(ix, lock_timeout)
    try:
        removed = writer.delete_by_term("issue_key", key)
    except BaseException:
        writer.cancel()
        raise
    commit(ix, writer)
    return {"key": key, "path": path, "documents": removed}
