"""Lab vanishing: the 0.25ⁿ table, gradient norms checked by finite differences, the toggles, the Pilot drill."""
from __future__ import annotations

import math
import re
from functools import partial

import numpy as np

from lab_plain import plain_text
from labs2_pilot import drill, run_to_end, settle

plain = partial(plain_text, "vanishing")  # plain(*tokens) -> the printed text


def layer_norms(text: str) -> dict[int, float]:
    return {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"^\s+(\d+)\s+([0-9.]+e[-+]\d+)", text, re.M)}


def test_plain_table_of_quarter_powers():
    text = plain()
    for n in (10, 20, 50):
        value = float(re.search(rf"0\.25\^{n} = ([0-9.e+-]+)", text).group(1))
        assert math.isclose(value, 0.25 ** n, rel_tol=1e-4)
    assert math.isclose(0.25 ** 10, 9.5367e-07, rel_tol=1e-4)


def _finite_difference_norm(activation, residual, width=3, depth=2, seed=3, batch=32, h=1e-6):
    """‖∂E/∂W_1‖ by central differences, with the network rebuilt here (same seeded draws)."""
    f = {"sigmoid": lambda u: 1 / (1 + np.exp(-u)), "tanh": np.tanh}[activation]
    rng = np.random.default_rng(seed)
    a = math.sqrt(6 / (2 * width))
    Ws = [rng.uniform(-a, a, size=(width, width)) for _ in range(depth)]
    X = rng.normal(size=(batch, width))
    T = rng.normal(size=(batch, width))

    def E(W1):
        h_ = X
        for W in [W1] + Ws[1:]:
            out = f(h_ @ W.T)
            h_ = h_ + out if residual else out
        return 0.5 * np.sum((h_ - T) ** 2) / batch

    g = np.zeros_like(Ws[0])
    for idx in np.ndindex(g.shape):
        up, down = Ws[0].copy(), Ws[0].copy()
        up[idx] += h
        down[idx] -= h
        g[idx] = (E(up) - E(down)) / (2 * h)
    return float(np.linalg.norm(g))


def test_plain_gradient_norm_matches_finite_differences():
    for activation, residual in (("sigmoid", 0), ("tanh", 1)):
        text = plain(f"activation={activation}", "depth=2", "width=3", "seed=3", f"residual={residual}")
        got = layer_norms(text)[1]
        assert math.isclose(got, _finite_difference_norm(activation, residual), rel_tol=1e-3)


def test_sigmoid_vanishes_relu_he_and_residual_do_not():
    def spread(*tokens):
        n = layer_norms(plain(*tokens))
        return n[1] / n[max(n)]

    assert spread("depth=20") < 1e-8                       # sigmoid, Xavier: near 0.25^19 territory
    assert spread("depth=20", "activation=relu", "init=he") > 1e-2
    assert spread("depth=20", "residual=1") > 100 * spread("depth=20")


def test_drill_and_toggles_change_the_bars():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        bars = app.screen.query_one("GradientBars")
        before = list(bars.series["log10 ‖∂E/∂W‖"].y)
        assert len(before) == 10 and all(math.isfinite(y) for y in before)
        await pilot.press("s")                        # residual on: reset and new bars
        await settle(pilot)
        lab = app.screen.lab
        assert lab.values["residual"] is True
        assert stepper.cursor == 0
        after_ = list(bars.series["log10 ‖∂E/∂W‖"].y)
        assert after_[0] > before[0] + 3              # layer 1 gets far more gradient
        await pilot.press("i", "d")
        await settle(pilot)
        assert lab.values["init"] == "he" and lab.values["depth"] == 20
        assert len(bars.series["log10 ‖∂E/∂W‖"].y) == 20
        return True

    assert drill("vanishing", (), size=(100, 32), after=after)


def test_the_first_step_names_the_slope_of_the_chosen_activation():
    from tutor.labs import get_lab

    first = {a: next(iter(get_lab("vanishing").from_tokens([f"activation={a}"]).run()))
             for a in ("sigmoid", "tanh", "relu", "leaky_relu")}
    assert first["sigmoid"].label.endswith("the sigmoid's slope is at most 0.25")
    assert "tanh's slope is at most 1" in first["tanh"].label
    assert "ReLU's slope is 1" in first["relu"].label and "sigmoid" not in first["relu"].label
    assert r"\in \{0.01, 1\}" in first["leaky_relu"].formula


def test_plain_table_headings_end_over_their_numbers():
    import io

    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("vanishing")().plain(out)
    lines = out.getvalue().splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("layer"))
    header, row = lines[head], lines[head + 1]
    assert header.index("mean f'(u)") + len("mean f'(u)") == row.index("0.2060") + len("0.2060")
    assert header.index("log10 bar") == row.index("#")
