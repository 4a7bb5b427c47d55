"""Your progress: pages seen and quiz scores for every lesson; export it as CSV (e),
start again from nothing (r, after a confirmation), review a lesson's quiz (Enter)."""
from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets import DataTable, Static

from tutor.locale import N_, t
from tutor.screens.base import TutorScreen
from tutor.screens.standing import numbering, pages_seen, score_text
from tutor.widgets.keybar import KeyBar


def export_path(student: str) -> Path:
    """Where the export goes: the student's home folder, a name that says whose it is."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in student) or "student"
    return Path.home() / f"dltutor-progress-{safe}.csv"


class ProgressScreen(TutorScreen):
    HELP_GROUP = "progress"
    BINDINGS = [
        Binding("q,escape", "app.pop_screen", N_("Back")),
        Binding("e", "export", N_("Export CSV"), tooltip=N_("export your progress as CSV")),
        Binding("r", "reset", N_("Reset progress"), tooltip=N_("reset your progress (asks first)")),
    ]

    def compose(self):
        app = self.app
        yield Static(t("Progress of {student}", student=app.student), id="progress-title", markup=False)
        status = app.query_store("lesson_status", {}) or {}
        yield Static(t("Nothing yet: open a lesson from the home screen.") if not status else "",
                     id="progress-none", classes="" if not status else "hidden")
        table = DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(t("Lesson"), t("Pages seen"), t("Quiz best / last"))
        self._fill(table, status)
        yield table
        yield KeyBar()

    def _fill(self, table: DataTable, status: dict) -> None:
        numbers = numbering(self.app.lessons)
        for lesson in self.app.lessons:
            row = status.get(lesson.id) or {}
            pages = len(lesson.pages)
            seen = min(pages_seen(row), pages)
            best, last = score_text(row.get("best")), score_text(row.get("last"))
            quiz = best if best == last else " / ".join(x for x in (best, last) if x)   # not "5/7 / 5/7"
            table.add_row(f"{numbers[lesson.id]} {lesson.title}", f"{seen}/{pages}", quiz or "-", key=lesson.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from tutor.screens.review import ReviewScreen

        lesson = self.app.lesson_by_id(str(event.row_key.value))
        if lesson is not None:
            self.app.push_screen(ReviewScreen(lesson))

    def action_export(self) -> None:
        from tutor.progress_csv import write_csv

        app = self.app
        status = app.query_store("lesson_status", {}) or {}
        path = export_path(app.student)
        try:
            with open(path, "w", encoding="utf-8", newline="") as out:
                write_csv(app.lessons, status, out)
        except OSError as exc:
            self.notify(t("The progress could not be written to {path}: {reason}", path=str(path),
                          reason=exc.strerror or str(exc)), severity="error", timeout=8)
            return
        self.notify(t("Progress written to {path}", path=str(path)), timeout=8, markup=False)

    def action_reset(self) -> None:
        from tutor.screens.confirm import ConfirmScreen

        question = t("Forget all progress of {student}: pages seen, answers and scores? This cannot be undone.",
                     student=self.app.student)
        self.app.push_screen(ConfirmScreen(question), self._reset_answered)

    def _reset_answered(self, yes: bool | None) -> None:
        if not yes:
            self.notify(t("Nothing was reset."), timeout=3)
            return
        self.app.save("reset")
        table = self.query_one("#progress-table", DataTable)
        table.clear()
        self._fill(table, self.app.query_store("lesson_status", {}) or {})
        self.query_one("#progress-none").remove_class("hidden")
        self.notify(t("Progress reset: you start again from nothing."), timeout=5)
