"""Issue 18 item 7: the backprop lab's hint names what the student can do in the app
(press e, set iterations=1000), and doing just that works — in English and Chinese."""
from __future__ import annotations

import asyncio

import pytest

KEY = {"en": "press e, set iterations=1000", "zh": "按 e，设 iterations=1000"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_iterations_hint_can_be_followed(lang):
    async def go():
        from tutor.app import DLTutorApp

        app = DLTutorApp(lang=lang, student="test", store=None, lab="backprop", lab_args=(),
                         lessons=[], problems=[])
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            title = app.screen.query_one("#backprop-error").title
            assert KEY[lang] in title, title
            await pilot.press("e")                      # what the hint says
            await pilot.pause()
            box = app.screen.query_one("#setting-iterations")
            box.focus()
            box.value = ""
            for char in "1000":
                await pilot.press(char)
            await pilot.press("enter")
            await pilot.pause()
            error = app.screen.query("#settings-error")
            assert not error, str(error.first().content)
            assert app.screen.lab.values["iterations"] == 1000
            assert KEY[lang] not in app.screen.query_one("#backprop-error").title

    asyncio.run(go())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_iteration_is_said_in_the_singular_and_charted_sensibly(lang):
    """Item 9: "after 1 iterations" and a one-point chart with an x axis 0.50…1.50."""
    async def go():
        from tutor.app import DLTutorApp
        from tutor.widgets.stepper import Stepper

        app = DLTutorApp(lang=lang, student="test", store=None, lab="backprop", lab_args=(),
                         lessons=[], problems=[])
        async with app.run_test(size=(140, 50)) as pilot:
            await pilot.pause()
            stepper = app.screen.query_one(Stepper)
            for _ in range(30):
                if stepper.finished:
                    break
                await pilot.press("space")
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.pause(0.5)
            chain = str(app.screen.query_one("#backprop-chain").content)
            assert {"en": "(after 1 iteration)", "zh": "（1 次迭代后）"}[lang] in chain, chain
            plot = app.screen.query_one("#backprop-error")
            plot.flush()
            drawn = plot.render().plain
            assert "•" in drawn                                     # the one point is there
            assert "0.50" not in drawn and "1.50" not in drawn, drawn   # no half iterations on the axis

    asyncio.run(go())


def test_plain_says_one_iteration():
    import io

    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("backprop")().plain(out)
    assert "1 iteration)" in out.getvalue() and "iteration(s)" not in out.getvalue()
