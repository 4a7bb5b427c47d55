"""kit.payload: a lab's typed values go through an Event's Mapping and come back as the same objects."""
from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass

import pytest

from engine.events import Event
from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class Run:
    E: float | None
    steps: int


@dataclass(frozen=True)
class Values(Payload):
    epoch: int
    runs: tuple[Run, ...]


def test_values_round_trip_through_an_event():
    sent = Values(3, (Run(0.5, 10), Run(None, 4)))
    event = Event("info", "Epoch 3", values=sent.values(step=7))
    assert dict(event.values) == {"epoch": 3, "runs": sent.runs, "step": 7}   # one entry per field, plus extra
    got = Values.of(event)
    assert got == sent and got.runs[1].E is None
    assert Values.of(event.values) == sent                                  # from the mapping too
    with pytest.raises(FrozenInstanceError):
        got.epoch = 4


def test_of_an_event_with_other_values_is_none():
    assert Values.of(Event("info", "start", values={"epoch": 0})) is None   # a field missing
    assert Values.of(Event("done", "Done")) is None


@pytest.mark.parametrize("lab, payload", [
    ("sgd", "SgdValues"), ("learning-rate", "RatesValues"), ("optimizers", "OptimizersValues")])
def test_every_event_of_a_converted_lab_carries_its_payload(lab, payload):
    import importlib

    from tutor.labs import get_lab

    cls = getattr(importlib.import_module(f"tutor.labs.{lab.replace('-', '_')}"), payload)
    events = list(get_lab(lab)(**({"steps": 5} if lab != "sgd" else {"epochs": 3})).run())
    assert events and all(isinstance(cls.of(e), cls) for e in events)
