"""Every caption the engine writes has a Chinese form with the same numbers."""
import re

import numpy as np
import pytest

from engine import backprop_example, conv_steps, descent, recurrent_steps, stepping, training
from engine.layers import Dense, Sigmoid
from engine.losses import get_loss
from engine.network import Sequential
from engine.optimizers import get_optimizer
from engine.recurrent import GRU, LSTM, RNN
from tutor.labs.kit.engine_zh import engine_text

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def engine_labels():
    """The labels of one run of every engine iterator a lab steps through."""
    runs = [
        descent.descent_events(lambda x: x * x, 4.0, lr=0.5, halve=True),
        descent.descent_events(lambda x: x ** 4, 3.0, lr=5.0),                   # diverges
        descent.descent_events(lambda x: x * x, 4.0, lr=0.1, max_iterations=3),  # stops early
        descent.descent2d_events(lambda x, y: x * x + 3 * y * y, 1.0, 2.0, lr=0.3, halve=True),
        descent.quadratic_fit_events([0, 1, 2], [1, 2, 5], lr=0.05, steps=3),
        descent.quadratic_fit_events([0, 1, 2], [1, 2, 5], lr=50.0, steps=30),   # diverges
        conv_steps.cnn_events(np.arange(16.0).reshape(4, 4), np.ones((3, 3)), padding="same"),
        backprop_example.events(iterations=2),
        recurrent_steps.sequence_events(RNN(1, 2, output_size=1), np.ones((2, 1))),
        recurrent_steps.sequence_events(LSTM(1, 2), np.ones((2, 1))),
        recurrent_steps.sequence_events(LSTM(1, 2, variant="coupled"), np.ones((1, 1))),
        recurrent_steps.sequence_events(GRU(1, 2), np.ones((1, 1))),
    ]
    net = Sequential([Dense(2, 2, rng=0), Sigmoid()])
    X, T = np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]])
    runs.append(stepping.train_step_events(net, X, T, get_loss("mse"), get_optimizer("sgd", lr=0.5)))
    runs.append(training.fit_events(Sequential([Dense(1, 1, rng=0)]), np.ones((4, 1)), np.ones((4, 1)),
                                    epochs=2))
    runs.append(training.fit_events(Sequential([Dense(1, 1, rng=0)]), np.ones((4, 1)) * 100, np.ones((4, 1)),
                                    optimizer=get_optimizer("sgd", lr=10.0), epochs=50))
    labels = set()
    for run in runs:
        labels.update(e.label for e in run)
    return sorted(labels)


LABELS = engine_labels()


def test_the_runs_cover_every_kind_of_caption():
    text = "\n".join(LABELS)
    for phrase in ("Iteration", "halve", "Diverged at iteration", "Stopped after", "Fitted after",
                   "Window at row", "pool at row", "Flatten", "forward", "backward", "Update W of",
                   "forget gate", "reset gate", "Weights after iteration", "Epoch", "Diverged"):
        assert phrase in text, phrase


@pytest.mark.parametrize("label", LABELS)
def test_each_engine_label_reads_in_chinese_with_its_numbers(label):
    zh = engine_text(label, "zh")
    assert CJK.search(zh), f"no Chinese for {label!r}"
    assert sorted(NUMBER.findall(zh)) == sorted(NUMBER.findall(label))
    assert not re.search(r"\b(the|at|of|after|and|with)\b", zh), zh
    assert engine_text(label, "en") == label


def test_stopping_messages_inside_a_lab_sentence():
    message = "mini-batch 8 stopped after epoch 3: loss change 0.000123 < 0.0001"
    assert engine_text(message, "zh") == "mini-batch 8 第 3 轮后停止：损失变化 0.000123 < 0.0001"
    early = "validation loss has not improved for 5 epochs; kept the weights of epoch 12"
    assert engine_text(early, "zh") == "验证损失已连续 5 轮没有下降；保留第 12 轮的权重"


def test_text_it_does_not_know_is_left_alone():
    assert engine_text("第 3 步：损失 0.1", "zh") == "第 3 步：损失 0.1"
    assert engine_text("Something new 3", "zh") == "Something new 3"


def test_every_module_listed_as_a_lab_is_one():
    from tutor.labs import get_lab, lab_names

    assert "engine-zh" not in lab_names()
    for name in lab_names():
        assert get_lab(name).name == name
