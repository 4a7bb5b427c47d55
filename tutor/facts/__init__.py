"""Checked numbers: every computed number a lesson states, recomputed by the engine.

A lesson writes `{{2.0025|sqrt401}}`; the app shows `2.0025`, and the key
names a fact here.  One module per lesson, `tutor/facts/<lesson id, - as _>.py`,
defining `FACTS = {"sqrt401": lambda: <engine computation>}`.  This package
gathers every module's FACTS into one dict; the same key in two modules is an
error (a lesson could otherwise be checked against the wrong computation).

`FACTS` is built on first use, so importing the package is cheap.
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import Callable

__all__ = ["FACTS", "FactsError", "collect", "sources"]


class FactsError(Exception):
    """A facts module that cannot be used (duplicate key, bad FACTS, import error)."""


_cache: tuple[dict[str, Callable[[], float]], dict[str, str]] | None = None


def _gather() -> tuple[dict[str, Callable[[], float]], dict[str, str]]:
    facts: dict[str, Callable[[], float]] = {}
    where: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        name = f"{__name__}.{info.name}"
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # a broken facts module must not hide the others' errors
            raise FactsError(f"{name}: cannot import: {type(exc).__name__}: {exc}") from exc
        table = getattr(module, "FACTS", None)
        if not isinstance(table, dict):
            raise FactsError(f"{name}: defines no FACTS dict")
        for key, fact in table.items():
            if not isinstance(key, str) or not callable(fact):
                raise FactsError(f"{name}: FACTS[{key!r}] must map a text key to a function")
            if key in facts:
                raise FactsError(f"duplicate fact key {key!r} in {name} and {where[key]}")
            facts[key] = fact
            where[key] = name
    return facts, where


def collect() -> dict[str, Callable[[], float]]:
    """Every fact by key (cached after the first call); raises FactsError."""
    global _cache
    if _cache is None:
        _cache = _gather()
    return _cache[0]


def sources() -> dict[str, str]:
    """Which module defines each key."""
    collect()
    assert _cache is not None
    return _cache[1]


def __getattr__(name: str):
    if name == "FACTS":
        return collect()
    raise AttributeError(name)
