"""The digits lab's panels: curves, the digit with its probabilities, the
confusion matrix and the wrong digits, and a grid the student draws on."""
from __future__ import annotations

import dataclasses

import numpy as np
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tutor.labs.digits import a_digit
from tutor.labs.digits.payload import DigitValues, FgsmValues, TestValues, WrongValues
from tutor.labs.kit.training import confusion_lines
from tutor.labs.kit.views import CurvesPlot, bars_text
from tutor.locale import N_, t, translated
from tutor.widgets.heatmap import Heatmap

PIXEL = "██"


def _latest(history, key):
    for e in reversed(history):
        if key in e.arrays:
            return e
    return None


class DrawGrid(Widget, can_focus=True):
    """An 8×8 grid to draw a digit on; the trained network reads it as you draw.

    Keys (when the grid has focus — tab to it): arrows move, x paints,
    z erases, c clears, l loads the digit shown above.  The mouse paints with
    a click (left) or erases (right); dragging paints too.
    """

    BINDINGS = [
        Binding("up", "move(-1, 0)", "Up", show=False),
        Binding("down", "move(1, 0)", "Down", show=False),
        Binding("left", "move(0, -1)", "Left", show=False),
        Binding("right", "move(0, 1)", "Right", show=False),
        Binding("x,enter", "paint(1.0)", N_("Paint")),
        Binding("z,delete,backspace", "paint(0.0)", N_("Erase")),
        Binding("c", "clear", N_("Clear grid")),
        Binding("l", "load", N_("Load digit")),
        Binding("left_square_bracket", "browse(-1)", N_("Prev test digit")),
        Binding("right_square_bracket", "browse(1)", N_("Next test digit")),
    ]

    DEFAULT_CSS = """
    DrawGrid { height: 14; width: 1fr; border: round $primary 40%; }
    DrawGrid:focus { border: round $accent; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab
        self.pixels = np.zeros((8, 8))
        self.cursor = (0, 0)
        self.shown_image = None       # the digit the stepper shows, for `l`
        self.browsing = -1            # index into the test set shown with [ and ]
        self.caption = ""
        # the footer shows these keys while the grid has focus: in the student's language
        # (until the app's footer translates every binding itself)
        for key, bindings in self._bindings.key_to_bindings.items():
            self._bindings.key_to_bindings[key] = [
                dataclasses.replace(b, description=translated(b.description)) if b.show else b
                for b in bindings]

    # --- what the stepper calls ------------------------------------------------
    def show(self, event, history) -> None:
        if "image" in event.arrays and event.arrays["image"].shape == (8, 8):
            self.shown_image = np.array(event.arrays["image"])
        self.refresh()

    def reset(self) -> None:
        self.refresh()

    # --- the network's reading --------------------------------------------------
    def prediction(self):
        if self.lab is None or not getattr(self.lab, "trained", False) or self.lab.model is None:
            return None
        from tutor.labs.digits import probabilities

        return probabilities(self.lab.model, self.pixels)[0]

    # --- actions -------------------------------------------------------------------
    def action_move(self, dr: int, dc: int) -> None:
        r, c = self.cursor
        self.cursor = (min(7, max(0, r + dr)), min(7, max(0, c + dc)))
        self.refresh()

    def action_paint(self, value: float) -> None:
        self.pixels[self.cursor] = value
        self.caption = t("your drawing")
        self.refresh()

    def action_clear(self) -> None:
        self.pixels[:] = 0.0
        self.caption = ""
        self.refresh()

    def action_load(self) -> None:
        if self.shown_image is not None:
            self.pixels = np.clip(np.array(self.shown_image, dtype=float), 0, 1)
            self.caption = t("the digit shown above")
            self.refresh()

    def action_browse(self, delta: int) -> None:
        test = getattr(self.lab, "test_set", None)
        if test is None:
            return
        X, y = test
        self.browsing = (self.browsing + delta) % len(X)
        self.pixels = np.array(X[self.browsing], dtype=float).reshape(8, 8)
        self.caption = t("test digit #{index}: {digit}", index=self.browsing, digit=a_digit(y[self.browsing]))
        self.refresh()

    def _cell_at(self, event):
        offset = event.get_content_offset(self)      # inside the border, or None
        if offset is None:
            return None
        r, c = offset.y - 1, offset.x // 2           # row 0 is the caption; two columns per pixel
        if 0 <= r < 8 and 0 <= c < 8:
            return r, c
        return None

    def on_mouse_down(self, event) -> None:
        cell = self._cell_at(event)
        if cell is not None:
            self.cursor = cell
            self.action_paint(0.0 if event.button == 3 else 1.0)

    def on_mouse_move(self, event) -> None:
        if event.button == 1:
            cell = self._cell_at(event)
            if cell is not None:
                self.cursor = cell
                self.action_paint(1.0)

    # --- drawing ---------------------------------------------------------------------
    def render(self):
        text = Text(t("draw: tab here, x paint, z erase, [ ] browse") + "\n", style="bold")
        p = self.prediction()
        side = (bars_text(p, [str(d) for d in range(10)], width=12, vmax=1.0, digits=2,
                          highlight=int(np.argmax(p))).plain.splitlines() if p is not None
                else t("(train to the end to\n see the prediction)").split("\n"))
        for r in range(8):
            for c in range(8):
                g = int(30 + 225 * self.pixels[r, c])
                style = Style(color=f"rgb({g},{g},{g})")
                if (r, c) == self.cursor and self.has_focus:
                    style = style + Style(bgcolor="yellow")
                text.append(PIXEL if (r, c) != self.cursor or not self.has_focus else "▓▓", style=style)
            text.append("   " + (side[r] if r < len(side) else "") + "\n")
        for r in (8, 9):                 # the bars for 8 and 9 continue under the grid
            text.append(" " * 19 + (side[r] if r < len(side) else "") + "\n")
        if p is not None:
            best, sure = int(np.argmax(p)), p.max()
            text.append(t("{caption}: reads it as {digit} ({p:.1%})", caption=self.caption, digit=best, p=sure)
                        if self.caption else t("reads it as {digit} ({p:.1%})", digit=best, p=sure), style="bold")
        return text


class DigitsPanel(VerticalScroll):
    DEFAULT_CSS = """
    DigitsPanel { height: 1fr; }
    DigitsPanel > CurvesPlot { height: 12; }
    DigitsPanel > Horizontal { height: 12; }
    DigitsPanel #digit-image { width: 20; height: 12; }
    DigitsPanel #digit-probs { width: 1fr; height: auto; }
    DigitsPanel #digit-table { height: auto; margin: 1 0; }
    DigitsPanel #digit-wrong { height: 6; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab

    def compose(self):
        yield CurvesPlot(t("loss and accuracy"))
        with Horizontal():
            yield Heatmap(title=t("digit"), cmap="gray", vmin=0, vmax=1, show_legend=False, id="digit-image")
            yield Static("", id="digit-probs")
        yield Static("", id="digit-table")
        yield Heatmap(title=t("wrong digits"), cmap="gray", vmin=0, vmax=1, show_legend=False, id="digit-wrong")
        yield DrawGrid(self.lab, id="digit-draw")

    def reset(self) -> None:
        self.query_one(CurvesPlot).reset()
        self.query_one("#digit-probs", Static).update("")
        self.query_one("#digit-table", Static).update("")

    def show(self, event, history) -> None:
        self.query_one(CurvesPlot).show(event, history)
        shown = _latest(history, "probs")
        if shown is not None:
            self._show_digit(shown)
        table = _latest(history, "confusion")
        wrong = _latest(history, "wrong_images")
        if table is not None and TestValues.of(table) is not None:
            self._show_table(table, wrong)
        if wrong is not None and len(wrong.arrays["wrong_images"]):
            images = wrong.arrays["wrong_images"][:8]
            gap = np.full((8, 1), np.nan)
            row = np.hstack([np.hstack([im, gap]) for im in images])[:, :-1]
            self.query_one("#digit-wrong", Heatmap).set_data(row, vmin=0, vmax=1)
        self.query_one(DrawGrid).show(event, history)

    def _show_digit(self, shown) -> None:
        """A browsed digit, or the FGSM one, with its probabilities."""
        attack = FgsmValues.of(shown)
        v = attack or DigitValues.of(shown)
        self.query_one("#digit-image", Heatmap).set_data(shown.arrays["image"], vmin=0, vmax=1)
        # (the line break is part of the second message: the grid's caption says the same
        # English words differently in Chinese)
        head = (t("FGSM ε = {eps:g}: {digit} now read as {predicted}", eps=attack.eps, digit=a_digit(v.label),
                  predicted=v.predicted) + "\n" if attack
                else t("test digit #{index}: {digit}\n", index=v.index, digit=a_digit(v.label)))
        self.query_one("#digit-probs", Static).update(
            Text(head, style="bold") + bars_text(shown.arrays["probs"], [str(d) for d in range(10)],
                                                 width=20, vmax=1.0, digits=3, highlight=v.predicted))

    def _show_table(self, table, wrong) -> None:
        """The confusion matrix, and the first wrong digits."""
        text = Text(t("confusion matrix (rows: true, columns: predicted)") + "\n", style="bold")
        text.append("\n".join(confusion_lines(table.arrays["confusion"], TestValues.of(table).names)))
        if wrong is not None:
            a = wrong.arrays
            first = t(", ").join(f"#{i} {d}→{p}" for i, d, p in zip(a["wrong_index"][:6], a["wrong_labels"],
                                                                      a["wrong_preds"]))
            text.append("\n" + t("{n} wrong; first: {examples}", n=WrongValues.of(wrong).wrong, examples=first))
        self.query_one("#digit-table", Static).update(text)


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [DigitsPanel(lab)]
