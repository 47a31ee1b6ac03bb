"""Each check of `gazette validate`, firing and not firing, on text cut from the samples."""
from __future__ import annotations

from gazette.model import Appointment, Correction, Event, Gazette, Warning
from gazette.validate.checks import attachments, document, issue as issue_checks, numbering, records, series, text
from validate_helpers import YANZHOU, codes, doc, issue, run, toc

DECISION = "济宁市兖州区人民政府关于废止和宣布失效一批区政府文件的决定"
OPINION = "济宁市兖州区人民政府关于贯彻健康山东行动推进健康兖州建设的实施意见"


def two_docs(**kw):
    return issue(doc(1, "标题\n正文。", title=DECISION, doc_number="济兖政发〔2021〕5号"),
                 doc(2, "标题\n正文。", start=10, title=OPINION, doc_number="济兖政发〔2021〕6号"), **kw)


# --- masthead ------------------------------------------------------------------------------

def test_masthead_complete_gives_nothing():
    assert codes(issue_checks.masthead_found, issue(gazette=YANZHOU)) == []


def test_masthead_missing_entirely():
    assert codes(issue_checks.masthead_found, issue()) == ["G001"]


def test_masthead_without_name_and_issue_number():
    g = Gazette(publisher="济宁高新区管委会党政办公室", year=2023, published="2023-03-09", lines=[3, 3])
    found = run(issue_checks.masthead_found, issue(gazette=g))
    assert [f.code for f in found] == ["G002", "G004"]
    assert found[0].line == 3


def test_masthead_without_year_and_date():
    g = Gazette(name="济宁市兖州区人民政府公报", issue="3-4")
    assert codes(issue_checks.masthead_found, issue(gazette=g)) == ["G003", "G005"]


def test_masthead_not_required_of_a_single_document():
    assert codes(issue_checks.masthead_found, issue(kind="single_document")) == []
    assert codes(issue_checks.masthead_found, issue(kind="web_page")) == []


# --- table of contents ---------------------------------------------------------------------

def test_toc_missing():
    assert codes(issue_checks.toc_present, two_docs()) == ["G010"]
    assert codes(issue_checks.toc_present, two_docs(toc=[toc("区政府文件", DECISION, None, 2, 1)])) == []
    assert codes(issue_checks.toc_present, issue(doc(1, "标题\n正文。"))) == []  # one document


def test_toc_entries_and_documents_matched():
    entries = [toc("区政府文件", DECISION, "济兖政发〔2021〕5号", 2, 1),
               toc("区政府文件", OPINION, "济兖政发〔2021〕6号", 6, 2)]
    assert codes(issue_checks.toc_matches_documents, two_docs(toc=entries)) == []
    entries[1].document_seq = None
    found = run(issue_checks.toc_matches_documents, two_docs(toc=entries))
    assert [f.code for f in found] == ["G011", "G012"]
    assert "济兖政发〔2021〕6号" in found[0].message and found[1].document_seq == 2


def test_section_only_entry_lists_its_section():
    iss = issue(doc(1, "兖州区人民政府组成人员任免名单\n任命：", title="兖州区人民政府组成人员任免名单",
                    section="人事任免", category="appointment"),
                toc=[toc("人事任免", None, None, 40, None)])
    iss.toc[0].document_seq = 1
    assert codes(issue_checks.toc_matches_documents, iss) == []


def test_toc_pages_agree_with_pdf_pages():
    iss = two_docs(toc=[toc("区政府文件", DECISION, None, 2, 1, line=17), toc("区政府文件", OPINION, None, 6, 2),
                        toc("区政府文件", "第三", None, 12, 3)])
    iss.documents.append(doc(3, "标题\n正文。", start=20, title="第三"))
    for d, pages in zip(iss.documents, ([2, 5], [6, 11], [12, 14])):
        d.pages = pages
    assert codes(issue_checks.toc_pages_agree, iss) == []
    iss.documents[0].pages = [3, 5]
    found = run(issue_checks.toc_pages_agree, iss)
    assert [f.code for f in found] == ["G013"] and found[0].line == 17


def test_toc_pages_offset_by_an_unnumbered_cover():
    iss = two_docs(toc=[toc("区政府文件", DECISION, None, 2, 1), toc("区政府文件", OPINION, None, 6, 2)])
    iss.documents[0].pages, iss.documents[1].pages = [3, 6], [7, 12]
    assert codes(issue_checks.toc_pages_agree, iss) == []


def test_toc_pages_ignored_without_pages():
    iss = two_docs(toc=[toc("区政府文件", DECISION, None, 99, 1)])
    assert codes(issue_checks.toc_pages_agree, iss) == []


def test_documents_in_toc_order():
    in_order = [toc("区政府文件", DECISION, None, 2, 1), toc("区政府文件", OPINION, None, 6, 2)]
    assert codes(issue_checks.documents_in_toc_order, two_docs(toc=in_order)) == []
    assert codes(issue_checks.documents_in_toc_order, two_docs(toc=in_order[::-1])) == ["G014"]


def test_toc_doc_number_differs():
    entries = [toc("区政府文件", DECISION, "济兖政发〔2021〕5号", 2, 1)]
    assert codes(issue_checks.toc_numbers_agree, two_docs(toc=entries)) == []
    entries[0].doc_number = "济兖政发〔2021〕7号"
    assert codes(issue_checks.toc_numbers_agree, two_docs(toc=entries)) == ["G015"]


# --- title ---------------------------------------------------------------------------------

def test_title_present_and_typed():
    assert codes(document.title_present, issue(doc(1, "x\ny", title=DECISION))) == []
    assert codes(document.title_present, issue(doc(1, "x\ny", title="济宁市兖州区家政服务业提质扩容工作方案（试行）"))) == []
    assert codes(document.title_present, issue(doc(1, "x\ny", title=None))) == ["D001"]
    assert codes(document.title_present, issue(doc(1, "x\ny", title="济宁市兖州区人民政府关于废止一批文件的"))) == ["D002"]


# --- document numbers ----------------------------------------------------------------------

def number_codes(printed: str, raw: str | None = None) -> list[str]:
    return codes(document.doc_number_well_formed, issue(doc(1, "x\ny", doc_number=printed, doc_number_raw=raw)))


def test_well_formed_numbers_pass():
    assert number_codes("济兖政发〔2021〕5号") == []
    assert number_codes("济高新管办字〔2023〕2号") == []
    assert number_codes("济兖政办字〔2021〕8号", raw="济充政办字〔2021〕8号") == []  # OCR, not form
    assert number_codes("济宁市人民政府令第3号") == []  # government rules carry 第N号


def test_number_brackets():
    assert number_codes("济兖政发〔2021〕5号", raw="济兖政发[2021]5号") == ["D003"]
    assert number_codes("济兖政发（2021）5号") == ["D003"]
    assert number_codes("济兖政发2021年5号") == ["D003"]


def test_number_year_and_serial():
    assert number_codes("济兖政发〔21〕5号") == ["D004"]
    assert number_codes("济高新管字〔2023〕05号") == ["D005"]
    assert number_codes("济兖政字〔2021〕第5号") == ["D006"]
    assert number_codes("济兖政〔2021〕字5号") == ["D006"]


def test_number_year_after_issue_year():
    ok = issue(doc(1, "x\ny", doc_number="济兖政发〔2021〕5号"), gazette=YANZHOU)
    late = issue(doc(1, "x\ny", doc_number="济兖政发〔2022〕5号"), gazette=YANZHOU)
    assert codes(document.doc_number_year, ok) == []
    assert codes(document.doc_number_year, late) == ["D007"]


def test_duplicate_numbers():
    assert codes(document.doc_numbers_unique, two_docs()) == []
    dup = two_docs()
    dup.documents[1].doc_number = "济兖政发〔2021〕5号"
    found = run(document.doc_numbers_unique, dup)
    assert [f.code for f in found] == ["D008"] and found[0].document_seq == 2


# --- signature date ------------------------------------------------------------------------

def test_signature_date_ok():
    iss = issue(doc(1, "x\n济宁市兖州区人民政府\n2021年3月26日", date="2021-03-26"), gazette=YANZHOU)
    assert codes(document.signature_date, iss) == []


def test_signature_date_missing():
    iss = issue(doc(1, "x\n正文。"), gazette=YANZHOU)
    assert codes(document.signature_date, iss) == ["D010"]
    chronicle = issue(doc(1, "x\n正文。", category="chronicle"), gazette=YANZHOU)
    assert codes(document.signature_date, chronicle) == []


def test_signature_date_unparseable():
    iss = issue(doc(1, "x\n济宁市兖州区人民政府\n2021年2月30日"), gazette=YANZHOU)
    found = run(document.signature_date, iss)
    assert [f.code for f in found] == ["D011"] and found[0].line == 3


def test_signature_date_after_publication():
    iss = issue(doc(1, "x\n济宁市兖州区人民政府\n2021年6月1日", date="2021-06-01"), gazette=YANZHOU)
    assert codes(document.signature_date, iss) == ["D012"]


# --- attachments ---------------------------------------------------------------------------

ANNOUNCED = """济宁市兖州区人民政府关于废止和宣布失效一批区政府文件的决定
现决定对区政府文件进行清理。
附件：1. 决定废止的区政府文件目录（33件）
2. 宣布失效的区政府文件目录（63件）
济宁市兖州区人民政府
2021年3月26日
附件1
决定废止的区政府文件目录（33件）
1. 关于印发兖州区农村公路管理养护实施办法的通知（济兖政发〔2014〕5号）
附件2
宣布失效的区政府文件目录（63件）
1. 关于做好2017年度城乡居民社会养老保险工作的通知（济兖政字〔2017〕34号）"""
NAMES = ["决定废止的区政府文件目录（33件）", "宣布失效的区政府文件目录（63件）"]


def test_attachments_all_present():
    assert codes(attachments.attachments_present, issue(doc(1, ANNOUNCED, attachments=NAMES))) == []


def test_attachment_present_by_its_title_only_lacks_its_label():
    text = ANNOUNCED.replace("附件2\n", "")
    found = run(attachments.attachments_present, issue(doc(1, text, attachments=NAMES)))
    assert [(f.code, f.line) for f in found] == [("D022", 10)]


def test_single_attachment_needs_no_number():
    text = "通知\n附件：领导小组名单\n济宁市兖州区人民政府\n2021年3月26日\n附件\n领导小组名单\n组长：王骁"
    assert codes(attachments.attachments_present, issue(doc(1, text, attachments=["领导小组名单"]))) == []


def test_attachment_announced_but_missing():
    text = ANNOUNCED.split("附件2")[0]
    found = run(attachments.attachments_present, issue(doc(1, text, attachments=NAMES)))
    assert [(f.code, f.severity) for f in found] == [("D020", "error")]


def test_attachment_referred_elsewhere_is_info():
    text = "通知\n附件：1. 领导小组名单\n2. 任务分解表\n注：本文附件1详见兖州区人民政府网站\n附件2\n任务分解表"
    found = run(attachments.attachments_present, issue(doc(1, text, attachments=["领导小组名单", "任务分解表"])))
    assert [(f.code, f.severity) for f in found] == [("D020", "info")]


def test_attachment_printed_but_not_announced():
    found = run(attachments.attachments_present, issue(doc(1, ANNOUNCED, attachments=NAMES[:1])))
    assert [f.code for f in found] == ["D021"] and found[0].line == 10


# --- empty and truncated -------------------------------------------------------------------

def test_empty_document():
    assert codes(document.document_complete, issue(doc(1, "大事记", body=""))) == ["D040"]


def test_complete_document_ends_with_date():
    assert codes(document.document_complete, issue(doc(1, "x\n正文。\n济宁市兖州区人民政府\n2021年3月26日"))) == []


def test_truncated_chronicle():
    text = ("高新区管委会大事记\n2023年2月\n"
            "28日 济宁高新区2023年党风廉政建设和反腐败工作会议召开。区党工委委员、管委会副主任；各驻区单位主要负责人、纪")
    found = run(document.document_complete, issue(doc(1, text, category="chronicle")))
    assert [f.code for f in found] == ["D041"] and found[0].line == 3


def test_truncated_at_comma_or_open_bracket():
    assert document.ends_mid_sentence("各镇人民政府，")
    assert document.ends_mid_sentence("关于印发《济宁市兖州区耕地土壤环")
    assert not document.ends_mid_sentence("3. 示范区成功经验做法起到示范引领作用")
    assert not document.ends_mid_sentence("邮箱：yzszb0537@163.com")
    assert not document.ends_mid_sentence("（2021年3月26日印发）")


# --- heading levels ------------------------------------------------------------------------

PLAN = """济宁市兖州区全面推行证明事项告知承诺制实施方案
一、确定事项范围
（一）承接省级事项清单。
1. 省级行政机关、单位负责。
2. 梳理本级事项清单。
（二）建立事项动态调整机制。
二、规范工作流程
（一）制定告知承诺制工作规程。
三、强化核查与监管"""


def test_headings_in_sequence():
    assert codes(numbering.heading_levels, issue(doc(1, PLAN))) == []


def test_heading_level_skipped_once_per_document():
    text = PLAN.replace("（一）承接省级事项清单。\n", "").replace("（二）建立事项动态调整机制。\n", "")
    text += "\n1. 分类确定核查办法。\n2. 建立健全核查机制。"
    found = run(numbering.heading_levels, issue(doc(1, text)))
    assert [f.code for f in found] == ["D030"] and found[0].line == 3


def test_continuous_numbering_across_parents_is_accepted():
    text = "方案\n一、确定事项范围\n（一）a。\n（二）b。\n二、规范工作流程\n（三）c。\n（四）d。"
    assert codes(numbering.heading_levels, issue(doc(1, text))) == []


def test_heading_repeated_and_missing():
    repeated = PLAN.replace("三、强化", "二、强化")
    assert "D031" in codes(numbering.heading_levels, issue(doc(1, repeated)))
    missing = PLAN.replace("三、强化核查与监管", "四、强化核查与监管")
    found = run(numbering.heading_levels, issue(doc(1, missing)))
    assert [f.code for f in found] == ["D032"] and "三、" in found[0].message


def test_restart_in_enclosure_and_note_list_are_not_findings():
    text = ("通知\n一、总则\n二、要求\n附件：1. 领导小组名单\n2. 任务分解表\n"
            "附件1\n一、组长\n二、成员")
    assert codes(numbering.heading_levels, issue(doc(1, text))) == []


def test_table_rows_are_not_headings():
    text = "方案\n一、目标\n指标\t内容\n（3）\t每年开展1次\n二、任务"
    assert codes(numbering.heading_levels, issue(doc(1, text))) == []


def test_article_numbers():
    rule = "办法\n第一章 总则\n第一条 为了……\n第二条 本办法适用于……\n第二章 职责\n第三条 ……"
    assert codes(numbering.article_numbers, issue(doc(1, rule))) == []
    assert codes(numbering.article_numbers, issue(doc(1, rule.replace("第三条", "第五条")))) == ["D032"]
    assert codes(numbering.article_numbers, issue(doc(1, rule.replace("第三条", "第二条")))) == ["D031"]


# --- text quality --------------------------------------------------------------------------

def test_corrections_reported_as_info():
    iss = issue(corrections=[Correction(21, "济充政发〔2021〕6号", "济兖政发〔2021〕6号", "ocr-doc-number"),
                             Correction(30, "第一段", "第一段落", "join-lines")])
    found = run(text.corrections_made, iss)
    assert [(f.code, f.severity, f.line) for f in found] == [("T001", "info", 21)]
    assert "济充政发〔2021〕6号 → 济兖政发〔2021〕6号" in found[0].message
    assert codes(text.corrections_made, issue()) == []


def test_suspicious_tokens_and_parser_notes():
    iss = issue(warnings=[Warning("ocr-suspect", "'孽生' may be an OCR error for '孳生'", 33),
                          Warning("toc-unmatched", "TOC entry matches no document", 15),  # that is G011
                          Warning("chronicle_out_of_order", "line 368 continues no event", 368),
                          Warning("attachment_not_in_body", "attachment heading not found", 80)])
    assert codes(text.suspicious_tokens, iss) == ["T002"]
    assert codes(text.parser_notes, iss) == ["R011", "T009"]
    assert codes(text.suspicious_tokens, issue()) == []


def test_debris_left_grouped_per_document():
    body = ("通知\n食品生产经营风险分级管理率 $\\geq 90\\%$;\n饮用水合格率\\geq 95%。\n"
            "- 主任:** 谭丽娜 (副区长)\n正文。")
    found = run(text.debris_left, issue(doc(1, body)))
    assert sorted(f.code for f in found) == ["T003", "T003"]
    assert any("2–3" in f.message for f in found)
    assert codes(text.debris_left, issue(doc(1, "通知\n加强饮用水安全监管，合格率≥90%。"))) == []


def test_debris_removed_by_normalizer():
    corr = [Correction(395, "**", "", "markup"), Correction(396, "**", "", "markup"),
            Correction(334, "文件下载.png", "", "web-furniture")]
    iss = issue(doc(1, "标题\n正文。", start=390), corrections=corr)
    found = run(text.debris_removed, iss)
    assert [f.code for f in found] == ["T004", "T004"]
    assert "(between documents)" in found[1].message
    web = issue(doc(1, "标题\n正文。", start=390), corrections=corr[2:], kind="web_page")
    assert codes(text.debris_removed, web) == []


# --- records -------------------------------------------------------------------------------

def test_appointments_complete():
    good = Appointment("任命", "张三", "区交通运输局局长", lines=[1045, 1045])
    no_position = Appointment("免去", "李四", None, lines=[1047, 1047])
    no_person = Appointment("任命", "", "区水务局局长", lines=[1049, 1049])
    d = doc(1, "名单\n任命：", category="appointment", appointments=[good])
    assert codes(records.appointments_complete, issue(d)) == []
    d.appointments += [no_position, no_person]
    assert codes(records.appointments_complete, issue(d)) == ["R002", "R001"]


def test_chronicle_dates():
    evs = [Event("2021-03-02", None, "a"), Event("2021-04-07", "2021-04-11", "b")]
    d = doc(1, "大事记\n2021年3月", category="chronicle", events=evs)
    assert codes(records.chronicle_dates, issue(d, gazette=YANZHOU)) == []
    d.events = [Event("2021-04-07", None, "a"), Event("2021-03-02", None, "b"),
                Event("2021-06-01", None, "c"), Event(None, None, "d")]
    assert codes(records.chronicle_dates, issue(d, gazette=YANZHOU)) == ["R011", "R010", "R012"]


def test_chronicle_period_from_year_only():
    d = doc(1, "大事记\n2023年2月", category="chronicle", events=[Event("2019-02-01", None, "a")])
    assert codes(records.chronicle_dates, issue(d, gazette=Gazette(year=2023))) == ["R010"]


# --- series --------------------------------------------------------------------------------

def indexed(key, issue_no, total, numbers=(), year=2021):
    return {"key": key, "path": f"{key}.txt", "format": "txt", "documents": len(numbers),
            "doc_numbers": list(numbers),
            "gazette": {"name": YANZHOU.name, "publisher": YANZHOU.publisher, "year": year,
                        "issue": issue_no, "total_issue": total, "published": None}}


def test_series_continuous():
    idx = [indexed("a" * 64, "1-2", "85-86", ["济兖政发〔2021〕1号"])]
    assert codes(series.issue_numbers, two_docs(gazette=YANZHOU), idx) == []
    assert codes(series.doc_numbers_new, two_docs(gazette=YANZHOU), idx) == []


def test_series_not_run_without_index():
    assert codes(series.issue_numbers, two_docs(gazette=YANZHOU)) == []


def test_series_gap():
    idx = [indexed("a" * 64, "1", "84")]
    found = run(series.issue_numbers, two_docs(gazette=YANZHOU), idx)
    assert [f.code for f in found] == ["S001", "S003"]
    assert "2 missing" in found[0].message and "85–86 missing" in found[1].message


def test_series_repeat_and_published_number():
    idx = [indexed("a" * 64, "4", "88", ["济兖政发〔2021〕5号"])]
    iss = two_docs(gazette=YANZHOU)
    assert codes(series.issue_numbers, iss, idx) == ["S002", "S004"]
    assert codes(series.doc_numbers_new, iss, idx) == ["S005"]


def test_series_number_in_another_source_or_a_later_issue_is_not_a_republication():
    iss = two_docs(gazette=YANZHOU)
    docx = indexed("c" * 64, None, None, ["济兖政发〔2021〕5号"])
    docx["gazette"]["name"] = None
    later = indexed("d" * 64, "5", "89", ["济兖政发〔2021〕6号"])
    later["gazette"]["published"] = "2021-06-10"
    assert codes(series.doc_numbers_new, iss, [docx, later]) == []
    single = two_docs(gazette=YANZHOU, kind="single_document")
    assert codes(series.doc_numbers_new, single, [indexed("a" * 64, "1", "85", ["济兖政发〔2021〕5号"])]) == []


def test_series_ignores_the_issue_itself_and_other_years():
    iss = two_docs(gazette=YANZHOU)
    same = [indexed(iss.key, "3-4", "87-88", ["济兖政发〔2021〕5号"]), indexed("b" * 64, "12", None, year=2020)]
    assert codes(series.issue_numbers, iss, same) == []
    assert codes(series.doc_numbers_new, iss, same) == []


def test_number_range():
    assert series.number_range("3-4") == (3, 4)
    assert series.number_range("87") == (87, 87)
    assert series.number_range("增刊") is None


# --- on text parsed by the real parser -----------------------------------------------------

def sample_text(name: str) -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[1] / "samples" / name).read_text(encoding="utf-8")


def test_printed_number_form_is_checked_before_normalisation():
    from gazette import parse_text
    from gazette.validate import validate_issue

    text = sample_text("jining-gaoxin-2023-5-docx.txt")
    assert not [f for f in validate_issue(parse_text(text)) if f.code.startswith("D00")]
    bad = parse_text(text.replace("济高新管字〔2023〕5号", "济高新管字[2023]05号", 1))
    assert bad.documents[0].doc_number == "济高新管字〔2023〕5号"  # the parser repairs it…
    found = [f for f in validate_issue(bad) if f.code.startswith("D00")]
    assert sorted(f.code for f in found) == ["D003", "D005"]  # …and validate says it was printed wrong
    assert all(f.line == 1 for f in found)


def test_truncated_chronicle_in_real_text():
    from gazette import parse_text
    from gazette.validate import validate_issue

    text = sample_text("jining-gaoxin-2023-03-09.txt")
    assert "D041" in [f.code for f in validate_issue(parse_text(text))]
    whole = text.rstrip() + "委书记参加会议。\n"
    assert "D041" not in [f.code for f in validate_issue(parse_text(whole))]


def test_masthead_missing_in_real_text():
    from gazette import parse_text
    from gazette.validate import validate_issue

    text = sample_text("yanzhou-2021-03-04.txt")
    assert not [f for f in validate_issue(parse_text(text)) if f.code.startswith("G")]
    lines = text.split("\n")
    cut = "\n".join(lines[9:1320])  # without the front masthead and the colophon
    assert "G001" in [f.code for f in validate_issue(parse_text(cut))]
