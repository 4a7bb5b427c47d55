"""A student's app in a class taught live: the banner, following the teacher, answering.

`Following(app, where)` watches the class (tutor/live/watch.py).  While a
teacher teaches, a banner on every screen says where ("Your teacher is on 2.6
Backpropagation, page 3") and, while following, the student's screens move
with the teacher's: the lesson page, the lab and its step, the question asked
(its answer when revealed).  `f` stops following and rejoins.  A student typing
an answer is never moved: the move waits until the box is empty or answered.
When the teacher goes back to the home screen, or stops (or their connection
dies), the student stays where they are; the banner says where the teacher is.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tutor.live.state import Answer, State
from tutor.live.watch import Stopped, Teaching, Watcher
from tutor.locale import t
from tutor.widgets.teach_banner import show

GONE_FOR = 30.0     # seconds the "teacher has stopped" banner stays
EARLY = 30.0        # seconds an answer given before the question was asked still counts


def live_location(store: Any) -> str | Path | None:
    """Where the class's live tables are: the progress store's database (None: no shared one)."""
    url = getattr(store, "url", None)
    if isinstance(url, str):
        return url
    path = getattr(store, "path", None)
    if isinstance(path, Path) and getattr(store, "saving", False) and path.exists():
        return path
    return None


def where_text(app: Any, state: State) -> str:
    """"2.6 Backpropagation, page 3" (and the lab), in the student's language and numbering."""
    from tutor.screens.standing import numbering

    where = state.where
    parts = []
    lesson = app.lesson_by_id(where.lesson) if where.lesson else None
    if lesson is not None:
        number = numbering(app.lessons).get(lesson.id, "")
        parts.append(t("{number} {title}, page {page}", number=number, title=lesson.title, page=where.page + 1))
    elif where.lesson:
        parts.append(where.lesson)
    if where.lab:
        parts.append(t("lab {name}, step {step}", name=where.lab, step=max(where.step, 0)))
    return " · ".join(parts) or t("the home screen")


class Following:
    def __init__(self, app: Any, where: str | Path) -> None:
        self.app = app
        self.on = True                    # following (f toggles)
        self.state: State | None = None   # the teacher's, while teaching
        self.waiting = False              # a move waits for the student to finish typing
        self.sent: set[str] = set()       # askings answered already
        self.clock = time.monotonic           # (a test moves time on)
        self.recent: dict[tuple[str, str], tuple[Answer, float]] = {}   # (lesson, question) -> first answer, when
        self.revealed: str | None = None
        self._hide = None
        self.watcher = Watcher(where, app.student, self._from_thread)

    def start(self) -> None:
        self.watcher.start()
        self.app.set_interval(0.5, self._retry)

    def stop(self) -> None:
        self.watcher.stop()

    def _from_thread(self, event: object) -> None:
        self.app.call_from_thread(self.apply, event)

    # --- what the teacher did ---------------------------------------------------------
    def apply(self, event: object) -> None:
        if isinstance(event, Teaching):
            if event.fresh:
                self.on = event.state.follow
                self.revealed = None
            self.state = event.state
            if self._hide is not None:
                self._hide.stop()
                self._hide = None
            if self.on:
                self.move()
            self.banner()
            self.send_answer()
        elif isinstance(event, Stopped):
            self.state, self.waiting = None, False
            show(self.app, t("Your teacher has stopped; you stay where you are."), off=True)
            self._hide = self.app.set_timer(GONE_FOR, lambda: show(self.app, ""))
        self.app.refresh_bindings()

    def toggle(self) -> None:
        if self.state is None:
            return
        self.on = not self.on
        self.waiting = False
        if self.on:
            self.move()
        self.banner()

    def banner(self) -> None:
        if self.state is None:
            return
        text = t("Your teacher is on {where}", where=where_text(self.app, self.state))
        if not self.on:
            text += "  ·  " + t("not following: press f to follow")
        elif self.waiting:
            text += "  ·  " + t("you follow when your answer is done")
        else:
            text += "  ·  " + t("f: stop following")
        show(self.app, text, off=not self.on)

    def rejoin(self) -> None:
        """The app can move now (a browser tab's student has said who they are)."""
        if self.state is not None and self.on:
            self.move()
            self.banner()

    def _retry(self) -> None:
        if self.waiting and self.on and self.state is not None and not self.typing():
            self.move()
            self.banner()

    # --- moving ------------------------------------------------------------------------
    def typing(self) -> bool:
        """Is the student in the middle of an answer (text in the answer box, a lab answer running)?"""
        from tutor.quiz.widget import QuizView

        for quiz in self.app.screen.query(QuizView):
            if quiz.busy:
                return True
            box = quiz.query("#quiz-input")
            if box and box.first().value.strip() and not (quiz.session and quiz.session.question_over):
                return True
        return False

    def move(self) -> None:
        from tutor.screens.lab import LabScreen
        from tutor.screens.lesson import LessonScreen

        app, state = self.app, self.state
        if state is None or getattr(app, "ask_name", False):
            return
        if type(app.screen).__name__ in ("TooSmallScreen", "NameScreen"):
            return
        if self.typing():
            self.waiting = True
            return
        self.waiting = False
        where = state.where
        if not where.lesson and not where.lab:
            # The teacher is on the home screen (choosing what next, or on the way out): the
            # class stays on its page; it moves when the teacher opens something.
            return
        lesson = app.lesson_by_id(where.lesson) if where.lesson else None

        def lesson_here(screen) -> bool:
            return isinstance(screen, LessonScreen) and lesson is not None and screen.lesson.id == lesson.id

        def lab_here(screen) -> bool:
            return isinstance(screen, LabScreen) and screen.lab_name == where.lab and \
                screen.lab_args == tuple(where.args)

        # Back down the stack to what the teacher's screen is built on (home, or the lesson).
        while len(app.screen_stack) > 1:
            top = app.screen
            if lesson_here(top) or (where.lab and lab_here(top)):
                break
            app.pop_screen()
        top = app.screen
        if lesson is not None and not lesson_here(top) and not (where.lab and lab_here(top)):
            app.open_lesson(lesson, where.page)
        elif lesson_here(top) and top.page != where.page:
            top.show_page(where.page)
        if where.lab:
            if not lab_here(app.screen):
                app.open_lab(where.lab, where.args)
            screen = app.screen
            if isinstance(screen, LabScreen):
                screen.go_to_step(where.step)
        elif state.ask is not None:
            app.call_after_refresh(self.ask)

    def ask(self) -> None:
        """The question asked, on the lesson page the teacher is on (and its answer once revealed)."""
        from tutor.quiz.widget import QuizView

        ask = self.state.ask if self.state is not None else None
        if ask is None:
            return
        for quiz in self.app.screen.query(QuizView):
            if quiz.lesson_id == ask.lesson and quiz.go_to_question(ask.question):
                if ask.revealed and self.revealed != ask.id:
                    self.revealed = ask.id
                    quiz.reveal(ask.question)

    # --- the student's answer, counted on the teacher's screen ---------------------------
    def quiz_answered(self, quiz: Any, posed: Any, raw: str, feedback: Any) -> None:
        """Kept for a moment before it is sent: a student who answers just before the teacher's
        "ask" reaches this app (it is read every half second) is counted all the same."""
        if feedback.status == "unreadable":
            return
        key = (quiz.lesson_id, posed.question.id)
        kept = self.recent.get(key)
        if kept is None or self.clock() - kept[1] > EARLY:     # the first answer counts
            self.recent[key] = (_answer(posed, raw, feedback), self.clock())
        self.send_answer()

    def send_answer(self) -> None:
        """The answer to the question asked now, if the student has given one and it is not sent."""
        ask = self.state.ask if self.state is not None else None
        if ask is None or ask.revealed or ask.id in self.sent:
            return
        kept = self.recent.get((ask.lesson, ask.question))
        if kept is None or self.clock() - kept[1] > EARLY:
            return
        self.sent.add(ask.id)
        self.watcher.send_answer(ask.id, kept[0], self.app.student)


def _answer(posed: Any, raw: str, feedback: Any) -> Answer:
    picked = value = None
    if posed.kind in ("choice", "multi"):
        found = posed._picked(raw)
        picked = tuple(sorted(set(found)))[:9] if found else None
    elif posed.kind == "number":
        from tutor.quiz.numbers import read_number

        reading = read_number(raw)
        value = reading.value if reading.ok else None
    return Answer(bool(feedback.correct), picked, value)
