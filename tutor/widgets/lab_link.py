"""A lab block inside a lesson page: one line that opens the lab screen."""
from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from tutor.locale import N_
from tutor.widgets.sized import sized_by_layout


class LabLink(Static, can_focus=True):
    """Enter (or a click) asks the lesson screen to open `name` with `args`."""

    virtual_size = sized_by_layout()   # no second layout on a page turn (widgets/sized.py)

    BINDINGS = [Binding("enter", "open", N_("Open lab"))]
    DEFAULT_CSS = """
    LabLink {
        height: auto;
        margin: 1 0;
        padding: 0 1;
        background: $accent 20%;
        border-left: outer $accent;
        text-style: bold;
    }
    LabLink:focus { background: $accent 40%; }
    """

    class Open(Message):
        def __init__(self, lab_name: str, args: tuple[str, ...]) -> None:
            super().__init__()
            self.lab_name = lab_name
            self.args = args

    def __init__(self, name: str, args: tuple[str, ...], text: str, **kwargs) -> None:
        super().__init__(text, markup=False, **kwargs)
        self.lab_name = name
        self.lab_args = tuple(args)

    def action_open(self) -> None:
        self.post_message(self.Open(self.lab_name, self.lab_args))

    def on_click(self) -> None:
        self.action_open()
