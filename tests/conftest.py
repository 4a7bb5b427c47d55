"""Every test starts in English: the language is one setting of the process
(tutor.locale), so a test that switches to Chinese must not leak it.

pytest-xdist's workers run with COLUMNS=80 and LINES=24 in their environment; a
real terminal a test starts (tmux, ssh) would hand them to the app, which then
draws 80 columns in a 200-column pane.  A person's terminal does not export them."""
from __future__ import annotations

import os
import sys

import pytest

# Helpers shared by tests in sub-folders (plain_quiz.py) import from here.
sys.path.insert(0, os.path.dirname(__file__))
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)

from tutor import locale

# Any test fails when a panel raised behind a notice (panel_guard.py); pytester proves that.
pytest_plugins = ["pytester", "panel_guard"]


@pytest.fixture(autouse=True)
def _english_first():
    locale.set_language(locale.SOURCE)
    yield
    locale.set_language(locale.SOURCE)

