"""Typed event payloads: what a lab's view reads, as a frozen dataclass.

An engine Event carries `values`, a Mapping of names to values (the engine's
contract, unchanged).  A lab that wants its values typed declares a frozen
dataclass deriving from Payload, fills an event's values from it, and its view
reads it back by attribute:

    @dataclass(frozen=True)
    class SgdValues(Payload):
        epoch: int
        runs: tuple[SgdRun, ...]

    Event("info", label, values=SgdValues(3, runs).values())   # the lab
    v = SgdValues.of(event)                                     # the view
    v.runs[0].E

The mapping holds one entry per field, so code that reads `values["epoch"]`
keeps working; nested payloads stay objects, read by attribute too.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

P = TypeVar("P", bound="Payload")


@dataclass(frozen=True)
class Payload:
    """A frozen dataclass that fills an Event's values and is read back from them."""

    def values(self, **extra: Any) -> dict[str, Any]:
        """The Event values: one entry per field (shallow: nested payloads stay objects), plus `extra`."""
        return {**{f.name: getattr(self, f.name) for f in fields(self)}, **extra}

    @classmethod
    def of(cls: type[P], event_or_values: Any) -> P | None:
        """The payload an event (or its values) carries; None when the event carries another kind
        of values (a lab's first or last event may carry fewer)."""
        values = event_or_values if isinstance(event_or_values, Mapping) else event_or_values.values
        names = [f.name for f in fields(cls)]
        if not all(name in values for name in names):
            return None
        return cls(**{name: values[name] for name in names})
