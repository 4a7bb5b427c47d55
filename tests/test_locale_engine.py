"""The engine's words reach the student through the catalogs (issue 16, item 4).

Engine events say their caption as a message (an N_-marked English template)
and values; a training History says why it stopped as a reason and numbers.
Here: every engine iterator a lab steps through is run, every event names a
message the catalogs know with the same placeholders, its English label is
that message filled in, and its caption in each language shows the same
numbers as the English.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest

import engine
from engine import autodiff, backprop_example, conv_steps, descent, recurrent_steps, stepping, training
from engine.events import Event
from engine.expression import parse
from engine.layers import Dense, ReLU, Sigmoid, Softmax
from engine.losses import get_loss
from engine.network import Sequential
from engine.optimizers import SGD, get_optimizer
from engine.recurrent import GRU, LSTM, RNN
from tutor import locale
from tutor.labs import get_lab, lab_names
from tutor.labs.kit.captions import caption, message, stop_reason, stop_text
from tutor.labs.kit.training import diverged_reason
from tutor.locale.extract import uses_in

ENGINE = Path(engine.__file__).parent
MESSAGES = {use.msgid for path in sorted(ENGINE.glob("*.py")) for use in uses_in(path)}
LANGS = [lang for lang in locale.languages() if lang != locale.SOURCE]
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def numbers(text: str) -> list[str]:
    return sorted(NUMBER.findall(text))


def engine_runs():
    """One run of every engine iterator a lab steps through, down every path that ends it."""
    yield descent.descent_events(lambda x: x * x, 4.0, lr=0.5, halve=True)           # converges, halves
    yield descent.descent_events(lambda x: x * x, 4.0, lr=0.1, max_iterations=3)     # out of iterations
    yield descent.descent_events(lambda x: x ** 4, 3.0, lr=5.0)                      # runs off to infinity
    yield descent.descent_events(lambda x: np.log(x), -1.0)                          # f not finite at the start
    yield descent.descent_events(lambda x: np.inf if x > 0 else -x, 0.0)            # gradient not finite
    yield descent.descent_events(abs, 1e11)                                          # x + h = x
    yield descent.descent2d_events(lambda x, y: x * x + 3 * y * y, 1.0, 2.0, lr=0.3, halve=True)
    yield descent.descent2d_events(lambda x, y: np.exp(x * y), 2.0, 2.0, lr=1.0)
    yield descent.quadratic_fit_events([0, 1, 2], [1, 2, 5], lr=0.05, steps=3)
    yield descent.quadratic_fit_events([0, 1, 2], [1, 2, 5], lr=50.0, steps=30)    # diverges
    yield conv_steps.cnn_events(np.arange(16.0).reshape(4, 4), np.ones((3, 3)), padding="same")
    yield conv_steps.cnn_events(np.arange(16.0).reshape(4, 4) - 8, np.ones((3, 3)), relu=True, pool="avg")
    yield [conv_steps.flatten_event(np.ones((1, 1)))]                                # one number
    yield backprop_example.events(iterations=2)
    yield backprop_example.events(iterations=1)       # "Done: 1 iteration", in the singular
    yield autodiff.graph_events(parse("x*y + x", variables=("x", "y")), {"x": 2.0, "y": 3.0})   # x used twice
    yield recurrent_steps.sequence_events(RNN(1, 2, output_size=1), np.ones((2, 1)))
    yield recurrent_steps.sequence_events(LSTM(1, 2, variant="peephole"), np.ones((2, 1)))
    yield recurrent_steps.sequence_events(LSTM(1, 2, variant="coupled"), np.ones((1, 1)))
    yield recurrent_steps.sequence_events(GRU(1, 2), np.ones((1, 1)))
    net = Sequential([Dense(2, 3, rng=0), Sigmoid(), Dense(3, 2, rng=1), ReLU(), Softmax()])
    X, T = np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]])
    yield stepping.train_step_events(net, X, T, get_loss("softmax_ce"), get_optimizer("adam", lr=0.5))
    yield stepping.train_step_events(Sequential([Dense(2, 1, rng=0)]), X * 1e300, np.array([[1e300]]),
                                     get_loss("mse"), get_optimizer("sgd", lr=0.5))   # the loss is not finite
    yield training.fit_events(Sequential([Dense(1, 1, rng=0)]), np.ones((4, 1)), np.ones((4, 1)), epochs=2)
    yield training.fit_events(Sequential([Dense(1, 1, rng=0)]), np.ones((4, 1)) * 100, np.ones((4, 1)),
                              optimizer=get_optimizer("sgd", lr=10.0), epochs=50)     # diverges


with np.errstate(all="ignore"):
    EVENTS = [event for run in engine_runs() for event in run]


def histories():
    """A training run stopped by each rule, and one that blows up."""
    X = np.linspace(-1, 1, 40)[:, None]
    Xv = np.linspace(-1, 1, 10)[:, None]
    runs = {"max_epochs": dict(epochs=3), "grad_norm": dict(epochs=5000, tol_grad=0.05),
            "loss_change": dict(epochs=5000, tol_loss=1e-4), "param_change": dict(epochs=5000, tol_param=1e-3),
            "early_stopping": dict(epochs=500, validation=(Xv, -2 * Xv[:, 0]), patience=4)}
    for reason, options in runs.items():
        yield reason, training.fit(Sequential([Dense(1, 1, rng=0)]), X, 2 * X[:, 0], "mse", SGD(0.1), **options)
    with np.errstate(all="ignore"):
        yield "diverged", training.fit(Sequential([Dense(1, 1, rng=0)]), X, 2 * X[:, 0], "mse", SGD(1e6),
                                       epochs=50, batch_size=10)


HISTORIES = list(histories())


def test_every_engine_event_names_its_message_and_the_label_is_it_filled_in():
    for event in EVENTS:
        assert event.message in MESSAGES, f"{event.label!r}: its message is not marked N_ in engine/"
        assert event.label == event.message.format(**event.args)


def test_the_runs_say_every_caption_the_engine_has():
    said = {event.message for event in EVENTS}
    stops = {part for reason, _ in HISTORIES for part in training.narration(reason)}
    others = {backprop_example.BIASES_NOTE, *descent.DIVERGED_BECAUSE}     # said inside other messages
    assert MESSAGES - said - stops - others == set()


@pytest.mark.parametrize("lang", LANGS)
def test_every_engine_message_is_in_the_catalog_with_the_same_placeholders(lang):
    messages = locale.catalog(lang).messages
    missing = sorted(MESSAGES - set(messages))
    assert not missing, f"engine messages without a {lang} translation: {missing}"
    assert [m for m in MESSAGES if locale.placeholders(m) != locale.placeholders(messages[m])] == []


@pytest.mark.parametrize("lang", LANGS)
def test_each_caption_has_the_numbers_of_the_english_label(lang):
    with locale.using(lang):
        for event in EVENTS:
            shown = caption(event)
            assert numbers(shown) == numbers(event.label), (event.label, shown)
            assert shown != event.label or not re.search(r"[A-Za-z]{3}", event.message), event.label


def test_captions_in_chinese_read_as_chinese():
    with locale.using("zh"):
        for event in EVENTS:
            shown = caption(event)
            assert CJK.search(shown), f"no Chinese for {event.label!r}"
            assert not re.search(r"\b(the|at|of|after|and|with)\b", shown), shown


def test_captions_in_english_are_the_labels_and_the_pseudo_language_marks_them():
    assert [caption(e) for e in EVENTS] == [e.label for e in EVENTS]
    with locale.using(locale.PSEUDO):
        assert all(caption(e) == f"⟦{e.label}⟧" for e in EVENTS)


def test_a_label_a_lab_rewrote_is_shown_as_the_lab_wrote_it():
    event = next(iter(descent.descent_events(lambda x: x * x, 4.0)))
    rewritten = Event(event.kind, "η = 0.1: " + event.label, message=event.message, args=event.args)
    with locale.using("zh"):
        assert caption(event) != event.label
        assert caption(rewritten) == rewritten.label
        assert caption(Event("info", "no message")) == "no message"


@pytest.mark.parametrize("lang", LANGS)
def test_why_a_training_run_stopped_has_the_numbers_of_the_english(lang):
    for reason, history in HISTORIES:
        assert history.stop_reason == reason
        assert stop_text(history) == history.message        # English: the engine's own sentence
        with locale.using(lang):
            said, why = stop_text(history), stop_reason(history)
        assert CJK.search(said) and said.endswith(why), said
        assert numbers(said) == numbers(history.message), (history.message, said)


def test_a_divergence_reason_comes_from_the_run_s_numbers():
    history = HISTORIES[-1][1]
    english = history.message.split(": ", 1)[1]
    assert diverged_reason(history.stop_values) == stop_reason(history) == english
    with locale.using("zh"):
        said = diverged_reason({"epoch": history.stop_values["epoch"], "step": 4})
        assert said == stop_reason(history) and CJK.search(said)
        assert numbers(said) == numbers(english)


def test_a_descent_reason_is_a_message_and_its_diverged_caption_says_it():
    for reason, sentence in descent.DIVERGED_BECAUSE.items():
        assert sentence == "Diverged at iteration {k}: " + reason
    ran_off = descent.descend(lambda x: x ** 4, 3.0, lr=5.0).reason
    with locale.using("zh"):
        assert CJK.search(message(ran_off)) and message(ran_off) != ran_off


def test_no_engine_caption_is_an_f_string():
    # the engine says captions with Event.said and an N_ template; Event(kind, f"...") would skip the catalogs
    for path in sorted(ENGINE.glob("*.py")):
        assert not re.search(r"\bEvent\(\s*\"\w+\",\s*f\"", path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize("name", lab_names())
def test_what_each_lab_steps_through_says_known_messages(name):
    """A lab's run mixes engine events (with a message) and its own (a label in the student's language)."""
    with locale.using("zh"), np.errstate(all="ignore"):
        for event in itertools.islice(get_lab(name)().run(), 400):
            if event.message:
                assert event.message in MESSAGES, (name, event.message)
                shown = caption(event)
                assert numbers(shown) == numbers(event.label) or shown == event.label, (name, event.label)
