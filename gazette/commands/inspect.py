"""`gazette inspect FILE.pdf --page N`: what the loader decided on a page, as a picture or JSON."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import OcrOpt, app, err, out, print_json
from ..errors import UsageError


@app.command("inspect")
def inspect_cmd(
    path: Annotated[Path, typer.Argument(help="A PDF file.")],
    page: Annotated[int, typer.Option("--page", "-p", help="Page number (1-based).")] = 1,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write a PNG of the page here.")] = None,
    resolution: Annotated[int, typer.Option("--resolution", help="Pixels per inch of the PNG.")] = 110,
    json_: Annotated[bool, typer.Option("--json", help="Print the decisions as JSON.")] = False,
    password: Annotated[Optional[str], typer.Option("--password", help="Password of an encrypted PDF.")] = None,
    ocr: OcrOpt = False,
) -> int:
    """Show what the loader decided on a PDF page: columns, running header/footer, tables,
    reading order and the loaded line of each visual line, OCR boxes."""
    from ..loaders.explain import draw, explain_page

    if not 30 <= resolution <= 600:
        raise UsageError("--resolution must be between 30 and 600")
    view = explain_page(path, page, password=password, ocr=ocr)
    if output is not None:
        try:
            draw(view, output, password=password, resolution=resolution)
        except OSError as e:
            raise UsageError(f"cannot write {output}: {e.strerror or e}", hint="check the path") from None
        err.print(f"[dim]page {page} of {path} drawn to {output}[/]", highlight=False)
    if json_:
        print_json(view.to_dict())
    elif output is None:
        _render(view)
    return 0


def _render(view) -> None:
    from rich.table import Table
    from rich.text import Text

    out.print(f"[bold]{view.path}[/] page {view.page} of {view.pages}"
              + ("  (read by OCR)" if view.ocr else ""), highlight=False)
    if view.gutter:
        out.print(f"two columns, gutter at x = {view.gutter[0]:.0f}–{view.gutter[1]:.0f} pt", highlight=False)
    for f in view.furniture:
        out.print(Text(f"dropped as running header/footer: {f['text']}", style="red"))
    table = Table("order", "line", "kind", "text")
    for item in view.lines:
        table.add_row(str(item["order"]), str(item["line"] or ""), item["kind"], Text(item["text"][:60]))
    out.print(table)
