"""A `--chart` file that cannot be written is refused before anything runs:
nothing printed, exit 2 (the result was printed in full, then the chart refused)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RULES = """segment s {
  1: email exists
}
tiers t {
  hot: segment s
  cold: otherwise
}
funnel f {
  stage a: lead exists
  stage b: segment s
}
"""


@pytest.mark.parametrize("chart", ["out.png", "missing/out.svg", "."])
@pytest.mark.parametrize("command", [
    ["tiers", "r.rules", "t"],
    ["segment", "r.rules", "s", "--every", "month", "--since", "2026-01-01"],
    ["funnel", "r.rules", "f"],
])
def test_an_unwritable_chart_is_refused_first(tmp_path: Path, chart: str,
                                              command: list[str]) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "lead.csv").write_text("id,email\nL1,a@x.jp\n", encoding="utf-8")
    (tmp_path / "r.rules").write_text(RULES, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "leadrules", *command, "--data", "d",
                           "--as-of", "2026-03-31", "--chart", chart], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "chart" in done.stderr
