"""Checked numbers of lesson batches-and-stopping.

A 1-16-1 tanh network learns sin x on 64 evenly spaced points (SGD, η = 0.1)
with full batches, mini-batches of 16 and single examples; the stopping rules
of engine.training.fit end a mini-batch run; early stopping watches a
1-64-64-1 network overfit 20 noisy points of y = x² − 2x + 1.
"""
import math
from functools import lru_cache


def _sine_net():
    from engine.layers import Dense, Tanh
    from engine.network import Sequential

    return Sequential([Dense(1, 16, init="xavier", rng=0), Tanh(), Dense(16, 1, init="xavier", rng=1)])


@lru_cache(maxsize=None)
def _sine(batch_size, epochs=100, **stop):
    from engine.data import sine
    from engine.optimizers import SGD
    from engine.training import fit

    X, y = sine(n=64, seed=0)
    return fit(_sine_net(), X, y, "mse", SGD(0.1), epochs=epochs, batch_size=batch_size, seed=0, **stop)


def _big_net():
    from engine.layers import Dense, Tanh
    from engine.network import Sequential

    return Sequential([Dense(1, 64, init="xavier", rng=0), Tanh(), Dense(64, 64, init="xavier", rng=2), Tanh(),
                       Dense(64, 1, init="xavier", rng=1)])


@lru_cache(maxsize=None)
def _quadratic(**options):
    from engine.data import noisy_quadratic
    from engine.optimizers import Adam
    from engine.training import fit

    X, y = noisy_quadratic(n=20, noise=1.0, seed=0)
    Xv, yv = noisy_quadratic(n=100, noise=1.0, seed=1)
    return fit(_big_net(), X, y, "mse", Adam(0.01), seed=0, validation=(Xv, yv), **options)


FACTS = {
    # steps per epoch on the 1437 training digits of lesson 17
    "bst.steps_full": lambda: math.ceil(1437 / 1437),
    "bst.steps_32": lambda: math.ceil(1437 / 32),
    "bst.steps_1": lambda: math.ceil(1437 / 1),
    # 100 epochs on sin x: steps taken and final training loss
    "bst.full_steps": lambda: _sine(None).steps,
    "bst.full_loss": lambda: _sine(None).train_loss[-1],
    "bst.mini_steps": lambda: _sine(16).steps,
    "bst.mini_loss": lambda: _sine(16).train_loss[-1],
    "bst.sgd_steps": lambda: _sine(1).steps,
    "bst.sgd_loss": lambda: _sine(1).train_loss[-1],
    # stopping rules on the mini-batch run (at most 2000 epochs)
    "bst.tol_loss_epoch": lambda: _sine(16, 2000, tol_loss=1e-5).epochs,
    "bst.tol_grad_epoch": lambda: _sine(16, 2000, tol_grad=1e-2).epochs,
    "bst.tol_param_epoch": lambda: _sine(16, 2000, tol_param=1e-3).epochs,
    # early stopping, patience 50
    "bst.es_best": lambda: _quadratic(epochs=5000, patience=50).best_epoch,
    "bst.es_stop": lambda: _quadratic(epochs=5000, patience=50).epochs,
    "bst.es_val": lambda: min(_quadratic(epochs=5000, patience=50).val_loss),
    "bst.es_train": lambda: _quadratic(epochs=5000, patience=50).train_loss[
        _quadratic(epochs=5000, patience=50).best_epoch - 1],
    # the same network trained 2000 epochs without early stopping
    "bst.long_train": lambda: _quadratic(epochs=2000).train_loss[-1],
    "bst.long_val": lambda: _quadratic(epochs=2000).val_loss[-1],
    # the gradient norm of g = (3, 4)
    "bst.norm34": lambda: math.hypot(3.0, 4.0),
}
