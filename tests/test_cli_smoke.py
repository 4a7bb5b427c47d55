import subprocess
import sys

from tutor import __version__


def test_version():
    out = subprocess.run([sys.executable, "-m", "tutor", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"dltutor {__version__}"


def test_unknown_lab_exits_2_with_one_line():
    out = subprocess.run([sys.executable, "-m", "tutor", "lab", "no-such-lab"], capture_output=True, text=True)
    assert out.returncode == 2
    assert "unknown lab" in out.stderr and "Traceback" not in out.stderr
