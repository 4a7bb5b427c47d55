"""Each generator's answer, re-derived here independently over 100 seeds.

The checks below use finite differences or the formula written out in the
test — never the engine code the generators call.
"""
import math

import pytest

from tutor.locale import using
from tutor.quiz.generators import GENERATORS
from tutor.quiz.numbers import close_enough

SEEDS = range(100)
NAMES = ("sigmoid_prime tangent_approx gd_step partial_derivative neuron_output network_output "
         "param_count mse_ce softmax_ce_grad momentum_step adam_step conv_output_size conv_value "
         "lstm_forget_gate focal_loss batchnorm_value precision_recall attention_weight tanh_prime "
         "weight_decay_step triplet_loss dilated_output_size recurrent_param_count").split()


def sig(z):
    return 1 / (1 + math.exp(-z))


def diff(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def expected(name, v):
    if name == "sigmoid_prime":
        return diff(sig, v["z"])
    if name == "tanh_prime":
        return diff(math.tanh, v["z"])
    if name == "weight_decay_step":
        penalised = lambda w: v["g"] * w + v["lam"] / 2 * w * w     # the loss, linear near w, plus (λ/2) w²
        return v["w"] - v["lr"] * diff(penalised, v["w"])
    if name == "tangent_approx":
        f = {"sqrt(x)": math.sqrt, "1/x": lambda t: 1 / t, "x^(1/3)": lambda t: t ** (1 / 3)}[v["family"]]
        return f(v["a"]) + diff(f, v["a"]) * v["h"]
    if name == "gd_step":
        f = lambda x: v["a"] * (x - v["c"]) ** 2 + v["d"]
        return v["x0"] - v["lr"] * diff(f, v["x0"])
    if name == "partial_derivative":
        f = lambda x, y: v["a"] * x * x * y + v["b"] * x * y * y + v["c"] * y
        if v["wrt"] == "x":
            return diff(lambda x: f(x, v["y"]), v["x"])
        return diff(lambda y: f(v["x"], y), v["y"])
    if name == "neuron_output":
        u = sum(w * x for w, x in zip(v["w"], v["x"])) + v["b"]
        return {"sigmoid": sig, "tanh": math.tanh, "relu": lambda t: max(t, 0.0)}[v["activation"]](u)
    if name == "network_output":
        h = [sig(sum(w * x for w, x in zip(row, v["x"])) + b) for row, b in zip(v["W1"], v["b1"])]
        return sum(w * t for w, t in zip(v["W2"][0], h)) + v["b2"][0]
    if name == "param_count":
        if v["type"] == "dense":
            s = v["sizes"]
            return sum(s[i] * s[i + 1] + s[i + 1] for i in range(len(s) - 1))
        return v["c_out"] * v["c_in"] * v["k"] ** 2 + v["c_out"]
    if name == "mse_ce":
        t = [1.0 if i == v["target"] else 0.0 for i in range(3)]
        if v["loss"] == "mse":
            return 0.5 * sum((a - b) ** 2 for a, b in zip(v["y"], t))
        return -math.log(v["y"][v["target"]])
    if name == "softmax_ce_grad":
        def loss(zj):
            z = list(v["z"])
            z[v["j"]] = zj
            return -math.log(math.exp(z[v["target"]]) / sum(math.exp(q) for q in z))
        return diff(loss, v["z"][v["j"]])
    if name == "momentum_step":
        vel = v["gamma"] * v["v"] + v["lr"] * v["g"]
        return v["theta"] - vel
    if name == "adam_step":
        t, g = v["t"], v["g"]
        m = 0.9 * v["m"] + 0.1 * g
        s = 0.999 * v["v"] + 0.001 * g * g
        return v["theta"] - v["lr"] * (m / (1 - 0.9 ** t)) / (math.sqrt(s / (1 - 0.999 ** t)) + 1e-8)
    if name == "conv_output_size":
        span = v["m"] + 2 * v["padding"]
        return len([start for start in range(0, span, v["stride"]) if start + v["k"] <= span])
    if name == "conv_value":
        x, w, i, j = v["x"], v["w"], v["i"], v["j"]
        k = len(w)
        return sum(x[i + a][j + b] * w[a][b] for a in range(k) for b in range(k)) + v["b"]
    if name == "lstm_forget_gate":
        return sig(v["wh"] * v["h"] + v["wx"] * v["x"] + v["bf"])
    if name == "focal_loss":
        return -(1 - v["p"]) ** v["gamma"] * math.log(v["p"])
    if name == "batchnorm_value":
        b = v["batch"]
        mu = sum(b) / 4
        var = sum((q - mu) ** 2 for q in b) / 4
        return v["gamma"] * (b[v["i"]] - mu) / math.sqrt(var + 1e-5) + v["beta"]
    if name == "precision_recall":
        precision = v["tp"] / (v["tp"] + v["fp"])
        recall = v["tp"] / (v["tp"] + v["fn"])
        return {"precision": precision, "recall": recall,
                "f1": 2 * precision * recall / (precision + recall)}[v["which"]]
    if name == "attention_weight":
        exps = [math.exp(sum(a * b for a, b in zip(v["q"], k)) / math.sqrt(2)) for k in v["keys"]]
        return exps[v["j"]] / sum(exps)
    if name == "triplet_loss":
        d_ap = sum((x - y) ** 2 for x, y in zip(v["a"], v["p"]))
        d_an = sum((x - y) ** 2 for x, y in zip(v["a"], v["n"]))
        return max(d_ap - d_an + 0.2, 0.0)
    if name == "dilated_output_size":
        span = v["dilation"] * (v["k"] - 1) + 1           # the taps' span, written out again
        return (v["m"] + 2 * v["padding"] - span) // v["stride"] + 1
    if name == "recurrent_param_count":
        gates = 4 if v["kind"] == "lstm" else 3
        return gates * (v["h"] * v["h"] + v["h"] * v["x"] + v["h"])
    raise AssertionError(name)


def test_every_named_generator_exists():
    assert sorted(GENERATORS) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_answers_rederived_over_100_seeds(name):
    make = GENERATORS[name]
    answers = set()
    for seed in SEEDS:
        inst = make(seed)
        want = expected(name, inst.values)
        assert inst.answer == pytest.approx(want, rel=1e-6, abs=1e-6), (seed, inst.values)
        answers.add(round(inst.answer, 6))
        # the student's answer to 3 decimals is accepted; a clearly different one is not
        assert close_enough(round(inst.answer, 3), inst.answer, inst.tol, inst.rtol)
        assert not close_enough(inst.answer + 0.05 + 0.05 * abs(inst.answer), inst.answer, inst.tol, inst.rtol)
        if inst.whole:
            assert inst.answer == int(inst.answer)
    assert len(answers) > 5, "the generator hardly varies"


@pytest.mark.parametrize("name", NAMES)
def test_texts_in_both_languages_with_the_students_numbers(name):
    for seed in range(20):
        inst = GENERATORS[name](seed)
        with using("zh"):
            zh = GENERATORS[name](seed)
        for texts in (inst, zh):
            assert texts.ask.count("$") % 2 == 0 and texts.ask.count("$") >= 2
            assert texts.solution and texts.hint
        assert inst.ask != zh.ask and (inst.answer, inst.values) == (zh.answer, zh.values)
        # the working ends at the answer the student is shown
        shown = inst.answer_text().rstrip("0").rstrip(".")
        assert shown[:5] in inst.solution.replace("−", "-") or f"{inst.answer:.4f}".rstrip("0")[:5] in inst.solution


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_instance(name):
    assert GENERATORS[name](42) == GENERATORS[name](42)
