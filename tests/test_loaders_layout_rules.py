"""Layout rules of issue 10 on real files typeset at test time (benchmarks/typeset_*.py) and on
pages laid out character by character where one rule is to be isolated.

- a running header band (name over its pinyin line, issue and section at the right) and `- N -`
  page numbers are dropped, whatever they say, because they repeat at one height;
- numbers that do not move with the page (`附件1` at the top of one page, `附件2` of another) and
  the first line of a title at the top of several pages are no running header;
- a page number printed only inside the header, a section banner over every page;
- a heading set at 1 pt and scaled by the text matrix reads line by line, in order;
- attachment names hanging under their number are whole;
- a TOC whose page numbers stand apart without dots gets its leader;
- a Word TOC set as a table with its 目录 heading inside becomes TOC lines.
"""
from __future__ import annotations

import importlib
import json
import re
import sys

import pytest

from conftest import ROOT
from gazette.loaders import load
from gazette.loaders.paragraphs import assemble
from gazette.loaders.pdf_layout import Char, PageContent, layout_document

sys.path.insert(0, str(ROOT / "benchmarks"))
typeset_source = importlib.import_module("typeset_source")
typeset_unseen = importlib.import_module("typeset_unseen")
typeset_docx = importlib.import_module("typeset_docx")


def _typeset_pdf():
    pytest.importorskip("reportlab")
    module = importlib.import_module("typeset_pdf")
    if module.font() is None:
        pytest.skip("no CJK TrueType font installed (apt-get install fonts-wqy-zenhei)")
    return module


def _build(tmp_path, stem, layout):
    typeset_pdf = _typeset_pdf()
    name, blocks = typeset_source.blocks(*typeset_unseen.source(stem))
    path = tmp_path / f"{stem}-{layout}.pdf"
    typeset_pdf.build(name, blocks, path, **typeset_unseen.PLAN[stem][1][layout])
    return load(path)


@pytest.fixture(scope="module")
def band(tmp_path_factory):
    """qinghe in the header-band house style: name + pinyin + issue + section, `- N -`, two
    columns, every font at 1 pt scaled, a 22 pt attachment heading, hanging attachment notes."""
    return _build(tmp_path_factory.mktemp("band"), "qinghe-shi-2022-06", 3)


def test_header_band_is_dropped_whatever_it_says(band):
    texts = [line.text for line in band.lines]
    assert not [t for t in texts if "QINGHESHI" in t or "GONGBAO" in t]
    assert not [t for t in texts if re.fullmatch(r"[-\s\d]+", t)]
    assert not [t for t in texts if t in ("市政府令", "市政府文件", "市政府办公室文件", "人事任免", "政务动态")]
    # the name stays where it is content: the cover
    assert [line.page for line in band.lines if line.text.startswith("清河市人民政府公报")] == [1]


def test_large_heading_set_at_one_point_reads_line_by_line(band):
    texts = [line.text for line in band.lines]
    assert "清河市城乡居民医疗救助实施方案" in texts  # 22 pt over two lines of a column
    assert "清河市县域商业体系建设重点任务分工表" in texts
    sizes = {line.hints.get("size") for line in band.lines if line.text == "清河市城乡居民医疗救助实施方案"}
    assert sizes == {22.0}


def test_attachment_names_hanging_under_their_number_are_whole(band):
    texts = [line.text for line in band.lines]
    assert "附件：1.清河市县域商业体系建设重点任务分工表" in texts
    assert "2.清河市县域商业体系建设项目储备表" in texts


def test_page_number_only_in_the_header_and_section_banners(tmp_path):
    loaded = _build(tmp_path, "songlin-xian-2021-02", 2)
    texts = [line.text for line in loaded.lines]
    assert not [t for t in texts if t.strip().isdigit()]
    banners = [line for line in loaded.lines if re.fullmatch(r"【[^】]+】", line.text)]
    assert banners and {line.page for line in banners} == {1}  # the TOC's sections, not the banners
    assert not [t for t in texts if re.match(r"松林县人民政府公报\s*\d", t)]  # the header: name and number


SIZE = 10.0


def _row(x, top, text, size=SIZE):
    return [Char(ch, x + k * size, x + (k + 1) * size, top, top + size, size, False, top + 0.88 * size)
            for k, ch in enumerate(text) if ch != " "]


BODY = "为进一步加强和改进政务公开工作，推动政府信息管理规范化，现就有关事项通知如下。"


def _page(no, top_rows):
    rows = [c for x, top, text in top_rows for c in _row(x, top, text)]
    for k in range(12):
        rows += _row(60, 120 + 18 * k, BODY[k % 5:] + BODY[:k % 5])
    return PageContent(no, 595, 842, rows)


def test_numbers_that_do_not_move_with_the_page_are_no_running_header():
    heads = {1: "附件1", 2: None, 3: "附件2", 4: None, 5: "附件3", 6: None}
    pages = []
    for no, head in heads.items():
        top = [(60, 40, f"某某市人民政府公报 第{no + 4}页")] + ([(60, 80, head)] if head else [])
        pages.append(_page(no, top))
    texts = [line.text for line in assemble(layout_document(pages))[0]]
    assert [t for t in texts if t.startswith("附件")] == ["附件1", "附件2", "附件3"]
    assert not [t for t in texts if "公报" in t]


def test_a_page_number_standing_apart_gets_a_leader_a_table_row_does_not():
    rows = _row(60, 80, "关于加强政务公开工作的通知（某政发〔2024〕3号）") + _row(500, 80, "12")
    rows += _row(60, 110, "序号 项目名称") + _row(260, 110, "建设地点") + _row(500, 110, "850")
    texts = [line.text for line in assemble(layout_document([PageContent(1, 595, 842, rows)]))[0]]
    assert texts[0] == "关于加强政务公开工作的通知（某政发〔2024〕3号）.....12"
    assert ".....850" not in texts[1]


def test_word_toc_table_with_its_heading_inside(tmp_path):
    name, blocks = typeset_source.blocks(*typeset_unseen.source("qinghe-shi-2022-06"))
    path = tmp_path / "grid.docx"
    typeset_docx.build(name, blocks, path, "toc-grid")
    loaded = load(path)
    texts = [line.text for line in loaded.lines[:16]]
    assert "目  录" in texts and "【市政府令】" in texts
    assert "◆清河市城市供水管理办法（清河市人民政府令第12号）.....2" in texts
    assert not [line for line in loaded.lines[:16] if line.hints.get("table")]
    assert not loaded.tables or all(t.lines[0] > 16 for t in loaded.tables)


def test_inspect_shows_what_the_loader_decided(tmp_path, capsys):
    from gazette.cli import run

    _typeset_pdf()
    name, blocks = typeset_source.blocks(*typeset_unseen.source("qinghe-shi-2022-06"))
    path = tmp_path / "band.pdf"
    importlib.import_module("typeset_pdf").build(name, blocks, path, **typeset_unseen.PLAN["qinghe-shi-2022-06"][1][3])
    png = tmp_path / "page.png"
    assert run(["inspect", str(path), "--page", "3", "-o", str(png), "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    dropped = " ".join(f["text"] for f in view["furniture"])
    assert "QINGHESHI" in dropped and "- 3 -" in dropped
    assert view["gutter"] and len(view["tables"]) == 2 and not view["read_by_ocr"]
    loaded = {line.no: line.text for line in load(path).lines}
    assert all(loaded[item["line"]] == item["loaded"] for item in view["lines"])
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert run(["inspect", str(path), "--page", "99"]) == 2
