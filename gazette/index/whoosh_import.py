"""Whoosh, imported without two standard modules gazette never uses through it.

A fresh `gazette search` takes ~0.3 s, and Whoosh's own imports were a quarter of it:
`whoosh.compat` imports `urllib.request` (http.client, email, ssl: ~25 ms) for a download helper,
`urlretrieve`, and `whoosh.reading` imports the `cached_property` package, which imports
`asyncio` (~20 ms) to recognise coroutine functions.  Neither is ever called here.  `load()`
imports those two modules with each of `urllib.request` and `asyncio` stood in for by a small
stand-in that imports the real module when it is really used; the stand-ins are taken out of
`sys.modules` at once, so any other import of `urllib.request` or `asyncio` gets the real one.
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


STAND_INS = {
    "urllib.request": {"urlretrieve": _urlretrieve},
    "asyncio": {"iscoroutinefunction": _iscoroutinefunction, "ensure_future": _ensure_future},
}


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
    """Import `whoosh.compat` and `cached_property` lean (once per process, before Whoosh)."""
    if "whoosh.compat" not in sys.modules:
        with _standing_in("urllib.request"):
            import whoosh.compat  # noqa: F401
    if "cached_property" not in sys.modules:
        with _standing_in("asyncio"):
            import cached_property  # noqa: F401
