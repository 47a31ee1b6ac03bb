"""The parser against every annotated set (benchmarks/accuracy.py), with floors.

The shared samples stay at 1.000; the 18 real documents of this round average at least 0.95 with
no file below 0.85; the other sets are held at the level reached, so that a change that helps one
house style cannot quietly break another.  One real file cannot reach 0.85 with the team's
scorer (see EXCEPTIONS).
"""
from __future__ import annotations

import importlib
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
accuracy = importlib.import_module("accuracy")

# set: (floor for the mean, floor for every file)
FLOORS = {"real": (0.95, 0.85), "whole": (0.98, 0.90), "writer": (0.97, 0.85), "web": (0.93, 0.0), "web2": (0.94, 0.0), "web3": (0.95, 0.0),
          "web4": (0.94, 0.0), "web5": (0.77, 0.0), "web6": (0.97, 0.0), "web7": (0.98, 0.0), "web8": (0.93, 0.0), "web9": (0.94, 0.0), "issues": (0.70, 0.0), "unseen": (1.0, 1.0)}
# samples/real/34: two decisions whose one-line bodies begin with the same 20 characters, so the
# scorer's neighbour check (a document must not hold the next one's first line) fails for both
# documents whatever a parser does: bounds 0, the file at most 0.75.
# tests/fixtures/issues/63's PDF: pdfium gives the first characters of many of its lines
# (glyphs of the red-head page's fonts) a degenerate box at the page's foot (size 1 pt, no height),
# so the layout reader misplaces them; its TXT and DOCX read whole. Held at what it scores.
EXCEPTIONS = {"samples/real/34-jiyuan-renmian.txt": 0.75, "tests/fixtures/issues/63-liangang-2022-12.pdf": 0.66}


@pytest.fixture(scope="module")
def scored():
    mod = accuracy.scorer()
    return {name: accuracy.score(name, mod) for name in accuracy.SETS}


def test_every_set_has_files(scored):
    assert {name: len(rows) for name, rows in scored.items()} == {
        "samples": 8, "real": 18, "web": 43, "web2": 35, "web3": 16, "web4": 15, "web5": 17, "web6": 17, "web7": 8, "web8": 10, "web9": 10, "issues": 12,
        "whole": 189, "writer": 118, "unseen": 9}


def test_shared_samples_stay_perfect(scored):
    """Every metric 1.000 on the TXT samples; the PDF/DOCX renditions of yanzhou lose only the
    30日 chronicle entry their typesetting left out (the gold counts it)."""
    for row in scored["samples"]:
        low = {k: v for k, v in row["metrics"].items() if v is not None and v < 1.0}
        if row["file"].endswith((".pdf", ".docx")) and set(low) == {"events"}:
            assert low["events"] > 0.99, row
            continue
        assert not low, row


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_set_floor(scored, name):
    mean_floor, file_floor = FLOORS[name]
    rows = scored[name]
    summary = accuracy.summary(rows)
    assert summary["mean"] >= mean_floor, summary
    low = [(r["file"], round(r["score"], 3)) for r in rows
           if r["score"] < EXCEPTIONS.get(r["file"], file_floor) - 1e-9]
    assert not low


def test_no_file_crashes(scored):
    assert [r["file"] for rows in scored.values() for r in rows if r["error"]] == []
