"""LaTeX → the small tree in nodes.py, through pylatexenc's LatexWalker.

pylatexenc gives groups, macros (with their arguments) and environments;
it leaves ^, _, primes and operators inside character runs, so a second
pass here reads those runs one character at a time. Everything unknown
becomes readable text and a line in `problems`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexCommentNode,
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexSpecialsNode,
    LatexWalker,
    get_default_latex_context_db,
)
from pylatexenc.macrospec import EnvironmentSpec, MacroSpec

from . import symbols as S
from .nodes import EMPTY, Accent, Arrow, Atom, Boxed, Fenced, Frac, Node, Row, Scripts, Sqrt, Styled, Table, Under


def _context():
    db = get_default_latex_context_db()
    one = "{"
    macros = [MacroSpec("\\", "")]  # a line break never takes [..] (matrices start rows with [)
    for name in ["boxed", "fbox", "overbrace", "underbrace", "bm", "boldsymbol", "pmb",
                 "mathbfit", "mathscr", "mathfrak", "phantom", "vphantom", "hphantom",
                 "mathop", "widetilde", "mathring", "check", "breve", "acute", "grave",
                 "overleftarrow", "overleftrightarrow"]:
        macros.append(MacroSpec(name, one))
    macros += [MacroSpec("operatorname", "*{"), MacroSpec("tag", "*{"),
               MacroSpec("binom", "{{"), MacroSpec("dfrac", "{{"), MacroSpec("tfrac", "{{"),
               MacroSpec("cfrac", "{{"), MacroSpec("underset", "{{"),
               MacroSpec("overset", "{{"), MacroSpec("stackrel", "{{"),
               MacroSpec("textcolor", "[{{"), MacroSpec("colorbox", "[{{"),
               MacroSpec("xleftarrow", "[{"), MacroSpec("xRightarrow", "[{"),
               MacroSpec("xLeftarrow", "[{"), MacroSpec("xmapsto", "[{")]
    envs = [EnvironmentSpec(name, "", is_math_mode=True)
            for name in list(S.ENV_DELIMS) + sorted(S.ALIGN_ENVS) if name != "array"]
    envs += [EnvironmentSpec("array", "{", is_math_mode=True),
             EnvironmentSpec("alignat", "{", is_math_mode=True),
             EnvironmentSpec("alignat*", "{", is_math_mode=True),
             EnvironmentSpec("alignedat", "{", is_math_mode=True)]
    db.add_context_category("dltutor-math", macros=macros, environments=envs, prepend=True)
    return db


_CONTEXT = _context()
_SPACE_RE = re.compile(r"\s+")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


@lru_cache(maxsize=256)
def rich_color(name: str) -> str | None:
    """A colour name as Rich spells it, or None if Rich knows no such colour."""
    from rich.color import Color, ColorParseError

    key = name.strip().lower().replace(" ", "")
    key = key.split("!")[0]  # xcolor mixes such as red!50: keep the colour
    candidates = [S.COLOR_ALIASES.get(key, key), key, key + "1"]
    for prefix in ("light", "dark", "medium", "deep", "pale", "hot", "sky", "sea"):
        if key.startswith(prefix) and len(key) > len(prefix):
            joined = prefix + "_" + key[len(prefix):]
            candidates += [joined, joined + "1"]
    for cand in candidates:
        try:
            Color.parse(cand)
            return cand
        except ColorParseError:
            continue
    return None


class Parser:
    """One parse: `tree(latex)` returns the tree; `problems` collects what was wrong."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)

    # --- pylatexenc nodes -> flat tokens -------------------------------------------------
    def tree(self, latex: str) -> Node:
        walker = LatexWalker(latex, latex_context=_CONTEXT, tolerant_parsing=True)
        state = walker.make_parsing_state(in_math_mode=True)
        nodes, _, _ = walker.get_latex_nodes(parsing_state=state)
        return self.top(self.tokens(nodes))

    def tokens(self, nodelist) -> list[tuple[str, object]]:
        out: list[tuple[str, object]] = []
        for node in nodelist or []:
            if node is None or isinstance(node, LatexCommentNode):
                continue
            if isinstance(node, LatexCharsNode):
                out.extend(("c", ch) for ch in node.chars)
            elif isinstance(node, LatexSpecialsNode):
                if node.specials_chars == "&":
                    out.append(("amp", None))
                else:
                    out.extend(("c", ch) for ch in node.specials_chars)
            elif isinstance(node, LatexMathNode):
                out.extend(self.tokens(node.nodelist))
            else:
                out.append(("n", node))
        return out

    # --- rows and cells ----------------------------------------------------------------
    def top(self, toks) -> Node:
        """A token list that may hold rows (\\\\) and cells (&)."""
        rows = self.split(toks)
        if len(rows) == 1 and len(rows[0]) == 1:
            return self.row(rows[0][0])
        kind = "aligned" if any(len(r) > 1 for r in rows) else "lines"
        return Table([[self.row(cell) for cell in r] for r in rows], kind)

    @staticmethod
    def split(toks) -> list[list[list]]:
        rows: list[list[list]] = [[[]]]
        for tok in toks:
            if tok[0] == "amp":
                rows[-1].append([])
            elif tok[0] == "n" and isinstance(tok[1], LatexMacroNode) and tok[1].macroname in ("\\", "cr"):
                rows.append([[]])
            else:
                rows[-1][-1].append(tok)

        def blank(row):
            return all(all(k == "c" and str(v).isspace() for k, v in cell) for cell in row)

        while len(rows) > 1 and blank(rows[-1]):  # a trailing \\ makes no empty line
            rows.pop()
        return rows

    def row(self, toks) -> Row:
        items: list[Node] = []
        opens: list[Atom] = []
        i, n = 0, len(toks)
        while i < n:
            kind, val = toks[i]
            i += 1
            if kind == "amp":
                items.append(Atom(" ", S.SPACE, size=1))
            elif kind == "n":
                i = self.node(val, toks, i, items, opens)
            else:
                i = self.char(val, toks, i, items, opens)
        return Row(items)

    @staticmethod
    def _word_gap(toks, i: int) -> bool:
        """A space between two words of two or more letters (text written in math) stays."""
        def letter(k):
            return 0 <= k < len(toks) and toks[k][0] == "c" and toks[k][1].isascii() \
                and toks[k][1].isalpha()
        return letter(i - 2) and letter(i - 3) and letter(i) and letter(i + 1)

    def char(self, ch: str, toks, i: int, items: list, opens: list) -> int:
        if ch.isspace():
            if self._word_gap(toks, i):
                items.append(Atom(" ", S.SPACE, size=1))
            return i
        if ch in "^_":
            arg, i = self.script_arg(toks, i, ch)
            self.attach(items, ch, arg)
            return i
        if ch == "'":
            primes = 1
            while i < len(toks) and toks[i] == ("c", "'"):
                primes, i = primes + 1, i + 1
            last = items[-1] if items else None
            if isinstance(last, Atom) and last.cls in (S.ORD, S.FUNC):  # tanh′(z), f″
                items[-1] = Atom(last.text + "′" * primes, last.cls, last.font, last.size)
            else:
                items.append(Atom("′" * primes))
            return i
        if ch.isdigit() or (ch == "." and i < len(toks) and str(toks[i][1]).isdigit()):
            number = ch
            while i < len(toks) and toks[i][0] == "c" and (toks[i][1].isdigit() or (
                    toks[i][1] == "." and i + 1 < len(toks) and str(toks[i + 1][1]).isdigit())):
                number += toks[i][1]
                i += 1
            items.append(Atom(number))
            return i
        if ch == "~":
            items.append(Atom(" ", S.SPACE, size=1))
            return i
        if ch == ":" and i < len(toks) and toks[i] == ("c", "="):
            items.append(Atom(":=", S.REL))  # := is one relation
            return i + 1
        cls = S.CHAR_CLASS.get(ch)
        if cls == S.OPEN:
            self.open(items, opens, ch)
        elif cls == S.CLOSE:
            self.close(items, opens, ch)
        elif cls is not None:
            items.append(Atom("−" if ch == "-" else ch, cls))
        elif _wide(ch):  # a run of Chinese text stays one word
            word = ch
            while i < len(toks) and toks[i][0] == "c" and _wide(toks[i][1]) \
                    and toks[i][1] not in S.CHAR_CLASS:
                word += toks[i][1]
                i += 1
            items.append(Atom(word))
        else:
            items.append(Atom(ch))
        return i

    @staticmethod
    def open(items: list, opens: list, text: str) -> None:
        atom = Atom(text, S.OPEN)
        items.append(atom)
        opens.append(atom)

    @staticmethod
    def close(items: list, opens: list, text: str) -> None:
        """Pair a closing delimiter with the latest open one: the pair grows with its content."""
        while opens:
            atom = opens.pop()
            for j in range(len(items) - 1, -1, -1):
                if items[j] is atom:
                    body = Row(items[j + 1:])
                    del items[j:]
                    items.append(Fenced(atom.text, body, text, auto=True))
                    return
        items.append(Atom(text, S.CLOSE))

    def script_arg(self, toks, i: int, which: str) -> tuple[Node, int]:
        while i < len(toks) and toks[i][0] == "c" and toks[i][1].isspace():
            i += 1
        if i >= len(toks) or toks[i][0] == "amp":
            self.problem(f"'{which}' has nothing after it")
            return EMPTY, i
        kind, val = toks[i]
        if kind == "n" and isinstance(val, LatexGroupNode):
            return self.top(self.tokens(val.nodelist)), i + 1
        if kind == "c" and val in "^_":
            self.problem(f"'{which}' is followed by '{val}'")
            return EMPTY, i
        return self.row([toks[i]]), i + 1

    def attach(self, items: list, which: str, arg: Node) -> None:
        slot = "sub" if which == "_" else "sup"
        last = items[-1] if items else None
        if isinstance(last, Under) and last.label is None and (slot == "sup") == last.over:
            last.label = arg
            return
        if isinstance(last, Scripts) and getattr(last, slot) is None:
            setattr(last, slot, arg)
            return
        if isinstance(last, Scripts):
            self.problem(f"double {'subscript' if slot == 'sub' else 'superscript'}")
        base = items.pop() if items else Atom("")
        items.append(Scripts(base, **{slot: arg}))

    # --- macros and environments -----------------------------------------------------------
    def arg(self, node) -> Node:
        if node is None:
            return EMPTY
        if isinstance(node, LatexGroupNode):
            return self.top(self.tokens(node.nodelist))
        return self.top(self.tokens([node]))

    def args(self, node, count: int, name: str) -> list:
        argd = getattr(node, "nodeargd", None)
        got = list(argd.argnlist) if argd is not None and argd.argnlist else []
        got += [None] * (count - len(got))
        return got

    def node(self, node, toks, i: int, items: list, opens: list) -> int:
        if isinstance(node, LatexGroupNode):
            items.append(self.top(self.tokens(node.nodelist)))
        elif isinstance(node, LatexEnvironmentNode):
            items.append(self.environment(node))
        elif isinstance(node, LatexMacroNode):
            return self.macro(node, toks, i, items, opens)
        return i

    def delimiter(self, toks, i: int) -> tuple[str, int]:
        """The delimiter after \\left, \\right, \\big…: '' for '.'."""
        while i < len(toks) and toks[i][0] == "c" and toks[i][1].isspace():
            i += 1
        if i >= len(toks):
            self.problem("a \\left or \\right without its delimiter")
            return "", i
        kind, val = toks[i]
        if kind == "c":
            return ("" if val == "." else {"<": "⟨", ">": "⟩"}.get(val, val)), i + 1
        if kind == "n" and isinstance(val, LatexMacroNode) and val.macroname in S.SYMBOLS:
            return S.SYMBOLS[val.macroname][0], i + 1
        self.problem("a \\left or \\right without its delimiter")
        return "", i

    def macro(self, node: LatexMacroNode, toks, i: int, items: list, opens: list) -> int:
        name = node.macroname
        if name in ("\\", "cr") or name in S.IGNORED or name in S.IGNORED_WITH_ARG:
            return i
        if name == "left":
            left, i = self.delimiter(toks, i)
            depth, j = 0, i
            while j < len(toks):
                kind, val = toks[j]
                if kind == "n" and isinstance(val, LatexMacroNode) and val.macroname in ("left", "right"):
                    if val.macroname == "left":
                        depth += 1
                    elif depth == 0:
                        break
                    else:
                        depth -= 1
                j += 1
            body = self.row(toks[i:j])
            if j >= len(toks):
                self.problem("\\left without a matching \\right")
                items.append(Fenced(left, body, ""))
                return j
            right, j = self.delimiter(toks, j + 1)
            items.append(Fenced(left, body, right))
            return j
        if name == "right":
            self.problem("\\right without a matching \\left")
            right, i = self.delimiter(toks, i)
            self.close(items, opens, right)
            return i
        if name in S.BIG_DELIMS:
            delim, i = self.delimiter(toks, i)
            if name.endswith("l") or (delim in S.OPENERS and not name.endswith("r")):
                self.open(items, opens, delim)
            elif name.endswith("r") or delim in S.OPENERS.values():
                self.close(items, opens, delim)
            else:
                items.append(Atom(delim))
            return i
        if name == "middle":
            delim, i = self.delimiter(toks, i)
            items.append(Atom(delim, S.REL))
            return i
        if name == "color":
            model, color = self.args(node, 2, name)[:2]
            j = i
            while j < len(toks) and toks[j][0] == "c" and toks[j][1].isspace():
                j += 1
            if j < len(toks) and toks[j][0] == "n" and isinstance(toks[j][1], LatexGroupNode):
                # \color{red}{x}: as MathJax reads it, only the group is coloured
                items.append(Styled(self.arg(toks[j][1]), color=self.color(color, model)))
                return j + 1
            rest = self.row(toks[i:])
            items.append(Styled(rest, color=self.color(color, model)))
            return len(toks)
        if name in S.SYMBOLS:
            text, cls = S.SYMBOLS[name]
            if cls == S.OPEN:
                self.open(items, opens, text)
            elif cls == S.CLOSE:
                self.close(items, opens, text)
            else:
                items.append(Atom(text, cls))
            return i
        items.append(self.macro_node(node, name))
        return i

    def macro_node(self, node: LatexMacroNode, name: str) -> Node:
        if name in S.FUNCTIONS:
            return Atom(name, S.FUNC)
        if name in S.SPACES:
            size = S.SPACES[name]
            return Atom(" " * size, S.SPACE, size=size)
        if name in ("frac", "dfrac", "tfrac", "cfrac", "binom"):
            num, den = self.args(node, 2, name)[:2]
            if num is None or den is None:
                self.problem(f"\\{name} needs two arguments")
            if name == "binom":
                return Fenced("(", Frac(self.arg(num), self.arg(den), bar=False), ")")
            return Frac(self.arg(num), self.arg(den))
        if name == "sqrt":
            index, body = self.args(node, 2, name)[:2]
            if body is None:
                self.problem("\\sqrt needs an argument")
            return Sqrt(self.arg(body), self.arg(index) if index is not None else None)
        if name in S.TEXT_MACROS:
            (arg,) = self.args(node, 1, name)[:1]
            return Atom(self.text_of([arg]), font="text")
        if name in S.FONTS:
            (arg,) = self.args(node, 1, name)[:1]
            font = S.FONTS[name]
            body = self.arg(arg)
            return body if font == "rm" else Styled(body, font=font)
        if name == "operatorname":
            arg = self.args(node, 2, name)[1]
            return Atom(self.text_of([arg]).strip(), S.FUNC)
        if name == "mathop":
            (arg,) = self.args(node, 1, name)[:1]
            return Atom(self.text_of([arg]).strip(), S.BIG)
        if name in S.ACCENTS:
            (arg,) = self.args(node, 1, name)[:1]
            if arg is None:
                self.problem(f"\\{name} needs an argument")
            body = self.arg(arg)
            inner = body.items[0] if isinstance(body, Row) and len(body.items) == 1 else body
            if isinstance(inner, Scripts) and not inner.limits:  # \vec{θ_{old}}: mark the θ
                return Scripts(Accent(inner.base, S.ACCENTS[name]), inner.sub, inner.sup)
            return Accent(body, S.ACCENTS[name])
        if name in ("underline", "underbar"):
            (arg,) = self.args(node, 1, name)[:1]
            return Accent(self.arg(arg), "\u0332")
        if name in ("underbrace", "overbrace"):
            (arg,) = self.args(node, 1, name)[:1]
            return Under(self.arg(arg), over=name == "overbrace")
        if name in ("underset", "overset", "stackrel"):
            extra, base = self.args(node, 2, name)[:2]
            if name == "underset":
                return Scripts(self.arg(base), sub=self.arg(extra), limits=True)
            return Scripts(self.arg(base), sup=self.arg(extra), limits=True)
        if name in ("boxed", "fbox", "framebox"):
            (arg,) = self.args(node, 1, name)[:1]
            return Boxed(self.arg(arg))
        if name in ("textcolor", "colorbox"):
            model, color, body = self.args(node, 3, name)[:3]
            if name == "colorbox":
                return self.arg(body)
            return Styled(self.arg(body), color=self.color(color, model))
        if name in ("xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xmapsto"):
            _, above = self.args(node, 2, name)[:2]
            arrow = {"xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐",
                     "xmapsto": "↦"}.get(name, "→")
            return Arrow(arrow, self.arg(above) if above is not None else None)
        if name == "not":
            (arg,) = self.args(node, 1, name)[:1]
            inner = self.arg(arg)
            text = inner.items[0].text if isinstance(inner, Row) and len(inner.items) == 1 \
                and isinstance(inner.items[0], Atom) else ""
            negated = {"=": "≠", "∈": "∉", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱",
                       "⊂": "⊄", "≡": "≢", "∼": "≁", "|": "∤"}.get(text)
            return Atom(negated or (text + "\u0338"), S.REL)
        if name == "tag":
            arg = self.args(node, 2, name)[1]
            return Row([Atom("  ", S.SPACE, size=2), Atom(f"({self.text_of([arg]).strip()})")])
        if name in ("begin", "end"):
            self.problem(f"\\{name} without its environment")
            return EMPTY
        self.problem(f"unknown command \\{name}")
        return Atom(name, S.FUNC if name.isalpha() and len(name) > 1 else S.ORD)

    def environment(self, node: LatexEnvironmentNode) -> Node:
        name = node.environmentname
        rows = self.split(self.tokens(node.nodelist))
        cells = [[self.row(cell) for cell in r] for r in rows]
        if name in ("cases", "dcases", "rcases"):
            left, right = S.ENV_DELIMS[name]
            return Table(cells, "cases", left, right)
        if name in S.ENV_DELIMS:
            left, right = S.ENV_DELIMS[name]
            return Table(cells, "matrix", left, right)
        if name not in S.ALIGN_ENVS:
            self.problem(f"unknown environment {name}")
        return Table(cells, "aligned")

    # --- plain text inside \text{}, colours ------------------------------------------------------
    def text_of(self, nodes) -> str:
        parts: list[str] = []
        for node in nodes:
            if node is None:
                continue
            if isinstance(node, LatexCharsNode):
                parts.append(node.chars)
            elif isinstance(node, LatexSpecialsNode):
                parts.append({"~": " ", "--": "–", "---": "—", "''": "”", "``": "“",
                              "&": " "}.get(node.specials_chars, node.specials_chars))
            elif isinstance(node, (LatexGroupNode, LatexMathNode, LatexEnvironmentNode)):
                parts.append(self.text_of(node.nodelist))
            elif isinstance(node, LatexMacroNode):
                if node.macroname in S.SYMBOLS:
                    parts.append(S.SYMBOLS[node.macroname][0])
                elif node.macroname in S.SPACES or node.macroname == " ":
                    parts.append(" ")
                elif node.nodeargd is not None and node.nodeargd.argnlist:
                    parts.append(self.text_of(node.nodeargd.argnlist))
                elif node.macroname in S.FUNCTIONS:
                    parts.append(node.macroname)
                else:
                    self.problem(f"unknown command \\{node.macroname}")
                    parts.append(node.macroname)
        return _SPACE_RE.sub(" ", "".join(parts))

    def color(self, color_node, model_node) -> str | None:
        name = self.text_of([color_node]).strip()
        model = self.text_of([model_node]).strip().lower() if model_node is not None else ""
        if not name:
            self.problem("a colour command without a colour")
            return None
        if model == "html":
            name = "#" + name
        elif model in ("rgb", "rgb255"):
            try:
                parts = [float(p) for p in name.split(",")]
                scale = 255 if model == "rgb" else 1
                name = "#" + "".join(f"{max(0, min(255, round(p * scale))):02x}" for p in parts[:3])
            except ValueError:
                pass
        rich = rich_color(name)
        if rich is None:
            self.problem(f"unknown colour {name}")
        return rich
