"""`dltutor check PATH`: say exactly what is wrong with lesson files.

Each problem is one line `file:line: reason`.  A lesson is checked on its own
(format, labs, quizzes, formulas, checked numbers) and against the others
(duplicate ids in a language, each translated lesson against its en twin, `requires`).
Messages are in the teacher's language (tutor.locale).
"""
from __future__ import annotations

import difflib
import importlib
import importlib.util
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, TextIO

from tutor.content import quizcheck, refs
from tutor.content.loader import id_line, load_lesson
from tutor.content.model import Block, Lesson, LessonError
from tutor.locale import SOURCE, languages, t


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


# --- which files --------------------------------------------------------------

def lesson_files(path: Path) -> list[tuple[Path, str]]:
    """(file, language) for PATH: a file, a lessons/<lang> folder, or anything above one."""
    path = Path(path)
    langs = languages()
    if path.is_file():
        return [(path, path.parent.name if path.parent.name in langs else SOURCE)]
    if not path.is_dir():
        raise FileNotFoundError(t("no such file or folder: {path}", path=str(path)))
    if path.name in langs:
        return [(p, path.name) for p in sorted(path.glob("*.md"))]
    if any((path / lang).is_dir() for lang in langs):
        roots = [path]
    elif (path / "lessons").is_dir():
        roots = [path / "lessons"]
    else:
        roots = sorted(d for d in path.rglob("lessons") if d.is_dir()
                       and not any(part.startswith(".") for part in d.relative_to(path).parts))
    return [(p, lang) for root in roots for lang in langs for p in sorted((root / lang).glob("*.md"))]


# --- optional helpers from other parts of the app -------------------------------

def _optional(module: str, name: str) -> Callable | None:
    """tutor.quiz.validate and tutor.mathtext.problems, if those parts are installed."""
    try:
        if importlib.util.find_spec(module) is None:
            return None
        return getattr(importlib.import_module(module), name, None)
    except Exception:  # a half-written module must not stop the checks we can do
        return None


def lab_problem(name: str, args: Iterable[str]) -> str | None:
    """Why `lab NAME args` cannot run, or None."""
    from tutor.labs import LabError, get_lab

    try:
        get_lab(name).from_tokens(list(args))
    except LabError as exc:
        text = str(exc)
        # The lab's message names the lab already ("lab gd1d: …", "unknown lab …") or only the
        # setting ("x0='a': …"): look before the first colon (either width) and the setting's "=".
        head = text.split(":")[0].split("：")[0].split("=")[0]
        return text if name in head else t("lab {name}: {problem}", name=name, problem=text)
    except Exception as exc:  # a lab's own bug: report it as a problem of this line
        return t("lab {name}: cannot start: {error}", name=name, error=f"{type(exc).__name__}: {exc}")
    return None


_CODE_SPAN = re.compile(r"`+[^`]*`+")
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$(?!\$)")


def inline_math(text: str) -> list[tuple[int, str]]:
    """(line offset, latex) for each `$…$` outside code."""
    found: list[tuple[int, str]] = []
    in_fence = False
    for offset, line in enumerate(text.split("\n")):
        if re.match(r"^\s*(```|~~~)", line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for m in _INLINE_MATH.finditer(_CODE_SPAN.sub("", line)):
            found.append((offset, m.group(1)))
    return found


# Lesson code must read at 80 columns: the page's margins and the block's padding leave about 74.
MAX_CODE_WIDTH = 72


def code_problems(block: Block) -> list[tuple[int, str]]:
    """A ```python block without the output it prints, or with lines too wide to read."""
    from rich.cells import cell_len

    found = []
    if block.output is None:
        found.append((block.line, t("a python block without an output block: show what it prints "
                                    "(the tests compare it with what the code really prints)")))
    for offset, line in enumerate(block.text.split("\n"), start=1):
        if cell_len(line) > MAX_CODE_WIDTH:
            found.append((block.line + offset, t("a code line wider than {n} columns: break it",
                                                 n=MAX_CODE_WIDTH)))
    return found


def plain_numbers(block: Block) -> list[tuple[int, str]]:
    """"lesson 11" (or its Chinese) in a block's text: numbers move when lessons are added."""
    return [(line, t("{text} names a lesson by a number, which changes when lessons are added: "
                     "write its id as a reference, e.g. {example}", text=repr(m.group(0)), example="[[backpropagation]]"))
            for line, text in refs.block_texts(block) for m in refs.PLAIN_RE.finditer(text)]


def reference_problems(lesson: Lesson, known: Iterable[str]) -> list[tuple[int, str]]:
    """Each [[id]] that names no lesson."""
    known = list(known)
    found = []
    for block in lesson.blocks():
        for line, text in refs.block_texts(block):
            for lesson_id in refs.ids_in(text):
                if lesson_id not in known:
                    close = difflib.get_close_matches(lesson_id, known, n=1)
                    hint = t("; did you mean {name}?", name=repr(close[0])) if close else ""
                    found.append((line, t("reference to unknown lesson {id}{hint}", id=repr(lesson_id), hint=hint)))
    return found


# --- one lesson -----------------------------------------------------------------

class Checker:
    def __init__(self) -> None:
        self.validate = _optional("tutor.quiz", "validate")
        self.math_problems = _optional("tutor.mathtext", "problems")
        self._facts: dict | None = None
        self._facts_error: str | None = None

    def facts(self) -> dict | None:
        if self._facts is None and self._facts_error is None:
            try:
                from tutor.facts import collect

                self._facts = collect()
            except Exception as exc:
                self._facts_error = t("checked numbers cannot be verified: {reason}", reason=str(exc))
        return self._facts

    def lesson(self, lesson: Lesson) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for block in lesson.blocks():
            if block.kind == "lab":
                reason = lab_problem(block.lab, block.lab_args)
                if reason:
                    found.append((block.line, reason))
            elif block.kind == "quiz":
                found += self.quiz(block)
            elif block.kind == "code":
                found += code_problems(block)
            found += self.math(block)
            found += plain_numbers(block)
        found += self.fact_lines(lesson)
        return found

    def quiz(self, block: Block) -> list[tuple[int, str]]:
        found = []
        for question, line in zip(block.questions, block.question_lines):
            if self.validate is not None:
                try:
                    reasons = list(self.validate(question))
                except Exception as exc:
                    reasons = [t("the quiz validator failed: {error}", error=f"{type(exc).__name__}: {exc}")]
            else:
                reasons = quizcheck.basic_problems(question)
            found += [(line, t("quiz {id}: {problem}", id=repr(question["id"]), problem=r)) for r in reasons]
        return found

    def math(self, block: Block) -> list[tuple[int, str]]:
        if self.math_problems is None:
            return []
        pieces: list[tuple[int, str]] = []
        if block.kind == "math":
            pieces.append((block.line, block.text))
        elif block.kind in ("markdown", "analogy", "demo"):
            first = block.line + (1 if block.kind != "markdown" else 0)
            pieces += [(first + off, latex) for off, latex in inline_math(block.text)]
        elif block.kind == "quiz":
            for question, line in zip(block.questions, block.question_lines):
                texts = [question.get(k) for k in ("ask", "hint", "explain")]
                texts += list(question.get("options") or []) + list(question.get("items") or [])
                pieces += [(line, latex) for t in texts if isinstance(t, str) for _, latex in inline_math(t)]
        found = []
        for line, latex in pieces:
            try:
                reasons = list(self.math_problems(latex))
            except Exception as exc:
                reasons = [f"{type(exc).__name__}: {exc}"]
            found += [(line, t("formula {latex}: {problem}", latex=repr(latex.strip()), problem=r)) for r in reasons]
        return found

    def fact_lines(self, lesson: Lesson) -> list[tuple[int, str]]:
        if not lesson.facts:
            return []
        from tutor.content.facts import fact_problems

        facts = self.facts()
        if facts is None:
            return [(lesson.facts[0][2], self._facts_error or t("checked numbers cannot be verified"))]
        return fact_problems(lesson, facts)


# --- many lessons -----------------------------------------------------------------

def _sibling_lessons(folder: Path, lang: str, cache: dict) -> dict[str, Lesson]:
    """Lessons by id in a folder (to find twins and `requires` targets outside PATH)."""
    key = folder.resolve()
    if key not in cache:
        table: dict[str, Lesson] = {}
        for p in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            try:
                lesson = load_lesson(p, lang)
            except LessonError:
                continue
            table.setdefault(lesson.id, lesson)
        cache[key] = table
    return cache[key]


def _quiz_ids(lesson: Lesson) -> list[str]:
    return [q["id"] for b in lesson.blocks("quiz") for q in b.questions]


def _differences(en_ids: list[str], ids: list[str]) -> str:
    """"missing a, b; not in en: c" """
    parts = []
    missing = [i for i in en_ids if i not in ids]
    extra = [i for i in ids if i not in en_ids]
    if missing:
        parts.append(t("missing {ids}", ids=", ".join(missing)))
    if extra:
        parts.append(t("not in en: {ids}", ids=", ".join(extra)))
    return "; ".join(parts)


def _twin_problems(other: Lesson, en: Lesson) -> list[tuple[int, str]]:
    """What differs between a translated lesson and its en twin (labs, quiz ids, checked numbers)."""
    found = []
    labs = [b.lab for b in other.blocks("lab")]
    en_labs = [b.lab for b in en.blocks("lab")]
    if Counter(labs) != Counter(en_labs):
        line = next((b.line for b in other.blocks("lab")), id_line(other.path))
        found.append((line, t("labs differ from the en twin {file}: en has [{en_labs}], {lang} has [{labs}]",
                              file=en.path.name, en_labs=", ".join(en_labs), lang=other.lang, labs=", ".join(labs))))
    quiz, en_quiz = _quiz_ids(other), _quiz_ids(en)
    if set(quiz) != set(en_quiz):
        line = next((b.line for b in other.blocks("quiz")), id_line(other.path))
        found.append((line, t("quiz ids differ from the en twin {file}: {differences}",
                              file=en.path.name, differences=_differences(en_quiz, quiz))))
    outputs = [b.output for b in other.blocks("code")]
    en_outputs = [b.output for b in en.blocks("code")]
    if outputs != en_outputs:   # the same code, commented in another language, prints the same
        line = next((b.line for b in other.blocks("code")), id_line(other.path))
        found.append((line, t("code blocks differ from the en twin {file}: each must print the same output, in the "
                              "same order ({en_n} in en, {n} in {lang})", file=en.path.name,
                              en_n=len(en_outputs), lang=other.lang, n=len(outputs))))
    facts = list(dict.fromkeys(key for key, _, _ in other.facts))
    en_facts = list(dict.fromkeys(key for key, _, _ in en.facts))
    if set(facts) != set(en_facts):  # the same numbers, checked by the same facts
        line = other.facts[0][2] if other.facts else id_line(other.path)
        found.append((line, t("checked-number keys differ from the en twin {file}: {differences}",
                              file=en.path.name, differences=_differences(en_facts, facts))))
    return found


def check_files(files: list[tuple[Path, str]], checker: Checker | None = None) -> tuple[int, list[Problem]]:
    """(lessons without problems, every problem in file order then line order)."""
    checker = checker or Checker()
    per_file: dict[Path, list[tuple[int, str]]] = {path: [] for path, _ in files}
    loaded: list[Lesson] = []
    for path, lang in files:
        try:
            lesson = load_lesson(path, lang)
        except LessonError as exc:
            per_file[path].append((exc.line, exc.reason))
            continue
        loaded.append(lesson)
        per_file[path] += checker.lesson(lesson)

    cache: dict = {}
    first_with_id: dict[tuple[str, str], Lesson] = {}
    for lesson in loaded:
        key = (lesson.lang, lesson.id)
        if key in first_with_id:
            other = first_with_id[key].path
            per_file[lesson.path].append((id_line(lesson.path), t("duplicate lesson id {id} (also in {other})",
                                                                  id=repr(lesson.id), other=str(other))))
        else:
            first_with_id[key] = lesson

    for lesson in loaded:
        known = dict(_sibling_lessons(lesson.path.parent, lesson.lang, cache))
        known.update({i: l for (lang, i), l in first_with_id.items() if lang == lesson.lang})
        if lesson.lang != SOURCE:
            english = dict(_sibling_lessons(lesson.path.parent.parent / SOURCE, SOURCE, cache))
            english.update({i: l for (lang, i), l in first_with_id.items() if lang == SOURCE})
            twin = english.get(lesson.id)
            if twin is None:
                per_file[lesson.path].append((id_line(lesson.path), t(
                    "{lang} lesson {id} has no en twin (an en lesson with the same id)",
                    lang=lesson.lang, id=repr(lesson.id))))
            else:
                per_file[lesson.path] += _twin_problems(lesson, twin)
            known.update(english)
        per_file[lesson.path] += reference_problems(lesson, known)
        for need in lesson.requires:
            if need not in known:
                per_file[lesson.path].append((_field_line(lesson.path, "requires"),
                                              t("requires unknown lesson {id}", id=repr(need))))

    problems = [Problem(str(path), line, reason)
                for path, _ in files for line, reason in sorted(set(per_file[path]), key=lambda p: (p[0], p[1]))]
    ok = sum(1 for path, _ in files if not per_file[path])
    return ok, problems


def _field_line(path: Path, field: str) -> int:
    try:
        for number, text in enumerate(Path(path).read_text(encoding="utf-8-sig").split("\n"), start=1):
            if re.match(rf"^{field}\s*:", text):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def _problem_count(n: int, files: int) -> str:
    """"3 problems in 2 lesson files" (a problem is always in a file: one problem, one file)."""
    if n == 1:
        return t("1 problem in 1 lesson file")
    if files == 1:
        return t("{n} problems in 1 lesson file", n=n)
    return t("{n} problems in {files} lesson files", n=n, files=files)


def run_check(path: Path, out: TextIO, err: TextIO) -> int:
    """The `dltutor check` command: 0 when every lesson is fine, 1 otherwise."""
    try:
        files = lesson_files(Path(path))
    except FileNotFoundError as exc:
        print(f"dltutor check: {exc}", file=err)
        return 2
    if not files:
        print(t("dltutor check: no lesson files in {path} (expected lessons/<lang>/*.md)", path=str(path)), file=err)
        return 1
    ok, problems = check_files(files)
    for problem in problems:
        print(problem, file=out)
    if problems:
        bad = len(files) - ok
        print(_problem_count(len(problems), bad), file=err)
        return 1
    print(t("{n} lessons OK", n=ok), file=out)
    return 0
