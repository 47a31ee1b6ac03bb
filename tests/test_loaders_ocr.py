"""Scans: a typeset page rasterised at test time into an image-only page, read with --ocr.

The scanned fixture is one page (OCR takes seconds a page): a mixed PDF whose first page has a
text layer and whose second page is the scan of a typeset notice.  Without the OCR extra
(`pip install 'gazette[ocr]'`) the OCR tests skip; the errors for scans without --ocr are
tested either way.
"""
from __future__ import annotations

import importlib
import io
import json
import sys

import pytest

from conftest import ROOT
from gazette.cli import run
from gazette.errors import LoadError, NoTextError
from gazette.loaders import load, ocr

sys.path.insert(0, str(ROOT / "benchmarks"))
typeset_source = importlib.import_module("typeset_source")
typeset_unseen = importlib.import_module("typeset_unseen")

NOTICE = "北苑区人民政府办公室关于进一步加强城市道路占道施工管理的通知"
needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install 'gazette[ocr]')")


def _typeset(tmp_path, stem):
    pytest.importorskip("reportlab")
    typeset_pdf = importlib.import_module("typeset_pdf")
    if typeset_pdf.font() is None:
        pytest.skip("no CJK TrueType font installed (apt-get install fonts-wqy-zenhei)")
    name, blocks = typeset_source.blocks(*typeset_unseen.source(stem))
    path = tmp_path / f"{stem}.pdf"
    typeset_pdf.build(name, blocks, path, **typeset_unseen.PLAN[stem][1][0])
    return path


def _scan(pdf, dpi=200):
    """The pages of `pdf` as greyscale images at `dpi`: PIL images."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """scan.pdf (the notice as an image), mixed.pdf (a text page, then the scan), crop.png."""
    pypdf = pytest.importorskip("pypdf")
    tmp = tmp_path_factory.mktemp("scans")
    notice = _typeset(tmp, "beiyuan-notice-2023")
    decision = _typeset(tmp, "fengtai-xian-2019-repeal")
    image = _scan(notice)[0]
    image.save(tmp / "scan.pdf", "PDF", resolution=200)
    image.crop((0, 0, image.width, image.height // 4)).save(tmp / "crop.png", dpi=(200, 200))
    writer = pypdf.PdfWriter()
    writer.append(str(decision))
    writer.append(str(tmp / "scan.pdf"))
    out = io.BytesIO()
    writer.write(out)
    (tmp / "mixed.pdf").write_bytes(out.getvalue())
    return tmp


def test_a_scan_without_ocr_says_what_to_install_and_which_flag(files, capsys):
    with pytest.raises(NoTextError, match="without a text layer") as err:
        load(files / "scan.pdf")
    assert "--ocr" in err.value.hint
    assert ("pip install 'gazette[ocr]'" in err.value.hint) != ocr.available()
    assert run(["parse", str(files / "scan.pdf"), "--json"]) == 2
    assert "--ocr" in capsys.readouterr().err


def test_the_recognisers_habits_are_undone():
    habits = ocr.engine_habits
    assert habits('为深化"放管服"改革') == "为深化“放管服”改革"  # one double quote for both
    assert habits('完善“府院联动"机制') == "完善“府院联动”机制"  # a quote read as “ opens
    assert habits("?清河市人民政府关于做好防汛工作的通知") == "·清河市人民政府关于做好防汛工作的通知"
    assert habits("11月17日一18日") == "11月17日—18日" and habits("第一条") == "第一条"
    assert habits('say "hi"') == 'say "hi"'
    assert habits("—2一") == "—2—" and habits("一12—") == "—12—" and habits("-3-") == "-3-"  # a folio


def test_an_image_without_ocr_is_refused_with_the_flag(files):
    with pytest.raises(LoadError, match="PNG image") as err:
        load(files / "crop.png")
    assert "--ocr" in err.value.hint


def test_a_mixed_pdf_without_ocr_reads_its_text_pages_and_names_the_others(files):
    loaded = load(files / "mixed.pdf")
    assert loaded.ocr_pages is None and {line.page for line in loaded.lines} == {1}
    [note] = [w for w in loaded.warnings if w.code == "no-text-layer"]
    assert note.message.startswith("page 2 of 2 has no readable text layer")


@pytest.fixture(scope="module")
def mixed(files):
    if not ocr.available():
        pytest.skip("the OCR extra is not installed (pip install 'gazette[ocr]')")
    calls = []
    loaded = load(files / "mixed.pdf", ocr=True, progress=lambda done, total: calls.append((done, total)))
    return loaded, calls


@needs_ocr
def test_a_mixed_pdf_is_read_page_by_page(mixed):
    loaded, calls = mixed
    assert loaded.ocr_pages == [2] and calls == [(1, 1)]
    texts = [line.text for line in loaded.lines]
    assert "丰台县人民政府关于废止部分县政府规范性文件的决定" in texts  # the text layer of page 1
    assert NOTICE in "".join(line.text for line in loaded.lines if line.page == 2)  # OCR of page 2
    assert [w.code for w in loaded.warnings][:1] == ["ocr-pages"]
    assert loaded.warnings[0].message.startswith("page 2 of 2 had no text layer and was read by OCR")


@needs_ocr
def test_ocr_lines_keep_their_confidence_and_flag_unsure_characters(mixed):
    loaded, _ = mixed
    scanned = [line for line in loaded.lines if line.page == 2]
    assert scanned and all(0.0 < line.hints["ocr"] <= 1.0 for line in scanned)
    assert not [line for line in loaded.lines if line.page == 1 and "ocr" in line.hints]
    flagged = {w.line for w in loaded.warnings if w.code == "ocr-low-confidence"}
    assert flagged == {line.no for line in scanned if line.hints.get("ocr_low")}


@needs_ocr
def test_ocr_text_goes_through_the_same_layout(mixed):
    loaded, _ = mixed
    texts = [line.text for line in loaded.lines if line.page == 2]
    assert not [t for t in texts if t.strip("-— ").isdigit()]  # the page number is furniture
    assert any(t.startswith("附件") and "申请表" in t for t in texts)  # the attachment note
    assert any(t.startswith("2.") and "承诺书" in t for t in texts)  # its second name, hanging


@needs_ocr
def test_parse_scan_with_ocr_gives_documents(files, capsys):
    assert run(["parse", str(files / "scan.pdf"), "--ocr", "--json"]) == 0
    issue = json.loads(capsys.readouterr().out)
    assert issue["source"]["ocr_pages"] == [1] and issue["warnings"][0]["code"] == "ocr-pages"
    [notice] = issue["documents"]
    assert notice["title"] == NOTICE and notice["doc_number"] == "北苑政办发〔2023〕7号"
    assert notice["attachments"] == ["北苑区城市道路占道施工申请表", "北苑区城市道路占道施工安全承诺书"]


@needs_ocr
def test_an_image_is_read_with_ocr(files):
    loaded = load(files / "crop.png", ocr=True)
    assert loaded.format == "image" and loaded.ocr_pages == [1]
    assert NOTICE in "".join(line.text for line in loaded.lines)


@needs_ocr
def test_inspect_draws_the_ocr_boxes(files, capsys, tmp_path):
    out = tmp_path / "page.png"
    assert run(["inspect", str(files / "mixed.pdf"), "--page", "2", "--ocr", "-o", str(out), "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["read_by_ocr"] and view["ocr_boxes"] and view["lines"]
    assert all(item["line"] for item in view["lines"])
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
