"""The live classroom dashboard (Textual); the data side is tutor/teacher.py."""
from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from tutor.screens.standing import numbering
from tutor.screens.strings import localize_bindings
from tutor.teacher import SORTS, cell_text, class_rows, sort_rows, when
from tutor.widgets.keybar import KeyBar

# The dashboard's words in Chinese (the sort names are also the keys of teacher.SORTS).
ZH = {"student": "学生", "last active": "最近活动", "pages seen": "已读页数", "quiz points": "测验得分",
      "stuck on": "卡在"}


class ClassDashboard(App):
    TITLE = "dltutor — class"
    CSS = "DataTable { height: 1fr; } #status { height: 1; padding: 0 1; }"
    BINDINGS = [
        Binding("s", "next_sort", "Sort"),
        Binding("r", "refresh_now", "Refresh"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, store, lessons: list, refresh: float = 3.0, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang
        if lang == "zh":
            self.title = "dltutor — 班级"
        localize_bindings(self, lang)
        self.store = store
        self.lessons = lessons
        self.refresh_every = refresh
        self.sort_by = SORTS[0]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="status")
        yield DataTable(zebra_stripes=True, cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(self.word("student"), key="student")
        table.add_column(self.word("last active"), key="active")
        table.add_column(self.word("stuck on"), key="stuck")
        numbers = numbering(self.lessons)      # as the students' home screen numbers them
        for lesson in self.lessons:
            # Columns are the lesson numbers; the status line explains a cell.
            table.add_column(numbers[lesson.id], key=lesson.id)
        self.reload()
        self.set_interval(self.refresh_every, self.reload)

    def reload(self) -> None:
        try:
            rows = sort_rows(class_rows(self.store), self.sort_by)
        except Exception as exc:   # a busy or damaged file: say so, try again next tick
            self.query_one("#status", Static).update(
                f"无法读取进度：{exc}" if self.lang == "zh" else f"can't read progress: {exc}")
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
        if self.lang == "zh":
            status = (f"{len(rows)} 名学生 · 按{self.word(self.sort_by)}排序 · 格子：已读页数/总页数，测验最好成绩 · "
                      f"每 {self.refresh_every:g} 秒刷新")
        else:
            status = (f"{len(rows)} students · sorted by {self.sort_by} · cells: pages seen/total, best quiz score · "
                      f"refreshed every {self.refresh_every:g} s")
        self.query_one("#status", Static).update(status)

    def word(self, english: str) -> str:
        return ZH.get(english, english) if self.lang == "zh" else english

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


def run_dashboard(store, lessons: list, refresh: float = 3.0, lang: str = "en") -> int:
    ClassDashboard(store, lessons, refresh=refresh, lang=lang).run()
    return 0
