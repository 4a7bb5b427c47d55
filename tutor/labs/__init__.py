"""The lab registry.

One lab per module: `tutor/labs/<name with _ for ->.py` defines exactly one
subclass of `Lab` whose `name` matches the file.  Listing names needs no
import, so `dltutor check` and the home screen stay fast.
"""
from __future__ import annotations

import difflib
import importlib
from pathlib import Path

from tutor.labs.base import Lab, LabError, Param

__all__ = ["Lab", "LabError", "Param", "lab_names", "get_lab"]

_NOT_LABS = {"__init__", "base", "plain", "engine_zh"}   # modules here that are not labs


def lab_names() -> list[str]:
    here = Path(__file__).parent
    return sorted(p.stem.replace("_", "-") for p in here.glob("*.py")
                  if p.stem not in _NOT_LABS and not p.stem.startswith("_"))


def get_lab(name: str) -> type[Lab]:
    names = lab_names()
    if name not in names:
        close = difflib.get_close_matches(name, names, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise LabError(f"unknown lab {name!r}{hint}")
    module = importlib.import_module(f"tutor.labs.{name.replace('-', '_')}")
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, Lab) and value is not Lab and getattr(value, "name", None) == name:
            return value
    raise LabError(f"lab module for {name!r} defines no Lab named {name!r}")
