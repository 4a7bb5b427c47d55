"""QuizView: a lesson's quiz inside the app, one question at a time.

Keyboard first: type the answer in the box (digits 1-9 pick options), Enter
submits, Enter again moves on, Tab moves between the box and the buttons.
The mouse works too: click an option to pick it.  The answer box is a plain
text Input (not type="number") so a Chinese input method works; the readers
normalise full-width text with NFKC.

The rules (tries, hints, working, records, scores) live in QuizSession and
are the same as in plain mode.  Words are in the process's language
(tutor.locale).
"""
from __future__ import annotations

from typing import Any, Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

from tutor.locale import N_, languages, set_language, t
from tutor.quiz.answer_input import AnswerInput
from tutor.quiz.kinds import _numbers_typed
from tutor.quiz.session import Feedback, QuizSession
from tutor.quiz.text import inline
from tutor.widgets.sized import Column, Line


class OptionLine(Line):
    """One numbered option; a click picks it."""

    class Picked(Message):
        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, number: int, text: str, kind: str = "choice") -> None:
        super().__init__("", markup=False, classes="quiz-option")
        self.number = number
        self.text = text
        self.kind = kind
        self.mark(False)

    def mark(self, chosen: bool | int) -> None:
        """○/● for one answer, [ ]/[x] for several, [2] for the place in an order."""
        if self.kind == "order":
            box = f"[{chosen}]" if chosen and not isinstance(chosen, bool) else "[ ]"
        elif self.kind == "multi":
            box = "[x]" if chosen else "[ ]"
        else:
            box = "●" if chosen else "○"
        self.set_class(bool(chosen), "-chosen")
        self.update(f" {box} {self.number}. {self.text}")

    def on_click(self) -> None:
        self.post_message(self.Picked(self.number))


class QuizView(Column):
    """QuizView(questions, lesson_id, student=..., store=...)."""

    DEFAULT_CSS = """
    QuizView { height: auto; padding: 0 1; border-left: outer $accent; background: $boost; }
    QuizView > #quiz-head { color: $text-muted; }
    QuizView > #quiz-ask { margin: 0 0 1 0; }
    QuizView > #quiz-options { height: auto; }
    QuizView .quiz-option { height: auto; }
    QuizView .quiz-option.-chosen { color: $text-accent; text-style: bold; }
    QuizView > #quiz-input { margin: 0 0; }
    QuizView > #quiz-feedback { margin: 1 0 0 0; }
    QuizView > #quiz-feedback.-right { color: $text-success; }
    QuizView > #quiz-feedback.-wrong { color: $text-warning; }
    QuizView > #quiz-feedback.-unreadable { color: $text-error; }
    QuizView > #quiz-keys { color: $text-muted; }
    QuizView > #quiz-retake { margin: 1 0 0 0; }
    QuizView .hidden { display: none; }
    """

    BINDINGS = [Binding("r", "retake", N_("Retake"), show=False)]

    class Finished(Message):
        """Posted when the last question is over (the screen may react)."""

        def __init__(self, score: int, total: int) -> None:
            super().__init__()
            self.score, self.total = score, total

    def __init__(self, questions: Sequence[Any], lesson_id: str, lang: str | None = None,
                 student: str = "student", store: Any = None, *, round: int = 0,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        # `lang` only for a lesson screen that still passes one: the language is the
        # process's (tutor.locale), and giving one sets it.
        if lang in languages():
            set_language(lang)
        self.questions = list(questions)
        self.lesson_id = lesson_id
        self.student = str(student)
        self.store = store
        self.round = round
        self.session: QuizSession | None = None
        self.busy = False

    # --- layout ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Line("", id="quiz-head", markup=False)
        yield Line("", id="quiz-ask", markup=False)
        yield Column(id="quiz-options")
        yield Line("", id="quiz-prompt", markup=False)
        yield AnswerInput(id="quiz-input")
        yield Line("", id="quiz-feedback", markup=False)
        yield Line("", id="quiz-keys", markup=False)
        yield Button("", id="quiz-retake", classes="hidden")

    def on_mount(self) -> None:
        # A key typed on the lesson page is put into the box, then the box takes focus
        # (LessonScreen.on_key): selecting the text on focus would let the next key replace it.
        self.query_one("#quiz-input", Input).select_on_focus = False
        self.session = QuizSession(self.questions, self.lesson_id, self.student, self.store, self.round)
        self.show_question()

    # --- showing -----------------------------------------------------------------
    def show_question(self) -> None:
        session = self.session
        options = self.query_one("#quiz-options", Vertical)
        options.remove_children()
        box = self.query_one("#quiz-input", Input)
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update("\n".join(session.notices))
        feedback.set_classes("")
        retake = self.query_one("#quiz-retake", Button)
        if session.total == 0:
            self.query_one("#quiz-head", Static).update(t("This lesson has no quiz."))
            self._show_input(False)
            return
        if session.done:
            self.show_end()
            return
        retake.add_class("hidden")
        posed = session.current
        self.query_one("#quiz-head", Static).update(t("Question {i} of {n}", i=session.index + 1, n=session.total))
        self.query_one("#quiz-ask", Static).update(inline(posed.text))
        options.mount_all([OptionLine(k, inline(text), posed.kind) for k, text in enumerate(posed.options, start=1)])
        self.query_one("#quiz-prompt", Static).update(inline(posed.prompt()))
        self._show_input(True)
        box.value = ""
        # Number keys pick only where there are options to pick.
        if posed.options:
            keys = t("1-9: pick · Enter: submit · Tab: move")
        else:
            keys = t("Type your answer · Enter: submit · Tab: move")
        self.query_one("#quiz-keys", Static).update(keys)

    def _show_input(self, visible: bool) -> None:
        for selector in ("#quiz-input", "#quiz-prompt", "#quiz-options"):
            self.query_one(selector).set_class(not visible, "hidden")

    def show_feedback(self, fb: Feedback) -> None:
        session = self.session
        feedback = self.query_one("#quiz-feedback", Static)
        lines = [inline(line) for line in fb.lines()] + session.notices
        feedback.update("\n".join(line for line in lines if line))
        feedback.set_classes(f"-{fb.status}")
        if fb.finished:
            more = session.index + 1 < session.total
            self.query_one("#quiz-keys", Static).update(t("Enter: next question") if more else t("Quiz finished."))
        elif fb.status != "unreadable":
            self.query_one("#quiz-input", Input).value = ""
        self.call_after_refresh(self._reveal_feedback)

    def _reveal_feedback(self) -> None:
        """Scroll the verdict and the keys under it into view: a quiz under a long page
        would otherwise answer below the fold (once the new text has its size)."""
        if self.leaving:
            return
        for selector in ("#quiz-keys", "#quiz-feedback"):
            widget = self.query_one(selector)
            if widget.size.height:
                widget.scroll_visible(animate=False, immediate=True)

    def show_end(self) -> None:
        session = self.session
        self.query_one("#quiz-head", Static).update(t("Quiz finished."))
        self.query_one("#quiz-ask", Static).update(session.summary() + "\n" + session.kept())
        self._show_input(False)
        self.query_one("#quiz-keys", Static).update("")      # the button below says "r: retake the quiz"
        retake = self.query_one("#quiz-retake", Button)
        retake.label = t("r: retake the quiz")
        retake.remove_class("hidden")
        if self.query_one("#quiz-input", Input).has_focus:
            retake.focus()

    # --- answering -----------------------------------------------------------------
    @on(Input.Submitted, "#quiz-input")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        session = self.session
        if session is None or self.busy:
            return
        if session.question_over:
            session.next()
            self.show_question()
            return
        posed = session.current
        if posed.kind == "lab":        # a lab run may take a while: off the UI thread
            self.busy = True
            self.query_one("#quiz-feedback", Static).update(t("Running the lab…"))
            self.call_after_refresh(self._reveal_feedback)
            self.run_lab_answer(event.value)
            return
        fb = session.submit(event.value)
        self.show_feedback(fb)
        self._tell_class(posed, event.value, fb)
        self._after_answer()

    @work(thread=True, exclusive=True)
    def run_lab_answer(self, raw: str) -> None:
        fb = self.session.submit(raw)
        self.app.call_from_thread(self._lab_done, fb)

    def _lab_done(self, fb: Feedback) -> None:
        self.busy = False
        self.show_feedback(fb)
        self._after_answer()

    def _tell_class(self, posed, raw: str, fb: Feedback) -> None:
        """A class taught live counts answers to the question asked (tutor/screens/follow.py)."""
        hook = getattr(self.app, "quiz_answered", None)
        if callable(hook):
            try:
                hook(self, posed, raw, fb)
            except Exception:      # the class's count must never break the student's quiz
                pass

    # --- live teaching: the teacher puts a question to the class -------------------------
    @property
    def leaving(self) -> bool:
        """The page was turned: this quiz is being removed (or is gone), its parts may be gone
        already, and a callback that comes late (a reveal, a teacher's ask) must leave it alone.
        (`display` is False while Textual prunes a widget.)"""
        return not self.is_attached or not self.display

    def go_to_question(self, question_id: str) -> bool:
        """Show the question `question_id` now; False if this quiz has none of that id."""
        session = self.session
        if session is None or self.busy or self.leaving:
            return False
        for index, posed in enumerate(session.posed):
            if posed.question.id == question_id:
                if session.index != index:
                    session.index, session.tries_used = index, 0
                    self.show_question()
                return True
        return False

    def reveal(self, question_id: str) -> None:
        """The teacher reveals the answer: show it, with its working, under the question."""
        posed = self.session.current if self.session else None
        if posed is None or posed.question.id != question_id or self.leaving:
            return
        lines = [t("The answer is {answer}.", answer=posed.answer())]
        if posed.working():
            lines.append(t("Working: {text}", text=posed.working()))
        found = self.query("#quiz-feedback")
        if not found:          # the quiz is being rebuilt (a page turn raced the reveal): nothing to show it in
            return
        feedback = found.first(Static)
        feedback.update("\n".join(inline(line) for line in lines))
        feedback.set_classes("-right")
        self.call_after_refresh(self._reveal_feedback)

    def _after_answer(self) -> None:
        if self.session.done or (self.session.question_over and self.session.index + 1 >= self.session.total):
            self.post_message(self.Finished(self.session.score, self.session.total))

    @on(Input.Changed, "#quiz-input")
    def typed(self, event: Input.Changed) -> None:
        """Mark the options the typed numbers pick."""
        posed = self.session.current if self.session else None
        if posed is None or not posed.options:
            return
        numbers = _numbers_typed(event.value) or []
        for line in self.query(OptionLine):
            if posed.kind == "order":
                line.mark(numbers.index(line.number) + 1 if line.number in numbers else False)
            else:
                line.mark(line.number in numbers)

    @on(OptionLine.Picked)
    def picked(self, event: OptionLine.Picked) -> None:
        posed = self.session.current if self.session else None
        if posed is None or self.session.question_over:
            return
        box = self.query_one("#quiz-input", Input)
        numbers = _numbers_typed(box.value) or []
        if not posed.multiple:
            numbers = [event.number]
        elif event.number in numbers and posed.kind != "order":
            numbers.remove(event.number)
        elif event.number not in numbers:
            numbers.append(event.number)
        box.value = " ".join(map(str, numbers))
        box.focus()

    @on(Button.Pressed, "#quiz-retake")
    def retake_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_retake()

    def action_retake(self) -> None:
        if self.session is None or not self.session.done and not self._last_over():
            return
        self.session = self.session.retake()
        self.show_question()
        self.query_one("#quiz-input", Input).focus()

    def _last_over(self) -> bool:
        s = self.session
        return s.total > 0 and s.index + 1 >= s.total and s.question_over
