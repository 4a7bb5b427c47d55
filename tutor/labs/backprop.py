"""Lab `backprop`: step through the classic 2-2-2 backpropagation example.

The numbers come from the engine (engine/backprop_example.py); this module
only names and prints them.  Like the classic example, the biases b1 and b2
stay fixed: only w1..w8 are updated.
"""
from __future__ import annotations

from typing import Iterator, TextIO

from engine.events import Event
from tutor.labs.base import Lab, Param

# iterations printed in full in --plain; later ones get one summary line
_DETAILED = 3
DIGITS = 9


class BackpropLab(Lab):
    name = "backprop"
    title = "Backpropagation by hand: the 2-2-2 network"
    title_zh = "手算反向传播：2-2-2 网络"
    summary = "Forward pass, error, every partial derivative and every updated weight of the classic example."
    params = (
        Param("lr", 0.5, "learning rate η", float, low=1e-6, high=100.0),
        Param("iterations", 1, "training steps on the one example", int, low=1, high=10000),
    )

    def run(self) -> Iterator[Event]:
        from engine.backprop_example import events

        return events(self.values["lr"], self.values["iterations"])

    def plain(self, out: TextIO) -> None:
        from engine.backprop_example import BIASES_NOTE

        lr, iterations = self.values["lr"], self.values["iterations"]
        print(f"{self.title}  (η = {lr:g}, {iterations} iteration(s))", file=out)
        print(BIASES_NOTE, file=out)
        for event in self.run():
            it = event.values.get("iteration", 0)
            detailed = it <= _DETAILED or it == iterations
            if event.kind in ("done", "diverged"):
                print("", file=out)
                print(event.label, file=out)
                if event.kind == "diverged":
                    print(f"  the error is not a finite number at step {event.values.get('step')}: "
                          "try a smaller learning rate", file=out)
                else:
                    print(f"  E_total = {event.values['E_total']:.{DIGITS}f}", file=out)
                continue
            if not detailed:
                if event.kind == "loss" and (it % 1000 == 0 or it in (10, 100)):
                    print(f"iteration {it}: E_total = {event.values['E_total']:.{DIGITS}f}", file=out)
                continue
            if event.step == 0 or event.kind == "forward" and event.values.get("layer") == 0:
                print(f"\n=== iteration {it} ===", file=out)
            print(f"{event.label}:", file=out)
            for key, value in event.values.items():
                if isinstance(value, float) and key not in ("lr", "E"):
                    print(f"  {key} = {value:.{DIGITS}f}", file=out)
