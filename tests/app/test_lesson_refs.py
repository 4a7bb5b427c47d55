"""Issue 18 item 6: a cross-reference is a link the student can follow — `#` on the page
lists the lessons it refers to and opens one; the palette offers them first."""
from __future__ import annotations

import pytest

from app_helpers import SIZE, screen_text, settle

PAGE = {"en": "The chain rule comes in [[beta]]; [[gamma]] shows it on a graph.",
        "zh": "链式法则在 [[beta]]里讲，[[gamma]]把它画成图。"}
TITLES = {"en": ("Alpha", "Backpropagation", "Graphs"), "zh": ("甲", "反向传播", "图")}
SHOWN = {"en": ("2.1 Backpropagation", "2.2 Graphs", "# See also", "See also: 2.1 Backpropagation"),
         "zh": ("2.1《反向传播》", "2.2《图》", "# 相关课程", "相关课程：2.1 反向传播")}


def lessons_root(tmp_path):
    for lang in ("en", "zh"):
        for (name, lesson_id, chapter, order), title in zip(
                (("01-a", "alpha", 1, 1), ("02-b", "beta", 2, 1), ("03-c", "gamma", 2, 2)), TITLES[lang]):
            body = PAGE[lang] if lesson_id == "alpha" else "Nothing to follow here."
            path = tmp_path / lang / f"{name}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\nid: {lesson_id}\ntitle: {title}\nchapter: {chapter}\norder: {order}\n---\n"
                            f"# {title}\n\n{body}\n", encoding="utf-8")
    return tmp_path


def app_for(tmp_path, store, lang):
    from tutor.app import DLTutorApp

    return DLTutorApp(lang=lang, student="ada", store=store, root=lessons_root(tmp_path), lesson="alpha")


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_hash_lists_the_page_s_references_and_opens_one(tmp_path, store, lang):
    first, second, key, _ = SHOWN[lang]
    app = app_for(tmp_path, store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert first in text and second in text and key in text     # numbered as the app numbers them
        await pilot.press("number_sign")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReferencesScreen"
        listed = screen_text(app)
        assert f"1  {TITLES[lang][1]}" not in listed and f"2.2 {TITLES[lang][2]}" in listed
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen.lesson.id == "gamma"
        assert "# " not in screen_text(app).splitlines()[-1]     # no references there: no key
        await pilot.press("q")
        await settle(pilot)
        assert app.screen.lesson.id == "alpha"                # back on the page that referred to it
        await pilot.press("number_sign", "1")
        await settle(pilot)
        assert app.screen.lesson.id == "beta"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_palette_offers_the_page_s_references(tmp_path, store, lang):
    app = app_for(tmp_path, store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *(("S", "e", "e") if lang == "en" else ("相", "关")))
        for _ in range(50):          # the palette searches in the background
            await pilot.pause(0.1)
            if SHOWN[lang][3] in screen_text(app):
                break
        assert SHOWN[lang][3] in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.lesson.id == "beta"
