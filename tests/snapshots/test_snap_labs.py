"""Every lab at step 3 (a few steps in: the panels show a run, not an empty frame),
in English and in Chinese, at 100×30.  One app per picture: a failing lab names itself."""
from __future__ import annotations

import pytest

from tutor.labs import lab_names

from app_helpers import make_app
from snap_helpers import SIZE, at_step

STEP = 3


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("lab", lab_names())
def test_lab_at_step_3(snap_compare, lab, lang):
    # No store: nothing is written, and the picture cannot depend on a data folder.
    app = make_app(lang=lang, lessons=[], lab=lab)
    assert snap_compare(app, terminal_size=SIZE, run_before=at_step(STEP))
