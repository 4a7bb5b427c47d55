"""Every checked number {{written|key}} in every lesson agrees with its fact.

Facts live in tutor/facts/<lesson id with - as _>.py as FACTS = {key: callable}.
The written number must match the fact to its written decimals:
|v - d| <= 0.5 * 10**-k (+1e-12), and integers exactly.  The English and the
Chinese version of a lesson must use the same fact keys, labs and quiz ids.
Generic: works for any lesson a teacher drops into lessons/<lang>/.
"""
from __future__ import annotations

import importlib.util
import math
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(ROOT.glob("lessons/*/*.md"))
FACT_FILES = sorted(p for p in (ROOT / "tutor" / "facts").glob("*.py") if p.name != "__init__.py")

MARKER = re.compile(r"\{\{\s*([^{}|]+?)\s*\|\s*([^{}|]+?)\s*\}\}")
FENCE = re.compile(r"^```(\w[\w-]*)\s*$")


def _load_facts() -> tuple[dict, dict]:
    """Merge FACTS of every module; remember which module defined each key."""
    facts, owner = {}, {}
    for path in FACT_FILES:
        spec = importlib.util.spec_from_file_location(f"_facts_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for key, fn in getattr(module, "FACTS").items():
            assert key not in facts, f"fact {key!r} defined in {owner.get(key)} and {path.name}"
            facts[key], owner[key] = fn, path.name
    return facts, owner


FACTS, OWNER = _load_facts()
_cache: dict[str, float] = {}


def fact_value(key: str) -> float:
    if key not in _cache:
        _cache[key] = float(FACTS[key]())
    return _cache[key]


def split_front_matter(text: str) -> tuple[dict, str]:
    lines = text.splitlines()
    assert lines and lines[0].strip() == "---", "no front matter"
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return yaml.safe_load("\n".join(lines[1:end])), "\n".join(lines[end + 1:])


def blocks(body: str) -> list[tuple[str, str]]:
    """(kind, content) of every fenced block with a language tag."""
    out, kind, buf = [], None, []
    for line in body.splitlines():
        if kind is None:
            m = FENCE.match(line.strip())
            if m:
                kind, buf = m.group(1), []
        elif line.strip() == "```":
            out.append((kind, "\n".join(buf)))
            kind = None
        else:
            buf.append(line)
    assert kind is None, "unclosed fenced block"
    return out


def summary(path: Path) -> dict:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    found = blocks(body)
    labs = sorted(c.split()[0] for k, c in found if k == "lab" and c.split())
    quiz_ids = []
    for k, c in found:
        if k == "quiz":
            questions = yaml.safe_load(c)
            assert isinstance(questions, list), f"{path}: a quiz block must be a YAML list"
            quiz_ids += [q["id"] for q in questions]
    return {
        "meta": meta,
        "markers": MARKER.findall(body),
        "keys": {key for _, key in MARKER.findall(body)},
        "labs": labs,
        "quiz_ids": sorted(quiz_ids),
    }


def decimals(written: str) -> int:
    exponent = Decimal(written).as_tuple().exponent
    return max(0, -exponent)


def agrees(written: str, value: float) -> bool:
    if not math.isfinite(value):
        return False
    d = float(written)
    if re.fullmatch(r"[+-]?\d+", written):
        return value == d or abs(value - d) <= 1e-12 * max(1.0, abs(d))
    return abs(value - d) <= 0.5 * 10.0 ** -decimals(written) + 1e-12


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.name}"


def test_there_are_lessons_and_facts():
    assert LESSONS and FACT_FILES


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_every_checked_number_agrees_with_its_fact(path):
    info = summary(path)
    problems = []
    for written, key in info["markers"]:
        where = f"{_id(path)}: {{{{{written}|{key}}}}}"
        try:
            float(written)
        except ValueError:
            problems.append(f"{where}: not a plain number")
            continue
        if key not in FACTS:
            problems.append(f"{where}: unknown fact key")
            continue
        value = fact_value(key)
        if not agrees(written, value):
            problems.append(f"{where}: the fact computes {value!r}")
    assert not problems, "\n".join(problems)


def _pairs():
    by_lang: dict[str, dict[str, Path]] = {}
    for p in LESSONS:
        by_lang.setdefault(p.parent.name, {})[p.name] = p
    en = by_lang.get("en", {})
    return [(en[name], other[name]) for lang, other in sorted(by_lang.items()) if lang != "en"
            for name in sorted(other) if name in en]


@pytest.mark.parametrize("pair", _pairs(), ids=lambda pr: f"{pr[0].name}~{pr[1].parent.name}")
def test_translations_use_the_same_facts_labs_and_quizzes(pair):
    a, b = (summary(p) for p in pair)
    assert a["meta"]["id"] == b["meta"]["id"]
    assert a["meta"].get("chapter") == b["meta"].get("chapter")
    assert a["meta"].get("order") == b["meta"].get("order")
    assert a["keys"] == b["keys"], f"fact keys differ: {a['keys'] ^ b['keys']}"
    assert a["labs"] == b["labs"]
    assert a["quiz_ids"] == b["quiz_ids"]


def test_facts_module_per_lesson_is_named_after_its_id():
    ids = {summary(p)["meta"]["id"].replace("-", "_") for p in LESSONS}
    used = set().union(*(summary(p)["keys"] for p in LESSONS)) if LESSONS else set()
    for key in used & set(OWNER):
        assert OWNER[key][:-3] in ids, f"fact {key} lives in {OWNER[key]}, which names no lesson"


def test_the_checker_can_fail():
    # the comparison itself: decimals count, integers are exact
    assert agrees("2.0025", 2.00249) and not agrees("2.0025", 2.0026)
    assert agrees("0.0000016", 1.56e-6) and not agrees("0.0000016", 1.4e-6)
    assert agrees("-4", -4.0) and not agrees("46", 45.9999)
    assert not agrees("1.5", float("nan"))


# --- the lesson conventions of docs/ARCHITECTURE.md ---------------------------------

LAB_NAMES = set("""derivative gradient2d gd1d regression neuron activations losses backprop perceptron-xor
playground vanishing learning-rate sgd optimizers mlp overfitting conv cnn rnn lstm digits iris fit graph""".split())
GENERATORS = set("""sigmoid_prime tangent_approx gd_step partial_derivative neuron_output network_output
param_count mse_ce softmax_ce_grad momentum_step adam_step conv_output_size conv_value lstm_forget_gate
focal_loss batchnorm_value precision_recall attention_weight tanh_prime weight_decay_step triplet_loss
dilated_output_size recurrent_param_count""".split())


def page_count(body: str) -> int:
    pages, fenced = 1, False
    for line in body.splitlines():
        if line.strip().startswith("```"):
            fenced = not fenced
        elif not fenced and line.strip() == "---":
            pages += 1
    return pages


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_lesson_follows_the_conventions(path):
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    assert path.name.startswith(f"{int(meta['order']):02d}-{meta['id']}"), "file name must be NN-id.md"
    found = blocks(body)
    kinds = [k for k, _ in found]
    assert 4 <= page_count(body) <= 10, f"{page_count(body)} pages"
    assert "analogy" in kinds
    assert "lab" in kinds or "demo" in kinds
    for k, c in found:
        if k == "lab":
            assert c.strip() and len(c.strip().splitlines()) == 1, "a lab block is one line"
            assert c.split()[0] in LAB_NAMES, f"unknown lab {c.split()[0]!r}"
    questions = [q for k, c in found if k == "quiz" for q in yaml.safe_load(c)]
    assert len(questions) >= 4
    generated = [q for q in questions if q.get("kind") == "generated"]
    assert generated, "at least one generated question"
    for q in generated:
        assert q.get("generator") in GENERATORS, f"unknown generator {q.get('generator')!r}"
    assert len({q["id"] for q in questions}) == len(questions), "quiz ids repeat"
