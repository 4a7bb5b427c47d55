"""Lab digits: the Pilot drill; browse, confusion matrix and FGSM on screen; the drawing grid."""
from __future__ import annotations

import numpy as np

from tutor.labs.kit.training import a_digit

from labs2_pilot import drill, run_to_end, screen_text


def test_digits_keys_browse_and_drawing():
    async def after(pilot, app, stepper):
        from tutor.labs.digits.view import DrawGrid

        grid = app.screen.query_one(DrawGrid)
        await pilot.press("0")                        # a fresh run: not trained, no prediction
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert grid.prediction() is None
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        assert stepper.history[-2].kind == "update"   # the FGSM step
        # draw: tab to the grid, paint two pixels with the keys, clear, load the shown digit
        grid.focus()
        await pilot.pause()
        await pilot.press("x", "down", "x", "right", "x")
        assert grid.pixels[0, 0] == 1 and grid.pixels[1, 0] == 1 and grid.pixels[1, 1] == 1
        assert stepper.cursor == len(stepper.history) - 1   # arrows went to the grid, not the stepper
        await pilot.press("z")
        assert grid.pixels[1, 1] == 0
        await pilot.press("c", "l")                   # clear, then load the (perturbed) digit shown
        assert np.allclose(grid.pixels, stepper.current.arrays.get("image", grid.pixels))
        await pilot.press("c")
        grid.scroll_visible()
        await pilot.pause(0.3)
        # the mouse: a click on pixel (row 3, column 5) — border 1, caption 1 row, 2 columns per pixel
        await pilot.click(grid, offset=(1 + 2 * 5, 1 + 1 + 3))
        assert grid.pixels[3, 5] == 1 and grid.pixels.sum() == 1
        await pilot.press("right_square_bracket", "right_square_bracket")   # browse the test set
        X, y = app.screen.query_one("DigitsPanel").lab.test_set
        assert np.allclose(grid.pixels, X[1].reshape(8, 8)) and f"#1: {a_digit(y[1])}" in grid.caption
        p = grid.prediction()
        assert p is not None and abs(p.sum() - 1) < 1e-9
        grid.scroll_visible()
        await pilot.pause(0.3)
        assert "reads it as" in screen_text(app)
        return True

    assert drill("digits", ("epochs=2", "browse=2"), after=after)
