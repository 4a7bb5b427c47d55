"""`dltutor charts`: write the chart guide's figures, their captions, and (--all) an index page.

    dltutor charts                          the seven figures as 300-DPI PNGs in ./dltutor-charts
    dltutor charts --out slides --lang zh   in Chinese, into slides/
    dltutor charts --format png,svg,pdf --dpi 600 --only 01,05
    dltutor charts --all                    the lecture set in the guide's order, with index.html
    dltutor charts --lesson vanishing-gradients    the figures one lesson needs

Bad input and missing pieces (matplotlib, a Chinese font) are one line on
stderr and exit status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

from tutor.charts import LECTURE_ORDER, NUMBERS
from tutor.locale import t, using

DEFAULT_OUT = "dltutor-charts"
FORMATS = ("png", "svg", "pdf")


class ChartsError(Exception):
    """Something the user can fix: printed as one line."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help=f"folder for the figures (default: ./{DEFAULT_OUT})")
    p.add_argument("--format", default="png", metavar="FMT", help="png, svg or pdf, or several: png,svg (default: png)")
    p.add_argument("--dpi", type=int, default=300, help="resolution of PNGs (default: 300)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--only", metavar="01,05", help="only these charts, by number")
    which.add_argument("--all", action="store_true", help="the lecture set in the guide's order, with index.html")
    which.add_argument("--lesson", metavar="ID", help="the charts one lesson needs")


def _formats(text: str) -> list[str]:
    formats = [part.strip().lower().lstrip(".") for part in text.split(",") if part.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ChartsError(t("unknown format {format}: choose png, svg or pdf (or several: png,svg)",
                            format=", ".join(bad) or repr(text)))
    return list(dict.fromkeys(formats))


def _only(text: str) -> list[str]:
    chosen = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        head = part.split("_")[0]           # "5", "05" or a file name "05_learning_rate_effect"
        number = head.zfill(2) if head.isdigit() else part
        if number not in NUMBERS:
            raise ChartsError(t("unknown chart {name}: the charts are {numbers}", name=part,
                                numbers=", ".join(NUMBERS)))
        chosen.append(number)
    if not chosen:
        raise ChartsError(t("--only needs chart numbers, e.g. --only 01,05"))
    return sorted(set(chosen), key=chosen.index)


def _lesson_charts(query: str, lang: str) -> tuple[list[str], str]:
    """The charts a lesson needs and its number as the home screen shows it."""
    from tutor.charts.lessons import charts_of, lesson_numbers
    from tutor.content import LessonError, UnknownLesson, find_lesson, load_lessons

    try:
        lesson = find_lesson(query, lang)
    except UnknownLesson as exc:
        raise ChartsError(str(exc)) from None
    except LessonError as exc:
        raise ChartsError(t("the lesson cannot be read: {problem}", problem=str(exc))) from None
    numbers = charts_of(lesson)
    if not numbers:
        lessons, _ = load_lessons(lang)
        having = [lesson.id for lesson in lessons if charts_of(lesson)]
        raise ChartsError(t("lesson {lesson} has no charts; these lessons have: {lessons}", lesson=lesson.id,
                            lessons=", ".join(having)))
    return numbers, lesson_numbers(lang).get(lesson.id, "")


def _size(path: Path) -> str:
    n = path.stat().st_size
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def index_page(entries: list[tuple[str, str, list[Path]]], lang: str) -> str:
    """index.html: each figure (PNG or SVG shown, every file linked) with its caption."""
    parts = [f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
             f'<title>{html.escape(t("dltutor: charts for a lecture series"))}</title>\n'
             "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
             "img{max-width:100%;border:1px solid #ccc}figure{margin:0 0 3em}"
             "figcaption{white-space:pre-wrap;font-size:.95em}</style>\n</head>\n<body>\n"
             f"<h1>{html.escape(t('dltutor: charts for a lecture series'))}</h1>\n"
             f"<p>{html.escape(t('In the order the chart guide recommends for a lecture series.'))}</p>\n"]
    for title, caption, files in entries:
        shown = next((f for f in files if f.suffix in (".png", ".svg")), None)
        links = " · ".join(f'<a href="{html.escape(f.name)}">{html.escape(f.name)}</a>' for f in files)
        image = f'<img src="{html.escape(shown.name)}" alt="{html.escape(title)}">\n' if shown else ""
        parts.append(f"<figure>\n{image}<figcaption>{html.escape(caption)}\n{links}</figcaption>\n</figure>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def write(numbers: list[str], out: Path, formats: list[str], dpi: int, lang: str, lessons: dict[str, str],
          index: bool = False, log=print) -> list[Path]:
    """Draw each chart, write its files and caption, and say where; returns every file written."""
    from tutor.charts import chart
    from tutor.charts.figures import build, drawing, save

    written, entries = [], []
    with drawing(lang):
        for number in numbers:
            fig, caption = build(number, lesson=lessons.get(number, ""))
            stem = out / chart(number).STEM
            files = save(fig, stem, formats, dpi)
            text = stem.with_suffix(".txt")
            text.write_text(caption, encoding="utf-8")
            entries.append((caption.splitlines()[0], caption, [*files, text]))
            for path in [*files, text]:
                log(f"  {path.name:<34} {_size(path):>8}")
            written += [*files, text]
        if index:
            page = out / "index.html"
            page.write_text(index_page(entries, lang), encoding="utf-8")
            log(f"  {page.name:<34} {_size(page):>8}")
            written.append(page)
    return written


def run(args: argparse.Namespace, lang: str) -> int:
    with using(lang):
        try:
            return _run(args, lang)
        except ChartsError as exc:
            print(f"dltutor: {exc}", file=sys.stderr)
            return 2


def _run(args: argparse.Namespace, lang: str) -> int:
    try:
        import matplotlib  # noqa: F401 - only to know it is there
    except ImportError:
        raise ChartsError(t("dltutor charts needs matplotlib, which is not installed; "
                            "install it with: pip install 'dltutor[charts]'")) from None
    from tutor.charts.fonts import NoCJKFont, require_cjk_font
    from tutor.charts.lessons import home_lessons

    formats = _formats(args.format)
    if lang == "zh":
        try:
            require_cjk_font()          # before anything is written
        except NoCJKFont as exc:
            raise ChartsError(str(exc)) from None
    if not 30 <= args.dpi <= 1200:
        raise ChartsError(t("--dpi must be between 30 and 1200, got {dpi}", dpi=args.dpi))
    if args.lesson:
        numbers, number = _lesson_charts(args.lesson, lang)
        lessons = {n: number for n in numbers}
    else:
        numbers = LECTURE_ORDER if args.all else (_only(args.only) if args.only else NUMBERS)
        lessons = home_lessons(lang)
    out = Path(args.out).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".dltutor-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ChartsError(t("cannot write the charts to {path}: {reason}", path=str(out), reason=reason)) from None
    print(t("Writing {n} charts to {path}", n=len(numbers), path=str(out.resolve())))
    try:
        written = write(list(numbers), out, formats, args.dpi, lang, lessons, index=args.all)
    except NoCJKFont as exc:
        raise ChartsError(str(exc)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ChartsError(t("cannot write the charts to {path}: {reason}", path=str(out), reason=reason)) from None
    print(t("Done: {n} files in {path}. Every number in them was computed by the dltutor engine.",
            n=len(written), path=str(out.resolve())))
    return 0
