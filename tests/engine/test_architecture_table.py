"""docs/ARCHITECTURE.md's engine table names every file in engine/ (it once left out four)."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_engine_file_is_in_the_table():
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("## engine/ files", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([\w/]+(?:\.py)?)`", table))
    files = {p.name for p in (ROOT / "engine").glob("*.py")} | {"data/"}
    assert files - listed == set()
