"""Lab challenges: questions answered by doing.

The student gives lab settings (in plain mode typed as `lr=0.8 x0=4`); we
build the lab with `get_lab(name).from_tokens(...)`, consume its engine run
(the same events the Stepper shows) and check the challenge on the result.

A challenge reads the run's events:
- `iteration` events count iterations (their `values` may hold x, loss, ...);
- a run that blows up ends with a `diverged` event;
- the last `done` event may carry summary values (iterations, loss,
  accuracy, converged); training labs report train_loss, train_acc,
  val_acc / test_acc per epoch.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from tutor.locale import t
from tutor.quiz.check import RIGHT, UNREADABLE, WRONG, Check

MAX_EVENTS = 200_000       # a run longer than this is cut short (and the challenge fails)


@dataclass
class RunSummary:
    """What the challenges need to know about one run."""

    iterations: int = 0
    diverged: bool = False
    finished: bool = False                 # the run ended with a `done` event
    converged: bool | None = None          # as reported by the lab, when it says
    values: dict = field(default_factory=dict)   # the last value seen for each name
    cut_short: bool = False

    def last(self, *names: str) -> float | None:
        for name in names:
            value = self.values.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                return float(value)
        return None


def summarise(events) -> RunSummary:
    summary = RunSummary()
    for count, event in enumerate(events):
        if count >= MAX_EVENTS:
            summary.cut_short = True
            break
        kind = getattr(event, "kind", "")
        values = dict(getattr(event, "values", {}) or {})
        if kind == "iteration":
            summary.iterations += 1
        elif kind == "diverged":
            summary.diverged = True
        elif kind == "done":
            summary.finished = True
            if "converged" in values:
                summary.converged = bool(values["converged"])
        summary.values.update(values)
    # a lab may count iterations itself (e.g. per epoch rather than per event)
    for key in ("iterations", "iteration", "epochs", "epoch"):
        if summary.finished and isinstance(summary.values.get(key), (int, float)):
            summary.iterations = int(summary.values[key])
            break
    return summary


@dataclass(frozen=True)
class Challenge:
    check: Callable[..., tuple[bool, str]]     # (run, target[, measure]) -> (passed, why)
    needs_target: bool = True
    needs_measure: bool = False                # reads the run value the question's `measure` names


def _diverged() -> str:
    return t("The run diverged: the steps grew instead of settling.")


def _no_value(name: str) -> str:
    # `name` is the value's name in the run (accuracy, loss), shown as the lab reports it
    return t("This run did not report its {name}, so the challenge can't be checked.", name=name)


def _iterations_below(run: RunSummary, target: float | None) -> tuple[bool, str]:
    if run.diverged:
        return False, _diverged()
    if run.cut_short or not run.finished or run.converged is False:
        return False, t("The run stopped before reaching the minimum.")
    ok = run.iterations < target
    return ok, t("It took {n} iterations; the goal is fewer than {target}.", n=run.iterations, target=int(target))


def _accuracy_at_least(run: RunSummary, target: float | None) -> tuple[bool, str]:
    if run.diverged:
        return False, _diverged()
    # a held-out accuracy when the lab has one, else the training accuracy (XOR has no test set)
    acc = run.last("accuracy", "acc", "test_acc", "val_acc", "train_acc", "train_accuracy")
    if acc is None:
        return False, _no_value("accuracy")
    goal = target / 100 if target > 1 else target          # 95 or 0.95
    if acc > 1:
        acc = acc / 100
    return acc >= goal - 1e-12, t("Accuracy reached {got}%; the goal is at least {target}%.",
                                  got=f"{100 * acc:.1f}", target=f"{100 * goal:g}")


def _loss_below(run: RunSummary, target: float | None) -> tuple[bool, str]:
    if run.diverged:
        return False, _diverged()
    loss = run.last("loss", "E", "error", "train_loss")
    if loss is None:
        return False, _no_value("loss")
    return loss < target, t("The final loss is {got}; the goal is below {target}.",
                            got=f"{loss:.4g}", target=f"{target:g}")


def _diverges(run: RunSummary, target: float | None) -> tuple[bool, str]:
    if run.diverged:
        return True, t("The run diverged, as asked.")
    return False, t("The run settled down instead of diverging.")


def _measured(run: RunSummary, measure: str):
    """The run's last value called `measure`: a number, a text, or a tuple of texts (the neuron's gates)."""
    value = run.values.get(measure)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else None
    return value


def _value_at_least(run: RunSummary, target: float | None, measure: str) -> tuple[bool, str]:
    if run.diverged:
        return False, _diverged()
    value = _measured(run, measure)
    if not isinstance(value, float):
        return False, _no_value(measure)
    return value >= target, t("The run's {name} is {got}; the goal is at least {target}.",
                              name=measure, got=f"{value:.4g}", target=f"{target:g}")


def _value_below(run: RunSummary, target: float | None, measure: str) -> tuple[bool, str]:
    if run.diverged:
        return False, _diverged()
    value = _measured(run, measure)
    if not isinstance(value, float):
        return False, _no_value(measure)
    return value < target, t("The run's {name} is {got}; the goal is below {target}.",
                             name=measure, got=f"{value:.4g}", target=f"{target:g}")


def _shown(value) -> str:
    if isinstance(value, (tuple, list)):
        return ", ".join(map(str, value)) or "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _value_is(run: RunSummary, target, measure: str) -> tuple[bool, str]:
    """A number equal to the target, a text equal to it, or a tuple of texts holding it."""
    value = _measured(run, measure)
    if value is None:
        return False, _no_value(measure)
    if isinstance(value, float) and isinstance(target, (int, float)):
        ok = abs(value - target) <= 1e-9 * max(1.0, abs(target))
    elif isinstance(value, (tuple, list)):
        ok = str(target).upper() in (str(v).upper() for v in value)
    else:
        ok = str(value).upper() == str(target).upper()
    return ok, t("The run's {name} is {got}; the goal is {target}.", name=measure, got=_shown(value),
                 target=_shown(target))


CHALLENGES: dict[str, Challenge] = {
    "iterations_below": Challenge(_iterations_below),
    "accuracy_at_least": Challenge(_accuracy_at_least),
    "loss_below": Challenge(_loss_below),
    "diverges": Challenge(_diverges, needs_target=False),
    "value_at_least": Challenge(_value_at_least, needs_measure=True),
    "value_below": Challenge(_value_below, needs_measure=True),
    "value_is": Challenge(_value_is, needs_measure=True),
}


def _limits_broken(lab: Any, limits: dict) -> str:
    for name, most in limits.items():
        value = lab.values.get(name)
        if isinstance(value, (int, float)) and value > most:
            return t("{name}={value} is not allowed here: at most {most}.", name=name, value=value, most=most)
    return ""


def format_example(question: Any, lab_class: Any) -> str:
    """'lr=…': the form of an answer without a value.  The question's `example` passes the
    challenge, and a lab's default may too: shown before the answer, either gives it away."""
    wanted = [token.partition("=")[0] for token in getattr(question, "example", "").split() if "=" in token]
    if wanted:          # the settings the example changes, without their values (span=… misled for lr)
        return " ".join(f"{name}=…" for name in wanted)
    fixed = {token.partition("=")[0] for token in question.setup}
    params = [p for p in getattr(lab_class, "params", ()) if p.kind in (int, float) and p.name not in fixed]
    return f"{params[0].name if params else 'lr'}=…"


def _settings_wanted(question: Any, lab_class: Any, names: str) -> Check:
    return Check(UNREADABLE, t("Type the lab's settings as key=value, e.g. {example}. Settings: {names}.",
                               example=format_example(question, lab_class), names=names))


def run_challenge(question: Any, lab_class: Any, raw: str) -> Check:
    """Build the lab from the typed settings, run it, check the challenge."""
    from tutor.labs import LabError
    from tutor.quiz.numbers import normalise

    if lab_class is None:
        return Check(UNREADABLE, t("The lab {name} isn't available in this version, so this question can't be "
                                   "checked.", name=question.lab))
    # settings may be separated by commas, the full-width ， of a Chinese input method too (data, not UI text)
    typed = normalise(raw).replace("，", " ").replace(",", " ").split()
    fixed = {token.partition("=")[0].strip() for token in question.setup}
    names = ", ".join(p.name for p in getattr(lab_class, "params", ()) if p.name not in fixed)
    if not typed or any("=" not in token for token in typed):
        return _settings_wanted(question, lab_class, names)
    for token in typed:
        if token.partition("=")[0].strip() in fixed:
            return Check(UNREADABLE, t("{name} is fixed by this question ({setup}); change the other settings.",
                                       name=token.partition("=")[0].strip(), setup=" ".join(question.setup)))
    try:
        lab = lab_class.from_tokens(typed + list(question.setup))
    except LabError as exc:
        return Check(UNREADABLE, t("Those settings don't work: {detail}", detail=str(exc)))
    broken = _limits_broken(lab, question.limits)
    if broken:
        return Check(UNREADABLE, broken)
    challenge = CHALLENGES[question.challenge]
    try:
        run = summarise(lab.run())
    except (ArithmeticError, ValueError, LabError) as exc:
        # a setting the lab accepted but the engine refused: explain, don't count it
        return Check(UNREADABLE, t("Those settings don't work: {detail}", detail=str(exc)))
    if challenge.needs_measure:
        ok, why = challenge.check(run, question.target, question.measure)
    else:
        ok, why = challenge.check(run, question.target)
    head = t("Right!") if ok else t("Not quite.")
    return Check(RIGHT if ok else WRONG, f"{head} {why}".strip())
