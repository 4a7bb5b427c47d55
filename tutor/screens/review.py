"""A lesson's quiz looked back on (from the progress screen, Enter on a lesson):
each question, what was typed, the verdict, the worked answer; m retakes only
the questions missed, and that partial sitting does not replace the quiz's score."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.locale import N_, t
from tutor.screens.base import TutorScreen
from tutor.widgets.keybar import KeyBar


def question_text(number: int, item) -> Text:
    from tutor.quiz.review import worked
    from tutor.quiz.text import inline

    posed = item.posed
    if item.correct is None:
        verdict, style = t("not answered yet"), "dim"
    elif item.correct:
        verdict, style = "✓ " + t("Right!"), "bold green"
    else:
        verdict, style = "✗ " + t("Not quite."), "bold yellow"
    text = Text()
    text.append(t("Question {i}", i=number) + "  ", style="bold")
    text.append(verdict + "\n", style=style)
    text.append(inline(posed.text) + "\n")
    for k, option in enumerate(posed.options, start=1):
        text.append(f"  {k}. {inline(option)}\n")
    if item.typed:
        text.append(t("You typed: {typed} ({n} tries)", typed=item.typed, n=item.tries) + "\n")
    answer, working = worked(posed)
    if answer:
        text.append(inline(t("The answer is {answer}.", answer=answer)) + "\n", style="bold")
    if working:
        text.append(inline(t("Working: {text}", text=working)) + "\n")
    return text


class AnswersOnly:
    """The store as a partial retake sees it: answers are kept, its score is not
    (a sitting of two missed questions must not become the lesson's score)."""

    def __init__(self, store) -> None:
        self.store = store
        self.saving = getattr(store, "saving", True)

    def record_answer(self, *args) -> None:
        if self.store is not None:
            self.store.record_answer(*args)

    def quiz_score(self, *args) -> None:
        pass


class ReviewScreen(TutorScreen):
    HELP_GROUP = "progress"
    BINDINGS = [
        Binding("q,escape", "app.pop_screen", N_("Back")),
        Binding("m", "retake_missed", N_("Retake missed")),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self, lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self.items: list = []

    def compose(self):
        from tutor.quiz.review import review
        from tutor.screens.standing import numbering

        app = self.app
        number = numbering(app.lessons).get(self.lesson.id, "")
        yield Static(t("Quiz review: {lesson}", lesson=f"{number} {self.lesson.title}"), id="review-title",
                     markup=False)
        answers = app.query_store("answers", [], self.lesson.id)
        self.items = review(self.lesson, app.student, answers)
        with VerticalScroll(id="review-body"):
            if not self.items:
                yield Static(t("This lesson has no quiz."), markup=False)
            for number, item in enumerate(self.items, start=1):
                yield Static(question_text(number, item), classes="review-question")
        yield KeyBar()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "retake_missed":
            return any(item.correct is False for item in self.items)
        return True

    def action_scroll(self, lines: int) -> None:
        self.query_one("#review-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_retake_missed(self) -> None:
        from tutor.quiz.review import missed

        questions = missed(self.items)
        if questions:
            self.app.push_screen(RetakeScreen(self.lesson, questions))

    async def on_screen_resume(self) -> None:
        if self.items:       # back from a retake: show the new answers
            await self.recompose()


class RetakeScreen(TutorScreen):
    HELP_GROUP = "quiz"
    BINDINGS = [Binding("q,escape", "app.pop_screen", N_("Back"))]

    def __init__(self, lesson, questions: list) -> None:
        super().__init__()
        self.lesson, self.questions = lesson, questions

    def compose(self):
        from tutor.quiz.widget import QuizView

        yield Static(t("Retake of the questions missed: {title}", title=self.lesson.title), id="review-title",
                     markup=False)
        with VerticalScroll(id="review-body"):
            yield QuizView(self.questions, self.lesson.id, student=self.app.student,
                           store=AnswersOnly(self.app.store))
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#quiz-input").focus()
