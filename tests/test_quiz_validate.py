"""validate() says clearly what is wrong with a quiz question; load() builds the good ones."""
import pytest

from tutor.locale import using
from tutor.quiz import QuizError, load, validate, validate_all

GOOD = [
    {"id": "gd-direction", "kind": "choice", "ask": "Which way?", "options": ["Along", "Against", "Across"], "answer": 1},
    {"id": "relu-props", "kind": "multi", "ask": "ReLU?", "options": ["a", "b", "c"], "answer": [0, 2]},
    {"id": "sqrt-approx", "kind": "number", "ask": r"Estimate $\sqrt{4.01}$.", "answer": 2.0025, "tol": "1e-4"},
    {"id": "sqrt-rel", "kind": "number", "ask": "x", "answer": "1/4", "rtol": 0.01, "tries": 3},
    {"id": "deriv", "kind": "expression", "ask": "d/dx", "answer": "2*x + cos(x)", "vars": ["x"]},
    {"id": "train-order", "kind": "order", "ask": "Order", "items": ["forward", "loss", "backward", "update"]},
    {"id": "sig-prime", "kind": "generated", "generator": "sigmoid_prime"},
    {"id": "fast-lr", "kind": "lab", "ask": "Fast", "lab": "gd1d", "challenge": "iterations_below", "target": 10},
]


@pytest.mark.parametrize("question", GOOD, ids=[q["id"] for q in GOOD])
def test_good_questions_pass(question):
    assert validate(question) == []


def test_load_builds_every_kind():
    kinds = [q.kind for q in load(GOOD)]
    assert kinds == [q["kind"] for q in GOOD]


BAD = [
    ("not a dict", "must be a mapping"),
    ({"kind": "choice", "ask": "x", "options": ["a", "b"], "answer": 0}, "'id' is missing"),
    ({"id": "a b!", "kind": "number", "ask": "x", "answer": 1}, "'id'"),
    ({"id": "q", "kind": "choise", "ask": "x"}, "did you mean choice"),
    ({"id": "q", "ask": "x"}, "'kind' is missing"),
    ({"id": "q", "kind": "choice", "options": ["a", "b"], "answer": 0}, "'ask'"),
    ({"id": "q", "kind": "choice", "ask": "x", "options": ["a"], "answer": 0}, "at least two options"),
    ({"id": "q", "kind": "choice", "ask": "x", "options": ["a", "b"], "answer": 2}, "out of range"),
    ({"id": "q", "kind": "choice", "ask": "x", "options": ["a", "b"], "answer": "b"}, "0-based index"),
    ({"id": "q", "kind": "choice", "ask": "x", "options": ["a", "a"], "answer": 0}, "same text"),
    ({"id": "q", "kind": "choice", "ask": "x", "options": ["a", "b"], "anwser": 0}, "did you mean 'answer'"),
    ({"id": "q", "kind": "multi", "ask": "x", "options": ["a", "b"], "answer": 1}, "list of 0-based"),
    ({"id": "q", "kind": "multi", "ask": "x", "options": ["a", "b"], "answer": [0, 5]}, "out of range"),
    ({"id": "q", "kind": "number", "ask": "x"}, "'answer' is missing"),
    ({"id": "q", "kind": "number", "ask": "x", "answer": "lots"}, "must be a number"),
    ({"id": "q", "kind": "number", "ask": "x", "answer": 1, "tol": -1}, "negative"),
    ({"id": "q", "kind": "expression", "ask": "x", "answer": "2*x +"}, "does not parse"),
    ({"id": "q", "kind": "expression", "ask": "x", "answer": "2*y"}, "does not parse"),
    ({"id": "q", "kind": "expression", "ask": "x", "answer": "x", "vars": "x"}, "'vars'"),
    ({"id": "q", "kind": "order", "ask": "x", "items": ["only one"]}, "at least two"),
    ({"id": "q", "kind": "generated", "generator": "sigmoid_prim"}, "did you mean sigmoid_prime"),
    ({"id": "q", "kind": "lab", "ask": "x", "lab": "gd1d", "challenge": "fastest"}, "unknown challenge"),
    ({"id": "q", "kind": "lab", "ask": "x", "lab": "gd1d", "challenge": "loss_below"}, "needs a 'target'"),
    ({"id": "q", "kind": "number", "ask": "x", "answer": 1, "tries": 0}, "'tries'"),
    ({"id": "q", "kind": "number", "ask": "Estimate $\\sqrt{4.01}.", "answer": 2}, "unmatched $"),
    ({"id": "q", "kind": "order", "ask": "x", "items": ["$a$", "$b"]}, "unmatched $"),
]


@pytest.mark.parametrize("question,reason", BAD, ids=[r for _, r in BAD])
def test_bad_questions_are_rejected_with_a_reason(question, reason):
    problems = validate(question)
    assert problems, question
    assert any(reason in p for p in problems), problems


def test_duplicate_ids_in_a_block():
    problems = validate_all([GOOD[0], GOOD[0]])
    assert any("used twice" in p for p in problems)


def test_load_refuses_or_skips_bad_questions():
    with pytest.raises(QuizError, match="out of range"):
        load([GOOD[0], BAD[7][0]])
    notes: list = []
    assert len(load([GOOD[0], BAD[7][0]], skip_invalid=True, problems=notes)) == 1
    assert notes and "out of range" in notes[0]


@pytest.mark.parametrize("junk", [None, 3, [], {}, {"id": None, "kind": None}, {"id": [1], "kind": {"a": 1}},
                                  {"id": "q", "kind": "lab", "lab": None, "challenge": None, "limits": 5}])
def test_validate_never_raises(junk):
    assert validate(junk)


def test_a_teachers_check_is_in_english_whatever_the_language():
    with using("zh"):
        problems = validate({"id": "d", "kind": "expression", "ask": "Differentiate.", "answer": "2*x +"})
    assert problems and "does not parse: I couldn't read that formula" in problems[0]
