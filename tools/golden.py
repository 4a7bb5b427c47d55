"""Record (or compare) what students read: every lab's --plain output,
every lesson's rendered text and every lesson's quiz as `dltutor quiz
--plain` runs it, in English and Chinese.

    python tools/golden.py            # compare with tests/golden/, list what differs
    python tools/golden.py --update   # write tests/golden/ anew (after an intended change)

Used by tests/test_golden_outputs.py to prove a refactoring changed nothing a
student sees.  Lesson text is rendered with the app's own functions (prose
through PageText's Markdown, display maths through Formula's block layout) at
a fixed width, without starting the app.  A quiz is sat by three students
(their own option orders and generated numbers): once answering each
question with junk, a wrong answer, then the right one; once wrong on every
try (the answer and its working are shown); once stopping early.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
WIDTH = 100
LANGS = ("en", "zh")


def lab_plain(name: str, lang: str) -> str:
    from tutor.labs import get_lab
    from tutor.locale import using

    out = io.StringIO()
    with using(lang):
        get_lab(name)().plain(out)
    return out.getvalue()


def _text(renderable) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=WIDTH, color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in capture.get().splitlines())


def lesson_text(lesson) -> str:
    from tutor.widgets.formula import block_renderable
    from tutor.widgets.page_text import markdown, split_display_math

    parts = [f"# {lesson.id}: {lesson.title}"]
    for number, page in enumerate(lesson.pages, 1):
        parts.append(f"\n======== page {number} ========")
        for block in page.blocks:
            if block.kind == "markdown":
                for part, source in split_display_math(block.text):
                    parts.append(_text(block_renderable(source, WIDTH) if part == "math" else markdown(source)))
            elif block.kind == "math":
                parts.append(_text(block_renderable(block.text, WIDTH)))
            elif block.kind in ("analogy", "demo"):
                parts.append(f"[{block.kind}]\n" + _text(markdown(block.text)))
            elif block.kind == "lab":
                parts.append(f"[lab] {' '.join((block.lab,) + tuple(block.lab_args))}")
            elif block.kind == "quiz":
                parts.append(f"[quiz] {len(block.questions)} questions")
            elif block.kind == "code":
                parts.append("[code]\n" + block.text + ("" if block.output is None else "\n[output]\n" + block.output))
    return "\n".join(parts) + "\n"


QUIZ_STUDENTS = ("ana", "bo", "cy")


class _Kept:
    """A progress store that keeps everything (the quiz then says scores are kept)."""

    def record_answer(self, *args) -> None:
        pass

    def quiz_score(self, *args) -> None:
        pass


def _junk(posed) -> str:
    # an empty formula rather than a bad one: the parser's own words belong to the engine
    return "" if posed.kind == "expression" else "?"


def _right(posed) -> str:
    q = posed.question
    if posed.kind == "choice":
        return str(posed.order.index(q.spec["answer"]) + 1)
    if posed.kind == "multi":
        return " ".join(str(posed.order.index(a) + 1) for a in q.spec["answer"])
    if posed.kind == "order":
        return " ".join(str(posed.order.index(t) + 1) for t in range(len(posed.options)))
    if posed.kind == "expression":
        return q.formula
    if posed.kind == "generated":
        return f"{posed.instance.answer:.3f}"
    if posed.kind == "number":
        return repr(q.value)
    return q.example                                    # lab: the question's own example passes


def _wrong(posed) -> str:
    q = posed.question
    if posed.kind == "choice":
        return str(next(k for k in range(1, len(posed.options) + 1) if posed.order[k - 1] != q.spec["answer"]))
    if posed.kind == "multi":                           # one too few, or one too many
        right = [posed.order.index(a) + 1 for a in q.spec["answer"]]
        more = [k for k in range(1, len(posed.options) + 1) if k not in right]
        picked = right[:-1] if len(right) > 1 else right + more[:1]
        return " ".join(map(str, picked))
    if posed.kind == "order":                           # the first two swapped
        right = _right(posed).split()
        return " ".join([right[1], right[0]] + right[2:])
    if posed.kind == "expression":
        return f"{q.formula} + 1"
    if posed.kind in ("generated", "number"):
        value = posed.value
        return f"{value + 1 + abs(value):.6g}"
    return {"digits": "epochs=1"}.get(q.lab, "lr=0.01")  # lab: too little training, or too small a step


def quiz_text(lesson) -> str:
    """The lesson's quiz sat in plain mode by each of QUIZ_STUDENTS, three ways."""
    from tutor.quiz.plain import lesson_questions, run_plain
    from tutor.quiz.session import QuizSession

    parts = []
    for student in QUIZ_STUDENTS:
        posed = QuizSession(lesson_questions(lesson), lesson.id, student=student).posed   # options and numbers: any language
        sittings = {
            "junk, a wrong answer, then the right one": (_Kept(), [
                line for p in posed for line in [_junk(p), _wrong(p)] + ([_right(p)] if p.question.tries > 1 else [])]),
            "wrong on every try": (None, [_wrong(p) for p in posed for _ in range(p.question.tries)]),
            "input ends after junk": (None, ["?"]),
        }
        for title, (store, answers) in sittings.items():
            out = io.StringIO()
            run_plain(lesson, store, student, io.StringIO("".join(a + "\n" for a in answers)), out)
            parts.append(f"======== {student}: {title} ========\n{out.getvalue()}")
    return "\n".join(parts)


def outputs() -> dict[str, str]:
    """{relative golden path: text} for everything recorded."""
    from tutor.content.loader import load_lessons
    from tutor.labs import lab_names

    found: dict[str, str] = {}
    for lang in LANGS:
        for name in lab_names():
            found[f"labs/{lang}/{name}.txt"] = lab_plain(name, lang)
        lessons, _ = load_lessons(lang)
        for lesson in lessons:
            found[f"lessons/{lang}/{lesson.id}.txt"] = lesson_text(lesson)
            if any(True for _ in lesson.blocks("quiz")):
                found[f"quiz/{lang}/{lesson.id}.txt"] = quiz_text(lesson)
    return found


def differences(found: dict[str, str]) -> list[str]:
    wrong = []
    for rel, text in found.items():
        path = GOLDEN / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            wrong.append(rel)
    return wrong


def main(argv: list[str]) -> int:
    found = outputs()
    if "--update" in argv:
        for rel, text in found.items():
            path = GOLDEN / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print(f"wrote {len(found)} files under {GOLDEN}")
        return 0
    wrong = differences(found)
    for rel in wrong:
        print(f"differs: tests/golden/{rel}")
    print(f"{len(found) - len(wrong)} of {len(found)} unchanged")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
