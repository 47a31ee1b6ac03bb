"""Terminal layouts shared by the commands: numbered items that read at 80 columns, tables
when the terminal is wide.  Chinese characters take two cells; every cut counts cells."""
from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from ..cli import out

WIDE = 120    # from this many columns, tables; below, items of a few lines each
INDENT = 5    # cells before an item's text (its number)


def wide() -> bool:
    return out.width >= WIDE


def clip(text: str, cells: int) -> str:
    """`text` on one line, cut to at most `cells` terminal cells (with … if cut)."""
    text = " ".join((text or "").split())
    if cell_len(text) <= cells:
        return text
    kept, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells - 1:
            break
        kept.append(ch)
        used += w
    return "".join(kept) + "…"


def plain(value) -> Text:
    """A value shown as it is (titles, numbers and paths may hold [brackets])."""
    return Text("" if value is None else str(value))


def meta_line(*parts) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def items(rows: list[tuple[str, Text]]) -> None:
    """Numbered items: the number right-aligned, the text (several lines) beside it."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", width=INDENT - 1, no_wrap=True)
    grid.add_column(overflow="fold")
    for number, text in rows:
        grid.add_row(number, text)
    out.print(grid)


def text_width() -> int:
    """Cells available to an item's text."""
    return max(20, out.width - INDENT)


def title_text(title: str | None, lines: int | None = None) -> Text:
    """A bold title, cut to `lines` lines of an item (None: in full)."""
    title = title or "(untitled)"
    if lines:
        title = clip(title, lines * text_width() - 2 * lines)
    return Text(title, style="bold")


def marked(snippet: str, marks, cells: int, style: str = "bold yellow") -> Text:
    """A snippet on one line of `cells`, its matched words highlighted."""
    shown = clip(snippet, cells)
    text = Text(shown)
    for a, b in marks or []:
        if a < len(shown):
            text.stylize(style, a, min(b, len(shown)))
    return text
