"""Named generators: a fresh exercise for each student, answered by the engine.

`GENERATORS[name](seed) -> Instance`.  The seed comes from the student and the
question id (tutor.quiz.seeding), so a student sees the same numbers when
they come back, and the worked solution uses *their* numbers.  Every answer
is computed by the engine (activations, losses, layers, optimizers, conv,
the expression parser); the tests re-derive each one independently.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from engine import activations, conv, losses, optimizers
from engine.expression import parse
from engine.layers import Dense

# Answers are asked to 3 decimals; we accept that rounding (or truncation), or 0.5 % relative.
TOL, RTOL = 6e-4, 5e-3


@dataclass(frozen=True)
class Instance:
    ask: dict                   # {"en": ..., "zh": ...}, with $…$ math
    answer: float
    solution: dict              # the working, with the student's own numbers
    values: dict = field(default_factory=dict)   # the numbers drawn (tests re-derive from these)
    tol: float | None = TOL
    rtol: float | None = RTOL
    hint: dict | None = None
    whole: bool = False         # the answer is a whole number (compared exactly)

    def ask_in(self, lang: str) -> str:
        return self.ask.get(lang) or self.ask["en"]

    def solution_in(self, lang: str) -> str:
        return self.solution.get(lang) or self.solution["en"]

    def hint_in(self, lang: str) -> str:
        return (self.hint or {}).get(lang) or (self.hint or {}).get("en", "")

    def answer_text(self) -> str:
        return str(int(round(self.answer))) if self.whole else f"{self.answer:.4f}"


def n(x: float, digits: int = 4) -> str:
    """A number in a formula: whole numbers plainly, others with up to `digits` decimals."""
    x = float(x)
    if abs(x - round(x)) < 1e-12:
        return str(int(round(x)))
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def p(x: float, digits: int = 4) -> str:
    """A number put into a formula: negatives in parentheses."""
    text = n(x, digits)
    return f"({text})" if text.startswith("-") else text


def poly(terms) -> str:
    """a x^2y + b xy^2 + c y written the way a person would: 2x^2y - xy^2 + 3y."""
    out = ""
    for coef, name in terms:
        if coef == 0:
            continue
        size = n(abs(coef))
        body = (size if size != "1" or not name else "") + name
        if not out:
            out = ("-" if coef < 0 else "") + body
        else:
            out += (" - " if coef < 0 else " + ") + body
    return out or "0"


DECIMALS = {"en": " Give 3 decimals.", "zh": "结果保留 3 位小数。"}


def _both(en: str, zh: str, decimals: bool = True) -> dict:
    if decimals:
        return {"en": en + DECIMALS["en"], "zh": zh + DECIMALS["zh"]}
    return {"en": en, "zh": zh}


def _pick(rng: np.random.Generator, low: float, high: float, step: float = 0.1, nonzero: bool = False) -> float:
    """A 'nice' number: a multiple of `step` in [low, high]."""
    k = np.arange(round(low / step), round(high / step) + 1)
    if nonzero:
        k = k[k != 0]
    return round(float(rng.choice(k)) * step, 10)


GENERATORS: dict[str, Callable[[int], Instance]] = {}


def generator(fn: Callable[[np.random.Generator], Instance]) -> Callable[[int], Instance]:
    def make(seed: int) -> Instance:
        return fn(np.random.default_rng(seed))

    make.__name__ = make.__qualname__ = fn.__name__
    make.__doc__ = fn.__doc__
    GENERATORS[fn.__name__] = make
    return make


# ---------------------------------------------------------------------------

@generator
def sigmoid_prime(rng) -> Instance:
    """σ′(z) = σ(z)(1 − σ(z)) at a given z."""
    z = _pick(rng, -3, 3, 0.1)
    s = float(activations.sigmoid(z))
    d = float(activations.sigmoid_prime(z))
    return Instance(
        ask=_both(rf"The sigmoid is $\sigma(z) = \frac{{1}}{{1 + e^{{-z}}}}$. Compute $\sigma'(z)$ at $z = {n(z)}$.",
                  rf"Sigmoid 函数 $\sigma(z) = \frac{{1}}{{1 + e^{{-z}}}}$。求 $z = {n(z)}$ 处的 $\sigma'(z)$。"),
        answer=d,
        solution={
            "en": rf"$\sigma({n(z)}) = {n(s)}$, and $\sigma' = \sigma(1-\sigma) = {n(s)} \times {n(1 - s)} = {n(d)}$.",
            "zh": rf"$\sigma({n(z)}) = {n(s)}$，所以 $\sigma' = \sigma(1-\sigma) = {n(s)} \times {n(1 - s)} = {n(d)}$。",
        },
        hint={"en": r"Use $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$.",
              "zh": r"利用 $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$。"},
        values={"z": z},
    )


_TANGENT_FAMILIES = (
    # (f as typed, f' as typed, LaTeX of f(x), base points)
    ("sqrt(x)", "1/(2*sqrt(x))", r"\sqrt{{{x}}}", (4, 9, 16, 25, 36, 49, 64, 81, 100)),
    ("1/x", "-1/x^2", r"\frac{{1}}{{{x}}}", (1, 2, 4, 5, 10)),
    ("x^(1/3)", "1/(3*x^(2/3))", r"\sqrt[3]{{{x}}}", (8, 27, 64, 125)),
)


@generator
def tangent_approx(rng) -> Instance:
    """f(a + h) ≈ f(a) + f′(a)·h, with the tangent at a point where f is easy."""
    family = int(rng.integers(len(_TANGENT_FAMILIES)))
    f_text, df_text, latex, bases = _TANGENT_FAMILIES[family]
    a = float(rng.choice(bases))
    h = _pick(rng, -0.2, 0.2, 0.01, nonzero=True)
    f, df = parse(f_text, ("x",)), parse(df_text, ("x",))
    fa, dfa = f(x=a), df(x=a)
    approx = fa + dfa * h
    fx = latex.format(x=n(a + h))
    fa_tex = latex.format(x=n(a))
    return Instance(
        ask=_both(rf"Estimate ${fx}$ with the tangent line at $x = {n(a)}$ (the linear approximation $f(a+h) \approx f(a) + f'(a)\,h$).",
                  rf"用 $x = {n(a)}$ 处的切线（线性近似 $f(a+h) \approx f(a) + f'(a)\,h$）估计 ${fx}$。"),
        answer=approx,
        solution={
            "en": rf"$f(a) = {fa_tex} = {n(fa)}$, $f'(a) = {n(dfa, 6)}$, $h = {n(h)}$, so ${fx} \approx {n(fa)} + {p(dfa, 6)} \times {p(h)} = {n(approx, 6)}$.",
            "zh": rf"$f(a) = {fa_tex} = {n(fa)}$，$f'(a) = {n(dfa, 6)}$，$h = {n(h)}$，所以 ${fx} \approx {n(fa)} + {p(dfa, 6)} \times {p(h)} = {n(approx, 6)}$。",
        },
        hint={"en": "Write the number as a + h with a easy, then use f(a) + f'(a)·h.",
              "zh": "把这个数写成 a + h（a 容易计算），再用 f(a) + f'(a)·h。"},
        values={"family": f_text, "a": a, "h": h},
    )


@generator
def gd_step(rng) -> Instance:
    """One gradient-descent step x₁ = x₀ − η f′(x₀) on f(x) = a(x − c)² + d."""
    a = float(rng.choice([0.5, 1, 2, 3]))
    c = float(rng.integers(-3, 4))
    d = float(rng.integers(0, 5))
    x0 = _pick(rng, -4, 4, 0.5)
    lr = float(rng.choice([0.05, 0.1, 0.2, 0.25, 0.3]))
    df = parse(f"2*{a}*(x - ({c}))", ("x",))
    g = df(x=x0)
    x1 = x0 - lr * g
    inner = "x" if c == 0 else rf"(x {'-' if c > 0 else '+'} {n(abs(c))})"
    square = f"{inner}^2"
    if a != 1:
        square = rf"{n(a)}{square}"
    f_tex = square + (rf" + {n(d)}" if d else "")
    return Instance(
        ask=_both(rf"Gradient descent on $f(x) = {f_tex}$ starts at $x_0 = {n(x0)}$ with learning rate $\eta = {n(lr)}$. What is $x_1$ after one step?",
                  rf"在 $f(x) = {f_tex}$ 上做梯度下降，起点 $x_0 = {n(x0)}$，学习率 $\eta = {n(lr)}$。走一步后 $x_1$ 是多少？"),
        answer=x1,
        solution={
            "en": rf"$f'(x) = {n(2 * a)}{inner}$, so $f'({n(x0)}) = {n(g)}$ and $x_1 = x_0 - \eta f'(x_0) = {n(x0)} - {n(lr)} \times {p(g)} = {n(x1)}$.",
            "zh": rf"$f'(x) = {n(2 * a)}{inner}$，所以 $f'({n(x0)}) = {n(g)}$，$x_1 = x_0 - \eta f'(x_0) = {n(x0)} - {n(lr)} \times {p(g)} = {n(x1)}$。",
        },
        hint={"en": r"Differentiate first; the step is $x_1 = x_0 - \eta f'(x_0)$.",
              "zh": r"先求导；一步为 $x_1 = x_0 - \eta f'(x_0)$。"},
        values={"a": a, "c": c, "d": d, "x0": x0, "lr": lr},
    )


@generator
def partial_derivative(rng) -> Instance:
    """∂f/∂x or ∂f/∂y of f(x, y) = a x² y + b x y² + c y at a point."""
    a, b, c = (int(rng.choice([-3, -2, -1, 1, 2, 3])) for _ in range(3))
    x0, y0 = (int(rng.integers(-3, 4)) for _ in range(2))
    wrt = "x" if rng.random() < 0.5 else "y"
    f_tex = poly([(a, "x^2y"), (b, "xy^2"), (c, "y")])
    if wrt == "x":
        d_text, d_tex = f"2*{a}*x*y + {b}*y^2", poly([(2 * a, "xy"), (b, "y^2")])
    else:
        d_text, d_tex = f"{a}*x^2 + 2*{b}*x*y + {c}", poly([(a, "x^2"), (2 * b, "xy"), (c, "")])
    value = parse(d_text, ("x", "y"))(x=x0, y=y0)
    return Instance(
        ask=_both(rf"Let $f(x, y) = {f_tex}$. Compute $\frac{{\partial f}}{{\partial {wrt}}}$ at $(x, y) = ({x0}, {y0})$.",
                  rf"设 $f(x, y) = {f_tex}$。求 $\frac{{\partial f}}{{\partial {wrt}}}$ 在 $(x, y) = ({x0}, {y0})$ 处的值。",
                  decimals=False),
        answer=value,
        solution={
            "en": rf"Treat the other variable as a constant: $\frac{{\partial f}}{{\partial {wrt}}} = {d_tex}$; at $({x0}, {y0})$ this is ${n(value)}$.",
            "zh": rf"把另一个变量看作常数：$\frac{{\partial f}}{{\partial {wrt}}} = {d_tex}$；在 $({x0}, {y0})$ 处等于 ${n(value)}$。",
        },
        hint={"en": f"Hold the other variable fixed and differentiate with respect to {wrt} only.",
              "zh": f"把另一个变量当作常数，只对 {wrt} 求导。"},
        values={"a": a, "b": b, "c": c, "x": x0, "y": y0, "wrt": wrt},
        tol=1e-9, rtol=None, whole=True,
    )


_ACTIVATIONS = {"sigmoid": activations.sigmoid, "tanh": activations.tanh, "relu": activations.relu}
_ACT_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}"}


@generator
def neuron_output(rng) -> Instance:
    """y = f(w·x + b) for one neuron with three inputs."""
    x = [_pick(rng, -2, 2, 0.5) for _ in range(3)]
    w = [_pick(rng, -1, 1, 0.1) for _ in range(3)]
    b = _pick(rng, -1, 1, 0.1)
    act = str(rng.choice(list(_ACTIVATIONS)))
    layer = Dense(3, 1, W=[w], b=[b])
    u = float(layer.forward(np.array([x]))[0, 0])
    y = float(_ACTIVATIONS[act](u))
    terms = " + ".join(f"{p(wi)} \\cdot {p(xi)}" for wi, xi in zip(w, x))
    f = _ACT_TEX[act]
    return Instance(
        ask=_both(rf"A neuron has weights $w = ({', '.join(n(v) for v in w)})$, bias $b = {n(b)}$ and activation ${f}$. "
                  rf"What is its output for the input $x = ({', '.join(n(v) for v in x)})$?",
                  rf"一个神经元的权重 $w = ({', '.join(n(v) for v in w)})$，偏置 $b = {n(b)}$，激活函数 ${f}$。"
                  rf"输入 $x = ({', '.join(n(v) for v in x)})$ 时输出是多少？"),
        answer=y,
        solution={
            "en": rf"$u = w \cdot x + b = {terms} + {p(b)} = {n(u)}$, then $y = {f}({n(u)}) = {n(y)}$.",
            "zh": rf"$u = w \cdot x + b = {terms} + {p(b)} = {n(u)}$，然后 $y = {f}({n(u)}) = {n(y)}$。",
        },
        hint={"en": "First the weighted sum u = w·x + b, then the activation.",
              "zh": "先算加权和 u = w·x + b，再过激活函数。"},
        values={"x": x, "w": w, "b": b, "activation": act},
    )


@generator
def network_output(rng) -> Instance:
    """A 2-2-1 network: sigmoid hidden layer, linear output."""
    x = [_pick(rng, -1, 1, 0.5) for _ in range(2)]
    W1 = [[_pick(rng, -1, 1, 0.1) for _ in range(2)] for _ in range(2)]
    b1 = [_pick(rng, -0.5, 0.5, 0.1) for _ in range(2)]
    W2 = [[_pick(rng, -1, 1, 0.1) for _ in range(2)]]
    b2 = [_pick(rng, -0.5, 0.5, 0.1)]
    hidden, out = Dense(2, 2, W=W1, b=b1), Dense(2, 1, W=W2, b=b2)
    u1 = hidden.forward(np.array([x]))
    h = activations.sigmoid(u1)
    y = float(out.forward(h)[0, 0])
    u1, h = u1[0], h[0]
    mat = lambda M: r"\begin{pmatrix}" + r" \\ ".join(" & ".join(n(v) for v in row) for row in M) + r"\end{pmatrix}"
    vec = lambda v: "(" + ", ".join(n(t) for t in v) + ")"
    ask_en = (rf"A network has a hidden layer $h = \sigma(W_1 x + b_1)$ with $W_1 = {mat(W1)}$, $b_1 = {vec(b1)}$, "
              rf"and a linear output $y = W_2 h + b_2$ with $W_2 = {mat(W2)}$, $b_2 = {n(b2[0])}$. Compute $y$ for $x = {vec(x)}$.")
    ask_zh = (rf"一个网络的隐藏层为 $h = \sigma(W_1 x + b_1)$，其中 $W_1 = {mat(W1)}$，$b_1 = {vec(b1)}$；"
              rf"输出层为线性 $y = W_2 h + b_2$，$W_2 = {mat(W2)}$，$b_2 = {n(b2[0])}$。求输入 $x = {vec(x)}$ 时的 $y$。")
    parts = (rf"$u_1 = W_1 x + b_1 = {vec(u1)}$", rf"$h = \sigma(u_1) = {vec(h)}$",
             rf"$y = {p(W2[0][0])} \cdot {n(h[0])} + {p(W2[0][1])} \cdot {n(h[1])} + {p(b2[0])} = {n(y)}$")
    return Instance(
        ask=_both(ask_en, ask_zh),
        answer=y,
        solution={"en": ", ".join(parts) + ".", "zh": "，".join(parts) + "。"},
        hint={"en": "Layer by layer: u₁ = W₁x + b₁, h = σ(u₁), then y = W₂h + b₂.",
              "zh": "一层一层算：u₁ = W₁x + b₁，h = σ(u₁)，再算 y = W₂h + b₂。"},
        values={"x": x, "W1": W1, "b1": b1, "W2": W2, "b2": b2},
    )


@generator
def param_count(rng) -> Instance:
    """Weights plus biases of a small MLP, or of one convolution layer."""
    if rng.random() < 0.6:
        sizes = [int(rng.choice([2, 3, 4, 8, 10, 16, 64, 784]))] + \
                [int(rng.choice([3, 4, 5, 8, 16, 32, 100])) for _ in range(int(rng.integers(1, 3)))] + \
                [int(rng.choice([1, 2, 3, 10]))]
        layers = [Dense(a, b) for a, b in zip(sizes, sizes[1:])]
        counts = [layer.param_count() for layer in layers]
        total = sum(counts)
        arrows = r" \to ".join(map(str, sizes))
        parts = " + ".join(rf"({a}\cdot{b} + {b})" for a, b in zip(sizes, sizes[1:]))
        ask = _both(rf"A fully connected network has layer sizes ${arrows}$ (inputs first). How many parameters (weights and biases) does it have?",
                    rf"一个全连接网络的各层大小为 ${arrows}$（从输入开始）。它共有多少个参数（权重和偏置）？", decimals=False)
        sol = {"en": rf"Each layer has in·out weights and out biases: ${parts} = {total}$.",
               "zh": rf"每层有 输入数·输出数 个权重和 输出数 个偏置：${parts} = {total}$。"}
        values = {"type": "dense", "sizes": sizes}
    else:
        c_in, c_out = int(rng.choice([1, 3, 8, 16])), int(rng.choice([4, 8, 16, 32]))
        k = int(rng.choice([1, 3, 5]))
        total = conv.Conv2D(c_in, c_out, k).param_count()
        ask = _both(rf"A convolution layer takes ${c_in}$ input channels to ${c_out}$ output channels with ${k}\times{k}$ kernels (one bias per output channel). How many parameters does it have?",
                    rf"一个卷积层把 ${c_in}$ 个输入通道变为 ${c_out}$ 个输出通道，卷积核 ${k}\times{k}$（每个输出通道一个偏置）。它有多少个参数？", decimals=False)
        sol = {"en": rf"$C_{{out}} \cdot C_{{in}} \cdot K^2 + C_{{out}} = {c_out}\cdot{c_in}\cdot{k * k} + {c_out} = {total}$.",
               "zh": rf"$C_{{out}} \cdot C_{{in}} \cdot K^2 + C_{{out}} = {c_out}\cdot{c_in}\cdot{k * k} + {c_out} = {total}$。"}
        values = {"type": "conv", "c_in": c_in, "c_out": c_out, "k": k}
    return Instance(ask=ask, answer=float(total), solution=sol, values=values, tol=0.0, rtol=None, whole=True,
                    hint={"en": "Count weights (inputs × outputs) and biases (one per output) layer by layer.",
                          "zh": "逐层数：权重（输入数 × 输出数）加偏置（每个输出一个）。"})


@generator
def mse_ce(rng) -> Instance:
    """MSE (with the ½) or cross-entropy of one prediction against a one-hot target."""
    raw = rng.uniform(0.05, 1.0, size=3)
    y = np.round(raw / raw.sum(), 2)
    y[-1] = round(1.0 - y[0] - y[1], 2)
    if y.min() <= 0:
        y = np.array([0.2, 0.3, 0.5])
    k = int(rng.integers(3))
    t = losses.one_hot([k], 3)
    which = "mse" if rng.random() < 0.5 else "ce"
    yv = [n(v) for v in y]
    tv = [n(v) for v in t[0]]
    if which == "mse":
        value = losses.MSE().value(y[None, :], t)
        terms = " + ".join(f"({a} - {b})^2" for a, b in zip(yv, tv))
        ask_en = rf"The network predicts $\hat y = ({', '.join(yv)})$; the target is $t = ({', '.join(tv)})$. Compute the squared error $E = \tfrac12 \sum_k (\hat y_k - t_k)^2$."
        ask_zh = rf"网络预测 $\hat y = ({', '.join(yv)})$，目标 $t = ({', '.join(tv)})$。求平方误差 $E = \tfrac12 \sum_k (\hat y_k - t_k)^2$。"
        work = rf"$E = \tfrac12[{terms}] = {n(value)}$"
    else:
        value = losses.CategoricalCrossEntropy().value(y[None, :], t)
        ask_en = rf"The network predicts $\hat y = ({', '.join(yv)})$; the target is $t = ({', '.join(tv)})$. Compute the cross-entropy $E = -\sum_k t_k \ln \hat y_k$."
        ask_zh = rf"网络预测 $\hat y = ({', '.join(yv)})$，目标 $t = ({', '.join(tv)})$。求交叉熵 $E = -\sum_k t_k \ln \hat y_k$。"
        work = rf"Only the true class counts: $E = -\ln {yv[k]} = {n(value)}$"
    return Instance(
        ask=_both(ask_en, ask_zh), answer=float(value),
        solution={"en": work + ".", "zh": work.replace("Only the true class counts: ", "只有正确类别那一项不为零：") + "。"},
        hint={"en": "Write out each term with the numbers; for cross-entropy only the term with t = 1 survives.",
              "zh": "把每一项代入数字；交叉熵只剩 t = 1 的那一项。"},
        values={"y": [float(v) for v in y], "target": k, "loss": which},
    )


@generator
def softmax_ce_grad(rng) -> Instance:
    """∂E/∂z_j = softmax(z)_j − t_j for softmax + cross-entropy."""
    z = np.array([_pick(rng, -2, 2, 0.5) for _ in range(3)])
    k = int(rng.integers(3))
    j = int(rng.integers(3))
    t = losses.one_hot([k], 3)
    grad = losses.SoftmaxCrossEntropy().grad(z[None, :], t)[0]
    s = activations.softmax(z)
    zs = ", ".join(n(v) for v in z)
    return Instance(
        ask=_both(rf"Logits $z = ({zs})$ go through softmax, and the loss is cross-entropy with the true class {k + 1} (of 3). Compute $\frac{{\partial E}}{{\partial z_{j + 1}}}$.",
                  rf"logits $z = ({zs})$ 经过 softmax，损失为交叉熵，正确类别是第 {k + 1} 类（共 3 类）。求 $\frac{{\partial E}}{{\partial z_{j + 1}}}$。"),
        answer=float(grad[j]),
        solution={
            "en": rf"For softmax with cross-entropy $\frac{{\partial E}}{{\partial z}} = \hat y - t$. $\hat y = \mathrm{{softmax}}(z) = ({', '.join(n(v) for v in s)})$, $t_{j + 1} = {int(t[0, j])}$, so the answer is ${n(s[j])} - {int(t[0, j])} = {n(grad[j])}$.",
            "zh": rf"softmax 加交叉熵时 $\frac{{\partial E}}{{\partial z}} = \hat y - t$。$\hat y = \mathrm{{softmax}}(z) = ({', '.join(n(v) for v in s)})$，$t_{j + 1} = {int(t[0, j])}$，所以答案是 ${n(s[j])} - {int(t[0, j])} = {n(grad[j])}$。",
        },
        hint={"en": "The gradient of softmax + cross-entropy with respect to the logits is ŷ − t.",
              "zh": "softmax 加交叉熵对 logits 的梯度就是 ŷ − t。"},
        values={"z": [float(v) for v in z], "target": k, "j": j},
    )


@generator
def momentum_step(rng) -> Instance:
    """v ← γv + ηg, θ ← θ − v (the engine's Momentum)."""
    theta0, v0 = _pick(rng, -2, 2, 0.1), _pick(rng, -0.5, 0.5, 0.05)
    g = _pick(rng, -3, 3, 0.1, nonzero=True)
    gamma = float(rng.choice([0.5, 0.8, 0.9]))
    lr = float(rng.choice([0.01, 0.05, 0.1, 0.2]))
    opt = optimizers.Momentum(lr=lr, gamma=gamma)
    theta = np.array([theta0])
    opt.state["w"] = (np.array([v0]),)
    opt.begin_step()
    opt.update("w", theta, np.array([g]))
    v1 = float(opt.state["w"][0][0])
    new = float(theta[0])
    return Instance(
        ask=_both(rf"Momentum: $v \leftarrow \gamma v + \eta g$, $\theta \leftarrow \theta - v$. With $\theta = {n(theta0)}$, $v = {n(v0)}$, gradient $g = {n(g)}$, $\gamma = {n(gamma)}$ and $\eta = {n(lr)}$, what is the new $\theta$?",
                  rf"动量法：$v \leftarrow \gamma v + \eta g$，$\theta \leftarrow \theta - v$。已知 $\theta = {n(theta0)}$，$v = {n(v0)}$，梯度 $g = {n(g)}$，$\gamma = {n(gamma)}$，$\eta = {n(lr)}$。更新后的 $\theta$ 是多少？"),
        answer=new,
        solution={
            "en": rf"$v = {n(gamma)} \times {p(v0)} + {n(lr)} \times {p(g)} = {n(v1)}$, then $\theta = {n(theta0)} - {p(v1)} = {n(new)}$.",
            "zh": rf"$v = {n(gamma)} \times {p(v0)} + {n(lr)} \times {p(g)} = {n(v1)}$，然后 $\theta = {n(theta0)} - {p(v1)} = {n(new)}$。",
        },
        hint={"en": "Update the velocity first, then subtract it from θ.",
              "zh": "先更新速度 v，再从 θ 中减去它。"},
        values={"theta": theta0, "v": v0, "g": g, "gamma": gamma, "lr": lr},
    )


@generator
def adam_step(rng) -> Instance:
    """One Adam step at step t ≥ 2 from given moments (the engine's Adam)."""
    t = int(rng.integers(2, 4))
    theta0 = _pick(rng, -2, 2, 0.1)
    b1, b2, eps = 0.9, 0.999, 1e-8
    # The moments come from t − 1 earlier gradients, so (m, v) is a state Adam
    # can really be in at step t (v is about 0.001·g², not an arbitrary number).
    m0 = v0 = 0.0
    for _ in range(t - 1):
        earlier = _pick(rng, -2, 2, 0.1, nonzero=True)
        m0, v0 = b1 * m0 + (1 - b1) * earlier, b2 * v0 + (1 - b2) * earlier ** 2
    m0, v0 = round(m0, 4), round(v0, 6)
    g = _pick(rng, -2, 2, 0.1, nonzero=True)
    lr = float(rng.choice([0.01, 0.05, 0.1]))
    opt = optimizers.Adam(lr=lr, beta1=b1, beta2=b2, eps=eps)
    theta = np.array([theta0])
    opt.state["w"] = (np.array([m0]), np.array([v0]))
    opt.t = t - 1
    opt.begin_step()
    opt.update("w", theta, np.array([g]))
    m1, v1 = float(opt.state["w"][0][0]), float(opt.state["w"][1][0])
    mh, vh = m1 / (1 - b1 ** t), v1 / (1 - b2 ** t)
    new = float(theta[0])
    return Instance(
        ask=_both(rf"Adam with $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = 10^{{-8}}$, $\eta = {n(lr)}$ is at step $t = {t}$. "
                  rf"Before it, $\theta = {n(theta0)}$, $m = {n(m0)}$, $v = {n(v0, 6)}$; the new gradient is $g = {n(g)}$. "
                  r"With $m \leftarrow \beta_1 m + (1-\beta_1) g$, $v \leftarrow \beta_2 v + (1-\beta_2) g^2$, $\hat m = m/(1-\beta_1^t)$, $\hat v = v/(1-\beta_2^t)$ and $\theta \leftarrow \theta - \eta\,\hat m/(\sqrt{\hat v} + \epsilon)$, what is the new $\theta$?",
                  rf"Adam 的 $\beta_1 = 0.9$，$\beta_2 = 0.999$，$\epsilon = 10^{{-8}}$，$\eta = {n(lr)}$，现在是第 $t = {t}$ 步。"
                  rf"更新前 $\theta = {n(theta0)}$，$m = {n(m0)}$，$v = {n(v0, 6)}$；新的梯度 $g = {n(g)}$。"
                  r"按 $m \leftarrow \beta_1 m + (1-\beta_1) g$，$v \leftarrow \beta_2 v + (1-\beta_2) g^2$，$\hat m = m/(1-\beta_1^t)$，$\hat v = v/(1-\beta_2^t)$，$\theta \leftarrow \theta - \eta\,\hat m/(\sqrt{\hat v} + \epsilon)$，更新后的 $\theta$ 是多少？"),
        answer=new,
        solution={
            "en": rf"$m = {n(m1, 6)}$, $v = {n(v1, 6)}$, $\hat m = {n(mh, 6)}$, $\hat v = {n(vh, 6)}$, step $\eta\,\hat m/\sqrt{{\hat v}} = {n(lr)} \times {p(mh, 6)} / {n(np.sqrt(vh), 6)} = {n(theta0 - new, 6)}$, so $\theta = {n(new)}$.",
            "zh": rf"$m = {n(m1, 6)}$，$v = {n(v1, 6)}$，$\hat m = {n(mh, 6)}$，$\hat v = {n(vh, 6)}$，步长 $\eta\,\hat m/\sqrt{{\hat v}} = {n(lr)} \times {p(mh, 6)} / {n(np.sqrt(vh), 6)} = {n(theta0 - new, 6)}$，所以 $\theta = {n(new)}$。",
        },
        hint={"en": "Update m and v, correct both for bias with the powers β^t, then take the step.",
              "zh": "先更新 m 和 v，用 β 的 t 次方做偏差修正，再走一步。"},
        values={"t": t, "theta": theta0, "m": m0, "v": v0, "g": g, "lr": lr},
    )


@generator
def conv_output_size(rng) -> Instance:
    """floor((M + 2P − K)/S) + 1."""
    m = int(rng.choice([5, 6, 7, 8, 10, 12, 28, 32, 64, 224]))
    k = int(rng.choice([1, 3, 5, 7]))
    while k > m:
        k = 3
    pad = int(rng.integers(0, (k - 1) // 2 + 2))
    stride = int(rng.choice([1, 1, 2, 2, 3]))
    size = conv.output_size(m, k, pad, stride)
    return Instance(
        ask=_both(rf"An input of size ${m}\times{m}$ is convolved with a ${k}\times{k}$ kernel, padding $P = {pad}$ and stride $S = {stride}$. How wide is the output?",
                  rf"${m}\times{m}$ 的输入与 ${k}\times{k}$ 的卷积核做卷积，填充 $P = {pad}$，步幅 $S = {stride}$。输出的宽度是多少？", decimals=False),
        answer=float(size),
        solution={
            "en": rf"$\lfloor (M + 2P - K)/S \rfloor + 1 = \lfloor ({m} + {2 * pad} - {k})/{stride} \rfloor + 1 = {(m + 2 * pad - k) // stride} + 1 = {size}$.",
            "zh": rf"$\lfloor (M + 2P - K)/S \rfloor + 1 = \lfloor ({m} + {2 * pad} - {k})/{stride} \rfloor + 1 = {(m + 2 * pad - k) // stride} + 1 = {size}$。",
        },
        hint={"en": "Use ⌊(M + 2P − K)/S⌋ + 1.", "zh": "用 ⌊(M + 2P − K)/S⌋ + 1。"},
        values={"m": m, "k": k, "padding": pad, "stride": stride},
        tol=0.0, rtol=None, whole=True,
    )


@generator
def conv_value(rng) -> Instance:
    """One output value of a valid convolution (cross-correlation) with a small kernel."""
    size, k = 4, int(rng.choice([2, 3]))
    x = rng.integers(0, 4, size=(size, size))
    w = rng.integers(-1, 2, size=(k, k))
    b = int(rng.integers(-1, 2))
    layer = conv.Conv2D(1, 1, k)
    layer.params["W"][...] = w.reshape(1, 1, k, k)
    layer.params["b"][...] = b
    out = layer.forward(x.reshape(1, 1, size, size).astype(float))[0, 0]
    rows = out.shape[0]
    i, j = int(rng.integers(rows)), int(rng.integers(rows))
    value = float(out[i, j])
    mat = lambda M: r"\begin{pmatrix}" + r" \\ ".join(" & ".join(str(int(v)) for v in row) for row in M) + r"\end{pmatrix}"
    patch = x[i:i + k, j:j + k]
    terms = " + ".join(f"{int(a)}\\cdot{p(int(c))}" for a, c in zip(patch.ravel(), w.ravel()))
    return Instance(
        ask=_both(rf"Slide the kernel $K = {mat(w)}$ (no flipping, stride 1, no padding, bias $b = {b}$) over $X = {mat(x)}$. "
                  rf"What is the output in row {i + 1}, column {j + 1}?",
                  rf"用卷积核 $K = {mat(w)}$（不翻转，步幅 1，无填充，偏置 $b = {b}$）在 $X = {mat(x)}$ 上滑动。"
                  rf"输出第 {i + 1} 行第 {j + 1} 列的值是多少？", decimals=False),
        answer=value,
        solution={
            "en": rf"The window starts at row {i + 1}, column {j + 1}: ${mat(patch)}$. Multiply element by element and add: ${terms} + {p(b)} = {n(value)}$.",
            "zh": rf"窗口从第 {i + 1} 行第 {j + 1} 列开始：${mat(patch)}$。逐元素相乘再相加：${terms} + {p(b)} = {n(value)}$。",
        },
        hint={"en": "Lay the kernel over the window that starts at that row and column, multiply matching entries, add them and the bias.",
              "zh": "把卷积核放在从该行该列开始的窗口上，对应元素相乘后求和，再加偏置。"},
        values={"x": x.tolist(), "w": w.tolist(), "b": b, "i": i, "j": j},
        tol=1e-9, rtol=None, whole=True,
    )


@generator
def lstm_forget_gate(rng) -> Instance:
    """f_t = σ(W_f [h_{t−1}, x_t] + b_f) for a one-unit LSTM with one input."""
    from engine.recurrent import LSTM

    wh, wx = _pick(rng, -1, 1, 0.1), _pick(rng, -1, 1, 0.1)
    bf = _pick(rng, -1, 1, 0.1)
    h_prev, x = _pick(rng, -1, 1, 0.1), _pick(rng, -2, 2, 0.5)
    cell = LSTM(1, 1)
    cell.params["W_f"][...] = [[wh, wx]]          # columns: [h_{t-1}, x_t]
    cell.params["b_f"][...] = [bf]
    hx = np.array([[h_prev, x]])
    u = float(cell._pre("f", hx)[0, 0])            # the gate's weighted sum, as the cell computes it
    f = float(activations.sigmoid(u))
    return Instance(
        ask=_both(rf"An LSTM cell has one unit and one input. Its forget gate is $f_t = \sigma(W_f [h_{{t-1}}, x_t] + b_f)$ with $W_f = ({n(wh)}, {n(wx)})$ and $b_f = {n(bf)}$. "
                  rf"With $h_{{t-1}} = {n(h_prev)}$ and $x_t = {n(x)}$, what is $f_t$?",
                  rf"一个 LSTM 单元只有一个隐藏单元和一个输入。遗忘门 $f_t = \sigma(W_f [h_{{t-1}}, x_t] + b_f)$，其中 $W_f = ({n(wh)}, {n(wx)})$，$b_f = {n(bf)}$。"
                  rf"已知 $h_{{t-1}} = {n(h_prev)}$，$x_t = {n(x)}$，求 $f_t$。"),
        answer=f,
        solution={
            "en": rf"$W_f[h_{{t-1}}, x_t] + b_f = {p(wh)} \cdot {p(h_prev)} + {p(wx)} \cdot {p(x)} + {p(bf)} = {n(u)}$, so $f_t = \sigma({n(u)}) = {n(f)}$: the cell keeps about {round(100 * f)}% of its old memory.",
            "zh": rf"$W_f[h_{{t-1}}, x_t] + b_f = {p(wh)} \cdot {p(h_prev)} + {p(wx)} \cdot {p(x)} + {p(bf)} = {n(u)}$，所以 $f_t = \sigma({n(u)}) = {n(f)}$：单元保留约 {round(100 * f)}% 的旧记忆。",
        },
        hint={"en": r"The weighted sum of $h_{t-1}$ and $x_t$ plus the bias, then the sigmoid.",
              "zh": r"先算 $h_{t-1}$ 与 $x_t$ 的加权和加偏置，再取 sigmoid。"},
        values={"wh": wh, "wx": wx, "bf": bf, "h": h_prev, "x": x},
    )
