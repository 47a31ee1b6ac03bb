"""`gazette export`: every record kind, every format, provenance, filters, the index path."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from gazette.cli import run
from gazette.export import KINDS, RECORD_NAME, iter_records
from gazette.export.writers import cell
from gazette.schemas import load as load_schema

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TXT = sorted(str(p) for p in SAMPLES.glob("*.txt"))
YANZHOU = str(SAMPLES / "yanzhou-2021-03-04.txt")


@pytest.fixture(scope="module")
def issue_dicts():
    import gazette

    return [gazette.parse(p).to_dict() for p in TXT]


def export(capsys, *args) -> tuple[int, str]:
    code = run(["export", *args])
    return code, capsys.readouterr().out


def test_appointments_csv_lists_every_appointment(capsys, issue_dicts):
    code, out = export(capsys, *TXT, "--what", "appointments", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = [(a["person"], a["action"], a["position"]) for i in issue_dicts for d in i["documents"]
                for a in d["appointments"]]
    assert len(expected) > 50
    assert [(r["person"], r["action"], r["position"]) for r in rows] == [tuple(x or "" for x in e) for e in expected]
    first = rows[0]
    assert first["doc_id"] == f"{first['issue_key']}:{first['seq']}" and first["source_path"] == YANZHOU
    assert "-" in first["lines"]


def test_csv_excel_has_bom_and_header(capsys, tmp_path):
    target = tmp_path / "appointments.csv"
    assert export(capsys, YANZHOU, "--what", "appointments", "-f", "csv", "--excel", "-o", str(target))[0] == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].split(b"\r\n", 1)[0].decode()
    assert header.startswith("doc_id,issue_key,source_path,seq,lines")


def test_excel_to_stdout_has_bom(capsys):
    code, out = export(capsys, YANZHOU, "--what", "issues", "-f", "csv", "--excel")
    assert code == 0 and out.startswith("\ufeff")


def test_documents_jsonl_validates_against_schema(capsys, issue_dicts):
    code, out = export(capsys, *TXT, "--what", "documents", "--format", "jsonl")
    assert code == 0
    schema = load_schema("export-document")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == sum(len(i["documents"]) for i in issue_dicts)
    for rec in records:
        jsonschema.validate(rec, schema)
        assert rec["schema_version"] == 1 and rec["record"] == "document"


@pytest.mark.parametrize("what", KINDS)
def test_every_kind_validates_as_json_array(capsys, what):
    code, out = export(capsys, *TXT, "--what", what, "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert records, what
    schema = load_schema(f"export-{RECORD_NAME[what]}")
    for rec in records:
        jsonschema.validate(rec, schema)


@pytest.mark.parametrize("what", KINDS)
def test_every_kind_as_csv_has_one_row_per_record(capsys, issue_dicts, what):
    code, out = export(capsys, *TXT, "--what", what, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) - 1 == sum(1 for _ in iter_records(what, issue_dicts))
    assert len({len(r) for r in rows}) == 1  # a rectangle: nested values never add columns


def test_cli_equals_library(capsys, issue_dicts):
    _, out = export(capsys, *TXT, "--what", "events", "--format", "jsonl")
    assert [json.loads(line) for line in out.splitlines()] == list(iter_records("events", issue_dicts))


def test_toc_and_issue_records_point_to_their_documents(issue_dicts):
    toc = list(iter_records("toc", issue_dicts[-1:]))  # yanzhou
    assert toc[0]["doc_id"] == f"{issue_dicts[-1]['source']['sha256']}:1"
    issues = list(iter_records("issues", issue_dicts[-1:]))
    assert issues[0]["gazette"]["issue"] == "3-4" and issues[0]["documents"] == len(issue_dicts[-1]["documents"])


def test_filters(capsys):
    _, out = export(capsys, *TXT, "--category", "appointment", "-f", "jsonl")
    assert {json.loads(line)["category"] for line in out.splitlines()} == {"appointment"}
    _, out = export(capsys, *TXT, "--from", "2023-01-01", "--to", "2023-12-31", "-f", "jsonl")
    dates = [json.loads(line)["date"] for line in out.splitlines()]
    assert dates and all(d.startswith("2023") for d in dates)
    _, out = export(capsys, *TXT, "--from", "2021-04", "--to", "2021-04", "-f", "jsonl")
    dates = [json.loads(line)["date"] for line in out.splitlines()]
    assert dates and all(d.startswith("2021-04") for d in dates)
    _, out = export(capsys, *TXT, "--year", "2021", "--gazette", "兖州", "-f", "jsonl")
    assert len(out.splitlines()) == 9  # the chronicle has no date: the issue's publication date counts


def test_csv_cells():
    assert cell(None) == "" and cell(True) == "true" and cell([45, 273]) == "45-273"
    assert cell(["附件一", "附件二"]) == "附件一; 附件二"
    assert json.loads(cell([{"name": "a"}])) == [{"name": "a"}]


@pytest.mark.parametrize("args", [
    ["--what", "people"], ["--format", "xml"], ["--excel"], ["--query", "告知承诺制"], ["--from", "2021-13-01"], ["--to", "21"],
])
def test_misuse_exits_2(capsys, args):
    assert export(capsys, YANZHOU, *args)[0] == 2


def test_nothing_to_export_exits_2(capsys):
    assert export(capsys, "--what", "documents")[0] == 2


def test_unreadable_file_in_batch(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out = export(capsys, YANZHOU, str(empty), "-f", "jsonl")
    assert code == 1 and out.strip()
    assert export(capsys, str(empty), "-f", "jsonl")[0] == 2


# --- from the index ------------------------------------------------------------------------

def test_missing_index_exits_3_without_output(capsys, tmp_path):
    code, out = export(capsys, "--index", str(tmp_path / "nowhere"), "--what", "documents")
    assert code == 3 and out == ""


def test_toc_cannot_come_from_index(capsys):
    assert export(capsys, "--index", "idx", "--what", "toc")[0] == 2


# --- against a real index (the contract of gazette.index.iter_stored / list_issues) --------

@pytest.fixture(scope="module")
def real_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("index")
    web = str(SAMPLES / "jining-gaoxin-2023-2-web.txt")
    assert run(["ingest", YANZHOU, web, "--index", str(index), "-j", "1"]) == 0
    return index


def test_real_index_export(capsys, real_index, issue_dicts):
    code, out = export(capsys, "--index", str(real_index), "--what", "issues", "-f", "jsonl")
    assert code == 0
    issues = [json.loads(line) for line in out.splitlines()]
    for rec in issues:
        jsonschema.validate(rec, load_schema("export-issue"))
    yan = next(r for r in issues if r["source_path"].endswith("yanzhou-2021-03-04.txt"))
    assert yan["documents"] == 9 and yan["gazette"]["issue"] == "3-4"
    code, out = export(capsys, "--index", str(real_index), "--what", "appointments", "-f", "jsonl")
    from_index = [json.loads(line) for line in out.splitlines()]
    from_file = list(iter_records("appointments", [d for d in issue_dicts if d["source"]["path"] == YANZHOU]))
    assert [(r["person"], r["position"], r["doc_id"]) for r in from_index] == \
           [(r["person"], r["position"], r["doc_id"]) for r in from_file]


def test_real_index_validate_against(capsys, real_index):
    code = run(["validate", YANZHOU, "--against", str(real_index), "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and not [f for f in report["files"][0]["findings"] if f["code"].startswith("S")]
