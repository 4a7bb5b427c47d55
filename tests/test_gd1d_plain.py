"""`dltutor lab gd1d --plain` prints seed 004's two runs of f = x² + sin x from x0 = 4."""
import re
import subprocess
import sys


def lab(*args):
    return subprocess.run([sys.executable, "-m", "tutor", "lab", "gd1d", *args, "--plain"],
                          capture_output=True, text=True, timeout=60)


def test_large_learning_rate_run():
    out = lab("x0=4", "lr=0.5", "min_step=1e-5")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "Start: x = 4.0000, f(x) = 15.2432" in lines
    assert ("Iteration 0: x = 0.3268, f(x) = 0.4278, gradient = 7.3464, learning rate = 0.5000") in lines
    assert ("Iteration 1: x = -0.4735, f(x) = -0.2318, gradient = 1.6007, learning rate = 0.5000") in lines
    halved = [i for i, line in enumerate(lines) if line.startswith("Learning rate halved")]
    assert len(halved) == 1
    assert "gradient = -0.0571" in lines[halved[0]] and "last gradient = 1.6007" in lines[halved[0]]
    assert "0.5 -> 0.25" in lines[halved[0]]
    assert lines[halved[0] + 1].startswith("Iteration 2: x = -0.4593")
    assert "Iteration 9: x = -0.4502, f(x) = -0.2325, gradient = -0.0001, learning rate = 0.2500" in lines
    assert not any(line.startswith("Iteration 10:") for line in lines)
    assert lines[-1].endswith("x = -0.450197, f(x) = -0.232466, gradient = -0.000031")


def test_small_learning_rate_run():
    out = lab("x0=4", "lr=0.1", "min_step=1e-5")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "Iteration 0: x = 3.2654, f(x) = 10.5391, gradient = 7.3464, learning rate = 0.1000" in lines
    assert "Iteration 6: x = 0.9391, f(x) = 1.6890, gradient = 2.7807, learning rate = 0.1000" in lines
    assert "Iteration 45: x = -0.4501, f(x) = -0.2325, gradient = 0.0001, learning rate = 0.1000" in lines
    assert not any(line.startswith("Learning rate halved") for line in lines)
    iterations = [line for line in lines if line.startswith("Iteration ")]
    assert len(iterations) == 46
    assert lines[-1].endswith("x = -0.450145, f(x) = -0.232466, gradient = 0.000096")


def test_defaults_are_the_large_rate_run_and_a_typed_function_works():
    default = lab()
    assert default.returncode == 0 and "x = -0.450197" in default.stdout.splitlines()[-1]
    typed = lab("f=x² + sin x", "x0=4", "lr=0.5")
    assert typed.stdout.splitlines()[1:] == default.stdout.splitlines()[1:]
    other = lab("f=(x-1)^2", "x0=3", "lr=0.25", "min_step=1e-9")
    final = float(re.search(r"x = (-?\d+\.\d+), f", other.stdout.splitlines()[-1]).group(1))
    assert abs(final - 1.0) < 1e-6


def test_bad_function_is_one_line_and_exit_2():
    out = lab("f=x^2 + sni(x)")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "sni" in out.stderr and "did you mean sin" in out.stderr
    assert lab("f=").returncode == 2
    assert lab("f=(x+1").returncode == 2


def test_undefined_start_reports_instead_of_crashing():
    out = lab("f=log(x)", "x0=-1")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert out.stdout.splitlines()[-1].startswith("Diverged")
