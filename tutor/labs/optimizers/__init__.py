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

import dataclasses
import math
from dataclasses import dataclass
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.text import formula_text, pad
from tutor.locale import N_, t, translated

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


# a surface's name as the student reads it (a translation may add what the name means)
SURFACE_NAMES = {"bowl": N_("bowl"), "rosenbrock": N_("rosenbrock"), "saddle": N_("saddle")}


def status_text(status: str) -> str:
    """An optimizer's status ("diverged at step 4", data the run reads back) in the student's language."""
    import re

    found = re.fullmatch(r"diverged at step (\d+)", status)
    if found:
        return t("diverged at step {step}", step=int(found.group(1)))
    found = re.fullmatch(r"left the map at step (\d+) \(the saddle has no bottom\)", status)
    if found:
        return t("left the map at step {step} (the saddle has no bottom)", step=int(found.group(1)))
    return status


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
        k = max(opt.t, 1)
        return {"m": m.copy(), "v": v.copy(), "m_hat": m / (1 - opt.beta1 ** k), "v_hat": v / (1 - opt.beta2 ** k)}
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


@dataclass(frozen=True)
class Racer:
    """Where one optimizer stands after a step."""
    x: float
    y: float
    f: float                   # f(x, y)
    lr: float                  # its learning rate
    status: str = ""           # "" while it runs, else "diverged at step 7" (English: status_text translates)
    g: tuple[float, float] | None = None    # the gradient of its last step (None before the first)
    memory: tuple[tuple[str, tuple[float, float]], ...] = ()   # its memory, (("v", (vx, vy)), ...)

    def remembers(self, key: str) -> tuple[float, float] | None:
        return dict(self.memory).get(key)


@dataclass(frozen=True)
class OptimizersValues(Payload):
    """What the optimizers view reads from every event."""
    surface: str
    focus: str                 # whose update the formula shows
    t: int                     # the step
    racers: tuple[Racer, ...]  # in NAMES order

    def racer(self, name: str) -> Racer:
        return self.racers[NAMES.index(name)]


def _update(name: str, opt, theta, racer: Racer, f, grad, step: int, saddle_box) -> tuple[Racer, str]:
    """One optimizer's update of θ at `step` (in place, by the engine's optimizer): where it stands
    after, and the update as a formula.  A racer that blew up stays at its last good point and
    stops; on the saddle (`saddle_box`, the map) one that left the map stops too."""
    g = np.array(grad(*theta), dtype=float)
    opt.begin_step()
    with np.errstate(over="ignore", invalid="ignore"):
        opt.update(0, theta, g, decay=False)
    mem = memory(name, opt, 0)
    status = ""
    if not np.all(np.isfinite(theta)) or np.abs(theta).max() > BLOW_UP:
        status = f"diverged at step {step}"
        theta[:] = (racer.x, racer.y)   # stay at the last good point
    elif saddle_box is not None:
        x0, x1, y0, y1 = saddle_box
        if not (x0 - 1 <= theta[0] <= x1 + 1 and y0 - 1 <= theta[1] <= y1 + 1):
            status = f"left the map at step {step} (the saddle has no bottom)"
    if status:
        return dataclasses.replace(racer, status=status), ""
    kept = {**dict(racer.memory), **{key: tuple(pair_) for key, pair_ in mem.items()}}
    moved = dataclasses.replace(racer, x=theta[0], y=theta[1], f=f(*theta), g=(g[0], g[1]), memory=tuple(kept.items()))
    return moved, rule_latex(name, opt, g, mem, theta)


class OptimizersLab(Lab):
    name = "optimizers"
    title = N_("Optimizers racing on a surface")
    summary = N_("SGD, Momentum, AdaGrad, RMSProp and Adam on a bowl, Rosenbrock's valley or a saddle; "
                 "each one's memory.")
    params = (
        Param("surface", "bowl", N_("the function to minimise"), str, choices=tuple(SURFACES)),
        Param("steps", 0, N_("steps (0 = the surface's default)"), int, low=0, high=5000),
        Param("lr", 0.0, N_("one learning rate for all (0 = a rate that suits each optimizer)"), low=0.0, high=1e6),
        Param("start", "", N_("start point x,y (empty = the surface's default)"), str, items=2),
        Param("gamma", 0.9, N_("Momentum γ"), low=0.0, high=0.999),
        Param("rho", 0.9, N_("RMSProp ρ"), low=0.0, high=0.999),
        Param("beta1", 0.9, N_("Adam β₁"), low=0.0, high=0.999),
        Param("beta2", 0.999, N_("Adam β₂"), low=0.0, high=0.9999),
        Param("focus", "adam", N_("whose update the formula shows"), str, choices=NAMES),
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
            raise LabError(t("start={text}: expected two numbers x,y such as start=-1.5,2", text=repr(text))) from None
        if not (math.isfinite(x) and math.isfinite(y) and abs(x) < 1e3 and abs(y) < 1e3):
            raise LabError(t("start={text}: x and y must be finite numbers between -1000 and 1000", text=repr(text)))
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
        """The race as events: the start, one `update` per step, then who got lowest (or: all diverged)."""
        settings = self.settings()
        race = self._drive(*settings)
        start, _, _ = next(race)
        yield self._say_start(start, settings)
        now = start
        for now, stopped, rule in race:
            if all(r.status.startswith("diverged") for r in now.racers):
                yield self._say_all_diverged(now, rule)
                return
            yield Event("update", self._step_label(now, stopped), self._focus_formula(now, rule),
                        values=now.values(), step=now.t)
            if all(r.status for r in now.racers):
                break
        yield self._say_done(now)

    # --- drive: the engine's optimizers race -------------------------------------
    def _drive(self, f, grad, latex, start, box, steps, rates) -> Iterator[tuple[OptimizersValues, tuple[int, ...], str]]:
        """Where the racers stand at the start and after each step, who stopped at that step (their
        places in NAMES) and the focused optimizer's update with its numbers (the engine's state);
        until every racer stopped or `steps` are done."""
        v = self.values
        opts = self.optimizers(rates)
        thetas = [np.array(start, dtype=float) for _ in NAMES]
        racers = [Racer(start[0], start[1], f(*start), rate) for rate in rates]
        now = lambda step: OptimizersValues(v["surface"], v["focus"], step, tuple(racers))
        focus = NAMES.index(v["focus"])
        yield now(0), (), ""
        rule = ""                        # the focused optimizer's last update, as a formula
        for step in range(1, steps + 1):
            stopped = []
            for i, (name, opt, theta) in enumerate(zip(NAMES, opts, thetas)):
                if racers[i].status:
                    continue
                racers[i], update = _update(name, opt, theta, racers[i], f, grad, step,
                                            box if v["surface"] == "saddle" else None)
                if racers[i].status:
                    stopped.append(i)
                elif i == focus:
                    rule = update
            yield now(step), tuple(stopped), rule
            if all(r.status for r in racers):
                return

    # --- narrate ------------------------------------------------------------------
    def _say_start(self, now: OptimizersValues, settings) -> Event:
        _, _, latex, start, _, _, rates = settings
        return Event("info", t("Five optimizers start at ({x:g}, {y:g}) on the {surface}", x=start[0], y=start[1],
                               surface=translated(SURFACE_NAMES[now.surface])),
                     latex + r",\quad " + ",\\ ".join(rf"\eta_{{\text{{{SHOWN[n]}}}}} = {r:g}"
                                                       for n, r in zip(NAMES, rates)),
                     values=now.values(), step=0)

    @staticmethod
    def _step_label(now: OptimizersValues, stopped: tuple[int, ...]) -> str:
        """Step t: each racer's f, after who stopped at this step."""
        label = t("Step {step}: f = {values}", step=now.t, values=" | ".join(
            f"{SHOWN[n][:4]} {r.f:.3g}" for n, r in zip(NAMES, now.racers)))
        if stopped:
            news = [f"{SHOWN[NAMES[i]]} {status_text(now.racers[i].status)}" for i in stopped]
            label = t("; ").join(news) + " — " + label
        return label

    @staticmethod
    def _focus_formula(now: OptimizersValues, rule: str) -> str:
        """The focused optimizer's update, or that it stopped."""
        stopped = t("{name} stopped", name=SHOWN[now.focus])
        return rule if not now.racer(now.focus).status else rf"\text{{{stopped}}}"

    def _say_all_diverged(self, now: OptimizersValues, rule: str) -> Event:
        blown = [int(r.status.split()[3]) for r in now.racers]        # "diverged at step 7"
        return Event("diverged", t("Every optimizer diverged (last at step {step})", step=now.t),
                     self._focus_formula(now, rule), values=now.values(step=min(blown)), step=now.t)

    @staticmethod
    def _say_done(now: OptimizersValues) -> Event:
        """Who got lowest, among those that did not diverge."""
        finished = [(r.f, n) for n, r in zip(NAMES, now.racers) if not r.status.startswith("diverged")]
        best = min(finished) if finished else None
        return Event("done", t("After {steps} steps: {summary}", steps=now.t,
                               summary=t("lowest f is {name}'s, {f:.4g}", name=SHOWN[best[1]], f=best[0])
                               if best else t("none finished")),
                     ",\\ ".join(rf"f_{{\text{{{SHOWN[n]}}}}} = {fmt(r.f)}" for n, r in zip(NAMES, now.racers)),
                     values=now.values(), step=now.t + 1)

    def plain(self, out: TextIO) -> None:
        v = self.values
        comma = t(", ")
        f, grad, latex, start, box, steps, rates = self.settings()
        print(t("Surface {surface}: {formula}", surface=translated(SURFACE_NAMES[v["surface"]]),
                formula=formula_text(latex)), file=out)
        print(t("start ({x:g}, {y:g}), {steps} steps; learning rates: {rates}", x=start[0], y=start[1], steps=steps,
                rates=comma.join(f"{SHOWN[n]} {r:g}" for n, r in zip(NAMES, rates))), file=out)
        print(comma.join((f"Momentum gamma = {v['gamma']:g}", f"RMSProp rho = {v['rho']:g}",
                          f"Adam beta1 = {v['beta1']:g}", f"beta2 = {v['beta2']:g}", "epsilon = 1e-08")), file=out)
        every = max(1, steps // 10)
        last = None
        for e in self.run():
            val = OptimizersValues.of(e)
            if e.kind == "update" and val.t == 1:
                print(t("Step 1 in detail:"), file=out)
                for n in NAMES:
                    r = val.racer(n)
                    parts = [f"g = ({r.g[0]:.6g}, {r.g[1]:.6g})"] if r.g is not None else []
                    for key in MEMORY[n]:
                        if r.remembers(key) is not None:
                            mx, my = r.remembers(key)
                            parts.append(f"{key} = ({mx:.6g}, {my:.6g})")
                    parts.append(f"theta = ({r.x:.6g}, {r.y:.6g})")
                    print(f"  {SHOWN[n]:<9} " + comma.join(parts), file=out)
                print(pad(t("step"), 4, right=True) + "  " + "".join(f"{SHOWN[n]:<13}" for n in NAMES), file=out)
            if e.kind == "update" and (val.t % every == 0 or val.t == 1):
                print(f"{val.t:>4}  " + "".join(f"{r.f:<13.5g}" for r in val.racers), file=out)
            if "—" in e.label:
                print("      " + e.label.split(" — ")[0], file=out)
            last = e
        print(last.label, file=out)
        for n, r in zip(NAMES, OptimizersValues.of(last).racers):
            status = status_text(r.status)
            end = t(" ({status})", status=status) if status else ""
            print(f"{SHOWN[n]:<9} " + t("ends at ({x:.4f}, {y:.4f})", x=r.x, y=r.y)
                  + comma + f"f = {r.f:.6g}{end}", file=out)
