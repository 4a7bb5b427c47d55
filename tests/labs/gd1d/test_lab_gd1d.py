"""Lab gd1d panels: the path and the iteration table, halving highlighted, two rates side by side,
a diverging rate reported (the plain output is tests/test_gd1d_plain.py)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from labs2_pilot import drill, run_to_end


def table_text(app) -> str:
    from rich.console import Console
    from textual.widgets import Static

    console = Console(width=200, record=True, file=open("/dev/null", "w"))
    console.print(app.screen.query_one("#gd1d-table", Static).content)
    return console.export_text()


def test_gd1d_compare_side_by_side():
    async def after(pilot, app, stepper):
        from tutor.labs.gd1d.view import Gd1dPanel
        from tutor.widgets.plot import Plot

        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        plot = app.screen.query_one(Gd1dPanel).query_one(Plot)
        fast, slow = plot.series["path η=0.5"], plot.series["path η=0.1"]
        assert len(fast.x) == 11 and len(slow.x) == 47       # the start and 10 / 46 updates
        assert "η halved (0.5)" in plot.series and "η halved (0.1)" not in plot.series
        text = table_text(app)
        assert "η₀ = 0.5" in text and "η₀ = 0.1" in text
        assert "10 iterations" in text and "46 iterations" in text and "minimum found" in text
        # step back to the halving: the table shows the halving row
        while stepper.current.values.get("what") != "halve":
            stepper.action_back()
            await pilot.pause()
        assert "0.5→0.25" in table_text(app)

    drill("gd1d", ("compare=0.1",), size=(100, 32), after=after)


def test_gd1d_diverging_rate_says_so():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "diverged"
        assert "diverged at step 2" in table_text(app)
        assert "diverged at step 2" in stepper.message
        # [ halves the learning rate and starts again; l moves x0
        await pilot.press("left_square_bracket", "left_square_bracket", "l")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        lab = app.screen.lab
        assert lab.values["lr"] == pytest.approx(0.25) and lab.values["x0"] == pytest.approx(4.5)
        assert stepper.end == "" and stepper.current.values["x"] == pytest.approx(4.5)
        stepper.action_step()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert stepper.current.values["lr"] == pytest.approx(0.25)

    drill("gd1d", ("f=x^4", "x0=4", "lr=1"), steps=2, size=(100, 32), after=after)


def test_gd1d_plain_side_by_side():
    out = subprocess.run([sys.executable, "-m", "tutor", "lab", "gd1d", "compare=0.1", "--plain"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    last = out.stdout.splitlines()[-1]
    counts = [int(n) for n in re.findall(r"after (\d+) iterations", last)]
    assert counts == [10, 46]


def test_table_numbers_stay_short_when_a_run_blows_up():
    from tutor.labs.gd1d.view import cell

    assert cell(-252.00012) == "−252.0001"
    assert cell(1.0493e30) == "1.049e+30" and cell(-64012104.5) == "−6.401e+07"
