"""The name screen a browser tab opens on (`dltutor --ask-name`, what `serve web` runs)."""
import asyncio
from pathlib import Path

from textual.widgets import Input, Static

from tutor.app import DLTutorApp
from tutor.locale import language
from tutor.progress import Store
from tutor.screens.name import clean_name


def test_clean_name_folds_full_width_and_spaces():
    assert clean_name("  Ｌｉ　Lei ") == "Li_Lei"
    assert clean_name("小明") == "小明"


def run(keys_then_check, lang="en", store=None):
    async def go():
        app = DLTutorApp(lang=lang, student="server-login", store=store, ask_name=True)
        async with app.run_test(size=(100, 35)) as pilot:
            await pilot.pause()
            await keys_then_check(pilot, app)
    asyncio.run(go())


def error_text(app) -> str:
    return str(app.screen.query_one("#name-error", Static).render())


def test_a_bad_name_is_explained_and_nothing_opens():
    async def check(pilot, app):
        assert type(app.screen).__name__ == "NameScreen"
        await pilot.press("enter")
        assert "type a name" in error_text(app)
        await pilot.press(*"../etc", "enter")
        await pilot.pause()
        assert "can't be a name" in error_text(app)
        assert type(app.screen).__name__ == "NameScreen"
        assert app.screen.query_one(Input).value == "../etc"     # what was typed stays, to correct
        await pilot.press("ctrl+p")                               # no jumping past the name
        await pilot.pause()
        assert type(app.screen).__name__ == "NameScreen"
    run(check)


def test_the_name_given_is_the_student_and_progress_is_saved_under_it(tmp_path):
    store = Store(tmp_path / "progress.db")

    async def check(pilot, app):
        await pilot.press(*"li_lei", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.student == "li_lei"
        assert "li_lei" in str(app.screen.query_one("#home-title", Static).render())
        await pilot.press("enter")                                # the first lesson
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"
    try:
        run(check, store=store)
        assert store.students() == ["li_lei"]
    finally:
        store.close()


def test_choosing_chinese_shows_the_chinese_lessons():
    async def check(pilot, app):
        await pilot.click("#lang-zh")
        await pilot.pause()
        assert language() == "zh"                         # the process's one language setting
        assert "名字" in str(app.screen.query_one("#name-help", Static).render())
        await pilot.press(*"xiaoming", "enter")
        await pilot.pause()
        assert "课程" in str(app.screen.query_one("#home-heading", Static).render())
        assert all(lesson.lang == "zh" for lesson in app.lessons)
    run(check)


def test_every_language_with_a_catalog_is_offered_in_its_own_name(tmp_path, monkeypatch):
    """Adding a language is a catalog folder: the name screen offers it and speaks it."""
    import shutil

    from textual.widgets import RadioButton

    from tutor import locale

    shutil.copytree(Path(locale.__file__).parent / "zh", tmp_path / "zh")
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "app.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Language-Name: Français\\n"\n\n'
        'msgid "Welcome to dltutor"\nmsgstr "Bienvenue dans dltutor"\n', encoding="utf-8")
    monkeypatch.setattr(locale, "HERE", tmp_path)
    locale.catalog.cache_clear()

    async def check(pilot, app):
        names = [str(button.label) for button in app.screen.query(RadioButton)]
        assert names == ["English", "Français", "中文"]
        await pilot.click("#lang-fr")
        await pilot.pause()
        assert locale.language() == "fr"
        assert "Bienvenue" in str(app.screen.query_one("#name-title", Static).render())
        assert "name" in str(app.screen.query_one("#name-help", Static).render())   # not translated: English
    try:
        run(check)
    finally:
        locale.catalog.cache_clear()
