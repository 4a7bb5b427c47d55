"""Issue 18 item 10: gd1d writes what lesson 1.4 writes — the plot title x² + sin(x) (not x^2),
and one minus sign (−0.4735 in the table, as −0.4516 in the step's formula)."""
from __future__ import annotations

import asyncio
import re

import pytest

from tutor.labs.kit.text import function_text


def test_function_text_writes_powers_and_minus_as_the_lessons():
    assert function_text("x^2 + sin(x)") == "x² + sin(x)"
    assert function_text("(x-1)**2 - 3") == "(x−1)² − 3"
    assert function_text("x^2.5 + x^(1/2) + 1e-3") == "x^2.5 + x^(1/2) + 1e-3"    # left as typed


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_title_and_table_write_the_lessons_notation(lang):
    async def go():
        from textual.widgets import Static

        from tutor.app import DLTutorApp
        from tutor.widgets.stepper import Stepper

        app = DLTutorApp(lang=lang, student="test", store=None, lab="gd1d", lab_args=(), lessons=[], problems=[])
        async with app.run_test(size=(140, 50)) as pilot:
            await pilot.pause()
            assert "x² + sin(x)" in app.screen.query_one("#gd1d-plot").title
            stepper = app.screen.query_one(Stepper)
            for _ in range(40):
                if stepper.finished:
                    break
                await pilot.press("space")
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.pause()
            from rich.console import Console

            console = Console(width=140, record=True, file=open("/dev/null", "w"))
            console.print(app.screen.query_one("#gd1d-table", Static).content)
            table = console.export_text()
            assert "−0.4593" in table and not re.search(r"-\d", table), table

    asyncio.run(go())
