"""The progress screen exports CSV (e) and resets progress (r) only after a yes."""
from __future__ import annotations

import csv

import pytest

from app_helpers import SIZE, make_app, screen_text

ASKS = {"en": "This cannot be undone", "zh": "无法恢复"}
WRITTEN = {"en": "Progress written to", "zh": "进度已写入"}


def _seed(store):
    store.page_seen("ada", "ui-slopes", 0)
    store.page_seen("ada", "ui-slopes", 1)
    store.quiz_score("ada", "ui-slopes", 1, 2)
    store.page_seen("bob", "ui-slopes", 0)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_export_writes_a_csv_in_the_home_folder(tmp_path, monkeypatch, store, lang):
    monkeypatch.setenv("HOME", str(tmp_path))
    _seed(store)
    app = make_app(lang=lang, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e")
        await pilot.pause()
        assert any(WRITTEN[lang] in str(n.message) for n in app._notifications)
    rows = list(csv.DictReader((tmp_path / "dltutor-progress-ada.csv").open(encoding="utf-8")))
    slopes = next(row for row in rows if row["lesson"] == "ui-slopes")
    assert (slopes["pages_seen"], slopes["best_score"], slopes["best_total"]) == ("2", "1", "2")


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_reset_asks_and_no_keeps_everything(store, lang):
    _seed(store)
    app = make_app(lang=lang, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "r")
        await pilot.pause()
        assert ASKS[lang] in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert store.lesson_status("ada")["ui-slopes"]["seen"] == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_reset_after_yes_forgets_this_student_only(store, lang):
    _seed(store)
    app = make_app(lang=lang, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "2/3" not in screen_text(app)
    assert store.lesson_status("ada") == {} and store.last_position("ada") is None
    assert store.lesson_status("bob")["ui-slopes"]["seen"] == 1
