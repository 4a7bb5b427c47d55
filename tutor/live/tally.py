"""The teacher's count of an asked question's answers, as text for the projector.

    12 answered · 9 right (75 %)
    ✓ Against the gradient   ██████████  9
      Along the gradient     ██          2

Options in the lesson file's order (each student saw their own order); numbers
as a histogram with the right value's bar marked; other kinds, right and wrong.
Anonymous unless `names` (a key on the teacher's screen): then who answered what.
"""
from __future__ import annotations

from tutor.live.state import Answer
from tutor.locale import t

BAR = 20          # cells of the longest bar
BINS = 6


def _bar(n: int, most: int) -> str:
    return "█" * (round(BAR * n / most) if most else 0) or ("▏" if n else "")


def _who(students: list[str]) -> str:
    return "    " + ", ".join(sorted(students)) if students else ""


def tally(spec: dict, kind: str, answers: list[tuple[str, Answer, float]], names: bool = False) -> str:
    n = len(answers)
    right = sum(1 for _, a, _ in answers if a.right)
    lines = [t("{n} answered · {right} right ({share} %)", n=n, right=right,
               share=round(100 * right / n) if n else 0)]
    if kind in ("choice", "multi") and isinstance(spec.get("options"), list):
        options = [str(o) for o in spec["options"]][:9]
        want = spec.get("answer")
        want = set(want) if isinstance(want, list) else {want}
        counts = [[] for _ in options]
        for student, a, _ in answers:
            for k in a.picked or ():
                if 0 <= k < len(options):
                    counts[k].append(student)
        most = max((len(c) for c in counts), default=0)
        width = min(32, max((len(o) for o in options), default=0))
        for k, option in enumerate(options):
            mark = "✓" if k in want else " "
            lines.append(f"{mark} {option[:width]:<{width}}  {_bar(len(counts[k]), most):<{BAR}} {len(counts[k])}"
                         + (_who(counts[k]) if names else ""))
    elif kind == "number":
        values = [(s, a.value) for s, a, _ in answers if a.value is not None]
        try:
            target = float(spec.get("answer"))
        except (TypeError, ValueError):
            target = None
        lines += _histogram(values, target, names)
    elif names:
        lines.append(t("right:") + _who([s for s, a, _ in answers if a.right]))
        lines.append(t("not right:") + _who([s for s, a, _ in answers if not a.right]))
    return "\n".join(lines)


def _histogram(values: list[tuple[str, float]], target: float | None, names: bool) -> list[str]:
    if not values:
        return []
    numbers = [v for _, v in values] + ([target] if target is not None else [])
    low, high = min(numbers), max(numbers)
    if high == low:
        high = low + 1.0
    width = (high - low) / BINS
    bins: list[list[tuple[str, float]]] = [[] for _ in range(BINS)]
    for student, v in values:
        bins[min(BINS - 1, int((v - low) / width))].append((student, v))
    home = None if target is None else min(BINS - 1, int((target - low) / width))
    most = max(len(b) for b in bins)
    lines = []
    for k, found in enumerate(bins):
        a, b = low + k * width, low + (k + 1) * width
        mark = "✓" if k == home else " "
        label = f"{a:.4g} … {b:.4g}"
        who = _who([f"{s} {v:g}" for s, v in found]) if names else ""
        lines.append(f"{mark} {label:<22} {_bar(len(found), most):<{BAR}} {len(found)}{who}")
    if target is not None:
        lines.append(t("✓ marks the right value, {value:g}", value=target))
    return lines
