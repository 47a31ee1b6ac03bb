"""Loaders on bulletins typeset differently from the samples.

Unseen TXT fixtures (tests/fixtures/unseen/) are set as DOCX (python-docx) in every house style
of benchmarks/typeset_docx.py: Title/Heading styles with a Word TOC (`toc 1` paragraphs, dot
leader tabs, PAGEREF fields); plain bold titles, indents typed as full-width spaces, issuer and
date split by a line break; larger unbolded titles, the TOC as a table, section breaks; Heading 1
titles with 一、/（一） from Word's automatic numbering; one flow without page breaks; the TOC as
a ruled table under a 目录 row.  When reportlab and a CJK font are installed, also as the PDFs of
benchmarks/typeset_unseen.py's PLAN (about 10 s; among them a header band of name, pinyin line,
issue and section over two columns with `- N -` page numbers and every font set at 1 pt and
scaled, the sample issue included).  Each file must score like its text: docs 1.000, >= 0.95 on
every other parser metric, and a mean within 0.02 of the TXT's.  `python
benchmarks/typeset_unseen.py` prints the table.
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import sys

import pytest

import gazette
from gazette.model import Line
from gazette.parsers.toc import parse_toc

from conftest import ROOT

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
sys.path.insert(0, str(ROOT / "benchmarks"))
typeset_source = importlib.import_module("typeset_source")
typeset_docx = importlib.import_module("typeset_docx")
typeset_unseen = importlib.import_module("typeset_unseen")

METRICS = ("docs", "fields", "bounds", "toc", "meta")
FIXTURES = sorted(stem for stem in typeset_unseen.PLAN if stem not in typeset_unseen.SAMPLES)


def _scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SCORE = _scorer()
TEXT_SCORES: dict = {}


def _mean(m):
    vals = [v for v in m.values() if v is not None]
    return sum(vals) / len(vals)


def _check(stem, path):
    """The rendition scores like its TXT: every document found, each parser metric >= 0.95, and
    its mean within 0.02 of the TXT's mean."""
    txt, gold_path = typeset_unseen.source(stem)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if stem not in TEXT_SCORES:
        TEXT_SCORES[stem] = _mean(SCORE.score_file(gold, gazette.parse(txt).to_dict()))
    m = SCORE.score_file(gold, gazette.parse(path).to_dict())
    assert m["docs"] == 1.0, (path.name, m)
    low = {k: m[k] for k in METRICS if m.get(k) is not None and m[k] < 0.95}
    assert not low, (path.name, m)
    assert _mean(m) >= TEXT_SCORES[stem] - 0.02, (path.name, m, TEXT_SCORES[stem])


@pytest.mark.parametrize("style", sorted(typeset_docx.STYLES))
@pytest.mark.parametrize("stem", FIXTURES)
def test_typeset_docx_scores_like_its_text(tmp_path, stem, style):
    name, blocks = typeset_source.blocks(*typeset_unseen.source(stem))
    path = tmp_path / f"{stem}.docx"
    typeset_docx.build(name, blocks, path, style)
    _check(stem, path)


def _typeset_pdf():
    pytest.importorskip("reportlab")
    typeset_pdf = importlib.import_module("typeset_pdf")
    if typeset_pdf.font() is None:
        pytest.skip("no CJK TrueType font installed (apt-get install fonts-wqy-zenhei)")
    return typeset_pdf


@pytest.mark.parametrize("stem", sorted(typeset_unseen.PLAN))
def test_typeset_pdf_scores_like_its_text(tmp_path, stem):
    typeset_pdf = _typeset_pdf()
    name, blocks = typeset_source.blocks(*typeset_unseen.source(stem))
    for k, options in enumerate(typeset_unseen.PLAN[stem][1]):
        path = tmp_path / f"{stem}-{k}.pdf"
        typeset_pdf.build(name, blocks, path, **options)
        _check(stem, path)


def test_toc_entry_wrapped_inside_its_document_number():
    texts = ["目  录", "市政府文件",
             "临江市人民政府关于印发森林防火工作方案的通知（临政发〔2020〕", "31号） .....1",
             "临江市人民政府关于任免刘海峰等同志职务的通知（临政任〔2020〕9号） .....4"]
    entries, _ = parse_toc([Line(no=i + 1, text=t) for i, t in enumerate(texts)], 0)
    assert [(e.title, e.doc_number, e.page) for e in entries] == [
        ("临江市人民政府关于印发森林防火工作方案的通知", "临政发〔2020〕31号", 1),
        ("临江市人民政府关于任免刘海峰等同志职务的通知", "临政任〔2020〕9号", 4)]


def test_toc_title_run_into_its_document_number():
    texts = ["目  录", "【市政府文件】",
             "云山市人民政府关于做好2022年度征兵工作的通知云政发〔2022〕8号.....4",
             "松林县人民政府办公室关于商请支持红色旅游公路建设的函",
             "松政办函〔2021〕8号.....5"]
    entries, _ = parse_toc([Line(no=i + 1, text=t) for i, t in enumerate(texts)], 0)
    assert [(e.title, e.doc_number, e.page) for e in entries] == [
        ("云山市人民政府关于做好2022年度征兵工作的通知", "云政发〔2022〕8号", 4),
        ("松林县人民政府办公室关于商请支持红色旅游公路建设的函", "松政办函〔2021〕8号", 5)]
