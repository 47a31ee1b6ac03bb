"""The same end-to-end tests on both engines (the Whoosh index and the PostgreSQL archive):
ingest, search with filters and facets, show, list, stats, remove, export — through the CLI.
And the two engines side by side on the relevance benchmark's query set: equal totals, top-10
overlap ≥ 0.9."""
from __future__ import annotations

import json

import pytest

import gazette
from gazette.cli import run

from conftest import SAMPLES, TXT_SAMPLES
from index_helpers import cli_json, write_bulletin


def _ingest(capsys, args, *paths):
    code, res = cli_json(capsys, "ingest", *map(str, paths), *args)
    return code, res


def test_ingest_search_show_remove_export_on_either_engine(tmp_path, capsys, engine_args):
    files = [SAMPLES / n for n in TXT_SAMPLES]
    code, res = _ingest(capsys, engine_args, *files)
    assert code == 0 and res["summary"]["added"] == len(files)
    parsed = {str(f.resolve()): gazette.parse(f).to_dict() for f in files}
    assert [f["documents"] for f in res["files"]] == [len(parsed[f["path"]]["documents"]) for f in res["files"]]
    # unchanged: nothing written
    code, again = _ingest(capsys, engine_args, *files)
    assert code == 0 and again["summary"]["unchanged"] == len(files) and again["summary"]["documents"] == 0

    code, hits = cli_json(capsys, "search", "告知承诺制", *engine_args, "--facets")
    assert code == 0 and hits["total"] >= 1 and "告知承诺制" in hits["hits"][0]["title"]
    assert set(hits["facets"]) == {"category", "year", "issuer", "gazette"}
    assert sum(hits["facets"]["category"].values()) == hits["total"]
    assert hits["hits"][0]["snippet_marks"]
    code, rules = cli_json(capsys, "search", "--category", "rule", "--year", "2023", *engine_args, "--limit", "50")
    assert code == 0 and rules["total"] >= 1
    assert all(h["category"] == "rule" and h["date"].startswith("2023") for h in rules["hits"])
    code, pinned = cli_json(capsys, "search", "济充政发〔2021〕6号", *engine_args)  # an OCR variant
    assert pinned["hits"][0]["doc_number"] == "济兖政发〔2021〕6号" and pinned["hits"][0]["doc_number_match"]
    code, dated = cli_json(capsys, "search", "实施方案", "--sort", "-date", "--limit", "2", "--page", "2", *engine_args)
    assert code == 0 and dated["page"] == 2 and len(dated["hits"]) == 2

    code, doc = cli_json(capsys, "show", hits["hits"][0]["id"][:12] + ":" + str(hits["hits"][0]["seq"]), *engine_args)
    assert code == 0 and doc["title"] == hits["hits"][0]["title"] and doc["body"]
    source = parsed[doc["issue"]["path"]]
    assert {k: v for k, v in doc.items() if k not in ("id", "issue")} == source["documents"][doc["seq"] - 1]
    code, by_number = cli_json(capsys, "show", "济兖政办字（2021）8号", *engine_args)
    assert code == 0 and by_number["doc_number"] == "济兖政办字〔2021〕8号"

    code, issues = cli_json(capsys, "list", *engine_args)
    assert code == 0 and [i["path"] for i in issues] == sorted(parsed)
    code, stats = cli_json(capsys, "stats", *engine_args)
    assert stats["documents"] == sum(len(p["documents"]) for p in parsed.values()) and stats["issues"] == len(files)

    capsys.readouterr()
    assert run(["export", *engine_args, "--what", "appointments", "-f", "jsonl", "--year", "2021"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    yanzhou = parsed[str((SAMPLES / "yanzhou-2021-03-04.txt").resolve())]
    assert len(rows) == sum(len(d.get("appointments") or []) for d in yanzhou["documents"]) > 0
    assert all(r["issue_key"] == yanzhou["source"]["sha256"] and r["lines"] for r in rows)
    assert run(["export", *engine_args, "--what", "issues", "-f", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(files)

    code, removed = cli_json(capsys, "remove", yanzhou["source"]["sha256"][:10], *engine_args)
    assert code == 0 and removed["documents"] == len(yanzhou["documents"])
    assert cli_json(capsys, "search", "告知承诺制", *engine_args)[1]["hits"][0]["doc_number"] != "济兖政办发〔2021〕2号"
    code, _ = cli_json(capsys, "remove", str(files[0]), *engine_args)  # by path
    assert code == 0 and len(cli_json(capsys, "list", *engine_args)[1]) == len(files) - 2
    assert run(["remove", "ffff", *engine_args]) == 2


def test_a_changed_file_replaces_its_issue_on_either_engine(tmp_path, capsys, engine_args):
    f = write_bulletin(tmp_path, "a.txt", "垃圾分类")
    assert _ingest(capsys, engine_args, f)[1]["files"][0]["status"] == "added"
    write_bulletin(tmp_path, "a.txt", "河长制")
    code, res = _ingest(capsys, engine_args, f)
    assert code == 0 and res["files"][0]["status"] == "replaced"
    assert cli_json(capsys, "search", "垃圾分类", *engine_args)[1]["total"] == 0
    assert cli_json(capsys, "search", "河长制", *engine_args)[1]["total"] == 1
    assert len(cli_json(capsys, "list", *engine_args)[1]) == 1


def test_a_file_without_documents_is_unchanged_the_second_time_on_either_engine(tmp_path, capsys, engine_args):
    """A cover and nothing else holds no document, yet it was ingested: the same file again is
    unchanged; once it holds a document, it replaces its issue."""
    cover = tmp_path / "cover.txt"
    cover.write_text("某某市人民政府公报\n2024年第3期\n（总第51期）\n某某市人民政府办公室主办\n", encoding="utf-8")
    code, first = _ingest(capsys, engine_args, cover)
    assert code == 0 and (first["files"][0]["status"], first["files"][0]["documents"]) == ("added", 0)
    code, again = _ingest(capsys, engine_args, cover)
    assert code == 0 and again["files"][0]["status"] == "unchanged"
    write_bulletin(tmp_path, "cover.txt", "垃圾分类")
    code, changed = _ingest(capsys, engine_args, cover)
    assert code == 0 and changed["files"][0]["status"] == "replaced" and changed["files"][0]["documents"] == 1
    code, third = _ingest(capsys, engine_args, cover)
    assert code == 0 and third["files"][0]["status"] == "unchanged"


@pytest.mark.parametrize("query", ['"unclosed', "nosuchfield:x", "OR 卫生", "-卫生", "category:nope"])
def test_a_malformed_query_is_a_usage_error_on_either_engine(tmp_path, capsys, engine_args, query):
    _ingest(capsys, engine_args, write_bulletin(tmp_path, "a.txt", "垃圾分类"))
    capsys.readouterr()
    assert run(["search", *engine_args, "--", query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "Traceback" not in err


# ---------------------------------------------------------------- the engines side by side

@pytest.fixture(scope="module")
def both(tmp_path_factory, new_database) -> tuple[str, str]:
    """The relevance benchmark's corpus in a Whoosh index and in an archive."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from relevance import ingest_all

    idx = tmp_path_factory.mktemp("both") / "idx"
    url = new_database()
    for target in (idx, url):
        ingest_all(target)  # (the Whoosh index in one segment: its statistics are per segment)
    assert len(list(idx.glob("*.seg"))) == 1
    return str(idx), url


def test_the_engines_agree_on_the_shared_query_set(both):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from relevance import JUDGED, compare_engines

    idx, url = both
    queries = list(JUDGED) + ["title:实施办法", "category:rule 审批", "卫生 -城市", "自备井 OR 国家卫生城市",
                              "济充政发〔2021〕6号", "济兖政发[2017]13号", '"代理市长"', "2021年", "AED"]
    report = compare_engines(idx, url, queries)
    assert report["totals_differ"] == []
    assert report["overlap"] >= 0.9, report["low"]
    assert report["facets_differ"] == []


@pytest.mark.parametrize("filters", [{"category": "notice"}, {"year": "2021"}, {"issuer": "人民政府"},
                                     {"gazette": "兖州"}, {"date_from": "2021-01-01", "date_to": "2021-06-30"}])
def test_the_engines_agree_on_filters_alone(both, filters):
    from gazette.index import search

    idx, url = both
    a, b = (search("", target, limit=100, facets=True, **filters) for target in (idx, url))
    assert a["total"] == b["total"] > 0 and a["facets"] == b["facets"]
    assert {h["id"] for h in a["hits"]} == {h["id"] for h in b["hits"]}
