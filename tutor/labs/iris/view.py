"""The iris lab's panels: loss and accuracy curves, decision regions, confusion matrix."""
from __future__ import annotations

import numpy as np
from rich.text import Text

from tutor.labs.kit.training import confusion_lines
from tutor.labs.kit.views import CurvesPlot, TextPanel
from tutor.locale import t
from tutor.widgets import heatmap as _heatmap
from tutor.widgets.heatmap import Heatmap

# three classes: light for the regions (0, 1, 2), strong for the flowers (3, 4, 5)
CLASSES_CMAP = "classes3"
_heatmap.CMAPS.setdefault(CLASSES_CMAP, np.array(
    [(150, 170, 235), (160, 220, 160), (240, 160, 150), (20, 40, 170), (10, 110, 10), (170, 10, 20)], float))


def class_image(arrays) -> np.ndarray:
    image = np.array(arrays["regions"], dtype=float)
    image[arrays["point_rows"], arrays["point_cols"]] = 3 + np.asarray(arrays["point_classes"])
    return image


class RegionsMap(Heatmap):
    def __init__(self, fx: str, fy: str, **kwargs) -> None:
        from tutor.labs.iris import feature_name

        title = t("{x} → , {y} ↑  (blue setosa, green versicolor, red virginica)", x=feature_name(fx),
                  y=feature_name(fy))
        super().__init__(title=title,
                         cmap=CLASSES_CMAP, vmin=0, vmax=5, show_legend=False, **kwargs)

    def show(self, event, history) -> None:
        for e in reversed(history):
            if "regions" in e.arrays:
                self.set_data(class_image(e.arrays), vmin=0, vmax=5)
                return

    def reset(self) -> None:
        self.set_data(np.zeros((0, 0)))


def confusion_text(event, history):
    from tutor.labs.iris import TestValues, species_names

    for e in reversed(history):
        tested = TestValues.of(e)
        if tested is not None:
            lines = confusion_lines(e.arrays["confusion"], species_names(tested.names))
            return Text(t("confusion matrix (test set)") + "\n", style="bold") + Text("\n".join(lines))
    return Text(t("the confusion matrix appears after training"), style="italic")


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [CurvesPlot(t("loss and accuracy")), RegionsMap(lab.values["x"], lab.values["y"]),
            TextPanel(confusion_text)]
