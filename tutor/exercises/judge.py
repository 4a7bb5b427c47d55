"""Turn what the checking process reported into a verdict a student can act on.

The first problem wins, in the order the checks run: the file could not be
loaded; a call raised (with the student's own line), hung (time limit) or
warned (overflow); then the answer compared with the engine (compare.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tutor.exercises import compare
from tutor.exercises.refs import show
from tutor.exercises.runner import MEMORY_MB, Outcome
from tutor.locale import t

PASSED, FAILING, UNFINISHED, NOT_STARTED, MISSING, ERROR = (
    "passed", "failing", "unfinished", "not started", "missing", "error")


@dataclass
class Verdict:
    status: str                     # one of the names above
    lines: list[str] = field(default_factory=list)
    prints: str = ""                # what the student's code printed

    @property
    def passed(self) -> bool:
        return self.status == PASSED


def judge(cases: list, outcome: Outcome, file: str, time_limit: float) -> Verdict:
    verdict = _judge(cases, outcome, file, time_limit)
    verdict.prints = outcome.prints
    return verdict


def _judge(cases, outcome: Outcome, file: str, time_limit: float) -> Verdict:
    if outcome.stopped == "broken":
        return Verdict(ERROR, [t("The checking process could not start: {reason}", reason=outcome.detail or "?")])
    if outcome.load_error:
        return Verdict(FAILING, load_error_lines(outcome.load_error, file))
    if outcome.stopped and outcome.stopped_at is None and not outcome.results:
        return Verdict(FAILING, stop_lines(outcome, None, file, time_limit))
    for i, case in enumerate(cases):
        if not case.shown:
            continue
        result = outcome.results.get(i)
        if result is None:
            return Verdict(FAILING, stop_lines(outcome, show(case.call), file, time_limit))
        if result.error:
            return error_verdict(case, result.error, file)
        if result.warnings and not case.warnings_ok:
            return Verdict(FAILING, [show(case.call), *warning_lines(result.warnings, file)])
        problem = evaluate(case, result.value, cases, outcome)
        if problem:
            return Verdict(FAILING, [show(case.call), problem])
    return Verdict(PASSED)


def stop_lines(outcome: Outcome, call: str | None, file: str, time_limit: float) -> list[str]:
    """The call that was running when the checking process had to stop, and why."""
    seconds = f"{time_limit:g}"
    if outcome.stopped == "timeout":
        if call is None:
            return [t("{file} did not finish loading within {seconds} s: an endless loop outside a function?",
                      file=file, seconds=seconds)]
        return [call, t("It did not finish within {seconds} s: an endless loop?", seconds=seconds)]
    if outcome.stopped == "output":
        return [t("The results were too large to check.")]
    stopped = t("Your code stopped the checking process ({reason}).", reason=outcome.detail or "?")
    return [call, stopped] if call else [stopped]


def load_error_lines(error: dict, file: str) -> list[str]:
    if error.get("type") in ("SyntaxError", "IndentationError", "TabError"):
        lines = [t("Python cannot read line {line} of {file}: {message}", line=error.get("line") or "?",
                   file=file, message=error.get("message") or "")]
        if error.get("code"):
            lines.append(f"    {error['code']}")
        return lines
    return [t("Loading {file} failed.", file=file), *exception_lines(error, file)]


def exception_lines(error: dict, file: str) -> list[str]:
    kind, message = error.get("type") or "Exception", error.get("message") or ""
    if error.get("line"):
        lines = [t("{error} at line {line} of {file}: {code}", error=kind, line=error["line"], file=file,
                   code=error.get("code") or "")]
        if message:
            lines.append(f"    {message}")
    else:
        lines = [t("{error} while checking: {message}", error=kind, message=message)]
    if kind == "MemoryError":
        lines.append(t("Your code needed more memory than the {mb} MiB it may use.", mb=MEMORY_MB))
    elif kind == "RecursionError":
        lines.append(t("A function calls itself without end?"))
    return lines


def error_verdict(case, error: dict, file: str) -> Verdict:
    func = case.probe.get("func") or case.probe.get("cls") or "?"
    if error.get("type") == "MissingFunction":
        return Verdict(FAILING, [t("{file} has no {func}: is it misspelt, or renamed?", file=file, func=func)])
    if error.get("type") == "NotImplementedError" and error.get("line"):
        return Verdict(UNFINISHED, [t("{func} is not written yet: replace `raise NotImplementedError` with your "
                                      "code.", func=func)])
    return Verdict(FAILING, [show(case.call), *exception_lines(error, file)])


def warning_lines(warnings: list[dict], file: str) -> list[str]:
    first = warnings[0]
    if first.get("line"):
        line = t("NumPy warned “{warning}” at line {line} of {file}: {code}", warning=first.get("message") or "",
                 line=first["line"], file=file, code=first.get("code") or "")
    else:
        line = t("NumPy warned “{warning}”", warning=first.get("message") or "")
    return [line, t("A correct answer comes without warnings, for every input however large: see the hint.")]


def evaluate(case, value, cases, outcome: Outcome) -> str | None:
    """What is wrong with one answer, or None."""
    if case.judge is not None:
        return case.judge(value)
    problem, parts = compare.split_parts(case.expected, value, case.names)
    if problem:
        return problem
    for mistake, message in case.mistakes.get(None, ()):
        if _matches(mistake, parts) and not _matches(case.expected, parts):
            return message
    whole = isinstance(case.expected, tuple)
    for p in case.order or range(len(parts)):
        expected = case.expected[p] if whole else case.expected
        what = case.names[p] if case.names else t("the result")
        problem = compare.part_problem(what, expected, parts[p], mistakes=case.mistakes.get(p, ()),
                                       rtol=case.rtol, atol=case.atol)
        if problem:
            return problem
        exp, got = _arrays(expected, parts[p])
        if not compare.close(got, exp, case.rtol, case.atol):
            items = [(exp, got, case.batch)] + _group(case, p, cases, outcome)
            text = compare.values_problem(what, items)
            return text + _finite_differences(case, p, exp, got, outcome)
    return None


def _arrays(expected, given) -> tuple[np.ndarray, np.ndarray]:
    exp = np.asarray(expected, dtype=float)
    got = compare.as_array(given)
    return exp, got.reshape(exp.shape) if got.size == exp.size else got


def _matches(expected: tuple, parts: list) -> bool:
    if len(expected) != len(parts):
        return False
    for e, g in zip(expected, parts):
        got = compare.as_array(g)
        e = np.asarray(e, dtype=float)
        if got is None or got.size != e.size or not compare.close(got.reshape(e.shape), e, 1e-6, 1e-9):
            return False
    return True


def _group(case, p: int, cases, outcome: Outcome) -> list:
    """The other failing calls of the same function, for a factor one call cannot show."""
    items = []
    for j, other in enumerate(cases):
        result = outcome.results.get(j)
        if other is case or other.group != case.group or not other.shown or result is None or result.error:
            continue
        _, parts = compare.split_parts(other.expected, result.value, other.names)
        if len(parts) <= p:
            continue
        expected = other.expected[p] if isinstance(other.expected, tuple) else other.expected
        got = compare.as_array(parts[p])
        exp = np.asarray(expected, dtype=float)
        if got is None or got.size != exp.size:
            continue
        got = got.reshape(exp.shape)
        if np.all(np.isfinite(got)) and not compare.close(got, exp, other.rtol, other.atol):
            items.append((exp, got, other.batch))
    return items


def _finite_differences(case, p: int, exp, got, outcome: Outcome) -> str:
    """Add what finite differences of the student's own forward say (when a backward is wrong)."""
    j = case.fd.get(p)
    result = outcome.results.get(j) if j is not None else None
    if result is None or result.error or result.warnings or got.shape != exp.shape:
        return ""
    numerical = compare.as_array(result.value)
    if numerical is None or numerical.shape != exp.shape:
        return ""
    index, _, given = compare.first_difference(exp, got)
    forward, backward = case.fd_names
    return " " + t("Finite differences of your own {forward} give {numerical} at {index}; your {backward} "
                   "gives {given}.", forward=forward, backward=backward, numerical=compare.number(numerical[index]),
                   index=compare.index_text(index), given=compare.number(given))
