"""The iris lab's panels: loss and accuracy curves, decision regions, confusion matrix."""
from __future__ import annotations

import numpy as np
from rich.text import Text

from tutor.labs.kit.training import confusion_lines
from tutor.labs.kit.views import CurvesPlot, TextPanel
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


def _tr(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


class RegionsMap(Heatmap):
    def __init__(self, fx: str, fy: str, lang: str = "en", **kwargs) -> None:
        from tutor.labs.iris import FEATURE_ZH

        title = _tr(lang, f"{fx} → , {fy} ↑  (blue setosa, green versicolor, red virginica)",
                    f"{FEATURE_ZH[fx]} →，{FEATURE_ZH[fy]} ↑（蓝：山鸢尾，绿：变色鸢尾，红：维吉尼亚鸢尾）")
        super().__init__(title=title,
                         cmap=CLASSES_CMAP, vmin=0, vmax=5, show_legend=False, **kwargs)

    def show(self, event, history) -> None:
        for e in reversed(history):
            if "regions" in e.arrays:
                self.set_data(class_image(e.arrays), vmin=0, vmax=5)
                return

    def reset(self) -> None:
        self.set_data(np.zeros((0, 0)))


def confusion_text(event, history, lang: str = "en"):
    from tutor.labs.iris import species_names

    for e in reversed(history):
        if "confusion" in e.arrays and "names" in e.values:
            lines = confusion_lines(e.arrays["confusion"], species_names(e.values["names"], lang), lang)
            return (Text(_tr(lang, "confusion matrix (test set)\n", "混淆矩阵（测试集）\n"), style="bold")
                    + Text("\n".join(lines)))
    return Text(_tr(lang, "the confusion matrix appears after training", "训练结束后，这里显示混淆矩阵"),
                style="italic")


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    fx, fy, lang = lab.values["x"], lab.values["y"], lab.lang
    return [CurvesPlot(_tr(lang, "loss and accuracy", "损失和准确率"), lang=lang), RegionsMap(fx, fy, lang),
            TextPanel(lambda event, history: confusion_text(event, history, lang))]
