"""e in a lab: a form of the lab's settings (name, value in force, what it means, what is
allowed).  Enter checks every value as the command line does (the lab's own Param
parsing, `Lab.from_tokens`) and restarts the lab with them; a mistake is shown in the
form, which stays open.  Escape leaves the lab as it was."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tutor.locale import N_, t, translated


def shown(value) -> str:
    """A value as a student would type it on the command line."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return str(value)


def allowed(param) -> str:
    if param.choices:
        return t("one of {choices}", choices=", ".join(map(str, param.choices)))
    if param.kind is bool:
        return t("0 or 1")
    if param.low is not None and param.high is not None:
        kind = t("a whole number") if param.kind is int else t("a number")
        return t("{kind} from {low:g} to {high:g}", kind=kind, low=param.low, high=param.high)
    return t("text") if param.kind is str else t("a number")


class LabSettingsScreen(ModalScreen[tuple[str, ...] | None]):
    DEFAULT_CSS = """
    LabSettingsScreen { align: center middle; }
    LabSettingsScreen > Vertical { width: 90%; max-width: 100; height: 90%; padding: 0 2;
                                   border: thick $accent; background: $surface; }
    LabSettingsScreen VerticalScroll { height: 1fr; }
    LabSettingsScreen .setting-about { color: $text-muted; margin: 1 0 0 0; }
    LabSettingsScreen #settings-error { color: $text-error; height: auto; }
    LabSettingsScreen #settings-keys { color: $text-muted; margin: 1 0 0 0; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, lab_class, values: dict) -> None:
        super().__init__()
        self.lab_class = lab_class
        self.values = dict(values)

    def compose(self):
        with Vertical():
            yield Static(t("Settings of the lab {name}", name=self.lab_class.name), id="settings-title",
                         markup=False)
            yield from self._fields()
            # Below the fields, always on screen: a refusal must be seen without scrolling.
            yield Static("", id="settings-error", markup=False)
            yield Static(t("Tab: next setting · Enter: restart the lab with these · Escape: cancel"),
                         id="settings-keys", markup=False)

    def _fields(self):
        with VerticalScroll():
            for param in self.lab_class.params:
                about = f"{param.name}: {translated(param.help)}  ({allowed(param)}; " \
                        + t("default {value}", value=shown(param.default)) + ")"
                yield Static(about, classes="setting-about", markup=False)
                yield Input(shown(self.values.get(param.name, param.default)), id=f"setting-{param.name}",
                            classes="setting")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def tokens(self) -> tuple[str, ...]:
        """key=value for each setting that differs from its default, in the lab's order."""
        out = []
        for param in self.lab_class.params:
            text = self.query_one(f"#setting-{param.name}", Input).value.strip()
            if text != shown(param.default):
                out.append(f"{param.name}={text}")
        return tuple(out)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        tokens = self.tokens()
        try:
            self.lab_class.from_tokens(list(tokens))     # exactly the command line's check
        except Exception as exc:
            self.query_one("#settings-error", Static).update(str(exc))
            return
        self.dismiss(tokens)

    def action_cancel(self) -> None:
        self.dismiss(None)
