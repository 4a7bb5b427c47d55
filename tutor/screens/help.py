"""`?`: the keys of the screen you are on, then the keys that work everywhere.

The keys are read from the screen's own bindings — the screen's, its widgets'
(a lab's stepper and the keys its panels add, a panel's own BINDINGS) and the
app's — so a key the footer shows is never missing here.  A binding's
`tooltip` is its longer description; the footer shows the short one.  The few
keys that are not bindings of ours (a list's arrows, a quiz's digits) are
listed in EXTRA.
"""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from tutor.locale import N_, t, translated
from tutor.screens.base import TutorScreen

HEADINGS = {
    "home": N_("Home"), "lesson": N_("Lesson"), "lab": N_("Lab"), "quiz": N_("Quiz (inside a lesson page)"),
    "progress": N_("Progress"), "exercises": N_("Exercises"), "everywhere": N_("Everywhere"),
}
LIST_KEYS = ("↑ ↓", N_("move through the list"))
# Keys that are not bindings declared by dltutor: (keys, what), by help group.
EXTRA: dict[str, tuple[tuple[str, str], ...]] = {
    "home": (LIST_KEYS, ("enter", N_("open it"))),
    "progress": (LIST_KEYS, ("enter", N_("review that lesson's quiz (m there: retake the questions missed)"))),
    "exercises": (LIST_KEYS,),
    "quiz": (("tab", N_("into the quiz, and between its parts")), ("1-9", N_("pick an option")),
             ("enter", N_("submit; again for the next question")),
             ("escape", N_("leave the quiz (page keys work again)"))),
    "everywhere": (("q", N_("back (quit on the home screen)")), ("ctrl+p", N_("jump to any lesson or lab")),
                   ("tab", N_("move between parts of the screen"))),
}
# Groups shown with a screen's own: a lesson page may hold a quiz.
ALSO = {"lesson": ("quiz",)}


def binding_rows(nodes, app, active_only: bool = False) -> list[tuple[str, str]]:
    """(keys as the footer shows them, what they do) for every described binding of `nodes`,
    one row per action ("q,escape" is two bindings in Textual's map: one row "q esc")."""
    keys: dict[tuple[int, str], list[str]] = {}
    what: dict[tuple[int, str], str] = {}
    for node in nodes:
        ours = _declared(type(node))
        for bindings in node._bindings.key_to_bindings.values():
            for binding in bindings:
                text = binding.tooltip or binding.description
                if not text or not (binding.show or binding.tooltip):
                    continue
                if (binding.key, binding.action) not in ours and not binding.action.startswith("panel_key("):
                    continue      # Textual's own (^q, a list's arrows): in English, and not ours to explain
                if active_only and node.check_action(binding.action, ()) is False:
                    continue      # the app's f (follow) only while a teacher teaches
                where = (id(node), binding.action)
                shown = binding.key_display or app.get_key_display(binding)
                if shown not in keys.setdefault(where, []):
                    keys[where].append(shown)
                what.setdefault(where, translated(text))
    rows: list[tuple[str, str]] = []
    for where, shown in keys.items():
        row = (" ".join(shown), what[where])
        if row not in rows:
            rows.append(row)
    return rows


def _declared(cls) -> set[tuple[str, str]]:
    """(key, action) of each binding dltutor's classes declare (a stepper's panel keys are bound
    at run time: panel_key)."""
    found = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("tutor."):
            for binding in klass.__dict__.get("BINDINGS", ()):
                key, action = (binding.key, binding.action) if isinstance(binding, Binding) else binding[:2]
                found.update((one, action) for one in key.split(","))
    return found


def screen_rows(screen) -> list[tuple[str, str]]:
    """The keys of `screen` itself and of the widgets dltutor put on it (not Textual's own)."""
    nodes = [screen] + [w for w in screen.query("*") if type(w).__module__.startswith("tutor.")]
    return binding_rows(nodes, screen.app)


def _section(text: Text, heading: str, rows, width: int) -> None:
    text.append(heading, style="bold underline")
    text.append("\n")
    for keys, what in rows:
        text.append("  " + keys + " " * max(1, width - cell_len(keys)), style="bold")
        text.append(what + "\n")
    text.append("\n")


def key_table(group: str | None, rows, general) -> Text:
    """This screen's keys (its bindings, then its EXTRA rows and those of ALSO's groups), then everywhere's.

    Plain lines, no box: borders next to keys like ← → would be misdrawn in
    terminals that draw arrows two cells wide.
    """
    sections = []
    if group in HEADINGS and group != "everywhere":
        sections.append((translated(HEADINGS[group]), list(rows) + _extra(group)))
        sections += [(translated(HEADINGS[g]), _extra(g)) for g in ALSO.get(group, ())]
    elif rows:
        sections.append((t("This screen"), list(rows)))
    sections.append((translated(HEADINGS["everywhere"]), list(general) + _extra("everywhere")))
    width = max(cell_len(keys) for _, found in sections for keys, _ in found) + 4
    text = Text()
    for heading, found in sections:
        _section(text, heading, found, width)
    text.rstrip()
    return text


def _extra(group: str) -> list[tuple[str, str]]:
    return [(keys, translated(what)) for keys, what in EXTRA.get(group, ())]


class HelpScreen(TutorScreen):
    BINDINGS = [Binding("q,escape,question_mark", "app.pop_screen", N_("Close"))]

    def __init__(self, screen=None) -> None:
        """Help for `screen` (the one `?` was pressed on), read now: its widgets are mounted."""
        super().__init__()
        self.group = getattr(screen, "HELP_GROUP", None)
        self.rows = screen_rows(screen) if screen is not None else []

    def compose(self):
        general = binding_rows([self.app], self.app, active_only=True)
        yield Static(t("Keys"), id="help-title")
        with VerticalScroll(id="help-body"):
            yield Static(key_table(self.group, self.rows, general), id="help-keys")
        yield Footer()
