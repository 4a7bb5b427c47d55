"""The exercises, in the lessons' order (light: no NumPy until cases are built).

Each exercise is a stub `stubs/NN_name.py` that a student completes, and a
module `checks/<module>.py` whose `cases()` builds the engine's answers.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Exercise:
    number: int
    name: str                       # the file is f"{number:02d}_{name}.py"
    lesson: str                     # the lesson's id (the app numbers it: 2.4)
    functions: tuple[str, ...]      # what the student writes
    time_limit: float = 5.0         # seconds for all of its checks together

    @property
    def stem(self) -> str:
        return f"{self.number:02d}_{self.name}"

    @property
    def filename(self) -> str:
        return f"{self.stem}.py"

    def cases(self) -> list:
        """The checked calls (tutor.exercises.spec.Case), built with the engine."""
        return importlib.import_module(f"tutor.exercises.checks.{self.name}").cases()


EXERCISES: tuple[Exercise, ...] = (
    Exercise(1, "derivative", "derivatives", ("forward_difference", "central_difference")),
    Exercise(2, "gradient_descent", "gradient-descent-1d", ("gradient_descent",)),
    Exercise(3, "least_squares", "regression", ("fit_line",)),
    Exercise(4, "sigmoid", "activation-functions", ("sigmoid", "sigmoid_prime")),
    Exercise(5, "softmax", "loss-functions", ("softmax", "cross_entropy")),
    Exercise(6, "softmax_ce_grad", "loss-functions", ("softmax_ce_grad",)),
    Exercise(7, "dense", "backpropagation", ("forward", "backward")),
    Exercise(8, "backprop", "backpropagation", ("train_step",)),
    Exercise(9, "autodiff", "computational-graphs", ("Value",)),
    Exercise(10, "optimizers", "optimizers", ("momentum_step", "adam_step")),
    Exercise(11, "xor", "practice", ("gradients", "train_xor"), time_limit=30.0),
    Exercise(12, "conv2d", "convolution", ("conv2d",)),
    Exercise(13, "maxpool", "pooling-and-cnn", ("maxpool_forward", "maxpool_backward")),
    Exercise(14, "rnn", "rnn", ("rnn_step", "bptt")),
    Exercise(15, "lstm", "lstm", ("lstm_step",)),
)


class UnknownExercise(LookupError):
    pass


def find(query: str) -> Exercise:
    """An exercise by number ("4", "04"), name ("sigmoid"), stem or file name ("04_sigmoid.py")."""
    text = query.strip().lower().removesuffix(".py")
    for exercise in EXERCISES:
        if text in (exercise.stem, exercise.name, str(exercise.number), f"{exercise.number:02d}"):
            return exercise
    raise UnknownExercise(query)


def lesson_numbers(lessons=None) -> dict[str, str]:
    """"chapter.position" for each lesson id, as the home screen numbers them (2.4)."""
    if lessons is None:
        from tutor.content import load_lessons

        lessons, _ = load_lessons("en")
    from tutor.content.refs import numbering

    return numbering(lessons)
