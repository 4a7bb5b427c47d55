"""Issue 18 item 4: in a small terminal every screen shows how to leave it and how to get help.

At 80×24 the lab's footer used to end at `[ η ÷2`, its `q Back` and `? Help` cut off; in
Chinese at 100 columns `帮助` was cut.  The keys that leave and help are always on the
bottom line; the others collapse (help lists them).  A lab's step back and its way out
do not share a word, and a lesson's long title is cut with an ellipsis.
"""
from __future__ import annotations

import pytest
from screens import app
from test_tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

WORDS = {   # the leave key's label by screen, the help key's label, the lab's step back
    "en": dict(home="q Quit", lesson="q Home", lab="q Back", progress="q Back", help="? Help", step="← Step back",
               page="page 1/", title="Gradient descent in one dimension", close="q Close"),
    "zh": dict(home="q 退出", lesson="q 首页", lab="q 返回", progress="q 返回", help="? 帮助", step="← 退一步",
               page="第 1/", title="一元函数的梯度下降", close="q 关闭"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width,height", [(80, 24), (100, 30)])
def test_every_screen_shows_leave_and_help(tmp_path, lang, width, height):
    w = WORDS[lang]
    term = app(tmp_path, "--lang", lang, width=width, height=height)
    try:
        bottom = lambda s: s.rstrip("\n").split("\n")[-1]  # noqa: E731
        both = lambda key: lambda s: key in bottom(s) and w["help"] in bottom(s)  # noqa: E731
        term.wait_until(both(w["home"]), "home footer with its way out and help")
        term.press("s")
        term.wait_until(both(w["progress"]), "progress footer")
        term.press("q")
        term.wait_until(both(w["home"]), "back home")
        term.press("Down", "Down", "Down", "Enter")          # 1.4 gradient descent in 1-D
        screen = term.wait_until(both(w["lesson"]), "lesson footer")
        header = screen.split("\n")[0].rstrip()
        assert w["page"] in header
        title = header.split("›", 1)[1].split(w["page"])[0].strip()
        assert title == w["title"] or (title.endswith("…") and w["title"].startswith(title[:-1])), header
        term.press("Right")                                           # page 2 has the gd1d lab
        term.wait_until(lambda s: "o " in bottom(s), "the lab key on page 2")
        term.press("o")
        screen = term.wait_until(both(w["lab"]), "lab footer with its way out and help")
        assert w["step"] in bottom(screen) or width < 100, bottom(screen)
        # The step back never reads like the way out.
        leave_word = w["lab"].split(" ", 1)[1]
        assert f"← {leave_word} " not in bottom(screen) + " ", bottom(screen)
        term.press("q")
        term.wait_until(both(w["lesson"]), "back in the lesson")
        term.type("?")
        screen = term.wait_until(lambda s: w["close"] in bottom(s), "the help screen's way out")
        assert "Traceback" not in screen
    finally:
        term.close()
