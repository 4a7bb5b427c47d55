"""A lesson, one page at a time, like slides.

What a page gives to read (prose with inline maths, display maths, analogy and picture callouts)
is drawn by one PageBody per run; a lab link, a quiz and highlighted code are widgets of their
own between the runs.  Nothing on the page takes focus by itself, so →/space/n and ←/p always
turn pages; Tab moves into a quiz or onto a lab link, Escape steps back out.

Pages are counted from 0 in the store (`page_seen(student, lesson, page)`),
and shown from 1 ("page 3/7").
"""
from __future__ import annotations

import asyncio

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from tutor.locale import N_, t, translated
from tutor.screens.base import TutorScreen
from tutor.widgets.keybar import KeyBar
from tutor.widgets.release import release_drawing_caches
from tutor.widgets.sized import Line, PageScroll, Row


def lab_by_name(name: str):
    """The lab class of a lab block, or None if it cannot be loaded (the lab screen says why)."""
    try:
        from tutor.labs import get_lab

        return get_lab(name)
    except Exception:
        return None


def page_parts(page):
    """(kind, text, block) for each part a page shows, in order: a prose block is split at its
    display maths into ("prose", …) and ("math", …) parts; other blocks are one part of their kind."""
    from tutor.widgets.page_text import split_display_math

    for block in page.blocks:
        if block.kind in ("math", "analogy", "demo", "lab", "quiz", "code"):
            yield block.kind, block.text, block
        else:
            for part, source in split_display_math(block.text):
                yield ("math" if part == "math" else "prose"), source, block


def parse_ahead(lessons) -> None:
    """Parse every page's prose and formulas now, so turning to a page only lays it out.

    The class server's zygote does this for every lesson, between forks (serve/zygote.py): the
    parsed pages are shared by every student instead of parsed again on each one's page turns.
    """
    from tutor.widgets.formula import block_renderable
    from tutor.widgets.page_text import markdown

    for lesson in lessons:
        for page in lesson.pages:
            for kind, text, _ in page_parts(page):
                if kind == "math":
                    block_renderable(text)
                elif kind in ("prose", "analogy", "demo"):
                    markdown(text)


class LessonScreen(TutorScreen):
    HELP_GROUP = "lesson"
    AUTO_FOCUS = ""   # keep page keys with the screen until the student tabs in
    BINDINGS = [
        Binding("right,space,n", "next_page", N_("Next"), tooltip=N_("next page")),
        Binding("left,p", "prev_page", N_("Prev"), tooltip=N_("previous page")),
        Binding("j,down", "scroll(1)", N_("Scroll"), key_display="j/k", tooltip=N_("scroll down / up")),
        Binding("k,up", "scroll(-1)", N_("Scroll"), show=False),
        Binding("pagedown", "scroll(10)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
        Binding("o", "open_lab", N_("Lab"), tooltip=N_("open the lab on this page")),
        # `#`, not a letter: on a quiz page a letter typed with the page focused starts the answer.
        Binding("number_sign", "references", N_("See also"), key_display="#",
                tooltip=N_("the lessons this page refers to: open one")),
        Binding("q", "app.pop_screen", N_("Home")),
        # In a quiz's answer box every letter is typed and the arrows move the cursor, so the
        # footer would show no page key at all: it shows how to get out of the box instead.
        Binding("escape", "leave_box", N_("Leave the box"), key_display="Esc"),
        Binding("escape", "escape", show=False),
    ]

    def __init__(self, lesson, page: int = 0) -> None:
        super().__init__()
        self.lesson = lesson
        count = len(lesson.pages)
        self.page = max(0, min(int(page), count - 1)) if count else 0
        self.labs_on_page: list[tuple[str, tuple[str, ...]]] = []
        self._turns = 0                 # page turns asked for; only the last one is drawn (_swap)

    def compose(self):
        lesson = self.lesson
        chapter = t("Chapter {n}", n=lesson.chapter)
        if lesson.chapter_title:
            chapter += f" · {lesson.chapter_title}"
        pages = lesson.pages
        with Row(id="lesson-bar"):
            # One line: a long title ends in … rather than vanishing past the edge.
            yield Line(f"{chapter}  ›  {lesson.title}", id="lesson-title", markup=False)
            yield Line(self._page_label(), id="lesson-page", markup=False)
        # The first page is composed with the screen: laid out once, with everything else.
        with PageScroll(id="page") as page:
            page.can_focus = False
            if pages:
                yield from self._widgets(pages[self.page])
        yield KeyBar()

    def on_mount(self) -> None:
        if self.lesson.pages:
            self._arrived(list(self.query_one("#page", PageScroll).children))

    # --- pages ---------------------------------------------------------------
    def show_page(self, index: int) -> None:
        pages = self.lesson.pages
        if not pages:
            return
        self.page = max(0, min(index, len(pages) - 1))
        widgets = self._widgets(pages[self.page])
        self._turns += 1
        self.call_next(self._swap, self._turns, widgets, self._page_label())
        self.set_focus(None)
        self._arrived(widgets)

    def _page_label(self) -> str:
        pages = len(self.lesson.pages)
        return t("page {page}/{pages}", page=self.page + 1, pages=pages) if pages else ""

    def _arrived(self, widgets: list) -> None:
        self.app.save("page_seen", self.lesson.id, self.page)
        self.refresh_bindings()
        # A quiz is another part's widget: if it cannot draw, it says so in place.
        foreign = [w for w in widgets if type(w).__module__.startswith("tutor.quiz")]
        if foreign:
            self.call_after_refresh(self._guard, foreign)

    async def _swap(self, turn: int, widgets: list, label: str) -> None:
        """The old page's widgets out, the new ones in, laid out once (a class pays every layout
        40 times; docs/app.md, "A page turn").

        Page turns queue behind each other here, in order, and a page the student has already
        turned past (keys queued faster than a busy server draws) is not built at all.
        """
        if turn != self._turns or not self.is_attached:      # turned past, or the lesson was left
            return
        container = self.query_one("#page", PageScroll)
        self.query_one("#lesson-page", Static).update(label)
        # The batch is held across the awaits: no layout (nor drawing) of a half-built page.
        # Textual finishes a mount twice, once where it is awaited and once queued on the
        # container, each asking for a layout: waiting for the queued one too, inside the batch,
        # lets the screen see every request before its one layout.
        with self.app.batch_update():
            await container.remove_children()
            release_drawing_caches()    # the old page's drawing, kept by Textual (widgets/release.py)
            await container.mount_all(widgets)
            container.scroll_home(animate=False)
            queued = asyncio.Event()
            container.call_next(queued.set)
            try:            # bounded: a container closed meanwhile (the lesson left) runs nothing
                await asyncio.wait_for(queued.wait(), 1.0)
            except asyncio.TimeoutError:
                pass

    def _widgets(self, page) -> list:
        """The page's widgets: its reading parts in runs, each run one PageBody (widgets/page_body.py),
        between the parts that take keys (a lab link, a quiz, a code block)."""
        from tutor.widgets.lab_link import LabLink
        from tutor.widgets.lesson_code import LessonCode
        from tutor.widgets.page_body import READING, PageBody

        widgets: list = []
        reading: list[tuple[str, str]] = []
        titles = {"analogy": t("In plain words"), "demo": t("Picture")}

        def add(widget) -> None:          # a part that takes keys ends the run of reading before it
            if reading:
                widgets.append(PageBody(reading[:], titles))
                reading.clear()
            widgets.append(widget)

        self.labs_on_page = []
        if self.lesson.fallback:   # a list in another language showing the English lesson
            reading.append(("notice", t("This lesson is not translated yet; below is the English original.")))
        if self.page == 0:
            missing = self._unread_requirements()
            if missing:
                reading.append(("notice", t("Before this lesson, read: {titles}", titles=", ".join(missing))))
        for kind, text, block in page_parts(page):
            if kind in READING:
                reading.append((kind, text))
            elif kind == "lab":
                name, args = block.lab, tuple(block.lab_args)
                self.labs_on_page.append((name, args))
                spec = " ".join((name,) + args)
                lab = lab_by_name(name)
                title = translated(lab.title) if lab is not None else name
                add(LabLink(name, args, t("Open the lab: {title}   ({spec})   press o or Enter",
                                          title=title, spec=spec)))
            elif kind == "quiz":
                add(self._quiz(block))
            elif kind == "code":       # shown, never run (tests/test_lesson_code.py runs it)
                add(LessonCode(text, block.output))
        following = self._following()
        if following is not None and self.page == len(self.lesson.pages) - 1:
            from tutor.screens.standing import numbering

            number = numbering(self.app.lessons).get(following.id, "")
            reading.append(("up-next", t("Up next: {number} {title} — press → to open it.", number=number,
                                         title=following.title)))
        if reading:
            widgets.append(PageBody(reading, titles))
        return widgets

    def _following(self):
        from tutor.screens.standing import following

        return following(self.app.lessons, self.lesson.id)

    def _unread_requirements(self) -> list[str]:
        """Titles of the lessons this one requires that are not read to the end."""
        from tutor.screens.standing import pages_seen

        required = self.lesson.requires
        if not required:
            return []
        status = self.app.query_store("lesson_status", {}) or {}
        titles = []
        for lesson_id in required:
            other = self.app.lesson_by_id(lesson_id)
            if other is not None and pages_seen(status.get(lesson_id)) < len(other.pages):
                titles.append(other.title)
        return titles

    def _quiz(self, block):
        from tutor.widgets.notice import Notice

        try:
            from tutor.quiz.widget import QuizView

            return QuizView(list(block.questions), self.lesson.id, student=self.app.student, store=self.app.store)
        except Exception as exc:
            return Notice(t("The quiz could not be shown: {reason}", reason=f"{type(exc).__name__}: {exc}"))

    def _guard(self, widgets) -> None:
        from tutor.widgets.guard import guard_rendering

        for widget in widgets:
            if widget.is_attached:
                guard_rendering(widget, self._part_failed)

    _told = False

    def _part_failed(self, widget, exc: Exception) -> None:
        if not self._told:
            self._told = True
            self.app.notify(t("The quiz could not be shown: {reason}", reason=f"{type(exc).__name__}: {exc}"),
                            severity="error")

    # --- keys ------------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        if action == "open_lab":
            return bool(self.labs_on_page)   # False also hides it from the footer
        if action == "references":
            return bool(self.references())
        if action == "leave_box":        # False: hidden, and Esc goes on to the next binding
            return isinstance(self.focused, Input)
        return True

    def action_next_page(self) -> None:
        if self.page + 1 < len(self.lesson.pages):
            self.show_page(self.page + 1)
        elif self._following() is not None:
            # Move on: the next lesson takes this one's place (q still goes home).
            self.app.switch_screen(LessonScreen(self._following()))
        else:
            # On the bar, not a toast: a toast covered the quiz's last line.
            self.query_one("#lesson-page", Static).update(
                t("page {page}/{pages} · the last page: q goes back", page=self.page + 1, pages=len(self.lesson.pages)))

    def action_prev_page(self) -> None:
        if self.page > 0:
            self.show_page(self.page - 1)
        else:
            self.notify(t("This is the first page."), timeout=3)

    def action_scroll(self, lines: int) -> None:
        container = self.query_one("#page", VerticalScroll)
        container.scroll_relative(y=lines, animate=False)

    def references(self) -> list[tuple[str, str]]:
        """(id, "2.6 Backpropagation") for each lesson this page refers to ([[id]])."""
        from tutor.screens.references import reference_lines

        pages = self.lesson.pages
        ids = pages[self.page].refs if pages else ()
        return reference_lines(self.app.lessons, ids) if ids else []

    def action_references(self) -> None:
        lines = self.references()
        if lines:
            from tutor.screens.references import ReferencesScreen

            self.app.push_screen(ReferencesScreen(lines), self._follow)

    def _follow(self, lesson_id: str | None) -> None:
        if lesson_id:
            self.app.open_lesson(lesson_id)

    def action_open_lab(self) -> None:
        if self.labs_on_page:
            name, args = self.labs_on_page[0]
            self.app.open_lab(name, args)

    def on_key(self, event) -> None:
        """On a quiz page, typing an answer goes straight to the quiz.

        Page keys are bindings and never get here; any other printable key or
        Enter, pressed while nothing has focus, moves into the quiz's answer
        box (the student should not have to discover Tab first).
        """
        if self.focused is not None or not (event.key == "enter" or event.is_printable):
            return
        # Keys the screen or the app bind (q, n, p, space, j, k, o, t, ?) keep
        # their meaning: on_key runs before non-priority bindings are looked up.
        if event.key in self._bindings.key_to_bindings:
            return
        # An app key that does nothing now (f, to follow, while no teacher teaches) is typed.
        if any(self.app.check_action(b.action, ()) is not False
               for b in self.app._bindings.key_to_bindings.get(event.key, ())):
            return
        boxes = [box for box in self.query("#quiz-input") if box.display]
        if not boxes:
            return
        box = boxes[0]
        box.focus()
        if event.is_printable and event.character:
            box.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()

    def action_leave_box(self) -> None:
        self.set_focus(None)

    def action_escape(self) -> None:
        if self.focused is not None:
            self.set_focus(None)
        else:
            self.app.pop_screen()

    def on_lab_link_open(self, message) -> None:
        self.app.open_lab(message.lab_name, message.args)
