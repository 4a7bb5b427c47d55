"""The translation API (tutor/locale): catalogs are valid gettext files, every
message the code asks for is in every catalog with the same placeholders, and
nothing asks with a message that cannot be found (an f-string, a variable)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tutor import locale
from tutor.locale.extract import all_uses
from tutor.locale.po import CatalogError, read_po

ROOT = Path(__file__).resolve().parents[1]
OTHER_LANGS = [lang for lang in locale.languages() if lang != locale.SOURCE]
PO_FILES = sorted((ROOT / "tutor" / "locale").glob("*/*.po"))
USES = all_uses(ROOT)
MSGIDS = {use.msgid for use in USES if use.msgid is not None}


def test_there_is_a_language_besides_english():
    assert "zh" in OTHER_LANGS
    assert locale.language_name("zh") == "中文"


def test_po_reader_reads_what_translation_tools_write(tmp_path):
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"X-Language-Name: Test\\n"\n\n'
                  '# a comment\n#: tutor/app.py:3\n#, python-brace-format\nmsgid "Step {step}\\n"\n"of {total}"\n'
                  'msgstr "第 {step} 步\\n"\n"共 {total} 步"\n\n'
                  '#, fuzzy\nmsgid "Half done"\nmsgstr "半"\n\nmsgid "Not yet"\nmsgstr ""\n', encoding="utf-8")
    catalog = read_po(po)
    assert catalog.messages == {"Step {step}\nof {total}": "第 {step} 步\n共 {total} 步"}
    assert catalog.headers["X-Language-Name"] == "Test"


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_catalogs_merge_without_conflicts(lang):
    assert locale.conflicts(lang) == []


def test_a_message_translated_two_ways_keeps_the_first_and_is_reported(tmp_path, monkeypatch):
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "a.po").write_text('msgid "Epoch"\nmsgstr "轮"\n', encoding="utf-8")
    (folder / "b.po").write_text('msgid "Epoch"\nmsgstr "轮次"\n', encoding="utf-8")
    monkeypatch.setattr(locale, "HERE", tmp_path)
    locale.catalog.cache_clear()
    try:
        assert locale.catalog("xx").messages == {"Epoch": "轮"}
        assert "translated differently" in locale.conflicts("xx")[0]
    finally:
        monkeypatch.undo()
        locale.catalog.cache_clear()


def test_po_reader_names_the_line_of_a_broken_entry(tmp_path):
    po = tmp_path / "x.po"
    po.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"x.po:2"):
        read_po(po)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="Debian's gettext (msgfmt) is not installed")
@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_catalog_passes_msgfmt_check(po, tmp_path):
    result = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(po)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# Until every part of the app speaks through tutor.locale (issue 16, item 4).
CONVERTING = pytest.mark.xfail(strict=True, reason="the old t(lang, key) helpers are still being converted")


@CONVERTING
def test_every_message_is_a_literal_string():
    dynamic = [f"{use.path.relative_to(ROOT)}:{use.line}" for use in USES if use.msgid is None]
    assert not dynamic, "t() needs a string literal (placeholders for the changing parts): " + ", ".join(dynamic)


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_every_message_is_translated_with_the_same_placeholders(lang):
    messages = locale.catalog(lang).messages
    missing = sorted(m for m in MSGIDS if m not in messages)
    assert not missing, f"{len(missing)} messages have no {lang} translation, e.g. {missing[:5]}"
    wrong = [m for m in MSGIDS if locale.placeholders(m) != locale.placeholders(messages[m])]
    assert not wrong, f"placeholders differ in {lang}: {wrong[:5]}"


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_no_catalog_entry_is_left_over(lang):
    unused = sorted(set(locale.catalog(lang).messages) - MSGIDS)
    assert not unused, f"{len(unused)} {lang} entries no code asks for, e.g. {unused[:5]}"


def test_placeholders_are_filled_and_a_broken_translation_falls_back_to_english(monkeypatch):
    with locale.using("zh"):
        monkeypatch.setitem(locale.catalog("zh").messages, "Step {step}", "第 {stpe} 步")
        assert locale.t("Step {step}", step=3) == "Step 3"
        monkeypatch.setitem(locale.catalog("zh").messages, "Step {step}", "第 {step} 步")
        assert locale.t("Step {step}", step=3) == "第 3 步"
    assert locale.t("Step {step}", step=3) == "Step 3"


def test_pseudo_language_marks_every_message():
    with locale.using(locale.PSEUDO):
        assert locale.t("Step {step}", step=3) == "⟦Step 3⟧"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        locale.set_language("xx")
