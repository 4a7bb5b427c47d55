"""One sitting of a lesson's quiz: tries, hints, feedback, score, records.

Shared by the plain mode and the QuizView widget, so both behave the same:
- an unreadable answer is explained and does not use up a try;
- a wrong answer with tries left gets a hint and another try;
- after the last try the right answer and its working are shown
  (for generated questions, worked with the student's own numbers);
- every attempt goes to the progress store (raw text, verdict, time); an
  answer over MAX_ANSWER characters is refused with a message, unrecorded;
- the score (one point per question answered right) is stored when the
  last question is over; the store keeps the best and the last.
Every sentence is in the student's language (tutor.locale).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from tutor.locale import t
from tutor.progress import MAX_ANSWER
from tutor.quiz.check import RIGHT, UNREADABLE, WRONG
from tutor.quiz.kinds import Posed


def too_long() -> str:
    """Why an answer over MAX_ANSWER characters is refused (the plain mode and the answer box)."""
    return t("That is too long for an answer: at most {most} characters. Type just the answer.", most=MAX_ANSWER)


@dataclass(frozen=True)
class Feedback:
    status: str                 # right, wrong or unreadable
    message: str                # the verdict and why
    hint: str = ""              # wrong, with tries left
    answer: str = ""            # after the last try
    working: str = ""           # after the last try, or with a right answer
    tries_left: int = 0
    finished: bool = False      # this question is over

    @property
    def correct(self) -> bool:
        return self.status == RIGHT

    def lines(self) -> list[str]:
        """The feedback as lines of text (may contain $math$)."""
        out = [self.message]
        if self.hint:
            out.append(t("Hint: {text}", text=self.hint))
        if self.status == WRONG and not self.finished:
            out.append(t("Try again (last try).") if self.tries_left == 1
                       else t("Try again ({n} tries left).", n=self.tries_left))
        if self.answer:
            out.append(t("The answer is {answer}.", answer=self.answer))
        if self.working:
            out.append(t("Working: {text}", text=self.working) if self.answer else t("Why: {text}", text=self.working))
        return out


class QuizSession:
    def __init__(self, questions: Sequence[Any], lesson_id: str, student: str = "student",
                 store: Any = None, round: int = 0) -> None:
        from tutor.quiz import load

        self.lesson_id, self.student, self.store = lesson_id, student, store
        self.round = round
        self.source = list(questions)
        self.notices: list[str] = []           # questions skipped, store failures
        loaded = load(self.source, skip_invalid=True, problems=self.notices)
        self.posed: list[Posed] = []
        for question in loaded:
            try:
                self.posed.append(question.pose(student, round))
            except Exception as exc:  # a broken generator must not take the quiz down
                self.notices.append(t("Skipped question {id}: {reason}", id=question.id,
                                      reason=f"{type(exc).__name__}: {exc}"))
        self.index = 0
        self.tries_used = 0
        self.results: list[bool | None] = [None] * len(self.posed)
        self.score_recorded = False
        self.store_failed = False              # a write raised: something was lost

    # --- where we are ---------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.posed)

    @property
    def current(self) -> Posed | None:
        return self.posed[self.index] if self.index < self.total else None

    @property
    def done(self) -> bool:
        return self.index >= self.total

    @property
    def question_over(self) -> bool:
        return not self.done and self.results[self.index] is not None

    @property
    def score(self) -> int:
        return sum(1 for r in self.results if r)

    @property
    def answered(self) -> int:
        return sum(1 for r in self.results if r is not None)

    @property
    def tries_left(self) -> int:
        posed = self.current
        return 0 if posed is None else max(posed.question.tries - self.tries_used, 0)

    # --- answering --------------------------------------------------------------
    def submit(self, raw: str) -> Feedback:
        posed = self.current
        if posed is None or self.question_over:
            return Feedback(UNREADABLE, "", finished=True)
        raw = raw if isinstance(raw, str) else ""
        if len(raw) > MAX_ANSWER:
            return Feedback(UNREADABLE, too_long(), tries_left=self.tries_left)
        try:
            check = posed.check(raw)
        except Exception as exc:  # never a traceback on a student's screen
            self._record(posed, raw, "error", False)
            return Feedback(UNREADABLE, f"{type(exc).__name__}: {exc}", tries_left=self.tries_left)
        self._record(posed, raw, check.status, check.correct)
        if not check.counts:
            return Feedback(UNREADABLE, check.message, tries_left=self.tries_left)
        self.tries_used += 1
        if check.correct:
            self._finish(True)
            return Feedback(RIGHT, check.message, working=posed.working(), finished=True)
        if self.tries_left > 0:
            return Feedback(WRONG, check.message, hint=posed.hint(), tries_left=self.tries_left)
        self._finish(False)
        return Feedback(WRONG, check.message, answer=posed.answer(), working=posed.working(), finished=True)

    def next(self) -> bool:
        """Move to the next question; False when the quiz is over."""
        if not self.done and self.question_over:
            self.index += 1
            self.tries_used = 0
        return not self.done

    def retake(self) -> "QuizSession":
        """A fresh sitting (generated questions get new numbers)."""
        return QuizSession(self.source, self.lesson_id, self.student, self.store, self.round + 1)

    def summary(self) -> str:
        return t("Score: {score} of {total}.", score=self.score, total=self.total)

    @property
    def saved(self) -> bool:
        """Is what the student did kept in the progress file?  (Never claim it when not.)"""
        return self.store is not None and getattr(self.store, "saving", True) is not False \
            and not self.store_failed

    def kept(self) -> str:
        """The closing line: scores kept, or said plainly that they are not."""
        if self.saved:
            return t("Your best and your last scores are kept; retake the quiz any time.")
        return t("Your answers and score have not been saved: progress cannot be written right now.")

    # --- records --------------------------------------------------------------
    def _finish(self, correct: bool) -> None:
        self.results[self.index] = correct
        if all(r is not None for r in self.results) and not self.score_recorded:
            self.score_recorded = True
            self._store("quiz_score", self.student, self.lesson_id, self.score, self.total)

    def _record(self, posed: Posed, raw: str, verdict: str, correct: bool) -> None:
        self._store("record_answer", self.student, self.lesson_id, posed.question.id, raw, verdict, correct)

    def _store(self, method: str, *args: Any) -> None:
        if self.store is None:
            return
        try:
            getattr(self.store, method)(*args)
        except Exception as exc:  # a full disk or a locked file must not end the quiz
            self.store_failed = True
            note = t("Note: your answers could not be saved ({detail}).", detail=f"{type(exc).__name__}: {exc}")
            if note not in self.notices:
                self.notices.append(note)
