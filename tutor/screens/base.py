"""The screen every screen of the app (and the teacher's dashboard) is built on.

Key labels are English message ids, marked with N_ where the bindings are
declared (a screen, a widget such as the stepper or a quiz, the app, a lab
panel's KEYS).  Textual's `Screen.active_bindings` is the public list of the
keys that apply right now, and what the footer (Textual's Footer, our KeyBar,
the key panel) reads: translating it here puts every label shown in the
student's language, whichever part declared the key, and follows a change of
language at once (call `refresh_bindings()` to redraw).
"""
from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.binding import ActiveBinding
from textual.screen import Screen

from tutor.locale import N_, translated

# Textual's own key labels that reach our footer (the command palette's key).
TEXTUAL_LABELS = (N_("palette"),)


def translated_binding(active: ActiveBinding) -> ActiveBinding:
    """The same key with its label in the student's language."""
    binding = active.binding
    if not binding.description:
        return active
    description = translated(binding.description)
    if description == binding.description:
        return active
    return active._replace(binding=replace(binding, description=description))


class TutorScreen(Screen):
    # Which group of the help screen's key table is this screen's (shown first by `?`).
    HELP_GROUP: ClassVar[str | None] = None

    def on_mount(self) -> None:
        # Textual runs this after a subclass's own on_mount: a live class's banner on every screen.
        banner = getattr(self.app, "teach_banner", None)
        if banner is not None and banner[0]:
            from tutor.widgets.teach_banner import TeachBanner

            if not self.query(TeachBanner):        # teach_banner.show() may have been first
                self.mount(TeachBanner(*banner))

    def on_unmount(self) -> None:
        from tutor.widgets.release import release_drawing_caches

        release_drawing_caches()    # this screen's widgets are gone: let their drawing go too

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return {key: translated_binding(active) for key, active in super().active_bindings.items()}
