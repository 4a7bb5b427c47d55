"""`dltutor charts`: the seven figures of the chart guide, drawn from the engine's numbers.

One module per chart (`c01_perceptron_xor` … `c07_mlp_architecture`), each with

    NUMBER, STEM, LAB, SETTINGS   its number, file name, and the lab (with settings) it pictures
    title()                       its title in the current language (tutor.locale)
    compute()                     the numbers, from engine/ calls only (no language, no matplotlib)
    draw(fig, numbers)            the picture
    caption(numbers)              the numbers as text, for screen readers

`figures.py` builds a whole figure (title, footer, fonts); `cli.py` is the command.
This package is the only part of dltutor that imports matplotlib (the `charts`
extra), and this file does not, so the command can say what is missing.

Which charts a lesson needs follows from its ```lab blocks: a chart belongs to
one lab, and a lesson that runs the lab gets the chart (no new lesson syntax).
"""
from __future__ import annotations

import importlib
from types import ModuleType

MODULES = ("c01_perceptron_xor", "c02_activations", "c03_vanishing", "c04_losses",
           "c05_learning_rate", "c06_sgd", "c07_mlp_architecture")
NUMBERS = tuple(name[1:3] for name in MODULES)
# The chart guide's order for a lecture series: why several layers (01), what they
# look like (07), then activations, vanishing gradients, losses, learning rate, SGD.
LECTURE_ORDER = ("01", "07", "02", "03", "04", "05", "06")


def chart(number: str) -> ModuleType:
    """The module of chart "01" … "07" (imports matplotlib)."""
    return importlib.import_module(f"tutor.charts.{MODULES[NUMBERS.index(number)]}")


# Kept here (not only in the chart modules) so a lesson's charts are known without matplotlib.
LABS = {"01": "perceptron-xor", "02": "activations", "03": "vanishing", "04": "losses",
        "05": "learning-rate", "06": "sgd", "07": "mlp"}
