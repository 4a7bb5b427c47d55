"""Issue 18 item 9: in gd1d the Stepper's counter names the iteration the caption names
("step 7 · iteration 5" beside "Iteration 5", not a bare "step 7"), and the end message names the
step the header shows ("step 12" and "Run finished at step 12", not "13 steps") — en and zh."""
from __future__ import annotations

import asyncio
import re

import pytest

WORDS = {"en": ("  ·  iteration 5  ·", "Iteration 5", r"step (\d+)  ·", r"Run finished at step (\d+)"),
         "zh": ("  ·  第 5 次迭代  ·", "Iteration 5", r"第 (\d+) 步  ·", r"运行结束于第 (\d+) 步")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_counter_agrees_with_the_caption_and_the_end(lang):
    async def go():
        from textual.widgets import Static

        from tutor.app import DLTutorApp
        from tutor.widgets.stepper import Stepper

        app = DLTutorApp(lang=lang, student="test", store=None, lab="gd1d", lab_args=(), lessons=[], problems=[])
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            stepper = app.screen.query_one(Stepper)

            def status() -> str:
                return str(stepper.query_one("#stepper-status", Static).content)

            for _ in range(40):
                if stepper.current is not None and stepper.current.values.get("iteration") == 5 \
                        and stepper.current.kind == "iteration":
                    break
                await pilot.press("space")
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert stepper.current.kind == "iteration"
            assert WORDS[lang][0] in status(), status()
            for _ in range(40):
                if stepper.finished:
                    break
                await pilot.press("space")
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.pause()
            shown = re.search(WORDS[lang][2], status())
            said = re.search(WORDS[lang][3], str(stepper.query_one("#stepper-message", Static).content))
            assert shown and said and shown.group(1) == said.group(1), (status(), stepper.message)

    asyncio.run(go())
