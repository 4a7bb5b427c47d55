"""The command line, run as a student would (a subprocess), on the fixture lessons."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tutor.cli
from tutor.content import load_lessons
from tutor.progress import Store

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "lessons"
BROKEN = FIXTURES / "broken"


def run(*args: str, data_dir: Path | None = None, lessons: Path | None = GOOD, stdin: str = "",
        env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("DLTUTOR_LESSONS", "DLTUTOR_DATA_DIR")}
    environ.update({"LANG": "C.UTF-8", "LC_ALL": "", "PYTHONIOENCODING": "utf-8"})
    if lessons is not None:
        environ["DLTUTOR_LESSONS"] = str(lessons)
    if data_dir is not None:
        environ["DLTUTOR_DATA_DIR"] = str(data_dir)
    environ.update(env or {})
    out = subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True,
                         input=stdin, env=environ, timeout=120, cwd=cwd)
    assert "Traceback" not in out.stderr, out.stderr
    return out


def test_list_plain_is_the_lessons_in_order():
    out = run("list", "--plain")
    assert out.returncode == 0
    lessons, _ = load_lessons("en", GOOD)
    assert out.stdout.splitlines() == [f"{l.id}\t{l.title}" for l in lessons]


def test_list_marks_english_fallbacks_in_zh():
    out = run("--lang", "zh", "list")
    assert out.returncode == 0
    rows = [line.split(None, 1) for line in out.stdout.splitlines()]
    assert rows == [["slopes", "Slopes (en)"], ["tangent", "切线"]]
    assert run("list", env={"LANG": "zh_CN.UTF-8"}).stdout == out.stdout  # the locale decides too
    assert run("list", "--lang", "zh").stdout == out.stdout             # options after the command


def test_list_reports_broken_lessons_on_stderr():
    out = run("list", lessons=BROKEN)
    assert out.returncode == 0
    assert "bad-quiz" in out.stdout and "bad-yaml" not in out.stdout
    assert f"{BROKEN}/en/bad-yaml.md:3:" in out.stderr


def test_unknown_lesson_names_the_closest():
    out = run("open", "tangnet")
    assert out.returncode == 2
    assert out.stderr.strip() == "dltutor: unknown lesson 'tangnet'; did you mean tangent?"
    out = run("quiz", "slpes", "--plain")
    assert out.returncode == 2 and "did you mean slopes" in out.stderr


def test_unknown_language_and_command_exit_2():
    out = run("--lang", "fr", "list")
    assert out.returncode == 2 and out.stderr.strip() == "dltutor: unknown language 'fr': choose one of en, zh"
    assert run("lisst").returncode == 2


def test_check_on_broken_fixtures():
    out = run("check", str(BROKEN))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert f"{BROKEN}/en/bad-yaml.md:3: bad YAML in front matter: expected ',' or ']', but got ':'" in lines
    assert f"{BROKEN}/en/missing-order.md:1: front matter is missing 'order'" in lines
    assert f"{BROKEN}/en/dup-b.md:2: duplicate lesson id 'dup' (also in {BROKEN}/en/dup-a.md)" in lines
    assert f"{BROKEN}/zh/orphan.md:2: zh lesson 'orphan' has no en twin (an en lesson with the same id)" in lines
    assert all(line.startswith(str(BROKEN)) and line.count(":") >= 2 for line in lines)
    assert "problems in" in out.stderr


def test_check_without_a_path_checks_the_installed_lessons_from_anywhere(tmp_path):
    """Issue 18 item 13: `dltutor check lessons/` only worked inside a checkout."""
    installed = tmp_path / "installed"
    for lang, title in (("en", "One"), ("zh", "一")):
        (installed / lang).mkdir(parents=True)
        (installed / lang / "01-one.md").write_text(f"---\nid: one\ntitle: {title}\nchapter: 1\norder: 1\n---\n"
                                                   "# One\n\nText.\n", encoding="utf-8")
    out = run("check", cwd=tmp_path, lessons=installed)   # the lessons dltutor shows ($DLTUTOR_LESSONS here)
    assert out.returncode == 0 and out.stdout.strip() == "2 lessons OK", out.stderr
    out = run("--lang", "zh", "check", cwd=tmp_path, lessons=BROKEN)
    assert out.returncode == 1 and f"{BROKEN}/en/missing-order.md:1: " in out.stdout


def test_check_a_missing_path():
    out = run("check", str(FIXTURES / "nowhere"))
    assert out.returncode == 2 and "no such file or folder" in out.stderr


def test_progress_csv(tmp_path):
    with Store(tmp_path / "progress.db") as store:
        store.page_seen("ann", "tangent", 0)
        store.page_seen("ann", "tangent", 1)
        store.quiz_score("ann", "tangent", 2, 2)
        store.quiz_score("ann", "tangent", 1, 2)
        store.page_seen("bob", "slopes", 0)
    out = run("--student", "ann", "progress", "--csv", data_dir=tmp_path)
    assert out.returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["lesson"] for r in rows] == ["slopes", "tangent"]
    slopes, tangent = rows
    assert (slopes["pages_seen"], slopes["pages_total"], slopes["best_score"]) == ("0", "1", "")
    assert (tangent["pages_seen"], tangent["pages_total"]) == ("2", "3")
    assert (tangent["best_score"], tangent["best_total"], tangent["last_score"], tangent["last_total"]) == ("2", "2", "1", "2")
    assert tangent["last_active"]
    # --data-dir given on the command line wins over the environment
    out = run("progress", "--csv", "--student", "bob", "--data-dir", str(tmp_path), data_dir=tmp_path / "other")
    assert [r["pages_seen"] for r in csv.DictReader(io.StringIO(out.stdout))] == ["1", "0"]


def test_progress_table(tmp_path):
    with Store(tmp_path / "progress.db") as store:
        store.page_seen("ann", "tangent", 2)
    out = run("--student", "ann", "progress", data_dir=tmp_path)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["lesson", "title", "pages", "best", "last", "last", "active"]
    assert lines[2].split()[:3] + lines[2].split()[-5:-2] == ["tangent", "The", "tangent", "1/3", "-", "-"]


def test_lab_listing_and_bad_parameters():
    from tutor.labs import get_lab, lab_names

    out = run("lab")
    assert out.returncode == 0
    assert [line.split()[0] for line in out.stdout.splitlines()] == lab_names()
    if not lab_names():
        pytest.skip("no labs yet")
    name = lab_names()[0]
    out = run("lab", name, "qqqqqq=1", "--plain")
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert "unknown parameter" in out.stderr
    assert "its parameters are: " + ", ".join(p.name for p in get_lab(name).params) in out.stderr
    assert get_lab(name).summary in run("lab").stdout


def test_unknown_lab_names_the_closest():
    from tutor.labs import lab_names

    if not lab_names():
        pytest.skip("no labs yet")
    name = lab_names()[0]
    out = run("lab", name + "x")
    assert out.returncode == 2 and f"did you mean {name}" in out.stderr
    out = run("lab", "qqqqqqqq")
    assert out.returncode == 2 and out.stderr.strip().endswith("the labs are: " + ", ".join(lab_names()))


# --- in-process: what the app is started with, and the last-resort handler ---------

def test_open_and_lab_start_the_app_with_the_right_arguments(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setenv("DLTUTOR_LESSONS", str(GOOD))
    monkeypatch.setattr(tutor.cli, "_run_app", lambda ctx, **where: calls.append((ctx, where)) or 0)
    assert tutor.cli.main(["--student", "ann", "--data-dir", str(tmp_path), "open", "tan"]) == 0
    ctx, where = calls[-1]
    assert (ctx.student, ctx.store_path, where["lesson"]) == ("ann", tmp_path / "progress.db", "tangent")
    assert tutor.cli.main(["--lang", "zh"]) == 0
    assert calls[-1][0].lang == "zh" and calls[-1][1] == {"lesson": None, "lab": None, "ask_name": False}
    assert tutor.cli.main(["--ask-name"]) == 0          # what `serve web` runs for each tab
    assert calls[-1][1]["ask_name"] is True


def test_unexpected_errors_are_one_line(monkeypatch, capsys):
    def boom(ctx, args):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(tutor.cli.COMMANDS, "list", boom)
    assert tutor.cli.main(["list"]) == 1
    assert capsys.readouterr().err == "dltutor: unexpected error: RuntimeError: disk on fire\n"


def test_choose_lang():
    from tutor.language import choose_lang

    assert choose_lang("zh") == "zh" and choose_lang("EN") == "en" and choose_lang("zh_CN") == "zh"
    assert choose_lang(None, {"LANG": "zh_TW.UTF-8"}) == "zh"
    assert choose_lang(None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert choose_lang(None, {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}) == "zh"
    assert choose_lang(None, {"LANG": "fr_FR.UTF-8"}) == "en"      # no French catalogs: English
    assert choose_lang(None, {}) == "en"
    with pytest.raises(ValueError, match="choose one of en, zh"):
        choose_lang("fr")


def test_the_language_chosen_is_the_process_language(monkeypatch, capsys, tmp_path):
    from tutor.locale import language

    monkeypatch.setenv("DLTUTOR_LESSONS", str(GOOD))
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")            # no --lang: the locale decides
    assert tutor.cli.main(["--data-dir", str(tmp_path), "--student", "ann", "progress"]) == 0
    assert language() == "zh"                              # one setting, read by every part
    assert "ann 还没有学习记录。" in capsys.readouterr().out


def test_quiz_plain_records_answers(tmp_path):
    pytest.importorskip("tutor.quiz.plain")
    out = run("--student", "ann", "quiz", "tangent", "--plain", data_dir=tmp_path, stdin="1\n")
    assert out.returncode == 0 and "The tangent line" in out.stdout
    with Store(tmp_path / "progress.db") as store:
        answers = store.answers("ann", "tangent")
    assert [(a["question"], a["raw"]) for a in answers] == [("tan-choice", "1")]


def test_serve_hands_the_rest_of_the_line_over(monkeypatch):
    serve_cli = pytest.importorskip("tutor.serve.cli")
    seen = []
    monkeypatch.setattr(serve_cli, "main", lambda argv: seen.append(argv) or 0)
    assert tutor.cli.main(["serve", "--help"]) == 0
    assert tutor.cli.main(["--data-dir", "/srv/class", "serve", "ssh", "--port", "2222"]) == 0
    assert tutor.cli.main(["serve", "web", "--data-dir", "/d"]) == 0
    assert seen == [["--help"], ["ssh", "--data-dir", "/srv/class", "--port", "2222"], ["web", "--data-dir", "/d"]]


def test_lab_settings_may_come_before_and_after_plain(capsys):
    assert tutor.cli.main(["lab", "gd1d", "lr=0.1", "--plain", "x0=2"]) == 0
    assert capsys.readouterr().out.startswith("f(x) = x^2 + sin(x), x0 = 2, learning rate = 0.1,")
    with pytest.raises(SystemExit):
        tutor.cli.main(["lab", "gd1d", "--plain", "lr=0.1", "--bogus"])
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_the_lab_list_in_chinese(capsys):
    assert tutor.cli.main(["lab", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "neuron" in out and "一个神经元：权重、偏置与决策线" in out and "cannot load" not in out


def test_lab_setting_mistakes_are_explained_in_chinese(capsys):
    assert tutor.cli.main(["lab", "gd1d", "--plain", "--lang", "zh", "x0=abc"]) == 2
    assert "x0='abc'：这里要填一个数，比如 4" in capsys.readouterr().err
    assert tutor.cli.main(["lab", "gd1d", "--plain", "--lang", "zh", "lrr=3"]) == 2
    assert "没有参数 'lrr'；是不是想写 lr？" in capsys.readouterr().err
    assert tutor.cli.main(["lab", "gd1d", "--plain", "x0"]) == 2          # after --plain, no '='
    assert "expected key=value, got 'x0'" in capsys.readouterr().err


def test_a_missing_app_library_says_how_to_mend_the_install(monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_textual(name, *args, **kwargs):
        if name == "tutor.app" or name.startswith("textual"):
            raise ModuleNotFoundError("No module named 'textual'", name="textual")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(tutor.cli, "source_folder", lambda: None)      # an installed dltutor
    monkeypatch.setattr(builtins, "__import__", no_textual)
    monkeypatch.delitem(sys.modules, "tutor.app", raising=False)
    assert tutor.cli.main(["list"]) == 0                    # commands without the app still work
    capsys.readouterr()
    assert tutor.cli.main([]) == 2
    err = capsys.readouterr().err
    assert "needs the package 'textual'" in err and "pip install --force-reinstall dltutor" in err
    assert "Traceback" not in err


def test_any_command_missing_a_dependency_says_how_to_mend_the_install(monkeypatch, capsys):
    """`python -m tutor check lessons` with a Python lacking rich said "unexpected error"."""
    def check(ctx, args):
        raise ModuleNotFoundError("No module named 'rich'", name="rich")

    monkeypatch.setitem(tutor.cli.COMMANDS, "check", check)
    monkeypatch.setattr(tutor.cli, "source_folder", lambda: None)      # an installed dltutor
    assert tutor.cli.main(["check", "lessons"]) == 2
    err = capsys.readouterr().err
    assert "needs the package 'rich'" in err and "pip install --force-reinstall dltutor" in err
    assert "unexpected error" not in err
    assert err.splitlines()[0] == "" and err.splitlines()[1].startswith("dltutor needs the package")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_missing_dependency_in_a_source_folder_says_to_install_it_there(lang, monkeypatch, capsys, tmp_path):
    """`python -m tutor` in a checkout, with a Python that never had dltutor installed: "reinstall
    dltutor" was wrong there, and its one 117-column line wrapped mid-command ("--force-" / "reinstall")."""
    from rich.cells import cell_len

    def check(ctx, args):
        raise ModuleNotFoundError("No module named 'textual'", name="textual")

    monkeypatch.setitem(tutor.cli.COMMANDS, "check", check)
    monkeypatch.setattr(tutor.cli, "source_folder", lambda: tmp_path)
    assert tutor.cli.main(["--lang", lang, "check", "lessons"]) == 2
    lines = capsys.readouterr().err.splitlines()[1:]     # after the blank line that sets it apart
    assert "'textual'" in lines[0] and lines[1] == f"    {sys.executable}"
    assert lines[0].startswith("dltutor ") and "dltutor: dltutor" not in lines[0]
    assert lines[-2:] == [f"    cd {tmp_path}", f"    {sys.executable} -m pip install -e ."]
    words = [line for line in lines if not line.startswith("    ")]
    assert all(cell_len(line) <= 80 for line in words), words     # read whole in an 80-column terminal
