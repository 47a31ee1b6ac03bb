"""Parser accuracy on every annotated set, with the team's scorer (tools/score.py).

    python benchmarks/accuracy.py                 # per-set means and the files below 1.000
    python benchmarks/accuracy.py --all           # every file
    python benchmarks/accuracy.py --json          # the figures as JSON

Sets (each file has a gold annotation made by reading the text, never by running the parser):

    samples   the shared sample bulletins (TXT, and their PDF/DOCX/HTML renditions)
    real      samples/real: 18 real documents of 11 provinces and the centre (shared this round)
    web       samples/web: 43 real web captures collected this round (22 provinces)
    web2      samples/web2: 35 more, collected after the parser work on the others (0.664 when first run)
    web3      samples/web3: 16 more (18 documents, 11 provinces), collected blind after web2 (0.705 when first run)
    web4      samples/web4: 15 more (city/county governments and bureaus, 11 provinces), collected blind
              after web3 (0.703 when first run)
    web5      samples/web5: 17 more (people's congresses, courts and procuratorates, 1950s-1980s documents,
              chronicles with year headings), collected blind after web3 (0.437 when first run)
    web6      samples/web6: 17 more (通报/决定 commendations, 通告, a township 公告, 批复, 公示, an order,
              a meeting record, prefectures, traditional and damaged pages), collected blind after web4
              (0.722 when first run)
    web7      samples/web7: 8 more (a province 批复 on a county's townships, an annual 报告, a standalone
              预案, a district's 规则, an autonomous county's 自治条例, 山西/宁夏/吉林/广西 pages, heavy
              chrome and a URL-encoded page), collected blind after web6 (1.000 when first run)
    web8      samples/web8: 10 more (西藏/新疆/内蒙古/黑龙江/天津/重庆 pages, townships, a 公示, metadata
              as a pipe table, a page run together on one line, lost glyphs, a month's 大事记),
              collected blind after web7 (0.861 when first run)
    web9      samples/web9: 10 more (a 政协 notice on one line, a province 厅's notice, General Office
              letters with English names and metadata, a 政府工作报告, a speech, a 人大 决议 and work
              report, traditional mirrors), collected blind after web8 (0.585 when first run)
    issues    samples/issues: 12 real pieces of gazette issues (mastheads, chronicles, 任免)
    whole     tests/fixtures/issues: whole issues (01-70) of real documents in issue frames written
              by colleagues who never ran the parser (TOC forms, furniture, colophons), as TXT,
              and from 13 on also as DOCX and PDF
    writer    tests/fixtures/issues/lo: the whole issues' DOCX as LibreOffice Writer 7.4 saves them, as PDF
              (`soffice --headless --convert-to pdf`: a second PDF producer with its own line
              breaking, justification and header placement; 0.971 when first run) and as DOCX
              (`--convert-to docx`: another DOCX writer; 0.995 when first run)
    unseen    tests/fixtures/unseen: the team's own fictional bulletins of other styles
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gazette  # noqa: E402

SETS = {
    "samples": (ROOT / "samples", ROOT / "samples" / "gold"),
    "real": (ROOT / "samples" / "real", ROOT / "samples" / "real" / "gold"),
    "web": (ROOT / "samples" / "web", ROOT / "samples" / "web" / "gold"),
    "web2": (ROOT / "samples" / "web2", ROOT / "samples" / "web2" / "gold"),
    "web3": (ROOT / "samples" / "web3", ROOT / "samples" / "web3" / "gold"),
    "web4": (ROOT / "samples" / "web4", ROOT / "samples" / "web4" / "gold"),
    "web5": (ROOT / "samples" / "web5", ROOT / "samples" / "web5" / "gold"),
    "web6": (ROOT / "samples" / "web6", ROOT / "samples" / "web6" / "gold"),
    "web7": (ROOT / "samples" / "web7", ROOT / "samples" / "web7" / "gold"),
    "web8": (ROOT / "samples" / "web8", ROOT / "samples" / "web8" / "gold"),
    "web9": (ROOT / "samples" / "web9", ROOT / "samples" / "web9" / "gold"),
    "issues": (ROOT / "samples" / "issues", ROOT / "samples" / "issues" / "gold"),
    "whole": (ROOT / "tests" / "fixtures" / "issues", ROOT / "tests" / "fixtures" / "issues" / "gold"),
    "writer": (ROOT / "tests" / "fixtures" / "issues" / "lo", ROOT / "tests" / "fixtures" / "issues" / "gold"),
    "unseen": (ROOT / "tests" / "fixtures" / "unseen", ROOT / "tests" / "fixtures" / "unseen"),
}
FORMATS = (".txt", ".md", ".html", ".pdf", ".docx")


def scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def files(name: str) -> list[tuple[Path, Path]]:
    """(bulletin, gold) pairs of a set; a gold's stem names its bulletins (`x.json` → `x.txt`,
    `x.pdf`…; a sample's renditions `x-docx.txt`, `x.docx`, `x-web.html` share a stem)."""
    folder, gold_dir = SETS[name]
    pairs = []
    for gold in sorted(gold_dir.glob("*.json")):
        for path in sorted(folder.iterdir()):
            if path.suffix in FORMATS and _renders(path, gold.stem):
                pairs.append((path, gold))
    return pairs


def _renders(path: Path, stem: str) -> bool:
    if path.stem == stem:
        return True
    for tail in ("-docx", "-web"):  # jining-gaoxin-2023-5-docx.txt ↔ jining-gaoxin-2023-5.docx
        if stem.endswith(tail) and path.stem == stem[: -len(tail)] and path.suffix in (".docx", ".html"):
            return True
    return False


def score(name: str, score_mod=None) -> list[dict]:
    score_mod = score_mod or scorer()
    rows = []
    for path, gold_path in files(name):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        try:
            out = gazette.parse(path).to_dict()
        except Exception as e:  # noqa: BLE001 - a crash scores 0 and is shown
            out, error = None, f"{type(e).__name__}: {e}"
        else:
            error = None
        m = score_mod.score_file(gold, out) if out is not None else {n: 0.0 for n in score_mod.NAMES}
        vals = [v for v in m.values() if v is not None]
        rows.append({"set": name, "file": str(path.relative_to(ROOT)), "metrics": m,
                     "score": sum(vals) / len(vals) if vals else 0.0, "error": error})
    return rows


def summary(rows: list[dict]) -> dict:
    scores = [r["score"] for r in rows]
    return {"files": len(rows), "mean": sum(scores) / len(scores) if scores else None,
            "min": min(scores) if scores else None, "perfect": sum(s >= 0.9995 for s in scores)}


def main(argv: list[str]) -> int:
    show_all, as_json = "--all" in argv, "--json" in argv
    names = [a for a in argv if not a.startswith("--")] or list(SETS)
    mod = scorer()
    result = {name: score(name, mod) for name in names}
    if as_json:
        print(json.dumps({n: {"summary": summary(r), "files": r} for n, r in result.items()}, ensure_ascii=False,
                         indent=1))
        return 0
    metrics = mod.NAMES
    print(f"| set | files | mean | min | at 1.000 |\n|---|---|---|---|---|")
    for name, rows in result.items():
        s = summary(rows)
        print(f"| {name} | {s['files']} | {s['mean']:.3f} | {s['min']:.3f} | {s['perfect']} |")
    print()
    print("| file | " + " | ".join(metrics) + " | score |")
    print("|---|" + "---|" * (len(metrics) + 1))
    for rows in result.values():
        for r in rows:
            if show_all or r["score"] < 0.9995:
                cells = " | ".join("–" if r["metrics"].get(k) is None else f"{r['metrics'][k]:.3f}" for k in metrics)
                print(f"| {r['file']} | {cells} | {r['score']:.3f} |" + (f" {r['error']}" if r["error"] else ""))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # piped into head
        sys.exit(0)
