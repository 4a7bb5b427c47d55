"""Checked numbers of lesson robustness-and-interpretability, all on the
lesson-17 digits network trained by the engine: FGSM (engine.adversarial.fgsm),
one-pixel changes found by trying every pixel, randomised smoothing and its
certified radius, and exact Shapley values of the four quarters of a digit
(engine.shapley)."""
from functools import lru_cache

import numpy as np

from engine.adversarial import (
    certified_radius,
    fgsm,
    one_pixel_attacks,
    probabilities,
    smoothed_counts,
)
from engine.shapley import shapley_values

EPS_BIG = 0.15
SIGMA, NOISY = 0.25, 1000
ONE_PIXEL_FIRST = 100           # the one-pixel search runs over the first 100 test digits


@lru_cache(maxsize=None)
def digits_net():
    from engine.data import digits, sklearn_split
    from engine.layers import Dense, ReLU
    from engine.network import Sequential
    from engine.optimizers import Adam
    from engine.training import fit

    d = digits()
    Xtr, Xte, ytr, yte = sklearn_split(d.X / 16.0, d.y, test_size=0.2, random_state=42)
    net = Sequential([Dense(64, 50, rng=0), ReLU(), Dense(50, 10, init="xavier", rng=1)])
    fit(net, Xtr, ytr, "softmax_ce", Adam(0.01), epochs=30, batch_size=32, seed=0)
    return net, Xte, yte


def _first():
    net, Xte, yte = digits_net()
    return net, Xte[0], int(yte[0])


@lru_cache(maxsize=None)
def _fgsm():
    """The smallest ε (steps of 0.01) whose FGSM image of the first test digit is read differently."""
    net, x, label = _first()
    p = probabilities(net, x)[0]
    for eps in np.round(np.arange(0.01, 1.0001, 0.01), 2):
        adv = fgsm(net, x, label, eps)
        q = probabilities(net, adv)[0]
        if int(np.argmax(q)) != label:
            return {"label": label, "p": float(p[label]), "eps": float(eps), "new": int(np.argmax(q)),
                    "q": float(q.max()), "q_label": float(q[label]), "l2": float(np.linalg.norm(adv - x)),
                    "adv": adv}
    raise AssertionError("no epsilon up to 1 flips the first test digit")


@lru_cache(maxsize=None)
def _fgsm_at(eps):
    net, x, label = _first()
    q = probabilities(net, fgsm(net, x, label, eps))[0]
    return int(np.argmax(q)), float(q.max())


@lru_cache(maxsize=None)
def _one_pixel():
    """How many of the correctly read digits among the first 100 one pixel (set to 0 or 1) can flip."""
    net, Xte, yte = digits_net()
    right = [i for i in range(ONE_PIXEL_FIRST) if int(np.argmax(probabilities(net, Xte[i])[0])) == yte[i]]
    flippable = [i for i in right if one_pixel_attacks(net, Xte[i])]
    return len(right), len(flippable)


@lru_cache(maxsize=None)
def _smoothed(which):
    net, x, label = _first()
    image = x if which == "clean" else _fgsm()["adv"]
    counts = smoothed_counts(net, image, SIGMA, NOISY, seed=0)
    return int(np.argmax(counts)), int(counts.max()), int(counts[label])


@lru_cache(maxsize=None)
def _quarters():
    """Shapley values of the quarters (top-left, top-right, bottom-left, bottom-right) of the first
    test digit for the probability of its class; a missing quarter is blank (0)."""
    net, x, label = _first()

    def p_label(z):
        m = np.zeros((8, 8))
        m[:4, :4], m[:4, 4:], m[4:, :4], m[4:, 4:] = z
        return probabilities(net, x * m.reshape(64))[0][label]

    return shapley_values(p_label, np.ones(4), np.zeros(4)), float(p_label(np.zeros(4)))


FACTS = {
    "rob.label": lambda: _fgsm()["label"],
    "rob.p": lambda: _fgsm()["p"],
    "rob.eps": lambda: _fgsm()["eps"],
    "rob.eps16": lambda: _fgsm()["eps"] * 16,
    "rob.new": lambda: _fgsm()["new"],
    "rob.q": lambda: _fgsm()["q"],
    "rob.l2": lambda: _fgsm()["l2"],
    "rob.eps_big": lambda: EPS_BIG,
    "rob.new_big": lambda: _fgsm_at(EPS_BIG)[0],
    "rob.q_big": lambda: _fgsm_at(EPS_BIG)[1],
    "rob.op_right": lambda: _one_pixel()[0],
    "rob.op_flip": lambda: _one_pixel()[1],
    "rob.sigma": lambda: SIGMA,
    "rob.noisy": lambda: NOISY,
    "rob.clean_top": lambda: _smoothed("clean")[0],
    "rob.clean_votes": lambda: _smoothed("clean")[1],
    "rob.clean_pa": lambda: _smoothed("clean")[1] / NOISY,
    "rob.radius": lambda: certified_radius(SIGMA, _smoothed("clean")[1] / NOISY),
    "rob.adv_top": lambda: _smoothed("adv")[0],
    "rob.adv_votes": lambda: _smoothed("adv")[1],
    "rob.adv_label_votes": lambda: _smoothed("adv")[2],
    "rob.phi_tl": lambda: _quarters()[0][0],
    "rob.phi_tr": lambda: _quarters()[0][1],
    "rob.phi_bl": lambda: _quarters()[0][2],
    "rob.phi_br": lambda: _quarters()[0][3],
    "rob.phi_sum": lambda: float(_quarters()[0].sum()),
    "rob.p_blank": lambda: _quarters()[1],
    # quiz rob-radius: σ = 0.5, p_A = 0.9772 (Φ⁻¹ = 2.0)
    "rob.quiz_radius": lambda: certified_radius(0.5, 0.9772),
    # quiz rob-fgsm-l2: ε = 0.1 on 64 pixels, none clipped: ‖δ‖₂ = ε √64
    "rob.quiz_l2": lambda: 0.1 * np.sqrt(64),
    # quiz rob-shap: f = 2 x1 − x2 + 3, x = (1, 4), baseline (0, 0): φ2 = −1 · (4 − 0)
    "rob.quiz_phi2": lambda: shapley_values(lambda z: 2 * z[0] - z[1] + 3, np.array([1.0, 4.0]), np.zeros(2))[1],
}
