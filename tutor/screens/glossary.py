"""g, from any screen: the glossary of symbols and terms, filtered as you type; Enter on an
entry opens the lesson that teaches it.  Also searchable from the palette (ctrl+p)."""
from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tutor.locale import N_, language, t
from tutor.screens.base import TutorScreen
from tutor.widgets.keybar import KeyBar


def entry_text(entry, where: str) -> Text:
    text = Text()
    if entry.symbol:
        text.append(f"{entry.symbol}  ", style="bold")
    text.append(entry.term, style="bold")
    text.append(f" — {entry.says}\n")
    text.append("   " + t("Taught in {lesson}", lesson=where), style="dim")
    return text


class GlossaryScreen(TutorScreen):
    HELP_GROUP = "everywhere"
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query

    def compose(self):
        yield Static(t("Glossary"), id="glossary-title")
        yield Input(self.query_text, placeholder=t("Type to filter: a symbol or a word"), id="glossary-filter")
        yield OptionList(id="glossary-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fill(self.query_text)
        self.query_one("#glossary-filter", Input).focus()

    def fill(self, query: str) -> None:
        from tutor.glossary import entries, search
        from tutor.screens.standing import numbering

        app = self.app
        numbers = numbering(app.lessons)
        shown = search(language(), query) if query.strip() else entries(language())
        box = self.query_one("#glossary-list", OptionList)
        box.clear_options()
        for index, entry in enumerate(shown):
            lesson = app.lesson_by_id(entry.lesson)
            where = f"{numbers.get(entry.lesson, '')} {lesson.title}" if lesson is not None else entry.lesson
            box.add_option(Option(entry_text(entry, where), id=f"{index}:{entry.lesson}:{entry.find}"))
        if not shown:
            box.add_option(Option(t("No matches for “{query}” in the glossary.", query=query.strip()), disabled=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        box = self.query_one("#glossary-list", OptionList)
        box.focus()
        if box.option_count and box.highlighted is None:
            box.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        _, lesson_id, find = (event.option.id or "::").split(":", 2)
        lesson = self.app.lesson_by_id(lesson_id)
        if lesson is None:
            return
        page = first_page(lesson, find)
        self.app.pop_screen()
        self.app.open_lesson(lesson, page)


def first_page(lesson, find: str) -> int:
    """The first page of `lesson` that holds `find` (0 when none does)."""
    for number, page in enumerate(lesson.pages):
        if any(find in block.text for block in page.blocks):
            return number
    return 0


class GlossaryCommands(Provider):
    """The palette finds glossary entries too: choosing one opens the glossary at it."""

    async def search(self, query: str) -> Hits:
        from tutor.glossary import search

        app = self.app
        matcher = self.matcher(query)
        for entry in search(language(), query)[:10]:
            label = f"{entry.symbol} {entry.term}".strip()
            text = t("Glossary: {entry}", entry=label)
            # Textual's fuzzy scores have no upper bound (a lesson title scores 8-20 on a few letters):
            # an entry is scored as the palette scores lessons, a shade below a lesson that scores the same.
            score = max(matcher.match(text), 0.6) * 0.95
            yield Hit(score, text,
                      partial(app.push_screen, GlossaryScreen(entry.term)), help=entry.says)
