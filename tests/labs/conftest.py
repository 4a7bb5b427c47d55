"""Tests of one lab live in tests/labs/<lab>/ (as the lab lives in tutor/labs/<lab>/);
the helpers they share stay here (lab_plain, labs2_pilot, zh_check), importable by name
from any of those folders.  Test file names stay unique: pytest imports them by basename."""
import sys
from pathlib import Path

HERE = str(Path(__file__).parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
