"""The kinds of question: what each one asks, how it reads an answer, how it checks.

A `Question` is built from one YAML dict of a lesson's quiz block (see
docs/ARCHITECTURE.md, "Quiz blocks").  `Question.pose(student, round)`
gives a `Posed` question: this student's option order or generated numbers,
with `check(raw)` returning a `Check` (right, wrong, or unreadable — an
unreadable answer is explained and does not use up a try).  What a student
reads is in their language (tutor.locale); what a teacher reads from
`problems` (a lesson file's mistakes) is English.
"""
from __future__ import annotations

import difflib
import random
import re
from typing import Any, ClassVar

from tutor.locale import N_, t, translated, using
from tutor.quiz.check import RIGHT, UNREADABLE, WRONG, Check
from tutor.quiz.numbers import close_enough, normalise, read_number
from tutor.quiz.seeding import stable_seed

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
COMMON_KEYS = ("id", "kind", "ask", "hint", "explain", "tries")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def did_you_mean(word: Any, known, n: int = 3) -> str:
    """' (did you mean a, b?)' when `word` is close to some of `known`, else ''."""
    close = difflib.get_close_matches(str(word), list(known), n=n)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _english(message) -> str:
    """A reader's message for a teacher's lesson-file check, which is in English."""
    with using("en"):
        return message()


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _numbers_typed(raw: str) -> list[int] | None:
    """'3 1 2', '3,1,2', '３，１，２', '3-1-2' or '312' → [3, 1, 2]; None if not numbers.
    (、 is the ideographic comma a Chinese input method types between numbers.)"""
    s = normalise(raw)
    if not s or len(s) > 200:
        return None
    if re.fullmatch(r"[1-9]+", s) and len(s) > 1:
        return [int(c) for c in s]        # '312' with single-digit items
    parts = [p for p in re.split(r"[\s,;/|>→\-–.、]+", s) if p]
    if not parts or not all(p.isdigit() and len(p) <= 3 for p in parts):
        return None
    return [int(p) for p in parts]


class Question:
    """One question of a quiz; subclasses per kind."""

    kind: ClassVar[str] = ""
    keys: ClassVar[tuple[str, ...]] = ()          # keys besides COMMON_KEYS
    needs_ask: ClassVar[bool] = True

    def __init__(self, spec: dict) -> None:
        self.spec = spec
        self.id = _text(spec.get("id"))
        self.ask = _text(spec.get("ask"))
        self.hint = _text(spec.get("hint"))
        self.explain = _text(spec.get("explain"))
        self.tries = int(spec.get("tries", 2))

    # --- validation (teacher-facing, English) ----------------------------
    @classmethod
    def problems(cls, spec: dict) -> list[str]:
        """What is wrong with the kind-specific fields; empty when fine."""
        return []

    # --- per student ------------------------------------------------------
    def pose(self, student: str, round: int = 0) -> "Posed":
        raise NotImplementedError

    def seed(self, student: str, round: int = 0) -> int:
        return stable_seed(student, self.id, round)


class Posed:
    """A question as one student sees it.  Subclasses implement `check`."""

    def __init__(self, question: Question) -> None:
        self.question = question
        self.text = question.ask                   # may contain $math$
        self.options: list[str] = []               # numbered from 1 when shown
        self.multiple = False                      # several options may be picked

    @property
    def kind(self) -> str:
        return self.question.kind

    def prompt(self) -> str:
        return t("Your answer (a number):")

    def check(self, raw: str) -> Check:
        raise NotImplementedError

    def hint(self) -> str:
        return self.question.hint or translated(self.generic_hint)

    # the hint for a wrong answer when the question has none of its own
    generic_hint = N_("Recheck each step of the arithmetic; keep a few more decimals in between.")

    def answer(self) -> str:
        """The right answer as shown to the student after the last try (for choices: "2. text")."""
        raise NotImplementedError

    def working(self) -> str:
        """How to get there (shown after the last try and after a right answer)."""
        return self.question.explain


# --------------------------------------------------------------------------
# choice and multi
# --------------------------------------------------------------------------

def _option_problems(spec: dict) -> list[str]:
    options = spec.get("options")
    if not isinstance(options, list) or len(options) < 2:
        return ["'options' must be a list of at least two options"]
    out = []
    if len(options) > 9:
        out.append(f"'options' has {len(options)} options; at most 9 (students pick them with keys 1-9)")
    for i, option in enumerate(options):
        if isinstance(option, (dict, list)) or _text(option) == "":
            out.append(f"option {i} must be a short text, not {option!r}")
    texts = [_text(o) for o in options]
    if len(set(texts)) != len(texts):
        out.append("two options have the same text")
    return out


class _Options(Posed):
    """Options shown in a per-student order (stable for that student)."""

    def __init__(self, question: "ChoiceQuestion", student: str, round: int) -> None:
        super().__init__(question)
        originals = [_text(o) for o in question.spec["options"]]
        order = list(range(len(originals)))
        if question.spec.get("shuffle", True):
            random.Random(question.seed(student)).shuffle(order)     # same order on every retake
        self.order = order                          # shown position -> original index
        self.options = [originals[i] for i in order]

    generic_hint = N_("Reread the question and rule out the options you are sure are wrong.")

    def _picked(self, raw: str) -> list[int] | None:
        """Original indices picked; None when the text isn't option numbers."""
        numbers = _numbers_typed(raw)
        n = len(self.options)
        if numbers is None:
            # a student may type the option's text itself
            wanted = normalise(raw).casefold()
            for shown, text in enumerate(self.options):
                if wanted and normalise(text).casefold() == wanted:
                    return [self.order[shown]]
            return None
        if not numbers or any(k < 1 or k > n for k in numbers):
            return None
        return [self.order[k - 1] for k in numbers]

    def shown_number(self, original: int) -> int:
        return self.order.index(original) + 1


class ChoiceQuestion(Question):
    kind = "choice"
    keys = ("options", "answer", "shuffle")

    @classmethod
    def problems(cls, spec: dict) -> list[str]:
        out = _option_problems(spec)
        options = spec.get("options") if isinstance(spec.get("options"), list) else []
        answer = spec.get("answer")
        if not _is_int(answer):
            out.append(f"'answer' must be the 0-based index of the right option, not {answer!r}")
        elif options and not 0 <= answer < len(options):
            out.append(f"'answer' {answer} is out of range: {len(options)} options are numbered 0 to {len(options) - 1}")
        return out

    def pose(self, student: str, round: int = 0) -> Posed:
        return _ChoicePosed(self, student, round)


def _verdict(right: bool) -> str:
    return t("Right!") if right else t("Not quite.")


def _empty() -> str:
    return t("Nothing typed yet: type your answer, then press Enter.")


class _ChoicePosed(_Options):
    def prompt(self) -> str:
        return t("Your choice (1-{n}):", n=len(self.options))

    def check(self, raw: str) -> Check:
        picked = self._picked(raw)
        if picked is None or len(picked) != 1:
            if picked is None and not normalise(raw):
                return Check(UNREADABLE, _empty())
            return Check(UNREADABLE, t("Type the number of one option, from 1 to {n}.", n=len(self.options)))
        right = picked[0] == self.question.spec["answer"]
        return Check(RIGHT if right else WRONG, _verdict(right))

    def answer(self) -> str:
        original = self.question.spec["answer"]
        return f"{self.shown_number(original)}. {self.options[self.shown_number(original) - 1]}"


class MultiQuestion(Question):
    kind = "multi"
    keys = ("options", "answer", "shuffle")

    @classmethod
    def problems(cls, spec: dict) -> list[str]:
        out = _option_problems(spec)
        options = spec.get("options") if isinstance(spec.get("options"), list) else []
        answer = spec.get("answer")
        if not isinstance(answer, list) or not answer or not all(_is_int(a) for a in answer):
            out.append(f"'answer' must be a non-empty list of 0-based option indices, not {answer!r}")
        else:
            if len(set(answer)) != len(answer):
                out.append("'answer' lists an option twice")
            bad = [a for a in answer if options and not 0 <= a < len(options)]
            if bad:
                out.append(f"'answer' {bad} out of range: {len(options)} options are numbered 0 to {len(options) - 1}")
        return out

    def pose(self, student: str, round: int = 0) -> Posed:
        return _MultiPosed(self, student, round)


class _MultiPosed(_Options):
    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.multiple = True
        self.text = t("{question} (choose all that apply)", question=self.text)

    def prompt(self) -> str:
        # no example: any set of numbers may be the right one
        return t("Your choices (numbers with spaces between):")

    def check(self, raw: str) -> Check:
        picked = self._picked(raw)
        if picked is None:
            if not normalise(raw):
                return Check(UNREADABLE, _empty())
            return Check(UNREADABLE, t("Type the numbers of every option you choose, from 1 to {n}, "
                                       "with spaces between.", n=len(self.options)))
        want = set(self.question.spec["answer"])
        if set(picked) == want:
            return Check(RIGHT, _verdict(True))
        message = _verdict(False)
        if len(set(picked)) != len(want):
            message += " " + t("You chose {got} option(s); the right answer has {want}.",
                               got=len(set(picked)), want=len(want))
        return Check(WRONG, message)

    def answer(self) -> str:
        shown = sorted(self.shown_number(a) for a in self.question.spec["answer"])
        return "; ".join(f"{k}. {self.options[k - 1]}" for k in shown)


# --------------------------------------------------------------------------
# number
# --------------------------------------------------------------------------

def _number_field(spec: dict, key: str, positive: bool = False) -> tuple[float | None, str | None]:
    if key not in spec:
        return None, None
    reading = read_number(spec[key] if isinstance(spec[key], (str, int, float)) else None)
    if not reading.ok or isinstance(spec[key], bool):
        return None, f"'{key}' must be a number, not {spec[key]!r}"
    if positive and reading.value < 0:
        return None, f"'{key}' must not be negative"
    return reading.value, None


class NumberQuestion(Question):
    kind = "number"
    keys = ("answer", "tol", "rtol")

    @classmethod
    def problems(cls, spec: dict) -> list[str]:
        out = []
        if "answer" not in spec:
            out.append("'answer' is missing (the number to accept)")
        for key, positive in (("answer", False), ("tol", True), ("rtol", True)):
            _, problem = _number_field(spec, key, positive)
            if problem:
                out.append(problem)
        return out

    def __init__(self, spec: dict) -> None:
        super().__init__(spec)
        self.value = _number_field(spec, "answer")[0]
        self.tol = _number_field(spec, "tol")[0]
        self.rtol = _number_field(spec, "rtol")[0]
        if self.tol is None and self.rtol is None and float(self.value).is_integer():
            self.tol = 1e-9          # a whole-number answer (a count) is exact unless a tolerance is given

    def pose(self, student: str, round: int = 0) -> Posed:
        return NumberPosed(self, self.value, self.tol, self.rtol)


class NumberPosed(Posed):
    def __init__(self, question: Question, value: float, tol: float | None,
                 rtol: float | None, solution: str = "") -> None:
        super().__init__(question)
        self.value, self.tol, self.rtol = value, tol, rtol
        self.solution = solution

    def check(self, raw: str) -> Check:
        reading = read_number(raw)
        if not reading.ok:
            return Check(UNREADABLE, reading.message())
        right = close_enough(reading.value, self.value, self.tol, self.rtol)
        return Check(RIGHT if right else WRONG, _verdict(right))

    def answer(self) -> str:
        return f"{self.value:.6g}"

    def working(self) -> str:
        parts = [p for p in (self.solution, self.question.explain) if p]
        return "\n".join(parts)


# --------------------------------------------------------------------------
# expression
# --------------------------------------------------------------------------

class ExpressionQuestion(Question):
    kind = "expression"
    keys = ("answer", "vars", "domain")

    @classmethod
    def problems(cls, spec: dict) -> list[str]:
        from tutor.quiz.formula import read_formula

        out = []
        variables = spec.get("vars", ["x"])
        if not isinstance(variables, list) or not variables or not all(
                isinstance(v, str) and re.fullmatch(r"[A-Za-z_][A-Za-z_0-9]*", v) for v in variables):
            out.append(f"'vars' must be a list of variable names such as [x, y], not {variables!r}")
            variables = ["x"]
        domain = spec.get("domain", [-3, 3])
        if not (isinstance(domain, list) and len(domain) == 2
                and all(isinstance(d, (int, float)) and not isinstance(d, bool) for d in domain)
                and domain[0] < domain[1]):
            out.append(f"'domain' must be [low, high] with low < high, not {domain!r}")
        answer = spec.get("answer")
        if not isinstance(answer, (str, int, float)) or isinstance(answer, bool) or _text(answer) == "":
            out.append("'answer' must be a formula such as 2*x + cos(x)")
        else:
            reading = read_formula(str(answer), variables)
            if not reading.ok:
                out.append(f"'answer' {answer!r} does not parse: {_english(reading.message)}")
        return out

    def __init__(self, spec: dict) -> None:
        super().__init__(spec)
        self.variables = tuple(spec.get("vars", ["x"]))
        low, high = spec.get("domain", [-3, 3])
        self.domain = (float(low), float(high))
        self.formula = _text(spec.get("answer"))

    def pose(self, student: str, round: int = 0) -> Posed:
        return _ExpressionPosed(self)


class _ExpressionPosed(Posed):
    generic_hint = N_("Differentiate term by term and check each rule you used.")

    def prompt(self) -> str:
        return t("Your formula:")

    def check(self, raw: str) -> Check:
        from tutor.quiz.formula import compare, read_formula

        q: ExpressionQuestion = self.question  # type: ignore[assignment]
        reading = read_formula(raw, q.variables)
        if not reading.ok:
            return Check(UNREADABLE, reading.message())
        answer = read_formula(q.formula, q.variables)
        if not answer.ok:                   # caught by validate(); never blame the student
            return Check(UNREADABLE, answer.message())
        same, why = compare(reading.expr, answer.expr, q.variables, stable_seed("points", q.id), q.domain)
        if same:
            return Check(RIGHT, _verdict(True))
        return Check(WRONG, " ".join(p for p in (_verdict(False), why) if p))

    def answer(self) -> str:
        return self.question.formula


# --------------------------------------------------------------------------
# order
# --------------------------------------------------------------------------

class OrderQuestion(Question):
    kind = "order"
    keys = ("items",)

    @classmethod
    def problems(cls, spec: dict) -> list[str]:
        items = spec.get("items")
        if not isinstance(items, list) or len(items) < 2:
            return ["'items' must be a list of at least two steps, in the right order"]
        out = []
        if len(items) > 9:
            out.append(f"'items' has {len(items)} steps; at most 9")
        texts = [_text(i) for i in items]
        if any(isinstance(i, (dict, list)) or not t for i, t in zip(items, texts)):
            out.append("every item must be a short text")
        if len(set(texts)) != len(texts):
            out.append("two items have the same text")
        return out

    def pose(self, student: str, round: int = 0) -> Posed:
        return _OrderPosed(self, student, round)


class _OrderPosed(Posed):
    generic_hint = N_("Ask what each step needs before it can start.")

    def __init__(self, question: Question, student: str, round: int) -> None:
        super().__init__(question)
        items = [_text(i) for i in question.spec["items"]]
        order = list(range(len(items)))
        rng = random.Random(question.seed(student))
        while order == sorted(order):        # never show the answer itself
            rng.shuffle(order)
        self.order = order                    # shown position -> true position
        self.options = [items[i] for i in order]
        self.multiple = True

    def _example(self) -> str:
        # The order as shown: never the right one (the shuffle above makes sure), so the
        # example shows the format without giving anything away.
        return " ".join(str(k) for k in range(1, len(self.options) + 1))

    def prompt(self) -> str:
        return t("The order (e.g. {example}):", example=self._example())

    def check(self, raw: str) -> Check:
        numbers = _numbers_typed(raw)
        n = len(self.options)
        if numbers is None or sorted(numbers) != list(range(1, n + 1)):
            if not normalise(raw):
                return Check(UNREADABLE, _empty())
            return Check(UNREADABLE, t("Type the item numbers 1 to {n}, each once, in the right order, "
                                       "e.g. {example}.", n=n, example=self._example()))
        true_positions = [self.order[k - 1] for k in numbers]
        if true_positions == list(range(n)):
            return Check(RIGHT, _verdict(True))
        slip = next(i for i, place in enumerate(true_positions) if place != i)
        return Check(WRONG, _verdict(False) + " " + t("Position {pos} is not right yet.", pos=slip + 1))

    def answer(self) -> str:
        shown = [self.order.index(t) + 1 for t in range(len(self.options))]
        return " ".join(map(str, shown)) + "  (" + " → ".join(self.options[k - 1] for k in shown) + ")"


# --------------------------------------------------------------------------
# generated
# --------------------------------------------------------------------------

class GeneratedQuestion(Question):
    kind = "generated"
    keys = ("generator",)
    needs_ask = False

    @classmethod
    def problems(cls, spec: dict) -> list[str]:
        from tutor.quiz.generators import GENERATORS

        name = spec.get("generator")
        if not isinstance(name, str) or name not in GENERATORS:
            return [f"unknown generator {name!r}{did_you_mean(name, GENERATORS)}; known: {', '.join(GENERATORS)}"]
        return []

    def pose(self, student: str, round: int = 0) -> Posed:
        from tutor.quiz.generators import GENERATORS

        # a retake (round > 0) gets fresh numbers; the same sitting always the same ones
        return _GeneratedPosed(self, GENERATORS[self.spec["generator"]](self.seed(student, round)))


class _GeneratedPosed(NumberPosed):
    """A number question whose numbers, answer and working come from a generator."""

    def __init__(self, question: Question, instance) -> None:
        super().__init__(question, instance.answer, instance.tol, instance.rtol, solution=instance.solution)
        self.instance = instance
        self.text = "\n".join(p for p in (question.ask, instance.ask) if p)

    def hint(self) -> str:
        return self.question.hint or self.instance.hint or super().hint()

    def answer(self) -> str:
        return self.instance.answer_text()


# --------------------------------------------------------------------------
# lab
# --------------------------------------------------------------------------

class LabQuestion(Question):
    kind = "lab"
    keys = ("lab", "challenge", "target", "setup", "limits", "example", "measure")

    @classmethod
    def problems(cls, spec: dict) -> list[str]:
        from tutor.quiz.challenges import CHALLENGES

        out = []
        name = spec.get("lab")
        try:
            from tutor.labs import lab_names

            names = lab_names()
        except Exception:  # the registry itself is broken: report, don't crash `check`
            names = []
        if not isinstance(name, str) or (names and name not in names):
            out.append(f"unknown lab {name!r}{did_you_mean(name, names)}")
        challenge = spec.get("challenge")
        if not isinstance(challenge, str) or challenge not in CHALLENGES:
            out.append(f"unknown challenge {challenge!r}{did_you_mean(challenge, CHALLENGES)}; "
                       f"known: {', '.join(CHALLENGES)}")
        elif CHALLENGES[challenge].needs_target:
            _, problem = _number_field(spec, "target")
            if "target" not in spec:
                out.append(f"challenge {challenge!r} needs a 'target'")
            elif problem and not (challenge == "value_is" and isinstance(spec["target"], str)):
                out.append(problem)        # value_is may also ask for a text, e.g. the gate OR
        if isinstance(challenge, str) and challenge in CHALLENGES and CHALLENGES[challenge].needs_measure \
                and not (isinstance(spec.get("measure"), str) and spec["measure"]):
            out.append(f"challenge {challenge!r} needs a 'measure': the name of the run value it reads")
        for key in ("setup", "example"):
            if key in spec and not isinstance(spec[key], str):
                out.append(f"'{key}' must be one line of key=value settings, like 'x0=4 lr=0.5'")
        limits = spec.get("limits", {})
        if not isinstance(limits, dict) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in limits.values()):
            out.append("'limits' must map setting names to their largest allowed value, e.g. {hidden: 4}")
        return out

    def __init__(self, spec: dict) -> None:
        super().__init__(spec)
        self.lab = _text(spec.get("lab"))
        self.challenge = _text(spec.get("challenge"))
        self.target = _number_field(spec, "target")[0]
        if self.target is None and isinstance(spec.get("target"), str):
            self.target = spec["target"]           # value_is: a text such as OR
        self.measure = _text(spec.get("measure"))
        self.setup = _text(spec.get("setup")).split()
        self.limits = dict(spec.get("limits") or {})
        self.example = _text(spec.get("example"))

    def pose(self, student: str, round: int = 0) -> Posed:
        return _LabPosed(self)


class _LabPosed(Posed):
    generic_hint = N_("Run the lab with a few settings and watch how the run changes.")

    def _lab_class(self):
        from tutor.labs import LabError, get_lab

        try:
            return get_lab(self.question.lab)
        except (LabError, ImportError):
            return None

    def prompt(self) -> str:
        from tutor.quiz.challenges import format_example

        return t("Lab settings (e.g. {example}):", example=format_example(self.question, self._lab_class()))

    def check(self, raw: str) -> Check:
        from tutor.quiz.challenges import run_challenge

        return run_challenge(self.question, self._lab_class(), raw)

    def answer(self) -> str:
        q: LabQuestion = self.question  # type: ignore[assignment]
        return q.example or "—"


KINDS: dict[str, type[Question]] = {
    cls.kind: cls for cls in (ChoiceQuestion, MultiQuestion, NumberQuestion, ExpressionQuestion,
                              OrderQuestion, GeneratedQuestion, LabQuestion)
}
