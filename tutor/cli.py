"""The `dltutor` command line.

    dltutor                      the app, on the home screen
    dltutor open LESSON          the app, on a lesson
    dltutor list                 the lessons, one a line: id, then title
    dltutor lab [NAME k=v …]     the labs (no name), or one lab (--plain: as text)
    dltutor quiz LESSON          a lesson's quiz (--plain: questions on stdout, answers on stdin)
    dltutor check [PATH]         what is wrong with lesson files (default: the installed ones), as file:line: reason
    dltutor progress [--csv]     a student's progress
    dltutor exercises [ACTION]   write the maths in NumPy, checked by the engine (tutor/exercises/cli.py)
    dltutor serve …              a classroom server (the `serve` extra)
    dltutor charts …             figures for slides and papers (the `charts` extra)

Heavy modules (numpy, textual) are imported only by the commands that need
them, so `dltutor --version` and `dltutor list` start fast.  A student never
sees a traceback: bad input gets one line and exit status 2, anything
unexpected one line and status 1.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from tutor import __version__
from tutor.cli_text import UsageError
from tutor.cli_text import table as _table
from tutor.locale import SOURCE, language, languages, set_language, t, translated

# --- arguments -----------------------------------------------------------------

def _common() -> argparse.ArgumentParser:
    """Options accepted before or after the command (`dltutor --lang zh list` or `dltutor list --lang zh`)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", default=argparse.SUPPRESS,
                        help=f"{' or '.join(languages())} (default: from the locale)")
    common.add_argument("--data-dir", default=argparse.SUPPRESS, metavar="DIR",
                        help="where progress is kept (default: $DLTUTOR_DATA_DIR or the user data folder)")
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="URL",
                        help="where progress is kept instead: sqlite:///PATH or postgresql://USER@HOST/DB "
                             "(default: $DLTUTOR_DB, else progress.db in the data folder)")
    common.add_argument("--student", default=argparse.SUPPRESS, metavar="NAME",
                        help="whose progress (default: your login name)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="dltutor", parents=[common],
        description="Learn the mathematics of deep learning in a terminal, by doing it.",
        epilog="Keys in the app: → space n next, ← p back, j k scroll, q quit, ? help, ctrl+p jump anywhere.")
    parser.add_argument("--version", action="version", version=f"dltutor {__version__}")
    parser.add_argument("--ask-name", action="store_true",
                        help="first ask who is learning (what `dltutor serve web` runs for each browser tab)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", parents=[common], help="open a lesson in the app")
    p.add_argument("lesson", help="lesson id, file name, or the start of one")

    p = sub.add_parser("list", parents=[common], help="list the lessons: id, then title")
    p.add_argument("--plain", action="store_true", help="id<TAB>title only, no notices")

    # Our own --help: with a lab's name it lists that lab's settings too (cmd_lab).
    p = sub.add_parser("lab", parents=[common], help="run a lab (no name: list the labs)", add_help=False)
    p.add_argument("-h", "--help", action="store_true", help="show this help (and the lab's settings) and exit")
    p.set_defaults(lab_parser=p)
    p.add_argument("name", nargs="?")
    p.add_argument("params", nargs="*", metavar="key=value", help="lab settings, e.g. x0=4 lr=0.5")
    p.add_argument("--plain", action="store_true", help="print the run as text instead of opening the app")

    p = sub.add_parser("quiz", parents=[common], help="take a lesson's quiz")
    p.add_argument("lesson")
    p.add_argument("--plain", action="store_true", help="questions on stdout, answers on stdin")

    p = sub.add_parser("check", parents=[common], help="check lesson files: file:line: reason")
    p.add_argument("path", nargs="?", default=None, help="a lesson file or a folder (default: the installed lessons)")

    p = sub.add_parser("progress", parents=[common], help="show your progress")
    p.add_argument("--csv", action="store_true", help="comma-separated values, for a spreadsheet")
    p.add_argument("--transcript", metavar="FILE", help="write your record to FILE.html or FILE.md, to hand in")

    p = sub.add_parser("class", parents=[common], help="the teacher's live view of a classroom's progress")
    p.add_argument("--csv", action="store_true", help="one line per student and lesson, for a spreadsheet")
    p.add_argument("--refresh", type=float, default=3.0, metavar="S", help="seconds between refreshes")
    p.add_argument("--transcripts", metavar="DIR", help="write each student's transcript to DIR/NAME.html")

    p = sub.add_parser("teach", parents=[common], help="teach live: the class's screens follow yours")
    p.add_argument("words", nargs="*", metavar="open LESSON", help="start on a lesson: dltutor teach open LESSON")
    p.add_argument("--no-follow", action="store_true",
                   help="students see where you are but move only when they press f")

    p = sub.add_parser("charts", parents=[common], help="write the chart guide's figures (needs dltutor[charts])")
    from tutor.charts.cli import add_arguments as chart_arguments

    chart_arguments(p)
    p = sub.add_parser("exercises", parents=[common],
                       help="exercises the engine checks: list, init, check, watch, hint")
    p.add_argument("action", nargs="?", default="list", choices=("list", "init", "check", "watch", "hint"))
    p.add_argument("target", nargs="?", metavar="NAME|DIR", help="an exercise (check, hint) or a folder (init)")
    p.add_argument("--dir", default=None, metavar="DIR", help="the exercise folder (default ./dltutor-exercises)")

    p = sub.add_parser("serve", help="serve a classroom over SSH or the web (needs dltutor[serve])",
                       add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


class Context:
    """What every command needs: language, student, where progress lives."""

    def __init__(self, args: argparse.Namespace) -> None:
        from tutor.language import choose_lang

        try:
            self.lang = choose_lang(getattr(args, "lang", None))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        set_language(self.lang)           # the one language setting of this process (tutor.locale)
        self.data_dir = getattr(args, "data_dir", None)
        self.db = getattr(args, "db", None)
        student = getattr(args, "student", None)
        if student is not None and not student.strip():
            raise UsageError(t("--student needs a name"))
        if student is None:
            from tutor.progress import default_student

            student = default_student()
        self.student = student.strip()

    @property
    def store_location(self) -> Path | str:
        """--db, $DLTUTOR_DB, else progress.db in the data folder: a Path, or a postgresql:// URL."""
        from tutor.progress.location import BadLocation, missing_driver, resolve

        try:
            where = resolve(self.db, self.data_dir)
        except BadLocation as exc:
            raise UsageError(str(exc)) from None
        if isinstance(where, str) and missing_driver():
            raise UsageError(missing_driver())
        return where

    @property
    def store_path(self) -> Path:
        """The SQLite file, or (PostgreSQL) where it would be: the data folder holds the rest."""
        from tutor.progress import default_path

        where = self.store_location
        return where if isinstance(where, Path) else default_path(self.data_dir)

    def open_store(self):
        """The store at store_location; PostgreSQL keeps writes it cannot send in the data folder."""
        from tutor.progress import Store

        where = self.store_location
        return Store(where, journal=self.store_path.parent) if isinstance(where, str) else Store(where)

    def store(self):
        store = self.open_store()
        for notice in store.notices:
            print(f"dltutor: {notice.text()}", file=sys.stderr)
        return store


# --- helpers ------------------------------------------------------------------------

# The modules of pyproject.toml's dependencies: one missing is a broken install, for every command.
DEPENDENCIES = ("textual", "rich", "numpy", "plotext", "textual_plotext", "pylatexenc", "platformdirs", "yaml")


def _run_app(ctx: Context, **where: Any) -> int | None:
    """Start the Textual app; None if this installation has no app yet."""
    try:
        from tutor.app import run_app
    except ImportError as exc:
        if exc.name and (exc.name == "tutor.app" or exc.name.startswith("tutor.app")):
            return None
        raise            # a dependency missing: main() says how to mend the install
    import os

    # Without a terminal Textual would wait forever (e.g. `ssh host cmd` on a
    # classroom server). textual-serve runs us on pipes with its own driver.
    if not (sys.stdin.isatty() and sys.stdout.isatty()) and not os.environ.get("TEXTUAL_DRIVER"):
        raise UsageError(t("the app needs a terminal; for text on stdout use --plain "
                           "(dltutor lab NAME --plain, dltutor quiz LESSON --plain), or ssh -t"))
    # The app shows `store.notices` (damaged file moved aside, not saving).
    store = ctx.open_store()
    try:
        result = run_app(student=ctx.student, store=store, **where)
    finally:
        store.close()
    return result if isinstance(result, int) else 0


def _find_lesson(ctx: Context, query: str):
    from tutor.content import LessonError, UnknownLesson, find_lesson

    try:
        return find_lesson(query, language())
    except UnknownLesson as exc:
        raise UsageError(str(exc)) from None
    except LessonError as exc:
        raise UsageError(t("that lesson cannot be read: {problem}", problem=str(exc))) from None


# --- commands ----------------------------------------------------------------------

def _no_app() -> int:
    print(t("The full-screen app is not installed in this version; try `dltutor list` or `dltutor lab NAME --plain`."),
          file=sys.stderr)
    return 1


def cmd_home(ctx: Context, args: argparse.Namespace) -> int:
    code = _run_app(ctx, lesson=None, lab=None, ask_name=getattr(args, "ask_name", False))
    return _no_app() if code is None else code


def cmd_open(ctx: Context, args: argparse.Namespace) -> int:
    lesson = _find_lesson(ctx, args.lesson)
    code = _run_app(ctx, lesson=lesson.id, lab=None)
    return _no_app() if code is None else code


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from tutor.content import load_lessons

    lessons, problems = load_lessons(language())
    if args.plain:
        for lesson in lessons:
            print(f"{lesson.id}\t{lesson.title}")
        return 0
    if not lessons:
        print(t("No lessons found."), file=sys.stderr)
    else:
        rows = [[lesson.id, lesson.title + (" (en)" if lesson.fallback else "")] for lesson in lessons]
        print(_table(rows))
    if problems:
        print(t("{n} lesson file(s) could not be read and are skipped (run `dltutor check`):", n=len(problems)),
              file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    return 0


def _lab_summary(name: str) -> str:
    from tutor.labs import get_lab

    try:
        lab = get_lab(name)
    except Exception as exc:  # one broken lab must not hide the others
        return t("(cannot load: {reason})", reason=str(exc))
    summary = translated(lab.summary)
    # A summary not translated (yet): the lab's title in the student's language says more.
    return summary if summary != lab.summary or language() == SOURCE else translated(lab.title)


def cmd_lab(ctx: Context, args: argparse.Namespace) -> int:
    from tutor.labs import LabError, get_lab, lab_names

    if getattr(args, "help", False):
        print(args.lab_parser.format_help())
        if args.name in lab_names():
            print(_lab_settings(get_lab(args.name)))
        return 0
    if not args.name:
        names = lab_names()
        rows = [[name, _lab_summary(name)] for name in names]
        if rows:
            print(_table(rows))
        else:
            print(t("No labs are installed."), file=sys.stderr)
        return 0
    names = lab_names()
    if args.name not in names:
        import difflib

        close = difflib.get_close_matches(args.name, names, n=3, cutoff=0.4)
        hint = (t("did you mean {names}?", names=", ".join(close)) if close
                else t("the labs are: {names}", names=", ".join(names) or t("none yet")))
        raise UsageError(t("unknown lab {name}; {hint}", name=repr(args.name), hint=hint)) from None
    lab_class = None
    try:
        lab_class = get_lab(args.name)
        lab = lab_class.from_tokens(args.params)
    except LabError as exc:
        message = str(exc)
        if lab_class is not None and _unknown_setting_without_suggestion(lab_class, args.params):
            names = ", ".join(p.name for p in lab_class.params) or "-"
            message += t("; its parameters are: {names}", names=names)
        raise UsageError(message) from None
    if not args.plain:
        code = _run_app(ctx, lesson=None, lab=args.name, lab_args=tuple(args.params))
        if code is not None:
            return code
    lab.plain(sys.stdout)  # --plain, or no app in this installation
    return 0


def _lab_settings(lab_class) -> str:
    """`dltutor lab NAME --help`: each setting, what it means, its default and range."""
    rows = []
    for param in lab_class.params:
        default = f"{param.default:g}" if isinstance(param.default, float) else str(param.default)
        limits = [t("default {default}", default=default)]
        if param.choices:
            limits.append(t("one of {choices}", choices=", ".join(map(str, param.choices))))
        elif param.low is not None and param.high is not None:
            limits.append(t("from {low} to {high}", low=f"{param.low:g}", high=f"{param.high:g}"))
        rows.append([f"{param.name}=", f"{translated(param.help)} ({'; '.join(limits)})"])
    head = t("Settings of the lab {name} (write them as key=value):", name=lab_class.name)
    return head + "\n" + (_table(rows) if rows else "  -")


def _unknown_setting_without_suggestion(lab_class, tokens: list[str]) -> bool:
    """Did the lab refuse a setting it has no parameter for, and none close to suggest?
    (Then the refusal lists its parameters.)  The lab stops at the first mistake: find it."""
    import difflib

    from tutor.labs import LabError

    known = [p.name for p in lab_class.params]
    for i, token in enumerate(tokens):
        try:
            lab_class.from_tokens(tokens[: i + 1])
        except LabError:
            key, sep, _ = token.partition("=")
            return bool(sep) and key.strip() not in known and not difflib.get_close_matches(key.strip(), known, n=3)
    return False


def cmd_quiz(ctx: Context, args: argparse.Namespace) -> int:
    lesson = _find_lesson(ctx, args.lesson)
    if not any(True for _ in lesson.blocks("quiz")):
        raise UsageError(t("lesson {id} has no quiz", id=repr(lesson.id)))
    if not args.plain:
        quiz_page = next(i for i, page in enumerate(lesson.pages) if any(b.kind == "quiz" for b in page.blocks))
        code = _run_app(ctx, lesson=lesson.id, lab=None, page=quiz_page)
        if code is not None:
            return code
    try:
        from tutor.quiz.plain import run_plain
    except ImportError:
        print(t("Plain quizzes are not available in this version."), file=sys.stderr)
        return 1
    store = ctx.store()
    try:
        return int(run_plain(lesson, store, ctx.student, sys.stdin, sys.stdout) or 0)
    finally:
        store.close()


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    from tutor.content.check import run_check

    if args.path is None:
        from tutor.content.loader import default_root

        path = default_root()
    else:
        path = Path(args.path)
    return run_check(path, sys.stdout, sys.stderr)


def _when(at: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at)) if at else ""


def _score(pair) -> str:
    return f"{pair[0]}/{pair[1]}" if pair else "-"


def cmd_progress(ctx: Context, args: argparse.Namespace) -> int:
    from tutor.content import load_lessons

    lessons, _ = load_lessons(language())
    if args.transcript:
        from tutor.transcript_cli import progress_transcript

        return progress_transcript(ctx, lessons, args.transcript)
    store = ctx.store()
    try:
        status = store.lesson_status(ctx.student)
    finally:
        store.close()
    known = {lesson.id for lesson in lessons}
    entries = [(lesson.id, lesson.title, len(lesson.pages)) for lesson in lessons]
    entries += [(lesson_id, "", None) for lesson_id in sorted(status) if lesson_id not in known]
    blank = dict(seen=0, best=None, last=None, last_active=None)
    if args.csv:
        from tutor.progress_csv import write_csv

        write_csv(lessons, status, sys.stdout)
        return 0
    if not status:
        print(t("No progress recorded yet for {student}.", student=ctx.student))
    rows = [[t("lesson"), t("title"), t("pages"), t("best"), t("last"), translated("last active")]]
    for lesson_id, title, total in entries:
        s = status.get(lesson_id, blank)
        seen = min(s["seen"], total) if total is not None else s["seen"]
        rows.append([lesson_id, title, f"{seen}/{'?' if total is None else total}",
                     _score(s["best"]), _score(s["last"]), _when(s["last_active"]) or "-"])
    if len(rows) > 1:
        print(_table(rows))
    return 0


def cmd_teach(ctx: Context, args: argparse.Namespace) -> int:
    words = list(args.words)
    if words and words[0] == "open":
        words = words[1:]
    if len(words) > 1 or (args.words and args.words[0] != "open"):
        raise UsageError(t("usage: dltutor teach [open LESSON]"))
    lesson = _find_lesson(ctx, words[0]).id if words else None
    from tutor.teach import CannotTeach, run_teach

    try:
        return run_teach(ctx, lesson, follow=not args.no_follow)
    except CannotTeach as exc:
        raise UsageError(str(exc)) from None


def cmd_class(ctx: Context, args: argparse.Namespace) -> int:
    """The teacher's dashboard over the classroom's progress file (--data-dir D)."""
    from tutor.content import load_lessons
    from tutor.teacher import class_rows, sort_rows, write_csv

    if isinstance(ctx.store_location, Path) and not ctx.store_path.exists():
        raise UsageError(t("no progress file at {path}; give the classroom's --data-dir", path=str(ctx.store_path)))
    lessons, _ = load_lessons(language())
    store = ctx.store()
    if isinstance(ctx.store_location, str) and not store.saving:      # PostgreSQL: say why, once
        store.close()
        raise UsageError(t("cannot read the class's progress: {reason}", reason=store.reason))
    try:
        if args.transcripts:
            from tutor.transcript_cli import class_transcripts

            return class_transcripts(ctx, store, lessons, args.transcripts)
        if args.csv:
            write_csv(sort_rows(class_rows(store), "student"), lessons, sys.stdout)
            return 0
        from tutor.teacher_app import run_dashboard  # Textual only for the dashboard itself

        return run_dashboard(store, lessons, refresh=max(0.5, args.refresh))
    finally:
        store.close()


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    """Hand the rest of the line to tutor/serve/cli.py (`dltutor serve ssh|web …`)."""
    try:
        from tutor.serve.cli import main as serve_main
    except ImportError:
        raise UsageError(t("serving is not available here; install it with: pip install 'dltutor[serve]'")) from None
    rest = list(args.rest)
    # `dltutor --data-dir D serve ssh` means the same as `dltutor serve ssh --data-dir D`
    if ctx.data_dir and rest and not rest[0].startswith("-") and "--data-dir" not in rest:
        rest[1:1] = ["--data-dir", str(ctx.data_dir)]
    if ctx.db and rest and not rest[0].startswith("-") and "--db" not in rest:
        rest[1:1] = ["--db", ctx.db]
    return int(serve_main(rest) or 0)


def cmd_charts(ctx: Context, args: argparse.Namespace) -> int:
    from tutor.charts.cli import run

    return run(args, ctx.lang)


def cmd_exercises(ctx: Context, args: argparse.Namespace) -> int:
    from tutor.exercises.cli import run

    return run(ctx, args)


COMMANDS = {None: cmd_home, "open": cmd_open, "list": cmd_list, "lab": cmd_lab, "quiz": cmd_quiz,
            "check": cmd_check, "progress": cmd_progress, "class": cmd_class, "teach": cmd_teach, "serve": cmd_serve,
            "charts": cmd_charts,
            "exercises": cmd_exercises}


def _split_serve(argv: list[str]) -> tuple[list[str], list[str] | None]:
    """`dltutor [options] serve REST…`: REST goes to the serve parser untouched (even --help)."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token in ("--lang", "--data-dir", "--db", "--student"):
            i += 2
        elif token.startswith("-"):
            i += 1
        else:
            return (argv[:i + 1], argv[i + 1:]) if token == "serve" else (argv, None)
    return argv, None


def source_folder() -> Path | None:
    """The source folder this dltutor runs from (`python -m tutor` in a checkout), else None."""
    folder = Path(__file__).resolve().parent.parent
    return folder if (folder / "pyproject.toml").is_file() else None


def missing_package_help(package: str) -> str:
    """What to type when this Python lacks one of dltutor's packages: short lines, the command on a
    line of its own (a line wider than the terminal wrapped mid-command), for the Python in use."""
    # The sentence names dltutor itself: no "dltutor: " in front ("dltutor: dltutor needs …").
    lines = [t("dltutor needs the package {package}, which this Python does not have:", package=repr(package)),
             f"    {sys.executable}"]
    source = source_folder()
    if source is not None:            # maybe never installed into this Python: `pip install -e .` is what works
        lines += [t("Install dltutor from its source folder with what it needs:"),
                  f"    cd {source}", f"    {sys.executable} -m pip install -e ."]
    else:
        lines += [t("Mend the install with:"), f"    {sys.executable} -m pip install --force-reinstall dltutor"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    try:
        head, serve_rest = _split_serve(list(sys.argv[1:] if argv is None else argv))
        parser = build_parser()
        args, extra = parser.parse_known_args(head)
        # argparse stops filling `params` at an option: `lab gd1d lr=0.1 --plain x0=2` leaves x0=2 over
        if args.command == "lab":
            settings = [e for e in extra if not e.startswith("-")]     # a bad one is explained by the lab
            args.params = [*args.params, *settings]
            extra = [e for e in extra if e not in settings]
        if extra:
            parser.error(t("unrecognized arguments: {arguments}", arguments=" ".join(extra)))
        if serve_rest is not None:
            args.rest = serve_rest
        ctx = Context(args)
        return COMMANDS[args.command](ctx, args)
    except UsageError as exc:
        print(f"dltutor: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `dltutor list | head`
        try:
            sys.stdout = open("/dev/null", "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
    except Exception as exc:  # never a traceback on a student's screen
        missing = (getattr(exc, "name", None) or "").split(".")[0] if isinstance(exc, ImportError) else ""
        if missing in DEPENDENCIES:         # a broken install (or Python without dltutor's packages)
            # A blank line first sets the block apart from the command typed; a terminal that
            # drops its top row when the command ends (tmux's dead pane) then drops only that.
            print("\n" + missing_package_help(missing), file=sys.stderr)
            return 2
        from tutor.progress import Unavailable

        if isinstance(exc, Unavailable):      # PostgreSQL away, nothing read from it before
            print(t("dltutor: cannot read progress now: {error}", error=str(exc)), file=sys.stderr)
            return 1
        print(t("dltutor: unexpected error: {error}", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1
