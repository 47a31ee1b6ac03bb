"""Shared test fixtures: the real sample bulletins under samples/."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = SAMPLES / "gold"
TXT_SAMPLES = sorted(p.name for p in SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def parsed():
    """parsed(name) -> Issue, cached per session (the real parser on the real sample)."""
    import gazette

    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = gazette.parse(SAMPLES / name)
        return cache[name]

    return get
