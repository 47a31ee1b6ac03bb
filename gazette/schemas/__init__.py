"""JSON Schemas (draft 2020-12) shipped with the package: the parse JSON and each export record.

    >>> from gazette.schemas import load, names
    >>> names()
    ['export-appointment', 'export-citation', ..., 'issue', 'validate-report']
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from ..errors import UsageError

SUFFIX = ".schema.json"


def names() -> list[str]:
    """The names of the shipped schemas, sorted."""
    return sorted(p.name[: -len(SUFFIX)] for p in resources.files(__name__).iterdir()
                  if p.name.endswith(SUFFIX))


def text(name: str) -> str:
    """The schema file's text, as shipped."""
    if name not in names():
        raise UsageError(f"no schema named {name!r}", hint="run `gazette schema` to list them")
    return resources.files(__name__).joinpath(name + SUFFIX).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The schema as a dict."""
    return json.loads(text(name))
