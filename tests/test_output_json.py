"""JSON output is strict JSON: a score beyond the float range is the number
1e999, not the token Infinity that strict parsers refuse."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

from leadrules.output import to_json


def strict(text: str) -> object:
    def refuse(token: str) -> object:
        raise ValueError(f"not JSON: {token}")
    return json.loads(text, parse_constant=refuse)


def test_non_finite_numbers_are_written_as_json_numbers() -> None:
    data = [{"a": math.inf, "b": -math.inf, "c": math.nan, "d": "Infinity", "e": (1.5, math.inf)}]
    text = to_json(data)
    assert strict(text) == [{"a": math.inf, "b": -math.inf, "c": None, "d": "Infinity",
                             "e": [1.5, math.inf]}]
    assert '"a": 1e999' in text and '"b": -1e999' in text and '"c": null' in text
    # Finite data is written as before.
    assert to_json({"x": 0.1, "y": [1, "z"]}) == json.dumps({"x": 0.1, "y": [1, "z"]}, indent=2)


def test_an_infinite_score_is_strict_json_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id\nL1\nL2\n", encoding="utf-8")
    (tmp_path / "d" / "tracking.csv").write_text(
        "lead_id,occurred_at\nL1,2026-11-01T00:00:00Z\nL1,2026-11-02T00:00:00Z\n",
        encoding="utf-8")
    (tmp_path / "r.rules").write_text("scoring m {\n  tracking => +1e308 per event\n}\n",
                                      encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "leadrules", "score", "r.rules", "m", "--data",
                          "d", "--as-of", "2026-11-20", "--format", "json"], cwd=tmp_path,
                         capture_output=True, text=True, check=True).stdout
    rows = strict(out)
    assert isinstance(rows, list)
    assert [(r["lead_id"], r["score"]) for r in rows] == [("L1", math.inf), ("L2", 0)]
