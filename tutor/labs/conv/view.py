"""The conv lab's panel: the numbers under the window, the kernel, the map filling in."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tutor.labs.conv.payload import PoolValues, WindowValues
from tutor.labs.kit.views import matrix_text
from tutor.locale import t
from tutor.widgets.heatmap import Heatmap


def _latest(history, key):
    for e in reversed(history):
        if key in e.arrays:
            return e.arrays[key]
    return None


def side_by_side(*texts, below=None) -> Table:
    """Texts in columns (no wrapping: a wrapped matrix is unreadable); `below` under the first."""
    table = Table.grid(padding=(0, 3))
    for _ in texts:
        table.add_column(no_wrap=True)
    table.add_row(*texts)
    if below is not None:
        table.add_row(below, *[""] * (len(texts) - 1))
    return table


class ConvPanel(Vertical):
    DEFAULT_CSS = """
    ConvPanel { height: 1fr; }
    ConvPanel > #conv-numbers { height: auto; }
    ConvPanel > Horizontal { height: 1fr; min-height: 8; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab

    def compose(self):
        yield Static("", id="conv-numbers")
        with Horizontal():
            yield Heatmap(title=t("image"), cmap="gray", id="conv-image")
            yield Heatmap(title=t("feature map"), id="conv-fmap")
            yield Heatmap(title=t("pooled"), id="conv-pooled")

    def reset(self) -> None:
        self.query_one("#conv-numbers", Static).update("")

    def show(self, event, history) -> None:
        a = event.arrays
        numbers = self.query_one("#conv-numbers", Static)
        if event.kind == "window":
            k, v = a["kernel"].shape[-1], WindowValues.of(event)
            numbers.update(side_by_side(
                matrix_text(a["input"], box=(v.top, v.left, k, k), digits=1, title=t("input (padded)")),
                Text.assemble(matrix_text(a["kernel"], digits=2, title=t("kernel")), "\n",
                              matrix_text(a["products"], digits=1, title=t("window ⊙ kernel"))),
                below=matrix_text(a["feature_map"], filled=a["filled"], digits=1,
                                  box=(v.row, v.col, 1, 1), title=t("feature map"))))
        elif event.kind == "pool":
            size, v = a["window"].shape[0], PoolValues.of(event)
            pooled = (t("max pooled") if v.mode == "max"
                      else t("average pooled"))
            numbers.update(side_by_side(
                matrix_text(a["feature_map"], box=(v.top, v.left, size, size), digits=1,
                            title=t("feature map")),
                matrix_text(a["pooled"], filled=a["filled"], box=(v.row, v.col, 1, 1), digits=2,
                            title=pooled)))
        elif event.kind == "flatten":
            numbers.update(side_by_side(matrix_text(a["pooled"], digits=2, title=t("max pooled")),
                                        matrix_text(a["vector"].reshape(-1, 1), digits=2,
                                                    title=t("flattened"))))
        elif "image" in a:
            numbers.update(side_by_side(matrix_text(a["image"], digits=0, title=t("image")),
                                        matrix_text(a["kernel"], digits=2, title=t("kernel"))))
        elif "input" in a:
            numbers.update(matrix_text(a["input"], digits=0, title=t("padded input")))
        image = _latest(history, "image")
        if image is not None:
            self.query_one("#conv-image", Heatmap).set_data(image, vmin=0, vmax=max(float(image.max()), 1.0))
        fmap = _latest(history, "feature_map")
        if fmap is not None:
            self.query_one("#conv-fmap", Heatmap).set_data(fmap)
        pooled = _latest(history, "pooled")
        if pooled is not None:
            self.query_one("#conv-pooled", Heatmap).set_data(pooled)


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [ConvPanel(lab)]
