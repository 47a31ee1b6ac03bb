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

# fixture: (docx house style, pdf layouts)
PLAN = {
    "qinghe-shi-2022-06": ("title-style", [
        dict(columns=1, page_form="- {} -"),
        # documents run on in two columns, titles inside a column, page number in the header
        dict(columns=2, page_form="{}", titles_in_column=True, number_in_header=True),
        # a page whose right column holds only an attachment heading and a ruled table
        dict(columns=2, page_form="第 {} 页", leaders=True, section_header=True)]),
    "songlin-xian-2021-02": ("bold", [
        dict(columns=2, page_form="第 {} 页", leaders=True, section_header=True),
        # short paragraphs: most lines start at the first-line indent, few run to the edge
        dict(columns=1, page_form="- {} -")]),
    "hexi-qu-2023-02": ("size", [
        dict(columns=2, page_form="{}", header_right="2023年第2期", continuous=True)]),
    "linjiang-zhengbao-2020-12": ("numbered", [
        dict(columns=1, page_form="（{}）", leaders=True)]),
    # joint issuers on one signature line; TOC entries whose number follows the title unbracketed
    "yunshan-shi-2022-03": ("size", [
        dict(columns=2, page_form="{}", titles_in_column=True, number_in_header=True)]),
    # a single document (no masthead, no TOC) on one page
    "fengtai-xian-2019-repeal": ("flow", [dict(columns=1, page_form="- {} -")]),
}


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
    for stem, (docx_style, pdf) in PLAN.items():
        name, blocks = typeset_source.blocks(UNSEEN / f"{stem}.txt", UNSEEN / f"{stem}.json")
        path = out / f"{stem}.docx"
        typeset_docx.build(name, blocks, path, docx_style)
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
    print("%-32s %6s " % ("file", "mean") + " ".join("%6s" % n for n in names))
    for stem, path in build_all(out):
        gold = json.loads((UNSEEN / f"{stem}.json").read_text(encoding="utf-8"))
        m = score.score_file(gold, gazette.parse(path).to_dict())
        vals = [v for v in m.values() if v is not None]
        print("%-32s %6.3f " % (path.name, sum(vals) / len(vals))
              + " ".join("%6s" % ("—" if m.get(n) is None else "%.3f" % m[n]) for n in names))


if __name__ == "__main__":
    main(sys.argv[1:])
