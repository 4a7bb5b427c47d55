"""An exercise names a lesson by its id, `[[computational-graphs]]`, never by a number.

The app numbers lessons by their place in the table of contents, and a lesson
added later moves the numbers (tutor/content/refs.py).  `show` writes each
reference as the app shows that lesson now, its number and its title in the
student's language (t("{number} {title}"), as a lesson's own references).
tutor.content (YAML, the loader) is imported only when a text names a lesson.
"""
from __future__ import annotations

from functools import lru_cache

from tutor.locale import language, t


def labels(lessons) -> dict[str, str]:
    """{lesson id: "2.7 Title"} for a list of lessons (the student's, in their language)."""
    from tutor.content.refs import numbering

    numbers = numbering(lessons)
    return {lesson.id: t("{number} {title}", number=numbers[lesson.id], title=lesson.title) for lesson in lessons}


@lru_cache(maxsize=4)
def _labels_in(lang: str) -> dict[str, str]:
    from tutor.content import load_lessons

    return labels(load_lessons(lang)[0])


def show(text: str, lessons=None) -> str:
    """`text` with each [[backpropagation]]-style reference as the app shows it now: numbered in `lessons`
    (the app's), else in the lessons of the student's language; an unknown id stays as written."""
    if "[[" not in text:                    # the lessons are read only when a text names one
        return text
    from tutor.content.refs import REF_RE

    known = labels(lessons) if lessons is not None else {}
    if any(m.group(1) not in known for m in REF_RE.finditer(text)):     # none given, or not the app's own lessons
        known = {**_labels_in(language()), **known}
    return REF_RE.sub(lambda m: known.get(m.group(1), m.group(0)), text)
