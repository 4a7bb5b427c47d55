"""A pytest plugin (tests/conftest.py loads it): fail any test during which a panel raised.

The app turns a panel's exception into a short notice for the student and carries on
(tutor/widgets/guard.py `panel_failed` logs it on "dltutor.panels"), so without this a
broken panel — a readout gone after a refactor — passes every lab test.  A test that
breaks a panel on purpose asks for the `panel_errors` fixture instead.
"""
from __future__ import annotations

import logging

import pytest


class _PanelErrors(logging.Handler):
    """What `tutor.widgets.guard.panel_failed` logged: a panel that raised behind a student's notice."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def _no_panel_errors(request):
    """Record the panel errors of each test; fail it at teardown unless it asked for `panel_errors`."""
    caught = _PanelErrors()
    log = logging.getLogger("dltutor.panels")
    log.addHandler(caught)
    try:
        yield caught.records
    finally:
        log.removeHandler(caught)
    if caught.records and "panel_errors" not in request.fixturenames:
        pytest.fail("a panel raised (the student saw a notice):\n\n"
                    + "\n\n".join(caught.format(r) for r in caught.records), pytrace=False)


@pytest.fixture
def panel_errors(_no_panel_errors):
    """Opt out of `_no_panel_errors`: the panel errors this test provokes, to check them."""
    return _no_panel_errors
