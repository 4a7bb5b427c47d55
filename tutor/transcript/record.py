"""What a transcript says, read from the progress store: nothing retyped, nothing computed twice.

`gather(store, student, lessons)` returns a `Record`: per lesson the pages seen, every
answer as typed with its verdict and time (oldest first), the best and last quiz
scores; the labs opened; the exercises checked.  `lessons` (in the reader's language)
give titles, numbers and page counts; a lesson the store knows but the installed
lessons do not still appears, under its id.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field


@dataclass
class Answer:
    question: str           # the question's id
    ask: str                # its text in the lesson ("" when the lesson has none, e.g. generated)
    raw: str                # as typed
    verdict: str            # right | wrong | unreadable | error (tutor/quiz/check.py)
    correct: bool
    at: float


@dataclass
class LessonRecord:
    id: str
    number: str             # 2.1, as the home screen numbers it ("" if not installed)
    title: str
    pages: list[int]        # pages seen, 0-based
    pages_total: int | None
    best: tuple | None      # (score, total)
    last: tuple | None
    last_active: float | None
    answers: list[Answer] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(a.correct for a in self.answers)


@dataclass
class LabRecord:
    name: str
    times: int
    first: float | None
    last: float | None


@dataclass
class ExerciseRecord:
    name: str               # the stem, 04_sigmoid
    title: str
    status: str             # passed | failing | unfinished | …
    attempts: int
    passed_at: float | None


@dataclass
class Record:
    student: str
    made_at: float
    lessons: list[LessonRecord]
    labs: list[LabRecord]
    exercises: list[ExerciseRecord]

    @property
    def pages_seen(self) -> int:
        return sum(len(lesson.pages) for lesson in self.lessons)

    @property
    def answers(self) -> int:
        return sum(len(lesson.answers) for lesson in self.lessons)

    @property
    def right(self) -> int:
        return sum(lesson.right for lesson in self.lessons)

    @property
    def quizzes(self) -> int:
        return sum(lesson.best is not None for lesson in self.lessons)

    @property
    def exercises_passed(self) -> int:
        return sum(e.passed_at is not None for e in self.exercises)


def _asks(lesson) -> dict[str, str]:
    """{question id: the question as the lesson writes it, its $math$ as one line of text}."""
    from tutor.mathtext import render_inline

    asks = {}
    for block in lesson.blocks("quiz"):
        for question in block.questions:
            if isinstance(question, dict) and isinstance(question.get("ask"), str):
                text = re.sub(r"\$([^$]+)\$", lambda m: render_inline(m.group(1)), question["ask"].strip())
                asks[str(question.get("id"))] = " ".join(text.split())
    return asks


def _numbers(lessons) -> dict[str, str]:
    from tutor.exercises.catalog import lesson_numbers

    return lesson_numbers(lessons)


def _exercise_title(stem: str) -> str:
    from tutor.exercises import texts
    from tutor.exercises.catalog import UnknownExercise, find

    try:
        return texts.title(find(stem).name)
    except (UnknownExercise, KeyError):
        return ""


def gather(store, student: str, lessons: list) -> Record:
    status = store.lesson_status(student)
    answers = store.answers(student)
    known = {lesson.id: lesson for lesson in lessons}
    numbers = _numbers(lessons)
    order = [lesson.id for lesson in lessons if lesson.id in status]
    order += sorted(lesson_id for lesson_id in status if lesson_id not in known)
    records = []
    for lesson_id in order:
        s, lesson = status[lesson_id], known.get(lesson_id)
        asks = _asks(lesson) if lesson else {}
        records.append(LessonRecord(
            id=lesson_id, number=numbers.get(lesson_id, ""), title=lesson.title if lesson else lesson_id,
            pages=list(s["pages"]), pages_total=len(lesson.pages) if lesson else None,
            best=s["best"], last=s["last"], last_active=s["last_active"],
            answers=[Answer(a["question"], asks.get(a["question"], ""), a["raw"], a["verdict"], a["correct"], a["at"])
                     for a in answers if a["lesson"] == lesson_id]))
    times = store.lab_times(student)
    labs = [LabRecord(name, n, *times.get(name, (None, None))) for name, n in sorted(store.labs(student).items())]
    exercises = [ExerciseRecord(name, _exercise_title(name), e["status"], e["attempts"], e["passed_at"])
                 for name, e in sorted(store.exercise_status(student).items())]
    return Record(student, time.time(), records, labs, exercises)
