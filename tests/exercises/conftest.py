"""The ways exercise code can run here: bubblewrap (skipped where it cannot start) and a plain process."""
from __future__ import annotations

import pytest

from tutor.exercises.sandbox import Mode, choose_mode


@pytest.fixture(scope="session")
def sandbox() -> Mode:
    mode = choose_mode(classroom=True)
    if not mode.runs:
        pytest.skip(f"bubblewrap cannot run here: {mode.reason}")
    return mode


@pytest.fixture(scope="session")
def process() -> Mode:
    return Mode("process")
