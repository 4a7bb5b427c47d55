"""Training: batch modes, seeded runs, stopping rules, history, divergence."""
import warnings

import numpy as np
import pytest

from engine.layers import Dense, ReLU, Tanh
from engine.losses import SoftmaxCrossEntropy
from engine.network import Sequential
from engine.optimizers import SGD, Adam
from engine.training import STOP_TEXT, evaluate, fit, fit_events, iter_fit, narrate, train_step


def blobs(n=120, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    centres = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])
    return centres[y] + rng.normal(0, 0.7, (n, 2)), y


def small_net(seed=0, out=3):
    return Sequential([Dense(2, 8, rng=seed), Tanh(), Dense(8, out, rng=seed + 1)])


@pytest.mark.parametrize("batch_size", ["full", 16, "stochastic"], ids=["full", "mini", "stochastic"])
def test_each_batch_mode_learns_blobs(batch_size):
    X, y = blobs()
    net = small_net()
    lr = 0.5 if batch_size == "full" else 0.05
    history = fit(net, X, y, "softmax_ce", SGD(lr), epochs=40, batch_size=batch_size)
    steps_per_epoch = {"full": 1, 16: 8, "stochastic": 120}[batch_size]
    assert history.steps == 40 * steps_per_epoch
    assert history.train_loss[-1] < history.train_loss[0]
    assert evaluate(net, X, y, "softmax_ce")[1] > 0.95
    assert len(history.train_loss) == len(history.train_acc) == history.epochs == 40
    assert history.stop_reason == "max_epochs"


def test_same_seed_same_run_other_seed_other_run():
    X, y = blobs()
    runs = [fit(small_net(), X, y, "softmax_ce", SGD(0.05), epochs=3, batch_size=10, seed=s).train_loss
            for s in (1, 1, 2)]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


def test_validation_history_and_split():
    X, y = blobs()
    h = fit(small_net(), X, y, "softmax_ce", Adam(0.05), epochs=5, batch_size=20, validation_split=0.25)
    assert len(h.val_loss) == len(h.val_acc) == 5
    assert all(0 <= a <= 1 for a in h.val_acc)
    Xv, yv = blobs(30, seed=9)
    h = fit(small_net(), X, y, "softmax_ce", Adam(0.05), epochs=5, validation=(Xv, yv))
    assert len(h.val_loss) == 5


def test_regression_has_no_accuracy():
    X = np.linspace(-1, 1, 40)[:, None]
    h = fit(Sequential([Dense(1, 8, rng=0), Tanh(), Dense(8, 1, rng=1)]), X, X[:, 0] ** 2, "mse", SGD(0.1), epochs=3)
    assert h.train_acc == [None, None, None]


def test_stop_on_small_loss_change():
    X, y = blobs()
    h = fit(small_net(), X, y, "softmax_ce", SGD(0.5), epochs=5000, tol_loss=1e-4)
    assert h.stop_reason == "loss_change" and h.epochs < 5000
    assert abs(h.train_loss[-1] - h.train_loss[-2]) < 1e-4
    assert abs(h.train_loss[-2] - h.train_loss[-3]) >= 1e-4


def test_stop_on_small_gradient_and_small_parameter_change():
    X, y = blobs()
    h = fit(small_net(), X, y, "softmax_ce", SGD(0.5), epochs=5000, tol_grad=0.05)
    assert h.stop_reason == "grad_norm" and h.grad_norm[-1] < 0.05 <= h.grad_norm[-2]
    h = fit(small_net(), X, y, "softmax_ce", SGD(0.5), epochs=5000, tol_param=1e-3)
    assert h.stop_reason == "param_change" and h.epochs < 5000


def test_early_stopping_restores_the_best_weights():
    X, y = blobs()
    Xv, yv = blobs(60, seed=3)
    yv = (yv + 1) % 3                       # a validation set that disagrees: its loss rises
    net = small_net()
    h = fit(net, X, y, "softmax_ce", SGD(0.5), epochs=500, validation=(Xv, yv), patience=4)
    assert h.stop_reason == "early_stopping"
    assert h.epochs == h.best_epoch + 4
    assert evaluate(net, Xv, yv, "softmax_ce")[0] == pytest.approx(min(h.val_loss))


def test_huge_learning_rate_stops_with_a_diverged_report():
    X = np.linspace(-3, 3, 50)[:, None]
    net = Sequential([Dense(1, 16, rng=0), ReLU(), Dense(16, 1, rng=1)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")              # no overflow warnings leak out
        h = fit(net, X, 5 * X[:, 0], "mse", SGD(1e6), epochs=100, batch_size=10)
    assert h.diverged and h.stop_reason == "diverged"
    assert h.diverged_at["step"] >= 1 and h.diverged_at["epoch"] >= 1
    assert f"step {h.diverged_at['step']}" in h.message
    assert all(np.isfinite(v) for v in h.train_loss)
    assert all(np.all(np.isfinite(p)) for _, _, p in net.parameters())
    events = list(fit_events(Sequential([Dense(1, 16, rng=0), ReLU(), Dense(16, 1, rng=1)]),
                             X, 5 * X[:, 0], "mse", SGD(1e6), epochs=100, batch_size=10))
    assert events[-1].kind == "diverged" and events[-1].values["step"] == h.diverged_at["step"]


def test_fit_events_end_with_done():
    X, y = blobs()
    events = list(fit_events(small_net(), X, y, "softmax_ce", SGD(0.5), epochs=3))
    assert [e.kind for e in events] == ["info", "info", "info", "done"]
    assert events[-1].values["reason"] == "max_epochs"


def test_iter_fit_yields_once_per_epoch():
    X, y = blobs()
    seen = [h.epochs for h in iter_fit(small_net(), X, y, "softmax_ce", SGD(0.5), epochs=4)]
    assert seen == [1, 2, 3, 4]


def test_traced_and_plain_steps_agree_and_plain_builds_no_events(monkeypatch):
    X, y = blobs(10)
    T = np.eye(3)[y]
    a, b = small_net(), small_net()
    events = []
    ea = train_step(a, X, T, SoftmaxCrossEntropy(), SGD(0.1), trace=events.append)
    import engine.events

    def forbidden(*args, **kwargs):
        raise AssertionError("an event was built with tracing off")

    monkeypatch.setattr(engine.events.Event, "__init__", forbidden)
    eb = train_step(b, X, T, SoftmaxCrossEntropy(), SGD(0.1))
    assert ea == pytest.approx(eb) and len(events) > 0
    for (_, _, pa), (_, _, pb) in zip(a.parameters(), b.parameters()):
        assert np.allclose(pa, pb)
    fit(b, X, y, "softmax_ce", SGD(0.1), epochs=2, batch_size=4)


def test_bad_input_gives_clear_errors():
    X, y = blobs()
    with pytest.raises(ValueError, match="rows"):
        fit(small_net(), X, y[:-1], "softmax_ce")
    with pytest.raises(ValueError, match="validation"):
        fit(small_net(), X, y, "softmax_ce", patience=3)
    with pytest.raises(ValueError, match="inf or nan"):
        fit(small_net(), np.full((4, 2), np.nan), np.zeros(4), "softmax_ce")


def test_a_loss_that_grows_a_million_fold_is_a_divergence_before_it_overflows():
    # Full-batch SGD with a rate far past 2/λ_max on a line fit: the loss grows
    # geometrically; without the blow-up rule the run "finished" at ~1e280.
    X = np.linspace(-3, 3, 50)[:, None]
    net = Sequential([Dense(1, 1, rng=0)])
    h = fit(net, X, 2 * X[:, 0], "mse", SGD(5.0), epochs=200, batch_size="full")
    assert h.diverged
    assert all(v <= 1e6 * max(h.train_loss[0], 1.0) for v in h.train_loss)
    assert h.epochs < 200


def test_a_first_epoch_that_already_blew_up_is_not_the_yardstick():
    # Mini-batches at a huge rate: the loss explodes within epoch 1, so epoch 1's mean
    # (1e20 and more) must not be what later epochs are compared with; the first
    # batch's loss, before any update, is.
    X = np.linspace(-3, 3, 64)[:, None]
    net = Sequential([Dense(1, 1, rng=0)])
    h = fit(net, X, 2 * X[:, 0], "mse", SGD(3.0), epochs=20, batch_size=8)
    assert h.diverged and h.diverged_at["epoch"] == 1
    assert h.first_loss is not None and np.isfinite(h.first_loss) and h.first_loss < 100


def test_a_loss_that_merely_rises_a_little_is_not_a_divergence():
    X = np.linspace(-3, 3, 50)[:, None]
    net = Sequential([Dense(1, 1, rng=0)])
    h = fit(net, X, 2 * X[:, 0], "mse", SGD(0.05), epochs=50, batch_size="full")
    assert not h.diverged and h.train_loss[-1] < h.train_loss[0]


def test_why_a_run_stopped_is_a_reason_and_numbers_and_the_words_come_from_them():
    # the loop decides (stop_reason, stop_values); narrate() alone turns them into words
    X, y = blobs()
    Xv, yv = blobs(60, seed=3)
    runs = {
        "max_epochs": dict(epochs=3),
        "grad_norm": dict(epochs=5000, tol_grad=0.05),
        "loss_change": dict(epochs=5000, tol_loss=1e-4),
        "param_change": dict(epochs=5000, tol_param=1e-3),
        "early_stopping": dict(epochs=500, validation=(Xv, (yv + 1) % 3), patience=4),
    }
    for reason, options in runs.items():
        h = fit(small_net(), X, y, "softmax_ce", SGD(0.5), **options)
        assert h.stop_reason == reason
        assert h.stop_values["epoch"] == h.epochs
        assert h.message == narrate(reason, h.stop_values)
    assert h.stop_values == {"epoch": h.epochs, "patience": 4, "best_epoch": h.best_epoch}
    assert h.message == (f"stopped after epoch {h.epochs}: validation loss has not improved for 4 epochs; "
                         f"kept the weights of epoch {h.best_epoch}")
    X1 = np.linspace(-3, 3, 50)[:, None]
    h = fit(Sequential([Dense(1, 16, rng=0), ReLU(), Dense(16, 1, rng=1)]), X1, 5 * X1[:, 0], "mse", SGD(1e6),
            epochs=100, batch_size=10)
    assert h.stop_values == h.diverged_at and h.message == narrate("diverged", h.stop_values)
    assert set(STOP_TEXT) == set(runs) | {"diverged"}
