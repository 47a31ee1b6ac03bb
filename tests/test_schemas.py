"""The JSON Schemas shipped in the package: valid, printed by `gazette schema`, and the
parse JSON of every sample validates against `issue`."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from gazette.cli import run
from gazette.schemas import load, names

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_shipped_schemas():
    assert {"issue", "export-document", "export-appointment", "export-event", "export-citation",
            "export-toc", "export-issue", "validate-report"} <= set(names())
    for name in names():
        jsonschema.Draft202012Validator.check_schema(load(name))
        assert load(name)["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir()
                                           if p.suffix in (".txt", ".pdf", ".docx", ".html")))
def test_sample_parse_json_validates(parsed, sample):
    jsonschema.validate(parsed(sample).to_dict(), load("issue"))


def test_schema_command(capsys):
    assert run(["schema"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in names())
    assert run(["schema", "issue"]) == 0
    assert json.loads(capsys.readouterr().out) == load("issue")
    assert run(["schema", "appointments"]) == 0  # the --what name works too
    assert json.loads(capsys.readouterr().out) == load("export-appointment")
    assert run(["schema", "nope"]) == 2
