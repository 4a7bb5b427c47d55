"""Issue 18 item 12, the small things, in a real terminal (tmux) at human speed, en and zh.

`dltutor lab gd1d` then `q` landed on the home screen, not the shell; `r` or space on a
finished lab did nothing and said nothing; → on the last page put a toast over the quiz;
the progress screen said `5/7 / 5/7`; "Up next" skipped unread earlier lessons; at 200×60
lesson lines ran 150 characters; the command palette spoke English in the Chinese app.
"""
from __future__ import annotations

import time

import pytest
from rich.cells import cell_len
from screens import app
from test_tmux import TMUX

from tutor.progress import Store, default_path

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

W = {
    "en": dict(finished="Run finished", again="The run has finished",
               lessons="Lessons", progress="Progress of ada", up_next="Up next: Why deep learning?",
               palette="Search for a lesson", theme="Theme"),
    "zh": dict(finished="运行结束", again="这次运行已经结束",
               lessons="课程", progress="ada 的进度", up_next="下一课：为什么", palette="搜索课程",
               theme="主题"),
}


def gone(term, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if term.dead() or not term.alive():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_lab_from_the_shell_returns_to_it_and_a_finished_run_answers(tmp_path, lang):
    w = W[lang]
    term = app(tmp_path, "--lang", lang, "lab", "gd1d", "max_iter=3", width=100, height=30)
    try:
        term.wait_until(lambda s: "(gd1d max_iter=3)" in s, "the lab")
        term.press("r")
        screen = term.wait_until(lambda s: w["finished"] in s, "the end of the run")
        term.press("space")
        term.wait_until(lambda s: w["again"] in s, "a word on why space does nothing")
        term.press("r")                                            # starts again, running
        term.wait_until(lambda s: w["finished"] not in s, "the run starting again")
        term.wait_until(lambda s: w["finished"] in s, "the second run ending")
        term.press("q")
        assert gone(term), "q in a lab opened from the shell must return to the shell:\n" + term.screen()
        assert "Traceback" not in screen
    finally:
        term.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_progress_up_next_last_page_measure_and_palette(tmp_path, lang):
    w = W[lang]
    store = Store(default_path(tmp_path / "data"))
    from tutor.content import load_lessons

    pages = len(next(item for item in load_lessons(lang)[0] if item.id == "backpropagation").pages)
    for page in range(pages):                                       # 2.6 read to the end, nothing before it
        store.page_seen("ada", "backpropagation", page)
    store.quiz_score("ada", "backpropagation", 5, 7)
    store.quiz_score("ada", "backpropagation", 5, 7)
    term = app(tmp_path, "--lang", lang, "--student", "ada", width=200, height=60)
    try:
        screen = term.wait_until(lambda s: w["lessons"] in s, "the home screen")
        assert w["up_next"] in screen, screen
        term.press("s")
        screen = term.wait_until(lambda s: w["progress"] in s, "the progress screen")
        assert "5/7" in screen and "5/7 / 5/7" not in screen, screen
        term.press("q")
        term.wait_until(lambda s: w["lessons"] in s, "home again")
        term.keys("C-p")
        screen = term.wait_until(lambda s: w["palette"] in s, "the palette's prompt in the student's language")
        term.type("theme" if lang == "en" else "主题")
        screen = term.wait_until(lambda s: w["theme"] in s.split("\n", 3)[3], "Theme in the student's language")
        assert "Search for commands" not in screen and (lang == "en" or "Screenshot" not in screen)
        term.press("Escape")
        term.press("Enter")                                         # "Up next": lesson 1.1
        term.wait_until(lambda s: "1/4" in s.split("\n")[0], "lesson 1.1")

        def body(screen: str) -> list[str]:
            return [line for line in screen.rstrip("\n").split("\n")[1:-1] if line.strip()]

        # centred (a loaded machine may show a frame or two of the page being laid out first)
        screen = term.wait_until(lambda s: min(len(x) - len(x.lstrip()) for x in body(s) or [""]) >= 40,
                                 "the page centred at 200 columns")
        assert max(cell_len(line.strip()) for line in body(screen)) <= 104, screen   # a readable measure
        # → past a last page opens the next lesson (tests/e2e/test_tmux_move_on.py); on the very last
        # lesson it says so on the page bar (tests/app/test_move_on.py)
    finally:
        term.close()
