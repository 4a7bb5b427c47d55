"""Which engine code computed a step: the functions that ran while the stepper pulled
one event, and the lines of each that ran (no Textual here; the code panel draws it).

    trace = StepTrace()
    event = trace.record(lambda: next(run))      # in the stepper's worker thread
    trace.calls(event)  -> [Ran(code, lines), ...]  engine functions first, in the order entered

Following costs CPU (benchmarks/code_trace.py: the sgd lab's first 52 steps take
0.16 s plain and 0.41 s followed), so the lab screen follows only while the code
panel is open.  `sys.settrace` on the pulling thread only (other threads and the UI
never pay), and only frames in engine/ or tutor/labs/ get a line tracer; whatever
tracer ran before (a debugger, coverage) is put back afterwards.
"""
from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any, Callable

import engine
import tutor
from engine.events import Event

ENGINE = str(Path(engine.__file__).resolve().parent) + "/"
LABS = str(Path(tutor.__file__).resolve().parent / "labs") + "/"
# Not the maths of a step: the Event record itself, and how a lab reads its settings.
SKIP = (ENGINE + "events.py", LABS + "kit/lab.py", LABS + "kit/text.py", LABS + "kit/engine_zh.py",
        LABS + "kit/captions.py")
POST_INIT = Event.__post_init__.__code__
KEEP = 4000          # events remembered (the stepper keeps 2000 for stepping back)


@dataclass
class Ran:
    code: CodeType
    lines: set[int] = field(default_factory=set)

    @property
    def in_engine(self) -> bool:
        return self.code.co_filename.startswith(ENGINE)


class StepTrace:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled         # off: record() only pulls (the lab screen follows code while `c` is open)
        self._traces: dict[int, tuple[Any, list[Ran]]] = {}
        self._wanted: dict[str, bool] = {}
        self._lock = threading.Lock()

    def _want(self, filename: str) -> bool:
        wanted = self._wanted.get(filename)
        if wanted is None:
            wanted = filename.startswith((ENGINE, LABS)) and not filename.startswith(SKIP)
            self._wanted[filename] = wanted
        return wanted

    def record(self, pull: Callable[[], Any]) -> Any:
        """Call `pull()` (it returns the next event) and remember which code it ran."""
        if not self.enabled:
            return pull()
        ran: dict[CodeType, Ran] = {}
        narrators: set[CodeType] = set()      # functions that built an Event: they report, the others compute

        def on_call(frame, what, arg):
            code = frame.f_code
            if code is POST_INIT:
                caller = frame.f_back.f_back if frame.f_back is not None else None
                if caller is not None:
                    narrators.add(caller.f_code)
                return None
            if not self._want(code.co_filename):
                return None
            entry = ran.get(code)
            if entry is None:
                entry = ran[code] = Ran(code)
            lines = entry.lines

            def on_line(frame, what, arg):
                if what == "line":
                    lines.add(frame.f_lineno)
                return on_line
            return on_line

        before = sys.gettrace()
        sys.settrace(on_call)
        try:
            event = pull()
        finally:
            sys.settrace(before)
        calls = [r for r in ran.values() if r.lines and r.code not in narrators]
        calls += [r for r in ran.values() if r.lines and r.code in narrators]
        with self._lock:
            self._traces[id(event)] = (event, calls)     # the event is kept: its id stays its own
            while len(self._traces) > KEEP:
                del self._traces[next(iter(self._traces))]
        return event

    def followed(self, event: Any) -> bool:
        """True when `event` was pulled while following."""
        with self._lock:
            found = self._traces.get(id(event))
        return found is not None and found[0] is event

    def calls(self, event: Any) -> list[Ran]:
        """What ran for `event`: the engine's functions, else the lab's own; those that computed (in the
        order entered) before those that only built the Event."""
        with self._lock:
            found = self._traces.get(id(event))
        if found is None or found[0] is not event:
            return []
        calls = found[1]
        in_engine = [r for r in calls if r.in_engine]
        return in_engine or calls
