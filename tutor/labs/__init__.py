"""The lab registry.

One package per lab: `tutor/labs/<name with _ for ->/`.  Its `__init__.py`
defines exactly one subclass of `Lab` whose `name` matches the folder and
never imports Textual; its `view.py` (optional) builds the lab's panels for
the app.  `kit/` holds what the labs share and is not a lab.  Listing names
needs no import, so `dltutor check` and the home screen stay fast.
"""
from __future__ import annotations

import difflib
import importlib
from pathlib import Path

from tutor.labs.kit.lab import Lab, LabError, Param

__all__ = ["Lab", "LabError", "Param", "lab_names", "get_lab", "panels_for"]

_NOT_LABS = {"kit"}   # packages here that are not labs


def _module(name: str) -> str:
    return f"tutor.labs.{name.replace('-', '_')}"


def lab_names() -> list[str]:
    here = Path(__file__).parent
    found = (p.parent.name for p in here.glob("*/__init__.py"))
    return sorted(n.replace("_", "-") for n in found if n not in _NOT_LABS)


def get_lab(name: str) -> type[Lab]:
    names = lab_names()
    if name not in names:
        close = difflib.get_close_matches(name, names, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise LabError(f"unknown lab {name!r}{hint}")
    module = importlib.import_module(_module(name))
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, Lab) and value is not Lab and getattr(value, "name", None) == name:
            return value
    raise LabError(f"lab module for {name!r} defines no Lab named {name!r}")


def panels_for(lab: Lab) -> list:
    """The Textual widgets shown beside the stepper: `tutor.labs.<name>.view.panels(lab)`,
    or none when the lab has no view.

    Each panel may define `show(event, history)`; the stepper calls it after every step
    (forward or back) with the current event and the events so far.  Only the app calls
    this, so a lab never imports its own view and `--plain` never loads Textual.
    """
    name = f"{_module(lab.name)}.view"
    try:
        view = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return []
    return list(view.panels(lab))
