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


def test_help_names_every_command():
    out = subprocess.run([sys.executable, "-m", "tutor", "--help"], capture_output=True, text=True, check=True)
    for command in ("open", "list", "lab", "quiz", "check", "progress", "--lang", "--student", "--data-dir"):
        assert command in out.stdout


def test_version_and_list_stay_light():
    # `dltutor --version` and `dltutor list` must not pay for NumPy or Textual.
    code = ("import sys, io, contextlib\n"
            "from tutor.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            "    main(['list'])\n"
            "    try:\n"
            "        main(['--version'])\n"
            "    except SystemExit:\n"
            "        pass\n"
            "print(sorted(m for m in ('numpy', 'textual', 'rich', 'engine') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
