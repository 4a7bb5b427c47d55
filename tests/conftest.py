"""Every test starts in English: the language is one setting of the process
(tutor.locale), so a test that switches to Chinese must not leak it."""
from __future__ import annotations

import pytest

from tutor import locale


@pytest.fixture(autouse=True)
def _english_first():
    locale.set_language(locale.SOURCE)
    yield
    locale.set_language(locale.SOURCE)
