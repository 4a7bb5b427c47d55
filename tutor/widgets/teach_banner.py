"""One line at the top of every screen while a class is taught live (tutor/screens/follow.py,
tutor/teach.py): where the teacher is, or that the teacher has stopped.  Hidden when empty."""
from __future__ import annotations

from textual.widgets import Static


class TeachBanner(Static):
    DEFAULT_CSS = """
    TeachBanner { dock: top; height: 1; padding: 0 1; background: $accent; color: $text; text-style: bold; }
    TeachBanner.-off { background: $panel; color: $text-muted; }
    TeachBanner.-empty { display: none; }
    """

    def __init__(self, text: str = "", off: bool = False) -> None:
        super().__init__("", markup=False, id="teach-banner")
        self.say(text, off)

    def say(self, text: str, off: bool = False) -> None:
        self.update(text)
        self.set_class(not text, "-empty")
        self.set_class(off, "-off")


def show(app, text: str, off: bool = False) -> None:
    """Say `text` on every screen of `app` (and on screens opened later: TutorScreen.on_mount)."""
    app.teach_banner = (text, off)
    for screen in list(app.screen_stack):
        found = screen.query(TeachBanner)
        if found:
            found.first().say(text, off)
        elif text and screen.is_running:
            # Running, not necessarily mounted yet: a screen between its on_mount (which mounts
            # the banner it finds in app.teach_banner) and the end of its mounting got none.
            screen.mount(TeachBanner(text, off))
