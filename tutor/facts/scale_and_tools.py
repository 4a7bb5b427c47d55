"""Checked numbers of lesson scale-and-tools: GPT-3's weights in bytes and
its training compute (≈ 6 N D floating-point operations), the work of one
dense layer, the digits network against a ten-unit one trained the same
way (engine.training.fit), softened teacher outputs for distillation
(engine.activations.softmax at a temperature), and the parameters left to
train when the first layer is frozen (engine.layers.Dense(frozen=...))."""
from functools import lru_cache

import numpy as np

from engine.activations import softmax

GPT3_PARAMS, GPT3_TOKENS = 175e9, 300e9     # Brown et al. (2020): 175 B parameters, 300 B training tokens
GPU_FLOPS = 100e12                          # an accelerator sustaining 100 TFLOP/s
SECONDS_PER_YEAR = 365.25 * 24 * 3600
TEACHER = np.array([4.0, 2.0, 0.0])         # a teacher's logits for three classes


@lru_cache(maxsize=None)
def _digits(hidden):
    """(parameters, test accuracy) of the lesson-17 network with `hidden` units, same data and training."""
    from engine.data import digits, sklearn_split
    from engine.layers import Dense, ReLU
    from engine.network import Sequential
    from engine.optimizers import Adam
    from engine.training import fit

    d = digits()
    Xtr, Xte, ytr, yte = sklearn_split(d.X / 16.0, d.y, test_size=0.2, random_state=42)
    net = Sequential([Dense(64, hidden, rng=0), ReLU(), Dense(hidden, 10, init="xavier", rng=1)])
    fit(net, Xtr, ytr, "softmax_ce", Adam(0.01), epochs=30, batch_size=32, seed=0)
    acc = float(np.mean(np.argmax(net.predict(Xte), axis=1) == yte))
    return net.param_count(), acc


def _frozen_trainable():
    """Parameters an optimizer may change when the first Dense layer is frozen (transfer learning)."""
    from engine.layers import Dense, ReLU
    from engine.network import Sequential

    net = Sequential([Dense(64, 50, rng=0, frozen=("W", "b")), ReLU(), Dense(50, 10, rng=1)])
    return sum(p.size for layer in net.layers for name, p in getattr(layer, "params", {}).items()
               if name not in getattr(layer, "frozen", ()))


@lru_cache(maxsize=None)
def _lab_acc(hidden):
    """The digits lab's final test accuracy with `hidden` units and its other defaults."""
    from tutor.labs.digits import DigitsLab

    return [e.values["test_acc"] for e in DigitsLab(hidden=hidden).run() if "test_acc" in e.values][-1]


def _train_flops():
    return 6 * GPT3_PARAMS * GPT3_TOKENS


FACTS = {
    "sc.gpt3_gb32": lambda: GPT3_PARAMS * 4 / 1e9,
    "sc.gpt3_gb16": lambda: GPT3_PARAMS * 2 / 1e9,
    "sc.gpt3_gpus": lambda: np.ceil(GPT3_PARAMS * 2 / 80e9),          # 80 GB cards just to hold fp16 weights
    "sc.flops_e23": lambda: _train_flops() / 1e23,
    "sc.gpu_years": lambda: _train_flops() / GPU_FLOPS / SECONDS_PER_YEAR,
    "sc.gpu_days_1000": lambda: _train_flops() / (1000 * GPU_FLOPS) / 86400,
    "sc.token_flops_e11": lambda: 2 * GPT3_PARAMS / 1e11,
    "sc.digits_mults": lambda: 64 * 50 + 50 * 10,
    "sc.digits_params": lambda: _digits(50)[0],
    "sc.digits_bytes": lambda: _digits(50)[0] * 4,
    "sc.digits_acc": lambda: _digits(50)[1],
    "sc.small_params": lambda: _digits(10)[0],
    "sc.small_acc": lambda: _digits(10)[1],
    "sc.lenet_bytes": lambda: 61706 * 4,
    "sc.t1_0": lambda: softmax(TEACHER)[0],
    "sc.t1_1": lambda: softmax(TEACHER)[1],
    "sc.t1_2": lambda: softmax(TEACHER)[2],
    "sc.t4_0": lambda: softmax(TEACHER / 4)[0],
    "sc.t4_1": lambda: softmax(TEACHER / 4)[1],
    "sc.t4_2": lambda: softmax(TEACHER / 4)[2],
    "sc.frozen_trainable": _frozen_trainable,
    "sc.lab_small_acc": lambda: _lab_acc(10),
    "sc.lab_tiny_acc": lambda: _lab_acc(5),
    # quiz sc-bytes: 7 billion parameters at 16 bits, in GB (10⁹ bytes)
    "sc.quiz_gb": lambda: 7e9 * 2 / 1e9,
    # quiz sc-temp: logits (2, 0), T = 2 → softmax(1, 0)
    "sc.quiz_t2": lambda: softmax(np.array([2.0, 0.0]) / 2)[0],
    # quiz sc-flops: a 1 B-parameter model on 20 B tokens, in units of 10²⁰ FLOPs
    "sc.quiz_flops": lambda: 6 * 1e9 * 20e9 / 1e20,
    # quiz sc-frozen: 64-50-10 with only the last layer trained, hidden 100 instead
    "sc.quiz_frozen": lambda: 100 * 10 + 10,
}
