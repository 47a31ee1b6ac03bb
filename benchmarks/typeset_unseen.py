"""Typeset unseen TXT fixtures as DOCX and PDF files of other gazette houses, then score them.

    python benchmarks/typeset_unseen.py [OUT_DIR]        (default: bench-out/typeset)

Each fixture in tests/fixtures/unseen/ is a bulletin with a gold annotation made on its text.
Clerks get PDF or DOCX, typeset in many ways; this script sets a few of the fixtures the way
other gazettes do (see PLAN) and scores each file against the fixture's gold with
tools/score.py's metrics, so that loader regressions on unfamiliar layouts show.

DOCX needs python-docx (a dependency).  PDF needs reportlab (`pip install reportlab`) and a CJK
TrueType font (`apt-get install fonts-wqy-zenhei`); without them the PDFs are skipped.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import typeset_docx  # noqa: E402
import typeset_source  # noqa: E402

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"

# a header band: the name over its pinyin line, the issue and the section at the right, `- N -` below;
# two columns under full-width titles; every font set at 1 pt and scaled (large headings included);
# attachment notes whose names hang under their number
BAND = dict(columns=2, page_form="- {} -", unit_font=True, hanging_attachments=True, enclosure_size=22)

# fixture: (docx house styles, pdf layouts)
PLAN = {
    "qinghe-shi-2022-06": (["title-style"], [
        dict(columns=1, page_form="- {} -"),
        # documents run on in two columns, titles inside a column, page number in the header
        dict(columns=2, page_form="{}", titles_in_column=True, number_in_header=True),
        # a page whose right column holds only an attachment heading and a ruled table
        dict(columns=2, page_form="第 {} 页", leaders=True, section_header=True),
        dict(BAND, band="QINGHESHI RENMIN ZHENGFU GONGBAO", issue="2022年第6期")]),
    "songlin-xian-2021-02": (["bold"], [
        dict(columns=2, page_form="第 {} 页", leaders=True, section_header=True),
        # short paragraphs: most lines start at the first-line indent, few run to the edge
        dict(columns=1, page_form="- {} -"),
        # the page number only in the running header; the section's name over the text of every page
        dict(columns=2, page_form="{}", number_in_header=True, section_banner=True)]),
    "hexi-qu-2023-02": (["size"], [
        dict(columns=2, page_form="{}", header_right="2023年第2期", continuous=True)]),
    "linjiang-zhengbao-2020-12": (["numbered"], [
        dict(columns=1, page_form="（{}）", leaders=True)]),
    # joint issuers on one signature line; TOC entries whose number follows the title unbracketed
    "yunshan-shi-2022-03": (["size", "toc-grid"], [
        dict(columns=2, page_form="{}", titles_in_column=True, number_in_header=True),
        # the TOC as a ruled table (title | page)
        dict(BAND, band="YUNSHANSHI RENMIN ZHENGFU GONGBAO", issue="2022年第3期", toc_table=True)]),
    # sections without brackets; a chronicle of a month
    "shuangqiao-zhen-2022-05": (["toc-grid"], [
        dict(columns=1, page_form="— {} —", section_banner=True, hanging_attachments=True)]),
    # one notice: 文号 under a three-line title, attachment names hanging under their numbers
    "beiyuan-notice-2023": (["flow"], [dict(columns=1, page_form="- {} -", hanging_attachments=True,
                                            unit_font=True)]),
    # a single document (no masthead, no TOC) on one page
    "fengtai-xian-2019-repeal": (["flow"], [dict(columns=1, page_form="- {} -")]),
    # the 44-page sample issue in the header-band house style
    "yanzhou-2021-03-04": (["size"], [
        dict(BAND, band="YANZHOUQU RENMIN ZHENGFU GONGBAO", issue="2021年第3-4期")]),
}
SAMPLES = {"yanzhou-2021-03-04": (ROOT / "samples" / "yanzhou-2021-03-04.txt",
                                  ROOT / "samples" / "gold" / "yanzhou-2021-03-04.json")}


def source(stem):
    """The TXT and its gold for a fixture of the plan."""
    return SAMPLES.get(stem, (UNSEEN / f"{stem}.txt", UNSEEN / f"{stem}.json"))


def scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build_all(out):
    out.mkdir(parents=True, exist_ok=True)
    try:
        import typeset_pdf
        pdf_ok = typeset_pdf.font() is not None
    except ImportError:
        pdf_ok = False
    made = []
    for stem, (docx_styles, pdf) in PLAN.items():
        name, blocks = typeset_source.blocks(*source(stem))
        for k, style in enumerate(docx_styles):
            path = out / (f"{stem}.docx" if k == 0 else f"{stem}-{k + 1}.docx")
            typeset_docx.build(name, blocks, path, style)
            made.append((stem, path))
        for k, options in enumerate(pdf if pdf_ok else []):
            path = out / (f"{stem}.pdf" if k == 0 else f"{stem}-{k + 1}.pdf")
            typeset_pdf.build(name, blocks, path, **options)
            made.append((stem, path))
    if not pdf_ok:
        print("PDFs skipped: reportlab or a CJK font is missing", file=sys.stderr)
    return made


def main(argv):
    import json
    import gazette   # noqa: PLC0415
    out = Path(argv[0]) if argv else ROOT / "bench-out" / "typeset"
    score = scorer()
    names = ("docs", "fields", "bounds", "toc", "meta", "appts", "events")
    print("%-32s %6s %6s " % ("file", "txt", "mean") + " ".join("%6s" % n for n in names))
    text_score = {}
    for stem, path in build_all(out):
        txt, gold_path = source(stem)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if stem not in text_score:
            text_score[stem] = mean(score.score_file(gold, gazette.parse(txt).to_dict()))
        m = score.score_file(gold, gazette.parse(path).to_dict())
        print("%-32s %6.3f %6.3f " % (path.name, text_score[stem], mean(m))
              + " ".join("%6s" % ("—" if m.get(n) is None else "%.3f" % m[n]) for n in names))


def mean(m):
    vals = [v for v in m.values() if v is not None]
    return sum(vals) / len(vals)


if __name__ == "__main__":
    main(sys.argv[1:])
