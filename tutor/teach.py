"""`dltutor teach`: the teacher's own dltutor, published live to the class.

The teacher uses the ordinary app; several times a second it looks at its own
screens (the lesson page, the lab and its step on top) and publishes any
change (tutor/live/lead.py).  On a quiz question `a` asks the class: the
question goes to every follower and a panel counts the answers as they come
(tutor/live/tally.py; `w` shows who answered what), `v` reveals the answer.
Leaving says goodbye to the class; a second teacher is refused before the app
starts.
"""
from __future__ import annotations

import secrets
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.widgets import Static

from tutor.app import DLTutorApp
from tutor.live.lead import Lead
from tutor.live.link import Busy
from tutor.live.state import Ask, State, Where
from tutor.live.tally import tally
from tutor.locale import N_, t
from tutor.widgets.teach_banner import show

LOOK_EVERY = 0.2      # seconds between looks at the teacher's own screens


class ClassAnswers(Static):
    """The answers to the question asked, docked on the teacher's lesson screen."""

    DEFAULT_CSS = """
    ClassAnswers { dock: bottom; height: auto; max-height: 60%; border: round $accent; padding: 0 1;
                   background: $boost; }
    """


class TeachApp(DLTutorApp):
    FOLLOWS = False
    BINDINGS = [
        Binding("a", "ask_class", N_("Ask the class")),
        Binding("v", "reveal", N_("Reveal")),
        Binding("w", "names", N_("Names")),
    ]

    def __init__(self, lead: Lead, teacher: str, follow: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lead, self.teacher, self.follow_default = lead, teacher, follow
        self.ask: Ask | None = None
        self.asked = None                 # the Question asked (its spec, kind)
        self.answers: list = []
        self.names = False
        self.trouble = ""
        self._published: State | None = None
        lead.on_answers = lambda answers: self.call_from_thread(self._answers_in, answers)
        lead.on_trouble = lambda reason: self.call_from_thread(self._trouble_is, reason)

    def on_mount(self) -> None:           # after DLTutorApp.on_mount (Textual calls both)
        self.lead.start()
        self.set_interval(LOOK_EVERY, self.publish)
        self.call_after_refresh(self.publish)

    def on_unmount(self) -> None:
        self.lead.stop()

    # --- where the teacher is ----------------------------------------------------------------
    def where(self) -> Where:
        from tutor.screens.lab import LabScreen
        from tutor.screens.lesson import LessonScreen

        where = Where()
        for screen in self.screen_stack:
            if isinstance(screen, LessonScreen):
                where = Where(screen.lesson.id, screen.page)
            elif isinstance(screen, LabScreen):
                where = replace(where, lab=screen.lab_name, args=screen.lab_args, step=screen.step)
        return where

    def publish(self) -> None:
        where = self.where()
        ask = self.ask if self.ask is not None and where.lesson == self.ask.lesson and not where.lab else None
        state = State(self.teacher, where, self.follow_default, ask)
        if state != self._published:
            self._published = state
            self.lead.set(state)
            self.banner()

    def banner(self) -> None:
        if self.trouble:
            text = t("The class cannot be reached: {reason}", reason=self.trouble)
        else:
            text = t("Teaching live as {name}: the class follows your screen", name=self.teacher)
            if self.ask is not None:
                text += "  ·  " + (t("answer revealed") if self.ask.revealed else t("v: reveal the answer"))
            else:
                text += "  ·  " + t("a: ask the class (on a quiz question)")
        show(self, text, off=bool(self.trouble))

    def _trouble_is(self, reason: str) -> None:
        if reason == "lost":
            reason = t("another teacher has taken this class over")
        self.trouble = reason
        self.banner()

    # --- asking the class ------------------------------------------------------------------
    def _quiz(self):
        from tutor.quiz.widget import QuizView
        from tutor.screens.lesson import LessonScreen

        if not isinstance(self.screen, LessonScreen):
            return None
        for quiz in self.screen.query(QuizView):
            if quiz.session is not None and quiz.session.current is not None:
                return quiz
        return None

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "ask_class":
            return self._quiz() is not None
        if action in ("reveal", "names"):
            return self.ask is not None and self.where().lesson == self.ask.lesson
        return super().check_action(action, parameters)

    def action_ask_class(self) -> None:
        quiz = self._quiz()
        if quiz is None:
            return
        posed = quiz.session.current
        self.ask = Ask(secrets.token_hex(4), quiz.lesson_id, posed.question.id)
        self.asked, self.answers = posed.question, []
        self.lead.watch_answers(self.ask.id)
        self.publish()
        self._draw_answers()
        self.refresh_bindings()

    def action_reveal(self) -> None:
        if self.ask is None or self.ask.revealed:
            return
        self.ask = replace(self.ask, revealed=True)
        quiz = self._quiz()
        if quiz is not None:
            quiz.reveal(self.ask.question)
        self.publish()
        self.banner()

    def action_names(self) -> None:
        self.names = not self.names
        self._draw_answers()

    def _answers_in(self, answers: list) -> None:
        self.answers = answers
        self._draw_answers()

    def _draw_answers(self) -> None:
        if self.ask is None or self.asked is None:
            return
        text = t("Asked: {question}", question=self.asked.ask or self.asked.id) + "\n" + \
            tally(self.asked.spec, self.asked.kind, self.answers, self.names)
        text += "\n" + t("v: reveal the answer · w: names on/off")
        from tutor.screens.lesson import LessonScreen

        for screen in self.screen_stack:
            if isinstance(screen, LessonScreen) and screen.lesson.id == self.ask.lesson:
                found = screen.query(ClassAnswers)
                if found:
                    found.first().update(text)
                else:
                    screen.mount(ClassAnswers(text, markup=False, id="class-answers"))


class CannotTeach(Exception):
    """Why the teacher's app did not start (the command line prints it)."""


def claim(where: str | Path, teacher: str, follow: bool) -> Lead:
    """Take the class at `where`, or raise Busy (another teacher teaches it)."""
    return Lead(where, teacher, State(teacher, Where(), follow))


def refusal(busy: Busy) -> str:
    since = time.strftime("%H:%M", time.localtime(busy.since)) if busy.since else "?"
    return t("{name} is teaching this class (the last sign at {time}); one teacher at a time. "
             "If they have left, try again in a few seconds.", name=busy.teacher or "?", time=since)


def run_teach(ctx: Any, lesson: str | None, follow: bool) -> int:
    """`dltutor teach`: claim the class of ctx's database, run the teacher's app, say goodbye."""
    from tutor.content.cache import default_folder
    from tutor.terminal_input import tolerate_invalid_utf8

    store = ctx.open_store()
    try:
        where = ctx.store_location
        if getattr(store, "saving", True) is False:
            raise CannotTeach(t("cannot teach: the class's progress database cannot be written ({reason})",
                               reason=getattr(store, "reason", "") or str(where)))
        try:
            lead = claim(where, ctx.student, follow)
        except Busy as busy:
            raise CannotTeach(refusal(busy)) from None
        except Exception as exc:
            raise CannotTeach(t("cannot teach: {reason}", reason=str(exc).strip().splitlines()[0]
                               if str(exc).strip() else type(exc).__name__)) from None
        import os
        import sys

        if not (sys.stdin.isatty() and sys.stdout.isatty()) and not os.environ.get("TEXTUAL_DRIVER"):
            lead.stop()      # (after the claim: a second teacher hears "refused" even without a terminal)
            raise CannotTeach(t("the app needs a terminal; for text on stdout use --plain "
                                "(dltutor lab NAME --plain, dltutor quiz LESSON --plain), or ssh -t"))
        tolerate_invalid_utf8()
        app = TeachApp(lead, ctx.student, follow, student=ctx.student, store=store, lesson=lesson,
                       lesson_cache=default_folder())
        try:
            app.run()
        finally:
            lead.stop()
        return app.return_code or 0
    finally:
        store.close()
