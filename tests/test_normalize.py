"""Each guarantee stated in gazette.normalize's docstring has a test here (real steps, small inputs)."""
from __future__ import annotations

import pytest

import gazette
from gazette.model import Line
from gazette.normalize import Context, normalize

from conftest import SAMPLES


def run(*texts: str) -> tuple[list[str], Context]:
    lines, ctx = normalize([Line(no=i, text=t) for i, t in enumerate(texts, start=1)])
    return [l.text for l in lines], ctx


def rules(ctx: Context) -> set[str]:
    return {c.rule for c in ctx.corrections}


def test_1_compat_ideographs_are_folded():
    out, ctx = run("加强组织领导，⼒争⽇常管理。")
    assert out == ["加强组织领导，力争日常管理。"]
    assert {(c.raw, c.fixed) for c in ctx.corrections} >= {("⼒", "力"), ("⽇", "日")}


@pytest.mark.parametrize("raw,fixed,rule", [
    ("[bookmark: _GoBack]1. 完善工作长效机制建设。", "1. 完善工作长效机制建设。", "docx-bookmark"),
    ("- 主任:** 谭某某 (副区长)", "主任: 谭某某 (副区长)", "markdown"),
    ("风险分级管理率 $\\geq 90\\%$；", "风险分级管理率 ≥90%；", "latex"),
    ("覆盖率 \\geq 90%，1 分。", "覆盖率 ≥90%，1 分。", "latex"),
    ("梳理与企业 and 群众生产生活密切相关。", "梳理与企业和群众生产生活密切相关。", "english-and"),
])
def test_2_markup_debris_is_removed(raw, fixed, rule):
    out, ctx = run(raw)
    assert out == [fixed]
    assert rule in rules(ctx)


def test_3_web_furniture_and_metadata_block():
    out, ctx = run("当前位置: 首页", ">政务公开>政策文件>某某字", "索引号: 1137/2023-00348 发布机构: 某区党政办公室",
                   "成文日期: 2023-02-14 失效日期:", "某区管委会关于印发某办法的通知", "正文第一句。",
                   "文件下载.png", "某管字〔2023〕2号", "(关于印发某办法的通知).doc",
                   "主要领导人解读 | 行政审", "批服务局副局长解读《某办法》", "来源:某区党政办公室")
    assert out == ["某区管委会关于印发某办法的通知", "正文第一句。"]
    assert ctx.metadata["索引号"] == "1137/2023-00348"
    assert ctx.metadata["发布机构"] == "某区党政办公室"
    assert ctx.metadata["成文日期"] == "2023-02-14"


def test_3_tools_run_together_and_their_counters_are_chrome():
    out, ctx = run("发布时间:2018-11-12 17:25:15", "4874268", "某县人民政府关于某事项的通告", "正文第一句。",
                   "2019年1月16日", "打赏捐赠", "0", "!我要举报这篇文章")
    assert out == ["某县人民政府关于某事项的通告", "正文第一句。", "2019年1月16日"]


def test_3_portal_facts_in_other_shapes_are_chrome():
    out, ctx = run("某市人民政府办公室关于印发某预案的通知", "上载日期: 2019-11-21 来源: 市人民政府办公室",
                   "  • 时间:2019-12-31", "  • 点击:9", "时间:2021年04月14日 点击次数:9634", "正文第一句。",
                   "某市人民政府", "2021年1月11日", "用户登录", "还没有账号?", "立即注册", "表情",
                   "征收公告〔2020〕第8号勘界图1.jpg征收公告〔2020〕第8号勘界图2.jpg征收")
    assert out == ["某市人民政府办公室关于印发某预案的通知", "正文第一句。", "某市人民政府", "2021年1月11日"]


def test_3_news_wrappers_and_forum_junk_are_no_text():
    out, ctx = run("新华网北京3月16日电 某市人民代表大会关于某事的决议", "颗粒名称: 某县1958年大事记", "查看原文",
                   "论文部分内容阅读", "（本文有删减）", "（此页无正文）",
                   '& L. [" f: o0 _, Y( T* [3 n关于撤销某社区的通知9 x0 G- Z! G2 Z5 Y$ q',
                   "The county government decided to merge the two communities into one for better management.",
                   "正文第一句，数据见下表。", "12 34 56 78")
    assert out == ["某市人民代表大会关于某事的决议", "关于撤销某社区的通知", "正文第一句，数据见下表。", "12 34 56 78"]
    assert ctx.metadata["颗粒名称"] == "某县1958年大事记"


def test_3_a_related_items_heading_after_the_text_closes_the_page():
    """Real capture (samples/web5/13): '相关链接' and the news teaser under it are the site's, not the
    resolution's; a '相关阅读' before any text is only a chrome line."""
    issue = gazette.parse(SAMPLES / "web5" / "13-npc-20xx-jueyi-redacted.txt")
    assert issue.documents[0].lines == [2, 5]
    assert {c.line for c in issue.corrections if c.rule == "web-furniture"} == {6, 7}
    out, _ = run("相关阅读", "某县人民政府关于某事的通知", "正文第一句。")
    assert out == ["某县人民政府关于某事的通知", "正文第一句。"]


def test_4_running_header_and_page_numbers_are_dropped():
    out, ctx = run("【 人事任免 】40", "原某中心主任职务名称变更为某事务中心", "人事任免",
                   "主任、副主任。", "— 12 —", "第二段。")
    assert "人事任免" not in out
    assert "原某中心主任职务名称变更为某事务中心主任、副主任。" in out
    assert all("12" not in t for t in out[1:])
    assert "running-header" in rules(ctx)


@pytest.mark.parametrize("raw,fixed", [
    ("实 施 方 案", "实施方案"), ("第一章 总 则", "第一章 总则"), ("组 长：王 某 区长", "组长：王某 区长"),
    ("目 录", "目录"),
])
def test_5_letter_spacing_is_closed(raw, fixed):
    out, _ = run(raw)
    assert out == [fixed]


def test_6_broken_lines_joined_units_kept():
    out, _ = run("聘任李某为区某服务中心主任，聘期三年，不再聘任区某中心副", "", "主任职务；",
                 "一、总体目标", "牢固树立以人民为中心的发展思想", "", "，推进健康建设。",
                 "某区人民政府", "2021年3月26日", "（此件公开发布）", "附件：1. 甲名单", "2. 乙表",
                 "序号\t指标\t2022年", "1\t人均预期寿命\t79.4")
    assert out == ["聘任李某为区某服务中心主任，聘期三年，不再聘任区某中心副主任职务；", "一、总体目标",
                   "牢固树立以人民为中心的发展思想，推进健康建设。", "某区人民政府", "2021年3月26日",
                   "（此件公开发布）", "附件：1. 甲名单", "2. 乙表", "序号\t指标\t2022年", "1\t人均预期寿命\t79.4"]


def test_6_joined_line_keeps_its_source_span():
    lines, _ = normalize([Line(1, "关于做好全区政务公开工作的"), Line(2, ""), Line(3, "通知（某政办发〔2016〕8号）")])
    assert [(l.no, l.last) for l in lines] == [(1, 3)]


def test_6_title_over_several_lines_is_joined_but_not_into_the_body():
    out, _ = run("某区管委会", "关于印发某区某工作", "实施方案的通知", "各街道办事处，区直各部门单位：")
    assert out == ["某区管委会关于印发某区某工作实施方案的通知", "各街道办事处，区直各部门单位："]


@pytest.mark.parametrize("raw,fixed", [
    ("某高新管字〔2023〕5 号", "某高新管字〔2023〕5号"), ("某政发[2021]006号", "某政发〔2021〕6号"),
    ("（某政字（2016）4号）", "（某政字〔2016〕4号）"), ("某政办字［2021］ 12 号", "某政办字〔2021〕12号"),
])
def test_7_doc_numbers_are_canonical(raw, fixed):
    out, _ = run(raw)
    assert out == [fixed]


def test_8_ocr_code_repaired_from_evidence():
    out, ctx = run("(济充政发〔2021〕6号)6", "济兖政发〔2021〕5号", "（济兖政发〔2019〕1号）",
                   "（济政政字〔2017〕34号）", "（济兖政字〔2018〕24号）")
    assert out[0] == "(济兖政发〔2021〕6号)6"
    assert out[3] == "（济兖政字〔2017〕34号）"
    fixes = {(c.raw, c.fixed) for c in ctx.corrections if c.rule == "ocr-doc-number"}
    assert ("济充政发〔2021〕6号", "济兖政发〔2021〕6号") in fixes


def test_8_a_number_that_lost_its_bracket_is_repaired_from_the_same_page():
    """Real capture (samples/web8/01): the document prints '渝北府征地公告〔20252', the page's heading
    the whole number; without the heading's evidence the damaged line is left."""
    issue = gazette.parse(SAMPLES / "web8" / "01-chongqing-yubei-gonggao-zhengdi-datedamage.txt")
    assert [(c.raw, c.fixed) for c in issue.corrections if c.rule == "ocr-cut-number"] == [
        ("渝北府征地公告〔20252", "渝北府征地公告〔2025〕2号")]
    assert issue.documents[0].doc_number == "渝北府征地公告〔2025〕2号"
    out, ctx = run("渝北府征地公告〔20252", "重庆市渝北区人民政府关于征收土地的公告")
    assert out[0] == "渝北府征地公告〔20252" and "ocr-cut-number" not in rules(ctx)


def test_8_no_evidence_no_repair_but_a_warning():
    out, ctx = run("（济政政字〔2017〕34号）", "促进病媒生物孽生地得到有效治理。")
    assert out == ["（济政政字〔2017〕34号）", "促进病媒生物孽生地得到有效治理。"]
    assert {w.code for w in ctx.warnings} == {"ocr-suspect"}


def test_8_word_repaired_when_the_issue_has_the_right_form():
    out, ctx = run("促进病媒生物孽生地得到治理。", "清除蚊蝇孳生地。")
    assert out[0] == "促进病媒生物孳生地得到治理。"
    assert "ocr-word" in rules(ctx)


def test_9_stray_traditional_characters_are_simplified():
    out, ctx = run("开展中小學生视力干预，降低视力不良发生率。")
    assert out == ["开展中小学生视力干预，降低视力不良发生率。"]
    assert [(c.raw, c.fixed) for c in ctx.corrections if c.rule == "traditional"] == [("中小學生视", "中小学生视")]


def test_normalize_is_pure():
    text = ["某区人民政府", "", "2021年3月26日"]
    a, _ = run(*text)
    b, _ = run(*text)
    assert a == b



def test_ocr_lines_get_the_spaces_the_recogniser_does_not_read():
    """Lines read by OCR (hints['ocr']): short leaders, a page run into the column after it, an
    order's number run into a title, a page run into a contents heading, a chronicle's days, a
    contents table's header; the same text from a text layer is left as it is."""
    from gazette.normalize import ocr

    texts = ["批复·.·1国函〔2009〕159号", "管理规定.....2厦门市人民政府", "的通知…· ·4一",
             "尘污染的通告渝府令第121号.....1", "商务部令2007年第15号商业特许经营备案管理办法", "1上级文件",
             "文件名称页码发文机关", "422我县举行艺术节。", "425县长深入西城。", "426县长部署工作。", "等……3个方面"]
    steps = [ocr.ocr_toc_leaders, ocr.ocr_toc_header, ocr.ocr_glued_orders, ocr.ocr_page_before_heading,
             ocr.ocr_chronicle_days]
    for hints, expected in (({"ocr": 0.95}, [
            "批复……1 国函〔2009〕159号", "管理规定.....2 厦门市人民政府", "的通知……4 —",
            "尘污染的通告 渝府令第121号.....1", "商务部令2007年第15号 商业特许经营备案管理办法", "1 上级文件",
            "文件名称 页码 发文机关", "422 我县举行艺术节。", "425 县长深入西城。", "426 县长部署工作。", "等……3个方面"]),
                            ({}, texts)):
        lines, ctx = [Line(no=i, text=t, hints=dict(hints)) for i, t in enumerate(texts, start=1)], Context()
        for step in steps:
            lines = step(lines, ctx)
        assert [l.text for l in lines] == expected
