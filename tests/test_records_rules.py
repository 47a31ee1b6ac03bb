"""Rule fixtures for the record parsers: one pytest case per input/expected pair in
tests/fixtures/records/<kind>.json, so a failing case names itself."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazette.model import Document, Line
from gazette.parsers.records import appointments, articles, chronicle, citations, enrich, tables
from gazette.parsers.records.text import fold

FIXTURES = Path(__file__).parent / "fixtures" / "records"


def cases(kind: str):
    data = json.loads((FIXTURES / f"{kind}.json").read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["name"]) for c in data]


def lines_of(texts: list[str], first: int = 1) -> list[Line]:
    return [Line(no=first + i, text=t) for i, t in enumerate(texts)]


@pytest.mark.parametrize("case", cases("appointments"))
def test_appointments(case):
    recs = appointments.parse_appointments(lines_of(case["lines"]), strict=case.get("strict", False))
    got = [[r.action, r.person, r.position, r.note, r.date, r.body] for r in recs]
    assert got == case["expect"]
    assert all(r.lines and r.lines[0] >= 1 for r in recs)


@pytest.mark.parametrize("case", cases("chronicle"))
def test_chronicle(case):
    events, warnings = chronicle.parse_chronicle(lines_of(case["lines"]), year=case.get("year"))
    assert [[e.date, e.date_end, e.text] for e in events] == case["expect"]
    assert [w.code for w in warnings] == case["warnings"]
    assert all(e.lines[0] <= e.lines[1] for e in events)


def flatten(nodes):
    for n in nodes:
        yield n
        yield from flatten(n.children)


@pytest.mark.parametrize("case", cases("articles"))
def test_articles_and_outline(case):
    build = articles.build_articles if case["kind"] == "articles" else articles.build_outline
    tree = build(lines_of(case["lines"]))
    assert [[n.id, n.kind, n.number, n.title] for n in flatten(tree)] == case["expect"]
    if "expect_text" in case:
        assert [n.text for n in flatten(tree)] == case["expect_text"]


@pytest.mark.parametrize("case", cases("attachments"))
def test_attachments(case):
    lines = lines_of(case["lines"])
    body = "\n".join(l.text for l in lines[1:])
    doc = Document(seq=1, title=case["lines"][0], attachments=case["attachments"], body=body, source_lines=lines)
    enrich(doc)
    assert [[p.name, p.text] for p in doc.attachments_parts] == case["expect_parts"]
    assert doc.body.endswith(case["expect_body_end"])
    kept = doc.body + "\n" + "\n".join(p.text for p in doc.attachments_parts)
    for line in lines[1:]:  # nothing lost: every line is in the body, a part's text or a part's name
        assert line.text in kept or any(fold(line.text).strip("()") in fold(p.name) for p in doc.attachments_parts) \
            or line.text.startswith("附件")


@pytest.mark.parametrize("case", cases("tables"))
def test_tables(case):
    found = tables.find_tables(lines_of(case["lines"]))
    assert [{"header": s.table.header, "rows": s.table.rows} for s in found] == case["expect"]


@pytest.mark.parametrize("case", cases("citations"))
def test_citations(case):
    relation = citations.relation_for(case.get("heading"))
    found = citations.merge(citations.find_citations(lines_of(case["lines"]), own=case["own"], relation=relation))
    assert [[c.doc_number, c.title, c.relation] for c in found] == case["expect"]


def test_enrich_routes_by_category():
    """Rules get articles, other notices an outline, 任免 lists appointments, chronicles events."""
    def doc(category, texts, **kw):
        lines = lines_of(texts)
        return Document(seq=1, title=texts[0], category=category, body="\n".join(texts[1:]), source_lines=lines, **kw)

    rule = doc("rule", ["某某办法", "第一条 为规范某事，制定本办法。", "第二条 本办法自印发之日起施行。"])
    notice = doc("notice", ["某某方案", "一、目标", "二、措施"])
    appointment = doc("appointment", ["某某任免名单", "2022年3月2日", "甲乙任区某局局长。"])
    chronicle_doc = doc("chronicle", ["某某大事记", "2022年3月", "2日 某会议召开。"])
    for d in (rule, notice, appointment, chronicle_doc):
        assert enrich(d) == []
    assert [n.id for n in rule.articles] == ["art1", "art2"] and rule.outline == []
    assert [n.id for n in notice.outline] == ["s1", "s2"] and notice.articles == []
    assert [(a.person, a.date) for a in appointment.appointments] == [("甲乙", "2022-03-02")]
    assert [(e.date, e.text) for e in chronicle_doc.events] == [("2022-03-02", "某会议召开。")]


def test_a_rule_sent_as_an_attachment_gets_its_articles():
    texts = ["关于印发某某管理办法的通知", "现将《某某管理办法》印发给你们。", "附件：某某管理办法", "某区人民政府", "2022年1月5日",
             "附件", "某某管理办法", "第一条 为规范某事，制定本办法。", "第二条 本办法自印发之日起施行。"]
    lines = lines_of(texts)
    doc = Document(seq=1, title=texts[0], category="rule", enclosure_title="某某管理办法", attachments=["某某管理办法"],
                   body="\n".join(texts[1:]), source_lines=lines)
    enrich(doc)
    assert [p.name for p in doc.attachments_parts] == ["某某管理办法"]
    assert [n.id for n in doc.articles] == ["art1", "art2"]
    assert doc.body.endswith("2022年1月5日")


def test_an_appointment_list_sent_as_an_attachment_is_read():
    texts = ["关于甲乙等同志任免职的通知", "各单位：", "现将甲乙等同志任免职名单印发给你们。", "附件：甲乙等同志任免职名单",
             "某区人民政府", "2022年8月1日", "附件", "甲乙等同志任免职名单", "任命甲乙为区某局局长；", "免去丙丁的区某局局长职务。"]
    doc = Document(seq=1, title=texts[0], category="appointment", date="2022-08-01",
                   attachments=["甲乙等同志任免职名单"], body="\n".join(texts[1:]), source_lines=lines_of(texts))
    enrich(doc)
    assert [(a.action, a.person, a.date) for a in doc.appointments] == [("任命", "甲乙", "2022-08-01"),
                                                                        ("免去", "丙丁", "2022-08-01")]
