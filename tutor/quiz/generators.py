"""Named generators: a fresh exercise for each student, answered by the engine.

`GENERATORS[name](seed) -> Instance`.  The seed comes from the student and the
question id (tutor.quiz.seeding), so a student sees the same numbers when
they come back, and the worked solution uses *their* numbers.  Every answer
is computed by the engine (activations, losses, layers, optimizers, conv,
the expression parser); the tests re-derive each one independently.

The texts are in the student's language (tutor.locale) when the generator
runs, which is when a sitting poses its questions.  A message's LaTeX keeps
its braces doubled (`\frac{{1}}{{2}}`): single braces are the placeholders.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from engine import activations, conv, losses, optimizers
from engine.expression import parse
from engine.layers import Dense
from tutor.locale import t

# Answers are asked to 3 decimals; we accept that rounding (or truncation), or 0.5 % relative.
TOL, RTOL = 6e-4, 5e-3


@dataclass(frozen=True)
class Instance:
    ask: str                    # the question, with $…$ math
    answer: float
    solution: str               # the working, with the student's own numbers
    values: dict = field(default_factory=dict)   # the numbers drawn (tests re-derive from these)
    tol: float | None = TOL
    rtol: float | None = RTOL
    hint: str = ""
    whole: bool = False         # the answer is a whole number (compared exactly)

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


def _decimals(question: str) -> str:
    """The question, asking for the answer to 3 decimals (see TOL)."""
    return t("{question} Give 3 decimals.", question=question)


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
        ask=_decimals(t(r"The sigmoid is $\sigma(z) = \frac{{1}}{{1 + e^{{-z}}}}$. Compute $\sigma'(z)$ at $z = {z}$.",
                        z=n(z))),
        answer=d,
        solution=t(r"$\sigma({z}) = {s}$, and $\sigma' = \sigma(1-\sigma) = {s} \times {rest} = {d}$.",
                   z=n(z), s=n(s), rest=n(1 - s), d=n(d)),
        hint=t(r"Use $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$."),
        values={"z": z},
    )


@generator
def tanh_prime(rng) -> Instance:
    """tanh′(z) = 1 − tanh²(z) at a given z (the RNN lesson's activation)."""
    z = _pick(rng, -2, 2, 0.1)
    th = float(activations.tanh(z))
    d = float(activations.tanh_prime(z))
    return Instance(
        ask=_decimals(t(r"An RNN's hidden state is $h = \tanh(z)$. Compute $\tanh'(z)$ at $z = {z}$.", z=n(z))),
        answer=d,
        solution=t(r"$\tanh({z}) = {th}$, and $\tanh' = 1 - \tanh^2 = 1 - {th_p}^2 = {d}$.",
                   z=n(z), th=n(th), th_p=p(th), d=n(d)),
        hint=t(r"Use $\tanh'(z) = 1 - \tanh^2(z)$: compute $\tanh(z)$ first."),
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
        ask=_decimals(t(r"Estimate ${fx}$ with the tangent line at $x = {a}$ "
                        r"(the linear approximation $f(a+h) \approx f(a) + f'(a)\,h$).", fx=fx, a=n(a))),
        answer=approx,
        solution=t(r"$f(a) = {fa_tex} = {fa}$, $f'(a) = {dfa}$, $h = {h}$, "
                   r"so ${fx} \approx {fa} + {dfa_p} \times {h_p} = {approx}$.",
                   fa_tex=fa_tex, fa=n(fa), dfa=n(dfa, 6), h=n(h), fx=fx, dfa_p=p(dfa, 6), h_p=p(h),
                   approx=n(approx, 6)),
        hint=t("Write the number as a + h with a easy, then use f(a) + f′(a)·h."),
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
        ask=_decimals(t(r"Gradient descent on $f(x) = {f}$ starts at $x_0 = {x0}$ with learning rate $\eta = {lr}$. "
                        r"What is $x_1$ after one step?", f=f_tex, x0=n(x0), lr=n(lr))),
        answer=x1,
        solution=t(r"$f'(x) = {df}$, so $f'({x0}) = {g}$ and $x_1 = x_0 - \eta f'(x_0) = {x0} - {lr} \times {g_p} = {x1}$.",
                   df=n(2 * a) + inner, x0=n(x0), g=n(g), lr=n(lr), g_p=p(g), x1=n(x1)),
        hint=t(r"Differentiate first; the step is $x_1 = x_0 - \eta f'(x_0)$."),
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
        ask=t(r"Let $f(x, y) = {f}$. Compute $\frac{{\partial f}}{{\partial {wrt}}}$ at $(x, y) = ({x}, {y})$.",
              f=f_tex, wrt=wrt, x=x0, y=y0),
        answer=value,
        solution=t(r"Treat the other variable as a constant: $\frac{{\partial f}}{{\partial {wrt}}} = {derivative}$; "
                   r"at $({x}, {y})$ this is ${value}$.", wrt=wrt, derivative=d_tex, x=x0, y=y0, value=n(value)),
        hint=t("Hold the other variable fixed and differentiate with respect to {wrt} only.", wrt=wrt),
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
        ask=_decimals(t(r"A neuron has weights $w = ({w})$, bias $b = {b}$ and activation ${f}$. "
                        r"What is its output for the input $x = ({x})$?",
                        w=", ".join(n(v) for v in w), b=n(b), f=f, x=", ".join(n(v) for v in x))),
        answer=y,
        solution=t(r"$u = w \cdot x + b = {terms} + {b_p} = {u}$, then $y = {f}({u}) = {y}$.",
                   terms=terms, b_p=p(b), u=n(u), f=f, y=n(y)),
        hint=t("First the weighted sum u = w·x + b, then the activation."),
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
    vec = lambda v: "(" + ", ".join(n(value) for value in v) + ")"
    return Instance(
        ask=_decimals(t(r"A network has a hidden layer $h = \sigma(W_1 x + b_1)$ with $W_1 = {W1}$, $b_1 = {b1}$, "
                        r"and a linear output $y = W_2 h + b_2$ with $W_2 = {W2}$, $b_2 = {b2}$. Compute $y$ for $x = {x}$.",
                        W1=mat(W1), b1=vec(b1), W2=mat(W2), b2=n(b2[0]), x=vec(x))),
        answer=y,
        solution=t(r"$u_1 = W_1 x + b_1 = {u1}$, $h = \sigma(u_1) = {h}$, "
                   r"$y = {w1} \cdot {h1} + {w2} \cdot {h2} + {b2} = {y}$.",
                   u1=vec(u1), h=vec(h), w1=p(W2[0][0]), h1=n(h[0]), w2=p(W2[0][1]), h2=n(h[1]), b2=p(b2[0]), y=n(y)),
        hint=t("Layer by layer: u₁ = W₁x + b₁, h = σ(u₁), then y = W₂h + b₂."),
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
        ask = t(r"A fully connected network has layer sizes ${arrows}$ (inputs first). "
                r"How many parameters (weights and biases) does it have?", arrows=arrows)
        sol = t(r"Each layer has in·out weights and out biases: ${parts} = {total}$.", parts=parts, total=total)
        values = {"type": "dense", "sizes": sizes}
    else:
        c_in, c_out = int(rng.choice([1, 3, 8, 16])), int(rng.choice([4, 8, 16, 32]))
        k = int(rng.choice([1, 3, 5]))
        total = conv.Conv2D(c_in, c_out, k).param_count()
        ask = t(r"A convolution layer takes ${c_in}$ input channels to ${c_out}$ output channels with ${k}\times{k}$ "
                r"kernels (one bias per output channel). How many parameters does it have?", c_in=c_in, c_out=c_out, k=k)
        sol = t(r"$C_{{out}} \cdot C_{{in}} \cdot K^2 + C_{{out}} = {c_out}\cdot{c_in}\cdot{k2} + {c_out} = {total}$.",
                c_out=c_out, c_in=c_in, k2=k * k, total=total)
        values = {"type": "conv", "c_in": c_in, "c_out": c_out, "k": k}
    return Instance(ask=ask, answer=float(total), solution=sol, values=values, tol=0.0, rtol=None, whole=True,
                    hint=t("Count weights (inputs × outputs) and biases (one per output) layer by layer."))


@generator
def mse_ce(rng) -> Instance:
    """MSE (with the ½) or cross-entropy of one prediction against a one-hot target."""
    raw = rng.uniform(0.05, 1.0, size=3)
    y = np.round(raw / raw.sum(), 2)
    y[-1] = round(1.0 - y[0] - y[1], 2)
    if y.min() <= 0:
        y = np.array([0.2, 0.3, 0.5])
    k = int(rng.integers(3))
    target = losses.one_hot([k], 3)
    which = "mse" if rng.random() < 0.5 else "ce"
    yv = [n(v) for v in y]
    tv = [n(v) for v in target[0]]
    shown = dict(y_hat=", ".join(yv), target=", ".join(tv))
    if which == "mse":
        value = losses.MSE().value(y[None, :], target)
        terms = " + ".join(f"({a} - {b})^2" for a, b in zip(yv, tv))
        ask = t(r"The network predicts $\hat y = ({y_hat})$; the target is $t = ({target})$. "
                r"Compute the squared error $E = \tfrac12 \sum_k (\hat y_k - t_k)^2$.", **shown)
        work = t(r"$E = \tfrac12[{terms}] = {E}$.", terms=terms, E=n(value))
    else:
        value = losses.CategoricalCrossEntropy().value(y[None, :], target)
        ask = t(r"The network predicts $\hat y = ({y_hat})$; the target is $t = ({target})$. "
                r"Compute the cross-entropy $E = -\sum_k t_k \ln \hat y_k$.", **shown)
        work = t(r"Only the true class counts: $E = -\ln {y_true} = {E}$.", y_true=yv[k], E=n(value))
    return Instance(
        ask=_decimals(ask), answer=float(value), solution=work,
        hint=t("Write out each term with the numbers; for cross-entropy only the term with t = 1 survives."),
        values={"y": [float(v) for v in y], "target": k, "loss": which},
    )


@generator
def softmax_ce_grad(rng) -> Instance:
    """∂E/∂z_j = softmax(z)_j − t_j for softmax + cross-entropy."""
    z = np.array([_pick(rng, -2, 2, 0.5) for _ in range(3)])
    k = int(rng.integers(3))
    j = int(rng.integers(3))
    target = losses.one_hot([k], 3)
    grad = losses.SoftmaxCrossEntropy().grad(z[None, :], target)[0]
    s = activations.softmax(z)
    zs = ", ".join(n(v) for v in z)
    return Instance(
        ask=_decimals(t(r"Logits $z = ({z})$ go through softmax, and the loss is cross-entropy with the true class "
                        r"{true_class} (of 3). Compute $\frac{{\partial E}}{{\partial z_{j}}}$.",
                        z=zs, true_class=k + 1, j=j + 1)),
        answer=float(grad[j]),
        solution=t(r"For softmax with cross-entropy $\frac{{\partial E}}{{\partial z}} = \hat y - t$. "
                   r"$\hat y = \mathrm{{softmax}}(z) = ({y_hat})$, $t_{j} = {t_j}$, "
                   r"so the answer is ${y_j} - {t_j} = {grad}$.",
                   y_hat=", ".join(n(v) for v in s), j=j + 1, t_j=int(target[0, j]), y_j=n(s[j]), grad=n(grad[j])),
        hint=t("The gradient of softmax + cross-entropy with respect to the logits is ŷ − t."),
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
        ask=_decimals(t(r"Momentum: $v \leftarrow \gamma v + \eta g$, $\theta \leftarrow \theta - v$. "
                        r"With $\theta = {theta}$, $v = {v}$, gradient $g = {g}$, $\gamma = {gamma}$ and $\eta = {lr}$, "
                        r"what is the new $\theta$?", theta=n(theta0), v=n(v0), g=n(g), gamma=n(gamma), lr=n(lr))),
        answer=new,
        solution=t(r"$v = {gamma} \times {v_p} + {lr} \times {g_p} = {v}$, then $\theta = {theta} - {v_p_new} = {new}$.",
                   gamma=n(gamma), v_p=p(v0), lr=n(lr), g_p=p(g), v=n(v1), theta=n(theta0), v_p_new=p(v1), new=n(new)),
        hint=t("Update the velocity first, then subtract it from θ."),
        values={"theta": theta0, "v": v0, "g": g, "gamma": gamma, "lr": lr},
    )


@generator
def weight_decay_step(rng) -> Instance:
    """w ← w − η(g + λw): one gradient-descent step with L2 regularisation (the engine's SGD, weight_decay)."""
    w0 = _pick(rng, -3, 3, 0.1, nonzero=True)
    g = _pick(rng, -2, 2, 0.1)
    lr = float(rng.choice([0.05, 0.1, 0.2, 0.5]))
    lam = float(rng.choice([0.01, 0.05, 0.1, 0.2]))
    theta = np.array([w0])
    opt = optimizers.SGD(lr=lr, weight_decay=lam)
    opt.begin_step()
    opt.update("w", theta, np.array([g]))
    new = float(theta[0])
    return Instance(
        ask=_decimals(t(r"L2 regularisation: $w \leftarrow w - \eta\,(g + \lambda w)$. With $w = {w}$, "
                        r"gradient of the loss $g = {g}$, $\eta = {lr}$ and $\lambda = {lam}$, what is the new $w$?",
                        w=n(w0), g=n(g), lr=n(lr), lam=n(lam))),
        answer=new,
        solution=t(r"$w = (1 - \eta\lambda)\,w - \eta g = {shrink} \times {w_p} - {lr} \times {g_p} = {new}$.",
                   shrink=n(1 - lr * lam), w_p=p(w0), lr=n(lr), g_p=p(g), new=n(new)),
        hint=t(r"The penalty adds $\lambda w$ to the gradient: every step also shrinks $w$ by the factor "
               r"$1 - \eta\lambda$."),
        values={"w": w0, "g": g, "lr": lr, "lam": lam},
    )


@generator
def adam_step(rng) -> Instance:
    """One Adam step at step t ≥ 2 from given moments (the engine's Adam)."""
    step = int(rng.integers(2, 4))
    theta0 = _pick(rng, -2, 2, 0.1)
    b1, b2, eps = 0.9, 0.999, 1e-8
    # The moments come from t − 1 earlier gradients, so (m, v) is a state Adam
    # can really be in at step t (v is about 0.001·g², not an arbitrary number).
    m0 = v0 = 0.0
    for _ in range(step - 1):
        earlier = _pick(rng, -2, 2, 0.1, nonzero=True)
        m0, v0 = b1 * m0 + (1 - b1) * earlier, b2 * v0 + (1 - b2) * earlier ** 2
    m0, v0 = round(m0, 4), round(v0, 6)
    g = _pick(rng, -2, 2, 0.1, nonzero=True)
    lr = float(rng.choice([0.01, 0.05, 0.1]))
    opt = optimizers.Adam(lr=lr, beta1=b1, beta2=b2, eps=eps)
    theta = np.array([theta0])
    opt.state["w"] = (np.array([m0]), np.array([v0]))
    opt.t = step - 1
    opt.begin_step()
    opt.update("w", theta, np.array([g]))
    m1, v1 = float(opt.state["w"][0][0]), float(opt.state["w"][1][0])
    mh, vh = m1 / (1 - b1 ** step), v1 / (1 - b2 ** step)
    new = float(theta[0])
    return Instance(
        ask=_decimals(t(r"Adam with $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = 10^{{-8}}$, $\eta = {lr}$ "
                        r"is at step $t = {t}$. Before it, $\theta = {theta}$, $m = {m}$, $v = {v}$; "
                        r"the new gradient is $g = {g}$. "
                        r"With $m \leftarrow \beta_1 m + (1-\beta_1) g$, $v \leftarrow \beta_2 v + (1-\beta_2) g^2$, "
                        r"$\hat m = m/(1-\beta_1^t)$, $\hat v = v/(1-\beta_2^t)$ and "
                        r"$\theta \leftarrow \theta - \eta\,\hat m/(\sqrt{{\hat v}} + \epsilon)$, what is the new $\theta$?",
                        lr=n(lr), t=step, theta=n(theta0), m=n(m0), v=n(v0, 6), g=n(g))),
        answer=new,
        solution=t(r"$m = {m}$, $v = {v}$, $\hat m = {m_hat}$, $\hat v = {v_hat}$, "
                   r"step $\eta\,\hat m/\sqrt{{\hat v}} = {lr} \times {m_hat_p} / {root} = {step}$, so $\theta = {theta}$.",
                   m=n(m1, 6), v=n(v1, 6), m_hat=n(mh, 6), v_hat=n(vh, 6), lr=n(lr), m_hat_p=p(mh, 6),
                   root=n(np.sqrt(vh), 6), step=n(theta0 - new, 6), theta=n(new)),
        hint=t("Update m and v, correct both for bias with the powers β^t, then take the step."),
        values={"t": step, "theta": theta0, "m": m0, "v": v0, "g": g, "lr": lr},
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
        ask=t(r"An input of size ${m}\times{m}$ is convolved with a ${k}\times{k}$ kernel, padding $P = {pad}$ "
              r"and stride $S = {stride}$. How wide is the output?", m=m, k=k, pad=pad, stride=stride),
        answer=float(size),
        solution=t(r"$\lfloor (M + 2P - K)/S \rfloor + 1 = \lfloor ({m} + {two_p} - {k})/{stride} \rfloor + 1 "
                   r"= {quotient} + 1 = {size}$.",
                   m=m, two_p=2 * pad, k=k, stride=stride, quotient=(m + 2 * pad - k) // stride, size=size),
        hint=t("Use ⌊(M + 2P − K)/S⌋ + 1."),
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
        ask=t(r"Slide the kernel $K = {K}$ (no flipping, stride 1, no padding, bias $b = {b}$) over $X = {X}$. "
              r"What is the output $y_{{{row},{column}}}$ (rows and columns count from 0: $y_{{0,0}}$ is the top-left "
              r"output)?", K=mat(w), b=b, X=mat(x), row=i, column=j),
        answer=value,
        solution=t(r"$y_{{{row},{column}}}$: the window starts at $x_{{{row},{column}}}$: ${window}$. "
                   r"Multiply element by element and add: ${terms} + {b} = {value}$.",
                   row=i, column=j, window=mat(patch), terms=terms, b=p(b), value=n(value)),
        hint=t("Lay the kernel over the window that starts at that row and column, multiply matching entries, "
               "add them and the bias."),
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
        ask=_decimals(t(r"An LSTM cell has one unit and one input. Its forget gate is "
                        r"$f_t = \sigma(W_f [h_{{t-1}}, x_t] + b_f)$ with $W_f = ({wh}, {wx})$ and $b_f = {bf}$. "
                        r"With $h_{{t-1}} = {h}$ and $x_t = {x}$, what is $f_t$?",
                        wh=n(wh), wx=n(wx), bf=n(bf), h=n(h_prev), x=n(x))),
        answer=f,
        solution=t(r"$W_f[h_{{t-1}}, x_t] + b_f = {wh} \cdot {h} + {wx} \cdot {x} + {bf} = {u}$, "
                   r"so $f_t = \sigma({u}) = {f}$: the cell keeps about {percent}% of its old memory.",
                   wh=p(wh), h=p(h_prev), wx=p(wx), x=p(x), bf=p(bf), u=n(u), f=n(f), percent=round(100 * f)),
        hint=t(r"The weighted sum of $h_{{t-1}}$ and $x_t$ plus the bias, then the sigmoid."),
        values={"wh": wh, "wx": wx, "bf": bf, "h": h_prev, "x": x},
    )


@generator
def focal_loss(rng) -> Instance:
    """−(1 − p)^γ ln p for the true class's probability p (the engine's FocalLoss, two classes)."""
    from engine.more_losses import FocalLoss

    prob = _pick(rng, 0.1, 0.8, 0.05)
    gamma = float(rng.choice([0.5, 1, 2, 3]))
    z = np.array([[np.log(prob), np.log(1 - prob)]])     # logits whose softmax gives p to class 0
    value = FocalLoss(gamma).value(z, np.array([0]))
    ce = -float(np.log(prob))
    factor = (1 - prob) ** gamma
    return Instance(
        ask=_decimals(t(r"The focal loss of one example is $E = -(1 - p)^{{\gamma}} \ln p$, where $p$ is the probability "
                        r"the network gives to the true class. Compute $E$ for $p = {p}$ and $\gamma = {gamma}$.",
                        p=n(prob), gamma=n(gamma))),
        answer=value,
        solution=t(r"Cross-entropy alone is $-\ln {p} = {ce}$; the factor $(1 - {p})^{{{gamma}}} = {factor}$ "
                   r"scales it to $E = {factor} \times {ce} = {E}$.",
                   p=n(prob), ce=n(ce), gamma=n(gamma), factor=n(factor), E=n(value)),
        hint=t(r"First the plain cross-entropy $-\ln p$, then multiply by $(1 - p)^{{\gamma}}$."),
        values={"p": prob, "gamma": gamma},
    )


@generator
def batchnorm_value(rng) -> Instance:
    """y = γ (x − μ)/√(σ² + ε) + β for one value of a batch of four (the engine's BatchNorm, training)."""
    from engine.normalization import BatchNorm

    batch = [int(v) for v in rng.choice(np.arange(-4, 10), size=4, replace=False)]
    i = int(rng.integers(4))
    gamma, beta = _pick(rng, 0.5, 2, 0.5), _pick(rng, -1, 1, 0.5)
    layer = BatchNorm(1)
    layer.params["gamma"][...] = gamma
    layer.params["beta"][...] = beta
    y = float(layer.forward(np.array(batch, dtype=float).reshape(4, 1), training=True)[i, 0])
    mu, var = float(np.mean(batch)), float(np.var(batch))
    xhat = (batch[i] - mu) / np.sqrt(var + layer.eps)
    return Instance(
        ask=_decimals(t(r"A batch-norm layer in training sees one feature's batch $x = ({batch})$. With $\gamma = {gamma}$, "
                        r"$\beta = {beta}$ and $\epsilon$ negligible, what does it output for $x = {x}$? "
                        r"(The variance divides by the batch size, 4.)",
                        batch=", ".join(map(str, batch)), gamma=n(gamma), beta=n(beta), x=batch[i])),
        answer=y,
        solution=t(r"$\mu = {mu}$, $\sigma^2 = {var}$, $\hat x = ({x} - {mu_p})/\sqrt{{{var}}} = {xhat}$, "
                   r"$y = {gamma} \times {xhat_p} + {beta_p} = {y}$.",
                   mu=n(mu), var=n(var), x=batch[i], mu_p=p(mu), xhat=n(xhat), gamma=n(gamma), xhat_p=p(xhat),
                   beta_p=p(beta), y=n(y)),
        hint=t(r"Mean and variance of the four numbers first, then $\hat x = (x - \mu)/\sigma$, then $\gamma \hat x + \beta$."),
        values={"batch": batch, "i": i, "gamma": gamma, "beta": beta},
    )


@generator
def precision_recall(rng) -> Instance:
    """Precision, recall or F1 of the positive class from TP, FP, FN (the engine's metrics)."""
    from engine.metrics import confusion_matrix, precision_recall_f1

    tp, fp, fn, tn = (int(rng.integers(low, high)) for low, high in ((5, 60), (1, 40), (1, 40), (50, 500)))
    truth = np.r_[np.ones(tp + fn), np.zeros(fp + tn)].astype(int)
    guess = np.r_[np.ones(tp), np.zeros(fn), np.ones(fp), np.zeros(tn)].astype(int)
    precision, recall, f1 = (float(v[1]) for v in precision_recall_f1(confusion_matrix(truth, guess, 2)))
    which = str(rng.choice(["precision", "recall", "f1"]))
    counts = dict(tp=tp, fp=fp, fn=fn, tn=tn)
    if which == "precision":
        ask = t(r"A classifier finds $TP = {tp}$ true positives, $FP = {fp}$ false positives, $FN = {fn}$ false negatives "
                r"and $TN = {tn}$ true negatives. What is its precision $TP/(TP + FP)$?", **counts)
        work = t(r"Precision $= {tp}/({tp} + {fp}) = {value}$.", tp=tp, fp=fp, value=n(precision))
        answer = precision
    elif which == "recall":
        ask = t(r"A classifier finds $TP = {tp}$ true positives, $FP = {fp}$ false positives, $FN = {fn}$ false negatives "
                r"and $TN = {tn}$ true negatives. What is its recall $TP/(TP + FN)$?", **counts)
        work = t(r"Recall $= {tp}/({tp} + {fn}) = {value}$.", tp=tp, fn=fn, value=n(recall))
        answer = recall
    else:
        ask = t(r"A classifier finds $TP = {tp}$ true positives, $FP = {fp}$ false positives, $FN = {fn}$ false negatives "
                r"and $TN = {tn}$ true negatives. What is its $F_1 = 2PR/(P + R)$?", **counts)
        work = t(r"$P = {tp}/{predicted} = {p}$, $R = {tp}/{actual} = {r}$, "
                 r"$F_1 = 2 \times {p} \times {r}/({p} + {r}) = {value}$.",
                 tp=tp, predicted=tp + fp, actual=tp + fn, p=n(precision), r=n(recall), value=n(f1))
        answer = f1
    return Instance(
        ask=_decimals(ask), answer=answer, solution=work,
        hint=t("Precision looks at everything flagged positive, recall at everything really positive; "
               "the true negatives play no part in either."),
        values={**counts, "which": which},
    )


@generator
def attention_weight(rng) -> Instance:
    """One weight of softmax(q Kᵀ/√2) for a query and three keys of length 2 (the engine's attention)."""
    from engine.attention import attention_scores, scaled_dot_product_attention

    q = [_pick(rng, -2, 2, 0.5, nonzero=True) for _ in range(2)]
    keys = [[_pick(rng, -2, 2, 0.5) for _ in range(2)] for _ in range(3)]
    j = int(rng.integers(3))
    scores = attention_scores([q], keys)[0]
    _, weights = scaled_dot_product_attention([q], keys, np.eye(3))
    weight = float(weights[0, j])
    vec = lambda v: "(" + ", ".join(n(x) for x in v) + ")"
    return Instance(
        ask=_decimals(t(r"A query $q = {q}$ attends to three keys $k_1 = {k1}$, $k_2 = {k2}$, $k_3 = {k3}$ "
                        r"with weights $\mathrm{{softmax}}(q \cdot k_i / \sqrt{{2}})$. What is the weight of key {j}?",
                        q=vec(q), k1=vec(keys[0]), k2=vec(keys[1]), k3=vec(keys[2]), j=j + 1)),
        answer=weight,
        solution=t(r"Scores $q \cdot k_i/\sqrt{{2}} = {scores}$; softmax gives the weights ${weights}$, "
                   r"so key {j} gets ${weight}$.",
                   scores=vec(scores), weights=vec(weights[0]), j=j + 1, weight=n(weight)),
        hint=t(r"Dot product of $q$ with each key, divide by $\sqrt{{2}}$, then softmax over the three scores."),
        values={"q": q, "keys": keys, "j": j},
    )


@generator
def triplet_loss(rng) -> Instance:
    """The triplet loss of three 2-number face embeddings with margin 0.2 (the engine's triplet_loss)."""
    from engine.triplet import squared_distance
    from engine.triplet import triplet_loss as loss_of

    a, p, neg = ([_pick(rng, 0, 1, 0.1) for _ in range(2)] for _ in range(3))
    d_ap, d_an = float(squared_distance(a, p)), float(squared_distance(a, neg))
    loss = loss_of(a, p, neg, 0.2)
    vec = lambda v: "(" + ", ".join(n(x) for x in v) + ")"
    return Instance(
        ask=_decimals(t(r"Face embeddings: anchor $f(A) = {a}$, positive $f(P) = {p}$, negative $f(N) = {neg}$. "
                        r"What is the triplet loss $\max(\|f(A) - f(P)\|^2 - \|f(A) - f(N)\|^2 + 0.2,\; 0)$?",
                        a=vec(a), p=vec(p), neg=vec(neg))),
        answer=loss,
        solution=t(r"$\|f(A) - f(P)\|^2 = {d_ap}$ and $\|f(A) - f(N)\|^2 = {d_an}$, so "
                   r"$L = \max({d_ap} - {d_an} + 0.2,\; 0) = {loss}$.",
                   d_ap=n(d_ap), d_an=n(d_an), loss=n(loss)),
        hint=t(r"Square the differences of each coordinate and add them, for the positive and for the negative; "
               r"a negative result of the bracket counts as 0."),
        values={"a": a, "p": p, "n": neg},
    )


@generator
def dilated_output_size(rng) -> Instance:
    """⌊(M + 2P − D(K − 1) − 1)/S⌋ + 1: output width with dilation and stride."""
    while True:
        m = int(rng.choice([9, 12, 15, 16, 20, 28, 32, 64]))
        k = int(rng.choice([2, 3, 3, 5]))
        dilation = int(rng.choice([1, 2, 2, 3, 4]))
        span = conv.effective_size(k, dilation)
        pad = int(rng.integers(0, span // 2 + 1))
        stride = int(rng.choice([1, 2, 2, 3]))
        if m + 2 * pad >= span:
            break
    size = conv.output_size(m, k, pad, stride, dilation)
    return Instance(
        ask=t(r"An input of size ${m}\times{m}$ is convolved with a ${k}\times{k}$ kernel with dilation $D = {dilation}$, "
              r"padding $P = {pad}$ and stride $S = {stride}$. How wide is the output?",
              m=m, k=k, dilation=dilation, pad=pad, stride=stride),
        answer=float(size),
        solution=t(r"The kernel spans $D(K - 1) + 1 = {dilation}\cdot{k_less} + 1 = {span}$ pixels; "
                   r"$\lfloor ({m} + {two_p} - {span})/{stride} \rfloor + 1 = {quotient} + 1 = {size}$.",
                   dilation=dilation, k_less=k - 1, span=span, m=m, two_p=2 * pad, stride=stride,
                   quotient=(m + 2 * pad - span) // stride, size=size),
        hint=t("Replace K by the span D(K − 1) + 1 in ⌊(M + 2P − K)/S⌋ + 1."),
        values={"m": m, "k": k, "padding": pad, "stride": stride, "dilation": dilation},
        tol=0.0, rtol=None, whole=True,
    )


@generator
def recurrent_param_count(rng) -> Instance:
    """Weights and biases of an LSTM or a GRU layer (the engine's layers count them)."""
    from engine.recurrent import GRU, LSTM

    kind = str(rng.choice(["lstm", "gru"]))
    x, h = int(rng.choice([1, 2, 3, 4, 8, 10, 16, 32])), int(rng.choice([2, 3, 4, 8, 16, 20, 32, 64]))
    layer = LSTM(x, h) if kind == "lstm" else GRU(x, h)
    total, gates = layer.param_count(), 4 if kind == "lstm" else 3
    one = h * (h + x) + h
    if kind == "lstm":
        ask = t(r"An LSTM layer reads inputs of ${x}$ numbers and keeps a hidden state of ${h}$ numbers. "
                r"How many parameters (weights and biases) does it have?", x=x, h=h)
    else:
        ask = t(r"A GRU layer reads inputs of ${x}$ numbers and keeps a hidden state of ${h}$ numbers. "
                r"How many parameters (weights and biases) does it have?", x=x, h=h)
    return Instance(
        ask=ask, answer=float(total),
        solution=t(r"Each of the ${gates}$ gate layers has $h(h + x) + h = {h}\cdot{hx} + {h} = {one}$; "
                   r"${gates} \cdot {one} = {total}$.", gates=gates, h=h, hx=h + x, one=one, total=total),
        hint=t("Each gate (or candidate) is a dense layer from [h, x] to h: count it once, then count the gates."),
        values={"kind": kind, "x": x, "h": h},
        tol=0.0, rtol=None, whole=True,
    )
