"""Articles (章/节/条/项 of rules) and outlines (一、→（一）→1.→（1） of other documents).

One driver, two marker tables (`markers.py`).  A level stack decides where each recognised
marker goes: for rules by rank (第X章 closes every open 节/条), for outlines by the order in
which the marker styles first appear.  A marker whose number does not continue its sequence is
running text, not a heading (a `3.` quoted inside a sentence does not open a level).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Line, Node
from ...numerals import is_date_line
from .markers import ARTICLE_MARKERS, OUTLINE_MARKERS, Marker, MarkerKind, recognise
from .text import squeeze

RULE_TYPES = ("办法", "规定", "细则", "条例", "规则", "章程", "准则")
TITLE_END = re.compile(r"[。：:；;]")
# lines that close the running text of a body: they belong to no heading or article
CLOSING = (
    re.compile(r"^附\s*件\s*[：:]"),  # the attachment announcement
    re.compile(r"^\s*\d{1,2}\s*[.．、]\s*\S.{0,60}$"),  # its numbered continuation (only right after it)
    re.compile(r"^[（(]此件.{2,12}[）)]$"),  # （此件公开发布）
    re.compile(r"印发[）)]?$"),  # print line
)


@dataclass
class _Open:
    kind: MarkerKind
    node: Node
    label: str  # outline label, e.g. "2.1"


def is_rule(doc) -> bool:
    """A rule, or a notice enclosing one: articles instead of an outline."""
    if doc.category == "rule" or (doc.doc_type or "") in RULE_TYPES:
        return True
    enclosed = (doc.enclosure_title or "").rstrip("（）()试行暂行")
    return enclosed.endswith(RULE_TYPES)


def build_articles(lines: list[Line]) -> list[Node]:
    return _build(lines, ARTICLE_MARKERS, ranked=True)


def build_outline(lines: list[Line]) -> list[Node]:
    return _build(lines, OUTLINE_MARKERS, ranked=False)


def count_articles(nodes: list[Node]) -> int:
    return sum((n.kind == "article") + count_articles(n.children) for n in nodes)


def _build(lines: list[Line], kinds, *, ranked: bool) -> list[Node]:
    roots: list[Node] = []
    stack: list[_Open] = []
    last: dict[str, int] = {}  # last number seen per marker kind, for numbering that runs on
    closed = False  # after a signature, date or attachment note: text joins no node
    for k, line in enumerate(lines):
        if line.hints.get("table") or "\t" in line.text:
            continue
        if _closing(lines, k):
            closed = True
            continue
        marker = recognise(line.text, kinds)
        depth = _depth(marker, stack, last, ranked) if marker else None
        if depth is None:
            if stack and not closed:
                _add_text(stack, line)
            continue
        closed = False
        del stack[depth:]
        parent = stack[-1] if stack else None
        node, label = _node(marker, parent, line)
        (parent.node.children if parent else roots).append(node)
        stack.append(_Open(marker.kind, node, label))
        last[marker.kind.name] = marker.number
        for o in stack[:-1]:
            o.node.lines[1] = line.span[1]
    return roots


def _closing(lines: list[Line], k: int) -> bool:
    """A closing line: attachment note, signature (a short line before a date), date, 此件…, 印发."""
    text = lines[k].text.strip()
    following = lines[k + 1].text.strip() if k + 1 < len(lines) else ""
    if is_date_line(text) or CLOSING[0].match(text) or CLOSING[2].match(text) or CLOSING[3].search(text):
        return True
    if CLOSING[1].match(text):  # a numbered line continuing the attachment announcement
        j = k - 1
        while j >= 0 and CLOSING[1].match(lines[j].text.strip()):
            j -= 1
        if j >= 0 and CLOSING[0].match(lines[j].text.strip()):
            return True
    return is_date_line(following) and len(text) <= 40 and not re.search(r"[，。；：、,;:]", text)


def _depth(marker: Marker, stack: list[_Open], last: dict[str, int], ranked: bool) -> int | None:
    """Where `marker` goes on the stack (its depth), or None if it is not a heading here."""
    if ranked:
        depth = next((i for i, o in enumerate(stack) if o.kind.rank >= marker.kind.rank), len(stack))
        same = stack[depth] if depth < len(stack) and stack[depth].kind is marker.kind else None
    else:
        depth = next((i for i, o in enumerate(stack) if o.kind is marker.kind), len(stack))
        same = stack[depth] if depth < len(stack) else None
    if same is not None:
        return depth if marker.number == same.node.number + 1 else None
    if marker.number == 1 or marker.number == last.get(marker.kind.name, -1) + 1:
        return depth
    return None


def _node(marker: Marker, parent: _Open | None, line: Line) -> tuple[Node, str]:
    kind, n = marker.kind, marker.number
    if kind.node_kind == "heading":
        label = f"{parent.label}.{n}" if parent else str(n)
        node_id = f"{parent.node.id}/s{label}" if parent else f"s{label}"
    else:
        label = f"{kind.id_prefix}{n}"
        node_id = f"{parent.node.id}/{label}" if parent else label
    rest = marker.rest
    if kind.titled:
        title, text = squeeze(rest) or None, ""
    elif kind.node_kind == "heading":
        title, text = _heading_title(rest), rest
    else:
        title, text = None, rest
    return Node(id=node_id, kind=kind.node_kind, number=n, title=title, text=text,
                lines=list(line.span)), label


def _heading_title(rest: str) -> str | None:
    m = TITLE_END.search(rest)
    title = rest[:m.start()] if m else rest
    return title.strip() or None


def _add_text(stack: list[_Open], line: Line) -> None:
    top = stack[-1].node
    top.text = f"{top.text}\n{line.text.strip()}" if top.text else line.text.strip()
    for o in stack:
        o.node.lines[1] = line.span[1]
