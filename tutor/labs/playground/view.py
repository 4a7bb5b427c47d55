"""The playground's view (imported only by tutor.labs.panels_for()).

One container hears every step (`show` only stores the event: cheap, however
fast the run goes) and redraws at most REDRAW_HZ times a second, and only
the parts whose data changed: the counters, the decision regions (computed
here from the event's weights, at the widget's own size) and the loss
curves.

While the stepper runs, a Textual thread worker (`_train`, group TRAIN) trains
the run's Trainer as fast as `pace` allows; the stepper's pulls show snapshots
of it.  The lab screen sets `running` when the stepper starts or pauses
(attributes down); pausing, resetting, a network key, the settings form or
leaving the lab cancels the worker (Textual cancels a removed widget's
workers), and the worker checks for that between chunks of a few steps.

Keys (the stepper's own keys step, run and reset):
    h / l   choose the hidden layer        k / j   one neuron more / fewer
    a       add a hidden layer             x       remove the chosen layer
Changing the network starts a fresh run.  (`+`/`-` already set the speed.)
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual.containers import Vertical
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from tutor.labs.playground.payload import Diverged, Progress
from tutor.labs.playground.regions import grid_for, to_cells
from tutor.labs.playground.trainer import MAX_LAYERS, MAX_NEURONS, Pace, Trainer, build_network
from tutor.locale import t
from tutor.widgets.guard import panel_failed
from tutor.widgets.heatmap import HALF, colours
from tutor.widgets.lab_panel import LabPanel
from tutor.widgets.plot import Plot

REDRAW_HZ = 4
LEVELS = 6                 # colour steps per class: regions of equal colour cost few bytes to draw
CURVE_POINTS = 120         # the loss curves are thinned to this many points (the plot is ~90 dots wide)
CLASS_RGB = {0: (30, 60, 200), 1: (200, 30, 30)}
TRAIN = "playground-train"  # the worker group of the background training


@lru_cache(maxsize=4096)
def style_of(fg, bg) -> Style:
    """A foreground on a background, both RGB triples (fg may be None); cached, the same few recur."""
    return Style(color=None if fg is None else Color.from_rgb(*fg), bgcolor=Color.from_rgb(*bg))


def network_from(event, sizes, activation):
    """The network of a snapshot (the weights travel in the event's arrays)."""
    net = build_network(sizes, activation, 0)
    for i, k, p in net.parameters():
        p[...] = event.arrays[f"w{i}.{k}"]
    return net


class BoundaryMap(Widget):
    """Decision regions (blue class 0, red class 1; paler = less sure) with the points:
    ● training points, ○ test points, in their class colour."""

    DEFAULT_CSS = """
    BoundaryMap { height: 1fr; min-height: 6; }
    """

    def __init__(self, title: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.pixels: np.ndarray | None = None     # the last probabilities drawn (for tests)
        self.points: list = []                    # (X, y, marker)
        self.net = None
        self._lines: list[Strip] = []
        self._key = None
        self._shown = None                        # the quantised picture on screen
        self._computed = (0, 0, 0, None)          # (width, height, id(net), levels) last computed
        self._box = (0.0, 1.0, 0.0, 1.0)

    def set_points(self, Xtr, ytr, Xte, yte) -> None:
        self.points = [(np.asarray(Xtr), np.asarray(ytr), "●"), (np.asarray(Xte), np.asarray(yte), "○")]
        self._key = None

    def set_network(self, net) -> None:
        """Show a new network's regions; nothing is redrawn if the picture would not change."""
        self.net = net
        size = self.content_size
        levels = self._levels(size.width, size.height)
        self._computed = (size.width, size.height, id(net), levels)     # _build reuses it
        if self._shown is not None and levels is not None and levels.shape == self._shown.shape \
                and np.array_equal(levels, self._shown):
            return
        self._key = None
        self.refresh()

    def _levels(self, width: int, height: int):
        """Quantised class-1 probability per pixel (−LEVELS..LEVELS), or None if there is nothing to draw."""
        rows = max(0, height - 1)
        if self.net is None or not self.points or rows == 0 or width == 0:
            return None
        grid, self._box = grid_for([X for X, _, _ in self.points], width, 2 * rows)
        with np.errstate(over="ignore", invalid="ignore"):
            z = self.net.predict(grid).reshape(2 * rows, width)
        p = 1.0 / (1.0 + np.exp(-np.clip(np.nan_to_num(z), -30, 30)))
        self.pixels = p
        return np.round((p - 0.5) * 2 * LEVELS).astype(int)

    def _build(self, width: int, height: int) -> list[Strip]:
        title = Text(self.title, style="bold").render(self.app.console)
        strips = [Strip(list(title)).crop(0, width)]
        w, h, net_id, levels = self._computed
        if (w, h, net_id) != (width, height, id(self.net)):
            levels = self._levels(width, height)
        self._shown = levels
        if levels is None:
            return strips
        rows = levels.shape[0] // 2
        rgb = colours(levels / LEVELS * 0.6, -1.0, 1.0)      # pale: the points must stand out
        marks: dict[tuple[int, int], tuple[str, int]] = {}
        for X, y, marker in self.points:
            r, c = to_cells(X, self._box, width, 2 * rows)
            for rr, cc, cls in zip(r // 2, c, y):
                marks[(int(rr), int(cc))] = (marker, int(cls > 0.5))
        for row in range(rows):
            segments = []
            upper, lower = rgb[2 * row], rgb[2 * row + 1]
            for col in range(width):
                bg = style_of(None, tuple(lower[col]))
                if (row, col) in marks:
                    marker, cls = marks[(row, col)]
                    segments.append(Segment(marker, style_of(CLASS_RGB[cls], tuple(lower[col]))))
                elif tuple(upper[col]) == tuple(lower[col]):
                    segments.append(Segment(" ", bg))     # one byte, and it merges with its neighbours
                else:
                    segments.append(Segment(HALF, style_of(tuple(upper[col]), tuple(lower[col]))))
            segments = list(Segment.simplify(segments))   # equal neighbours become one run
            strips.append(Strip(segments, width))
        return strips

    def render_line(self, y: int) -> Strip:
        size = self.content_size
        key = (size.width, size.height, id(self.net), len(self.points))
        if self._key != key:
            self._lines = self._build(size.width, size.height)
            self._key = key
        return self._lines[y] if y < len(self._lines) else Strip.blank(size.width)


class PlaygroundView(LabPanel, Vertical):
    DEFAULT_CSS = """
    PlaygroundView { height: 1fr; }
    PlaygroundView > #playground-counters { height: auto; }
    PlaygroundView > BoundaryMap { height: 2fr; }
    PlaygroundView > Plot { height: 1fr; min-height: 6; }
    """

    running: reactive[bool] = reactive(False, init=False)
    """The stepper is running (the lab screen sets it): train in the background meanwhile."""

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        # the panel's keys for the stepper's footer, in the student's language
        self.KEYS = [("h", "layer_prev", t("Layer ←")), ("l", "layer_next", t("Layer →")),
                     ("k", "more", t("Neuron +")), ("j", "fewer", t("Neuron −")),
                     ("a", "add_layer", t("Add layer")), ("x", "remove_layer", t("Remove layer"))]
        self.lab = lab
        self.selected = 0
        self.event = None
        self.history: list = []
        self.points_event = None
        self.dirty = False
        self.redraws = 0               # how many times the view redrew (benchmarks read it)
        self._drawn_step = None        # the snapshot the map shows
        self._curve_len = None
        self._training: Worker | None = None
        self._trained: Trainer | None = None     # the run the worker trains

    def compose(self):
        yield Static("", id="playground-counters", markup=False)
        yield BoundaryMap(t("decision regions  ● train  ○ test"), id="playground-map")
        yield Plot(t("loss"), xlabel=t("epoch"), max_hz=REDRAW_HZ, id="playground-loss")

    def on_mount(self) -> None:
        self.set_interval(1 / REDRAW_HZ, self.redraw)
        self._counters()

    # --- training in the background while the stepper runs --------------------------
    def watch_running(self) -> None:
        self._follow()

    def _follow(self) -> None:
        """Train the shown run while running; else no worker.  The lab's latest trainer is
        the shown run's once its first event is here (a reset clears `points_event`)."""
        trainer = self.lab.trainer
        if not (self.running and self.points_event is not None and trainer is not None):
            # a worker whose run has ended is ending by itself: cancelling it would only make
            # whoever awaits it (workers.wait_for_complete) raise WorkerCancelled
            if self._trained is None or not self._trained.finished:
                self.workers.cancel_group(self, TRAIN)
        elif self._training is None or self._training.is_finished or self._trained is not trainer:
            self._trained = trainer
            self._training = self._train(trainer, float(self.lab.values["pace"]))

    @work(thread=True, exclusive=True, group=TRAIN, exit_on_error=False)
    def _train(self, trainer: Trainer, pace: float) -> None:
        """Train until the run ends or the worker is cancelled (checked every few steps; a
        cancel also cuts the pace's wait short)."""
        worker = get_current_worker()
        with trainer.driven():
            pacing = Pace(trainer, pace)
            while not worker.is_cancelled and not trainer.finished:
                trainer.train_chunk()
                worker.cancelled_event.wait(pacing.delay())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A training worker that failed says so once (the stepper's pulls still step the run)."""
        if event.worker.group == TRAIN and event.state == WorkerState.ERROR:
            self._warn(event.worker.error)

    # --- steps ----------------------------------------------------------------
    def show(self, event, history) -> None:
        self.event, self.history = event, history
        if "Xtr" in event.arrays:          # the run's first event carries the points
            self.points_event = event
            self._follow()
        self.dirty = True

    def reset(self) -> None:
        self.workers.cancel_group(self, TRAIN)
        self.event, self.history, self.dirty = None, [], True
        self.points_event = None
        self.query_one(BoundaryMap).points = []
        self._drawn_step = self._curve_len = None
        self.query_one("#playground-loss", Plot).clear()

    def redraw(self) -> None:
        """At most REDRAW_HZ times a second; only the parts that changed."""
        if not self.dirty:
            return
        self.dirty = False
        self.redraws += 1
        try:
            self._redraw()
        except Exception as exc:     # a drawing problem must never reach the screen as a traceback
            self._warn(exc)

    def _warn(self, exc: BaseException | None) -> None:
        """Once per view: what went wrong, in a line."""
        if not getattr(self, "_warned", False):
            self._warned = True
            panel_failed(self, exc)
            self.notify(t("playground view: {error}: {detail}", error=type(exc).__name__, detail=exc),
                        severity="warning")

    def _redraw(self) -> None:
        self._counters()
        event = self._snapshot()
        boundary = self.query_one(BoundaryMap)
        if event is not None and (event.step, len(self.history)) != self._drawn_step:
            if self.points_event is not None and not boundary.points:
                a = self.points_event.arrays
                boundary.set_points(a["Xtr"], a["ytr"], a["Xte"], a["yte"])
            boundary.set_network(network_from(event, self.lab.sizes, self.lab.values["activation"]))
            self._drawn_step = (event.step, len(self.history))
        self._curves()

    def _snapshot(self):
        """The latest event at or before the cursor that carries weights."""
        for e in reversed(self.history):
            if "w0.W" in e.arrays:
                return e
        return None

    def _curves(self) -> None:
        parts = [e.arrays["curve"] for e in self.history if "curve" in e.arrays]
        total = sum(len(p) for p in parts)
        if total == self._curve_len:
            return
        self._curve_len = total
        plot = self.query_one("#playground-loss", Plot)
        if not parts:
            plot.clear()
            return
        curve = np.vstack(parts)
        if len(curve) > CURVE_POINTS:
            curve = curve[np.linspace(0, len(curve) - 1, CURVE_POINTS).astype(int)]
        plot.set_series("train", curve[:, 0], curve[:, 1], color="blue", label=t("train"))
        plot.set_series("test", curve[:, 0], curve[:, 2], color="orange", label=t("test"))

    def _counters(self) -> None:
        sizes = self.lab.sizes
        layers = " ".join((f"[{s}]" if k == self.selected else str(s)) for k, s in enumerate(sizes)) \
            or t("none")
        snap = self._snapshot()
        now = Progress.of(snap) if snap is not None else None
        diverged = Diverged.of(self.event) if self.event is not None and self.event.kind == "diverged" else None
        text = Text()
        if diverged is not None:
            text.append(t("diverged at step {step}", step=diverged.step) + "\n", style="bold red")
        if now is not None:
            text.append(t("epoch {epoch}", epoch=now.epoch), style="bold")
            text.append(" · " + t("step {step}", step=now.step) + " · "
                        + t("loss {train:.3f} train, {test:.3f} test", train=now.train_loss, test=now.test_loss)
                        + "\n" + t("test accuracy {accuracy:.2f}", accuracy=now.test_acc) + " · ")
        text.append(t("hidden {layers} · {activation}", layers=layers.strip(), activation=self.lab.values["activation"])
                    + "\n", style="bold")
        text.append(t("h l: choose a layer · k j: neuron ± · a x: layer ±"), style="dim")
        self.query_one("#playground-counters", Static).update(text)

    # --- keys: change the network and start again ------------------------------
    def _rebuild(self, sizes: list[int]) -> None:
        self.lab.sizes = list(sizes)
        self.lab.values["hidden"] = ",".join(map(str, sizes)) if sizes else "0"
        self.selected = min(self.selected, max(0, len(sizes) - 1))
        self.post_message(self.SettingsChanged())     # the lab screen starts a fresh run
        self._counters()

    def action_layer_prev(self) -> None:
        if self.lab.sizes:
            self.selected = (self.selected - 1) % len(self.lab.sizes)
            self._counters()

    def action_layer_next(self) -> None:
        if self.lab.sizes:
            self.selected = (self.selected + 1) % len(self.lab.sizes)
            self._counters()

    def _resize(self, delta: int) -> None:
        sizes = list(self.lab.sizes)
        if not sizes:
            return
        new = min(max(sizes[self.selected] + delta, 1), MAX_NEURONS)
        if new != sizes[self.selected]:
            sizes[self.selected] = new
            self._rebuild(sizes)

    def action_more(self) -> None:
        self._resize(+1)

    def action_fewer(self) -> None:
        self._resize(-1)

    def action_add_layer(self) -> None:
        if len(self.lab.sizes) < MAX_LAYERS:
            sizes = list(self.lab.sizes)
            sizes.insert(self.selected + 1 if sizes else 0, 2)
            self.selected = self.selected + 1 if self.lab.sizes else 0
            self._rebuild(sizes)

    def action_remove_layer(self) -> None:
        if self.lab.sizes:
            sizes = list(self.lab.sizes)
            del sizes[self.selected]
            self._rebuild(sizes)


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [PlaygroundView(lab, id="playground")]
