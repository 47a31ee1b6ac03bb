"""The web-page loader on the sample government page: metadata parsed and kept out of the
text, navigation/breadcrumb/links/footer absent, the title first, the body as printed."""
from __future__ import annotations

import pytest

from conftest import SAMPLES
from gazette.loaders import load
from gazette.loaders.html_meta import parse_metadata

PAGE = SAMPLES / "jining-gaoxin-2023-2-web.html"


@pytest.fixture(scope="module")
def page():
    return load(PAGE)


def test_metadata_block(page):
    assert page.format == "html"
    assert page.metadata == {
        "索引号": "11370800004234373R/2023-00348", "发布机构": "高新区党政办公室", "公开方式": "主动公开",
        "组配分类": "济高新管办字", "成文日期": "2023-02-14", "失效日期": "", "有效性": "有效",
        "发布时间": "2023-02-14 14:29:20", "点击次数": "",
    }
    text = "\n".join(line.text for line in page.lines)
    assert "索引号" not in text and "11370800004234373R" not in text and "点击次数" not in text


def test_title_is_the_first_line(page):
    assert page.lines[0].text.startswith("【政策】济高新管办字〔2023〕2号 济宁高新区管委会办公室关于印发")
    assert page.lines[1].text == "各街道办事处,区直各部门单位,各驻区单位,各区管国有企业:"


def test_navigation_and_links_are_absent(page):
    text = "\n".join(line.text for line in page.lines)
    for junk in ("当前位置", "首页", "政务公开", ".doc", ".pdf", "图文解读", "新闻发布会", "文件下载", "友情链接", "ICP备",
                 "来源", "打印", "关闭窗口", "无障碍"):
        assert junk not in text, junk


def test_body_is_the_text_version(page):
    lines = (SAMPLES / "jining-gaoxin-2023-2-web.txt").read_text(encoding="utf-8").splitlines()[11:175]
    expected = [t.strip().replace("\xa0", " ") for t in lines if t.strip()]
    assert [line.text for line in page.lines[1:]] == expected


def test_layout_hints(page):
    chapter = next(line for line in page.lines if line.text == "第一章  总  则")
    assert chapter.hints == {"centered": True, "bold": True}
    article = next(line for line in page.lines if line.text.startswith("第二条"))
    assert article.hints == {"indent": 2}


def test_gbk_page_with_a_label_cell_table(tmp_path):
    html = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
    <title>关于做好春节期间安全工作的通知 - 某县人民政府</title></head><body>
    <div class="crumb">首页 &gt; 政府信息公开</div>
    <table><tr><td>索 引 号：</td><td>001/2024-01</td><td>文　　号：</td><td>某政办字〔2024〕1号</td></tr></table>
    <div id="content"><p>各乡镇人民政府：</p><p>现将有关事项通知如下。</p><p>一、加强值班值守。</p>
    <p>某县人民政府办公室<br>2024年1月20日</p></div>
    <div class="footer">版权所有</div></body></html>"""
    path = tmp_path / "notice.html"
    path.write_bytes(html.encode("gb18030"))
    loaded = load(path)
    assert loaded.metadata == {"索引号": "001/2024-01", "文号": "某政办字〔2024〕1号"}
    assert [line.text for line in loaded.lines] == [
        "关于做好春节期间安全工作的通知", "各乡镇人民政府：", "现将有关事项通知如下。", "一、加强值班值守。",
        "某县人民政府办公室", "2024年1月20日"]


def test_metadata_pairs_on_one_line():
    assert parse_metadata(["发布时间:2023-02-14 14:29:20 点击次数:", "12"]) == {
        "发布时间": "2023-02-14 14:29:20", "点击次数": "12"}


def test_metadata_table_inside_the_content_container(tmp_path):
    html = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县人民政府</title></head><body>
    <div class="content">
      <table class="gk"><tr><th>索引号</th><td>：002/2024-07</td></tr>
        <tr><th>发文字号：</th><td>某政发〔2024〕7号</td></tr><tr><th>成文日期：</th><td>2024-05-06</td></tr></table>
      <h1>某县人民政府关于公布第一批历史建筑名录的通知</h1>
      <p>各乡镇人民政府，县政府各部门：</p><p>现将第一批历史建筑名录予以公布。</p>
    </div></body></html>"""
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    loaded = load(path)
    assert loaded.metadata == {"索引号": "002/2024-07", "发文字号": "某政发〔2024〕7号", "成文日期": "2024-05-06"}
    assert [line.text for line in loaded.lines] == [
        "某县人民政府关于公布第一批历史建筑名录的通知", "各乡镇人民政府，县政府各部门：", "现将第一批历史建筑名录予以公布。"]


def test_table_in_the_document_becomes_rows(tmp_path):
    html = """<html><head><meta charset="utf-8"><title>名单</title></head><body><div id="zoom">
      <p>各有关单位：</p><p>现将第一批示范单位名单公布如下：</p>
      <table><tr><th>序号</th><th>单位名称</th><th>所在镇街</th></tr>
        <tr><td>1</td><td>某某社区卫生服务中心</td><td>某某街道</td></tr>
        <tr><td colspan="2">合计</td><td>1</td></tr></table>
      <p>特此通知。</p></div></body></html>"""
    path = tmp_path / "t.html"
    path.write_text(html, encoding="utf-8")
    lines = load(path).lines
    assert [line.text for line in lines] == [
        "名单", "各有关单位：", "现将第一批示范单位名单公布如下：", "序号\t单位名称\t所在镇街",
        "1\t某某社区卫生服务中心\t某某街道", "合计\t\t1", "特此通知。"]
    assert lines[3].hints == {"table": True}
