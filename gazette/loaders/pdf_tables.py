"""Ruled tables on a PDF page: a grid from the ruling lines, merged cells where a rule is
missing, the characters of each cell joined into its text.

A table needs at least three vertical and three horizontal rule positions (two columns,
two rows), so a box drawn around a colophon is not a table.  Tables without vertical
rules (three-line tables) are left to the flowing text.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from statistics import median

TOL = 2.0


@dataclass
class Rule:
    """A ruling line: a thin path object of a PDF, or a line found in a scan (top-down coordinates)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class TableRegion:
    x0: float
    top: float
    x1: float
    bottom: float
    chars: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # VLine objects with `cells`


def _positions(values: list[float]) -> list[float]:
    """Distinct positions, values closer than TOL merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOL:
            out.append(v)
    return out


def _components(rules) -> list[list]:
    """Groups of rules that touch each other (union-find)."""
    parent = list(range(len(rules)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if a.x0 - TOL <= b.x1 and b.x0 - TOL <= a.x1 and a.top - TOL <= b.bottom and b.top - TOL <= a.bottom:
                parent[find(i)] = find(j)
    groups: dict[int, list] = {}
    for i, r in enumerate(rules):
        groups.setdefault(find(i), []).append(r)
    return list(groups.values())


def _covers(rules, pos: float, along: float, vertical: bool) -> bool:
    for r in rules:
        if vertical:
            if abs((r.x0 + r.x1) / 2 - pos) <= TOL and r.top - TOL <= along <= r.bottom + TOL:
                return True
        elif abs((r.top + r.bottom) / 2 - pos) <= TOL and r.x0 - TOL <= along <= r.x1 + TOL:
            return True
    return False


def _owners(xs, ys, hs, vs) -> list[list[tuple[int, int]]]:
    """For each grid cell, the top-left grid cell of the merged cell it belongs to."""
    nr, nc = len(ys) - 1, len(xs) - 1
    owner = [[(i, j) for j in range(nc)] for i in range(nr)]
    for i in range(nr):
        ymid = (ys[i] + ys[i + 1]) / 2
        for j in range(nc):
            xmid = (xs[j] + xs[j + 1]) / 2
            if j > 0 and not _covers(vs, xs[j], ymid, True):
                owner[i][j] = owner[i][j - 1]
            elif i > 0 and not _covers(hs, ys[i], xmid, False):
                owner[i][j] = owner[i - 1][j]
    return owner


def _join(parts: list[str]) -> str:
    out = ""
    for p in parts:
        if out and p and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out


def _region(rules, chars, page: int) -> TableRegion | None:
    from .pdf_layout import VLine, _row_of, text_of

    hs = [r for r in rules if r.bottom - r.top <= 3]
    vs = [r for r in rules if r.bottom - r.top > 3]
    xs = _positions([(r.x0 + r.x1) / 2 for r in vs])
    ys = _positions([(r.top + r.bottom) / 2 for r in hs])
    if len(xs) < 3 or len(ys) < 3:
        return None
    region = TableRegion(xs[0], ys[0], xs[-1], ys[-1])
    owner = _owners(xs, ys, hs, vs)
    cells: dict[tuple[int, int], list] = {}
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        if not (region.x0 < cx < region.x1 and region.top < cy < region.bottom):
            continue
        i, j = bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1
        region.chars.append(c)
        cells.setdefault(owner[i][j], []).append(c)
    sizes = [c.size for c in region.chars] or [10.0]
    size = median(sizes)
    for i in range(len(ys) - 1):
        texts = [_join([text_of(r) for r in _row_of(cells[(i, j)])]) if (i, j) in cells else ""
                 for j in range(len(xs) - 1)]
        if not any(texts):
            continue
        region.rows.append(VLine("\t".join(texts), xs[0], xs[-1], ys[i], ys[i + 1], size, False,
                                 page, xs[0], xs[-1], cells=texts))
    return region if region.rows else None


def grid_rules(rules) -> list:
    """The rules that form table grids (three vertical and three horizontal positions or more,
    touching one another)."""
    out = []
    for group in _components(rules):
        vs = _positions([(r.x0 + r.x1) / 2 for r in group if r.bottom - r.top > 3])
        hs = _positions([(r.top + r.bottom) / 2 for r in group if r.bottom - r.top <= 3])
        if len(vs) >= 3 and len(hs) >= 3:
            out.extend(group)
    return out


def find_tables(rules, chars, page: int) -> list[TableRegion]:
    """Ruled tables of one page, top to bottom."""
    if len(rules) > 3000:  # a drawing, not a table
        return []
    found = []
    for group in _components(rules):
        region = _region(group, chars, page)
        if region:
            found.append(region)
    found.sort(key=lambda t: t.top)
    for k, region in enumerate(found):
        for row in region.rows:
            row.table = page * 1000 + k
    return found
