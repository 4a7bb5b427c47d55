"""Each common wrong solution (tests/exercises/wrong/) gets an explanation that names its mistake.

All the fixtures run in one checking process (a fresh one after each time-out),
in the sandbox when bubblewrap works here, else in a plain child process.
"""
from __future__ import annotations

import pytest
from exercise_helpers import WRONG, exercise_of

from tutor.exercises.check import check_files
from tutor.exercises.sandbox import choose_mode
from tutor.locale import using

TIME_LIMIT = 2.0       # short, for the two endless loops; every honest check here takes well under it

# fixture -> (status, words the explanation must contain)
EXPECTED = {
    "01_derivative__half_central": ("failing", ["2 times the expected one", "a factor missing or extra?"]),
    "01_derivative__forward_for_central": ("failing", ["this is the forward difference"]),
    "02_gradient_descent__no_halving": ("failing", ["without the halving rule"]),
    "02_gradient_descent__late_stop": ("failing", ["one step too many"]),
    "02_gradient_descent__no_x0": ("failing", ["x0 is missing"]),
    "02_gradient_descent__endless": ("failing", ["gradient_descent(f, x0, lr)", "did not finish within 2 s",
                                                 "an endless loop?"]),
    "03_least_squares__swapped": ("failing", ["swapped: return (w, b)"]),
    "03_least_squares__through_origin": ("failing", ["line through the origin"]),
    "04_sigmoid__overflow": ("failing", ["large inputs", "NumPy warned “overflow encountered in exp” at line 6 of "
                                         "04_sigmoid__overflow.py: return 1 / (1 + np.exp(-z))", "without warnings"]),
    "04_sigmoid__where_both_branches": ("failing", ["overflow encountered in exp", "np.where"]),
    "04_sigmoid__prime_of_z": ("failing", ["this is z(1 − z)"]),
    "04_sigmoid__minus_missing": ("failing", ["this is σ(−z)"]),
    "04_sigmoid__renamed": ("failing", ["has no sigmoid_prime: is it misspelt, or renamed?"]),
    "04_sigmoid__syntax_error": ("failing", ["Python cannot read line 5 of 04_sigmoid__syntax_error.py",
                                             "def sigmoid(z)"]),
    "04_sigmoid__endless_at_load": ("failing", ["did not finish loading within 2 s",
                                                "an endless loop outside a function?"]),
    "04_sigmoid__half_done": ("unfinished", ["sigmoid_prime is not written yet"]),
    "04_sigmoid__odd_object": ("failing", ["an array of shape (3, 4) expected, an object of type Odd (RuntimeError) "
                                           "given"]),
    "04_sigmoid__imports_engine": ("failing", ["ImportError at line 2", "write them with NumPy alone"]),
    "05_softmax__columns": ("failing", ["each column was normalised"]),
    "05_softmax__no_max": ("failing", ["overflow encountered in exp", "e = np.exp(z)"]),
    "05_softmax__ce_summed": ("failing", ["4 times the expected one, and 4 is the batch size",
                                          "summed where the formula averages"]),
    "05_softmax__ce_sign": ("failing", ["wrong sign: a sign flipped?"]),
    "06_softmax_ce_grad__sign": ("failing", ["wrong sign: a sign flipped?"]),
    "06_softmax_ce_grad__no_mean": ("failing", ["is the batch size: summed where the formula averages (the 1/n)?"]),
    "06_softmax_ce_grad__logits": ("failing", ["the logits z stand where the probabilities"]),
    "07_dense__transposed_dW": ("failing", ["dW: shape (2, 3) expected, (3, 2) given: transposed?",
                                            "Its transpose is exactly the right answer."]),
    "07_dense__averaged_db": ("failing", ["db: every entry is 1/4 of the expected one, and 4 is the batch size: "
                                          "averaged where the formula sums?",
                                          "Finite differences of your own forward"]),
    "07_dense__db_not_summed": ("failing", ["db: shape (2,) expected, (4, 2) given: not summed over the rows"]),
    "07_dense__forward_x_W": ("failing", ["ValueError at line 3 of 07_dense__forward_x_W.py: return x @ W + b",
                                          "matmul"]),
    "07_dense__dx_factor": ("failing", ["dx: every entry is 2 times", "Finite differences of your own forward give"]),
    "07_dense__no_return": ("failing", ["nothing was returned (None): is a `return` missing?"]),
    "07_dense__memory": ("failing", ["MemoryError at line 3", "more memory than the 512 MiB"]),
    "08_backprop__stale_W2": ("failing", ["W1_new", "already updated W2"]),
    "08_backprop__no_half": ("failing", ["E = ½ Σ (t − out)²"]),
    "08_backprop__ascent": ("failing", ["W2_new", "moved along the gradient"]),
    "09_autodiff__no_accumulate": ("failing", ["must add up the gradients of every use"]),
    "09_autodiff__no_topological_order": ("failing", ["reverse topological order"]),
    "09_autodiff__no_seed": ("failing", ["every gradient is 0"]),
    "09_autodiff__recursion": ("failing", ["RecursionError at line", "calls itself without end?"]),
    "10_optimizers__other_momentum": ("failing", ["the other momentum convention"]),
    "10_optimizers__no_bias_correction": ("failing", ["without the bias correction"]),
    "10_optimizers__eps_inside": ("failing", ["ε is inside the root"]),
    "11_xor__ascent": ("failing", ["the loss grew from", "along the gradient instead of against it?"]),
    "11_xor__no_update": ("failing", ["the loss hardly changed"]),
    "12_conv2d__flipped": ("failing", ["the kernel flipped"]),
    "12_conv2d__no_stride": ("failing", ["the stride is not applied"]),
    "13_maxpool__average": ("failing", ["this is average pooling"]),
    "13_maxpool__spread": ("failing", ["every position of a window got the gradient"]),
    "14_rnn__no_carry": ("failing", ["what the next step sends back"]),
    "14_rnn__h_t_for_dWhh": ("failing", ["dW_hh used h_t"]),
    "15_lstm__x_first": ("failing", ["put h_prev first"]),
    "15_lstm__swapped": ("failing", ["swapped: return (h_t, C_t)"]),
    "15_lstm__no_tanh": ("failing", ["the tanh is missing"]),
}


@pytest.fixture(scope="module")
def verdicts():
    files = sorted(WRONG.glob("*.py"))
    results = check_files([(exercise_of(f), f) for f in files], choose_mode(), time_limit=TIME_LIMIT)
    return {f.stem: v for f, v in zip(files, results)}


def test_every_wrong_fixture_is_listed(verdicts):
    assert sorted(verdicts) == sorted(EXPECTED)


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_the_explanation_names_the_mistake(fixture, verdicts):
    status, words = EXPECTED[fixture]
    verdict = verdicts[fixture]
    text = "\n".join(verdict.lines)
    assert verdict.status == status, text
    for word in words:
        assert word in text, f"{word!r} not in:\n{text}"
    assert "Traceback" not in text


def test_the_explanations_come_in_chinese(process):
    files = [WRONG / "07_dense__transposed_dW.py", WRONG / "04_sigmoid__overflow.py"]
    with using("zh"):
        transposed, overflow = check_files([(exercise_of(f), f) for f in files], process)
    assert "dW：形状应为 (2, 3)，实际是 (3, 2)：是不是转置了？" in transposed.lines[1]
    assert "NumPy 在 04_sigmoid__overflow.py 第 6 行发出警告" in overflow.lines[1]
