"""ctrl+p: jump to any lesson or lab from anywhere (a command-palette provider)."""
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
        for text, help_text, callback in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
