"""The cnn lab's panels: test accuracy of the CNN and the MLP, learned kernels, feature maps."""
from __future__ import annotations

import numpy as np
from textual.containers import Horizontal, Vertical

from tutor.labs._labs2 import history_series
from tutor.widgets.heatmap import Heatmap
from tutor.widgets.plot import Plot


def mosaic(tiles, gap: int = 1) -> np.ndarray:
    """Tiles side by side with a column of nan between them (drawn grey)."""
    tiles = [np.asarray(t, dtype=float) for t in tiles]
    h = tiles[0].shape[0]
    parts = []
    for t in tiles:
        parts += [t, np.full((h, gap), np.nan)]
    return np.hstack(parts[:-1])


class AccuracyPlot(Plot):
    def show(self, event, history) -> None:
        for model in ("cnn", "mlp"):
            xs, ys = history_series(history, "val_acc", model=model)
            self.set_series(f"{model.upper()} test acc", xs, ys)

    def reset(self) -> None:
        self.clear()


class MapsPanel(Vertical):
    DEFAULT_CSS = """
    MapsPanel { height: 1fr; }
    MapsPanel > Horizontal { height: 1fr; }
    MapsPanel #cnn-digit { width: 22; }
    """

    def compose(self):
        with Horizontal():
            yield Heatmap(title="test digit", cmap="gray", vmin=0, vmax=1, show_legend=False, id="cnn-digit")
            yield Heatmap(title="learned 3×3 kernels, one per channel", id="cnn-kernels")
        yield Heatmap(title="feature maps (after ReLU), one per channel", cmap="gray", id="cnn-fmaps")

    def show(self, event, history) -> None:
        for e in [event] + list(reversed(history)):
            a = e.arrays
            if "kernels" in a:
                self.query_one("#cnn-digit", Heatmap).set_data(a["image"], vmin=0, vmax=1)
                self.query_one("#cnn-kernels", Heatmap).set_data(mosaic(list(a["kernels"])))
                self.query_one("#cnn-fmaps", Heatmap).set_data(mosaic(list(a["fmaps"])))
                title = "learned 3×3 kernels, one per channel"
                if "channel" in e.values:
                    title = f"kernel of channel {e.values['channel'] + 1} (of {len(a['kernels'])})"
                    self.query_one("#cnn-kernels", Heatmap).set_data(a["kernel"], title=title)
                    self.query_one("#cnn-fmaps", Heatmap).set_data(
                        a["fmap"], title=f"feature map of channel {e.values['channel'] + 1}")
                else:
                    self.query_one("#cnn-kernels", Heatmap).title = title
                    self.query_one("#cnn-fmaps", Heatmap).title = "feature maps (after ReLU), one per channel"
                return


def cnn_panels() -> list:
    return [AccuracyPlot("test accuracy: CNN and MLP", xlabel="epoch"), MapsPanel()]
