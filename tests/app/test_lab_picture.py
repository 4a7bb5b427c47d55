"""p in a lab: the picture at this step, saved as a valid PNG and SVG that hold what the panels draw,
in English and Chinese (no glyph matplotlib cannot draw); without matplotlib, the install line."""
from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from app_helpers import make_app

pytest.importorskip("matplotlib", reason="the charts extra (matplotlib) is not installed: pip install '.[charts]'")

WORDS = {"en": "Picture saved", "zh": "图示已保存"}
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def low_dpi(monkeypatch):
    """Enough pixels to prove a valid PNG is written; the real 200 DPI costs seconds per test."""
    import tutor.charts.lab_picture as lab_picture

    monkeypatch.setattr(lab_picture, "DPI", 40)


def need_font(lang: str) -> None:
    from tutor.charts.fonts import find_cjk_font

    if lang == "zh" and find_cjk_font() is None:
        pytest.skip("no Chinese font installed (Debian: apt-get install fonts-noto-cjk)")


async def _save(pilot, steps: int, folder=None) -> None:
    for _ in range(steps):
        await pilot.press("space")
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    if folder is not None:
        box = pilot.app.screen.query_one("#picture-folder")
        box.value = str(folder)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_p_saves_png_and_svg_of_the_plot_at_this_step(store, lang, tmp_path, monkeypatch):
    need_font(lang)
    monkeypatch.chdir(tmp_path)                       # the default folder: the current directory
    app = make_app(lang=lang, store=store, lab="gd1d")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await _save(pilot, 3)
            notes = " ".join(str(n.message) for n in app._notifications)
    png, svg = tmp_path / "gd1d-step3.png", tmp_path / "gd1d-step3.svg"
    assert png.read_bytes()[:8] == PNG
    assert ET.parse(svg).getroot().tag.endswith("svg")
    assert "gd1d-step3.png" in notes and str(tmp_path.resolve()) in notes
    assert WORDS[lang] in notes
    glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    assert not glyphs, glyphs


async def test_the_figure_holds_the_series_the_plots_hold(store, tmp_path):
    """The generic redraw: every series of every Plot becomes a line with the same numbers."""
    from tutor.charts.figures import drawing
    from tutor.charts.lab_picture import figure
    from tutor.widgets.picture import PlotPart, snapshot

    app = make_app(lang="en", store=store, lab="gd1d")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(4):
            await pilot.press("space")
        await pilot.pause()
        parts = snapshot(app.screen.panel_widgets)
    plots = [p for p in parts if isinstance(p, PlotPart)]
    assert plots and any(len(s.x) > 1 for p in plots for s in p.series)
    with drawing("en"):
        fig = figure(parts, "gd1d")
    axes = [ax for ax in fig.axes if ax.lines or ax.collections]
    for part, ax in zip(plots, axes):
        drawn = [(list(line.get_xdata()), list(line.get_ydata())) for line in ax.lines]
        drawn += [tuple(map(list, c.get_offsets().T)) for c in ax.collections if len(c.get_offsets())]
        for s in part.series:
            assert (list(map(float, s.x)), list(map(float, s.y))) in [
                (list(map(float, x)), list(map(float, y))) for x, y in drawn], s.label


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_text_panel_is_saved_as_text_and_in_the_figure(store, lang, tmp_path):
    """losses: a plot and a table of bars, also written as .txt, into the folder the student typed."""
    need_font(lang)
    app = make_app(lang=lang, store=store, lab="losses")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await _save(pilot, 2, folder=tmp_path / "mine")
    files = sorted(p.name for p in (tmp_path / "mine").iterdir())
    assert files == ["losses-step2.png", "losses-step2.svg", "losses-step2.txt"], files
    text = (tmp_path / "mine" / "losses-step2.txt").read_text(encoding="utf-8")
    assert "█" in text                                 # the softmax bars, as the student saw them
    assert not [w for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]


async def test_a_heatmap_is_drawn_as_an_image_of_its_values(store, tmp_path):
    """conv: the image and the feature map become images holding the Heatmaps' arrays."""
    from tutor.charts.figures import drawing
    from tutor.charts.lab_picture import figure
    from tutor.widgets.picture import HeatPart, snapshot

    app = make_app(lang="en", store=store, lab="conv")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(2):
            await pilot.press("space")
        await pilot.pause()
        parts = snapshot(app.screen.panel_widgets)
    heats = [p for p in parts if isinstance(p, HeatPart)]
    assert heats
    with drawing("en"):
        fig = figure(parts, "conv")
    images = [np.asarray(im.get_array()) for ax in fig.axes for im in ax.images]
    assert all(any(np.array_equal(im, h.data) for im in images) for h in heats)


async def test_without_matplotlib_the_key_says_what_to_install(store, monkeypatch, tmp_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    monkeypatch.chdir(tmp_path)
    app = make_app(lang="en", store=store, lab="gd1d")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space", "p")
        await pilot.pause()
        notes = " ".join(str(n.message) for n in app._notifications)
        assert type(app.screen).__name__ == "LabScreen"
    assert "pip install 'dltutor[charts]'" in notes
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".png", ".svg")]


@pytest.mark.parametrize("lang,words", [("en", "save the picture at this step"), ("zh", "把这一步的图示保存")])
async def test_help_lists_p(store, lang, words):
    from tutor.screens.help import screen_rows

    app = make_app(lang=lang, store=store, lab="gd1d")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = dict(screen_rows(app.screen))
    assert words in rows["p"]


def test_the_default_folder_is_the_students_own_in_a_classroom(store, monkeypatch, tmp_path):
    from tutor.screens.picture import default_folder

    class App:
        student = "ada"

    App.store = store
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DLTUTOR_CLASSROOM", raising=False)
    assert default_folder(App()) == tmp_path
    monkeypatch.setenv("DLTUTOR_CLASSROOM", "1")
    assert default_folder(App()) == tmp_path / "pictures" / "ada"      # the store lives in tmp_path


@pytest.mark.parametrize("lang,words", [("en", "In the classroom, pictures are saved in your own folder"),
                                        ("zh", "在课堂上，图示保存在你自己的文件夹")])
def test_in_a_classroom_only_the_students_own_folder_is_allowed(store, monkeypatch, tmp_path, lang, words):
    from tutor.locale import using
    from tutor.screens.picture import chosen_folder

    class App:
        student = "ada"

    App.store = store
    own = (tmp_path / "pictures" / "ada").resolve()
    monkeypatch.setenv("DLTUTOR_CLASSROOM", "1")
    assert chosen_folder(App(), str(own)) == (own, "")
    assert chosen_folder(App(), "week1") == (own / "week1", "")
    with using(lang):
        for elsewhere in (str(tmp_path), "../bob", "/etc"):
            folder, problem = chosen_folder(App(), elsewhere)
            assert folder is None and problem.startswith(words), elsewhere
    monkeypatch.delenv("DLTUTOR_CLASSROOM")
    assert chosen_folder(App(), str(tmp_path)) == (tmp_path, "")         # at home: anywhere


@pytest.mark.parametrize("lang,words", [("en", "cannot write the picture to"), ("zh", "无法把图示写入")])
def test_a_folder_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path, lang, words):
    from tutor.locale import using
    from tutor.screens.picture import save
    from tutor.widgets.picture import TextPart

    need_font(lang)
    (tmp_path / "a-file").write_text("")
    with using(lang):
        written, problem = save([TextPart(["x  1"])], tmp_path / "a-file" / "sub", "lab-step0", "lab", lang)
    assert written == [] and problem.startswith(words), problem
