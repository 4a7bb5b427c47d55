"""The lab contract: what every lab provides to the app, the CLI and lessons.

A lab is something a student drives one key at a time.  It has a name
(`dltutor lab NAME`), parameters as `key=value` (the same text a lesson's
`lab` block carries), an engine run (an iterator of engine Events that the
Stepper widget consumes) and a `--plain` text output.  Its panels for the TUI
live apart, in the lab package's `view.py`: the app asks the registry for them
(`tutor.labs.panels_for`), so a lab never imports Textual.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Iterator, TextIO

from engine.events import Event
from tutor.locale import t


class LabError(ValueError):
    """A bad lab name or parameter: the message is shown to the student as is (in their language)."""


# A list setting (others=1,0 · x=1,2,3) holds at most this many numbers unless
# its Param says otherwise: 10 000 softmax inputs asked NumPy for 2.9 TiB.
MAX_ITEMS = 20
_ITEM_SEPARATORS = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    help: str                     # what it sets, marked N_("...") (shown with `translated(help)`)
    kind: type = float            # float, int, str or bool
    choices: tuple = ()           # allowed values (str or numbers), empty = any
    low: float | None = None      # inclusive bounds for numbers
    high: float | None = None
    items: int = 0                # a list of numbers: at most this many (0 = not a list)

    def parse(self, text: str) -> Any:
        """Read one value typed by a student; raise LabError with a clear reason
        in the student's language."""
        import unicodedata

        raw = unicodedata.normalize("NFKC", text).strip()
        if self.kind is str and not self.choices:
            # free text such as a typed function: NFKC would turn "x²" into "x2";
            # engine.expression normalises it itself and keeps the positions
            raw = text.strip()
        if self.items:
            count = len([part for part in _ITEM_SEPARATORS.split(raw) if part])
            if count > self.items:
                raise LabError(t("{name}: {count} values are too many (at most {most})",
                                 name=self.name, count=count, most=self.items))
        try:
            if self.kind is bool:
                low = raw.lower()
                if low in ("1", "true", "yes", "on"):
                    value: Any = True
                elif low in ("0", "false", "no", "off"):
                    value = False
                else:
                    raise ValueError
            elif self.kind is int:
                value = int(raw)
            elif self.kind is float:
                value = float(raw)
            else:
                value = raw
        except ValueError:
            raise LabError(self._not_a(text)) from None
        if self.kind is float and not math.isfinite(value):     # 1e400 reads as inf
            raise LabError(t("{name}={text}: must be a finite number (not inf or nan, at most about 1e308)",
                             name=self.name, text=repr(text)))
        if self.choices and value not in self.choices:
            close = difflib.get_close_matches(str(value), [str(c) for c in self.choices], n=3)
            hint = t(" (did you mean {maybe}?)", maybe=", ".join(close)) if close else ""
            raise LabError(t("{name}={text}: choose one of {options}{hint}", name=self.name, text=repr(text),
                             options=", ".join(map(str, self.choices)), hint=hint))
        if self.low is not None and value < self.low or self.high is not None and value > self.high:
            raise LabError(t("{name}={text}: must be between {low} and {high}", name=self.name, text=repr(text),
                             low=self.low, high=self.high))
        return value


    def _not_a(self, text: str) -> str:
        """What to write instead, in plain words (not "expected float")."""
        name, shown = self.name, repr(text)
        if self.kind is int:
            return t("{name}={text}: not a whole number; write one such as {example}", name=name, text=shown,
                     example=self.default)
        if self.kind is bool:
            return t("{name}={text}: write 1 (on) or 0 (off)", name=name, text=shown)
        return t("{name}={text}: not a number; write one such as {example}", name=name, text=shown,
                 example=f"{self.default:g}" if isinstance(self.default, float) else self.default)


class Lab:
    """Base class.  Subclasses set the class attributes and implement `run`."""

    name: ClassVar[str]
    title: ClassVar[str]          # N_("English title"): shown with translated(lab.title)
    summary: ClassVar[str]        # N_("one line"), shown by `dltutor lab`
    params: ClassVar[tuple[Param, ...]] = ()

    def __init__(self, **values: Any) -> None:
        known = {p.name: p for p in self.params}
        for key in values:
            if key not in known:
                raise LabError(self._unknown(key))
        self.values = {p.name: values.get(p.name, p.default) for p in self.params}

    @classmethod
    def _unknown(cls, key: str) -> str:
        close = difflib.get_close_matches(key, [p.name for p in cls.params], n=3)
        hint = t("; did you mean {maybe}?", maybe=", ".join(close)) if close else ""
        return t("lab {name}: unknown parameter {key}{hint}", name=cls.name, key=repr(key), hint=hint)

    @classmethod
    def from_tokens(cls, tokens: list[str]) -> "Lab":
        """Build from `["x0=4", "lr=0.5"]` as typed on the command line or in a lesson;
        a mistake is explained in the student's language."""
        known = {p.name: p for p in cls.params}
        values: dict[str, Any] = {}
        for token in tokens:
            key, sep, text = token.partition("=")
            if not sep:
                raise LabError(t("lab {name}: expected key=value, got {token}", name=cls.name, token=repr(token)))
            key = key.strip()
            if key not in known:
                raise LabError(cls._unknown(key))
            if key in values:         # the later one used to win silently
                raise LabError(t("lab {name}: {key} is given twice; give it once", name=cls.name, key=key))
            values[key] = known[key].parse(text)
        return cls(**values)

    # --- what a lab implements -------------------------------------------
    def run(self) -> Iterator[Event]:
        """The engine run the Stepper steps through (a fresh iterator each call)."""
        raise NotImplementedError

    def plain(self, out: TextIO) -> None:
        """`--plain`: the run as text.  Default: one block per event."""
        from tutor.labs.kit.text import print_events

        print_events(self.run(), out)
