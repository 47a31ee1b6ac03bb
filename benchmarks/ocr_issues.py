"""OCR on whole real issues: each fixture PDF rasterised into a scan, read back with `--ocr` and
scored against its gold (a script, not a test: it takes minutes).

    python benchmarks/ocr_issues.py [--dpi 200] [--out DIR] [--json FILE] [--cache DIR] [ISSUE ...]

ISSUE is a path under tests/fixtures/issues/ (`lo/14-yunling-2008-05.pdf`) or a number (`14`:
both its PDF and its LibreOffice export lo/).  Every page is rendered at `--dpi` (greyscale) and
saved as an image-only PDF in DIR (default /tmp/ocr-issues).  For each scan, in a fresh child
process: the text-layer PDF is parsed (the anchor) and the scan is parsed with `ocr=True`;
both are scored with tools/score.py's mean against the gold, and the scan's wall time per page is
taken (the models are loaded first, outside the time).  The lines each reading gives are written
next to the scan (`*.text.txt`, `*.ocr.txt`, one `page<TAB>text` a line) to compare them.

`--cache DIR` keeps the recogniser's answers on disk by image, so that a second run after a change
to the layout or the normalizer re-reads nothing (its seconds per page are then not the OCR's).

Needs the OCR extra (pip install 'gazette[ocr]').
"""
from __future__ import annotations

import hashlib
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ISSUES = ROOT / "tests" / "fixtures" / "issues"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

# varied house styles: TOC with leaders, TOC as a table, two-column contents, old and new issues
DEFAULT = ["14", "21", "29", "35", "42", "47", "52", "57", "61", "66"]


def rasterise(pdf: Path, out: Path, dpi: int) -> int:
    """An image-only PDF of `pdf`'s pages at `dpi` (greyscale, like an office scanner's)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return len(images)


def cached_engine(directory: Path):
    """The recogniser with its answers kept on disk, keyed by the image and the call's options."""
    from gazette.loaders import ocr, ocr_missed

    real = ocr.engine()
    directory.mkdir(parents=True, exist_ok=True)

    def call(image, **kw):
        key = hashlib.sha1(image.tobytes() + repr((image.shape, sorted(kw.items()))).encode()).hexdigest()
        path = directory / f"{key}.pkl"
        if path.exists():
            return pickle.loads(path.read_bytes())
        result = real(image, **kw)
        path.write_bytes(pickle.dumps(result))
        return result

    ocr.engine = ocr_missed.engine = lambda: call


def dump(loaded, path: Path) -> None:
    path.write_text("".join(f"{line.page}\t{line.text}\n" for line in loaded.lines), encoding="utf-8")


def measure(pdf: str, scan: str, gold: str, cache: str) -> dict:
    """Runs in the child: parse the text layer and the scan, score both."""
    from gazette.api import parse_loaded
    from gazette.loaders import load, ocr
    import typeset_unseen

    ocr.engine()  # the models load once per process; not part of a page's time
    if cache:
        cached_engine(Path(cache))
    score = typeset_unseen.scorer()
    truth = json.loads(Path(gold).read_text(encoding="utf-8"))
    text = load(pdf)
    t0 = time.perf_counter()
    scanned = load(scan, ocr=True)
    wall = time.perf_counter() - t0
    dump(text, Path(scan).with_suffix(".text.txt"))
    dump(scanned, Path(scan).with_suffix(".ocr.txt"))
    out = {}
    for name, loaded in (("text", text), ("ocr", scanned)):
        parsed = parse_loaded(loaded).to_dict()
        Path(scan).with_suffix(f".{name}.json").write_text(json.dumps(parsed, ensure_ascii=False, indent=1),
                                                           encoding="utf-8")
        metrics = score.score_file(truth, parsed)
        out[f"score_{name}"] = typeset_unseen.mean(metrics)
        out[f"metrics_{name}"] = metrics
    return out | {"pages": scanned.pages, "wall_s": wall}


def targets(args: list[str]) -> list[Path]:
    out = []
    for arg in args:
        if arg.isdigit():
            out += sorted(ISSUES.glob(f"{int(arg):02d}-*.pdf")) + sorted((ISSUES / "lo").glob(f"{int(arg):02d}-*.pdf"))
        else:
            out.append(ISSUES / arg)
    return out


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        print(json.dumps(measure(*argv[1:5])))
        return
    dpi, out, json_out, cache, names = 200, Path("/tmp/ocr-issues"), None, "", []
    while argv:
        arg = argv.pop(0)
        if arg == "--dpi":
            dpi = int(argv.pop(0))
        elif arg == "--out":
            out = Path(argv.pop(0))
        elif arg == "--json":
            json_out = Path(argv.pop(0))
        elif arg == "--cache":
            cache = argv.pop(0)
        else:
            names.append(arg)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    print(f"{'file':36} {'pages':>5} {'scan':>6} {'text':>6} {'diff':>7} {'s/page':>7}", flush=True)
    for pdf in targets(names or DEFAULT):
        rel = pdf.relative_to(ISSUES)
        gold = ISSUES / "gold" / (pdf.stem + ".json")
        scan = out / (str(rel.with_suffix("")).replace("/", "-") + f"-scan{dpi}.pdf")
        if not scan.exists():
            rasterise(pdf, scan, dpi)
        proc = subprocess.run([sys.executable, __file__, "--child", str(pdf), str(scan), str(gold), cache],
                              capture_output=True, text=True)
        if proc.returncode:
            print(f"{str(rel):36} failed: {proc.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1]) | {"file": str(rel)}
        rows.append(r)
        print(f"{r['file']:36} {r['pages']:>5} {r['score_ocr']:6.3f} {r['score_text']:6.3f} "
              f"{r['score_ocr'] - r['score_text']:+7.3f} {r['wall_s'] / r['pages']:7.1f}", flush=True)
    if rows:
        n, pages = len(rows), sum(r["pages"] for r in rows)
        scan_mean = sum(r["score_ocr"] for r in rows) / n
        text_mean = sum(r["score_text"] for r in rows) / n
        print(f"{'mean (' + str(n) + ' files)':36} {pages:>5} {scan_mean:6.3f} {text_mean:6.3f} "
              f"{scan_mean - text_mean:+7.3f} {sum(r['wall_s'] for r in rows) / pages:7.1f}")
    if json_out:
        json_out.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
