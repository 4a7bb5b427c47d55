"""The keys that apply, on the bottom line: one widget, redrawn only when they change.

Textual's Footer builds a widget per key and rebuilds them all whenever the
bindings change (every screen switch and focus move).  Measured here it was
close to half the CPU of opening a lesson, paging once and going back
(207 ms against 117 ms per round without it): with thirty students on one
classroom server that decides how fast a key answers.  This bar draws the
same keys as one line of text, keeps them clickable (a click presses the
key), and puts the command palette's key on the right as the Footer did.
"""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget


class KeyBar(Widget, can_focus=False):
    COMPONENT_CLASSES = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .keybar--description { color: $footer-description-foreground; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.items: list[tuple[str, str, str, bool]] = []   # (key, shown as, description, enabled)
        self.palette: tuple[str, str, str, bool] | None = None
        self.spans: list[tuple[int, int, str]] = []          # (from cell, to cell, key) for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        items, seen, palette = [], set(), None
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
            item = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            if key == palette_key:
                palette = item
            elif binding.show and binding.action not in seen:   # "space,right": one entry per action
                seen.add(binding.action)
                items.append(item)
        if (items, palette) != (self.items, self.palette):     # redraw only what changed
            self.items, self.palette = items, palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        line, spans = Text(no_wrap=True, overflow="ellipsis"), []

        def add(item) -> None:
            key, shown, description, enabled = item
            start = line.cell_len
            line.append(f" {shown} ", key_style if enabled else "dim")
            line.append(f"{description} " if description else "", text_style if enabled else "dim")
            spans.append((start, line.cell_len, key))

        for item in self.items:
            add(item)
        if self.palette is not None:
            _, shown, description, _ = self.palette
            gap = self.size.width - line.cell_len - cell_len(f"▏ {shown} {description} ")
            line.append(" " * max(1, gap) + "▏", "dim")
            add(self.palette)
        self.spans = spans
        return line

    def on_click(self, event) -> None:
        for start, end, key in self.spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
