"""Tables: what each LaTeX command looks like in a terminal, and how it spaces.

Atom classes follow TeX's (ord, bin, rel, open, close, punct, big operator,
function name); they decide the spaces between neighbours.
"""
from __future__ import annotations

ORD, BIN, REL, OPEN, CLOSE, PUNCT, BIG, FUNC, INNER, SPACE = (
    "ord", "bin", "rel", "open", "close", "punct", "big", "func", "inner", "space")

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
    "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ",
    "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

# command -> (text, class)
SYMBOLS: dict[str, tuple[str, str]] = {name: (ch, ORD) for name, ch in GREEK.items()}
SYMBOLS.update({
    # ordinary symbols
    "partial": ("∂", ORD), "nabla": ("∇", ORD), "infty": ("∞", ORD),
    "ell": ("ℓ", ORD), "hbar": ("ℏ", ORD), "prime": ("′", ORD),
    "emptyset": ("∅", ORD), "varnothing": ("∅", ORD), "forall": ("∀", ORD),
    "exists": ("∃", ORD), "neg": ("¬", ORD), "lnot": ("¬", ORD),
    "top": ("⊤", ORD), "intercal": ("⊤", ORD), "bot": ("⊥", ORD),
    "dots": ("…", ORD), "ldots": ("…", ORD), "cdots": ("⋯", ORD),
    "vdots": ("⋮", ORD), "ddots": ("⋱", ORD), "dotsc": ("…", ORD), "dotsb": ("⋯", ORD),
    "blacksquare": ("■", ORD), "square": ("□", ORD), "Box": ("□", ORD),
    "checkmark": ("✓", ORD), "angle": ("∠", ORD), "degree": ("°", ORD),
    "|": ("‖", ORD), "Vert": ("‖", ORD), "vert": ("|", ORD),
    "%": ("%", ORD), "$": ("$", ORD), "#": ("#", ORD), "&": ("&", ORD), "_": ("_", ORD),
    "backslash": ("\\", ORD),
    # binary operators
    "cdot": ("·", BIN), "times": ("×", BIN), "div": ("÷", BIN), "pm": ("±", BIN),
    "mp": ("∓", BIN), "ast": ("∗", BIN), "star": ("⋆", BIN), "circ": ("∘", BIN),
    "bullet": ("•", BIN), "odot": ("⊙", BIN), "otimes": ("⊗", BIN),
    "oplus": ("⊕", BIN), "cup": ("∪", BIN), "cap": ("∩", BIN),
    "setminus": ("∖", BIN), "land": ("∧", BIN), "wedge": ("∧", BIN),
    "lor": ("∨", BIN), "vee": ("∨", BIN),
    # relations and arrows
    "le": ("≤", REL), "leq": ("≤", REL), "ge": ("≥", REL), "geq": ("≥", REL),
    "leqslant": ("≤", REL), "geqslant": ("≥", REL),
    "ne": ("≠", REL), "neq": ("≠", REL), "approx": ("≈", REL), "sim": ("∼", REL),
    "simeq": ("≃", REL), "cong": ("≅", REL), "equiv": ("≡", REL),
    "propto": ("∝", REL), "ll": ("≪", REL), "gg": ("≫", REL),
    "in": ("∈", REL), "notin": ("∉", REL), "ni": ("∋", REL),
    "subset": ("⊂", REL), "subseteq": ("⊆", REL), "supset": ("⊃", REL),
    "supseteq": ("⊇", REL), "mid": ("|", REL), "parallel": ("∥", REL),
    "perp": ("⊥", REL), "coloneqq": ("≔", REL), "triangleq": ("≜", REL),
    "doteq": ("≐", REL), "models": ("⊨", REL),
    "to": ("→", REL), "rightarrow": ("→", REL), "longrightarrow": ("→", REL),
    "gets": ("←", REL), "leftarrow": ("←", REL), "longleftarrow": ("←", REL),
    "leftrightarrow": ("↔", REL), "longleftrightarrow": ("↔", REL),
    "Rightarrow": ("⇒", REL), "Longrightarrow": ("⇒", REL), "implies": ("⇒", REL),
    "Leftarrow": ("⇐", REL), "Longleftarrow": ("⇐", REL), "impliedby": ("⇐", REL),
    "Leftrightarrow": ("⇔", REL), "iff": ("⇔", REL), "mapsto": ("↦", REL),
    "uparrow": ("↑", REL), "downarrow": ("↓", REL), "nearrow": ("↗", REL),
    "searrow": ("↘", REL),
    # delimiters
    "{": ("{", OPEN), "}": ("}", CLOSE), "lbrace": ("{", OPEN), "rbrace": ("}", CLOSE),
    "langle": ("⟨", OPEN), "rangle": ("⟩", CLOSE), "lvert": ("|", OPEN),
    "rvert": ("|", CLOSE), "lVert": ("‖", OPEN), "rVert": ("‖", CLOSE),
    "lfloor": ("⌊", OPEN), "rfloor": ("⌋", CLOSE), "lceil": ("⌈", OPEN),
    "rceil": ("⌉", CLOSE), "lbrack": ("[", OPEN), "rbrack": ("]", CLOSE),
    # big operators (limits above and below in display)
    "sum": ("∑", BIG), "prod": ("∏", BIG), "coprod": ("∐", BIG),
    "int": ("∫", BIG), "iint": ("∬", BIG), "iiint": ("∭", BIG), "oint": ("∮", BIG),
    "bigcup": ("⋃", BIG), "bigcap": ("⋂", BIG), "bigoplus": ("⊕", BIG),
    "bigotimes": ("⊗", BIG), "bigvee": ("⋁", BIG), "bigwedge": ("⋀", BIG),
})

# Integrals keep their limits at the side, as scripts.
SIDE_LIMITS = {"∫", "∬", "∭", "∮"}

# Named functions, set upright; those in LIMIT_FUNCS take limits below in display.
FUNCTIONS = {
    "ln", "log", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc",
    "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "coth",
    "max", "min", "arg", "sup", "inf", "lim", "liminf", "limsup", "det", "dim",
    "ker", "deg", "gcd", "Pr", "hom", "mod", "argmax", "argmin", "sgn", "tr",
}
LIMIT_FUNCS = {"max", "min", "sup", "inf", "lim", "liminf", "limsup", "argmax",
               "argmin", "det", "gcd", "Pr"}

SPACES = {",": 1, ":": 1, ">": 1, ";": 1, " ": 1, "quad": 2, "qquad": 4,
          "enspace": 1, "thinspace": 1, "medspace": 1, "thickspace": 1,
          "!": 0, "negthinspace": 0, "hfill": 1}

# Combining marks that terminals draw in the letter's own cell.
ACCENTS = {
    "hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303", "widetilde": "\u0303",
    "bar": "\u0304", "overline": "\u0305", "vec": "\u20d7", "overrightarrow": "\u20d7",
    "overleftarrow": "\u20d6", "overleftrightarrow": "\u20e1",
    "dot": "\u0307", "ddot": "\u0308", "check": "\u030c", "breve": "\u0306",
    "acute": "\u0301", "grave": "\u0300", "mathring": "\u030a",
}
# What to draw above a tall body instead of a combining mark.
ACCENT_LINE = {"\u0302": "^", "\u0303": "~", "\u0304": "_", "\u0305": "_",
               "\u20d7": "→", "\u20d6": "←", "\u20e1": "↔", "\u0307": "·", "\u0308": "¨", "\u030c": "ˇ",
               "\u0306": "˘", "\u0301": "´", "\u0300": "`", "\u030a": "°"}

FONTS = {
    "mathbf": "bold", "boldsymbol": "bold", "bm": "bold", "pmb": "bold",
    "mathbfit": "bold", "textbf": "bold",
    "mathcal": "cal", "mathscr": "cal", "mathbb": "bb", "mathfrak": "frak",
    "mathrm": "rm", "mathit": "rm", "mathsf": "rm", "mathtt": "rm", "mathnormal": "rm",
    "textit": "rm", "textsf": "rm", "texttt": "rm", "emph": "rm",
}
TEXT_MACROS = {"text", "textrm", "textnormal", "mbox", "hbox", "textup", "textmd"}

_CAL_BMP = {"B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ",
            "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ"}
_BB_BMP = {"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"}


def font_char(ch: str, font: str | None) -> str:
    """A letter in \\mathcal / \\mathbb; other fonts keep the letter (bold is a style)."""
    if font == "cal" and ch.isascii() and ch.isalpha():
        return _CAL_BMP.get(ch) or chr((0x1D49C if ch.isupper() else 0x1D4B6)
                                       + ord(ch.upper() if ch.isupper() else ch)
                                       - ord("A" if ch.isupper() else "a"))
    if font == "bb" and ch.isascii() and ch.isalnum():
        if ch.isdigit():
            return chr(0x1D7D8 + int(ch))
        return _BB_BMP.get(ch) or chr((0x1D538 if ch.isupper() else 0x1D552)
                                      + ord(ch) - ord("A" if ch.isupper() else "a"))
    return ch


IGNORED = {"displaystyle", "textstyle", "scriptstyle", "limits", "nolimits",
           "nonumber", "notag", "left.", "right.", "relax", "strut", "hline",
           "allowbreak", "nobreak", "centering", "noindent", "par"}
# ignored together with their one argument
IGNORED_WITH_ARG = {"label", "vspace", "hspace", "phantom", "vphantom", "hphantom"}

BIG_DELIMS = {"big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
              "biggl", "biggr", "Biggl", "Biggr", "bigm", "Bigm"}

# Plain characters in math.
CHAR_CLASS = {}
for _c in "+-−*±∓×·÷∘∧∨⊕⊗⊙∪∩":
    CHAR_CLASS[_c] = BIN
for _c in "=<>≈≤≥≠→←↔⇒⇐⇔∝∈∉∼≡≪≫⊂⊆≔↦":
    CHAR_CLASS[_c] = REL
for _c in "([⟨":
    CHAR_CLASS[_c] = OPEN
for _c in ")]⟩":
    CHAR_CLASS[_c] = CLOSE
for _c in ",;:、，；：":  # a colon reads as punctuation: "(0, 0) ↦ 0: b ≤ 0"
    CHAR_CLASS[_c] = PUNCT
for _c in "∑∏∫":
    CHAR_CLASS[_c] = BIG

OPENERS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩", "⌊": "⌋", "⌈": "⌉"}

SUP = dict(zip("0123456789+-−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾"))
SUP.update(zip("abcdefghijklmnoprstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"))
SUP.update(zip("ABDEGHIJKLMNOPRTUVW", "ᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ"))
SUP.update(zip("αβγδεθιφχ", "ᵅᵝᵞᵟᵋᶿᶥᵠᵡ"))
SUP.update({"⊤": "ᵀ", "′": "′", "∗": "*", "*": "*"})

SUB = dict(zip("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎"))
SUB.update(zip("aehijklmnoprstuvx", "ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
SUB.update(zip("βγρφχ", "ᵦᵧᵨᵩᵪ"))


def to_script(text: str, table: dict[str, str]) -> str | None:
    """`text` in Unicode super/subscript characters, or None if one has none."""
    if not text:
        return None
    out = []
    for ch in text:
        mapped = table.get(ch)
        if mapped is None:
            return None
        out.append(mapped)
    return "".join(out)


# Tall delimiters: (top, middle-extender, bottom, centre) pieces.
TALL = {
    "(": ("⎛", "⎜", "⎝", None), ")": ("⎞", "⎟", "⎠", None),
    "[": ("⎡", "⎢", "⎣", None), "]": ("⎤", "⎥", "⎦", None),
    "{": ("⎧", "⎪", "⎩", "⎨"), "}": ("⎫", "⎪", "⎭", "⎬"),
    "⌊": ("│", "│", "└", None), "⌋": ("│", "│", "┘", None),
    "⌈": ("┌", "│", "│", None), "⌉": ("┐", "│", "│", None),
    "|": ("│", "│", "│", None), "‖": ("‖", "‖", "‖", None),
    "⟨": ("╱", "⟨", "╲", "⟨"), "⟩": ("╲", "⟩", "╱", "⟩"),
}

ENV_DELIMS = {
    "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"),
    "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"), "matrix": ("", ""),
    "smallmatrix": ("", ""), "array": ("", ""), "cases": ("{", ""),
    "dcases": ("{", ""), "rcases": ("", "}"),
}
ALIGN_ENVS = {"aligned", "align", "align*", "alignat", "alignat*", "alignedat",
              "gathered", "gather", "gather*", "equation", "equation*", "split",
              "eqnarray", "eqnarray*", "multline", "multline*", "flalign", "flalign*"}

# LaTeX/xcolor/CSS colour names that Rich spells differently.
COLOR_ALIASES = {
    "gray": "grey50", "grey": "grey50", "darkgray": "grey35", "darkgrey": "grey35",
    "lightgray": "grey70", "lightgrey": "grey70", "pink": "pink1",
    "lightgreen": "light_green", "gold": "gold1", "orange": "orange1",
    "brown": "orange4", "lime": "green1", "olive": "yellow4", "teal": "dark_cyan",
    "darkgreen": "dark_green", "darkblue": "dark_blue", "darkred": "dark_red",
    "lightblue": "light_sky_blue1", "skyblue": "sky_blue1", "purple": "purple",
    "violet": "violet", "navy": "navy_blue", "maroon": "dark_red",
    "orangered": "orange_red1", "crimson": "red3", "lightcoral": "light_coral",
    "salmon": "salmon1", "tomato": "red1", "turquoise": "turquoise2",
    "aqua": "cyan", "fuchsia": "magenta", "silver": "grey74",
}
