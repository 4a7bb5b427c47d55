"""Record (or compare) what students read: every lab's --plain output and
every lesson's rendered text, in English and Chinese.

    python tools/golden.py            # compare with tests/golden/, list what differs
    python tools/golden.py --update   # write tests/golden/ anew (after an intended change)

Used by tests/test_golden_outputs.py to prove a refactoring changed nothing a
student sees.  Lesson text is rendered with the app's own functions (prose
through PageText's Markdown, display maths through Formula's block layout) at
a fixed width, without starting the app.
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

    lab = get_lab(name)()
    lab.lang = lang
    out = io.StringIO()
    lab.plain(out)
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
    return "\n".join(parts) + "\n"


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
