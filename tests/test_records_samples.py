"""Records of the real samples, parsed by the real parser: golden files, marker counts, and
the figures the structure issue names.

Golden files (tests/golden/records/<sample>.json) hold every document's records; they are
regenerated on purpose with `GAZETTE_UPDATE_GOLDEN=1 pytest tests/test_records_samples.py`
and reviewed as JSON diffs against the text.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from gazette import docnumber

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden" / "records"
UPDATE = bool(os.environ.get("GAZETTE_UPDATE_GOLDEN"))
NAMES = ["yanzhou-2021-03-04", "jining-gaoxin-2023-03-09", "jining-gaoxin-2023-2-web", "jining-gaoxin-2023-5-docx"]
RECORD_KEYS = ("appointments", "events", "articles", "outline", "attachments_parts", "tables", "citations")


def gold(name: str) -> dict:
    return json.loads((SAMPLES / "gold" / f"{name}.json").read_text(encoding="utf-8"))


def records(issue) -> dict:
    docs = []
    for d in issue.to_dict()["documents"]:
        docs.append({"seq": d["seq"], "title": d["title"], **{k: d[k] for k in RECORD_KEYS}})
    codes = Counter(w.code for w in issue.warnings if w.code.startswith(("chronicle", "attachment")))
    return {"documents": docs, "record_warnings": dict(sorted(codes.items()))}


@pytest.mark.parametrize("name", NAMES)
def test_golden_records(parsed, name):
    got = records(parsed(f"{name}.txt"))
    path = GOLDEN / f"{name}.json"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not UPDATE:
            pytest.skip(f"golden file written: {path.name}; review it and commit")
    assert got == json.loads(path.read_text(encoding="utf-8"))


# --- no record lost: count markers in the raw text, independently of the parser -------------

DAY_MARK = re.compile(r"^\s*\d{1,2}\s*(?:[-—–]\s*\d{1,2}\s*)?日\s*\S")
SAME_DAY = re.compile(r"^\s*△")
NAMES_RE = r"(?P<n>[^，、为的区原任\s]{2,4}(?:、[^，、为的区原任\s]{2,4})*)"
APPOINT = re.compile(rf"^(?:聘任|任命){NAMES_RE}为")
RELEASE = re.compile(rf"^{NAMES_RE}(?:不再聘任|不再担任)")
BARE = re.compile(rf"^{NAMES_RE}任(?![务职期命免])")
UNDER_HEADING = re.compile(rf"^{NAMES_RE}(?:为|的)")
SECOND_ACTION = re.compile(r"，(?:不再聘任|不再担任)")


def raw_lines(name: str, gdoc: dict) -> list[str]:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [t.strip() for t in text[gdoc["start_line"] - 1:gdoc["end_line"]] if t.strip()]


def count_persons(lines: list[str]) -> int:
    """Person-actions in a 任免 list, counted from the raw text with plain patterns: the names
    of each 聘任/任命…为, …任…, …不再聘任/不再担任 sentence (twice when a `，不再聘任` clause
    follows), and each line under a `任命：`/`免去：` heading."""
    total, heading = 0, False
    for line in lines:
        if re.match(r"^(?:任命|免去)[：:]$", line):
            heading = True
            continue
        if re.search(r"\d日$", line):
            heading = False
            continue
        for sentence in re.split(r"[；。]", line):
            m = APPOINT.match(sentence) or RELEASE.match(sentence) or BARE.match(sentence) \
                or (heading and UNDER_HEADING.match(sentence))
            if m:
                total += len(m["n"].split("、")) * (1 + bool(SECOND_ACTION.search(sentence)))
    return total


def gold_docs(name: str, category: str) -> list[dict]:
    return [g for g in gold(name)["documents"] if g["category"] == category]


@pytest.mark.parametrize("name", NAMES)
def test_no_event_lost(parsed, name):
    issue = parsed(f"{name}.txt")
    for gdoc in gold_docs(name, "chronicle"):
        marks = sum(bool(DAY_MARK.match(l) or SAME_DAY.match(l)) for l in raw_lines(name, gdoc))
        doc = next(d for d in issue.documents if d.title == gdoc["title"])
        assert len(doc.events) == marks > 0


@pytest.mark.parametrize("name", NAMES)
def test_no_appointment_lost(parsed, name):
    issue = parsed(f"{name}.txt")
    for gdoc in gold_docs(name, "appointment"):
        doc = next(d for d in issue.documents if d.title == gdoc["title"])
        assert len(doc.appointments) == count_persons(raw_lines(name, gdoc)) > 0
    others = [a for d in issue.documents if d.category != "appointment" for a in d.appointments]
    assert others == []  # leading-group lists and 兼任 notes are no appointments


def test_marker_counts_match_the_gold():
    """The independent counts agree with the gold annotations (73 + 73 in yanzhou, 8 in jining)."""
    for name in NAMES:
        g = gold(name)
        events = sum(sum(bool(DAY_MARK.match(l) or SAME_DAY.match(l)) for l in raw_lines(name, d))
                     for d in gold_docs(name, "chronicle"))
        persons = sum(count_persons(raw_lines(name, d)) for d in gold_docs(name, "appointment"))
        assert (events, persons) == (len(g["chronicle"]), len(g["appointments"]))


# --- the figures the structure issue names ---------------------------------------------------

def doc_titled(issue, fragment: str):
    return next(d for d in issue.documents if fragment in (d.title or ""))


def test_repeal_decision_citations(parsed):
    doc = parsed("yanzhou-2021-03-04.txt").documents[0]
    relations = Counter(c.relation for c in doc.citations)
    assert relations == {"repeals": 33, "invalidates": 63}
    assert all(docnumber.DOC_NUMBER_RE.fullmatch(c.doc_number) for c in doc.citations)
    assert all(c.title for c in doc.citations)


def test_repeal_decision_citations_keep_no_ocr_form(parsed):
    doc = parsed("yanzhou-2021-03-04.txt").documents[0]
    assert not [c.doc_number for c in doc.citations if "政政" in c.doc_number or "济充" in c.doc_number]


@pytest.mark.parametrize("name", ["jining-gaoxin-2023-2-web", "jining-gaoxin-2023-03-09"])
def test_rule_has_seven_chapters_and_37_articles(parsed, name):
    doc = doc_titled(parsed(f"{name}.txt"), "实施办法")
    assert [c.number for c in doc.articles] == list(range(1, 8))
    assert all(c.kind == "chapter" for c in doc.articles)
    numbers = [a.number for c in doc.articles for a in c.children if a.kind == "article"]
    assert numbers == list(range(1, 38))
    assert doc.articles[3].children[0].id == "ch4/art17"


@pytest.mark.parametrize("name", ["jining-gaoxin-2023-03-09", "jining-gaoxin-2023-5-docx"])
def test_enclosed_plan_outline(parsed, name):
    doc = doc_titled(parsed(f"{name}.txt"), "实施方案")
    assert [(n.id, n.title) for n in doc.outline] == [
        ("s1", "指导思想"), ("s2", "工作内容"), ("s3", "工作步骤"), ("s4", "工作要求")]


def test_health_indicator_and_task_tables(parsed):
    issue = parsed("yanzhou-2021-03-04.txt")
    indicators = doc_titled(issue, "健康兖州建设").attachments_parts[0]
    assert len(indicators.tables) == 1 and len(indicators.tables[0].rows) == 30
    assert [r[0] for r in indicators.tables[0].rows] == [str(i) for i in range(1, 31)]
    tasks = doc_titled(issue, "慢性病综合防控示范区")
    assert len(tasks.tables) == 1 and tasks.tables[0].header[:2] == ["指标分类", "指标内容"]
    assert not any(r[:2] == ["指标分类", "指标内容"] for r in tasks.tables[0].rows)


@pytest.mark.parametrize("name", NAMES)
def test_body_and_parts_keep_every_line(parsed, name):
    """Moving attachments out of the body loses nothing: each source line is in the body or a part."""
    for doc in parsed(f"{name}.txt").documents:
        kept = doc.body + "\n" + "\n".join(p.text + "\n" + p.name for p in doc.attachments_parts)
        body_lines = [l for l in doc.source_lines if l.text in doc.body]
        if not doc.attachments_parts or not body_lines:
            continue
        after = [l for l in doc.source_lines if l.no > body_lines[-1].no]
        lost = [l.no for l in after if l.text not in kept and not re.match(r"^附\s*件", l.text)
                and re.sub(r"\s", "", l.text) not in re.sub(r"\s", "", kept)]
        assert lost == []
