"""The parsed lessons, kept between start-ups in the user's own cache folder.

Parsing every quiz's YAML is a third of a start-up (benchmarks/lesson_cache.py:
the home screen after about 520 ms without this cache, 360 ms with it).  The
cache is JSON of plain data in platformdirs' user_cache_dir: never a pickle,
and never in the progress folder, which a class shares — a classmate could
plant a pickle there that runs as whoever starts dltutor next.  Reading checks
every field; anything unexpected just means "parse the lessons again".
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tutor.content.model import BLOCK_KINDS, Block, Lesson, Page

FORMAT = 2                      # 2: code blocks and their output
MAX_BYTES = 32_000_000          # our own file: far above any real cache (~200 KB)


class Invalid(ValueError):
    """The file is not a cache this version wrote."""


def default_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("dltutor", appauthor=False))


def cache_file(folder: Path, lang: str) -> Path:
    return Path(folder) / f"lessons-{lang}.json"


# Parsed in this process before it forked (serve's zygote, tutor/serve/zygote.py): lang -> (key, result).
_memory: dict[str, tuple[Any, tuple[list[Lesson], list[str]]]] = {}


def remember(lang: str, key: Any, lessons: list[Lesson], problems: list[str]) -> None:
    """Keep (lessons, problems) in memory for `key`: every app forked from here shares them."""
    _memory[lang] = (_plain_key(key), (list(lessons), list(problems)))


# --- reading ---------------------------------------------------------------------

def read(folder: Path, lang: str, key: Any) -> tuple[list[Lesson], list[str]] | None:
    """The cached (lessons, problems) if the file is ours, intact and made for `key`; else None."""
    held = _memory.get(lang)
    if held is not None and held[0] == _plain_key(key):
        return list(held[1][0]), list(held[1][1])
    path = cache_file(folder, lang)
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if st.st_uid != os.getuid() or st.st_mode & 0o022 or st.st_size > MAX_BYTES:
                return None          # someone else could have written it
            data = json.loads(f.read(MAX_BYTES + 1))
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != _plain_key(key):
            return None
        return decode(data)
    except (OSError, TypeError, ValueError, RecursionError):
        return None


def decode(data: dict) -> tuple[list[Lesson], list[str]]:
    """Lessons and problems from the JSON form, every field checked (raises Invalid)."""
    lessons = [_lesson(item) for item in _list(data.get("lessons"))]
    problems = [_str(p) for p in _list(data.get("problems"))]
    return lessons, problems


def _lesson(d: Any) -> Lesson:
    d = _dict(d)
    return Lesson(id=_str(d.get("id")), title=_str(d.get("title")), chapter=_int(d.get("chapter")),
                  order=_int(d.get("order")), lang=_str(d.get("lang")), path=Path(_str(d.get("path"))),
                  pages=tuple(_page(p) for p in _list(d.get("pages"))),
                  requires=tuple(_str(r) for r in _list(d.get("requires"))),
                  chapter_title=_str(d.get("chapter_title")),
                  facts=tuple(_fact(f) for f in _list(d.get("facts"))), fallback=_bool(d.get("fallback")))


def _page(d: Any) -> Page:
    d = _dict(d)
    return Page(tuple(_block(b) for b in _list(d.get("blocks"))), _int(d.get("line")), _str(d.get("title")),
                tuple(_str(r) for r in _list(d.get("refs"))))


def _block(d: Any) -> Block:
    d = _dict(d)
    kind = _str(d.get("kind"))
    if kind not in BLOCK_KINDS:
        raise Invalid(f"block kind {kind!r}")
    questions = tuple(_dict(q) for q in _list(d.get("questions")))
    for question in questions:
        _plain(question)
    return Block(kind, _str(d.get("text")), _int(d.get("line")), lab=_str(d.get("lab")),
                 lab_args=tuple(_str(a) for a in _list(d.get("lab_args"))), questions=questions,
                 question_lines=tuple(_int(n) for n in _list(d.get("question_lines"))),
                 output=None if d.get("output") is None else _str(d.get("output")))


def _fact(f: Any) -> tuple[str, str, int]:
    f = _list(f)
    if len(f) != 3:
        raise Invalid("fact")
    return _str(f[0]), _str(f[1]), _int(f[2])


def _check(value: Any, kind: type) -> Any:
    if type(value) is not kind:      # exact: a bool is not an int here
        raise Invalid(f"expected {kind.__name__}")
    return value


def _str(v: Any) -> str:
    return _check(v, str)


def _int(v: Any) -> int:
    return _check(v, int)


def _bool(v: Any) -> bool:
    return _check(v, bool)


def _list(v: Any) -> list:
    return _check(v, list)


def _dict(v: Any) -> dict:
    return _check(v, dict)


def _plain(v: Any) -> None:
    """Only what JSON itself makes (it never makes anything else; a guard for the next reader)."""
    if isinstance(v, dict):
        for k, item in v.items():
            _str(k)
            _plain(item)
    elif isinstance(v, list):
        for item in v:
            _plain(item)
    elif v is not None and type(v) not in (str, int, float, bool):
        raise Invalid("not plain data")


# --- writing ---------------------------------------------------------------------

def encode(lessons: list[Lesson], problems: list[str]) -> dict:
    return {"lessons": [_lesson_json(lesson) for lesson in lessons], "problems": [str(p) for p in problems]}


def _lesson_json(lesson: Lesson) -> dict:
    return {"id": lesson.id, "title": lesson.title, "chapter": lesson.chapter, "order": lesson.order,
            "lang": lesson.lang, "path": str(lesson.path), "requires": list(lesson.requires),
            "chapter_title": lesson.chapter_title, "facts": [list(f) for f in lesson.facts],
            "fallback": lesson.fallback,
            "pages": [{"line": page.line, "title": page.title, "refs": list(page.refs),
                       "blocks": [{"kind": b.kind, "text": b.text, "line": b.line, "lab": b.lab,
                                   "lab_args": list(b.lab_args), "questions": list(b.questions),
                                   "question_lines": list(b.question_lines), "output": b.output}
                                  for b in page.blocks]}
                      for page in lesson.pages]}


def write(folder: Path, lang: str, key: Any, lessons: list[Lesson], problems: list[str]) -> bool:
    """Keep (lessons, problems) for `key`; False (and nothing written) if they do not
    survive JSON unchanged (a quiz with a YAML date, say) or the folder is not writable."""
    try:
        data = encode(lessons, problems)
        text = json.dumps({"format": FORMAT, "key": _plain_key(key), **data}, ensure_ascii=False)
        if decode(json.loads(text)) != (list(lessons), [str(p) for p in problems]):
            return False
        folder = Path(folder)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = cache_file(folder, lang)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(temp, target)      # atomic: two sessions never read half a file
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return True
    except (OSError, TypeError, ValueError, RecursionError):   # only the next start-up is slower
        return False


def _plain_key(key: Any) -> Any:
    """The key as JSON gives it back (tuples become lists)."""
    return json.loads(json.dumps(key))
