"""The PDF loader on the typeset yanzhou issue: reading order over two columns, running
headers and page numbers gone, ruled tables as rows with the repeated header once,
paragraphs joined, every line with its page."""
from __future__ import annotations

import re
import unicodedata

import pytest

from conftest import SAMPLES
from gazette.loaders import load


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pdf():
    return load(SAMPLES / "yanzhou-2021-03-04.pdf")


def test_pages_and_format(pdf):
    assert pdf.format == "pdf" and pdf.pages == 44
    assert all(line.page for line in pdf.lines)
    pages = [line.page for line in pdf.lines]
    assert pages == sorted(pages)


def test_a_paragraph_across_a_column_break_is_intact(pdf):
    # page 3: this paragraph runs down the left column; the right column holds the attachment list
    paragraph = ("为认真贯彻习近平新时代中国特色社会主义思想和党的十九大及十九届二中、三中、四中全会精神，"
                 "进一步优化营商环境，保护各类市场主体合法权益，激发市场活力，促进高质量发展，")
    assert any(line.text.startswith(paragraph) and line.text.endswith("不再作为行政管理的依据。")
               for line in pdf.lines)


def test_paragraphs_of_the_text_version_come_out_whole(pdf):
    """The TXT sample is the same issue as extracted text: its paragraphs must be whole lines
    of the PDF (reading order right, columns not interleaved)."""
    lines = [_fold(line.text) for line in pdf.lines]
    reference = [_fold(t) for t in (SAMPLES / "yanzhou-2021-03-04.txt").read_text(encoding="utf-8").splitlines()]
    reference = [t for t in reference if len(t) >= 25 and "\t" not in t]
    intact = sum(any(t in line for line in lines) for t in reference)
    assert intact / len(reference) >= 0.95


def test_running_headers_and_page_numbers_are_gone(pdf):
    texts = [line.text for line in pdf.lines]
    assert not [t for t in texts if re.fullmatch(r"\d{1,3}", t)]
    assert not [t for t in texts if "2021年第3-4期" in t and "公报" in t]
    # the gazette name stays where it is content: the cover and the colophon
    assert [line.page for line in pdf.lines if line.text.startswith("济宁市兖州区人民政府公报")] == [1, 44]


def test_section_header_on_appointment_pages_is_gone(pdf):
    assert not [line for line in pdf.lines if line.text.strip() == "人事任免"]


def test_task_table_header_appears_once(pdf):
    headers = [line for line in pdf.lines if line.hints.get("table") and line.text.startswith("指标分类\t")]
    assert len(headers) == 1
    assert headers[0].text.split("\t") == ["指标分类", "指标内容", "指标要求", "评分标准", "牵头单位", "配合单位"]


def test_table_rows_and_table_objects(pdf):
    rows = [line for line in pdf.lines if line.hints.get("table")]
    assert rows and all("\t" in line.text for line in rows)
    indicator = next(t for t in pdf.tables if t.header[:2] == ["序号", "指 标"])
    assert len(indicator.rows) == 30  # one table over two pages, its header row once
    assert indicator.rows[0][:2] == ["1", "人均预期寿命（岁）"]


def test_titles_are_one_centred_line(pdf):
    title = "济宁市兖州区人民政府关于贯彻健康山东行动推进健康兖州建设的实施意见"
    line = next(line for line in pdf.lines if line.text == title and line.page == 7)
    assert line.hints["centered"] and line.hints["size"] > 15 and line.hints.get("page_break")


def test_signature_and_date_stay_apart(pdf):
    texts = [line.text for line in pdf.lines]
    k = texts.index("济宁市兖州区人民政府")
    assert texts[k + 1] == "2021年3月26日"


def test_toc_entries_keep_title_and_number_lines(pdf):
    texts = [line.text for line in pdf.lines[:30]]
    assert "济宁市兖州区人民政府办公室关于印发《济宁市兖州区创建省级慢性病综合防控示范区工作方案》的通知" in texts
    assert "(济充政办字〔2021〕4号) .....15" in texts


def test_kangxi_radicals_are_left_for_the_normalizer(tmp_path):
    from gazette.loaders.paragraphs import assemble
    from gazette.loaders.pdf_layout import VLine

    line = VLine("劳动⼒", 0, 100, 0, 10, 10, False, 1, 0, 100)
    lines, _ = assemble([line])
    assert lines[0].text == "劳动⼒"


def _three_pages(turn_content: bool, rotate_display: bool) -> bytes:
    import io

    pypdf = pytest.importorskip("pypdf")
    from pypdf import Transformation
    from pypdf.generic import RectangleObject

    writer = pypdf.PdfWriter()
    for page in pypdf.PdfReader(SAMPLES / "yanzhou-2021-03-04.pdf").pages[2:5]:
        page = writer.add_page(page)
        if turn_content:  # the text runs up the page, as in a landscape table set sideways
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            page.add_transformation(Transformation().rotate(90).translate(tx=h, ty=0))
            page.mediabox = page.cropbox = RectangleObject([0, 0, h, w])
        if rotate_display:
            page.rotate(90)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("turn_content,rotate_display", [(True, True), (True, False), (False, True)])
def test_rotated_pages_read_like_upright_ones(tmp_path, turn_content, rotate_display):
    upright = tmp_path / "upright.pdf"
    upright.write_bytes(_three_pages(False, False))
    turned = tmp_path / "turned.pdf"
    turned.write_bytes(_three_pages(turn_content, rotate_display))
    expected = [line.text for line in load(upright).lines]
    assert expected[0] == "济宁市兖州区人民政府关于废止和宣布失效一批区政府文件的决定"
    assert [line.text for line in load(turned).lines] == expected
