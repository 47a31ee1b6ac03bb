"""Relevance benchmark (a script, not a test): judged queries → MRR and nDCG@10; substring recall.

    python benchmarks/relevance.py [--strings 300] [--keep DIR] [--db postgresql://…]

Ingests every sample (`samples/`: one issue as TXT, PDF and DOCX, a web page and its text, a
DOCX and its text) and the real documents (`samples/real/`) into a fresh index, then

* runs the judged queries below (what a researcher types: a programme, a place, a kind of
  document) and reports MRR (rank of the first highly relevant document) and nDCG@10 (graded:
  2 = about this, 1 = substantially concerned), for the ranking as built and for matching
  alone (no word or title bonus), so a ranking change shows its effect;
* cuts query strings of 2–6 Han characters from the documents' text (random cuts, which fall
  across word boundaries as often as not, plus the names of appointed people and the issuers'
  names) and reports substring recall: of the documents whose text contains the string, the
  share the search returns (every copy counted: `--all-sources`).

With `--db URL` (an empty database; `gazette db init` is run on it) the same corpus goes into
the PostgreSQL archive too, every figure is given for both engines, and the two are compared
query by query: equal totals, the overlap of their top 10, equal facets.

A judgement names documents by number (`济兖政发〔2021〕6号`), by a string of the title
(`title:工作规则`), or by source file (`file:14-dongyang`): stable when the parser improves.
"""
from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

# query → {judgement: grade}
JUDGED: dict[str, dict[str, int]] = {
    "告知承诺制": {"济兖政办发〔2021〕2号": 2, "济高新管办字〔2023〕2号": 1},
    "证明事项": {"济兖政办发〔2021〕2号": 2},
    "国家卫生城市": {"济高新管字〔2023〕5号": 2},
    "爱国卫生": {"济高新管字〔2023〕5号": 2, "济兖政发〔2021〕6号": 1},
    "自备井": {"济兖政办字〔2021〕8号": 2},
    "慢性病": {"济兖政办字〔2021〕4号": 2, "济兖政发〔2021〕6号": 1},
    "家政服务": {"济兖政办字〔2021〕5号": 2},
    "领跑者": {"济兖政办字〔2021〕5号": 2},
    "健康兖州": {"济兖政发〔2021〕6号": 2},
    "废止 区政府文件": {"济兖政发〔2021〕5号": 2},
    "监管协调联动": {"济高新管办字〔2023〕2号": 2},
    "任免": {"title:任免": 2, "file:34-jiyuan": 2, "国办发〔2018〕109号": 1},
    "大事记": {"title:大事记": 2, "file:32-ganyu": 2},
    "雄安新区": {"国函〔2018〕159号": 2},
    "专利代理": {"file:03-guoling-706": 2},
    "国家教材委员会": {"国办发〔2018〕109号": 2},
    "科学技术奖": {"国发〔2018〕44号": 2},
    "工作规则": {"file:10-zhenba": 2, "file:12-taihu": 2, "file:24-qingyuan": 2},
    "残疾人就业": {"file:14-dongyang": 2},
    "政务公开": {"file:16-yueyang": 2, "吉府发〔2003〕37号": 2, "京政办发〔2016〕26号": 2},
    "道路交通安全": {"file:18-lincang": 2},
    "文物保护单位": {"办普查函〔2008〕224号": 2},
    "华侨 投资": {"沈政令〔1997〕29号": 2},
    "工资折算": {"劳社部发〔2008〕3号": 2},
    "代理市长": {"file:34-jiyuan": 2},
    "实施方案": {"title:实施方案": 2, "title:工作方案": 1},
    "兖州": {"title:兖州": 2},
    "卫生": {"济高新管字〔2023〕5号": 2, "济兖政发〔2021〕6号": 2, "济兖政办字〔2021〕4号": 1},
}


def corpus() -> list[str]:
    """The files of the benchmark: every sample and the real documents."""
    files = [str(p) for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".pdf", ".docx", ".html")]
    files += [str(p) for p in sorted((SAMPLES / "real").iterdir())
              if p.suffix in (".txt", ".html", ".md") and p.name != "SOURCES.md"]
    return files


def ingest_all(index) -> None:
    """Ingest the corpus in one commit: the Whoosh engine's BM25 statistics are per segment,
    and a loaded machine would otherwise cut the index into several (one commit per 10 s)."""
    from gazette.index import ingest, writer

    saved, writer.BATCH_SECONDS = writer.BATCH_SECONDS, float("inf")
    try:
        failed = [r for r in ingest(corpus(), str(index), jobs=1) if r.status == "failed"]
    finally:
        writer.BATCH_SECONDS = saved
    for r in failed:
        print(f"not ingested: {r.error}", file=sys.stderr)


def compare_engines(index: str, db: str, queries) -> dict:
    """The two engines on the same queries: mean overlap of their top 10 (shared ids over the
    longer list), the queries whose totals or facets differ, the queries below 0.9."""
    from gazette.index import search

    overlaps, low, totals, facets = [], [], [], []
    for q in queries:
        a, b = (search(q, target, limit=10, facets=True) for target in (index, db))
        ids_a, ids_b = [h["id"] for h in a["hits"]], [h["id"] for h in b["hits"]]
        overlap = len(set(ids_a) & set(ids_b)) / max(len(ids_a), len(ids_b)) if ids_a or ids_b else 1.0
        overlaps.append(overlap)
        if overlap < 0.9:
            low.append((q, round(overlap, 2)))
        if a["total"] != b["total"]:
            totals.append((q, a["total"], b["total"]))
        if a["facets"] != b["facets"]:
            facets.append(q)
    return {"queries": len(overlaps), "overlap": statistics.mean(overlaps), "low": low,
            "totals_differ": totals, "facets_differ": facets}


def grade(hit: dict, judgements: dict[str, int]) -> int:
    best = 0
    for key, g in judgements.items():
        if key.startswith("title:"):
            ok = key[6:] in (hit["title"] or "")
        elif key.startswith("file:"):
            ok = Path(hit["path"] or "").name.startswith(key[5:])
        else:
            ok = hit["doc_number"] == key
        best = max(best, g if ok else 0)
    return best


def ideal(judgements: dict[str, int], stored: list[dict]) -> list[int]:
    """Grades of the judged documents that exist in the index (one per document)."""
    from gazette.index.schema import same_document_key

    seen, grades = set(), []
    for doc in stored:
        hit = {"title": doc.get("title"), "path": doc["issue"]["path"], "doc_number": doc.get("doc_number")}
        g = grade(hit, judgements)
        if g:
            key = same_document_key(doc, doc["issue"]["gazette"]) or doc["id"]
            if key not in seen:
                seen.add(key)
                grades.append(g)
    return sorted(grades, reverse=True)


def dcg(grades: list[int]) -> float:
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def evaluate(index: str, stored: list[dict]) -> tuple[float, float, list[tuple[str, float, float]]]:
    from gazette.index import search

    rows = []
    for q, judgements in JUDGED.items():
        hits = search(q, index, limit=10)["hits"]
        grades = [grade(h, judgements) for h in hits]
        first = next((i for i, g in enumerate(grades) if g == max(judgements.values())), None)
        rr = 1.0 / (first + 1) if first is not None else 0.0
        best = ideal(judgements, stored)
        ndcg = dcg(grades) / dcg(best[:10]) if best else 0.0
        rows.append((q, rr, ndcg))
    return statistics.mean(r for _, r, _ in rows), statistics.mean(n for *_, n in rows), rows


def matching_only():
    """Ranking by matching alone: the word and title bonuses switched off."""
    from gazette.index import query

    saved = query.WORD_BOOST, query.TITLE_BOOST
    query.WORD_BOOST = query.TITLE_BOOST = 0.0
    return lambda: setattr(query, "WORD_BOOST", saved[0]) or setattr(query, "TITLE_BOOST", saved[1])


HAN = re.compile(r"[\u4e00-\u9fff]+")


def query_strings(stored: list[dict], n: int, rng: random.Random) -> list[str]:
    """Random 2–6 character cuts of Han text, plus people's and issuers' names."""
    from gazette.index.schema import whole_text

    runs = [r for d in stored for r in HAN.findall(whole_text(d)) if len(r) >= 2]
    out = []
    while len(out) < n:
        run = rng.choice(runs)
        k = rng.randint(2, min(6, len(run)))
        i = rng.randrange(len(run) - k + 1)
        out.append(run[i:i + k])
    people = {a.get("person") for d in stored for a in d.get("appointments") or []}
    issuers = {d.get("issuer") for d in stored}
    named = sorted(s for s in people | issuers if s and HAN.fullmatch(s) and 2 <= len(s) <= 6)
    return out + named


def substring_recall(index: str, stored: list[dict], strings: list[str]) -> tuple[float, float, list[str]]:
    """(macro recall, precision, strings with a miss): every copy is a document here."""
    from gazette.index import search
    from gazette.index.schema import whole_text
    from gazette.index.segment import fold

    texts = {d["id"]: fold(whole_text(d)) for d in stored}
    recalls, precise, missed = [], [], []
    for s in strings:
        want = {i for i, t in texts.items() if fold(s) in t}
        res = search(f'"{s}"', index, limit=len(texts), all_sources=True)
        got = {h["id"] for h in res["hits"]}
        recalls.append(len(got & want) / len(want) if want else 1.0)
        precise.append(len(got & want) / len(got) if got else 1.0)
        if want - got:
            missed.append(s)
    return statistics.mean(recalls), statistics.mean(precise), missed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--strings", type=int, default=300, help="random query strings (default 300)")
    ap.add_argument("--keep", help="build the index here instead of a temporary directory")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-query figures")
    ap.add_argument("--db", help="also the PostgreSQL archive at this URL (an empty database), compared")
    args = ap.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gazette-relevance-"))
    index = base / "index"
    if not index.exists():
        ingest_all(index)
    targets = [("whoosh", str(index))]
    if args.db:
        from gazette.pg.migrate import apply

        apply(args.db, create=True)
        ingest_all(args.db)
        targets.append(("postgresql", args.db))
    from gazette.index import iter_stored

    stored = list(iter_stored(str(index), all_sources=True))
    print(f"index: {len(stored)} stored documents (every copy) in {index}")
    strings = query_strings(stored, args.strings, random.Random(11))
    for name, target in targets:
        mrr, ndcg, rows = evaluate(target, stored)
        restore = matching_only()
        mrr0, ndcg0, rows0 = evaluate(target, stored)
        restore()
        print(f"[{name}] {len(JUDGED)} judged queries: MRR {mrr:.3f}, nDCG@10 {ndcg:.3f} "
              f"(matching alone, no word/title bonus: MRR {mrr0:.3f}, nDCG@10 {ndcg0:.3f})")
        if args.verbose:
            for (q, rr, n), (_, rr0, n0) in zip(rows, rows0):
                print(f"  {q:<12} RR {rr:.2f} nDCG {n:.2f}   (matching alone {rr0:.2f} {n0:.2f})")
        recall, precision, missed = substring_recall(target, stored, strings)
        print(f"[{name}] substring recall over {len(strings)} strings ({args.strings} random cuts of 2–6 "
              f"characters, {len(strings) - args.strings} names): {recall:.4f} (precision {precision:.4f})")
        if missed:
            print("  missed: " + " ".join(missed[:20]))
    if args.db:
        for label, queries in (("judged queries", list(JUDGED)), ("query strings", [f'"{s}"' for s in strings])):
            r = compare_engines(str(index), args.db, queries)
            print(f"engines compared on {r['queries']} {label}: top-10 overlap {r['overlap']:.3f}; totals differ "
                  f"on {len(r['totals_differ'])}, facets on {len(r['facets_differ'])}; below 0.9: {r['low'][:10]}")


if __name__ == "__main__":
    main()
