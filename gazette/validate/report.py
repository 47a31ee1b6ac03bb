"""Renderers of validation results: a rich table for people, JSON for programs, GitHub
annotations and JUnit XML for CI."""
from __future__ import annotations

import json
from typing import IO
from xml.etree import ElementTree as ET

from ..model import SCHEMA_VERSION
from .checks import CHECKS
from .codes import CODES
from .findings import SEVERITIES, FileResult

REPORT_FORMATS = ("table", "json", "github", "junit")
CHECK_NAMES = tuple(check.__name__ for check in CHECKS)
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def totals(results: list[FileResult]) -> dict:
    counts = {s: sum(r.count(s) for r in results) for s in SEVERITIES}
    return {"files": len(results), "unreadable": sum(1 for r in results if not r.readable), **counts}


def to_json(results: list[FileResult], *, exit_code: int, strict: bool) -> dict:
    """The report as a dict (schema `validate-report`)."""
    return {"schema_version": SCHEMA_VERSION, "exit_code": exit_code, "strict": strict,
            "totals": totals(results), "files": [r.to_dict() for r in results]}


def render_json(results: list[FileResult], stream: IO[str], *, exit_code: int, strict: bool) -> None:
    stream.write(json.dumps(to_json(results, exit_code=exit_code, strict=strict),
                            ensure_ascii=False, indent=2) + "\n")


def render_github(results: list[FileResult], stream: IO[str], **_) -> None:
    """GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::…` per finding."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for r in results:
        if not r.readable:
            stream.write(f"::error file={_prop(r.file)},title=unreadable::{_data(r.error or '')}\n")
            continue
        for f in r.findings:
            props = [f"file={_prop(f.file or r.file)}"]
            if f.line is not None:
                props.append(f"line={f.line}")
            props.append(f"title={_prop(f.code + ' ' + CODES[f.code].title)}")
            message = f"page {f.page}: {f.message}" if f.page else f.message  # PDFs: say where
            stream.write(f"::{level[f.severity]} {','.join(props)}::{_data(message)}\n")


def render_junit(results: list[FileResult], stream: IO[str], *, strict: bool = False, **_) -> None:
    """JUnit XML: one testsuite per file, one testcase per check; a check that found errors (and
    warnings when strict) is a <failure>, other findings go to <system-out>; an unreadable
    file is a single testcase with an <error>."""
    failing = {"error", "warning"} if strict else {"error"}
    root = ET.Element("testsuites", name="gazette validate")
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.file)
        cases = failures = errors = 0
        if not r.readable:
            case = ET.SubElement(suite, "testcase", classname=r.file, name="read")
            ET.SubElement(case, "error", message=r.error or "", type="unreadable").text = r.error
            cases, errors = 1, 1
        else:
            by_check: dict[str, list] = {name: [] for name in CHECK_NAMES}
            for f in r.findings:
                by_check.setdefault(f.check or "other", []).append(f)
            for name, found in by_check.items():
                cases += 1
                case = ET.SubElement(suite, "testcase", classname=r.file, name=name)
                if not found:
                    continue
                text = "\n".join(f"{f.code} line {f.line}: {f.message}" if f.line else f"{f.code}: {f.message}"
                                 for f in found)
                bad = [f for f in found if f.severity in failing]
                if bad:
                    failures += 1
                    ET.SubElement(case, "failure", message=f"{bad[0].code} {bad[0].message}",
                                  type=bad[0].severity).text = text
                else:
                    ET.SubElement(case, "system-out").text = text
        suite.set("tests", str(cases))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
    for attr in ("tests", "failures", "errors"):
        root.set(attr, str(sum(int(s.get(attr)) for s in root)))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode") + "\n")


def render_table(results: list[FileResult], console, *, strict: bool = False, **_) -> None:
    from rich.table import Table

    for r in results:
        if not r.readable:
            console.print(f"[bold red]✗ {r.file}[/]: could not be read: {r.error}", highlight=False)
            continue
        if not r.findings:
            console.print(f"[green]✓ {r.file}[/]: no findings", highlight=False)
            continue
        table = Table(title=f"{r.file}", title_justify="left")
        for col in ("code", "severity", "line", "page", "message"):
            table.add_column(col, overflow="fold")
        for f in sorted(r.findings, key=lambda f: SEVERITIES.index(f.severity)):  # errors first
            table.add_row(f.code, f"[{SEVERITY_STYLE[f.severity]}]{f.severity}[/]",
                          str(f.line or ""), str(f.page or ""), f.message)
        console.print(table)
    t = totals(results)
    console.print(f"{t['files']} files: {t['error']} errors, {t['warning']} warnings, {t['info']} info"
                  + (f", {t['unreadable']} unreadable" if t["unreadable"] else ""), highlight=False)


def _data(text: str) -> str:
    """Escape a workflow-command message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """Escape a workflow-command property value."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
