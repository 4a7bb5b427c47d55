"""The Textual app: home → lesson pages → labs, quizzes, help and progress.

Start-up imports only what the home screen needs; the lesson, lab, help and
progress screens (and NumPy, plotting, Markdown) load when first opened.

    from tutor.app import run_app
    run_app(lang="en")

The language is the process's (tutor.locale): the app sets it when started
with `lang` and when the name screen's choice changes it (`change_language`).
"""
from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any, Iterable

from textual.app import App
from textual.binding import Binding

from tutor.locale import N_, SOURCE, language, languages, set_language, t
from tutor.screens.palette import JumpCommands


def _glossary_commands():
    # Loaded when the palette opens, not at start-up.
    from tutor.screens.glossary import GlossaryCommands

    return GlossaryCommands

THEMES = ("textual-dark", "textual-light")


def describe_problem(problem: Any) -> str:
    """One line for a lesson file that could not be read (a tutor.content.LessonError)."""
    return f"{Path(problem.file).name}:{problem.line}: {problem.reason}"


def load_content(lang: str, root: Path | None = None, cache_dir: Path | None = None) -> tuple[list, list[str]]:
    """(lessons, problems as lines); never raises.

    With `cache_dir` (the user's own cache folder, see tutor/content/cache.py)
    the parsed lessons are kept there as JSON and reused while no lesson file
    and no loader module has changed: parsing every quiz's YAML is a third of
    the start-up, and the home screen should appear at once.
    """
    try:
        from tutor.content import cache
        from tutor.content.loader import default_root, load_lessons
    except ImportError as exc:
        return [], [t("the lesson loader is not available ({reason})", reason=str(exc))]
    try:
        folder = Path(root) if root is not None else default_root()
        key = _content_key(folder, lang) if cache_dir is not None else None
        cached = cache.read(cache_dir, lang, key) if key is not None else None
        if cached is not None:
            return cached
        lessons, problems = load_lessons(lang, folder)
    except Exception as exc:   # a missing folder, an unreadable disk…
        return [], [t("lessons could not be read: {reason}", reason=str(exc))]
    result = (list(lessons), [describe_problem(p) for p in problems])
    if key is not None:
        cache.write(cache_dir, lang, key, *result)
    return result


def _content_key(folder: Path, lang: str) -> list:
    """Everything the parsed lessons depend on: each file's name, size and time, and the
    catalogs (a lesson file's problems are kept in the student's language)."""
    import tutor
    import tutor.content.cache as cache
    import tutor.content.loader as loader
    import tutor.content.model as model
    import tutor.locale

    files = []
    for sub in sorted({lang, SOURCE}):
        for path in sorted((folder / sub).glob("*.md")):
            stat = path.stat()
            files.append([str(path), stat.st_mtime_ns, stat.st_size])
    catalogs = sorted(Path(tutor.locale.__file__).parent.glob(f"{lang}/*.po"))
    code = [[str(f), Path(f).stat().st_mtime_ns] for f in [m.__file__ for m in (loader, model, cache)] + catalogs]
    return [tutor.__version__, str(folder.resolve()), code, files]


class DLTutorApp(App):
    """dltutor's terminal user interface."""

    CSS_PATH = Path(__file__).with_name("app.tcss")   # absolute: subclasses live elsewhere
    TITLE = "dltutor"
    COMMANDS = App.COMMANDS | {JumpCommands, _glossary_commands}
    BINDINGS = [
        Binding("question_mark", "help", N_("Help"), tooltip=N_("this help")),
        Binding("t", "toggle_theme", N_("Theme"), tooltip=N_("dark / light theme")),
        Binding("f", "follow", N_("Follow")),        # only while a teacher teaches (check_action)
        # in ? help (the tooltip): the footer is full at 80 columns
        Binding("g", "glossary", N_("Glossary"), show=False, tooltip=N_("glossary of symbols and terms")),
        # A terminal program a student can always leave the usual way.
        Binding("ctrl+c", "quit", show=False, priority=True),
    ]

    FOLLOWS = True          # a class taught live moves this app (tutor/screens/follow.py); not the teacher's

    def __init__(self, lang: str | None = None, student: str | None = None, store: Any = None,
                 lesson: Any = None, lab: str | None = None, lab_args: Iterable[str] = (),
                 page: int = 0, *, lessons: list | None = None, problems: Iterable[str] = (),
                 root: Path | str | None = None, store_error: str = "", ask_name: bool = False,
                 lesson_cache: Path | None = None) -> None:
        super().__init__()
        self.ask_name = ask_name          # a browser tab: the first screen asks who is learning
        self.root = Path(root) if root else None
        if lang is not None:              # else the process's language, as the command line set it
            try:
                set_language(lang)
            except ValueError:            # no catalogs for it: English
                set_language(SOURCE)
        self.student = student or _login_name()
        self.store = store
        self.store_error = store_error
        self.start_lesson = lesson
        self.start_page = int(page or 0)
        self.start_lab = lab
        self.start_lab_args = tuple(lab_args)
        self.lesson_cache = lesson_cache      # the user's cache folder (run_app), never the shared data folder
        if lessons is None:
            lessons, found = load_content(language(), self.root, lesson_cache)
            problems = list(problems) + found
        self.lessons = list(lessons)
        self.problems = list(problems)
        self._save_warned = False
        self._writes = None                # the writer thread of save(), started on the first save
        self._last_write = None
        self.following = None             # tutor.screens.follow.Following, in a class's database
        self.teach_banner = ("", False)   # the live-teaching banner every screen shows (widgets/teach_banner.py)
        self.theme = THEMES[0]
        # Chinese wraps between any two characters, on lesson pages and in lab panels alike.
        from tutor.widgets.linebreak import install

        install()

    @property
    def lang(self) -> str:
        """The student's language: tutor.locale's one setting (read here by parts not yet converted)."""
        return language()

    # --- screens -----------------------------------------------------------
    def get_default_screen(self):
        from tutor.screens.home import HomeScreen

        return HomeScreen()

    async def start_as(self, student: str) -> None:
        """The name screen's answer: learn as `student`, from the home screen."""
        self.student, self.ask_name = student, False
        self.pop_screen()
        await self.screen.reload()          # the home screen, with the name and language chosen
        self._open_start()
        if self.following is not None:     # a class taught live: to the teacher's screen now
            self.following.rejoin()

    def change_language(self, lang: str) -> None:
        """Speak `lang` from now on, lessons included (the name screen's language choice)."""
        set_language(lang if lang in languages() else SOURCE)
        self.lessons, self.problems = load_content(language(), self.root, self.lesson_cache)
        self.screen.refresh_bindings()      # the footer's labels (tutor/screens/base.py)

    def on_mount(self) -> None:
        if self.store_error:
            self.notify(t("Progress is not being saved: {reason}", reason=self.store_error), severity="warning",
                        timeout=8)
        notices = getattr(self.store, "notices", None)   # e.g. a damaged file moved aside
        for notice in notices if isinstance(notices, (list, tuple)) else ():
            self.show_store_notice(notice)
        if hasattr(self.store, "on_notice"):            # and the ones that come later, at once
            self.store.on_notice = self.show_store_notice
        self.call_after_refresh(self._warm_up)
        if self.ask_name:
            from tutor.screens.name import NameScreen

            self.push_screen(NameScreen())
        else:
            self._open_start()
        self.call_after_refresh(self.check_size)
        self._follow_class()

    def _follow_class(self) -> None:
        """Watch the class's database for a teacher teaching live (never fatal)."""
        if not self.FOLLOWS or self.store is None:
            return
        try:
            from tutor.screens.follow import Following, live_location

            where = live_location(self.store)
            if where is not None:
                self.following = Following(self, where)
                self.following.start()
        except Exception:        # no live teaching in this database: the app works as ever
            self.following = None

    def on_unmount(self) -> None:
        from tutor.widgets.release import release_drawing_caches

        if self.following is not None:
            self.following.stop()
        if self._writes is not None:
            self._writes.shutdown(wait=True)      # what is queued is written before the store closes
        release_drawing_caches()      # Textual would keep this app's drawing after it ends

    def action_follow(self) -> None:
        if self.following is not None:
            self.following.toggle()

    def quiz_answered(self, quiz: Any, posed: Any, raw: str, feedback: Any) -> None:
        """A quiz's answer (QuizView calls this): counted for the teacher if it was asked."""
        if self.following is not None:
            self.following.quiz_answered(quiz, posed, raw, feedback)

    def show_store_notice(self, notice: Any) -> None:
        """A sentence from the progress store (saving failed, works again), in the student's
        language.  Safe from any thread: notify() only posts a message."""
        text = notice.text()
        good = notice.key == "saving_again"
        self.notify(text, severity="information" if good else "warning", timeout=8 if good else 15, markup=False)

    def _warm_up(self) -> None:
        """While the student reads the first screen, import what the next keys need."""
        self.run_worker(_import_for_later, thread=True, group="warm-up", exit_on_error=False)

    def _open_start(self) -> None:
        """The lesson or lab named on the command line, if any."""
        if self.start_lesson is not None:
            self.open_lesson(self.start_lesson, self.start_page)
        elif self.start_lab:
            self.open_lab(self.start_lab, self.start_lab_args)

    def lesson_by_id(self, lesson_id: str):
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        return None

    def open_lesson(self, lesson: Any, page: int = 0) -> None:
        from tutor.screens.lesson import LessonScreen

        if isinstance(lesson, str):
            found = self.lesson_by_id(lesson)
            if found is None:
                self.notify(t("No lesson {id}.", id=repr(lesson)), severity="error")
                return
            lesson = found
        self.push_screen(LessonScreen(lesson, page))

    def open_lab(self, name: str, args: Iterable[str] = ()) -> None:
        from tutor.screens.lab import LabScreen

        self.push_screen(LabScreen(name, tuple(args)))

    def check_action(self, action: str, parameters) -> bool | None:
        # Behind the "please enlarge" notice nothing else may open.
        if action in ("help", "command_palette", "glossary") and type(self.screen).__name__ == "TooSmallScreen":
            return False
        # Nothing opens before the student has said who they are (a browser tab).
        if action in ("command_palette", "glossary") and self.ask_name:
            return False
        if action == "follow":
            return self.following is not None and self.following.state is not None
        return True

    def action_command_palette(self) -> None:
        """Textual's palette, its prompt in the student's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("Search for a lesson, a lab or a command…")))

    def get_system_commands(self, screen):
        """Textual's own commands, named in the student's language (the rest are Textual's)."""
        from textual.app import SystemCommand

        yield SystemCommand(t("Theme"), t("Change the colours"), self.action_change_theme)
        yield SystemCommand(t("Quit"), t("Leave dltutor"), self.action_quit)
        yield SystemCommand(t("Screenshot"), t("Save a picture of the screen (SVG)"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """Textual's SVG screenshot, with Chinese as wide as on the terminal (widgets/screenshot.py)."""
        from tutor.widgets.screenshot import wide_text_fixed

        return wide_text_fixed(super().export_screenshot(title=title, simplify=simplify))

    def action_help(self) -> None:
        from tutor.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_glossary(self) -> None:
        from tutor.screens.glossary import GlossaryScreen

        if not isinstance(self.screen, GlossaryScreen):
            self.push_screen(GlossaryScreen())

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    # --- a terminal too small to draw on ------------------------------------
    def on_resize(self, event) -> None:
        # self.size may still be the old size here; the event has the new one.
        self.check_size(event.size)

    def check_size(self, size=None) -> None:
        from tutor.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

        width, height = size or self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        on_top = isinstance(self.screen, TooSmallScreen)
        if small and not on_top:
            self.push_screen(TooSmallScreen())
        elif small and on_top:
            self.screen.update_size(width, height)
        elif not small and on_top:
            self.pop_screen()

    # --- progress, never fatal -----------------------------------------------
    def save(self, method: str, *args: Any) -> None:
        """store.<method>(student, *args) on the app's writer thread, in order: a page turn never
        waits for the database (a class's apps share one file, and a write can wait for another
        app's lock).  A failure is a notice, once."""
        if self.store is None:
            return
        if self._writes is None:
            from concurrent.futures import ThreadPoolExecutor

            # not a daemon: at exit Python waits for what is queued, so no page seen is lost
            self._writes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dltutor-save")
        self._last_write = self._writes.submit(self._save_now, method, self.student, *args)

    def _save_now(self, method: str, *args: Any) -> None:
        try:
            getattr(self.store, method)(*args)
        except Exception as exc:
            if not self._save_warned:
                self._save_warned = True
                self.notify(t("Progress could not be saved: {reason}", reason=_one_line(exc)),    # (thread-safe)
                            severity="warning", timeout=8)

    def saved(self, timeout: float = 15.0) -> None:
        """Wait until every save asked for so far is written (before reading the store, and at exit)."""
        last = self._last_write
        if last is not None:
            try:
                last.result(timeout)
            except Exception:
                pass

    def query_store(self, method: str, default: Any, *args: Any) -> Any:
        if self.store is None:
            return default
        self.saved()                     # read what this student has just done, too
        try:
            return getattr(self.store, method)(self.student, *args)
        except Exception as exc:
            if not self._save_warned:
                self._save_warned = True
                self.notify(t("Progress could not be saved: {reason}", reason=_one_line(exc)), severity="warning",
                            timeout=8)
            return default


# A lesson page with a lab link imports the labs (and NumPy) for the lab's title,
# a quiz its checker: measured, the first such page took 193 ms of CPU against
# 27 ms for the next.  Imported once on a thread after the first screen, that
# cost is paid while the student reads instead of on a key press.
WARM_UP = ("tutor.screens.lesson", "tutor.labs", "tutor.quiz.widget", "tutor.screens.lab")


def _import_for_later() -> None:
    import importlib

    for name in WARM_UP:
        try:
            importlib.import_module(name)
        except Exception:   # a broken module shows its own notice when it is really opened
            pass


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:   # no login name in some containers
        return "student"


def open_default_store() -> tuple[Any, str]:
    """(Store at the default place — $DLTUTOR_DB or the data folder —, "") or (None, the reason it failed)."""
    try:
        from tutor.progress import Store
        from tutor.progress.location import resolve

        return Store(resolve(None)), ""
    except Exception as exc:
        return None, _one_line(exc)


def run_app(lang: str | None = None, student: str | None = None, store: Any = None, lesson: Any = None,
            lab: str | None = None, lab_args: Iterable[str] = (), page: int = 0, ask_name: bool = False) -> int:
    """Run the app in this terminal; returns an exit status.

    `lesson` (an id) opens that lesson at `page` (from 0); `lab` opens that lab.
    """
    store_error = ""
    if store is None:
        store, store_error = open_default_store()
    from tutor.content.cache import default_folder
    from tutor.terminal_input import tolerate_invalid_utf8

    tolerate_invalid_utf8()
    app = DLTutorApp(lang=lang, student=student, store=store, lesson=lesson, lab=lab,
                     lab_args=lab_args, page=page, store_error=store_error, ask_name=ask_name,
                     lesson_cache=default_folder())
    app.run()
    return app.return_code or 0
