"""A transcript as headings, paragraphs and tables of plain text, in the reader's language.

Both formats (html.py, markdown.py) render the same document, so they say the same
things; escaping is theirs alone.  A `Typed` cell is text a student typed: shown as
typed (monospace, spaces kept, control characters made visible), never as markup.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from tutor import __version__
from tutor.locale import t
from tutor.transcript.record import Record


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str


class Typed(str):
    """A cell holding what a student typed."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def when(at: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at)) if at else "-"


def score(pair) -> str:
    return f"{pair[0]}/{pair[1]}" if pair else "-"


def verdict(word: str) -> str:
    words = {"right": t("answered right"), "wrong": t("answered wrong"),
             "unreadable": t("not readable (no try used)"), "error": t("could not be checked")}
    return words.get(word, word)


def exercise_status(word: str) -> str:
    words = {"passed": t("passed"), "failing": t("failing"), "unfinished": t("unfinished"),
             "not started": t("not started"), "missing": t("missing"), "error": t("not checked")}
    return words.get(word, word)


def title(record: Record) -> str:
    return t("Transcript of {student}", student=record.student)


def build(record: Record) -> list:
    doc: list = [Heading(1, title(record)),
                 Para(t("Written by dltutor {version} on {date}, from the progress store: every number "
                        "and every answer below is as it was recorded.", version=__version__,
                        date=when(record.made_at)))]
    doc += [Heading(2, t("Summary")), Table((t("What"), t("How many")), (
        (t("Pages seen"), str(record.pages_seen)),
        (t("Answers given"), str(record.answers)),
        (t("Answers right"), str(record.right)),
        (t("Quizzes finished"), str(record.quizzes)),
        (t("Labs opened"), str(len(record.labs))),
        (t("Exercises passed"), str(record.exercises_passed)),
    ))]
    doc.append(Heading(2, t("Lessons")))
    if not record.lessons:
        doc.append(Para(t("No lesson opened yet.")))
    for lesson in record.lessons:
        name = f"{lesson.number} {lesson.title}".strip()
        doc.append(Heading(3, name))
        seen = ", ".join(str(p + 1) for p in lesson.pages) or "-"
        if lesson.pages_total is None:
            pages = t("Pages seen: {n} (pages {pages}); this lesson is not installed here.",
                      n=len(lesson.pages), pages=seen)
        else:
            pages = t("Pages seen: {n} of {total} (pages {pages}).", n=len(lesson.pages), total=lesson.pages_total,
                      pages=seen)
        doc.append(Para(pages))
        if lesson.best is not None:
            doc.append(Para(t("Quiz: best score {best}, last score {last}.", best=score(lesson.best),
                              last=score(lesson.last))))
        if lesson.answers:
            doc.append(Table((t("Question"), t("Answer as typed"), t("Verdict"), t("When")), tuple(
                (f"{a.question}: {a.ask}" if a.ask else a.question, Typed(a.raw), verdict(a.verdict), when(a.at))
                for a in lesson.answers)))
    doc.append(Heading(2, t("Labs")))
    if record.labs:
        doc.append(Table((t("Lab"), t("Times opened"), t("First opened"), t("Last opened")), tuple(
            (lab.name, str(lab.times), when(lab.first), when(lab.last)) for lab in record.labs)))
    else:
        doc.append(Para(t("No lab opened yet.")))
    doc.append(Heading(2, t("Exercises")))
    if record.exercises:
        doc.append(Table((t("Exercise"), t("Status"), t("Checks"), t("First passed")), tuple(
            (f"{e.name} {e.title}".strip(), exercise_status(e.status), str(e.attempts), when(e.passed_at))
            for e in record.exercises)))
    else:
        doc.append(Para(t("No exercise checked yet.")))
    return doc
