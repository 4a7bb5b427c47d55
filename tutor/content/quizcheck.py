"""Basic checks of one quiz question, per kind (docs/ARCHITECTURE.md, "Quiz blocks").

`dltutor check` uses `tutor.quiz.validate` when the quiz package provides it;
these checks are the fallback, so a lesson is never left unchecked.
"""
from __future__ import annotations

from typing import Any

from tutor.locale import t

GENERATORS = ("sigmoid_prime tangent_approx gd_step partial_derivative neuron_output network_output "
              "param_count mse_ce softmax_ce_grad momentum_step adam_step conv_output_size conv_value "
              "lstm_forget_gate focal_loss batchnorm_value precision_recall attention_weight triplet_loss "
              "dilated_output_size recurrent_param_count").split()


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _number(x: Any) -> float | None:
    """A number, also as text: PyYAML reads `1e-4` (no dot) as a string."""
    if isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        return float(x)
    if isinstance(x, str):
        try:
            return float(x)
        except ValueError:
            return None
    return None


def basic_problems(q: dict) -> list[str]:
    found: list[str] = []
    kind = q.get("kind")
    if "tries" in q and not (_is_int(q["tries"]) and q["tries"] >= 1):
        found.append(t("tries must be a whole number ≥ 1"))
    for key in ("hint", "explain"):
        if key in q and not isinstance(q[key], str):
            found.append(t("{key} must be text", key=key))
    if kind in ("choice", "multi"):
        options = q.get("options")
        if not isinstance(options, list) or len(options) < 2:
            found.append(t("options must be a list of at least two answers"))
            return found
        answer = q.get("answer")
        answers = answer if kind == "multi" else [answer]
        if kind == "multi" and (not isinstance(answer, list) or not answer):
            found.append(t("answer must be a list of 0-based option indices, e.g. [0, 2]"))
        elif not all(_is_int(a) and 0 <= a < len(options) for a in answers):
            found.append(t("answer must be a 0-based option index from 0 to {last} (got {value})",
                           last=len(options) - 1, value=repr(answer)))
        elif len(set(answers)) != len(answers):
            found.append(t("answer lists an option twice"))
    elif kind == "number":
        if _number(q.get("answer")) is None:
            found.append(t("answer must be a number (got {value})", value=repr(q.get("answer"))))
        for key in ("tol", "rtol"):
            if key in q and (_number(q[key]) is None or _number(q[key]) < 0):
                found.append(t("{key} must be a number ≥ 0 (got {value})", key=key, value=repr(q[key])))
    elif kind == "expression":
        if not isinstance(q.get("answer"), str) or not q["answer"].strip():
            found.append(t("answer must be an expression as text, e.g. 2*x + cos(x)"))
        if "vars" in q and (not isinstance(q["vars"], list) or not all(isinstance(v, str) for v in q["vars"])):
            found.append(t("vars must be a list of variable names"))
    elif kind == "order":
        items = q.get("items")
        if not isinstance(items, list) or len(items) < 2:
            found.append(t("items must be a list of at least two steps, in the correct order"))
    elif kind == "generated":
        if q.get("generator") not in GENERATORS:
            import difflib

            close = difflib.get_close_matches(str(q.get("generator")), GENERATORS, n=2)
            hint = t("; did you mean {name}?", name=", ".join(close)) if close else ""
            found.append(t("unknown generator {name}{hint}", name=repr(q.get("generator")), hint=hint))
    elif kind == "lab":
        from tutor.labs import lab_names

        if q.get("lab") not in lab_names():
            found.append(t("unknown lab {name}", name=repr(q.get("lab"))))
        if not isinstance(q.get("challenge"), str):
            found.append(t("challenge (the name of a check in tutor/quiz/challenges.py) is missing"))
    return found
