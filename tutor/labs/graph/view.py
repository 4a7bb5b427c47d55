"""The graph lab's panel: the computational graph as a tree from the output down to the inputs,
each node with its operation, its value once the forward pass reached it and its gradient once
the backward pass did; the current node highlighted; at the end each input's gradient beside
its finite difference (imported only by tutor.labs.panels_for())."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from rich.tree import Tree
from textual.containers import VerticalScroll
from textual.widgets import Static

from engine.autodiff import expression
from engine.events import fmt
from tutor.labs.graph.payload import BackwardValues, ForwardValues, GradientsValues, step_values
from tutor.locale import t

MAX_SHOWN = 200        # tree lines drawn; a huge formula is cut


class GraphPanel(VerticalScroll):
    DEFAULT_CSS = """
    GraphPanel { height: 1fr; padding: 0 1; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab
        self.values: dict[str, float] = {}
        self.grads: dict[str, float] = {}
        self.current = ""
        self.end: GradientsValues | None = None

    def compose(self):
        yield Static("", id="graph-tree")

    def on_mount(self) -> None:
        self.redraw()

    def reset(self) -> None:
        self.values, self.grads, self.current, self.end = {}, {}, "", None
        self.redraw()

    def show(self, event, history) -> None:
        self.values, self.grads, self.end = {}, {}, None
        for v in map(step_values, history):
            if isinstance(v, ForwardValues):
                self.values[v.name] = v.value
            elif isinstance(v, BackwardValues):
                self.grads[v.name] = v.grad
            elif isinstance(v, GradientsValues):
                self.end = v
        now = step_values(event)
        self.current = now.name if isinstance(now, (ForwardValues, BackwardValues)) else ""
        self.redraw()

    def line(self, node) -> Text:
        text = Text()
        style = "bold reverse" if node.name == self.current else "bold"
        text.append(node.name, style=style)
        text.append(f" = {expression(node)}" if node.op else "  " + t("input"), style="dim")
        if node.name in self.values:
            text.append("   " + t("value {value}", value=fmt(self.values[node.name])), style="cyan")
        if node.name in self.grads:
            text.append("   " + t("gradient {grad}", grad=fmt(self.grads[node.name])), style="magenta")
        return text

    def tree(self) -> Tree:
        nodes = self.lab.nodes
        root = nodes[-1]
        top = Tree(self.line(root), guide_style="dim")
        drawn = {id(root)}
        count = 1
        stack = [(top, root)]
        while stack:
            branch, node = stack.pop()
            for inp in node.inputs:
                if inp.op == "const":
                    continue
                count += 1
                if count > MAX_SHOWN:
                    return top
                if id(inp) in drawn:     # a node used again: drawn once, named here
                    branch.add(Text(t("{name} (used again, see above)", name=inp.name), style="dim"))
                    continue
                drawn.add(id(inp))
                child = branch.add(self.line(inp))
                stack.append((child, inp))
        return top

    def redraw(self) -> None:
        if self.children:
            self.query_one("#graph-tree", Static).update(self.view())

    def view(self) -> Group:
        parts = [Text(t("The graph, from the output down to the inputs"), style="bold"), self.tree()]
        if self.end is not None:
            grads, numeric = self.end.grads, self.end.numeric
            parts.append(Text(""))
            for name in grads:
                agree = abs(grads[name] - numeric[name]) <= 1e-4 * max(1.0, abs(numeric[name]))
                parts.append(Text(t("∂f/∂{name} = {grad}   finite differences {numeric}  {mark}", name=name,
                                    grad=fmt(grads[name]), numeric=fmt(numeric[name]),
                                    mark="✓" if agree else "✗")))
        return Group(*parts)


def panels(lab) -> list:
    return [GraphPanel(lab, id="graph-panel")]
