"""Paths and helpers shared by the exercise tests."""
from __future__ import annotations

from pathlib import Path

from tutor.exercises.catalog import find

HERE = Path(__file__).parent
SOLUTIONS = HERE / "solutions"       # a correct answer to every exercise (NumPy only)
WRONG = HERE / "wrong"               # the common wrong answers, one mistake per file: NN_name__mistake.py


def exercise_of(path: Path):
    return find(path.name.split("__")[0])
