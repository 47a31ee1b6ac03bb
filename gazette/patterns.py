"""Regular expressions compiled when first used.

A character class over the CJK block (`[\\u4e00-\\u9fff]`) takes Python's compiler 2–10 ms to
build; a module holding a handful costs every process that imports it, used or not (a
`gazette search` imports `gazette.docnumber` for its `DocNumber`, never for its patterns).
"""
from __future__ import annotations

import re

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class Lazy:
    """`re.compile(pattern, flags)`, done at the first attribute asked for; after that the
    compiled pattern's methods are this object's own attributes (no indirection per call)."""

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._args)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.pattern, self.flags, self.groupindex = compiled.pattern, compiled.flags, compiled.groupindex
        return getattr(compiled, name)
