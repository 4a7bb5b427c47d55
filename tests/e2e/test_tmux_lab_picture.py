"""p in a lab, in a real terminal: the prompt offers the current directory, Enter writes the
picture at this step as a valid PNG and SVG there, and the notice says where."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from screens import app
from test_tmux import TMUX

pytestmark = [pytest.mark.skipif(TMUX is None, reason="tmux is not installed")]
pytest.importorskip("matplotlib", reason="the charts extra (matplotlib) is not installed: pip install '.[charts]'")


def test_p_saves_the_lab_picture_as_png_and_svg(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    term = app(tmp_path, "lab", "gd1d", "--lang", "en", width=120, height=36, cwd=work)
    png, svg = work / "gd1d-step2.png", work / "gd1d-step2.svg"
    try:
        term.wait_until(lambda s: "(gd1d" in s, "the lab")
        term.press("Space", "Space", "p")
        term.wait_until(lambda s: "into this folder" in s, "the folder prompt")
        term.press("Enter")
        screen = term.wait_until(lambda s: "Picture saved" in s, "the notice", timeout=60)
        assert "Traceback" not in screen
    finally:
        term.close()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.parse(svg).getroot().tag.endswith("svg")
