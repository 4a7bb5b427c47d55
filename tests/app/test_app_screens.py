"""Help, the 60×20 limit, resuming, the progress screen and the command palette."""
from __future__ import annotations

from app_helpers import SIZE, make_app, screen_text, settle


async def test_help_lists_the_screen_s_keys_and_closes(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        text = str(app.screen.query_one("#help-keys").content)   # the whole table, scrolled or not
        for words in ("Home", "your progress", "open it", "Everywhere", "this help", "jump to any lesson or lab"):
            assert words in text
        await pilot.press("question_mark")            # ? again closes it
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("enter", "question_mark")   # help from a lesson, q back to the lesson
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        text = str(app.screen.query_one("#help-keys").content)
        assert text.startswith("Lesson") and "next page" in text and "pick an option" in text
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"


async def test_smaller_than_60x20_shows_the_notice():
    app = make_app()
    async with app.run_test(size=(59, 20)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "TooSmallScreen"
        assert "enlarge the terminal to at least 60×20" in screen_text(app)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.resize_terminal(60, 19)
        await settle(pilot)
        assert type(app.screen).__name__ == "TooSmallScreen"
        assert "(now 60×19)" in screen_text(app)
        await pilot.resize_terminal(100, 32)
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert "Slopes and tangents" in screen_text(app)


async def test_resize_keeps_the_lesson_and_reflows(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "right")
        await pilot.pause()
        lesson = app.screen
        await pilot.resize_terminal(40, 15)
        await settle(pilot)
        assert type(app.screen).__name__ == "TooSmallScreen"
        await pilot.resize_terminal(70, 24)
        await settle(pilot)
        assert app.screen is lesson and lesson.page == 1
        assert max(len(line.rstrip()) for line in screen_text(app).splitlines()) <= 70


async def test_resume_where_you_left_off(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "right")           # Slopes and tangents, page 2 of 3
        await pilot.pause()
        await pilot.press("q", "q")
        await pilot.pause()
    assert store.last_position("ada") == ("ui-slopes", 1)

    again = make_app(store=store)                     # a new session, same store
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(again)
        assert "Continue where you left off: Slopes and tangents, page 2/3" in text
        await pilot.press("enter")                    # the continue line is highlighted first
        await pilot.pause()
        assert again.screen.lesson.id == "ui-slopes" and again.screen.page == 1


async def test_progress_marks_and_screen(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")    # One neuron: a single page, seen at once
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "2.1" in line)
        assert "✓" in row and "1/1" in row
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProgressScreen"
        table = app.screen.query_one("#progress-table")
        assert table.row_count == 3
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_command_palette_jumps_to_a_lesson(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"neuron")
        from textual.command import CommandList

        for _ in range(100):                          # the palette searches in the background
            await pilot.pause(0.05)
            found = app.screen.query(CommandList)
            if found and found.first().option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "LessonScreen"
        assert app.screen.lesson.id == "ui-neurons"


async def test_chinese_titles_line_up(store):
    from rich.cells import cell_len

    app = make_app(lang="zh", store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = [line for line in screen_text(app).splitlines() if "/" in line and ("1.1" in line or "1.2" in line)]
        assert len(lines) == 2
        # The page counts start in the same terminal column for both titles.
        columns = {cell_len(line[: line.index("0/")]) for line in lines}
        assert len(columns) == 1


async def test_help_does_not_open_behind_the_size_notice():
    app = make_app()
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark", "ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "TooSmallScreen"


async def test_a_missing_translation_is_marked(store):
    app = make_app(lang="zh", store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "One neuron（英文）" in screen_text(app)
        app.open_lesson("ui-neurons")
        await pilot.pause()
        assert "还没有中文版" in screen_text(app)


async def test_footer_speaks_chinese(store):
    app = make_app(lang="zh", store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "退出" in footer and "帮助" in footer and "Quit" not in footer
        await pilot.press("enter")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "下一页" in footer and "首页" in footer


async def test_help_starts_with_the_keys_of_the_screen_it_was_opened_from(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        lines = [line.strip() for line in screen_text(app).splitlines() if line.strip()]
        assert lines[1] == "Lesson"            # after the title bar
        assert "next page" in lines[2]


async def test_a_finished_lesson_offers_the_next_one(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter", "right")   # Walking downhill: both pages seen
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        # Slopes (before it) is unread: up next is the first lesson not read, not the one after (issue 18).
        assert "Up next: Slopes and tangents" in screen_text(app)
        await pilot.press("home", "enter")            # the first line of the list
        await pilot.pause()
        assert app.screen.lesson.id == "ui-slopes" and app.screen.page == 0


async def test_unread_required_lessons_are_named(store):
    from dataclasses import replace

    from tutor.content.loader import load_lessons

    from app_helpers import FIXTURES

    lessons, _ = load_lessons("en", FIXTURES)
    lessons[2] = replace(lessons[2], requires=("ui-slopes",))
    app = make_app(store=store, lessons=lessons)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("ui-neurons")
        await pilot.pause()
        assert "Before this lesson, read: Slopes and tangents" in screen_text(app)


async def test_home_columns_follow_the_terminal_width(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wide = next(line for line in screen_text(app).splitlines() if "Slopes and tangents" in line)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        narrow = next(line for line in screen_text(app).splitlines() if "Slopes and tangents" in line)
        assert "0/3" in wide and "0/3" in narrow          # still one line each
        assert narrow.index("0/3") < wide.index("0/3")


async def test_no_right_borders_beside_maths(store):
    """A right border next to ∑ √ ≤ ─ would be pushed out of line in terminals
    that draw those symbols two cells wide; callouts only have a left bar."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        for line in screen_text(app).splitlines()[1:-1]:
            body = line.rstrip()
            assert not body or body[-1] not in "│┃║▐▕▌╮╯┐┘┤", line
