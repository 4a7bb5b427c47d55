"""Teaching live, end to end: `dltutor teach` in a real terminal (tmux) on the class's data
folder, three students logged in with the stock ssh client to `dltutor serve ssh`.  The
teacher leads them through pages and a lab, asks a question and sees the answers arrive;
`f` detaches a student and rejoins; a second teacher is refused; the teacher leaving is said."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from test_ssh_server import Server, Tmux, needs_tmux, ssh_command, wait_for

pytestmark = needs_tmux
LESSON = "gradient-descent-1d"        # page 2 has a lab link (gd1d), the last page the quiz


def _pages() -> int:
    from tutor.content import load_lessons

    return len(next(item for item in load_lessons("en")[0] if item.id == LESSON).pages)


QUIZ = str(_pages())                  # the quiz's page, and the one before it
BEFORE = str(_pages() - 1)


def teacher_terminal(data_dir, *extra: str) -> Tmux:
    env = f"LANG=C.UTF-8 PYTHONPATH={os.getcwd()}"
    return Tmux(["env", *env.split(), sys.executable, "-m", "tutor", "teach", "--data-dir", str(data_dir),
                 "--student", "lin", *extra], width=110, height=34)


def page(term: Tmux) -> str:
    found = re.search(r"page (\d+)/\d+", term.screen())
    return found.group(1) if found else ""


@pytest.fixture
def classroom(tmp_path):
    server = Server(tmp_path / "class")
    teacher = teacher_terminal(server.data_dir, "open", LESSON)
    students = []
    try:
        assert wait_for(lambda: "Teaching live as lin" in teacher.screen()), teacher.screen()
        for name in ("ann", "bob", "cai"):
            students.append(Tmux(ssh_command(server, name), width=110, height=34))
        yield server, teacher, students
    finally:
        for term in [teacher, *students]:
            term.close()
        server.stop()


def test_a_teacher_leads_three_students_through_pages_a_lab_and_a_question(classroom):
    server, teacher, students = classroom
    for term in students:        # each arrives on the teacher's page, with the banner
        assert wait_for(lambda: "Your teacher is on 1.4 Gradient descent in one dimension, page 1"
                        in term.screen()), term.screen()
        assert wait_for(lambda: page(term) == "1"), term.screen()

    # cai holds a key down (a flood of scrolling) while the teacher turns pages: the others follow.
    flood = subprocess.Popen(["tmux", "-L", students[2].sock, "send-keys", "-t", "s", *["j"] * 400])
    teacher.keys("Right")
    teacher.keys("Right")
    for term in students:
        assert wait_for(lambda: page(term) == "3"), term.screen()
    flood.wait(30)

    teacher.keys("Left")                         # back to page 2, and into its lab
    for term in students:
        assert wait_for(lambda: page(term) == "2"), term.screen()
    teacher.keys("o")
    assert wait_for(lambda: "step 0" in teacher.screen()), teacher.screen()
    for step in (1, 2, 3):                      # one at a time: a key during a step's pull is not queued
        teacher.keys("Space")
        assert wait_for(lambda: f"step {step} " in teacher.screen()), teacher.screen()
    for term in students:
        assert wait_for(lambda: "lab gd1d, step 3" in term.screen() and "step 3 " in term.screen()), \
            term.screen()

    # f: bob stops following; the teacher moves on without him; f again and he is there.
    bob = students[1]
    bob.keys("f")
    assert wait_for(lambda: "not following" in bob.screen()), bob.screen()
    teacher.keys("q")                           # out of the lab, back on page 2
    teacher.keys("Right")
    for term in (students[0], students[2]):
        assert wait_for(lambda: page(term) == "3"), term.screen()
    assert "lab gd1d" not in students[0].screen()
    assert "step 3" in bob.screen() and "not following" in bob.screen()   # still in the lab
    bob.keys("f")
    assert wait_for(lambda: page(bob) == "3" and "f: stop following" in bob.screen()), bob.screen()

    # The quiz page: the teacher asks its first question; answers arrive on the teacher's screen.
    teacher.keys(*["Right"] * (int(QUIZ) - 3))
    for term in students:
        assert wait_for(lambda: page(term) == QUIZ), term.screen()
    teacher.keys("a")
    assert wait_for(lambda: "0 answered" in teacher.screen()), teacher.screen()
    ann, cai = students[0], students[2]
    for term, key in ((ann, "1"), (bob, "2")):
        term.keys(key)                           # the first key moves into the answer box
        assert wait_for(lambda: "●" in term.screen()), term.screen()
        term.keys("Enter")
    assert wait_for(lambda: "2 answered" in teacher.screen()), teacher.screen() + ann.screen()
    # cai is typing: the teacher moving away does not take her answer from her
    cai.keys("3")
    assert wait_for(lambda: "●" in cai.screen()), cai.screen()
    teacher.keys("v")                           # reveal: followers see the answer
    assert wait_for(lambda: "The answer is" in ann.screen()), ann.screen()
    teacher.keys("Left")
    for term in (ann, bob):
        assert wait_for(lambda: page(term) == BEFORE), term.screen()
    assert page(cai) == QUIZ and "answer is done" in cai.screen()
    cai.keys("Enter")                            # answered: now she follows
    assert wait_for(lambda: page(cai) == BEFORE), cai.screen()
    teacher.keys("Right")                        # back to the question: names only on a key
    assert wait_for(lambda: "Asked:" in teacher.screen()), teacher.screen()
    for term in students:                        # (else "back on BEFORE" below could pass before they left it)
        assert wait_for(lambda: page(term) == QUIZ), term.screen()
    assert "ann" not in teacher.screen().split("Asked:")[1]
    teacher.keys("w")
    assert wait_for(lambda: "ann" in teacher.screen().split("Asked:")[1]), teacher.screen()
    teacher.keys("Left")
    for term in students:
        assert wait_for(lambda: page(term) == BEFORE), term.screen()

    # A second teacher on the same class is refused, clearly.
    second = subprocess.run([sys.executable, "-m", "tutor", "teach", "--data-dir", str(server.data_dir),
                             "--student", "wu"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "LANG": "C.UTF-8", "TEXTUAL_DRIVER": ""})
    assert second.returncode != 0 and "lin is teaching this class" in second.stderr, second.stderr
    assert "Traceback" not in second.stderr

    # The teacher leaves: the class stays where it is and is told.
    teacher.keys("q", "q")
    for term in students:
        assert wait_for(lambda: "Your teacher has stopped" in term.screen()), term.screen()
        assert page(term) == BEFORE, term.screen()
    assert all("Traceback" not in term.screen() for term in students)
