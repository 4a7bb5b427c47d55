"""A lab: the Stepper on the left, the lab's own panels (plots, heatmaps) on
the right — stacked when the terminal is narrow.

A lab that cannot be built (unknown name, bad parameter, a bug) shows a
one-line notice here instead of a traceback.
"""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from tutor.locale import N_, t, translated
from tutor.screens.base import TutorScreen
from tutor.screens.lab_header import settings_text
from tutor.widgets.keybar import KeyBar
from tutor.widgets.lab_panel import LabPanel


def _reason(exc: BaseException) -> str:
    from tutor.labs import LabError

    if isinstance(exc, LabError):
        return str(exc)
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


class LabScreen(TutorScreen):
    HELP_GROUP = "lab"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("c", "code", N_("Code"), tooltip=N_("the engine's code for this step, beside it")),
        Binding("q,escape", "leave", N_("Back")),
        Binding("e", "settings", N_("Settings"), tooltip=N_("change the lab's settings (restarts it)")),
        Binding("p", "picture", N_("Picture"),
                tooltip=N_("save the picture at this step as PNG and SVG (asks for the folder)")),
    ]

    def __init__(self, name: str, args: tuple[str, ...] = (), *, make_run=None, panels=None,
                 title: str | None = None) -> None:
        """Open lab `name` with `args`; tests may pass `make_run`/`panels` directly."""
        super().__init__()
        self.lab_name = name
        self.lab_args = tuple(args)
        self.lab = None
        self.error = ""
        self.make_run = make_run
        self.panel_widgets = list(panels or [])
        self.title_text = title or name
        self.step_wanted: int | None = None     # the teacher's step, once the stepper is there
        if make_run is None:
            self._build()

    def _build(self) -> None:
        try:
            from tutor.labs import get_lab

            self.lab = get_lab(self.lab_name).from_tokens(list(self.lab_args))
            self.make_run = self.lab.run
            self.title_text = translated(self.lab.title)
        except Exception as exc:
            self.error = t("The lab {name} cannot be opened: {reason}", name=repr(self.lab_name), reason=_reason(exc))
            return
        try:
            from tutor.labs import panels_for

            self.panel_widgets = panels_for(self.lab)
        except Exception as exc:   # the stepper still works without the panels
            from tutor.widgets.guard import panel_failed

            panel_failed(self.lab, exc)
            self.panel_widgets = []
            self.error_panels = _reason(exc)

    def compose(self):
        from tutor.widgets.code_panel import CodePanel
        from tutor.widgets.notice import Notice
        from tutor.widgets.stepper import Stepper
        from tutor.widgets.steptrace import StepTrace

        yield Static(self.header(), id="lab-title", markup=False)
        if self.error:
            yield Notice(self.error, id="lab-error")
        else:
            with Horizontal(id="lab-body"):
                trace = StepTrace(enabled=False)       # follows the code only while the panel is open
                code = CodePanel(trace, id="code-panel")
                code.display = False
                yield Stepper(self.make_run, [*self.panel_widgets, code], trace=trace, id="stepper")
                yield code
                # Only widgets are drawn; other objects with show() still hear every step.
                visible = [p for p in self.panel_widgets if isinstance(p, Widget)]
                if visible:
                    with Vertical(id="lab-panels"):
                        yield from visible
        yield KeyBar()

    def go_to_step(self, step: int) -> None:
        """The class follows its teacher to `step` (tutor/screens/follow.py)."""
        found = self.query("#stepper")
        if found and self.is_mounted:
            found.first().go_to(step)
        else:
            self.step_wanted = step

    @property
    def step(self) -> int:
        """The step shown (-1: none yet), as live teaching publishes it."""
        found = self.query("#stepper") if self.is_mounted else []
        return found.first().cursor if found else -1

    def action_code(self) -> None:
        """`c`: the engine code of the current step in place of the lab's panels, and back."""
        from tutor.widgets.code_panel import CodePanel

        found = self.query(CodePanel)
        if not found:
            return
        code = found.first()
        code.display = not code.display
        code.trace.enabled = code.display
        for panels in self.query("#lab-panels"):
            panels.display = not code.display
        if code.display:
            code.redraw()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "settings":
            return self.lab is not None and bool(type(self.lab).params)
        if action == "picture":
            return not self.error and any(isinstance(p, Widget) for p in self.panel_widgets)
        return True

    def action_picture(self) -> None:
        """`p`: what the panels show now, saved as PNG and SVG where the student says (tutor/screens/picture.py)."""
        from tutor.locale import language
        from tutor.screens.picture import PictureFolderScreen, chosen_folder, default_folder, missing_matplotlib, save
        from tutor.widgets.picture import snapshot

        missing = missing_matplotlib()
        if missing:
            self.app.notify(missing, severity="error", timeout=10)
            return
        parts = snapshot(self.panel_widgets)        # now, before the run moves on
        if not parts:
            self.app.notify(t("Nothing is drawn yet: take a step first."), severity="warning")
            return
        step = max(self.step, 0)
        stem = f"{self.lab_name}-step{step}"
        title = t("{lab} · step {step}", lab=self.title_text, step=step)
        lang = language()

        def chosen(folder: str | None) -> None:
            if folder is None:
                return
            where, problem = chosen_folder(self.app, folder)
            if where is None:
                self.app.notify(problem, severity="error", timeout=10)
                return
            written, problem = save(parts, where, stem, title, lang)
            if problem:
                self.app.notify(problem, severity="error", timeout=10)
            else:
                self.app.notify(t("Picture saved: {files} in {folder}",
                                  files=", ".join(p.name for p in written),
                                  folder=str(written[0].parent.resolve())), timeout=10)

        self.app.push_screen(PictureFolderScreen(default_folder(self.app)), chosen)

    def action_settings(self) -> None:
        from tutor.screens.lab_settings import LabSettingsScreen

        self.app.push_screen(LabSettingsScreen(type(self.lab), self.lab.values), self._restart)

    def _restart(self, tokens: tuple[str, ...] | None) -> None:
        """The form's answer: the lab again with the settings in force (None: unchanged)."""
        if tokens is not None:
            self.app.switch_screen(LabScreen(self.lab_name, tokens))

    def action_leave(self) -> None:
        """Back where the student came from: the lesson, or the shell for `dltutor lab NAME`."""
        if len(self.app.screen_stack) <= 2 and self.app.start_lab and self.app.start_lesson is None:
            self.app.exit()
        else:
            self.app.pop_screen()

    def header(self) -> str:
        spec = settings_text(self.lab, self.lab_args) if self.lab is not None else " ".join(
            (self.lab_name,) + self.lab_args)
        return f"{self.title_text}   ({spec})"

    def settings_changed(self) -> None:
        """The header shows the lab's settings in force."""
        if self.is_mounted:
            self.query_one("#lab-title", Static).update(self.header())

    def on_stepper_running_changed(self, message) -> None:
        """Attributes down: a panel that trains in the background while the stepper runs (the
        playground's) has a `running` attribute, and hears it here."""
        message.stop()
        for panel in self.panel_widgets:
            if isinstance(panel, LabPanel):
                panel.running = message.running

    def on_lab_panel_settings_changed(self, message) -> None:
        """A panel's key changed the lab's settings (tutor/widgets/lab_panel.py): run it again."""
        message.stop()
        for stepper in self.query("#stepper"):
            stepper.action_reset()
        self.settings_changed()

    _told = False

    def _panel_failed(self, widget, exc: Exception) -> None:
        if not self._told:   # once per lab screen, not once per frame
            self._told = True
            self.app.notify(t("A panel could not draw: {reason}", reason=_reason(exc)), severity="error", timeout=8)

    def on_mount(self) -> None:
        if self.error:
            self.app.notify(self.error, severity="error", timeout=8)
            return
        if getattr(self, "error_panels", ""):
            self.app.notify(t("A panel could not draw: {reason}", reason=self.error_panels), severity="warning")
        from tutor.widgets.guard import guard_rendering

        for panel in self.query("#lab-panels > *"):
            guard_rendering(panel, self._panel_failed)
        stepper = self.query_one("#stepper")
        stepper.focus()
        if self.step_wanted is not None:
            stepper.go_to(self.step_wanted)
        if self.lab is not None:
            self.app.save("lab_opened", self.lab_name)
