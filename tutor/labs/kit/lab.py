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
    """A bad lab name or parameter: the message is shown to the student as is."""


# A list setting (others=1,0 · x=1,2,3) holds at most this many numbers unless
# its Param says otherwise: 10 000 softmax inputs asked NumPy for 2.9 TiB.
MAX_ITEMS = 20
_ITEM_SEPARATORS = re.compile(r"[,;\s]+")


def _say(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    help: str
    kind: type = float            # float, int, str or bool
    choices: tuple = ()           # allowed values (str or numbers), empty = any
    low: float | None = None      # inclusive bounds for numbers
    high: float | None = None
    items: int = 0                # a list of numbers: at most this many (0 = not a list)

    def parse(self, text: str, lang: str = "en") -> Any:
        """Read one value typed by a student; raise LabError with a clear reason (in `lang`)."""
        import unicodedata

        raw = unicodedata.normalize("NFKC", text).strip()
        if self.kind is str and not self.choices:
            # free text such as a typed function: NFKC would turn "x²" into "x2";
            # engine.expression normalises it itself and keeps the positions
            raw = text.strip()
        if self.items:
            count = len([part for part in _ITEM_SEPARATORS.split(raw) if part])
            if count > self.items:
                raise LabError(_say(lang, f"{self.name}: {count} values are too many (at most {self.items})",
                                    f"{self.name}：{count} 个值太多了（最多 {self.items} 个）"))
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
            options = ", ".join(map(str, self.choices))
            maybe = ", ".join(close)
            hint = _say(lang, f" (did you mean {maybe}?)", f"（是不是想写 {maybe}？）") if close else ""
            raise LabError(_say(lang, f"{self.name}={text!r}: choose one of {options}{hint}",
                                f"{self.name}={text!r}：请从 {options} 中选一个{hint}"))
        if self.low is not None and value < self.low or self.high is not None and value > self.high:
            raise LabError(_say(lang, f"{self.name}={text!r}: must be between {self.low} and {self.high}",
                                f"{self.name}={text!r}：必须在 {self.low} 和 {self.high} 之间"))
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
    title: ClassVar[str]          # English title; `title_zh` optional
    title_zh: ClassVar[str] = ""
    summary: ClassVar[str]        # one line, shown by `dltutor lab`
    params: ClassVar[tuple[Param, ...]] = ()

    # The student's language is the process's (tutor.locale).  Setting
    # `lab.lang` still works while the labs move from `self.tr(en, zh)` to
    # `t(...)` with catalogs (issue 16); it sets the one language setting.
    @property
    def lang(self) -> str:
        from tutor.locale import language

        return language()

    @lang.setter
    def lang(self, value: str) -> None:
        from tutor.locale import set_language

        set_language(value)

    def __init__(self, **values: Any) -> None:
        known = {p.name: p for p in self.params}
        for key in values:
            if key not in known:
                close = difflib.get_close_matches(key, list(known), n=3)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                raise LabError(f"lab {self.name}: unknown parameter {key!r}{hint}")
        self.values = {p.name: values.get(p.name, p.default) for p in self.params}

    @classmethod
    def from_tokens(cls, tokens: list[str], lang: str = "en") -> "Lab":
        """Build from `["x0=4", "lr=0.5"]` as typed on the command line or in a lesson;
        a mistake is explained in `lang`."""
        known = {p.name: p for p in cls.params}
        values: dict[str, Any] = {}
        for token in tokens:
            key, sep, text = token.partition("=")
            if not sep:
                raise LabError(_say(lang, f"lab {cls.name}: expected key=value, got {token!r}",
                                    f"实验 {cls.name}：要写成 名字=值，而这里是 {token!r}"))
            key = key.strip()
            if key not in known:
                close = difflib.get_close_matches(key, list(known), n=3)
                maybe = ", ".join(close)
                hint = _say(lang, f"; did you mean {maybe}?", f"；是不是想写 {maybe}？") if close else ""
                raise LabError(_say(lang, f"lab {cls.name}: unknown parameter {key!r}{hint}",
                                    f"实验 {cls.name}：没有参数 {key!r}{hint}"))
            if key in values:         # the later one used to win silently
                raise LabError(t("lab {name}: {key} is given twice; give it once", name=cls.name, key=key))
            values[key] = known[key].parse(text, lang)
        return cls(**values)

    def tr(self, en: str, zh: str) -> str:
        """The student's language: `self.tr("Step", "第几步")`."""
        return zh if self.lang == "zh" else en

    # --- what a lab implements -------------------------------------------
    def run(self) -> Iterator[Event]:
        """The engine run the Stepper steps through (a fresh iterator each call)."""
        raise NotImplementedError

    def plain(self, out: TextIO) -> None:
        """`--plain`: the run as text.  Default: one block per event."""
        from tutor.labs.kit.text import print_events

        print_events(self.run(), out, self.lang)
