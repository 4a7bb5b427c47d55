"""Your progress: pages seen and quiz scores for every lesson."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable, Static

from tutor.locale import N_, t
from tutor.screens.base import TutorScreen
from tutor.screens.standing import numbering, pages_seen, score_text
from tutor.widgets.keybar import KeyBar


class ProgressScreen(TutorScreen):
    HELP_GROUP = "progress"
    BINDINGS = [Binding("q,escape", "app.pop_screen", N_("Back"))]

    def compose(self):
        app = self.app
        yield Static(t("Progress of {student}", student=app.student), id="progress-title", markup=False)
        status = app.query_store("lesson_status", {}) or {}
        if not status:
            yield Static(t("Nothing yet: open a lesson from the home screen."), id="progress-none")
        table = DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(t("Lesson"), t("Pages seen"), t("Quiz best / last"))
        numbers = numbering(app.lessons)
        for lesson in app.lessons:
            row = status.get(lesson.id) or {}
            pages = len(lesson.pages)
            seen = min(pages_seen(row), pages)
            best, last = score_text(row.get("best")), score_text(row.get("last"))
            quiz = best if best == last else " / ".join(x for x in (best, last) if x)   # not "5/7 / 5/7"
            table.add_row(f"{numbers[lesson.id]} {lesson.title}", f"{seen}/{pages}", quiz or "-")
        yield table
        yield KeyBar()
