"""Home: chapters and their lessons with progress marks, and "continue".

Marks: ✓ every page seen, ▸ started, blank not yet.  Both marks are narrow in
every terminal (unlike ●/○, which East-Asian terminals may draw two cells
wide).  Lesson files that could not be read are listed in a notice at the
top instead of stopping the app.
"""
from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.locale import N_, t
from tutor.screens.base import TutorScreen
from tutor.screens.standing import numbering, pages_seen, score_text
from tutor.widgets.keybar import KeyBar


def title_cells(screen_width: int) -> int:
    """Lesson titles are padded to this many cells so the columns line up."""
    return max(20, min(56, screen_width - 40))


def lesson_row(lesson, status: dict | None, number: str = "", cells: int = 44) -> Text:
    pages = len(lesson.pages)
    seen = pages_seen(status)
    mark = "✓" if pages and seen >= pages else ("▸" if seen else " ")
    number = number or f"{lesson.chapter}.{lesson.order}"
    title = lesson.title
    if lesson.fallback:   # a list in another language showing an English lesson
        title += t(" (English)")
    if cell_len(title) > cells:
        title = set_cell_size(title, cells - 1) + "…"
    row = Text()
    row.append(f" {mark} ", style="bold green" if mark == "✓" else "bold")
    row.append(f"{number:>5}  ")
    row.append(set_cell_size(title, cells))
    row.append(f"  {min(seen, pages)}/{pages}", style="dim")
    best = score_text((status or {}).get("best"))
    if best:
        row.append("  " + t("quiz {score}", score=best), style="dim")
    return row


class HomeScreen(TutorScreen):
    HELP_GROUP = "home"
    BINDINGS = [
        Binding("q", "app.quit", N_("Quit")),
        Binding("s", "progress", N_("Progress"), tooltip=N_("your progress")),
        Binding("e", "exercises", N_("Exercises"),
                tooltip=N_("exercises: write the maths in NumPy, the engine checks it")),
    ]

    def compose(self):
        app = self.app
        yield Static(Text.assemble(("dltutor", "bold"), "  ·  ", app.student), id="home-title")
        problems = app.problems
        notice = ""
        if problems:
            shown = problems[:6] + ([f"… +{len(problems) - 6}"] if len(problems) > 6 else [])
            notice = (t("{n} lesson file(s) could not be read and are skipped:", n=len(problems)) + "\n"
                      + "\n".join(f"  {p}" for p in shown))
        yield Static(notice, id="home-problems", markup=False, classes="" if problems else "hidden")
        yield Static(Text.assemble((t("Lessons"), "bold"), "   ",
                                   (t("↑/↓ choose · Enter opens · ? every key · ctrl+p jump to a lesson or lab"), "dim")),
                     id="home-heading")
        yield OptionList(*self._options(), id="lessons")
        yield KeyBar()

    def _options(self) -> list:
        app = self.app
        status = app.query_store("lesson_status", {}) or {}
        options: list = []
        last = app.query_store("last_position", None)
        if last:
            lesson_id, page = last[0], int(last[1] or 0)
            lesson = app.lesson_by_id(lesson_id)
            if lesson is not None and lesson.pages:
                page = max(0, min(page, len(lesson.pages) - 1))
                following = self._next_lesson(lesson)
                if page == len(lesson.pages) - 1 and pages_seen(status.get(lesson.id)) >= len(lesson.pages) \
                        and following is not None:
                    # Finished that lesson: offer the next one instead of its last page.
                    options.append(Option(Text("▸ " + t("Up next: {title}", title=following.title), style="bold"),
                                          id=f"continue:{following.id}:0"))
                else:
                    options.append(Option(Text("▸ " + t("Continue where you left off: {title}, page {page}/{pages}",
                                                        title=lesson.title, page=page + 1, pages=len(lesson.pages)),
                                               style="bold"),
                                          id=f"continue:{lesson.id}:{page}"))
                options.append(None)
        if not app.lessons:
            options.append(Option(t("No lessons found."), disabled=True))
        chapter = None
        numbers = numbering(app.lessons)
        cells = self._cells = title_cells(app.size.width)
        for lesson in app.lessons:
            if lesson.chapter != chapter:
                chapter = lesson.chapter
                name = t("Chapter {n}", n=chapter)
                if lesson.chapter_title:
                    name += f" · {lesson.chapter_title}"
                options.append(Option(Text(name, style="bold"), disabled=True, id=f"chapter:{chapter}"))
            options.append(Option(lesson_row(lesson, status.get(lesson.id), numbers[lesson.id], cells),
                                  id=f"lesson:{lesson.id}"))
        return options

    _shown = False

    def _next_lesson(self, lesson):
        """The first lesson, in course order, not read to the end (an earlier one skipped counts too)."""
        status = self.app.query_store("lesson_status", {}) or {}
        for other in self.app.lessons:
            if other.id != lesson.id and pages_seen(status.get(other.id)) < len(other.pages):
                return other
        return None

    def on_mount(self) -> None:
        self._highlight_first()

    async def reload(self) -> None:
        """Compose again: the student's name or the language has changed (the name screen)."""
        await self.recompose()
        self._highlight_first()
        self.query_one("#lessons", OptionList).focus()

    def _highlight_first(self) -> None:
        lessons = self.query_one("#lessons", OptionList)
        for index in range(lessons.option_count):
            if not lessons.get_option_at_index(index).disabled:
                lessons.highlighted = index
                break

    def on_screen_resume(self) -> None:
        """Back from a lesson: redraw the marks (and the continue line)."""
        if not self._shown:   # the first showing was just composed
            self._shown = True
            return
        self._rebuild()

    def on_resize(self, event) -> None:
        if self._shown and title_cells(event.size.width) != getattr(self, "_cells", None):
            self._rebuild()   # reflow the columns for the new width

    def _rebuild(self) -> None:
        lessons = self.query_one("#lessons", OptionList)
        keep = lessons.highlighted_option.id if lessons.highlighted_option else None
        lessons.clear_options()
        lessons.add_options(self._options())
        if keep and not keep.startswith("continue:"):
            try:
                lessons.highlighted = lessons.get_option_index(keep)
                return
            except Exception:
                pass
        self._highlight_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        kind, _, rest = option_id.partition(":")
        if kind == "lesson":
            self.app.open_lesson(rest)
        elif kind == "continue":
            lesson_id, _, page = rest.rpartition(":")
            lesson = self.app.lesson_by_id(lesson_id)
            if lesson is not None:
                self.app.open_lesson(lesson, int(page))

    def action_exercises(self) -> None:
        from tutor.screens.exercises import ExercisesScreen

        self.app.push_screen(ExercisesScreen())

    def action_progress(self) -> None:
        from tutor.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())
