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
