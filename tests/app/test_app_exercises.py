"""The Exercises screen: the list with each one's status, a check that explains, the hint —
in English and in Chinese, with the student's code run in its own process by a worker
(the screen keeps answering while it runs)."""
from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList

from tutor.content import load_lessons
from tutor.content.refs import numbering

from app_helpers import SIZE, make_app, screen_text, settle

EXERCISES = Path(__file__).resolve().parents[1] / "exercises"
WRONG, SOLUTIONS = EXERCISES / "wrong", EXERCISES / "solutions"
SIGMOID = 3                       # 04_sigmoid's row in the list


def rows(app) -> str:
    """The list's rows as text."""
    listing = app.screen.query_one("#exercise-list", OptionList)
    return "\n".join(str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))


def row(app, stem: str) -> str:
    return next(line for line in rows(app).splitlines() if stem in line)


async def open_exercises(pilot, app, folder: Path) -> None:
    app.exercise_folder = folder
    await pilot.press("e")
    await settle(pilot)
    assert type(app.screen).__name__ == "ExercisesScreen"


async def check_row(pilot, app, row: int) -> None:
    app.screen.query_one("#exercise-list", OptionList).highlighted = row
    await pilot.press("enter")
    for _ in range(60):           # the check runs in a worker thread: wait for it (a limit, not a timing)
        await settle(pilot, 1)
        if not app.screen.checking:
            break


async def test_write_the_files_check_a_wrong_sigmoid_and_read_the_hint(store, tmp_path):
    folder = tmp_path / "mine"
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_exercises(pilot, app, folder)
        text = screen_text(app)
        assert "01_derivative" in text and "No exercise files yet" in text
        await pilot.press("i")                                   # init: the stubs appear
        await settle(pilot)
        assert (folder / "15_lstm.py").is_file()
        assert "not started" in rows(app)
        shutil.copy(WRONG / "04_sigmoid__overflow.py", folder / "04_sigmoid.py")
        await check_row(pilot, app, SIGMOID)
        verdict = str(app.screen.query_one("#exercise-verdict").render())
        assert "04_sigmoid  failing" in verdict
        assert "overflow encountered in exp" in verdict and "04_sigmoid.py" in verdict
        assert "Press h for the hint" in verdict
        assert "failing (checked 1×)" in row(app, "04_sigmoid")           # the list, from the store
        assert store.exercise_status("ada")["04_sigmoid"]["status"] == "failing"
        await pilot.press("h")
        await settle(pilot)
        assert "np.exp(-np.abs(z))" in str(app.screen.query_one("#exercise-hint").render())
        shutil.copy(SOLUTIONS / "04_sigmoid.py", folder / "04_sigmoid.py")
        await check_row(pilot, app, SIGMOID)
        assert "04_sigmoid  passed" in str(app.screen.query_one("#exercise-verdict").render())
        assert store.exercise_status("ada")["04_sigmoid"]["attempts"] == 2


async def test_in_chinese_a_passing_check_and_the_untouched_stub(store, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(SOLUTIONS / "07_dense.py", folder / "07_dense.py")
    app = make_app(lang="zh", store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_exercises(pilot, app, folder)
        assert "的练习" in screen_text(app)
        await check_row(pilot, app, 6)
        verdict = str(app.screen.query_one("#exercise-verdict").render())
        assert "07_dense  通过" in verdict
        await pilot.press("i")
        await settle(pilot)
        await check_row(pilot, app, SIGMOID)                    # still the stub: not run, not counted
        verdict = str(app.screen.query_one("#exercise-verdict").render())
        assert "还是原样的模板" in verdict
        assert "04_sigmoid" not in store.exercise_status("ada")
        # the lesson as the app numbers it, in Chinese (these test lessons lack it: the packaged ones),
        # on the screen and in the file init wrote
        lessons = load_lessons("zh")[0]
        lesson = next(lesson for lesson in lessons if lesson.id == "activation-functions")
        shown = f"lesson {numbering(lessons)[lesson.id]}《{lesson.title}》"
        assert shown in str(app.screen.query_one("#exercise-stub").render())
        assert shown in (folder / "04_sigmoid.py").read_text(encoding="utf-8").splitlines()[0]


async def test_the_screen_answers_while_a_slow_check_runs(store, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    slow = (SOLUTIONS / "04_sigmoid.py").read_text() + "\nimport time\ntime.sleep(2)\n"
    (folder / "04_sigmoid.py").write_text(slow)
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_exercises(pilot, app, folder)
        app.screen.query_one("#exercise-list", OptionList).highlighted = SIGMOID
        await pilot.press("enter")
        await pilot.pause()
        assert "checking…" in screen_text(app)
        await pilot.press("down", "h")                           # keys work while the code runs
        await pilot.pause()
        assert app.screen.checking == {"04_sigmoid"}
        assert app.screen.current.stem == "05_softmax"
        assert "Hint:" in str(app.screen.query_one("#exercise-hint").render())
        await pilot.press("up")
        for _ in range(60):
            await settle(pilot, 1)
            if not app.screen.checking:
                break
        assert "04_sigmoid  passed" in str(app.screen.query_one("#exercise-verdict").render())
