"""Lab conv: the Pilot drill, the panel's numbers, bad parameters."""
from __future__ import annotations

import pytest

from labs2_pilot import drill, run_to_end, screen_text


def test_conv_keys_and_panel():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        # step back into the windows: the panel shows the input under the window
        while stepper.current.kind != "window":
            stepper.action_back()
            await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "feature map" in text and "input (padded)" in text
        return stepper.current.values["row"]

    drill("conv", ("kernel=sharpen", "padding=same", "stride=2", "pool=2"), after=after)


@pytest.mark.parametrize("tokens, words", [
    (["kernel=1,2"], "square"),
    (["kernel=edge"], "preset"),
    (["padding=half"], "choose one of"),
    (["kernel=1,0,1,0", "padding=same"], "odd"),
    (["stride=4", "pool=3"], "larger"),
])
def test_conv_bad_parameters_have_clear_messages(tokens, words):
    from tutor.labs import LabError, get_lab

    with pytest.raises(LabError) as info:
        get_lab("conv").from_tokens(tokens)
    assert words in str(info.value)


def test_conv_bad_parameter_opens_a_notice_not_a_traceback():
    import asyncio

    from tutor.app import DLTutorApp

    async def go():
        app = DLTutorApp(lang="en", student="t", store=None, lab="conv", lab_args=("kernel=oops",),
                         lessons=[], problems=[])
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert "kernel" in app.screen.error
    asyncio.run(go())
