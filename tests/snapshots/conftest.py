"""SVG snapshots (pytest-textual-snapshot) of the labs, the stepper, a quiz, the
progress screen and the teacher's dashboard; the SVGs are in __snapshots__/.

After an intended change to what a screen shows:
    python -m pytest tests/snapshots --snapshot-update
then open the changed SVGs and look at them before committing them.

The helpers shared by these files are in snap_helpers.py; the app tests' helpers
(tests/app/app_helpers.py) are importable from here too.
"""
import sys
from pathlib import Path

HERE = Path(__file__).parent
for folder in (HERE, HERE.parent / "app"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
