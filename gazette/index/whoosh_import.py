"""Whoosh, imported without modules gazette never uses through it.

A fresh `gazette search` takes ~0.3 s, and Whoosh's own imports were a quarter of it:
`whoosh.compat` imports `urllib.request` (http.client, email, ssl: ~25 ms) for a download helper,
`urlretrieve`; `whoosh.reading` imports the `cached_property` package, which imports `asyncio`
(~20 ms) to recognise coroutine functions; `whoosh.query` and `whoosh.analysis` import English
word variations, the Porter stemmer and double metaphone (~8 ms of regular expressions) for
queries and analyzers of English.  None is ever called here.  `load()` imports the Whoosh
modules that import them with each stood in for by a small stand-in that imports the real
module when it is really used; the stand-ins are taken out of `sys.modules` at once, so any
other import of them gets the real one.
"""
from __future__ import annotations

import sys
import types
from contextlib import contextmanager


def _urlretrieve(*args, **kwargs):
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _iscoroutinefunction(func) -> bool:
    import inspect

    return inspect.iscoroutinefunction(func)


def _ensure_future(*args, **kwargs):
    import asyncio

    return asyncio.ensure_future(*args, **kwargs)


def _later(module: str, name: str):
    """A function that imports `module` when called and calls its `name`."""
    def call(*args, **kwargs):
        import importlib

        return getattr(importlib.import_module(module), name)(*args, **kwargs)
    return call


STAND_INS = {
    "urllib.request": {"urlretrieve": _urlretrieve},
    "asyncio": {"iscoroutinefunction": _iscoroutinefunction, "ensure_future": _ensure_future},
    "whoosh.lang.morph_en": {"variations": _later("whoosh.lang.morph_en", "variations")},
    "whoosh.lang.porter": {"stem": _later("whoosh.lang.porter", "stem")},
    "whoosh.lang.dmetaphone": {"double_metaphone": _later("whoosh.lang.dmetaphone", "double_metaphone")},
}
# what to import (once per process, before the rest of Whoosh), with which modules stood in for
LEAN = (("whoosh.compat", ("urllib.request",)),
        ("cached_property", ("asyncio",)),
        ("whoosh.query", ("whoosh.lang.morph_en", "whoosh.lang.porter", "whoosh.lang.dmetaphone")))


@contextmanager
def _standing_in(name: str):
    if name in sys.modules:  # already imported for real: nothing to save
        yield
        return
    stand_in = types.ModuleType(name)
    stand_in.__dict__.update(STAND_INS[name])
    sys.modules[name] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        parent, _, child = name.rpartition(".")
        if parent and getattr(sys.modules.get(parent), child, None) is stand_in:
            delattr(sys.modules[parent], child)


def load() -> None:
    """Import Whoosh's modules lean (once per process, before the rest of Whoosh)."""
    import importlib
    from contextlib import ExitStack

    for module, absent in LEAN:
        if module not in sys.modules:
            with ExitStack() as stack:
                for name in absent:
                    stack.enter_context(_standing_in(name))
                importlib.import_module(module)
