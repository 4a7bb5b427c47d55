"""The parsed-lesson cache: JSON in the user's own cache folder, reused, never
stale, and never anything that could run code.

The cache used to be a pickle next to progress.db, in the folder a class
shares (chmod 2770): a classmate could plant a pickle there that ran as whoever
started dltutor next.  `test_a_planted_pickle_never_runs` is that attack
against the real command."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest

from app_helpers import FIXTURES


def copy_lessons(tmp_path):
    root = tmp_path / "lessons"
    shutil.copytree(FIXTURES, root)
    cache = tmp_path / "cache"
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


def test_the_cache_is_private_json(tmp_path):
    from tutor.app import load_content

    root, cache = copy_lessons(tmp_path)
    load_content("en", root, cache)
    path = cache / "lessons-en.json"
    from tutor.content.cache import FORMAT

    assert json.loads(path.read_text(encoding="utf-8"))["format"] == FORMAT
    assert path.stat().st_mode & 0o777 == 0o600
    assert cache.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_real_lessons_come_back_unchanged(tmp_path, lang):
    """Every field of every shipped lesson survives the JSON round trip."""
    from tutor.content import cache
    from tutor.content.loader import load_lessons

    lessons, problems = load_lessons(lang)
    assert cache.write(tmp_path, lang, ["k"], lessons, [str(p) for p in problems])
    assert cache.read(tmp_path, lang, ["k"]) == (lessons, [str(p) for p in problems])
    assert cache.read(tmp_path, lang, ["other key"]) is None


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


@pytest.mark.parametrize("damage", [
    b"not json",
    b'{"format": 1, "key": null, "lessons": [], "problems": []}',
    "tampered",
])
def test_a_damaged_or_tampered_cache_is_ignored(tmp_path, damage):
    from tutor.app import load_content

    root, cache = copy_lessons(tmp_path)
    load_content("zh", root, cache)
    path = cache / "lessons-zh.json"
    if damage == "tampered":   # the right key, but a question that is not plain data and a bad line
        data = json.loads(path.read_text(encoding="utf-8"))
        data["lessons"][0]["title"] = "planted"
        data["lessons"][0]["pages"][0]["line"] = "1"
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path.write_bytes(damage)
    lessons, problems = load_content("zh", root, cache)
    assert [l.title for l in lessons][:2] == ["斜率与切线", "下山的路"] and not problems


def test_a_cache_others_could_write_is_not_read(tmp_path):
    from tutor.app import load_content

    root, cache = copy_lessons(tmp_path)
    load_content("en", root, cache)
    path = cache / "lessons-en.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["lessons"][0]["title"] = "planted"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_content("en", root, cache)[0][0].title == "planted"       # our own file: trusted
    path.chmod(0o666)
    assert load_content("en", root, cache)[0][0].title != "planted"       # group/world-writable: parsed again


def test_no_cache_without_a_writable_folder(tmp_path):
    from tutor.app import load_content

    root, _ = copy_lessons(tmp_path)
    (tmp_path / "file").write_text("")
    lessons, _ = load_content("en", root, tmp_path / "file" / "cache")
    assert len(lessons) == 3


class Planted:
    """What a classmate could drop into the shared data folder: unpickling it runs code."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def test_a_planted_pickle_never_runs(tmp_path):
    """The real `dltutor` in tmux, with pickles planted under every name the cache ever had."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
    from test_tmux import TMUX, Terminal, dltutor

    exe = dltutor()
    if TMUX is None or exe is None:
        pytest.skip("needs tmux and the installed dltutor command")
    data = tmp_path / "data"
    data.mkdir()
    marker = tmp_path / "code-ran"
    planted = {f"{stem}-{lang}.{ext}" for lang in ("en", "zh")
               for stem, ext in (("lesson-cache", "pickle"), ("lessons", "json"))}
    for name in planted:
        (data / name).write_bytes(pickle.dumps(Planted(marker)))
    env = {"HOME": str(tmp_path / "home"), "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "PATH": os.environ.get("PATH", ""), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for start in range(2):          # the second start is the one that would read a cache
        term = Terminal([exe, "--lang", "en", "--data-dir", str(data)], env, tmp_path / "tmux.conf")
        try:
            assert "Traceback" not in term.wait_for("Lessons")
            term.keys("q")
        finally:
            term.close()
    assert not marker.exists(), "a pickle from the data folder was loaded"
    made = {p.name for p in data.iterdir()} - planted
    assert made <= {"progress.db", "progress.db-wal", "progress.db-shm"}, made   # no cache written there
    assert (tmp_path / "cache" / "dltutor" / "lessons-en.json").exists()    # the cache went home
