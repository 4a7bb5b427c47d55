"""The parsed-lesson cache next to the progress file: reused, and never stale."""
from __future__ import annotations

import shutil

from app_helpers import FIXTURES


def copy_lessons(tmp_path):
    root = tmp_path / "lessons"
    shutil.copytree(FIXTURES, root)
    cache = tmp_path / "data"
    cache.mkdir()
    return root, cache


def test_second_start_reads_the_cache(tmp_path, monkeypatch):
    import tutor.content.loader as loader
    from tutor.app import load_content

    root, cache = copy_lessons(tmp_path)
    first, problems = load_content("en", root, cache)
    assert [l.id for l in first] == ["ui-slopes", "ui-descent", "ui-neurons"] and not problems

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again although nothing changed")

    monkeypatch.setattr(loader, "load_lessons", no_parsing)
    again, _ = load_content("en", root, cache)
    assert again == first


def test_an_edited_lesson_is_read_again(tmp_path):
    from tutor.app import load_content

    root, cache = copy_lessons(tmp_path)
    load_content("en", root, cache)
    path = root / "en" / "03-neurons.md"
    path.write_text(path.read_text(encoding="utf-8").replace("One neuron", "A single neuron"), encoding="utf-8")
    lessons, _ = load_content("en", root, cache)
    assert lessons[-1].title == "A single neuron"
    (root / "en" / "04-broken.md").write_text("no front matter\n", encoding="utf-8")
    lessons, problems = load_content("en", root, cache)
    assert len(lessons) == 3 and any("04-broken.md" in p for p in problems)


def test_a_damaged_cache_is_ignored(tmp_path):
    from tutor.app import load_content

    root, cache = copy_lessons(tmp_path)
    load_content("zh", root, cache)
    (cache / "lesson-cache-zh.pickle").write_bytes(b"not a pickle")
    lessons, problems = load_content("zh", root, cache)
    assert [l.title for l in lessons][:2] == ["斜率与切线", "下山的路"] and not problems


def test_no_cache_without_a_writable_folder(tmp_path):
    from tutor.app import load_content

    root, _ = copy_lessons(tmp_path)
    lessons, _ = load_content("en", root, tmp_path / "missing")
    assert len(lessons) == 3
    assert not (tmp_path / "missing").exists()
