"""Lab graph: plain output (each node's value and gradient, then ∂f/∂x per input against finite
differences) in English and Chinese, the Pilot drill with the tree panel, bad settings explained."""
from __future__ import annotations

import io

import pytest

from tutor.labs import LabError, get_lab
from tutor.locale import using

from labs2_pilot import drill, run_to_end


def plain(tokens=(), lang="en") -> str:
    with using(lang):
        lab = get_lab("graph").from_tokens(list(tokens))
        out = io.StringIO()
        lab.plain(out)
    return out.getvalue()


def test_plain_prints_every_node_then_each_gradient_checked():
    text = plain()
    assert "v5    tanh(v4)" in text
    assert "∂f/∂x1 = -1.5000   (finite differences: -1.5000)" in text
    assert "∂f/∂w1 = 1.0000" in text and "∂f/∂w2 = 0.0000" in text
    zh = plain(lang="zh")
    assert "∂f/∂x1 = -1.5000   （有限差分：-1.5000）" in zh and "节点" in zh


def test_a_typed_formula_with_a_shared_input():
    text = plain(["f=x*y + sin(x)", "at=x=1, y=2"])
    assert "∂f/∂x = 2.5403" in text and "∂f/∂y = 1.0000" in text


@pytest.mark.parametrize("tokens, english, chinese", [
    (["at=x1"], "write each input as name=number", "每个输入写成"),
    (["at=x1=a"], "is not a number", "不是一个数"),
    (["f=x*y", "at=x=1"], "unknown name", "unknown name"),        # the parser's own words (the engine's English)
    (["f=x", "at=x=1, y=2"], "f does not use y", "f 没有用到 y"),
    (["f=asin(x)", "at=x=0.5"], "asin is not differentiated", "asin is not differentiated"),
    (["at=x=1e9"], "at most 1e6", "不超过 1e6"),
])
def test_bad_settings_are_explained_in_the_students_language(tokens, english, chinese):
    with pytest.raises(LabError, match=english):
        get_lab("graph").from_tokens(tokens)
    with using("zh"), pytest.raises(LabError, match=chinese):
        get_lab("graph").from_tokens(tokens)


def test_graph_keys_and_panel():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        panel = app.screen.query_one("#graph-panel")
        assert panel.grads == {"x": 4.0, "y": 2.0, "v1": 1.0, "v2": 1.0}     # x: y + 1, over its two uses
        assert panel.end is not None
        from rich.console import Console

        console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
        console.print(panel.view())
        text = console.export_text()
        assert "x (used again, see above)" in text
        assert "∂f/∂x = 4.0000   finite differences 4.0000  ✓" in text

    drill("graph", ("f=x*y + x", "at=x=2, y=3"), steps=4, after=after)
