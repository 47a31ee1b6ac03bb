"""Record writers: JSON (one array), JSONL (one record a line) and CSV.

All three stream: a record is written as soon as it is built, so memory stays flat
whatever the corpus size.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable

FORMATS = ("json", "jsonl", "csv")


def write_json(records: Iterable[dict], stream: IO[str]) -> int:
    """A JSON array, written element by element."""
    n = 0
    stream.write("[")
    for rec in records:
        stream.write(",\n" if n else "\n")
        stream.write(json.dumps(rec, ensure_ascii=False, indent=2))
        n += 1
    stream.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(records: Iterable[dict], stream: IO[str]) -> int:
    n = 0
    for rec in records:
        stream.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
        stream.write("\n")
        n += 1
    return n


def write_csv(records: Iterable[dict], stream: IO[str], columns: tuple[str, ...]) -> int:
    """A header row, then one record per row; nested values flattened by `cell`."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for rec in records:
        writer.writerow([cell(lookup(rec, col)) for col in columns])
        n += 1
    return n


def lookup(rec: dict, column: str):
    value = rec
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def cell(value) -> str:
    """A CSV cell: '' for null, true/false, 45-273 for a line span, '; ' between list items,
    compact JSON for anything nested deeper."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return "-".join(str(v) for v in value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
