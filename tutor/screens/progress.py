"""Your progress: pages seen and quiz scores for every lesson."""
from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tutor.screens.standing import numbering, pages_seen, score_text
from tutor.screens.strings import localize_bindings, t
from tutor.widgets.keybar import KeyBar


class ProgressScreen(Screen):
    BINDINGS = [Binding("q,escape", "app.pop_screen", "Back")]

    def compose(self):
        localize_bindings(self, getattr(self.app, "lang", "en"))
        app = self.app
        yield Static(t(app.lang, "progress_title", student=app.student), id="progress-title", markup=False)
        status = app.query_store("lesson_status", {}) or {}
        if not status:
            yield Static(t(app.lang, "progress_none"), id="progress-none")
        table = DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(t(app.lang, "col_lesson"), t(app.lang, "col_pages"), t(app.lang, "col_quiz"))
        numbers = numbering(app.lessons)
        for lesson in app.lessons:
            row = status.get(lesson.id) or {}
            pages = len(lesson.pages)
            seen = min(pages_seen(row), pages)
            quiz = " / ".join(x for x in (score_text(row.get("best")), score_text(row.get("last"))) if x)
            table.add_row(f"{numbers[lesson.id]} {lesson.title}", f"{seen}/{pages}", quiz or "-")
        yield table
        yield KeyBar()
