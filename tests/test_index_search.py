"""Search over an index of the TXT samples: the issue's done-when queries, filters, facets,
the query language, show/list/stats, index location — through the real CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazette.cli import run
from gazette.index import iter_stored, list_issues

from conftest import SAMPLES, TXT_SAMPLES
from index_helpers import cli_json

HIT_KEYS = {"id", "doc_number", "title", "category", "doc_type", "issuer", "date", "gazette", "score", "snippet"}


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> str:
    idx = str(tmp_path_factory.mktemp("samples") / "idx")
    assert run(["ingest", *(str(SAMPLES / n) for n in TXT_SAMPLES), "--index", idx, "--json"]) == 0
    return idx


def search(capsys, idx, *args) -> dict:
    code, res = cli_json(capsys, "search", *args, "--index", idx)
    assert code == 0
    return res


@pytest.mark.parametrize("query, expected", [
    ("告知承诺制", "告知承诺制实施方案"),
    ("自备井 封停", "自备井封停"),
    ("国家卫生城市", "巩固国家卫生城市"),
    ("审批与监管协调联动", "审批与监管协调联动实施办法"),
    ("济充政发〔2021〕6号", "推进健康兖州建设的实施意见"),      # OCR variant of 济兖政发
    ("济兖政办字[2021]4号", "慢性病综合防控示范区"),
    ("济兖政发2021-6", "推进健康兖州建设的实施意见"),
])
def test_done_when_queries_find_the_document_in_the_top_3(capsys, sample_index, query, expected):
    res = search(capsys, sample_index, query, "--limit", "3")
    assert any(expected in (h["title"] or "") for h in res["hits"]), [h["title"] for h in res["hits"]]


def test_a_document_number_pins_its_document_first(capsys, sample_index):
    res = search(capsys, sample_index, "济兖政发[2021]6号")
    assert res["hits"][0]["doc_number"] == "济兖政发〔2021〕6号"
    assert res["hits"][0]["doc_number_match"] is True


def test_a_cited_document_number_finds_the_citing_document(capsys, sample_index):
    res = search(capsys, sample_index, "济兖政发[2017]13号")  # repealed by 济兖政发〔2021〕5号
    assert any(h["doc_number"] == "济兖政发〔2021〕5号" for h in res["hits"])


def test_one_document_in_several_sources_is_one_hit_unless_all_sources(capsys, sample_index):
    res = search(capsys, sample_index, "审批与监管协调联动")  # in the issue TXT and the web-page TXT
    numbers = [h["doc_number"] for h in res["hits"]]
    assert len(numbers) == len(set(numbers)) and res["total"] == len(res["hits"])
    every = search(capsys, sample_index, "审批与监管协调联动", "--all-sources")
    assert every["total"] > res["total"]
    assert {h["doc_number"] for h in every["hits"]} == set(numbers)


def test_category_appointment_returns_only_appointment_lists(capsys, sample_index):
    res = search(capsys, sample_index, "--category", "appointment", "--limit", "50")
    assert res["total"] >= 1 and {h["category"] for h in res["hits"]} == {"appointment"}
    res = search(capsys, sample_index, "任命", "--category", "appointment")
    assert res["total"] >= 1 and {h["category"] for h in res["hits"]} == {"appointment"}


def test_year_filter_returns_only_that_year(capsys, sample_index):
    res = search(capsys, sample_index, "--year", "2023", "--limit", "50")
    assert res["total"] >= 1
    assert all((h["date"] or "2023").startswith("2023") for h in res["hits"])
    assert all(h["gazette"]["year"] in (2023, None) for h in res["hits"])
    assert search(capsys, sample_index, "实施方案", "--year", "2021")["total"] >= 1


def test_json_shape_facets_sort_and_pages(capsys, sample_index):
    res = search(capsys, sample_index, "实施方案", "--facets", "--limit", "2", "--sort", "-date")
    assert {"query", "total", "hits", "facets"} <= res.keys()
    assert all(HIT_KEYS <= h.keys() and {"name", "year", "issue"} <= h["gazette"].keys() for h in res["hits"])
    assert set(res["facets"]) == {"category", "year", "issuer", "gazette"}
    assert sum(res["facets"]["category"].values()) == res["total"]
    dates = [h["date"] for h in res["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)
    page2 = search(capsys, sample_index, "实施方案", "--limit", "2", "--page", "2", "--sort", "-date")
    assert {h["id"] for h in page2["hits"]}.isdisjoint(h["id"] for h in res["hits"])


def test_date_range_filter(capsys, sample_index):
    res = search(capsys, sample_index, "--from", "2021-04-01", "--to", "2021-04-30", "--limit", "50")
    assert res["total"] >= 1 and all("2021-04-01" <= h["date"] <= "2021-04-30" for h in res["hits"])


@pytest.mark.parametrize("query, check", [
    ('"告知承诺制"', lambda r: r["total"] >= 1),
    ("自备井 -封停", lambda r: r["total"] >= 0 and all("自备井封停" not in h["title"] for h in r["hits"])),
    ("title:实施办法", lambda r: r["total"] >= 1 and all("办法" in h["title"] for h in r["hits"])),
    ("自备井 OR 国家卫生城市", lambda r: r["total"] >= 2),
    ("category:rule 审批", lambda r: r["total"] >= 1 and {h["category"] for h in r["hits"]} == {"rule"}),
])
def test_query_syntax(capsys, sample_index, query, check):
    assert check(search(capsys, sample_index, query, "--limit", "50"))


@pytest.mark.parametrize("query", ['"unclosed', "nosuchfield:x", "OR 卫生", "-卫生", "category:nope"])
def test_a_malformed_query_is_a_usage_error_not_a_traceback(capsys, sample_index, query):
    capsys.readouterr()
    assert run(["search", "--index", sample_index, "--", query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "Traceback" not in err


def test_an_empty_result_says_so(capsys, sample_index):
    capsys.readouterr()
    assert run(["search", "量子计算机", "--index", sample_index]) == 0
    out = capsys.readouterr().out
    assert "No documents match" in out and "fewer" in out


def test_show_by_id_and_by_number_prints_the_parse_json(capsys, sample_index):
    hit = search(capsys, sample_index, "自备井")["hits"][0]
    code, doc = cli_json(capsys, "show", hit["id"], "--index", sample_index)
    assert code == 0 and doc["title"] == hit["title"] and doc["body"]
    assert doc["issue"]["key"] == hit["id"].split(":")[0]
    code, by_number = cli_json(capsys, "show", "济兖政办字（2021）8号", "--index", sample_index)
    assert code == 0 and by_number["doc_number"] == "济兖政办字〔2021〕8号"
    assert run(["show", "济兖政办字〔1999〕8号", "--index", sample_index]) == 2


def test_list_stats_and_the_library_calls_agree(capsys, sample_index):
    code, issues = cli_json(capsys, "list", "--index", sample_index)
    assert code == 0 and issues == list_issues(sample_index) and len(issues) == len(TXT_SAMPLES)
    yanzhou = next(i for i in issues if i["path"].endswith("yanzhou-2021-03-04.txt"))
    assert "济兖政发〔2021〕6号" in yanzhou["doc_numbers"] and yanzhou["gazette"]["year"] == 2021
    code, stats = cli_json(capsys, "stats", "--index", sample_index)
    assert code == 0 and stats["documents"] == sum(i["documents"] for i in issues)
    assert stats["size_bytes"] > 0 and sum(stats["by_category"].values()) == stats["documents"]
    stored = list(iter_stored(sample_index, category="appointment"))
    assert stored and all(d["category"] == "appointment" and d["issue"]["key"] for d in stored)
    assert any(a.get("person") for d in stored for a in d.get("appointments", []))


def test_index_location_env_and_foreign_or_missing_dirs(capsys, sample_index, tmp_path, monkeypatch):
    monkeypatch.setenv("GAZETTE_INDEX", sample_index)
    assert run(["search", "自备井", "--json"]) == 0
    capsys.readouterr()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    assert run(["search", "自备井", "--index", str(foreign)]) == 3
    assert "not a gazette index" in capsys.readouterr().err
    assert run(["ingest", str(SAMPLES / TXT_SAMPLES[0]), "--index", str(foreign)]) == 3
    assert run(["stats", "--index", str(tmp_path / "missing")]) == 3
    assert "gazette ingest" in capsys.readouterr().err
