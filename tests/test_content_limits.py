"""A hostile lesson file cannot hang `dltutor check`, `quiz --plain` or the app.

Reproduced before the fix: a YAML alias bomb (nine aliases of nine aliases …)
made `dltutor check` print a 300 MB message and `quiz --plain` run past 30 s;
a 49 MB quiz block parsed for minutes.  Now aliases/anchors are refused and a
lesson file over 256 KB is skipped unread, each with file:line: reason.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from tutor.content.loader import MAX_LESSON_BYTES, load_lessons

HEAD = "---\nid: {id}\ntitle: {id}\nchapter: 1\norder: {order}\n---\n# A page\n\nSome text.\n\n"


def alias_bomb(levels: int = 8) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghijk"[:levels - 1]:
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    defs = "\n".join("    " + line for line in lines)
    return ("```quiz\n- id: q0\n  kind: choice\n  ask: Pick one.\n  options: [x, y]\n  answer: 0\n  defs:\n"
            f"{defs}\n- id: q1\n  kind: choice\n  ask: Pick one.\n  options: [x, *{prev}]\n  answer: 0\n```\n")


def write(root: Path, name: str, text: str) -> Path:
    (root / "en").mkdir(parents=True, exist_ok=True)
    path = root / "en" / name
    path.write_text(text, encoding="utf-8")
    return path


def dltutor(*args: str, root: Path, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command; a hang shows up as TimeoutExpired (a generous liveness bound)."""
    env = dict(os.environ, DLTUTOR_LESSONS=str(root), DLTUTOR_DATA_DIR=str(root / "data"))
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=timeout)


def test_an_alias_bomb_is_refused_by_check_and_plain_quiz(tmp_path):
    path = write(tmp_path, "01-bomb.md", HEAD.format(id="bomb", order=1) + alias_bomb())
    out = dltutor("check", str(path), root=tmp_path)
    assert out.returncode == 1
    assert f"{path}:18: bad YAML in quiz: anchors and aliases (&name, *name) are not allowed in lessons" in out.stdout
    assert len(out.stdout) < 1000
    out = dltutor("quiz", "--plain", "bomb", root=tmp_path, stdin="1\n")
    assert out.returncode == 2 and "anchors and aliases" in out.stderr and len(out.stderr) < 1000


def test_aliases_in_the_front_matter_are_refused_too(tmp_path):
    text = "---\nid: &x fm\ntitle: *x\nchapter: 1\norder: 1\n---\n# Page\n\ntext\n"
    write(tmp_path, "01-fm.md", text)
    lessons, problems = load_lessons("en", tmp_path)
    assert not lessons
    assert [p.line for p in problems] == [2] and "anchors and aliases" in problems[0].reason


def big_lesson(size: int) -> str:
    head = HEAD.format(id="huge", order=2)
    quiz = "```quiz\n- id: q1\n  kind: choice\n  ask: Pick one.\n  options: [x, y]\n  answer: 0\n  explain: |\n"
    filler = "    " + "x" * 70 + "\n"
    body = filler * ((size - len(head) - len(quiz)) // len(filler) + 1)
    return head + quiz + body + "```\n"


def test_a_lesson_file_over_the_limit_is_skipped_unread(tmp_path):
    write(tmp_path, "01-small.md", HEAD.format(id="small", order=1))
    path = write(tmp_path, "02-huge.md", big_lesson(MAX_LESSON_BYTES + 10))
    assert path.stat().st_size > MAX_LESSON_BYTES
    lessons, problems = load_lessons("en", tmp_path)
    assert [lesson.id for lesson in lessons] == ["small"]          # the others still load
    assert [str(p) for p in problems] == [
        f"{path}:1: the file is larger than 256 KB, the most a lesson file may be: split it into several lessons"]
    out = dltutor("check", str(path), root=tmp_path)
    assert out.returncode == 1 and "larger than 256 KB" in out.stdout


def test_a_lesson_just_under_the_limit_still_loads(tmp_path):
    path = write(tmp_path, "02-big.md", big_lesson(MAX_LESSON_BYTES - 2000))
    assert path.stat().st_size <= MAX_LESSON_BYTES
    lessons, problems = load_lessons("en", tmp_path)
    assert [lesson.id for lesson in lessons] == ["huge"] and not problems


def test_the_app_shows_the_skipped_file(tmp_path):
    asyncio.run(app_shows_the_skipped_file(tmp_path))


async def app_shows_the_skipped_file(tmp_path):
    from tutor.app import DLTutorApp, load_content

    write(tmp_path, "01-small.md", HEAD.format(id="small", order=1))
    write(tmp_path, "02-huge.md", big_lesson(MAX_LESSON_BYTES + 10))
    lessons, problems = load_content("en", tmp_path)
    app = DLTutorApp(lang="en", student="amy", lessons=lessons, problems=problems)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        notice = str(app.screen.query_one("#home-problems").render())
        assert "1 lesson file(s) could not be read and are skipped" in notice
        assert "02-huge.md:1: the file is larger than 256 KB" in notice
