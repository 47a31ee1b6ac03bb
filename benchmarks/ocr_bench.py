"""OCR benchmark: typeset PDFs rasterised into scans, read back with `--ocr` (a script, not a test).

    python benchmarks/ocr_bench.py [--dpi 150 300] [--out DIR] [--json FILE] [STEM ...]

The project's own typeset fixtures (benchmarks/typeset_unseen.py's PLAN: fictional gazettes of
other house styles, one and two columns, running header bands) are built as PDFs with a text
layer, then every page is rendered at each resolution and saved as an image-only PDF (a scan).
For each scan, in a fresh child process (so that memory is the OCR's own):

- CER: edit distance between what the loader reads from the scan and what it reads from the
  text layer of the same PDF, page by page, over the characters without white space (NFKC, so
  that full- and half-width forms of one character are one), divided by the text layer's length;
- pages/s: wall time of `load(scan, ocr=True)` (rendering, detection, recognition, layout) with
  the machine's cores (onnxruntime's own threads), and its CPU time;
- peak memory: the child's maximum resident set size;
- parse score: tools/score.py's mean against the fixture's gold, for the scan and for the
  text-layer PDF (the anchor, parsed in the same child).

Needs reportlab, a CJK font (apt-get install fonts-wqy-zenhei) and the OCR extra
(pip install 'gazette[ocr]').
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

# (fixture, index of its PDF layout in typeset_unseen.PLAN): one and two columns, header bands,
# TOC with leaders, a TOC as a ruled table, section banners, page numbers in the header.  The
# OCR reading was tuned on the first nine; the last three were looked at only afterwards.
DEFAULT = [("qinghe-shi-2022-06", 0), ("qinghe-shi-2022-06", 3), ("songlin-xian-2021-02", 0),
           ("songlin-xian-2021-02", 2), ("hexi-qu-2023-02", 0), ("linjiang-zhengbao-2020-12", 0),
           ("yunshan-shi-2022-03", 1), ("shuangqiao-zhen-2022-05", 0), ("beiyuan-notice-2023", 0),
           ("qinghe-shi-2022-06", 1), ("qinghe-shi-2022-06", 2), ("songlin-xian-2021-02", 1)]


def fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def by_page(loaded) -> dict[int, str]:
    pages: dict[int, str] = {}
    for line in loaded.lines:
        pages[line.page or 0] = pages.get(line.page or 0, "") + fold(line.text)
    return pages


def rasterise(pdf: Path, out: Path, dpi: int) -> None:
    """An image-only PDF of `pdf`'s pages at `dpi` (greyscale, like an office scanner's)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])


def measure(stem: str, pdf: str, scan: str) -> dict:
    """Runs in the child: read the text layer and the scan, compare, score."""
    import gazette  # noqa: F401  (imports counted before the OCR's memory)
    from gazette.api import parse_loaded
    from gazette.loaders import load
    from gazette.loaders import ocr
    import typeset_unseen

    ocr.engine()  # the models load once per process; not part of a page's time
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    text = load(pdf)
    text_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    scanned = load(scan, ocr=True)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    truth, read = by_page(text), by_page(scanned)
    errors = sum(distance(truth.get(p, ""), read.get(p, "")) for p in set(truth) | set(read))
    chars = sum(len(t) for t in truth.values())
    score = typeset_unseen.scorer()
    gold = json.loads(typeset_unseen.source(stem)[1].read_text(encoding="utf-8"))
    means = [typeset_unseen.mean(score.score_file(gold, parse_loaded(x).to_dict())) for x in (text, scanned)]
    low = sum(1 for w in scanned.warnings if w.code == "ocr-low-confidence")
    return {"file": Path(pdf).name, "pages": scanned.pages, "chars": chars, "errors": errors,
            "cer": errors / max(1, chars), "wall_s": wall, "cpu_s": cpu, "text_layer_s": text_s,
            "peak_rss_mb": peak / 1024, "rss_before_mb": base / 1024,
            "score_text": means[0], "score_ocr": means[1], "low_confidence_lines": low}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        print(json.dumps(measure(*argv[1:4])))
        return
    dpis, out, json_out, stems = [150, 300], ROOT / "bench-out" / "ocr", None, []
    while argv:
        arg = argv.pop(0)
        if arg == "--dpi":
            dpis = []
            while argv and argv[0].isdigit():
                dpis.append(int(argv.pop(0)))
        elif arg == "--out":
            out = Path(argv.pop(0))
        elif arg == "--json":
            json_out = Path(argv.pop(0))
        else:
            stems.append(arg)
    import typeset_pdf
    import typeset_source
    import typeset_unseen

    if typeset_pdf.font() is None:
        sys.exit("no CJK font: apt-get install fonts-wqy-zenhei")
    plan = [(s, k) for s, k in DEFAULT if not stems or s in stems]
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    print(f"{'file':34} {'dpi':>4} {'pages':>5} {'CER':>7} {'pages/s':>8} {'cpu s/page':>10} "
          f"{'peak MB':>8} {'score txt':>9} {'score ocr':>9}", flush=True)
    for stem, k in plan:
        name, blocks = typeset_source.blocks(*typeset_unseen.source(stem))
        pdf = out / f"{stem}-{k + 1}.pdf"
        typeset_pdf.build(name, blocks, pdf, **typeset_unseen.PLAN[stem][1][k])
        for dpi in dpis:
            scan = out / f"{stem}-{k + 1}-scan{dpi}.pdf"
            rasterise(pdf, scan, dpi)
            proc = subprocess.run([sys.executable, __file__, "--child", stem, str(pdf), str(scan)],
                                  capture_output=True, text=True, check=True)
            r = json.loads(proc.stdout.strip().splitlines()[-1]) | {"dpi": dpi}
            rows.append(r)
            print(f"{r['file']:34} {dpi:>4} {r['pages']:>5} {r['cer']:7.2%} {r['pages'] / r['wall_s']:8.3f} "
                  f"{r['cpu_s'] / r['pages']:10.1f} {r['peak_rss_mb']:8.0f} {r['score_text']:9.3f} "
                  f"{r['score_ocr']:9.3f}", flush=True)
    for dpi in dpis:
        sel = [r for r in rows if r["dpi"] == dpi]
        pages = sum(r["pages"] for r in sel)
        print(f"{'all (' + str(len(sel)) + ' files)':34} {dpi:>4} {pages:>5} "
              f"{sum(r['errors'] for r in sel) / sum(r['chars'] for r in sel):7.2%} "
              f"{pages / sum(r['wall_s'] for r in sel):8.3f} {sum(r['cpu_s'] for r in sel) / pages:10.1f} "
              f"{max(r['peak_rss_mb'] for r in sel):8.0f} "
              f"{sum(r['score_text'] for r in sel) / len(sel):9.3f} {sum(r['score_ocr'] for r in sel) / len(sel):9.3f}")
    if json_out:
        json_out.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
