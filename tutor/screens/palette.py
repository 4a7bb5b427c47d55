"""ctrl+p: jump to any lesson or lab, or to a page by its words, from anywhere
(a command-palette provider); on a lesson page, first to the lessons it refers to.
A search nothing answers says so in the student's language."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.locale import t


class JumpCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        from tutor.screens.standing import numbering

        lessons = app.lessons
        numbers = numbering(lessons)
        commands = []
        # The lessons the page it was opened on refers to ([[id]]) come first.
        references = getattr(self.screen, "references", None)
        for lesson_id, text in references() if callable(references) else ():
            commands.append((t("See also: {lesson}", lesson=text), t("A lesson this page refers to"),
                             partial(app.open_lesson, lesson_id)))
        for lesson in lessons:
            commands.append((t("Lesson: {title}", title=f"{numbers[lesson.id]} {lesson.title}"),
                             t("Open this lesson"), partial(app.open_lesson, lesson)))
        try:
            from tutor.labs import lab_names

            names = lab_names()
        except Exception:   # labs are optional; the palette still lists lessons
            names = []
        for name in names:
            commands.append((t("Lab: {name}", name=name), t("Open this lab with its default settings"),
                             partial(app.open_lab, name, ())))
        return commands

    async def discover(self) -> Hits:
        for text, help_text, callback in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        any_hit = False
        for text, help_text, callback in self._commands():
            score = matcher.match(text)
            if score > 0:
                any_hit = True
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
        for hit in self._pages(query):
            any_hit = True
            yield hit
        if not any_hit and query.strip():
            yield Hit(0.01, t("No matches for “{query}” in the lessons.", query=query.strip()), _nothing,
                      help=t("Try another word, or a shorter one."))

    def _pages(self, query: str) -> list[Hit]:
        """Pages that hold the words, under the titles (a lower score)."""
        from tutor.content.search import find
        from tutor.screens.standing import numbering

        app = self.app
        numbers = numbering(app.lessons)
        hits = []
        for rank, found in enumerate(find(app.lessons, query)):
            lesson = found.lesson
            text = t("{lesson} · page {page}: {snippet}", lesson=f"{numbers[lesson.id]} {lesson.title}",
                     page=found.page + 1, snippet=found.snippet)
            hits.append(Hit(0.5 / (1 + rank), text, partial(app.open_lesson, lesson, found.page),
                            help=t("Open this page")))
        return hits


def _nothing() -> None:
    """Choosing the "no matches" line does nothing: the palette closes."""
