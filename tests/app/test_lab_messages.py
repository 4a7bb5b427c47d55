"""Messages up, attributes down (issue 16 item 5): a lab's panels post messages the lab
screen handles; they never reach into the screen, the app or the stepper themselves."""
from __future__ import annotations

import ast
from pathlib import Path

from test_app_stepper import Counter, open_stepper
from textual.widgets import Static

from app_helpers import SIZE, make_app, screen_text, settle

LABS = Path(__file__).resolve().parents[2] / "tutor" / "labs"


class KnobPanel(Static):
    """A panel whose key `k` changes a setting and says so, as gd1d's and neuron's keys do."""

    def __init__(self, lab_values: dict) -> None:
        from tutor.widgets.lab_panel import LabPanel

        super().__init__("")
        self.values = lab_values
        self.KEYS = [("k", "knob", "knob +")]
        self.message_class = LabPanel.SettingsChanged

    def action_knob(self) -> None:
        self.values["knob"] += 1
        self.post_message(self.message_class())


async def test_a_panel_message_restarts_the_run():
    run, values = Counter(6), {"knob": 0}
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        panel = KnobPanel(values)
        stepper = await open_stepper(pilot, run, [panel])
        for _ in range(3):
            await pilot.press("space")
            await settle(pilot)
        assert stepper.cursor == 3 and run.runs == 1
        await pilot.press("k")
        await settle(pilot)
        assert values["knob"] == 1
        assert run.runs == 2 and stepper.cursor == 0          # the screen restarted the run
        assert "Iteration 0" in screen_text(app)


async def test_the_header_follows_a_panel_key_of_a_real_lab():
    app = make_app(lessons=[], lab="gd1d", lab_args=("x0=2",))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        stepper = app.screen.query_one("#stepper")
        await pilot.press("space")
        await settle(pilot)
        assert stepper.cursor == 1
        await pilot.press("l")                                 # x0 up: a new run from the new start
        await settle(pilot)
        assert stepper.cursor == 0
        assert "x0=2.5" in app.screen.query_one("#lab-title").render().plain


def test_no_lab_view_reaches_into_the_screen_or_the_app():
    """`self.screen.query_one(Stepper).action_reset()` and the like: a panel posts a message instead."""
    offenders = []
    for path in sorted(LABS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("screen", "app") \
                    and isinstance(node.value, ast.Name) and node.value.id == "self":
                parent_use = f"{path.relative_to(LABS)}:{node.lineno}"
                offenders.append(parent_use)
    # `self.app.console` / `self.app.theme` for drawing are reads of the terminal, not reaches
    allowed = {line for line in offenders if _reads_console_or_theme(line)}
    assert sorted(set(offenders) - allowed) == []


def _reads_console_or_theme(where: str) -> bool:
    name, line = where.rsplit(":", 1)
    text = (LABS / name).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    return "self.app.console" in text or "self.app.theme" in text
