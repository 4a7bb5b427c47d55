"""Keys that change a lab's settings and restart its run (imported only by view modules).

`Toggles(lab, [(key, param, values, description), ...])` shows the current settings;
pressing a key moves that parameter to the next value in `values` and tells the
lab screen, which resets the Stepper, so the student sees the run again with the change (the Stepper's
`make_run` is the lab's bound `run`, which reads `lab.values`).
"""
from __future__ import annotations

from functools import partial

from textual.widgets import Static

from tutor.locale import t
from tutor.widgets.lab_panel import LabPanel


class Toggles(LabPanel, Static):
    DEFAULT_CSS = """
    Toggles { height: auto; margin: 0 0 1 0; color: $text-muted; }
    """

    def __init__(self, lab, toggles, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.lab = lab
        self.toggles = list(toggles)
        # (key, action, description): the footer shows them; the lab marks the description N_.
        # An old Chinese description after it is passed on while the stepper still reads one.
        self.KEYS = [(key, f"cycle_{param}", *descriptions) for key, param, _, *descriptions in self.toggles]
        for _, param, values, *_ in self.toggles:
            setattr(self, f"action_cycle_{param}", partial(self.cycle, param, tuple(values)))

    def on_mount(self) -> None:
        self.update(self.text())

    def text(self) -> str:
        parts = [f"{key}: {param}={_shown(self.lab.values[param])}" for key, param, *_ in self.toggles]
        return t("keys") + "  " + "   ".join(parts)

    def cycle(self, param: str, values: tuple) -> None:
        now = self.lab.values[param]
        at = values.index(now) if now in values else -1
        self.lab.values[param] = values[(at + 1) % len(values)]
        self.update(self.text())
        self.post_message(self.SettingsChanged())

    def show(self, event, history) -> None:
        self.update(self.text())


def _shown(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return f"{value:g}" if isinstance(value, float) else str(value)
