"""The keys that apply, on the bottom line: one widget, redrawn only when they change.

Textual's Footer builds a widget per key and rebuilds them all whenever the
bindings change (every screen switch and focus move).  Measured here it was
close to half the CPU of opening a lesson, paging once and going back
(207 ms against 117 ms per round without it): with thirty students on one
classroom server that decides how fast a key answers.  This bar draws the
same keys as one line of text, keeps them clickable (a click presses the
key), and puts the command palette's key on the right as the Footer did.

When the keys do not fit (80 columns, or Chinese labels), the way out of the
screen and help always stay: the palette goes first, then the other keys from
the end, replaced by "…" (help lists them all).
"""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from tutor.widgets.sized import sized_by_layout

# Actions that leave the screen or explain it: never collapsed.
ESSENTIAL = frozenset({"app.pop_screen", "pop_screen", "app.quit", "quit", "help", "app.help", "leave",
                       "leave_box"})


class KeyBar(Widget, can_focus=False):
    virtual_size = sized_by_layout()   # one line, never scrolls: no second layout (widgets/sized.py)
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
        self.essential: set[str] = set()                     # keys of the items that never collapse
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
        items, seen, palette, essential = [], set(), None, set()
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
            item = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            if key == palette_key:
                palette = item
            elif binding.show and binding.action not in seen:   # "space,right": one entry per action
                seen.add(binding.action)
                items.append(item)
                if binding.action in ESSENTIAL:
                    essential.add(binding.key)
        if (items, palette, essential) != (self.items, self.palette, self.essential):   # redraw only what changed
            self.items, self.palette, self.essential = items, palette, essential
            self.refresh()

    def fitting(self, width: int) -> tuple[list, bool, bool]:
        """(the items shown, whether some collapsed, whether the palette's key shows) in `width` cells."""
        cells = [cell_len(f" {shown} {description} " if description else f" {shown} ")
                 for _key, shown, description, _ in self.items]
        palette = cell_len(f" ▏ {self.palette[1]} {self.palette[2]} ") if self.palette else 0
        if sum(cells) + palette <= width:
            return list(self.items), False, self.palette is not None
        if sum(cells) <= width:
            return list(self.items), False, False
        keep = [item[0] in self.essential for item in self.items]
        room = width - sum(c for c, k in zip(cells, keep) if k) - cell_len(" … ")
        for index, cell in enumerate(cells):
            if not keep[index] and cell <= room:
                keep[index], room = True, room - cell
            elif not keep[index]:
                break                                        # keep the order: nothing after a gap
        return [item for item, k in zip(self.items, keep) if k], True, False

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

        shown, collapsed, with_palette = self.fitting(self.size.width)
        leaving = [item for item in shown if item[0] in self.essential] if collapsed else []
        for item in shown:
            if item not in leaving:
                add(item)
        if collapsed:
            line.append(" … ", "dim")
        for item in leaving:                                 # collapsed: the way out and help at the end
            add(item)
        if with_palette:
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
