"""The live classroom dashboard (Textual); the data side is tutor/teacher.py."""
from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from tutor.locale import N_, SOURCE, set_language, t, translated
from tutor.screens.base import TutorScreen
from tutor.screens.standing import numbering
from tutor.teacher import SORTS, cell_text, class_rows, sort_rows, when
from tutor.widgets.keybar import KeyBar


class ClassDashboard(App):
    CSS = "DataTable { height: 1fr; } #status { height: 1; padding: 0 1; }"
    BINDINGS = [
        Binding("s", "next_sort", N_("Sort")),
        Binding("r", "refresh_now", N_("Refresh")),
        Binding("q", "quit", N_("Quit")),
    ]

    def __init__(self, store, lessons: list, refresh: float = 3.0, lang: str | None = None) -> None:
        super().__init__()
        if lang is not None:              # else the process's language, as the command line set it
            try:
                set_language(lang)
            except ValueError:
                set_language(SOURCE)
        self.title = t("dltutor — class")
        self.store = store
        self.lessons = lessons
        self.refresh_every = refresh
        self.sort_by = SORTS[0]

    def get_default_screen(self) -> TutorScreen:
        return TutorScreen(id="_default")     # the key bar's labels in the teacher's language

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="status")
        yield DataTable(zebra_stripes=True, cursor_type="row")
        yield KeyBar()

    def on_unmount(self) -> None:
        from tutor.widgets.release import release_drawing_caches

        release_drawing_caches()      # Textual would keep this app's drawing after it ends

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(translated("student"), key="student")
        table.add_column(translated("last active"), key="active")
        table.add_column(translated("stuck on"), key="stuck")
        numbers = numbering(self.lessons)      # as the students' home screen numbers them
        for lesson in self.lessons:
            # Columns are the lesson numbers; the status line explains a cell.
            table.add_column(numbers[lesson.id], key=lesson.id)
        self.reload()
        self.set_interval(self.refresh_every, self.reload)

    def reload(self) -> None:
        if not self.query(DataTable):   # the app is closing: a last tick after the screen went
            return
        try:
            rows = sort_rows(class_rows(self.store), self.sort_by)
        except Exception as exc:   # a busy or damaged file: say so, try again next tick
            self.query_one("#status", Static).update(t("can't read progress: {reason}", reason=str(exc)))
            return
        pages = {lesson.id: len(lesson.pages) for lesson in self.lessons}
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in rows:
            table.add_row(row.student, when(row.last_active) or "-", row.stuck_on or "-",
                          *(cell_text(row.cells.get(lesson.id), pages[lesson.id]) for lesson in self.lessons),
                          key=row.student)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        status = t("{n} students · sorted by {sort} · cells: pages seen/total, best quiz score · "
                   "refreshed every {every:g} s", n=len(rows), sort=translated(self.sort_by), every=self.refresh_every)
        self.query_one("#status", Static).update(status)

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """Textual's SVG screenshot, with Chinese as wide as on the terminal (widgets/screenshot.py)."""
        from tutor.widgets.screenshot import wide_text_fixed

        return wide_text_fixed(super().export_screenshot(title=title, simplify=simplify))

    def action_next_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self.reload()

    def action_refresh_now(self) -> None:
        self.reload()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        by = {"student": "student", "active": "last active", "stuck": "stuck on"}.get(str(event.column_key.value))
        if by:
            self.sort_by = by
            self.reload()


def run_dashboard(store, lessons: list, refresh: float = 3.0, lang: str | None = None) -> int:
    ClassDashboard(store, lessons, refresh=refresh, lang=lang).run()
    return 0
