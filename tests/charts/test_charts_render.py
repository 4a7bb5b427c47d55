"""Every chart in English and Chinese, as PNG and SVG: valid files, 300 DPI when asked,
text in the chosen language, and no glyph matplotlib could not draw."""
from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET

import pytest
from chart_helpers import CASES, LOW_DPI, built, need_font

from tutor.charts import chart

CJK = re.compile(r"[\u4e00-\u9fff]")


def texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [a.get_text() for a in fig.findobj(Text) if a.get_text().strip()]


def save(number, lang, tmp_path, formats, dpi=LOW_DPI):
    from tutor.charts.figures import drawing
    from tutor.charts.figures import save as save_figure

    fig, _, _ = built(number, lang)
    with warnings.catch_warnings(record=True) as caught, drawing(lang):
        warnings.simplefilter("always")
        files = save_figure(fig, tmp_path / chart(number).STEM, formats, dpi)
    return files, [str(w.message) for w in caught]


@pytest.mark.parametrize("number,lang", CASES)
def test_chart_is_written_as_png_and_svg_without_missing_glyphs(number, lang, tmp_path):
    need_font(lang)
    files, caught = save(number, lang, tmp_path, ["png", "svg"])
    _, _, built_warnings = built(number, lang)
    png, svg = files
    assert png.name == chart(number).STEM + ".png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.parse(svg).getroot().tag.endswith("svg")
    glyphs = [w for w in caught + built_warnings if "Glyph" in w or "missing from" in w]
    assert not glyphs, glyphs


@pytest.mark.parametrize("number,lang", CASES)
def test_words_are_in_the_chosen_language(number, lang):
    need_font(lang)
    fig, caption, _ = built(number, lang)
    words = texts(fig)
    if lang == "zh":
        assert CJK.search(fig._suptitle.get_text()), fig._suptitle.get_text()
        assert CJK.search(caption)
        # axis labels and legends too, not only the title (07 is a diagram without axes)
        assert sum(bool(CJK.search(w)) for w in words) >= 4, words
    else:
        assert not [w for w in words if CJK.search(w)]
        assert not CJK.search(caption)


def test_the_glyph_check_can_fail(tmp_path):
    """Chinese drawn with matplotlib's own font warns, which the test above looks for."""
    import matplotlib
    from matplotlib.figure import Figure

    with warnings.catch_warnings(record=True) as caught, matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        warnings.simplefilter("always")
        fig = Figure()
        fig.suptitle("梯度消失")
        fig.savefig(tmp_path / "x.png", dpi=LOW_DPI)
    assert any("missing from" in str(w.message) for w in caught)


def test_png_carries_300_dpi(tmp_path):
    from PIL import Image

    (png,), _ = save("03", "en", tmp_path, ["png"], dpi=300)
    with Image.open(png) as image:
        assert [round(v) for v in image.info["dpi"]] == [300, 300]
        width, height = chart("03").SIZE
        assert image.size == (round(width * 300), round(height * 300))


def test_chinese_pdf_embeds_its_font_without_missing_glyphs(tmp_path):
    need_font("zh")
    (pdf,), caught = save("04", "zh", tmp_path, ["pdf"])
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"NotoSansCJK" in data or b"CJK" in data, "the Chinese font is not in the PDF"
    assert not [w for w in caught if "missing from" in w]


def test_the_same_chart_gives_the_same_svg(tmp_path):
    first, _ = save("07", "en", tmp_path, ["svg"])
    again, _ = save("07", "en", tmp_path.parent, ["svg"])
    assert first[0].read_bytes() == again[0].read_bytes()
