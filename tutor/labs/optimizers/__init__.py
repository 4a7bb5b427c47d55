"""Lab `optimizers`: SGD, Momentum, AdaGrad, RMSProp and Adam racing on a 2-D surface.

The surfaces (their gradients written out, no numerical slopes):
    bowl        f = ½(x² + 10y²)                 an elongated bowl: steep in y, flat in x
    rosenbrock  f = (1 − x)² + 100(y − x²)²      a curved valley, minimum at (1, 1)
    saddle      f = ½(x² − y²)                   a saddle at (0, 0): down in y, up in x
Every optimizer is the engine's (engine/optimizers.py), stepping one
parameter θ = (x, y); each step shows its memory — Momentum's velocity v,
AdaGrad's and RMSProp's accumulated squared gradient r, Adam's m, v, m̂, v̂.
A run that blows up (|θ| > 10⁶) stops with "diverged at step k"; one that
leaves the map on the saddle stops there (the saddle has no bottom).
"""
from __future__ import annotations

import math
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.labs.kit.text import formula_text, pad

NAMES = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
SHOWN = {"sgd": "SGD", "momentum": "Momentum", "adagrad": "AdaGrad", "rmsprop": "RMSProp", "adam": "Adam"}
BLOW_UP = 1e6
MEMORY = {"sgd": (), "momentum": ("v",), "adagrad": ("r",), "rmsprop": ("r",), "adam": ("m", "v", "m_hat", "v_hat")}

# name: (f, gradient, latex, start, box (x0, x1, y0, y1), default steps, learning rates in NAMES order)
SURFACES = {
    "bowl": (lambda x, y: 0.5 * (x * x + 10 * y * y), lambda x, y: (x, 10 * y),
             r"f = \tfrac12 (x^2 + 10 y^2)", (-4.0, 1.0), (-5.0, 5.0, -2.0, 2.0), 100,
             (0.18, 0.02, 1.0, 0.1, 0.3)),
    "rosenbrock": (lambda x, y: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
                   lambda x, y: (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)),
                   r"f = (1 - x)^2 + 100 (y - x^2)^2", (-1.2, 1.0), (-2.0, 2.0, -1.0, 3.0), 300,
                   (0.002, 0.0008, 1.0, 0.01, 0.1)),
    "saddle": (lambda x, y: 0.5 * (x * x - y * y), lambda x, y: (x, -y),
               r"f = \tfrac12 (x^2 - y^2)", (-2.5, 0.01), (-3.0, 3.0, -3.0, 3.0), 60,
               (0.1, 0.02, 0.5, 0.05, 0.1)),
}


SURFACE_ZH = {"bowl": "碗形曲面", "rosenbrock": "Rosenbrock 山谷", "saddle": "鞍面"}


def status_text(status: str, lang: str = "en") -> str:
    """An optimizer's status ("diverged at step 4", data the run reads back) in the student's language."""
    import re

    if lang != "zh" or not status:
        return status
    status = re.sub(r"^diverged at step (\d+)", r"在第 \1 步发散", status)
    return re.sub(r"^left the map at step (\d+) \(the saddle has no bottom\)", r"在第 \1 步跑出了地图，鞍面没有底",
                  status)


def pair(a) -> str:
    return rf"({fmt(a[0])},\ {fmt(a[1])})"


def memory(name: str, opt, key) -> dict:
    """The optimizer's state for θ as numbers: v, r or m, v, m̂, v̂ (each a pair)."""
    state = opt.state.get(key)
    if state is None:
        return {}
    if name == "momentum":
        return {"v": state[0].copy()}
    if name in ("adagrad", "rmsprop"):
        return {"r": state[0].copy()}
    if name == "adam":
        m, v = state
        t = max(opt.t, 1)
        return {"m": m.copy(), "v": v.copy(), "m_hat": m / (1 - opt.beta1 ** t), "v_hat": v / (1 - opt.beta2 ** t)}
    return {}


def rule_latex(name: str, opt, g, mem, theta) -> str:
    """The update just made, with its numbers (one line: fractions written with /)."""
    g_, th = pair(g), pair(theta)
    if name == "sgd":
        return rf"\theta \leftarrow \theta - {opt.lr:g}\, g,\ g = {g_},\ \theta = {th}"
    if name == "momentum":
        return (rf"v \leftarrow {opt.gamma:g} v + {opt.lr:g} g = {pair(mem['v'])},\ "
                rf"\theta \leftarrow \theta - v = {th}")
    if name == "adagrad":
        return (rf"r \leftarrow r + g^2 = {pair(mem['r'])},\ "
                rf"\theta \leftarrow \theta - {opt.lr:g}\, g / (\epsilon + \sqrt{{r}}) = {th}")
    if name == "rmsprop":
        return (rf"r \leftarrow {opt.rho:g} r + {1 - opt.rho:g} g^2 = {pair(mem['r'])},\ "
                rf"\theta \leftarrow \theta - {opt.lr:g}\, g / \sqrt{{r + \epsilon}} = {th}")
    return (rf"\hat m = m / (1 - {opt.beta1:g}^{{{opt.t}}}) = {pair(mem['m_hat'])},\ "
            rf"\hat v = v / (1 - {opt.beta2:g}^{{{opt.t}}}) = {pair(mem['v_hat'])},\ "
            rf"\theta \leftarrow \theta - {opt.lr:g}\, \hat m / (\sqrt{{\hat v}} + \epsilon) = {th}")


class OptimizersLab(Lab):
    name = "optimizers"
    title = "Optimizers racing on a surface"
    title_zh = "优化器在曲面上的比赛"
    summary = "SGD, Momentum, AdaGrad, RMSProp and Adam on a bowl, Rosenbrock's valley or a saddle; each one's memory."
    params = (
        Param("surface", "bowl", "the function to minimise", str, choices=tuple(SURFACES)),
        Param("steps", 0, "steps (0 = the surface's default)", int, low=0, high=5000),
        Param("lr", 0.0, "one learning rate for all (0 = a rate that suits each optimizer)", low=0.0, high=1e6),
        Param("start", "", "start point x,y (empty = the surface's default)", str, items=2),
        Param("gamma", 0.9, "Momentum γ", low=0.0, high=0.999),
        Param("rho", 0.9, "RMSProp ρ", low=0.0, high=0.999),
        Param("beta1", 0.9, "Adam β₁", low=0.0, high=0.999),
        Param("beta2", 0.999, "Adam β₂", low=0.0, high=0.9999),
        Param("focus", "adam", "whose update the formula shows", str, choices=NAMES),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        self.start_point()

    def start_point(self) -> tuple[float, float]:
        text = str(self.values["start"]).strip()
        if not text:
            return SURFACES[self.values["surface"]][3]
        try:
            x, y = (float(p) for p in text.split(","))
        except ValueError:
            raise LabError(f"start={text!r}: expected two numbers x,y such as start=-1.5,2") from None
        if not (math.isfinite(x) and math.isfinite(y) and abs(x) < 1e3 and abs(y) < 1e3):
            raise LabError(f"start={text!r}: x and y must be finite numbers between -1000 and 1000")
        return x, y

    def settings(self):
        v = self.values
        f, grad, latex, _, box, steps, rates = SURFACES[v["surface"]]
        return f, grad, latex, self.start_point(), box, v["steps"] or steps, \
            [v["lr"] or r for r in rates]

    def optimizers(self, rates):
        from engine.optimizers import SGD, AdaGrad, Adam, Momentum, RMSProp

        v = self.values
        return [SGD(rates[0]), Momentum(rates[1], gamma=v["gamma"]), AdaGrad(rates[2]),
                RMSProp(rates[3], rho=v["rho"]), Adam(rates[4], beta1=v["beta1"], beta2=v["beta2"])]

    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        v, tr = self.values, self.tr
        f, grad, latex, start, box, steps, rates = self.settings()
        opts = self.optimizers(rates)
        thetas = [np.array(start, dtype=float) for _ in NAMES]
        status = [""] * len(NAMES)
        values = {"surface": v["surface"], "focus": v["focus"], "t": 0}
        for i, name in enumerate(NAMES):
            values.update({f"{name}.x": start[0], f"{name}.y": start[1], f"{name}.f": f(*start),
                           f"{name}.lr": rates[i], f"{name}.status": ""})
        yield Event("info", tr(f"Five optimizers start at ({start[0]:g}, {start[1]:g}) on the {v['surface']}",
                               f"五个优化器在 {v['surface']}（{SURFACE_ZH[v['surface']]}）上"
                               f"从 ({start[0]:g}, {start[1]:g}) 出发"),
                    latex + r",\quad " + ",\\ ".join(rf"\eta_{{\text{{{SHOWN[n]}}}}} = {r:g}"
                                                     for n, r in zip(NAMES, rates)),
                    values=values, step=0)
        focus = NAMES.index(v["focus"])
        x0, x1, y0, y1 = box
        for t in range(1, steps + 1):
            news = []
            for i, (name, opt, theta) in enumerate(zip(NAMES, opts, thetas)):
                if status[i]:
                    continue
                g = np.array(grad(*theta), dtype=float)
                opt.begin_step()
                with np.errstate(over="ignore", invalid="ignore"):
                    opt.update(0, theta, g, decay=False)
                mem = memory(name, opt, 0)
                if not np.all(np.isfinite(theta)) or np.abs(theta).max() > BLOW_UP:
                    status[i] = f"diverged at step {t}"
                    theta[:] = (values[f"{name}.x"], values[f"{name}.y"])   # stay at the last good point
                elif v["surface"] == "saddle" and not (x0 - 1 <= theta[0] <= x1 + 1 and y0 - 1 <= theta[1] <= y1 + 1):
                    status[i] = f"left the map at step {t} (the saddle has no bottom)"
                if status[i]:
                    news.append(f"{SHOWN[name]} {status_text(status[i], self.lang)}")
                    values[f"{name}.status"] = status[i]
                    continue
                values.update({f"{name}.x": theta[0], f"{name}.y": theta[1], f"{name}.f": f(*theta),
                               f"{name}.gx": g[0], f"{name}.gy": g[1]})
                for key, pair_ in mem.items():
                    values[f"{name}.{key}_x"], values[f"{name}.{key}_y"] = pair_
                if i == focus:
                    values["formula"] = rule_latex(name, opt, g, mem, theta)
            values["t"] = t
            label = tr(f"Step {t}: f = ", f"第 {t} 步：f = ") + " | ".join(
                f"{SHOWN[n][:4]} {values[f'{n}.f']:.3g}" for n in NAMES)
            if news:
                label = tr("; ", "；").join(news) + " — " + label
            formula = values.get("formula", "") if not status[focus] else \
                rf"\text{{{SHOWN[NAMES[focus]]}{tr(' stopped', ' 已停止')}}}"
            kind = "update"
            if all(status):
                blown = [int(s.split()[3]) for s in status if s.startswith("diverged")]
                if len(blown) == len(status):
                    yield Event("diverged", tr(f"Every optimizer diverged (last at step {t})",
                                               f"所有优化器都发散了（最后一个在第 {t} 步）"), formula,
                                values={**values, "step": min(blown)}, step=t)
                    return
                yield Event(kind, label, formula, values=dict(values), step=t)
                break
            yield Event(kind, label, formula, values=dict(values), step=t)
        best = min((values[f"{n}.f"], n) for n in NAMES if not values[f"{n}.status"].startswith("diverged")) \
            if not all(values[f"{n}.status"].startswith("diverged") for n in NAMES) else None
        yield Event("done", tr(f"After {values['t']} steps: ", f"{values['t']} 步后：")
                    + (tr(f"lowest f is {SHOWN[best[1]]}'s, {best[0]:.4g}", f"{SHOWN[best[1]]} 的 f 最低，为 {best[0]:.4g}")
                       if best else tr("none finished", "没有一个跑完")),
                    ",\\ ".join(rf"f_{{\text{{{SHOWN[n]}}}}} = {fmt(values[f'{n}.f'])}" for n in NAMES),
                    values=dict(values), step=values["t"] + 1)

    def plain(self, out: TextIO) -> None:
        v, tr = self.values, self.tr
        comma = tr(", ", "，")
        f, grad, latex, start, box, steps, rates = self.settings()
        shown = formula_text(latex)
        print(tr(f"Surface {v['surface']}: {shown}", f"曲面 {v['surface']}（{SURFACE_ZH[v['surface']]}）：{shown}"),
              file=out)
        print(tr(f"start ({start[0]:g}, {start[1]:g}), {steps} steps; learning rates: ",
                 f"起点 ({start[0]:g}, {start[1]:g})，{steps} 步；学习率：") +
              comma.join(f"{SHOWN[n]} {r:g}" for n, r in zip(NAMES, rates)), file=out)
        print(comma.join((f"Momentum gamma = {v['gamma']:g}", f"RMSProp rho = {v['rho']:g}",
                          f"Adam beta1 = {v['beta1']:g}", f"beta2 = {v['beta2']:g}", "epsilon = 1e-08")), file=out)
        every = max(1, steps // 10)
        last = None
        for e in self.run():
            val = e.values
            if e.kind == "update" and val["t"] == 1:
                print(tr("Step 1 in detail:", "第 1 步的细节："), file=out)
                for n in NAMES:
                    parts = [f"g = ({val[f'{n}.gx']:.6g}, {val[f'{n}.gy']:.6g})"] if f"{n}.gx" in val else []
                    for key in MEMORY[n]:
                        if f"{n}.{key}_x" in val:
                            parts.append(f"{key} = ({val[f'{n}.{key}_x']:.6g}, {val[f'{n}.{key}_y']:.6g})")
                    parts.append(f"theta = ({val[f'{n}.x']:.6g}, {val[f'{n}.y']:.6g})")
                    print(f"  {SHOWN[n]:<9} " + comma.join(parts), file=out)
                print(tr("step", pad("步", 4, right=True)) + "  " + "".join(f"{SHOWN[n]:<13}" for n in NAMES), file=out)
            if e.kind == "update" and (val["t"] % every == 0 or val["t"] == 1):
                print(f"{val['t']:>4}  " + "".join(f"{val[f'{n}.f']:<13.5g}" for n in NAMES), file=out)
            if "—" in e.label:
                print("      " + e.label.split(" — ")[0], file=out)
            last = e
        print(last.label, file=out)
        for n in NAMES:
            val = last.values
            status = status_text(val[f"{n}.status"], self.lang)
            end = tr(f" ({status})", f"（{status}）") if status else ""
            print(f"{SHOWN[n]:<9} " + tr("ends at", "停在") + f" ({val[f'{n}.x']:.4f}, {val[f'{n}.y']:.4f})"
                  + comma + f"f = {val[f'{n}.f']:.6g}{end}", file=out)
