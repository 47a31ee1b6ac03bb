"""Terminal output at 80 columns (items of a few lines) and wide (tables): nothing cut that
matters, no line wider than the terminal."""
from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

import gazette
from gazette.cli import out, run

from conftest import SAMPLES

FILES = [SAMPLES / "yanzhou-2021-03-04.txt", SAMPLES / "jining-gaoxin-2023-2-web.txt"]


@pytest.fixture(scope="module")
def layout_index(tmp_path_factory) -> str:
    idx = str(tmp_path_factory.mktemp("layout") / "idx")
    assert run(["ingest", *map(str, FILES), "--index", idx, "--json", "-j", "1"]) == 0
    return idx


@pytest.fixture
def width(monkeypatch):
    def set_width(n: int) -> None:
        monkeypatch.setattr(out.console(), "_width", n)  # (the rich Console behind gazette.cli.out)
    return set_width


def lines_of(capsys, *args) -> list[str]:
    capsys.readouterr()
    assert run(list(args)) == 0
    return [l.rstrip() for l in capsys.readouterr().out.splitlines()]


def _joined(lines: list[str]) -> str:
    return "".join(l.strip() for l in lines)


def test_search_at_80_columns_gives_each_hit_at_most_4_lines(capsys, layout_index, width):
    width(80)
    lines = lines_of(capsys, "search", "实施方案", "--index", layout_index, "--limit", "5")
    assert all(cell_len(l) <= 80 for l in lines)
    starts = [i for i, l in enumerate(lines) if re.match(r"\s{1,3}\d+ \S", l)]  # "   1 title"
    assert len(starts) == 5
    ends = starts[1:] + [next((i for i, l in enumerate(lines) if l.startswith("more:")), len(lines))]
    assert all(1 < b - a <= 4 for a, b in zip(starts, ends))
    assert re.search(r"[0-9a-f]{8}:\d+", "\n".join(lines))  # the id to `show`


def test_show_prints_the_full_title(capsys, layout_index, width):
    width(80)
    doc = next(d for d in gazette.parse(FILES[0]).documents if d.title and len(d.title) > 40)
    lines = lines_of(capsys, "show", doc.doc_number, "--index", layout_index)
    assert all(cell_len(l) <= 80 for l in lines)
    assert doc.title in _joined(lines[:4])


def test_list_and_parse_at_80_columns(capsys, layout_index, width):
    width(80)
    lines = lines_of(capsys, "list", "--index", layout_index)
    assert all(cell_len(l) <= 80 for l in lines) and len(lines) == 1 + 2 * len(FILES)
    assert all(any(p.name in l for l in lines) for p in FILES)
    lines = lines_of(capsys, "parse", str(FILES[0]))
    assert all(cell_len(l) <= 80 for l in lines)
    text = _joined(lines)
    assert all(d.title in text for d in gazette.parse(FILES[0]).documents if d.title)


def test_wide_terminals_get_tables(capsys, layout_index, width):
    width(140)
    lines = lines_of(capsys, "search", "实施方案", "--index", layout_index, "--limit", "3")
    assert all(cell_len(l) <= 140 for l in lines)
    assert any("┃ #" in l and "title" in l and "snippet" in l for l in lines)
