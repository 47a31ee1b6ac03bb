"""gazette: load, normalize, parse, index, search, export and validate Chinese government gazettes.

    >>> import gazette
    >>> issue = gazette.parse("samples/yanzhou-2021-03-04.txt")
    >>> issue.documents[0].doc_number
    '济兖政发〔2021〕5号'

The names below are imported on first use, so that `gazette search` does not pay for the
parser's imports.
"""
from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "parse": "api", "parse_text": "api", "parse_loaded": "api",
    "Issue": "model", "Document": "model",
    "GazetteError": "errors", "LoadError": "errors",
}
__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        value = getattr(importlib.import_module(f"gazette.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'gazette' has no attribute {name!r}")
