"""The DOCX loader on the real Word files: body order, tables where they stand, styles as
hints, bookmarks/fields/headers/footers out of the text, page breaks as hints."""
from __future__ import annotations

import pytest

from conftest import SAMPLES
from gazette.loaders import load


@pytest.fixture(scope="module")
def issue():
    return load(SAMPLES / "yanzhou-2021-03-04.docx")


@pytest.fixture(scope="module")
def single():
    return load(SAMPLES / "jining-gaoxin-2023-5.docx")


def test_tables_come_in_document_order(issue):
    texts = [line.text for line in issue.lines]
    first = next(i for i, line in enumerate(issue.lines) if line.hints.get("table"))
    assert texts[first - 1] == "健康兖州行动主要指标"  # the table follows its caption
    assert texts[first].split("\t") == ["序号", "指 标", "2022 年", "2030 年"]
    assert texts[first + 1].startswith("1\t人均预期寿命")
    task = next(t for t in issue.tables if t.header[0] == "指标分类")
    assert texts[task.lines[0] - 2] == "兖州区创建省级慢性病综合防控示范区任务分解表"
    assert issue.tables[0].lines[0] < task.lines[0]


def test_repeated_header_row_once(issue):
    assert sum(line.text.startswith("指标分类\t") for line in issue.lines) == 1


def test_styles_and_headings_as_hints(issue):
    title = [line for line in issue.lines if line.text == "济宁市兖州区人民政府关于废止和宣布失效一批区政府文件的决定"][1]
    assert title.hints["style"] == "Title" and title.hints["centered"] and title.hints.get("page_break")
    heading = next(line for line in issue.lines if line.text == "一、总体目标")
    assert heading.hints["heading"] == 1 and heading.hints["style"] == "Heading 1"
    number = next(line for line in issue.lines if line.text == "济兖政发〔2021〕5号")
    assert number.hints["style"] == "发文字号" and number.hints["centered"]


def test_header_and_footer_are_not_text(issue):
    # the running header (gazette name) and the PAGE field live in header1/footer1.xml;
    # the name is text only on the cover and in the colophon
    where = [line.no for line in issue.lines if line.text == "济宁市兖州区人民政府公报"]
    assert where == [1, len(issue.lines) - 6]


def test_bookmark_is_gone(single):
    assert not [line for line in single.lines if "bookmark" in line.text or "_GoBack" in line.text]


def test_multi_paragraph_title_is_one_line(single):
    assert single.lines[1].text == "济宁高新区管委会关于印发济宁高新区巩固国家卫生城市工作实施方案的通知"
    assert single.lines[0].text == "济高新管字〔2023〕5号"


def test_page_break_before_enclosure(single):
    enclosure = next(line for line in single.lines if line.text.startswith("济宁高新区巩固国家卫生城市工作实"))
    assert enclosure.hints.get("page_break")
    assert enclosure.text == "济宁高新区巩固国家卫生城市工作实 施 方 案"


def test_signature_lines_apart(single):
    texts = [line.text for line in single.lines]
    k = texts.index("济宁高新区管委会")
    assert texts[k + 1] == "2023年2月24日"


def test_line_breaks_and_fields(tmp_path):
    """A manual line break splits a paragraph; a field shows its result, not its code."""
    import docx

    doc = docx.Document()
    p = doc.add_paragraph("济宁市某某区人民政府")
    p.runs[0].add_break()
    p.add_run("2023年1月5日")
    q = doc.add_paragraph("第")
    run = q.add_run()
    fld = run._r
    from docx.oxml import parse_xml
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for xml in (f'<w:fldChar {ns} w:fldCharType="begin"/>', f'<w:instrText {ns}> PAGE </w:instrText>',
                f'<w:fldChar {ns} w:fldCharType="separate"/>', f'<w:t {ns}>3</w:t>',
                f'<w:fldChar {ns} w:fldCharType="end"/>'):
        fld.append(parse_xml(xml))
    q.add_run("页")
    path = tmp_path / "small.docx"
    doc.save(path)
    texts = [line.text for line in load(path).lines]
    assert texts == ["济宁市某某区人民政府", "2023年1月5日", "第3页"]


def test_automatic_numbering_labels(tmp_path):
    """Headings numbered by Word (numbering.xml) get the label Word prints: 一、 （一） 1."""
    import docx
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        '<w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
        '<w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    numbered("总体要求", 0)
    numbered("指导思想", 1)
    numbered("坚持问题导向。", 2)
    numbered("坚持系统观念。", 2)
    numbered("工作目标", 1)
    numbered("主要任务", 0)
    doc.add_paragraph("• 不编号的段落")
    path = tmp_path / "numbered.docx"
    doc.save(path)
    assert [line.text for line in load(path).lines] == [
        "一、总体要求", "（一）指导思想", "1. 坚持问题导向。", "2. 坚持系统观念。", "（二）工作目标", "二、主要任务",
        "• 不编号的段落"]


def test_chinese_numerals():
    from gazette.loaders.docx_numbering import chinese

    assert [chinese(n) for n in (1, 10, 11, 20, 21, 100, 105, 110, 1001)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十", "一千零一"]


def test_title_set_by_direct_formatting_is_one_line(tmp_path):
    """Many gazette DOCX files set the title as centred 22 pt Normal paragraphs, not `Title`."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = docx.Document()
    for text in ("某某县人民政府办公室", "关于印发某某县政务公开工作要点的通知"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).font.size = Pt(22)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.add_run("某政办发〔2024〕3号").font.size = Pt(16)
    doc.add_paragraph("各乡镇人民政府：")
    path = tmp_path / "title.docx"
    doc.save(path)
    lines = load(path).lines
    assert [line.text for line in lines] == [
        "某某县人民政府办公室关于印发某某县政务公开工作要点的通知", "某政办发〔2024〕3号", "各乡镇人民政府："]
    assert lines[0].hints["centered"] and lines[0].hints["size"] == 22


def test_text_box_text_once(tmp_path):
    """A masthead in a text box is read once, although Word stores it twice (drawing + VML)."""
    import docx
    from docx.oxml import parse_xml

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    box = '<w:txbxContent><w:p><w:r><w:t>某某市人民政府公报</w:t></w:r></w:p></w:txbxContent>'
    doc = docx.Document()
    p = doc.add_paragraph("2024年第1期")
    p._p.insert(0, parse_xml(
        f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx>'
        f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>'))
    path = tmp_path / "box.docx"
    doc.save(path)
    assert [line.text for line in load(path).lines] == ["某某市人民政府公报", "2024年第1期"]
