"""Which lesson a chart belongs to, and which charts a lesson needs.

A chart pictures one lab; a lesson needs the charts of the labs its ```lab
blocks run.  Lesson numbers are the home screen's ("2.2": chapter 2, its
second lesson), from the same function.
"""
from __future__ import annotations

from tutor.charts import LABS, NUMBERS


def _lessons(lang: str):
    from tutor.content import load_lessons

    lessons, _ = load_lessons(lang)
    return lessons


def lesson_numbers(lang: str) -> dict[str, str]:
    """{lesson id: "2.2"} as the home screen shows them."""
    from tutor.screens.home import numbering

    return numbering(_lessons(lang))


def charts_of(lesson) -> list[str]:
    """The chart numbers a lesson needs, in chart order."""
    labs = {block.lab for block in lesson.blocks("lab")}
    return [number for number in NUMBERS if LABS[number] in labs]


def home_lessons(lang: str) -> dict[str, str]:
    """{chart number: the number of the first lesson that runs its lab} ("" if none does)."""
    numbers = lesson_numbers(lang)
    found: dict[str, str] = {}
    for lesson in _lessons(lang):
        for number in charts_of(lesson):
            found.setdefault(number, numbers[lesson.id])
    return {number: found.get(number, "") for number in NUMBERS}
