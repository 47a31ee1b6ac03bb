"""PDF layout rules on synthetic pages (characters placed like a typesetter would), so other
gazettes' layouts are covered too: one column, two columns under a full-width title, a page
whose right column is empty, running headers and page numbers in their usual forms."""
from __future__ import annotations

from gazette.loaders.paragraphs import assemble
from gazette.loaders.pdf_layout import Char, PageContent, layout_document

SIZE = 10.0
W, H = 595.0, 842.0


def typeset(lines, *, size=SIZE, bold=False):
    """lines: (x, top, text) -> characters one em wide, full-width punctuation included."""
    out = []
    for x, top, text in lines:
        for k, ch in enumerate(text):
            if ch == " ":
                continue
            out.append(Char(ch, x + k * size, x + (k + 1) * size, top, top + size * 1.2, size, bold))
    return out


def paragraph(x0, top, text, width_chars, indent=2, pitch=18.0):
    """A paragraph wrapped at width_chars, first line indented by `indent` characters."""
    rows, first, rest = [], text[: width_chars - indent], text[width_chars - indent:]
    rows.append((x0 + indent * SIZE, top, first))
    while rest:
        top += pitch
        rows.append((x0, top, rest[:width_chars]))
        rest = rest[width_chars:]
    return rows, top + pitch


def furniture(page_no, number_form):
    header = typeset([(60, 30, "某某市人民政府公报"), (450, 30, "2024年第1期")], size=9)
    footer = typeset([(290, 800, number_form.format(page_no))], size=9)
    return header + footer


BODY = "为进一步加强和改进政务公开工作，推动政府信息管理规范化，现就有关事项通知如下，请认真贯彻落实。"


def _text(lines):
    return [line.text for line in lines]


def test_one_column_pages_with_headers_and_dash_page_numbers():
    pages, expected = [], []
    for no in (1, 2, 3):
        first, second = "一是" + BODY[no:] + BODY, "二是" + BODY
        rows, top = paragraph(60, 80, first, 47)
        rows2, _ = paragraph(60, top, second, 47)
        pages.append(PageContent(no, W, H, typeset(rows + rows2) + furniture(no, "- {} -")))
        expected += [first, second]
    lines, _ = assemble(layout_document(pages))
    assert _text(lines) == expected
    assert [line.page for line in lines] == [1, 1, 2, 2, 3, 3]


def test_two_columns_under_a_full_width_title():
    title = typeset([(173, 60, "关于做好政务公开工作的通知")], size=18, bold=True)  # centred over 60..520
    left, _ = paragraph(60, 120, BODY * 3, 21)                  # 60 .. 270
    right, _ = paragraph(310, 120, "（二）" + BODY * 2, 21)      # 310 .. 520
    page = PageContent(1, W, H, title + typeset(left + right) + furniture(1, "{}"))
    lines, _ = assemble(layout_document([page, PageContent(2, W, H, furniture(2, "{}"))]))
    assert _text(lines) == ["关于做好政务公开工作的通知", BODY * 3, "（二）" + BODY * 2]
    assert lines[0].hints["centered"] and lines[0].hints["bold"]


def test_a_page_whose_right_column_is_empty_keeps_its_paragraphs():
    def two_columns(no):
        left, _ = paragraph(60, 80, BODY[no:] + BODY * 5, 21)
        right, _ = paragraph(310, 80, BODY[no + 3:] + BODY * 5, 21)
        return PageContent(no, W, H, typeset(left + right) + furniture(no, "（{}）"))

    rows, top = paragraph(60, 80, BODY * 2, 21)
    short = typeset(rows + [(120, top + 40, "某某市人民政府"), (140, top + 58, "2024年3月1日")])
    pages = [two_columns(1), two_columns(2), PageContent(3, W, H, short + furniture(3, "（{}）"))]
    lines, _ = assemble(layout_document(pages))
    assert _text(lines)[-3:] == [BODY * 2, "某某市人民政府", "2024年3月1日"]
    assert not [t for t in _text(lines) if "公报" in t or t.strip("（）").isdigit()]


def test_a_paragraph_runs_on_across_a_page_break():
    rows, _ = paragraph(60, 700, BODY * 3, 47)       # lines at the foot of page 1 ...
    head = typeset(rows[:-1])                         # ... the last one moves to page 2
    tail = typeset([(60, 80, rows[-1][2])])
    pages = [PageContent(1, W, H, head + furniture(1, "{}")), PageContent(2, W, H, tail + furniture(2, "{}"))]
    lines, _ = assemble(layout_document(pages))
    assert _text(lines) == [BODY * 3]
    assert lines[0].page == 1


def test_table_over_a_page_break_header_once_split_row_merged():
    from gazette.loaders.pdf_layout import VLine

    def row(cells, page, table, top):
        return VLine("\t".join(cells), 60, 520, top, top + 20, 9, False, page, 60, 520, cells=cells, table=table)

    header = ["序号", "工作任务", "责任单位"]
    items = [
        row(header, 1, 1, 100),
        row(["1", "推进政务公开标准化规范化。", "区政务公开办"], 1, 1, 120),
        row(["2", "建立健全政策解读机制，做好重要政策", "区政府办公室"], 1, 1, 140),
        row(header, 2, 2, 60),
        row(["", "的解读回应工作。", ""], 2, 2, 80),
        row(["3", "加强政府网站管理。", "区大数据中心"], 2, 2, 100),
    ]
    lines, tables = assemble(items)
    assert [line.text for line in lines] == [
        "序号\t工作任务\t责任单位", "1\t推进政务公开标准化规范化。\t区政务公开办",
        "2\t建立健全政策解读机制，做好重要政策的解读回应工作。\t区政府办公室", "3\t加强政府网站管理。\t区大数据中心"]
    assert tables[0].header == header and len(tables[0].rows) == 3
    assert tables[0].lines == [1, 4]
    assert lines[3].hints.get("page_break")  # the first line that starts on page 2


def test_text_layer_without_unicode_is_reported():
    from gazette.loaders.scan import unreadable

    assert unreadable(typeset([(60, 80, "\ue001\ue002\ue003\ue004 ok")]))
    assert not unreadable(typeset([(60, 80, "关于印发实施方案的通知")]))
