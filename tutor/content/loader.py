"""Read lesson files (Markdown + YAML front matter) into `Lesson` objects.

The format is in docs/ARCHITECTURE.md.  Anything wrong with a file becomes a
`LessonError` naming the file, the line and the reason — never another
exception — so the app can skip a broken lesson with a notice and
`dltutor check` can print exactly what to fix.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
import textwrap
from pathlib import Path
from typing import Any

import yaml

from tutor.content.model import CODE_FENCE, OUTPUT_FENCE, SPECIAL_FENCES, Block, Lesson, LessonError, Page, UnknownLesson
from tutor.content.refs import resolve
from tutor.locale import SOURCE, languages, t

FIELDS = ("id", "title", "chapter", "order", "requires", "chapter_title")
REQUIRED = ("id", "title", "chapter", "order")
QUIZ_KINDS = ("choice", "multi", "number", "expression", "order", "generated", "lab")

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# {{2.0025|sqrt401}}: a number as the lesson writes it, then the fact's key.
FACT_RE = re.compile(r"\{\{\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*\|\s*([A-Za-z_][\w.-]*)\s*\}\}")
# Something that looks like a marker (braces around a bar) but does not parse.
MARKER_LIKE_RE = re.compile(r"\{\{[^{}\n]*\|[^{}\n]*\}\}")
FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})\s*([^\s`]*)")
HEADING_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$")
# The largest lesson is under 10 KB; a file over this is refused unread: a
# 49 MB quiz block took minutes to parse, and even 1 MB of short questions 11 s.
MAX_LESSON_BYTES = 256 * 1024


class _LessonYaml(yaml.SafeLoader):
    """SafeLoader without anchors and aliases: `*a` repeated in lists nests
    billions of items from a few lines (an alias bomb), and lessons never need them."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, t("anchors and aliases (&name, *name) are not allowed in lessons"), event.start_mark)
        return super().compose_node(parent, index)


def default_root() -> Path:
    """The installed lessons, or $DLTUTOR_LESSONS (a folder holding en/, zh/ …)."""
    import os

    override = os.environ.get("DLTUTOR_LESSONS")
    if override:
        return Path(override).expanduser()
    import lessons

    return lessons.ROOT


# --- one file -----------------------------------------------------------------

def load_lesson(path: Path, lang: str | None = None) -> Lesson:
    """Read one lesson file; raise LessonError (file, line, reason) if it is broken."""
    path = Path(path)
    if lang is None:
        lang = path.parent.name if path.parent.name in languages() else SOURCE
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_LESSON_BYTES + 1)
    except OSError as exc:
        raise LessonError(path, 1, t("cannot read: {reason}", reason=str(exc.strerror or exc))) from None
    if len(raw) > MAX_LESSON_BYTES:
        raise LessonError(path, 1, t("the file is larger than {kb} KB, the most a lesson file may be: "
                                     "split it into several lessons", kb=MAX_LESSON_BYTES // 1024))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LessonError(path, line, t("not UTF-8 text")) from None
    try:
        return parse_lesson(text, path, lang)
    except LessonError:
        raise
    except RecursionError:
        raise LessonError(path, 1, t("nested too deeply to read")) from None


def parse_lesson(text: str, path: Path, lang: str) -> Lesson:
    """Parse lesson source text (see load_lesson)."""
    # Split on \n only: str.splitlines() also breaks on form feeds and
    # U+2028, which would make our line numbers disagree with an editor's.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, body_start = _front_matter(lines, path)
    body = list(enumerate(lines[body_start - 1:], start=body_start))
    body, facts = _replace_facts(body, path)
    pages = _pages(body, path)
    if not pages:
        raise LessonError(path, body_start, t("the lesson has no content after the front matter"))
    _check_quiz_ids(pages, path)
    return Lesson(
        id=meta["id"], title=meta["title"], chapter=meta["chapter"], order=meta["order"],
        lang=lang, path=path, pages=tuple(pages), requires=tuple(meta.get("requires", ())),
        chapter_title=meta.get("chapter_title", ""), facts=tuple(facts),
    )


def _front_matter(lines: list[str], path: Path) -> tuple[dict, int]:
    """Return the validated front matter and the 1-based line where the body starts."""
    if not lines or lines[0].rstrip() != "---":
        raise LessonError(path, 1, t("a lesson starts with a line '---' and YAML front matter (id, title, chapter, order)"))
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if close is None:
        raise LessonError(path, 1, t("the front matter is not closed by a line '---'"))
    source = "\n".join(lines[1:close])
    meta = _yaml(source, path, first_line=2, what="front matter")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise LessonError(path, 2, t("the front matter must be 'key: value' lines"))
    where = _key_lines(lines[1:close], first_line=2)
    for key in meta:
        if key not in FIELDS:
            close_names = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = (t("; did you mean {name}?", name=repr(close_names[0])) if close_names
                    else t(" (known: {names})", names=", ".join(FIELDS)))
            raise LessonError(path, where.get(str(key), 2), t("unknown front-matter field {key}{hint}",
                                                              key=repr(key), hint=hint))
    for key in REQUIRED:
        if key not in meta:
            raise LessonError(path, 1, t("front matter is missing {key}", key=repr(key)))
    line = lambda key: where.get(key, 2)  # noqa: E731 - a tiny lookup
    if not isinstance(meta["id"], str) or not ID_RE.match(meta["id"]):
        raise LessonError(path, line("id"), t("id must be lowercase letters, digits and '-' (got {value})",
                                              value=repr(meta["id"])))
    for key in ("title", "chapter_title"):
        if key in meta and not isinstance(meta[key], str):
            raise LessonError(path, line(key), t("{key} must be text (got {value}; put it in quotes)",
                                                 key=key, value=repr(meta[key])))
    if not meta["title"].strip():
        raise LessonError(path, line("title"), t("title is empty"))
    for key in ("chapter", "order"):
        if isinstance(meta[key], bool) or not isinstance(meta[key], int) or meta[key] < 0:
            raise LessonError(path, line(key), t("{key} must be a whole number ≥ 0 (got {value})",
                                                 key=key, value=repr(meta[key])))
    if "requires" in meta:
        requires = meta["requires"]
        if requires is None:
            requires = []
        if isinstance(requires, str):
            requires = [requires]
        if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
            raise LessonError(path, line("requires"), t("requires must be a list of lesson ids"))
        meta["requires"] = requires
    return meta, close + 2


def _key_lines(lines: list[str], first_line: int) -> dict[str, int]:
    """Where each top-level 'key:' of a YAML mapping sits (for error lines)."""
    where: dict[str, int] = {}
    for offset, text in enumerate(lines):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:", text)
        if m and m.group(1) not in where:
            where[m.group(1)] = first_line + offset
    return where


def _yaml(source: str, path: Path, first_line: int, what: str) -> Any:
    try:
        return yaml.load(source, Loader=_LessonYaml)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path, first_line, what, source) from None
    except (ValueError, TypeError, OverflowError) as exc:  # odd scalars, e.g. a bad timestamp
        raise LessonError(path, first_line, _bad_yaml(what, str(exc))) from None


def _bad_yaml(what: str, problem: str) -> str:
    """"bad YAML in quiz: …" or "… in front matter: …" (`what` is one of the two)."""
    if what == "quiz":
        return t("bad YAML in quiz: {problem}", problem=problem)
    return t("bad YAML in front matter: {problem}", problem=problem)


def _yaml_error(exc: yaml.YAMLError, path: Path, first_line: int, what: str, source: str = "") -> LessonError:
    if isinstance(exc, yaml.reader.ReaderError):  # a control character: no mark, a position
        line = first_line + source[: max(exc.position, 0)].count("\n")
        return LessonError(path, line, _bad_yaml(what, t("character {code} is not allowed", code=f"{exc.character:#x}")))
    # The context mark is where the broken construct began (the "[" of an
    # unclosed list), which is where a writer should look; fall back to the
    # point where the parser gave up.
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    line = first_line + (mark.line if mark is not None else 0)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return LessonError(path, line, _bad_yaml(what, problem))


# --- checked numbers ---------------------------------------------------------

def _replace_facts(body: list[tuple[int, str]], path: Path):
    """Show {{2.0025|key}} as 2.0025 and remember (key, written, line)."""
    facts: list[tuple[str, str, int]] = []
    out: list[tuple[int, str]] = []
    for number, text in body:
        if "{{" in text:
            for m in FACT_RE.finditer(text):
                facts.append((m.group(2), m.group(1), number))
            text = FACT_RE.sub(lambda m: m.group(1), text)
            bad = MARKER_LIKE_RE.search(text)
            if bad:
                raise LessonError(path, number, t("malformed checked number {marker}: write {example}, e.g. {sample}",
                                                  marker=repr(bad.group(0)), example="{{number|key}}",
                                                  sample="{{2.0025|sqrt401}}"))
        out.append((number, text))
    return out, facts


# --- pages and blocks ----------------------------------------------------------

class _PageBuilder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.markdown: list[tuple[int, str]] = []
        self.title = ""

    def flush(self) -> None:
        lines = self.markdown
        while lines and not lines[0][1].strip():
            lines.pop(0)
        while lines and not lines[-1][1].strip():
            lines.pop()
        if lines:
            self.blocks.append(Block("markdown", "\n".join(t for _, t in lines), lines[0][0]))
        self.markdown = []

    def page(self) -> Page | None:
        self.flush()
        if not self.blocks:
            return None
        return Page(tuple(self.blocks), self.blocks[0].line, self.title)


def _pages(body: list[tuple[int, str]], path: Path) -> list[Page]:
    pages: list[Page] = []
    page = _PageBuilder()
    i, n = 0, len(body)
    while i < n:
        number, text = body[i]
        stripped = text.strip()
        fence = FENCE_RE.match(text)
        if fence and fence.group(1)[0] == "`" and "`" in text.strip()[len(fence.group(1)):]:
            fence = None  # ```code``` on one line is inline code, not a fence (CommonMark)
        if fence:
            end = _fence_end(body, i, fence.group(1))
            if end is None:
                raise LessonError(path, number, t("unclosed {fence} fence (opened here)", fence=fence.group(1)))
            info = fence.group(2).lower()
            if info in SPECIAL_FENCES:
                page.flush()
                inner = [t for _, t in body[i + 1:end]]
                page.blocks.append(_special_block(info, inner, number, path))
            elif info == CODE_FENCE:
                page.flush()
                page.blocks.append(_code_block(body[i + 1:end], number, path))
            elif info == OUTPUT_FENCE:
                _attach_output(page, [t for _, t in body[i + 1:end]], number, path)
            else:  # ordinary code stays part of the Markdown
                page.markdown.extend(body[i:end + 1])
            i = end + 1
            continue
        if text.rstrip() == "---":
            done = page.page()
            if done is not None:
                pages.append(done)
            page = _PageBuilder()
            i += 1
            continue
        if stripped.startswith("$$"):
            i = _math_block(body, i, page, path)
            continue
        heading = HEADING_RE.match(text)
        if heading and not page.title:
            page.title = heading.group(1).strip()
        page.markdown.append((number, text))
        i += 1
    done = page.page()
    if done is not None:
        pages.append(done)
    return pages


def _fence_end(body: list[tuple[int, str]], start: int, marker: str) -> int | None:
    """Index of the line closing the fence opened at `start` (same char, at least as long)."""
    close = re.compile(r"^\s*" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}\s*$")
    for j in range(start + 1, len(body)):
        if close.match(body[j][1]):
            return j
    return None


def _math_block(body: list[tuple[int, str]], i: int, page: _PageBuilder, path: Path) -> int:
    """Read display math starting at body[i]; return the index after it."""
    number, text = body[i]
    rest = text.strip()[2:]
    parts: list[str] = []
    j = i
    while True:
        if "$$" in rest:
            inside, after = rest.split("$$", 1)
            parts.append(inside)
            break
        parts.append(rest)
        j += 1
        if j >= len(body):
            raise LessonError(path, number, t("unclosed $$ display math (opened here)"))
        rest = body[j][1]
    latex = "\n".join(parts).strip()
    if not latex:
        raise LessonError(path, number, t("empty $$ $$ display math"))
    page.flush()
    page.blocks.append(Block("math", latex, number))
    if after.strip():  # text after the closing $$ goes on as Markdown
        page.markdown.append((body[j][0], after.strip()))
    return j + 1


def _special_block(kind: str, inner: list[str], line: int, path: Path) -> Block:
    text = textwrap.dedent("\n".join(inner)).strip("\n")
    if not text.strip():
        raise LessonError(path, line, t("empty {kind} block", kind=kind))
    if kind == "lab":
        return _lab_block(text, line, path)
    if kind == "quiz":
        return _quiz_block(text, line, path)
    return Block(kind, text, line)


def _code_block(inner: list[tuple[int, str]], line: int, path: Path) -> Block:
    """A ```python block: shown highlighted, run by the tests (never by the app)."""
    text = textwrap.dedent("\n".join(t for _, t in inner)).strip("\n")
    if not text.strip():
        raise LessonError(path, line, t("empty {kind} block", kind=CODE_FENCE))
    return Block("code", text, line)


def _attach_output(page: _PageBuilder, inner: list[str], line: int, path: Path) -> None:
    """An ```output block belongs to the ```python block right before it (blank lines between)."""
    between = any(text.strip() for _, text in page.markdown)
    last = page.blocks[-1] if page.blocks else None
    if between or last is None or last.kind != "code" or last.output is not None:
        raise LessonError(path, line, t("an {output} block must follow a {code} block (what that code prints)",
                                        output=OUTPUT_FENCE, code=CODE_FENCE))
    page.markdown = []
    text = "\n".join(inner).rstrip("\n")
    page.blocks[-1] = dataclasses.replace(last, output=text)


def _lab_block(text: str, line: int, path: Path) -> Block:
    rows = [r.strip() for r in text.splitlines() if r.strip()]
    if len(rows) != 1:
        raise LessonError(path, line, t("a lab block is one line: NAME key=value …"))
    tokens = rows[0].split()
    for token in tokens[1:]:
        if "=" not in token or token.startswith("="):
            raise LessonError(path, line, t("lab {name}: expected key=value, got {token}", name=tokens[0],
                                            token=repr(token)))
    return Block("lab", rows[0], line, lab=tokens[0], lab_args=tuple(tokens[1:]))


def _quiz_block(text: str, line: int, path: Path) -> Block:
    first = line + 1  # the YAML starts on the line after the fence
    loader = None
    try:
        loader = _LessonYaml(text)  # may already refuse control characters
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path, first, "quiz", text) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise LessonError(path, first, _bad_yaml("quiz", str(exc))) from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, list) or not data:
        raise LessonError(path, line, t("a quiz block is a YAML list of questions ('- id: …')"))
    lines = tuple(first + item.start_mark.line for item in node.value)
    for question, qline in zip(data, lines):
        _check_question_shape(question, qline, path)
    return Block("quiz", text, line, questions=tuple(data), question_lines=lines)


def _check_question_shape(question: Any, line: int, path: Path) -> None:
    """The shape every question needs; details per kind are `dltutor check`'s job."""
    if not isinstance(question, dict):
        raise LessonError(path, line, t("each quiz question is a mapping (id:, kind:, ask: …)"))
    qid = question.get("id")
    if isinstance(qid, int) and not isinstance(qid, bool):
        qid = question["id"] = str(qid)  # `id: 3` reads as a number; ids are text
    if not isinstance(qid, str) or not qid.strip():
        raise LessonError(path, line, t("quiz question without an id"))
    kind = question.get("kind")
    if kind not in QUIZ_KINDS:
        close = difflib.get_close_matches(str(kind), QUIZ_KINDS, n=1)
        hint = (t("; did you mean {name}?", name=repr(close[0])) if close
                else t(" (one of {names})", names=", ".join(QUIZ_KINDS)))
        raise LessonError(path, line, t("quiz {id}: unknown kind {kind}{hint}", id=repr(qid), kind=repr(kind), hint=hint))
    if kind != "generated" and not isinstance(question.get("ask"), str):
        raise LessonError(path, line, t("quiz {id}: 'ask' (the question text) is missing", id=repr(qid)))


def _check_quiz_ids(pages: list[Page], path: Path) -> None:
    seen: dict[str, int] = {}
    for page in pages:
        for block in page.blocks:
            for question, line in zip(block.questions, block.question_lines):
                qid = question["id"]
                if qid in seen:
                    raise LessonError(path, line, t("quiz id {id} is used twice (first on line {first})",
                                                    id=repr(qid), first=seen[qid]))
                seen[qid] = line


# --- many files -----------------------------------------------------------------

def id_line(path: Path) -> int:
    """The line of 'id:' in a lesson's front matter (1 if it cannot be found)."""
    try:
        for number, text in enumerate(Path(path).read_text(encoding="utf-8-sig").split("\n"), start=1):
            if re.match(r"^id\s*:", text):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def _load_dir(folder: Path, lang: str) -> tuple[list[Lesson], list[LessonError]]:
    lessons: list[Lesson] = []
    problems: list[LessonError] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            lesson = load_lesson(path, lang)
        except LessonError as exc:
            problems.append(exc)
            continue
        if lesson.id in seen:
            problems.append(LessonError(path, id_line(path), t("duplicate lesson id {id} (also in {other})",
                                                               id=repr(lesson.id), other=seen[lesson.id].name)))
            continue
        seen[lesson.id] = path
        lessons.append(lesson)
    return lessons, problems


def _order(lesson: Lesson):
    return (lesson.chapter, lesson.order, lesson.id)


def load_lessons(lang: str, root: Path | None = None) -> tuple[list[Lesson], list[LessonError]]:
    """Every usable lesson in `lang`, sorted by (chapter, order), and the broken files.

    Cross-references ([[id]]) are shown as the app numbers the lessons (tutor/content/refs.py).

    In another language, a lesson that has no file in it yet is the en one with
    `fallback=True` (the app shows a notice); en problems are then reported too.
    """
    root = Path(root) if root is not None else default_root()
    lessons, problems = _load_dir(root / lang, lang)
    if lang != SOURCE:
        have = {lesson.id for lesson in lessons}
        english, en_problems = _load_dir(root / SOURCE, SOURCE)
        lessons += [dataclasses.replace(e, fallback=True) for e in english if e.id not in have]
        problems += en_problems
    lessons.sort(key=_order)
    return resolve(lessons), problems


def find_lesson(id_or_prefix: str, lang: str = SOURCE, root: Path | None = None) -> Lesson:
    """A lesson by id, file name, or an unambiguous prefix of either.

    Raises UnknownLesson naming the closest ids, or the LessonError of a
    matching file that is broken.
    """
    query = id_or_prefix.strip()
    lessons, problems = load_lessons(lang, root)
    for match in (lambda l: l.id == query, lambda l: l.path.stem == query):
        found = [l for l in lessons if match(l)]
        if found:
            return found[0]
    for match in (lambda l: l.id.startswith(query), lambda l: l.path.stem.startswith(query)):
        found = [l for l in lessons if match(l)] if query else []
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UnknownLesson(t("{query} matches several lessons: {ids}", query=repr(query),
                                  ids=", ".join(l.id for l in found[:6])))
    for problem in problems:  # the student named a file that is broken: say why
        stem = Path(problem.file).stem
        if query and (stem == query or stem.startswith(query) or query in stem):
            raise problem
    ids = [l.id for l in lessons]
    close = difflib.get_close_matches(query, ids, n=3, cutoff=0.4)
    if close:
        raise UnknownLesson(t("unknown lesson {query}; did you mean {ids}?", query=repr(query), ids=", ".join(close)))
    if ids:
        raise UnknownLesson(t("unknown lesson {query} (try `dltutor list`)", query=repr(query)))
    raise UnknownLesson(t("unknown lesson {query} (no lessons are installed)", query=repr(query)))
