"""`dltutor charts`: what it writes, what it says, and its one-line answers to bad input."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from chart_helpers import need_font

from tutor.charts import LECTURE_ORDER, NUMBERS, chart
from tutor.cli import main

ROOT = Path(__file__).resolve().parents[2]


def charts(capsys, *args) -> tuple[int, str, str]:
    code = main(["charts", "--dpi", "40", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_only_writes_the_figure_and_its_caption_and_says_where(tmp_path, capsys):
    code, out, err = charts(capsys, "--out", str(tmp_path / "slides"), "--only", "7", "--format", "svg,png", "--lang", "en")
    assert (code, err) == (0, "")
    names = sorted(p.name for p in (tmp_path / "slides").iterdir())
    assert names == ["07_mlp_architecture.png", "07_mlp_architecture.svg", "07_mlp_architecture.txt"]
    assert f"Writing 1 charts to {tmp_path / 'slides'}" in out
    assert re.search(r"07_mlp_architecture\.png +\d+ KB", out)
    caption = (tmp_path / "slides" / "07_mlp_architecture.txt").read_text(encoding="utf-8")
    assert caption.startswith("07 · A multilayer perceptron")
    assert "Lesson 2.3 · try it: dltutor lab mlp" in caption      # mlp-forward, as the home screen numbers it


def test_all_writes_the_lecture_set_in_the_guides_order_with_an_index(tmp_path, capsys):
    code, out, _ = charts(capsys, "--out", str(tmp_path), "--all", "--lang", "en")
    assert code == 0
    order = [m[:2] for m in re.findall(r"^  (\d\d)_\w+\.png", out, re.M)]
    assert order == list(LECTURE_ORDER) == ["01", "07", "02", "03", "04", "05", "06"]
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    images = re.findall(r'<img src="(\d\d)_[a-z_]+\.png"', page)
    assert images == order
    for number in NUMBERS:
        stem = chart(number).STEM
        assert (tmp_path / f"{stem}.png").stat().st_size > 1000
        assert f'<a href="{stem}.txt">' in page
        first_line = (tmp_path / f"{stem}.txt").read_text(encoding="utf-8").splitlines()[0]
        assert first_line in page


def test_lesson_makes_the_figures_that_lesson_needs(tmp_path, capsys):
    code, out, _ = charts(capsys, "--out", str(tmp_path), "--lesson", "vanishing-gradients", "--lang", "en")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["03_gradient_vanishing.png", "03_gradient_vanishing.txt"]
    assert "Lesson 2.8 · try it:" in (tmp_path / "03_gradient_vanishing.txt").read_text(encoding="utf-8")


def test_chinese_lecture_figure(tmp_path, capsys):
    need_font("zh")
    code, out, _ = charts(capsys, "--out", str(tmp_path), "--only", "05", "--lang", "zh")
    assert code == 0
    assert "正在把 1 张图写入" in out and "完成" in out
    caption = (tmp_path / "05_learning_rate_effect.txt").read_text(encoding="utf-8")
    assert caption.startswith("05 · 学习率：太小、合适、太大")
    assert "第 3.2 课 · 动手试试：dltutor lab learning-rate" in caption


@pytest.mark.parametrize("args,message", [
    (["--only", "09"], "unknown chart 09: the charts are 01, 02, 03, 04, 05, 06, 07"),
    (["--format", "gif"], "unknown format gif"),
    (["--dpi", "5"], "--dpi must be between 30 and 1200, got 5"),
    (["--lesson", "derivatives"], "lesson derivatives has no charts; these lessons have: perceptron-and-xor"),
    (["--lesson", "no-such-lesson"], "no-such-lesson"),
])
def test_bad_input_is_one_line_and_status_2(args, message, tmp_path, capsys):
    code, out, err = charts(capsys, "--out", str(tmp_path / "x"), "--lang", "en", *args)
    assert code == 2
    assert err.startswith("dltutor: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def test_bad_input_is_answered_in_chinese(tmp_path, capsys):
    code, _, err = charts(capsys, "--out", str(tmp_path), "--lang", "zh", "--only", "99")
    assert code == 2 and "没有图 99" in err


def test_an_output_folder_that_cannot_be_made(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = charts(capsys, "--out", str(blocker / "slides"), "--only", "07", "--lang", "en")
    assert code == 2 and f"cannot write the charts to {blocker / 'slides'}" in err


def test_no_chinese_font_stops_before_drawing_with_the_package_to_install(tmp_path, capsys, monkeypatch):
    from matplotlib import font_manager

    from tutor.charts import fonts

    monkeypatch.setattr(fonts, "installed_families", lambda: {"DejaVu Sans"})
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    monkeypatch.setattr(fonts.sys, "platform", "linux")
    code, _, err = charts(capsys, "--out", str(tmp_path / "zh"), "--only", "07", "--lang", "zh")
    assert code == 2
    assert "fonts-noto-cjk" in err and "sudo apt install fonts-noto-cjk" in err
    assert not (tmp_path / "zh").exists() or not any((tmp_path / "zh").iterdir())


def test_a_font_installed_after_matplotlib_cached_its_list_is_found(monkeypatch):
    """matplotlib never rescans by itself: a student who installs fonts-noto-cjk after a first
    try must not be told again that it is missing."""
    from matplotlib import font_manager

    from tutor.charts.fonts import find_cjk_font

    need_font("zh")
    without = [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", without)
    assert find_cjk_font() == "Noto Sans CJK SC"


def test_without_matplotlib_the_command_says_which_install_line_is_missing(tmp_path):
    script = ("import sys; sys.modules['matplotlib'] = None\n"        # as if the extra were not installed
              "from tutor.cli import main\n"
              f"code = main(['charts', '--out', {str(tmp_path)!r}, '--lang', 'en'])\n"
              "sys.exit(code)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr == ("dltutor: dltutor charts needs matplotlib, which is not installed; "
                             "install it with: pip install 'dltutor[charts]'\n")


def test_nothing_else_in_dltutor_imports_matplotlib():
    found = []
    for path in sorted([*ROOT.joinpath("tutor").rglob("*.py"), *ROOT.joinpath("engine").rglob("*.py")]):
        if "charts" in path.relative_to(ROOT).parts[:2]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name.split(".")[0] == "matplotlib" for name in names):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found


def test_every_chart_message_is_in_the_chinese_catalog_with_the_same_placeholders():
    from tutor.locale import placeholders
    from tutor.locale.extract import uses_in
    from tutor.locale.po import read_po

    catalog = read_po(ROOT / "tutor" / "locale" / "zh" / "charts.po").messages
    uses = [u for p in sorted((ROOT / "tutor" / "charts").glob("*.py")) for u in uses_in(p)]
    assert uses and all(u.msgid is not None for u in uses), [f"{u.path.name}:{u.line}" for u in uses if u.msgid is None]
    missing = sorted({u.msgid for u in uses} - set(catalog))
    assert not missing
    assert all(placeholders(u.msgid) == placeholders(catalog[u.msgid]) for u in uses)
    assert not re.search(r"[\u4e00-\u9fff]", "".join(p.read_text(encoding="utf-8")
                                                     for p in (ROOT / "tutor" / "charts").glob("*.py")))
