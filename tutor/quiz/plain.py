"""`dltutor quiz LESSON --plain`: questions on stdout, one answer a line on stdin.

For screen readers, scripts and tests.  The end of input ends the quiz
cleanly (exit status 0); every answer typed so far is already saved.
"""
from __future__ import annotations

from typing import Any, TextIO

from tutor.locale import language, languages, t, using
from tutor.progress import MAX_ANSWER
from tutor.quiz.session import QuizSession
from tutor.quiz.text import inline


def lesson_questions(lesson: Any) -> list:
    """Every question of every quiz block of a lesson, in order."""
    questions: list = []
    blocks = lesson.blocks("quiz") if callable(getattr(lesson, "blocks", None)) else ()
    for block in blocks:
        questions.extend(block.questions)
    return questions


def show_question(session: QuizSession, out: TextIO) -> None:
    posed = session.current
    print(file=out)
    print(t("Question {i} of {n}", i=session.index + 1, n=session.total), file=out)
    print(inline(posed.text), file=out)
    for k, option in enumerate(posed.options, start=1):
        print(f"  {k}. {inline(option)}", file=out)


def run_plain(lesson: Any, store: Any, student: str, stdin: TextIO, stdout: TextIO,
              lang: str | None = None) -> int:
    """Ask every question of the lesson's quiz; return the exit status (0).

    The quiz speaks the lesson's language: a fallback lesson (an English file in
    the zh list) is English.  `lang` (the command line's, for a lesson that does
    not say) is still accepted from callers that pass it."""
    spoken = "en" if getattr(lesson, "fallback", False) else (getattr(lesson, "lang", None) or lang or language())
    with using(spoken if spoken in languages() else language()):
        return _run(lesson, store, student, stdin, stdout)


def _run(lesson: Any, store: Any, student: str, stdin: TextIO, stdout: TextIO) -> int:
    session = QuizSession(lesson_questions(lesson), getattr(lesson, "id", str(lesson)), student, store)
    out = stdout
    print(t("Quiz: {title}", title=getattr(lesson, "title", "") or session.lesson_id), file=out)
    for notice in session.notices:
        print(notice, file=out)
    if session.total == 0:
        print(t("This lesson has no quiz."), file=out)
        return 0
    echo = not _isatty(stdin)
    shown_notices = len(session.notices)
    store_notices = _notices(store)
    shown_store = len(store_notices)                   # the ones before the quiz went to stderr
    while not session.done:
        show_question(session, out)
        while not session.question_over:
            print(inline(session.current.prompt()), end=" ", file=out, flush=True)
            line = _read_line(stdin)
            if line == "":                                # end of input
                print(file=out)
                print(_input_ended(session), file=out)
                return 0
            raw = line.rstrip("\r\n")
            if echo:                                       # a transcript shows what was typed
                print(raw if len(raw) <= 80 else raw[:77] + "…", file=out)
            feedback = session.submit(raw)
            for text in feedback.lines():
                print(inline(text), file=out)
            for notice in session.notices[shown_notices:]:
                print(notice, file=out)
            shown_notices = len(session.notices)
            for notice in store_notices[shown_store:]:     # saving failed, or works again: say so now
                # (the language only for a progress store whose notices still take one)
                print(notice.text(language()) if callable(getattr(notice, "text", None)) else notice, file=out)
            shown_store = len(store_notices)
        session.next()
    print(file=out)
    print(t("Quiz finished.") + " " + session.summary(), file=out)
    print(session.kept(), file=out)
    return 0


def _input_ended(session: QuizSession) -> str:
    values = dict(answered=session.answered, total=session.total, right=session.score)
    if session.saved:
        return t("Input ended after {answered} of {total} questions ({right} right). Your answers so far are saved.",
                 **values)
    return t("Input ended after {answered} of {total} questions ({right} right). "
             "Your answers have not been saved: progress cannot be written right now.", **values)


def _notices(store: Any) -> list:
    notices = getattr(store, "notices", None)
    return notices if isinstance(notices, list) else []


def _read_line(stdin: TextIO) -> str:
    """One line of input, of which at most MAX_ANSWER + 2 characters are kept: the rest
    of a longer line is read and dropped, and the answer is then refused as too long."""
    line = stdin.readline(MAX_ANSWER + 2)
    if len(line) < MAX_ANSWER + 2 or line.endswith("\n"):
        return line
    while True:
        rest = stdin.readline(65536)
        if not rest or rest.endswith("\n"):
            return line


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
