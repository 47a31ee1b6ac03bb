"""Government web pages: the document's title and text, and the page's metadata block.

selectolax (the Lexbor engine) parses the page: it is maintained, follows the HTML5
parsing rules browsers use (government pages are rarely valid HTML), and is fast.

The document's text is the container that holds the most paragraph text outside links
(readability-style); everything else — navigation, breadcrumb, link lists, download
and 解读 links, footer — is left out.  Label/value pairs outside that container
(索引号, 发布机构, 成文日期…) become `Loaded.metadata`.  The title (h1, else the `title`
element) is the first line.
"""
from __future__ import annotations

import re
from collections import defaultdict

from selectolax.lexbor import LexborHTMLParser

from ..errors import LoadError
from ..model import Line
from .html_meta import LABEL_RE, parse_metadata, starts_with_label
from .limits import check

BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "table", "tbody",
         "thead", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center",
         "center", "form", "header", "footer", "nav", "aside", "body", "html", "figure", "figcaption"}
NEVER = {"script", "style", "noscript", "iframe", "template", "head", "button", "select", "textarea",
         "input", "svg", "object", "embed", "nav", "header", "footer", "aside", "form", "img"}
JUNK_WORDS = {"nav", "navbar", "menu", "crumb", "breadcrumb", "position", "location", "dqwz", "footer", "foot",
              "topbar", "share", "print", "tools", "tool", "font", "search", "links", "logo", "related",
              "jiedu", "jd", "fujian", "download", "attach", "xgwz", "xgjd", "copyright", "sidebar",
              "comment", "bottom"}
FILE_LINK = re.compile(r"\.(docx?|pdf|wps|xlsx?|zip|rar|ofd|txt)(\?.*)?$", re.I)


def decode(data: bytes) -> str:
    """The page's text: BOM, then the declared charset, then UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.I)
    declared = m.group(1).decode("ascii", "ignore").lower() if m else "utf-8"
    if declared in ("gb2312", "gbk", "x-gbk", "gb_2312-80"):
        declared = "gb18030"
    if declared.startswith(("utf-16", "utf-32", "utf16", "utf32", "ucs-2", "ucs2")):
        declared = "utf-8"  # bytes in which `<meta` was found are no UTF-16 (browsers do the same)
    for enc in (declared, "utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# elements without an end tag, or whose end tag may be left out (they never nest deep)
_NO_NESTING = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
               "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
               "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body"}


def _rough_depth(text: str) -> int:
    """How deep the tags nest, counted on the source before the HTML parser sees it (whose
    time grows with the square of the depth); elements with optional end tags are left out."""
    depth = deepest = 0
    for m in _TAG.finditer(text):
        if m[2].lower() in _NO_NESTING or m[3]:
            continue
        depth = max(0, depth - 1) if m[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _depth(root) -> int:
    """How deep elements nest (iteratively: a page may nest 100,000 levels)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            if child.is_element_node:
                stack.append((child, depth + 1))
            child = child.next
    return deepest


def _junk(node) -> bool:
    if node.tag in NEVER:
        return True
    attrs = node.attributes
    words = re.split(r"[\s_\-]+", f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower())
    return any(w in JUNK_WORDS for w in words)


def _block_of(node):
    while node is not None and node.tag not in BLOCK:
        node = node.parent
    return node


def _inside(node, tag: str) -> bool:
    while node is not None:
        if node.tag == tag:
            return True
        node = node.parent
    return False


def _texts(root):
    """Text nodes under root that a reader sees, skipping junk subtrees (not root itself)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node is not root and node.is_element_node and _junk(node):
            continue
        if node.is_text_node:
            yield node
            continue
        kids = []
        child = node.child
        while child is not None:
            kids.append(child)
            child = child.next
        stack.extend(reversed(kids))


def _container(body):
    """The element holding most of the page's paragraph text outside links."""
    score: dict = defaultdict(int)
    nodes = {}
    for t in _texts(body):
        text = t.text_content or ""
        if not text.strip() or _inside(t, "a") or starts_with_label(text):
            continue
        block = _block_of(t.parent)
        parent = block.parent if block is not None and block.tag in ("p", "li", "h2", "h3", "h4", "span") else block
        if parent is not None:
            score[parent.mem_id] += len(text.strip())
            nodes[parent.mem_id] = parent
    if not score:
        return None
    return nodes[max(score, key=score.get)]


def _title(tree) -> str | None:
    for node in tree.css("h1"):
        text = _clean(node.text(separator=" "))
        if text:
            return text
    node = tree.css_first("title")
    if node is not None:
        text = _clean(node.text())
        return re.split(r"\s*[_|]\s*|\s+-\s+", text)[0] if text else None
    return None


def _clean(text: str) -> str:
    text = re.sub(r"[ \t\r\n\f]+", " ", text)
    return text.replace("\u00a0", " ").replace("\u200b", "").strip()


def _style_hints(block) -> dict:
    hints: dict = {}
    if block is None:
        return hints
    style = (block.attributes.get("style") or "").replace(" ", "").lower()
    if "text-align:center" in style or (block.attributes.get("align") or "").lower() == "center" \
            or block.tag == "center":
        hints["centered"] = True
    m = re.search(r"text-indent:(\d{1,4}(?:\.\d+)?)em", style)
    if m and float(m.group(1)) >= 1:
        hints["indent"] = round(float(m.group(1)))
    if block.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        hints["heading"] = int(block.tag[1])
    return hints


def _table_of(node, stop):
    """The outermost table between node and stop (the container), if any."""
    found = None
    while node is not None and node.mem_id != stop.mem_id:
        if node.tag == "table":
            found = node
        node = node.parent
    return found


def _table_rows(table) -> list[tuple[str, dict]]:
    """A table's rows as tab-joined cells; a cell spanning columns leaves the others empty."""
    rows = []
    for tr in table.css("tr"):
        cells: list[str] = []
        for cell in tr.iter():
            if cell.tag in ("td", "th"):
                cells.append(_clean(cell.text(separator=" ")))
                span = cell.attributes.get("colspan") or "1"
                cells.extend([""] * (int(span) - 1 if span.isdecimal() and 0 < int(span) < 50 else 0))
        if any(cells):
            rows.append(("\t".join(cells), {"table": True}))
    return rows


def _lines_of(container) -> list[tuple[str, dict]]:
    """The container's text cut at block boundaries and <br>; table rows as tab-joined cells."""
    out: list[tuple[str, dict]] = []
    current: list[str] = []
    owner = [None]
    tables_done: set = set()

    def flush():
        text = _clean("".join(current))
        if text:
            hints = _style_hints(owner[0])
            if owner[0] is not None and all(_inside(n, "strong") or _inside(n, "b") for n in bold_probe):
                hints["bold"] = True
            out.append((text, hints))
        current.clear()
        bold_probe.clear()

    bold_probe: list = []
    for t in _texts(container):
        link = t.parent if t.parent is not None and t.parent.tag == "a" else None
        if link is not None and FILE_LINK.search(link.attributes.get("href") or ""):
            continue
        table = _table_of(t.parent, container)
        if table is not None:
            if table.mem_id not in tables_done:
                flush()
                tables_done.add(table.mem_id)
                out.extend(_table_rows(table))
                owner[0] = table
            continue
        block = _block_of(t.parent)
        if block is not owner[0] and (block is None or owner[0] is None or block.mem_id != owner[0].mem_id):
            flush()
            owner[0] = block
        if t.prev is not None and t.prev.tag == "br":
            flush()
        current.append(t.text_content or "")
        if (t.text_content or "").strip():
            bold_probe.append(t)
    flush()
    return out


def _take_metadata_blocks(body) -> dict[str, str]:
    """Parse and remove blocks (tables, lists, short divs) made of two or more metadata labels,
    wherever they stand, also inside the document's container."""
    def labelled(node) -> bool:
        text = node.text(separator="\n")
        return len(text) <= 800 and len(LABEL_RE.findall(text)) >= 2

    blocks = [node for node in body.css("table, ul, dl, div, p")
              if labelled(node) and not any(labelled(inner) for inner in node.css("table, ul, dl, div, p")
                                            if inner.mem_id != node.mem_id)]
    meta: dict[str, str] = {}
    for node in blocks:
        found = parse_metadata([t.text_content or "" for t in _texts(node)])
        meta.update({k: v for k, v in found.items() if not meta.get(k)})
    for node in blocks:
        node.decompose()
    return meta


def load_html(data: bytes):
    from . import Loaded

    text = decode(data)
    check("html-depth", _rough_depth(text))
    tree = LexborHTMLParser(text)
    body = tree.body
    check("html-depth", _depth(tree.root) if tree.root is not None else 0)
    if body is None:
        raise LoadError("is an HTML file without a body", hint="save the complete web page and try again")
    title = _title(tree)
    metadata = _take_metadata_blocks(body)
    container = _container(body)
    if container is None:
        raise LoadError("is a web page without any text",
                        hint="the text may be loaded by a script; save the page from a browser (Save as… complete page)")
    inside = {t.mem_id for t in _texts(container)}
    outside = [t.text_content or "" for t in _texts(body) if t.mem_id not in inside and not _inside(t, "a")]
    metadata.update({k: v for k, v in parse_metadata(outside).items() if not metadata.get(k)})
    pieces = _lines_of(container)
    lines: list[Line] = []
    if title and not (pieces and _clean(pieces[0][0]) == title):
        lines.append(Line(no=1, text=title, hints={"heading": 1, "centered": True}))
    for piece, hints in pieces:
        lines.append(Line(no=len(lines) + 1, text=piece, hints=hints))
    return Loaded(path="", format="html", sha256="", lines=lines, metadata=metadata)
