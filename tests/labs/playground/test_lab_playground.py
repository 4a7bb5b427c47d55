"""Lab playground: plain numbers against the engine's own fit(), the Pilot
drill, network keys, running in the background, and a diverging rate."""
from __future__ import annotations

import asyncio
import io
import math
import re

import numpy as np

from labs2_pilot import drill, screen_text, settle


def plain(*tokens: str) -> str:
    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("playground").from_tokens(list(tokens)).plain(out)
    return out.getvalue()


def test_plain_agrees_with_engine_fit():
    from engine.data import moons, train_test_split
    from engine.optimizers import Momentum
    from engine.training import fit
    from tutor.labs.playground.trainer import build_network

    text = plain("data=moons", "noise=0.2", "hidden=3", "optimizer=momentum", "lr=0.05", "batch=7",
                 "l2=0.001", "epochs=30")
    # the same run through engine.training.fit (same data, split, scaling, batch order)
    X, y = moons(200, noise=0.2, seed=0)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, seed=0, stratify=True)
    mean, std = Xtr.mean(axis=0), Xtr.std(axis=0) + 1e-12
    Xtr, Xte = (Xtr - mean) / std, (Xte - mean) / std
    net = build_network([3], "tanh", 0)
    h = fit(net, Xtr, ytr, "sigmoid_bce", Momentum(0.05, weight_decay=0.001), epochs=30, batch_size=7, seed=0,
            validation=(Xte, yte), eval_train=True)
    final = re.search(r"Final: train loss (\S+), test loss (\S+), train accuracy (\S+), test accuracy (\S+)", text)
    assert final, text
    assert float(final.group(1)) == round(h.train_loss[-1], 4)
    assert float(final.group(2)) == round(h.val_loss[-1], 4)
    assert float(final.group(3)) == round(h.train_acc[-1], 3)
    assert float(final.group(4)) == round(h.val_acc[-1], 3)
    rows = [l.split() for l in text.splitlines() if re.match(r"\s+\d+\s+\d+\.\d+", l)]
    assert [int(r[0]) for r in rows] == list(range(3, 31, 3))
    assert float(rows[0][1]) == round(h.train_loss[2], 4)


def test_plain_learns_xor_and_reports_divergence():
    text = plain("data=xor", "epochs=60")
    acc = float(re.search(r"test accuracy (\S+)", text).group(1))
    assert acc >= 0.95
    text = plain("lr=50")
    m = re.search(r"Diverged at step (\d+) \(epoch (\d+)\)", text)
    assert m and int(m.group(1)) == 14 * int(m.group(2))      # 140 training points, batch 10: 14 steps an epoch
    assert "nan" not in text


def test_bad_hidden_is_clear():
    import pytest

    from tutor.labs import LabError, get_lab

    for bad in ("4,x", "9", "1,1,1,1,1,1,1"):
        with pytest.raises(LabError, match="hidden"):
            get_lab("playground").from_tokens([f"hidden={bad}"])


def test_playground_drill_and_network_keys():
    async def after(pilot, app, stepper):
        view = app.screen.query_one("#playground")
        await pilot.pause(0.3)
        assert view.redraws >= 1
        assert view.query_one("BoundaryMap").pixels is not None
        await pilot.press("k")                      # one neuron more in layer 1: a fresh run
        await settle(pilot)
        assert view.lab.sizes == [5, 4] and stepper.cursor == 0
        await pilot.press("l", "a")                 # add a layer after layer 2
        await settle(pilot)
        assert view.lab.sizes == [5, 4, 2]
        await pilot.press("x", "x", "x", "x")       # remove all: a straight-line model
        await settle(pilot)
        assert view.lab.sizes == []
        await pilot.press("space", "space")
        await settle(pilot)
        assert stepper.current.values["step"] == 2
        assert "hidden none" in screen_text(app)
        return True

    assert drill("playground", ("epochs=50",), steps=4, size=(100, 32), after=after)


def run_app(args, body):
    async def go():
        from tutor.app import DLTutorApp
        from tutor.widgets.stepper import Stepper

        app = DLTutorApp(lang="en", student="test", store=None, lab="playground", lab_args=args,
                         lessons=[], problems=[])
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            await body(pilot, app, app.screen.query_one(Stepper))

    asyncio.run(go())


def test_running_trains_in_the_background_and_ends():
    async def body(pilot, app, stepper):
        await pilot.press("r")
        for _ in range(100):
            await pilot.pause(0.1)
            if stepper.finished:
                break
        assert stepper.end == "done"
        last = stepper.history[-1]
        assert last.values["epoch"] == 40 and last.values["step"] == 40 * 14
        assert len(stepper.history) < 40 * 14               # snapshots, not one event per step
        await pilot.pause(0.4)
        plot = app.screen.query_one("#playground-loss")
        assert plot.series["train"].x[-1] == 40 and len(plot.series["test"].y) == 40
        assert all(math.isfinite(v) for v in plot.series["train"].y)

    run_app(("epochs=40", "pace=0"), body)


def test_diverging_rate_says_where():
    async def body(pilot, app, stepper):
        await pilot.press("r")
        for _ in range(100):
            await pilot.pause(0.1)
            if stepper.finished:
                break
        assert stepper.end == "diverged"
        assert stepper.current.values["step"] == 28
        await pilot.pause(0.4)
        assert "diverged at step 28" in screen_text(app)
        plot = app.screen.query_one("#playground-loss")
        assert all(np.isfinite(plot.series["train"].y))

    run_app(("lr=50",), body)


def test_a_loss_that_grew_but_is_finite_is_shown_as_the_number_it_is():
    from tutor.labs import get_lab

    last = list(get_lab("playground").from_tokens(["lr=50"]).run())[-1]
    assert last.kind == "diverged"
    assert last.formula == r"E = 14.6754 > 10 \cdot 0.8522"      # not "not a finite number"
    assert "grew to 14.7, more than 10 times its starting value 0.852" in last.values["message"]
