"""What a teacher publishes and a student answers: small JSON, read back with suspicion.

Everything in the `live` tables can be written by anyone who can write the
class's database, so reading never trusts it: the text is size-limited,
parsed as JSON (never unpickled, never evaluated), and every field is checked
for type and range.  Anything odd reads as None and is ignored.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

MAX_STATE = 4096            # characters of a published state
MAX_ANSWER = 512            # characters of one live answer
MAX_ARGS = 24               # a lab's settings (a lab refuses more than 20 values in a list itself)
MAX_ARG = 200
MAX_STEP = 1_000_000
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")      # lesson, question and lab ids
MAX_TEACHER = 64


@dataclass(frozen=True)
class Where:
    """The teacher's screen: a lesson page, and on top of it perhaps a lab at a step."""

    lesson: str | None = None
    page: int = 0                    # from 0, as the store counts pages
    lab: str | None = None
    args: tuple[str, ...] = ()
    step: int = -1                   # the stepper's cursor (-1: no step yet)


@dataclass(frozen=True)
class Ask:
    """A question put to the class: `id` is new for every asking."""

    id: str
    lesson: str
    question: str
    revealed: bool = False


@dataclass(frozen=True)
class State:
    teacher: str
    where: Where = field(default_factory=Where)
    follow: bool = True              # do students follow from the start (they toggle with f)
    ask: Ask | None = None
    stopped: bool = False


def encode(state: State) -> str:
    w = state.where
    data: dict = {"teacher": state.teacher[:MAX_TEACHER], "follow": state.follow, "stopped": state.stopped,
                  "where": {"lesson": w.lesson, "page": w.page, "lab": w.lab, "args": list(w.args)[:MAX_ARGS],
                            "step": w.step}}
    if state.ask is not None:
        a = state.ask
        data["ask"] = {"id": a.id, "lesson": a.lesson, "question": a.question, "revealed": a.revealed}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(text) > MAX_STATE:        # absurdly long lab settings: publish the place without them
        return encode(State(state.teacher, Where(w.lesson, w.page, w.lab, (), w.step), state.follow,
                            state.ask, state.stopped))
    return text


def _name(value: object, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, str) and NAME.match(value):
        return value
    raise ValueError


def _int(value: object, low: int, high: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    raise ValueError


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError


def decode(text: object) -> State | None:
    """The state in `text`, or None if it is not one we wrote."""
    if not isinstance(text, str) or len(text) > MAX_STATE:
        return None
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("where"), dict):
            return None
        teacher = data.get("teacher")
        if not isinstance(teacher, str) or len(teacher) > MAX_TEACHER or not teacher.isprintable():
            return None
        w = data["where"]
        args = w.get("args", [])
        if not isinstance(args, list) or len(args) > MAX_ARGS or not all(
                isinstance(a, str) and len(a) <= MAX_ARG and a.isprintable() for a in args):
            return None
        where = Where(_name(w.get("lesson"), True), _int(w.get("page", 0), 0, 10_000), _name(w.get("lab"), True),
                      tuple(args), _int(w.get("step", -1), -1, MAX_STEP))
        ask = None
        if data.get("ask") is not None:
            a = data["ask"]
            if not isinstance(a, dict) or not isinstance(a.get("id"), str) or not 0 < len(a["id"]) <= 64:
                return None
            ask = Ask(a["id"], _name(a.get("lesson")), _name(a.get("question")), _bool(a.get("revealed", False)))
        return State(teacher, where, _bool(data.get("follow", True)), ask, _bool(data.get("stopped", False)))
    except (ValueError, TypeError, RecursionError):
        return None


@dataclass(frozen=True)
class Answer:
    """One student's first answer to an asked question, as the teacher's screen counts it:
    the options picked (indices in the lesson file's order), or the number read, and the verdict."""

    right: bool
    picked: tuple[int, ...] | None = None
    value: float | None = None


def encode_answer(answer: Answer) -> str:
    data: dict = {"right": answer.right}
    if answer.picked is not None:
        data["picked"] = list(answer.picked)[:9]
    if answer.value is not None and math.isfinite(answer.value):
        data["value"] = answer.value
    return json.dumps(data, separators=(",", ":"))


def decode_answer(text: object) -> Answer | None:
    if not isinstance(text, str) or len(text) > MAX_ANSWER:
        return None
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            return None
        picked = data.get("picked")
        if picked is not None:
            if not isinstance(picked, list) or len(picked) > 9:
                return None
            picked = tuple(_int(p, 0, 8) for p in picked)
        value = data.get("value")
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                return None
            value = float(value)
        return Answer(_bool(data.get("right")), picked, value)
    except (ValueError, TypeError, RecursionError):
        return None
