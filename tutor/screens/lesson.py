"""A lesson, one page at a time, like slides.

Each block of the page becomes a widget: prose (Markdown with inline maths),
display maths, an analogy callout, a lab link, a quiz, a demo.  Nothing on
the page takes focus by itself, so →/space/n and ←/p always turn pages; Tab
moves into a quiz or onto a lab link, Escape steps back out.

Pages are counted from 0 in the store (`page_seen(student, lesson, page)`),
and shown from 1 ("page 3/7").
"""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tutor.screens.strings import localize_bindings, t
from tutor.widgets.keybar import KeyBar


def lab_spec(block) -> tuple[str, tuple[str, ...]]:
    """(name, ("k=v", …)) from a lab block, whatever shape the args take."""
    name = getattr(block, "lab", "") or ""
    args = getattr(block, "lab_args", ()) or ()
    if not name:
        words = (getattr(block, "text", "") or "").split()
        name, args = (words[0], tuple(words[1:])) if words else ("", ())
    if isinstance(args, dict):
        args = tuple(f"{k}={v}" for k, v in args.items())
    return name, tuple(str(a) for a in args)


def quiz_view_class():
    """tutor.quiz's QuizView if it exists yet, else None."""
    for module in ("tutor.quiz", "tutor.quiz.view"):
        try:
            mod = __import__(module, fromlist=["QuizView"])
        except Exception:
            continue
        view = getattr(mod, "QuizView", None)
        if view is not None:
            return view
    return None


def lab_title(name: str, lang: str) -> str:
    try:
        from tutor.labs import get_lab

        lab = get_lab(name)
    except Exception:
        return name
    return (lang == "zh" and getattr(lab, "title_zh", "")) or getattr(lab, "title", name)


class LessonScreen(Screen):
    AUTO_FOCUS = ""   # keep page keys with the screen until the student tabs in
    BINDINGS = [
        Binding("right,space,n", "next_page", "Next"),
        Binding("left,p", "prev_page", "Prev"),
        Binding("j,down", "scroll(1)", "Scroll", key_display="j/k"),
        Binding("k,up", "scroll(-1)", "Scroll", show=False),
        Binding("pagedown", "scroll(10)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
        Binding("o", "open_lab", "Lab"),
        Binding("q", "app.pop_screen", "Home"),
        Binding("escape", "escape", show=False),
    ]

    def __init__(self, lesson, page: int = 0) -> None:
        super().__init__()
        self.lesson = lesson
        count = len(lesson.pages)
        self.page = max(0, min(int(page), count - 1)) if count else 0
        self.labs_on_page: list[tuple[str, tuple[str, ...]]] = []

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def compose(self):
        localize_bindings(self, getattr(self.app, "lang", "en"))
        lesson = self.lesson
        chapter = t(self.lang, "chapter", n=lesson.chapter)
        if lesson.chapter_title:
            chapter += f" · {lesson.chapter_title}"
        with Horizontal(id="lesson-bar"):
            yield Static(f"{chapter}  ›  {lesson.title}", id="lesson-title", markup=False)
            yield Static("", id="lesson-page", markup=False)
        page = VerticalScroll(id="page")
        page.can_focus = False
        yield page
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_page(self.page)

    # --- pages ---------------------------------------------------------------
    def show_page(self, index: int) -> None:
        pages = self.lesson.pages
        if not pages:
            return
        self.page = max(0, min(index, len(pages) - 1))
        self.query_one("#lesson-page", Static).update(
            t(self.lang, "page", page=self.page + 1, pages=len(pages)))
        container = self.query_one("#page", VerticalScroll)
        container.remove_children()
        widgets = self._widgets(pages[self.page])
        container.mount_all(widgets)
        # A quiz is another part's widget: if it cannot draw, it says so in place.
        foreign = [w for w in widgets if type(w).__module__.startswith("tutor.quiz")]
        if foreign:
            self.call_after_refresh(self._guard, foreign)
        container.scroll_home(animate=False)
        self.set_focus(None)
        self.app.save("page_seen", self.lesson.id, self.page)
        self.refresh_bindings()

    def _widgets(self, page) -> list:
        from tutor.widgets.analogy import Analogy
        from tutor.widgets.formula import Formula
        from tutor.widgets.lab_link import LabLink
        from tutor.widgets.notice import Notice
        from tutor.widgets.page_text import PageText, split_display_math

        lang = self.lang
        widgets: list = []
        self.labs_on_page = []
        if getattr(self.lesson, "fallback", False):   # a zh list showing the en lesson
            widgets.append(Notice(t(lang, "fallback")))
        if self.page == 0:
            missing = self._unread_requirements()
            if missing:
                widgets.append(Notice(t(lang, "requires", titles=", ".join(missing))))
        for block in page.blocks:
            kind = getattr(block, "kind", "markdown")
            text = getattr(block, "text", "") or ""
            if kind == "math":
                widgets.append(Formula(text, classes="display-math"))
            elif kind == "analogy":
                widgets.append(Analogy(text, title=t(lang, "analogy")))
            elif kind == "demo":
                widgets.append(Analogy(text, title=t(lang, "demo"), classes="demo"))
            elif kind == "lab":
                name, args = lab_spec(block)
                self.labs_on_page.append((name, args))
                spec = " ".join((name,) + args)
                widgets.append(LabLink(name, args, t(lang, "open_lab", title=lab_title(name, lang), spec=spec)))
            elif kind == "quiz":
                widgets.append(self._quiz(block))
            else:
                for part, source in split_display_math(text):
                    widgets.append(Formula(source, classes="display-math") if part == "math" else PageText(source))
        return widgets

    def _unread_requirements(self) -> list[str]:
        """Titles of the lessons this one requires that are not read to the end."""
        from tutor.screens.standing import pages_seen

        required = getattr(self.lesson, "requires", ()) or ()
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

        view = quiz_view_class()
        if view is None:
            return Notice(t(self.lang, "no_quiz"))
        questions = list(getattr(block, "questions", ()) or ())
        try:
            try:
                return view(questions, self.lesson.id, lang=self.lang, student=self.app.student, store=self.app.store)
            except TypeError:   # an older QuizView(questions, lesson_id, student, store)
                return view(questions, self.lesson.id, self.app.student, self.app.store)
        except Exception as exc:
            return Notice(t(self.lang, "quiz_failed", reason=f"{type(exc).__name__}: {exc}"))

    def _guard(self, widgets) -> None:
        from tutor.widgets.guard import guard_rendering

        for widget in widgets:
            if widget.is_attached:
                guard_rendering(widget, self._part_failed)

    _told = False

    def _part_failed(self, widget, exc: Exception) -> None:
        if not self._told:
            self._told = True
            self.app.notify(t(self.lang, "quiz_failed", reason=f"{type(exc).__name__}: {exc}"), severity="error")

    # --- keys ------------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        if action == "open_lab":
            return bool(self.labs_on_page)   # False also hides it from the footer
        return True

    def action_next_page(self) -> None:
        if self.page + 1 < len(self.lesson.pages):
            self.show_page(self.page + 1)
        else:
            self.notify(t(self.lang, "last_page"), timeout=3)

    def action_prev_page(self) -> None:
        if self.page > 0:
            self.show_page(self.page - 1)
        else:
            self.notify(t(self.lang, "first_page"), timeout=3)

    def action_scroll(self, lines: int) -> None:
        container = self.query_one("#page", VerticalScroll)
        container.scroll_relative(y=lines, animate=False)

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
        if event.key in self._bindings.key_to_bindings or event.key in self.app._bindings.key_to_bindings:
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

    def action_escape(self) -> None:
        if self.focused is not None:
            self.set_focus(None)
        else:
            self.app.pop_screen()

    def on_lab_link_open(self, message) -> None:
        self.app.open_lab(message.lab_name, message.args)
