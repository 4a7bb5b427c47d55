"""Checked numbers of lesson normalisation-and-initialisation.

Initialisation: 1000 standard-normal inputs of width 256 through ten
Dense(256, 256) + ReLU layers (engine.layers, seeded), typical size of the
last layer's output measured as √mean(h²).  Normalisation: one feature's
batch (1, 2, 3, 6) through engine.normalization; clipping through engine.clipping.
"""
import math
from functools import lru_cache

import numpy as np

_BATCH = np.array([[1.0], [2.0], [3.0], [6.0]])
_ROW = np.array([[1.0, 2.0, 3.0, 6.0]])


@lru_cache(maxsize=None)
def _deep_rms(init, depth=10, width=256):
    from engine.layers import Dense, ReLU

    h = np.random.default_rng(0).standard_normal((1000, width))
    for layer in range(depth):
        h = ReLU().forward(Dense(width, width, init=init, rng=layer).forward(h))
    return float(np.sqrt(np.mean(h ** 2)))


@lru_cache(maxsize=None)
def _batchnorm():
    """(x̂ of the batch in training, the running mean and variance after it, x = 6 at inference)."""
    from engine.normalization import BatchNorm

    bn = BatchNorm(1, momentum=0.9)
    train = bn.forward(_BATCH, training=True).ravel()
    mean, var = float(bn.buffers["running_mean"][0]), float(bn.buffers["running_var"][0])
    infer = float(bn.forward(np.array([[6.0]]), training=False)[0, 0])
    return train, mean, var, infer


def _group(i):
    from engine.normalization import GroupNorm

    return float(GroupNorm(4, groups=2).forward(_ROW)[0, i])


def _layer(i):
    from engine.normalization import LayerNorm

    return float(LayerNorm(4).forward(_ROW)[0, i])


def _clip(g, c, i=None):
    from engine.clipping import clip_by_norm

    arrays = [np.array(g, dtype=float)]
    norm, scale = clip_by_norm(arrays, c)
    return {"norm": norm, "scale": scale}[i] if isinstance(i, str) else float(arrays[0][i])


def _bn_value(batch, x, gamma=1.0, beta=0.0):
    from engine.normalization import BatchNorm

    bn = BatchNorm(1)
    bn.params["gamma"][...] = gamma
    bn.params["beta"][...] = beta
    out = bn.forward(np.array(batch, dtype=float).reshape(-1, 1), training=True).ravel()
    return float(out[list(batch).index(x)])


FACTS = {
    # page 1: the variance argument, and ten ReLU layers of width 256
    "ni.xavier_var": lambda: 2 / (256 + 256),
    "ni.he_var": lambda: 2 / 256,
    "ni.xavier_gain": lambda: 256 * (2 / 512) * 0.5,       # n_in · Var(w) · ½ per ReLU layer
    "ni.he_gain": lambda: 256 * (2 / 256) * 0.5,
    "ni.xavier_theory": lambda: 0.5 ** (10 / 2),            # √(½^10)
    "ni.xavier_rms": lambda: _deep_rms("xavier"),
    "ni.he_rms": lambda: _deep_rms("he"),
    # page 2: batch norm
    "ni.mu": lambda: float(_BATCH.mean()),
    "ni.var": lambda: float(_BATCH.var()),
    "ni.xh1": lambda: float(_batchnorm()[0][0]),
    "ni.xh2": lambda: float(_batchnorm()[0][1]),
    "ni.xh3": lambda: float(_batchnorm()[0][2]),
    "ni.xh4": lambda: float(_batchnorm()[0][3]),
    "ni.run_mean": lambda: _batchnorm()[1],
    "ni.run_var": lambda: _batchnorm()[2],
    "ni.infer6": lambda: _batchnorm()[3],
    # page 3: layer norm and group norm of one example
    "ni.ln4": lambda: _layer(3),
    "ni.gn1": lambda: _group(0),
    "ni.gn2": lambda: _group(1),
    "ni.gn3": lambda: _group(2),
    "ni.gn4": lambda: _group(3),
    # page 4: clipping
    "ni.clip_norm": lambda: _clip([3, 4], 1.0, "norm"),
    "ni.clip_scale": lambda: _clip([3, 4], 1.0, "scale"),
    "ni.clip_g1": lambda: _clip([3, 4], 1.0, 0),
    "ni.clip_g2": lambda: _clip([3, 4], 1.0, 1),
    "ni.noclip_scale": lambda: _clip([0.3, 0.4], 1.0, "scale"),
    # the quiz
    "ni.q_he": lambda: 2 / 512,
    "ni.q_bn": lambda: _bn_value([2, 4, 6, 8], 8),
    "ni.q_bn_var": lambda: float(np.var([2, 4, 6, 8])),
    "ni.q_clip": lambda: _clip([6, 8], 5.0, 0),
    "ni.q_clip_norm": lambda: _clip([6, 8], 5.0, "norm"),
    "ni.q_gain": lambda: 0.5 ** 10,
    "ni.q_sqrt": lambda: math.sqrt(5.0),
}
