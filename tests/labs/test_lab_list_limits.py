"""List settings are bounded: `others=` with 10 000 numbers ended in MemoryError
(NumPy asked for 2.9 TiB); now every list setting refuses too many values with a
clear message, in the student's language."""
from __future__ import annotations

import pytest

from tutor.cli import main
from tutor.labs import get_lab, lab_names
from tutor.labs.kit.lab import MAX_ITEMS, LabError

MANY = ",".join(str(i % 7) for i in range(10_000))


def test_ten_thousand_softmax_inputs_are_refused(capsys):
    code = main(["lab", "activations", "--plain", "fn=softmax", f"others={MANY}"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "others: 10000 values are too many (at most 20)" in err
    assert "MemoryError" not in err and len(err) < 200          # the 20 000 characters are not echoed


def test_the_message_is_in_chinese_too(capsys):
    assert main(["lab", "activations", "--plain", "--lang", "zh", "fn=softmax", f"others={MANY}"]) == 2
    assert "others：10000 个值太多了（最多 20 个）" in capsys.readouterr().err


def list_settings():
    for name in lab_names():
        for param in get_lab(name).params:
            if param.items:
                yield name, param


@pytest.mark.parametrize("lab,param", [pytest.param(n, p, id=f"{n}-{p.name}") for n, p in list_settings()])
def test_every_list_setting_is_bounded(lab, param):
    with pytest.raises(LabError, match="too many"):
        get_lab(lab).from_tokens([f"{param.name}={MANY}"])


def test_the_known_list_settings_are_marked():
    marked = {(n, p.name) for n, p in list_settings()}
    assert {("activations", "others"), ("regression", "x"), ("regression", "y"), ("losses", "p"),
            ("losses", "logits"), ("mlp", "sizes"), ("conv", "kernel"), ("learning-rate", "lrs"),
            ("playground", "hidden"), ("optimizers", "start")} <= marked


def test_a_list_at_the_limit_still_works():
    lab = get_lab("activations").from_tokens(["fn=softmax", "others=" + ",".join(["0.5"] * MAX_ITEMS)])
    assert len(lab.others) == MAX_ITEMS
    kernel = get_lab("conv").from_tokens(["kernel=" + ",".join(["1"] * 25)])   # 5×5 needs 25
    assert kernel is not None
