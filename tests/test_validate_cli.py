"""`gazette validate` end to end: exit codes, and every report format parsed back."""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from gazette.cli import run
from gazette.schemas import load as load_schema
from gazette.validate import exit_code, validate_paths
from gazette.validate.report import to_json

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
YANZHOU = str(SAMPLES / "yanzhou-2021-03-04.txt")
JINING = str(SAMPLES / "jining-gaoxin-2023-03-09.txt")
WEB = str(SAMPLES / "jining-gaoxin-2023-2-web.txt")
DOCX_TXT = str(SAMPLES / "jining-gaoxin-2023-5-docx.txt")
ANNOTATION = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def validate(capsys, *args):
    code = run(["validate", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture()
def bad_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    pdf = (SAMPLES / "yanzhou-2021-03-04.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    return tmp_path


# --- exit codes on the samples -------------------------------------------------------------

@pytest.mark.parametrize("path, expected", [(YANZHOU, 0), (WEB, 0), (DOCX_TXT, 0), (JINING, 1)])
def test_sample_exit_codes(capsys, path, expected):
    code, out, _ = validate(capsys, path, "--format", "json")
    assert code == expected, out


def test_strict_makes_warnings_fail(capsys):
    assert validate(capsys, YANZHOU, "--strict", "-f", "json")[0] == 1


def test_truncated_chronicle_is_the_error_of_jining(capsys):
    _, out, _ = validate(capsys, JINING, "-f", "json")
    errors = [f for f in json.loads(out)["files"][0]["findings"] if f["severity"] == "error"]
    assert [(f["code"], f["line"]) for f in errors] == [("D041", 372)]


def test_ignore_a_code(capsys):
    assert validate(capsys, JINING, "--ignore", "D041,T004", "-f", "json")[0] == 0


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "truncated.pdf"])
def test_unreadable_input_exits_2(capsys, bad_files, name):
    code, out, err = validate(capsys, str(bad_files / name))
    assert code == 2
    assert "Traceback" not in out + err and name in out


def test_a_batch_with_one_unreadable_file_exits_2(capsys, bad_files):
    code, out, _ = validate(capsys, YANZHOU, str(bad_files / "empty.txt"), "-f", "json")
    report = json.loads(out)
    assert code == 2 and report["exit_code"] == 2
    assert [f["readable"] for f in report["files"]] == [True, False]


@pytest.mark.parametrize("args", [["--format", "xml"], ["--ignore", "X999"], []])
def test_misuse_exits_2(capsys, args):
    assert validate(capsys, YANZHOU, *args)[0] in ((2,) if args else (0,))


def test_missing_path_exits_2(capsys, tmp_path):
    assert validate(capsys, str(tmp_path / "nope.txt"))[0] == 2


def test_internal_crash_is_not_a_finding(capsys, monkeypatch):
    from gazette.validate.checks import issue as issue_checks

    def broken(ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr("gazette.validate.CHECKS", (broken, *issue_checks.CHECKS))
    assert validate(capsys, YANZHOU)[0] == 70


# --- formats -------------------------------------------------------------------------------

def test_json_report_equals_library_and_schema(capsys):
    _, out, _ = validate(capsys, YANZHOU, JINING, "-f", "json")
    report = json.loads(out)
    jsonschema.validate(report, load_schema("validate-report"))
    results = list(validate_paths([YANZHOU, JINING]))
    assert report == json.loads(json.dumps(to_json(results, exit_code=exit_code(results), strict=False)))
    assert report["schema_version"] == 1 and report["totals"]["files"] == 2


def test_github_annotations_parse_back(capsys, bad_files):
    code, out, _ = validate(capsys, JINING, str(bad_files / "empty.txt"), "-f", "github")
    assert code == 2
    parsed = []
    for line in out.splitlines():
        m = ANNOTATION.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        parsed.append((m["level"], unescape(props["file"]), props.get("line"), unescape(m["message"])))
    assert ("error", JINING, "372") in [p[:3] for p in parsed]
    assert any(p[0] == "error" and p[1].endswith("empty.txt") and "empty" in p[3] for p in parsed)
    assert any(p[0] == "warning" for p in parsed)


def test_junit_parses_back(capsys, bad_files):
    _, out, _ = validate(capsys, YANZHOU, JINING, str(bad_files / "binary.txt"), "-f", "junit")
    root = ET.fromstring(out.encode("utf-8"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert suites[YANZHOU].get("failures") == "0"
    jining = suites[JINING]
    assert jining.get("failures") == "1"
    failed = [c for c in jining.iter("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["document_complete"]
    assert "D041" in failed[0].find("failure").text
    unreadable = next(s for name, s in suites.items() if name.endswith("binary.txt"))
    assert unreadable.get("errors") == "1" and unreadable.find("testcase/error") is not None
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())


def test_table_report_and_output_file(capsys, tmp_path):
    code, out, _ = validate(capsys, JINING)
    assert code == 1 and "D041" in out and "1 errors" in out
    report = tmp_path / "report.xml"
    assert validate(capsys, JINING, "-f", "junit", "-o", str(report))[0] == 1
    assert ET.parse(report).getroot().tag == "testsuites"


# --- series against an index ---------------------------------------------------------------

def test_against_an_index(capsys, monkeypatch):
    earlier = {"key": "f" * 64, "path": "yanzhou-2021-01.txt", "format": "txt", "documents": 1,
               "doc_numbers": ["济兖政发〔2021〕5号"],
               "gazette": {"name": "济宁市兖州区人民政府公报", "publisher": None, "year": 2021,
                           "issue": "1", "total_issue": "85", "published": "2021-01-10"}}
    monkeypatch.setattr("gazette.index.list_issues", lambda index_dir=None: [earlier])
    code, out, _ = validate(capsys, YANZHOU, "--against", "idx", "-f", "json")
    found = {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    assert {"S001", "S003", "S005"} <= found and code == 1


def test_readme_documents_every_finding_code():
    from gazette.validate.codes import CODES

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section:validate -->")[1].split("<!-- /section:validate -->")[0]
    table = dict(re.findall(r"^\| ([A-Z]\d{3}) \| (error|warning|info) \|", section, re.M))
    assert table == {code: c.severity for code, c in CODES.items()}
