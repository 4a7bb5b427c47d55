"""The training labs (perceptron-xor, playground, vanishing, learning-rate, sgd,
optimizers, mlp, overfitting) speak through the catalogs (issue 16, item 4):
every message their code asks for has Chinese with the same placeholders in
the lab's own catalog, no Chinese is left in their Python files, every caption
of a run comes from a catalog, and a bad setting is explained in the student's
language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutor.labs import get_lab
from tutor.labs.kit.lab import LabError
from tutor.locale import PSEUDO, placeholders, using
from tutor.locale.extract import uses_in
from tutor.locale.po import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("perceptron_xor", "playground", "vanishing", "learning_rate", "sgd", "optimizers", "mlp", "overfitting")


def asked(package: str) -> list:
    return [use for path in sorted((ROOT / "tutor" / "labs" / package).glob("*.py")) for use in uses_in(path)]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_message_has_chinese_with_the_same_placeholders(package):
    uses = asked(package)
    dynamic = [f"{use.path.name}:{use.line}" for use in uses if use.msgid is None]
    assert not dynamic, f"t() needs a string literal: {dynamic}"
    catalog = read_po(ROOT / "tutor" / "locale" / "zh" / f"lab-{package}.po").messages
    msgids = {use.msgid for use in uses}
    assert not sorted(msgids - set(catalog)), "no Chinese in the catalog"
    assert not sorted(set(catalog) - msgids), "catalog entries no code asks for"
    assert [m for m in msgids if placeholders(m) != placeholders(catalog[m])] == []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_chinese_is_left_in_the_code(package):
    han = re.compile(r"[\u4e00-\u9fff]")
    found = [path.name for path in (ROOT / "tutor" / "labs" / package).glob("*.py")
             if han.search(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("name, tokens", [("perceptron-xor", ["epochs=20"]), ("perceptron-xor", ["lr=1e6"]),
                                          ("playground", ["epochs=3", "n=40"]), ("playground", ["lr=50"]),
                                          ("vanishing", ["depth=3"]), ("learning-rate", ["steps=40"]),
                                          ("sgd", ["epochs=10"]), ("sgd", ["lr=200"]),
                                          ("optimizers", ["surface=saddle"]), ("optimizers", ["lr=5", "steps=6"]),
                                          ("mlp", ["sizes=64,16,10", "train=1"]), ("mlp", ["sizes=9,4,3"]),
                                          ("overfitting", ["epochs=30"])])
def test_every_caption_comes_from_a_catalog(name, tokens):
    with using(PSEUDO):         # the pseudo-language marks every translated message ⟦like this⟧
        labels = [e.label for e in get_lab(name).from_tokens(tokens).run()]
    unmarked = [label for label in labels if "⟦" not in label]
    assert labels and not unmarked, unmarked[:3]


@pytest.mark.parametrize("name, tokens, english, chinese", [
    ("playground", ["hidden=a,b"], "give neurons per layer separated by commas", "用逗号分开"),
    ("playground", ["hidden=9"], "at most 6 layers of 1 to 8 neurons", "每层 1 到 8 个神经元"),
    ("learning-rate", ["lrs=0"], "give 1 to 6 positive learning rates", "正的学习率"),
    ("optimizers", ["start=1"], "expected two numbers x,y", "要写两个数"),
    ("mlp", ["sizes=64"], "give at least an input size and an output size", "至少要给出输入大小和输出大小"),
    ("mlp", ["sizes=4096,4096"], "16,781,312 parameters is more than this lab builds", "16,781,312 个参数超出了"),
])
def test_a_bad_setting_is_explained_in_the_students_language(name, tokens, english, chinese):
    with pytest.raises(LabError, match=english):
        get_lab(name).from_tokens(tokens)
    with using("zh"), pytest.raises(LabError, match=chinese):
        get_lab(name).from_tokens(tokens)
