"""The Stepper: the frame every lab runs in.

It pulls engine Events from a run one at a time (lazily: nothing is computed
until a student asks for the next step), keeps the events already seen so a
student can step back, shows the current event's label and formula with the
last few labels, and hands each event to the lab's panels
(`panel.show(event, history)`).

Pulling the next event happens in a Textual worker (off the UI thread), so a
slow training step never freezes the screen; it is cancelled when the stepper
leaves with its screen.  Running is a timer that asks for one step per tick
(`+`/`-` change the rate).  `cursor`, `running` and `speed_index` are reactive:
their watchers redraw; a change of `running` is also posted up as
`Stepper.RunningChanged` (the lab screen tells the panels that train in the
background).  An exception inside a lab ends the run with a one-line notice;
it never reaches the screen as a traceback.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from tutor.labs.kit.captions import caption
from tutor.locale import N_, language, t
from tutor.widgets.formula import Formula
from tutor.widgets.guard import panel_failed

SPEEDS = (1, 2, 5, 10, 20, 50)   # steps per second when running
KEEP = 2000                      # events kept for stepping back (each may hold arrays)
RECENT = 5                       # labels shown under the formula


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class Stepper(Vertical, can_focus=True):
    BINDINGS = [
        Binding("space,right", "step", N_("Step"), tooltip=N_("one step")),
        Binding("left", "back", N_("Step back"), tooltip=N_("one step back")),
        Binding("r", "run", N_("Run/pause"), tooltip=N_("run / pause")),
        Binding("plus,equals_sign", "faster", N_("Speed"), key_display="+/-", tooltip=N_("faster / slower")),
        Binding("minus", "slower", N_("Slower"), show=False),
        Binding("0", "reset", N_("Reset"), tooltip=N_("start again")),
    ]

    DEFAULT_CSS = """
    Stepper {
        height: 1fr;
        width: 1fr;
        padding: 0 1;
    }
    Stepper > #stepper-status { color: $text-muted; }
    Stepper > #stepper-label { text-style: bold; margin: 1 0 0 0; }
    Stepper > #stepper-formula { margin: 1 0; }
    Stepper > #stepper-message { color: $warning; text-style: bold; }
    Stepper > #stepper-history { color: $text-muted; margin: 1 0 0 0; }
    """

    cursor: reactive[int] = reactive(-1, init=False, always_update=True)
    """Index into `history` of the event shown (-1: none yet); setting it shows that event."""
    running: reactive[bool] = reactive(False, init=False)
    """True while a timer asks for one step per tick."""
    speed_index: reactive[int] = reactive(1, init=False)
    """Index into SPEEDS: the steps per second while running."""

    @dataclass
    class RunningChanged(Message):
        """The stepper started (`running`) or paused; handled by `LabScreen.on_stepper_running_changed`."""
        running: bool

    def __init__(self, make_run: Callable[[], Iterable], panels: Iterable = (), *,
                 speed: int = 2, autostart: bool = True, trace=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.make_run = make_run
        self.trace = trace            # a StepTrace (tutor/widgets/steptrace.py): the code each pull ran
        self.panels = list(panels)
        self.set_reactive(Stepper.speed_index, SPEEDS.index(speed) if speed in SPEEDS else 1)
        self.autostart = autostart
        self.history: list = []
        self.finished = False         # the run has no more events
        self.end: str = ""            # "done", "diverged", "error", "empty" or ""
        self.message = ""
        self._iterator: Iterator | None = None
        self._busy = False            # a pull is in flight
        self._timer = None
        self._generation = 0          # bumps on reset; stale pulls are dropped
        self._broken_panels: set[int] = set()
        self.target: int | None = None  # a step to reach (go_to: the teacher's step, live teaching)
        # A panel may add its own keys (e.g. h/l to move a point): `KEYS = [(key, action, description)]`
        # calls `panel.action_<action>()`; the description is marked N_ in the panel and shows in
        # the footer with the stepper's keys, translated by the screen (tutor/screens/base.py).
        for index, panel in enumerate(self.panels):
            for key, action, description, *old in getattr(panel, "KEYS", ()):
                # The old form `(key, action, description, description_zh)`: read while a lab
                # still has it (issue 16 moves the labs' words to catalogs), then delete this.
                if old and language() == "zh":
                    description = old[0]
                self._bindings.bind(key, f"panel_key({index}, {action!r})", description)

    # --- layout ------------------------------------------------------------
    def compose(self):
        yield Static("", id="stepper-status", markup=False)
        yield Static("", id="stepper-label", markup=False)
        yield Formula("", id="stepper-formula")
        yield Static("", id="stepper-message", markup=False)
        yield Static("", id="stepper-history", markup=False)

    def on_mount(self) -> None:
        self._start()
        self.call_after_refresh(self._render_state)

    # --- state -------------------------------------------------------------
    def watch_cursor(self) -> None:
        self._show()

    def watch_running(self, running: bool) -> None:
        self._schedule()
        self._render_state()
        self.post_message(self.RunningChanged(running))

    def watch_speed_index(self) -> None:
        self._schedule()
        self._render_state()

    @property
    def current(self):
        return self.history[self.cursor] if 0 <= self.cursor < len(self.history) else None

    @property
    def speed(self) -> int:
        return SPEEDS[self.speed_index]

    @property
    def busy(self) -> bool:
        return self._busy

    def _start(self) -> None:
        self._generation += 1
        self.history.clear()
        self.cursor = -1
        self.finished = False
        self.end = ""
        self.message = ""
        self._busy = False
        self._iterator = None      # made by the first pull, off the UI thread
        self._told_end = False
        if self.autostart:
            self.action_step()

    def _fail(self, exc: BaseException) -> None:
        self.finished = True
        self.end = "error"
        self.message = t("The lab stopped: {reason}", reason=one_line(exc))
        self._pause()
        try:
            self.notify(self.message, severity="error", timeout=8)
        except Exception:
            pass

    # --- actions -------------------------------------------------------------
    def action_step(self) -> None:
        if self.cursor < len(self.history) - 1:
            self.cursor += 1
        elif not self.finished and not self._busy:
            self._busy = True
            self._pull(self._generation)
        elif self.finished:
            self._pause()
            self._render_state()
            if not self._told_end:   # a key at the end says why nothing moves (once: no pile of toasts)
                self._told_end = True
                self.notify(t("The run has finished: press 0 or r to start again."), timeout=4)

    def go_to(self, index: int) -> None:
        """Show step `index` (a class following its teacher): back in the history, or
        forward by pulling events (each pull continues towards it)."""
        self.target = int(index)
        self._pause()
        self._towards()

    def _towards(self) -> None:
        target = self.target
        if target is None or target < 0:
            self.target = None
            return
        if target < len(self.history):
            self.target = None
            if self.cursor != target:
                self.cursor = target
            return
        if self.cursor < len(self.history) - 1:
            self.cursor = len(self.history) - 1
        if self.finished:
            self.target = None
        elif not self._busy:
            self.action_step()

    def action_back(self) -> None:
        self._pause()
        if self.cursor > 0:
            self.cursor -= 1

    def action_run(self) -> None:
        if self.running:
            self._pause()
        elif self.finished and self.cursor >= len(self.history) - 1:   # at the end: from the start again
            self.action_reset()
            self.running = True
        else:
            self.running = True

    def action_faster(self) -> None:
        self.speed_index = min(self.speed_index + 1, len(SPEEDS) - 1)

    def action_slower(self) -> None:
        self.speed_index = max(self.speed_index - 1, 0)

    def action_panel_key(self, index: int, action: str) -> None:
        panel = self.panels[index] if 0 <= index < len(self.panels) else None
        handler = getattr(panel, f"action_{action}", None)
        if not callable(handler):
            return
        try:
            handler()
        except Exception as exc:   # a panel's key never takes the lab down
            panel_failed(panel, exc)
            self.notify(t("A panel could not draw: {reason}", reason=one_line(exc)), severity="warning")

    def action_reset(self) -> None:
        self._pause()
        for panel in self.panels:
            reset = getattr(panel, "reset", None)
            if callable(reset):
                try:
                    reset()
                except Exception as exc:   # the run starts again anyway; the log keeps the bug
                    panel_failed(panel, exc)
        self._start()
        self._render_state()

    # --- running -------------------------------------------------------------
    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.running:
            self._timer = self.set_interval(1 / self.speed, self._tick)

    def _pause(self) -> None:
        self.running = False      # the watcher stops the timer

    def _tick(self) -> None:
        if self.finished and self.cursor >= len(self.history) - 1:
            self._pause()
            self._render_state()
        elif not self._busy:
            self.action_step()

    @work(exclusive=True, group="stepper-pull", exit_on_error=False)
    async def _pull(self, generation: int) -> None:
        """Take the next event from the run, off the UI thread (a reset's pull cancels this one)."""
        iterator, make_run, trace = self._iterator, self.make_run, self.trace
        done = object()

        def pull():
            nonlocal iterator
            try:
                if iterator is None:   # lab.run() itself may take a while: not on the UI thread
                    iterator = iter(make_run())
                if trace is not None:
                    return trace.record(lambda: next(iterator, done)), None
                return next(iterator, done), None
            except Exception as exc:   # a bad parameter, a bug in the lab…
                return None, exc

        event, error = await asyncio.to_thread(pull)
        if generation != self._generation or get_current_worker().is_cancelled:   # reset while we pulled
            return
        self._iterator = iterator
        self._busy = False
        if error is not None:
            self._fail(error)
        elif event is done:
            self.finished = True
            self.target = None
            if not self.end:
                self.end = "done" if self.history else "empty"
                last = self._step(self.history[-1]) if self.history else None
                self.message = (t("Run finished at step {step}. Press 0 to start again.", step=last)
                                if self.history else t("This run has no steps."))
            self._pause()
        else:
            self.history.append(event)
            if len(self.history) > KEEP:   # forget the oldest; stepping back stops there
                del self.history[0]
            kind = getattr(event, "kind", "")
            if kind == "done":
                self.finished, self.end = True, "done"
                self.message = t("Run finished at step {step}. Press 0 to start again.", step=self._step(event))
                self._pause()
            elif kind == "diverged":
                self.finished, self.end = True, "diverged"
                values = getattr(event, "values", {}) or {}
                self.message = t("diverged at step {k}. Press 0 to start again, perhaps with a smaller rate.",
                                 k=values.get("step", getattr(event, "step", "?")))
                self._pause()
            self.cursor = len(self.history) - 1     # the watcher shows it
            self._towards()
            return
        self._render_state()

    # --- drawing ---------------------------------------------------------------
    def _show(self) -> None:
        event = self.current
        if event is not None:
            seen = self.history[: self.cursor + 1]
            for panel in self.panels:
                show = getattr(panel, "show", None)
                if not callable(show):
                    continue
                try:
                    show(event, seen)
                except Exception as exc:   # say so once per panel, keep stepping
                    if id(panel) not in self._broken_panels:
                        self._broken_panels.add(id(panel))
                        panel_failed(panel, exc)
                        self.notify(t("A panel could not draw: {reason}", reason=one_line(exc)), severity="warning")
        self._render_state()

    def _label(self, event) -> str:
        """The event's caption in the student's language (the engine writes English)."""
        return caption(event)

    def _step(self, event):
        return getattr(event, "step", self.cursor)

    def _count(self, event) -> str:
        """Where the run is: its step (the number the end message names) and, for an iteration
        event, the iteration its caption names ("step 7 · iteration 5" beside "Iteration 5")."""
        values = getattr(event, "values", {}) or {}
        if getattr(event, "kind", "") == "iteration" and isinstance(values.get("iteration"), int):
            return t("step {step}  ·  iteration {k}", step=self._step(event), k=values["iteration"])
        return t("step {step}", step=self._step(event))

    def _render_state(self) -> None:
        if not self.children:   # not composed yet
            return
        event = self.current
        state = t("running") if self.running else t("paused")
        count = self._count(event) if event is not None else t("step {step}", step="-")
        self.query_one("#stepper-status", Static).update(
            t("{count}  ·  {state}  ·  {speed} steps/s", count=count, state=state, speed=self.speed))
        self.query_one("#stepper-label", Static).update(
            self._label(event) if event is not None else t("Press space or → to take the first step."))
        self.query_one("#stepper-formula", Formula).set_latex(getattr(event, "formula", "") if event else "")
        at_end = self.finished and self.cursor >= len(self.history) - 1
        self.query_one("#stepper-message", Static).update(self.message if at_end or self.end == "error" else "")
        recent = self.history[max(0, self.cursor - RECENT): self.cursor]
        # One line per past step, cut with … rather than wrapped.
        lines = Text(t("Recent steps:"), no_wrap=True, overflow="ellipsis")
        for e in recent:
            lines.append(f"\n{getattr(e, 'step', '')}: {self._label(e)}")
        self.query_one("#stepper-history", Static).update(lines if recent else "")
