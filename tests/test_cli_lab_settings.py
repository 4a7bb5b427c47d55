"""Issue 18 item 11: a lab's settings are explained in plain words, in English and Chinese.

`lr=abc` said "expected float"; `x0=1e400`, `inf`, `nan` said the same though the problem is
that they are not finite; Chinese read `这里要填 一个数` (a stray space); `dltutor lab gd1d
--help` did not list the settings; a setting given twice was silently accepted.
"""
from __future__ import annotations

import pytest

import tutor.cli
from tutor.locale import using

CASES = {   # typed → (English, Chinese) that the refusal must contain
    "lr=abc": ("lr='abc': not a number; write one such as 0.5", "lr='abc'：这里要填一个数，比如 0.5"),
    "x0=1e400": ("x0='1e400': must be a finite number", "x0='1e400'：要填一个有限的数"),
    "x0=inf": ("x0='inf': must be a finite number", "x0='inf'：要填一个有限的数"),
    "x0=nan": ("x0='nan': must be a finite number", "x0='nan'：要填一个有限的数"),
    "max_iter=2.5": ("max_iter='2.5': not a whole number; write one such as 1000",
                     "max_iter='2.5'：这里要填一个整数，比如 1000"),
    "lr=1 lr=2": ("lr is given twice", "lr 给了两次"),
}


@pytest.mark.parametrize("typed", list(CASES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_settings_are_explained(capsys, typed, lang):
    assert tutor.cli.main(["lab", "gd1d", "--plain", "--lang", lang, *typed.split()]) == 2
    err = capsys.readouterr().err
    want = CASES[typed][0 if lang == "en" else 1]
    assert want in err, err
    assert "expected float" not in err and "这里要填 一" not in err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unknown_lab_in_the_language_asked(capsys, lang):
    assert tutor.cli.main(["--lang", lang, "lab", "nosuchlab"]) == 2
    assert tutor.cli.main(["lab", "nosuchlab", "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert ("unknown lab" in err) == (lang == "en") and ("没有实验" in err) == (lang == "zh"), err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lab_help_lists_its_settings(capsys, lang):
    assert tutor.cli.main(["lab", "gd1d", "--help", "--lang", lang]) == 0
    out = capsys.readouterr().out
    from tutor.labs import get_lab
    from tutor.locale import translated

    with using(lang):
        for param in get_lab("gd1d").params:
            assert f"{param.name}=" in out, out
            assert translated(param.help) in out or param.help in out
    assert ("learning rate η" in out) if lang == "en" else ("设置" in out), out
