"""An index holding several copies of the same documents (one issue as TXT, PDF and DOCX; one
notice as web page and as its text; a DOCX and its text): totals, pages, facets and exports
count each document once under every filter; `--all-sources` keeps the copies.  Any string of
a document finds it, and `--gazette`/`--issuer` take part of a name.

The expected counts come from the real parser: the documents of the same files, told apart by
the key the index uses (`same_document_key`), filtered by plain string search in Python."""
from __future__ import annotations

import json

import pytest

import gazette
from gazette.cli import run
from gazette.index.schema import same_document_key, whole_text
from gazette.index.segment import fold

from conftest import SAMPLES
from index_helpers import cli_json

FILES = ["yanzhou-2021-03-04.txt", "yanzhou-2021-03-04.pdf", "yanzhou-2021-03-04.docx",
         "jining-gaoxin-2023-2-web.html", "jining-gaoxin-2023-2-web.txt",
         "jining-gaoxin-2023-5.docx", "jining-gaoxin-2023-5-docx.txt", "jining-gaoxin-2023-03-09.txt"]


@pytest.fixture(scope="module")
def copies_index(tmp_path_factory) -> str:
    idx = str(tmp_path_factory.mktemp("copies") / "idx")
    assert run(["ingest", *(str(SAMPLES / f) for f in FILES), "--index", idx, "--json", "-j", "1"]) == 0
    return idx


@pytest.fixture(scope="module")
def parsed_docs() -> list[dict]:
    """Every document of every file, as the parser gives it, with its issue's gazette."""
    docs = []
    for name in FILES:
        issue = gazette.parse(SAMPLES / name).to_dict()
        for d in issue["documents"]:
            docs.append({**d, "_gazette": issue["gazette"], "_file": name})
    return docs


def _key(d: dict) -> str:
    return same_document_key(d, d["_gazette"]) or f"{d['_file']}:{d['seq']}"


def _hit_keys(res: dict) -> list[str]:
    return [_key({**h, "_gazette": h["gazette"], "_file": h["path"]}) for h in res["hits"]]


def _expected(docs, text=None, **want) -> set[str]:
    out = set()
    for d in docs:
        if text and fold(text) not in fold(whole_text(d)):
            continue
        if any(d.get(k) != v for k, v in want.items()):
            continue
        out.add(_key(d))
    return out


def _all_pages(capsys, idx, *args, limit=3) -> tuple[list[dict], set[int]]:
    hits, totals, page = [], set(), 1
    while True:
        code, res = cli_json(capsys, "search", *args, "--index", idx, "--limit", str(limit), "--page", str(page))
        assert code == 0
        totals.add(res["total"])
        hits += res["hits"]
        if not res["hits"] or page * limit >= res["total"]:
            assert page * limit >= res["total"], "a page came back empty before the total was reached"
            return hits, totals
        page += 1


@pytest.mark.parametrize("query, filters", [
    ("通知", {}), ("2021年", {}), ("实施方案", {}), ("人民政府", {"category": "notice"}),
    ("", {"category": "notice"}), ("", {"year": "2021"}), ("", {"from": "2021-01-01"}),
    ("", {"category": "appointment"}), ("监管", {"issuer": "管委会"}), ("", {"gazette": "兖州"}),
])
def test_one_hit_per_document_on_every_page_under_every_filter(capsys, copies_index, parsed_docs, query, filters):
    args = ([query] if query else []) + [a for k, v in filters.items() for a in (f"--{k}", v)]
    hits, totals = _all_pages(capsys, copies_index, *args)
    keys = _hit_keys({"hits": hits})
    assert len(totals) == 1 and totals == {len(hits)}            # one total, every page full
    assert len(keys) == len(set(keys))                             # no document twice
    code, one_page = cli_json(capsys, "search", *args, "--index", copies_index, "--limit", "100", "--facets")
    assert one_page["total"] == len(hits)                          # the total does not depend on --limit
    for name, counts in one_page["facets"].items():
        assert sum(counts.values()) == len(hits), name             # facets count documents
    code, every = cli_json(capsys, "search", *args, "--index", copies_index, "--limit", "100", "--all-sources")
    assert every["total"] >= len(hits) and len(every["hits"]) == every["total"]
    if not filters or set(filters) <= {"category"}:
        want = {k: v for k, v in filters.items()}
        assert set(keys) == _expected(parsed_docs, query or None, **want)


def test_all_sources_lists_every_copy(capsys, copies_index, parsed_docs):
    code, res = cli_json(capsys, "search", "--gazette", "兖州", "--all-sources", "--index", copies_index,
                         "--limit", "100")
    yanzhou = [d for d in parsed_docs if d["_file"].startswith("yanzhou")]
    assert res["total"] == len(yanzhou) and len({h["id"] for h in res["hits"]}) == len(yanzhou)
    code, once = cli_json(capsys, "search", "--gazette", "兖州", "--index", copies_index, "--limit", "100")
    assert once["total"] == len({_key(d) for d in yanzhou}) < len(yanzhou)


def test_export_from_the_index_writes_each_document_once(capsys, copies_index, parsed_docs):
    capsys.readouterr()
    assert run(["export", "--index", copies_index, "--what", "appointments", "-f", "jsonl", "--year", "2021"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    one_copy = [a for d in parsed_docs if d["_file"] == "yanzhou-2021-03-04.txt" for a in d.get("appointments") or []]
    assert len(rows) == len(one_copy) > 0
    assert run(["export", "--index", copies_index, "--what", "appointments", "-f", "jsonl", "--year", "2021",
                "--all-sources"]) == 0
    every = capsys.readouterr().out.splitlines()
    assert len(every) == sum(len(d.get("appointments") or []) for d in parsed_docs if d["_file"].startswith("yanzhou"))
    assert run(["export", "--index", copies_index, "--what", "documents", "-f", "jsonl"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(docs) == len({_key(d) for d in parsed_docs})


@pytest.mark.parametrize("part", ["兖州", "州区人民政府公", "宁市兖"])
def test_gazette_takes_part_of_a_name(capsys, copies_index, parsed_docs, part):
    code, res = cli_json(capsys, "search", "--gazette", part, "--index", copies_index, "--limit", "100")
    want = {_key(d) for d in parsed_docs if part in (d["_gazette"].get("name") or "")}
    assert want and set(_hit_keys(res)) == want


def test_issuer_takes_part_of_a_name(capsys, copies_index, parsed_docs):
    code, res = cli_json(capsys, "search", "--issuer", "兖州区人民政府办", "--index", copies_index, "--limit", "100")
    want = {_key(d) for d in parsed_docs if "兖州区人民政府办" in (d.get("issuer") or "")}
    assert want and set(_hit_keys(res)) == want and res["total"] == len(want)


def test_every_string_cut_from_a_document_finds_it(capsys, copies_index, parsed_docs):
    """Strings cut anywhere (across word boundaries too) from titles and bodies."""
    import random

    rng = random.Random(7)
    yan = [d for d in parsed_docs if d["_file"] == "yanzhou-2021-03-04.txt" and d.get("body")]
    for d in yan:
        text = d["body"].replace("\n", "")
        for n in (2, 3, 5):
            i = rng.randrange(max(1, len(text) - n))
            s = text[i:i + n]
            if not all("\u4e00" <= ch <= "\u9fff" for ch in s):
                continue
            code, res = cli_json(capsys, "search", f'"{s}"', "--index", copies_index, "--limit", "100")
            assert _key(d) in _hit_keys(res), s
            assert res["total"] == len(_expected(parsed_docs, s))


def test_unquoted_a_string_also_finds_its_words_apart_quoted_only_the_string(capsys, tmp_path):
    """`代理市长`: the real decision says 代理济源市人民政府市长 (the string itself is only in the
    news page's headline, outside the documents)."""
    idx = str(tmp_path / "idx")
    real = SAMPLES / "real" / "34-jiyuan-renmian.txt"
    assert run(["ingest", str(real), "--index", idx, "--json"]) == 0
    docs = [d for d in gazette.parse(real).to_dict()["documents"]]
    apart = [d for d in docs if "代理" in whole_text(d) and "市长" in whole_text(d)]
    assert apart and not any("代理市长" in whole_text(d) for d in docs)
    code, res = cli_json(capsys, "search", "代理市长", "--index", idx)
    assert code == 0 and {h["title"] for h in res["hits"]} == {d["title"] for d in apart}
    code, res = cli_json(capsys, "search", '"代理市长"', "--index", idx)
    assert code == 0 and res["total"] == 0
