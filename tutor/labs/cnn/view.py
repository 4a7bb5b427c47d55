"""The cnn lab's panels: test accuracy of the CNN and the MLP, learned kernels, feature maps."""
from __future__ import annotations

import numpy as np
from textual.containers import Horizontal, Vertical

from tutor.labs.cnn import ChannelValues
from tutor.labs.kit.training import epoch_series
from tutor.locale import t
from tutor.widgets.heatmap import Heatmap
from tutor.widgets.plot import Plot


def mosaic(tiles, gap: int = 1) -> np.ndarray:
    """Tiles side by side with a column of nan between them (drawn grey)."""
    tiles = [np.asarray(tile, dtype=float) for tile in tiles]
    h = tiles[0].shape[0]
    parts = []
    for tile in tiles:
        parts += [tile, np.full((h, gap), np.nan)]
    return np.hstack(parts[:-1])


class AccuracyPlot(Plot):
    def show(self, event, history) -> None:
        for model in ("cnn", "mlp"):
            xs, ys = epoch_series(history, lambda v: v.val_acc, model)
            self.set_series(f"{model.upper()} test acc", xs, ys, label=t("{model} test acc", model=model.upper()))

    def reset(self) -> None:
        self.clear()


class MapsPanel(Vertical):
    DEFAULT_CSS = """
    MapsPanel { height: 1fr; }
    MapsPanel > Horizontal { height: 1fr; }
    MapsPanel #cnn-digit { width: 22; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab
        self.kernels_title = t("learned 3×3 kernels, one per channel")
        self.fmaps_title = t("feature maps (after ReLU), one per channel")

    def compose(self):
        with Horizontal():
            yield Heatmap(title=t("test digit"), cmap="gray", vmin=0, vmax=1,
                          show_legend=False, id="cnn-digit")
            yield Heatmap(title=self.kernels_title, id="cnn-kernels")
        yield Heatmap(title=self.fmaps_title, cmap="gray", id="cnn-fmaps")

    def show(self, event, history) -> None:
        for e in [event] + list(reversed(history)):
            a = e.arrays
            if "kernels" in a:
                self.query_one("#cnn-digit", Heatmap).set_data(a["image"], vmin=0, vmax=1)
                self.query_one("#cnn-kernels", Heatmap).set_data(mosaic(list(a["kernels"])))
                self.query_one("#cnn-fmaps", Heatmap).set_data(mosaic(list(a["fmaps"])))
                channel = ChannelValues.of(e)
                if channel is not None:
                    k, n = channel.channel + 1, len(a["kernels"])
                    self.query_one("#cnn-kernels", Heatmap).set_data(
                        a["kernel"], title=t("kernel of channel {k} (of {n})", k=k, n=n))
                    self.query_one("#cnn-fmaps", Heatmap).set_data(
                        a["fmap"], title=t("feature map of channel {k}", k=k))
                else:
                    self.query_one("#cnn-kernels", Heatmap).title = self.kernels_title
                    self.query_one("#cnn-fmaps", Heatmap).title = self.fmaps_title
                return


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [AccuracyPlot(t("test accuracy: CNN and MLP"), xlabel=t("epoch"), legend_below=True),   # not over the curves
            MapsPanel(lab)]
