"""Lesson content as data: lessons/<lang>/<NN>-<slug>.md (see docs/ARCHITECTURE.md)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent
