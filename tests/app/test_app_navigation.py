"""Home → lesson → next/previous page → back → quit, with the real keys."""
from __future__ import annotations

from app_helpers import FIXTURES, SIZE, make_app, screen_text


async def test_home_lists_chapters_and_lessons(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Chapter 1 · Foundations" in text
        assert "Chapter 2 · Networks" in text
        for title in ("Slopes and tangents", "Walking downhill", "One neuron"):
            assert title in text
        assert type(app.screen).__name__ == "HomeScreen"


async def test_open_page_back_and_quit(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "LessonScreen"
        assert screen.lesson.id == "ui-slopes"
        assert "page 1/3" in screen_text(app)
        await pilot.press("right")
        await pilot.pause()
        assert screen.page == 1 and "page 2/3" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert screen.page == 2
        assert "Up next: 1.2 Walking downhill" in screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert screen.page == 1
        await pilot.press("p")
        await pilot.pause()
        assert screen.page == 0
        await pilot.press("p")          # already on the first page: stays
        await pilot.pause()
        assert screen.page == 0
        await pilot.press("q")          # q on a lesson goes back home
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.is_running
        await pilot.press("q")          # q on home quits
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_down_then_enter_opens_second_lesson(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.lesson.id == "ui-descent"


async def test_page_shows_display_math_and_analogy(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        from tutor.widgets.page_body import PageBody

        (body,) = app.screen.query(PageBody)            # the page's reading is one widget
        assert [kind for kind, _ in body.parts].count("math") == 1
        assert "analogy" in [kind for kind, _ in body.parts]
        assert "In plain words" in screen_text(app)
        # The callout is set apart by its own background colour.
        strips = app.screen._compositor.render_strips()
        title = next(s for s in strips if "In plain words" in s.text)
        background = {seg.style.bgcolor for seg in title if "In" in seg.text}
        assert background and app.screen.query_one("#page").rich_style.bgcolor not in background


async def test_lab_key_only_where_a_lab_is(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.check_action("open_lab", ()) is False
        await pilot.press("right", "right")
        await pilot.pause()
        assert screen.labs_on_page == [("derivative", ("x0=3",))]
        assert screen.check_action("open_lab", ()) is True
        await pilot.press("o")
        await pilot.pause()
        # Whether or not the lab exists yet, a lab screen opens without a traceback.
        assert type(app.screen).__name__ == "LabScreen"
        assert "Traceback" not in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is screen


async def test_scroll_keys_move_a_long_page(store):
    from tutor.content.model import Block, Lesson, Page

    long_text = "\n\n".join(f"Paragraph {i}." for i in range(60))
    lesson = Lesson(id="long", title="Long", chapter=1, order=1, lang="en", path=__file__,
                    pages=(Page(blocks=(Block("markdown", long_text, 1),), line=1, title=""),))
    app = make_app(store=store, lessons=[lesson])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        page = app.screen.query_one("#page")
        assert page.max_scroll_y > 0
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert page.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert page.scroll_y == 2


async def test_quiz_page_never_crashes(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter", "right")
        await pilot.pause()
        assert app.screen.page == 1
        text = screen_text(app)
        assert "Traceback" not in text
        assert "Check yourself" in text


async def test_theme_toggles_dark_and_light(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        first = app.theme
        await pilot.press("t")
        await pilot.pause()
        assert app.theme != first
        assert {first, app.theme} == {"textual-dark", "textual-light"}
        await pilot.press("t")
        await pilot.pause()
        assert app.theme == first


def test_no_color_is_respected(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color   # Textual then draws in monochrome


async def test_broken_lessons_show_a_notice(tmp_path, store):
    good = FIXTURES / "en" / "03-neurons.md"
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "01-ok.md").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "en" / "02-broken.md").write_text("---\nid: Bad Id\n---\nno title\n", encoding="utf-8")
    from tutor.app import DLTutorApp

    app = DLTutorApp(lang="en", student="ada", store=store, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "could not be read" in text
        assert "02-broken.md" in text
        assert "One neuron" in text


async def test_failing_store_is_a_notice_not_a_crash():
    class Broken:
        def __getattr__(self, name):
            def fail(*args):
                raise OSError("disk full")
            return fail

    app = make_app(store=Broken())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "right")
        await pilot.pause()
        assert app.screen.page == 1
        messages = [n.message for n in app._notifications]
        assert any("could not be saved" in m and "disk full" in m for m in messages)
        assert sum("could not be saved" in m for m in messages) == 1   # once, not per page


async def test_start_in_a_lesson_page_or_a_lab(store):
    app = make_app(store=store, lesson="ui-descent", page=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.lesson.id == "ui-descent" and app.screen.page == 1
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"

    app = make_app(store=store, lesson="no-such-lesson")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("no-such-lesson" in n.message for n in app._notifications)

    app = make_app(store=store, lab="no-such-lab", lab_args=("a=1",))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LabScreen"
        assert "cannot be opened" in screen_text(app)


async def test_ctrl_c_quits_from_anywhere(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "right")
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_page_keys_still_work_on_a_quiz_page(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter", "right")   # Walking downhill, the quiz page
        await pilot.pause()
        screen = app.screen
        assert screen.page == 1 and screen.focused is None
        await pilot.press("p")
        await pilot.pause()
        assert screen.page == 0
        await pilot.press("space")
        await pilot.pause()
        assert screen.page == 1
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_typing_on_a_quiz_page_answers_the_quiz(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter", "right")
        await pilot.pause()
        await pilot.press("2")                        # not a page key: goes to the answer box
        await pilot.pause()
        box = app.screen.focused
        assert box is not None and box.id == "quiz-input" and box.value == "2"


async def test_in_the_answer_box_the_footer_shows_the_way_out(store):
    """In the box every letter is typed and the arrows move the cursor: the footer had no page key
    left to show (only ^p). It shows Esc, which leaves the box; then the page keys come back."""
    from tutor.widgets.keybar import KeyBar

    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter", "right")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert "Esc" not in [shown for _key, shown, _d, _e in bar.items]
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "quiz-input"
        assert [(shown, text) for _key, shown, text, _e in bar.items] == [("Esc", "Leave the box")]
        assert "Leave the box" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.focused is None and type(app.screen).__name__ == "LessonScreen"
        assert "Home" in [text for _key, _s, text, _e in bar.items]
        await pilot.press("escape")                   # out of the box, Esc goes home as before
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_tab_then_enter_opens_the_lab_link(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "right", "right")  # Slopes and tangents, page 3: a lab block
        await pilot.pause()
        lesson = app.screen
        await pilot.press("tab")
        await pilot.pause()
        assert type(lesson.focused).__name__ == "LabLink"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LabScreen"
        assert app.screen.lab_name == "derivative" and app.screen.lab_args == ("x0=3",)


async def test_demo_and_inline_display_maths_render(store):
    from tutor.content.model import Block, Lesson, Page

    blocks = (Block("markdown", "Before $$a^2 + b^2 = c^2$$ after.", 1),
              Block("demo", "A picture of **three layers**.", 2))
    lesson = Lesson(id="demo", title="Demo", chapter=1, order=1, lang="en", path=__file__,
                    pages=(Page(blocks=blocks, line=1, title=""),))
    app = make_app(store=store, lessons=[lesson])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        from tutor.widgets.page_body import PageBody

        parts = [part for body in app.screen.query(PageBody) for part in body.parts]
        assert [kind for kind, _ in parts] == ["prose", "math", "prose", "demo"]
        assert [text for kind, text in parts if kind == "math"] == ["a^2 + b^2 = c^2"]
        text = screen_text(app)
        assert "Before" in text and "after." in text and "Picture" in text and "three layers" in text
