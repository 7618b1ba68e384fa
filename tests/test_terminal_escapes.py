"""Data text never reaches the terminal raw: every renderer for people (tables,
``explain``, ``timeline``, breakdown headings) shows a control character, a line
or paragraph separator or a bidirectional control as its escape, as ``check``
does for a rules line; CSV and JSON keep the data exact.

A company name and a tracked path come from web forms and URLs: an OSC sequence
(``ESC ] 0 ; … BEL``) would retitle the analyst's terminal, ``ESC [ 2 J`` clear it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main

COMPANY = "Acme\x1b]0;pw\x07\x1b[2J\u2028\u202eX"
PATH = "/x\x1b[31m\x7f\x9b"
# Written by hand: each character as its \\xNN or \\uNNNN escape.
COMPANY_SHOWN = r"Acme\x1b]0;pw\x07\x1b[2J\u2028\u202eX"
PATH_SHOWN = r"/x\x1b[31m\x7f\x9b"

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What must not be printed (the tab and the newline between lines may be)."""

RULES = """
segment s {
  match tracking exists
}
segment acme {
  match company contains "acme" and tracking { path starts with "/x" } exists
}
scoring m {
  seen: tracking => +1 per event
}
tiers t using m {
  hot: score >= 1 and tracking { path starts with "/x" } exists
}
funnel f {
  all_: all
  seen: tracking exists
}
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    data = tmp_path / "data"
    data.mkdir()
    with open(data / "lead.csv", "w", encoding="utf-8", newline="") as f:
        f.write(f'id,name,company\nL1,Mallory,"{COMPANY}"\n')
    with open(data / "tracking.csv", "w", encoding="utf-8", newline="") as f:
        f.write(f'lead_id,occurred_at,path\nL1,2026-01-01T00:00:00Z,"{PATH}"\n')
    rules = tmp_path / "esc.rules"
    rules.write_text(RULES)
    return str(rules), str(data)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr().out
    assert code == 0
    return out


def assert_escaped(out: str, *shown: str) -> None:
    assert RAW.findall(out) == []
    for text in shown:
        assert text in out


AS_OF = ("--as-of", "2026-02-01")


def test_tables_escape_data(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    rules, data = files
    out = run(capsys, "segment", rules, "s", "--data", data, *AS_OF, "--format", "table")
    assert_escaped(out, f"L1       Mallory  {COMPANY_SHOWN}")
    out = run(capsys, "segment", rules, "s", "--data", data, *AS_OF, "--format", "table",
              "--columns", "company")
    assert_escaped(out, COMPANY_SHOWN)
    out = run(capsys, "funnel", rules, "f", "--data", data, *AS_OF, "--by", "company",
              "--format", "table")
    assert_escaped(out, f"== company: {COMPANY_SHOWN}\n")


@pytest.mark.parametrize("name", ["s", "acme", "m", "t"])
def test_explain_escapes_data(files: tuple[str, str], capsys: pytest.CaptureFixture[str],
                              name: str) -> None:
    rules, data = files
    out = run(capsys, "explain", rules, name, "L1", "--data", data, *AS_OF)
    assert_escaped(out, f"path={PATH_SHOWN}")


def test_timeline_table_escapes_data(files: tuple[str, str],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    _, data = files
    out = run(capsys, "timeline", data, "L1", "--format", "table")
    assert_escaped(out, f"L1 Mallory, {COMPANY_SHOWN} (times in UTC)\n",
                   f"path={PATH_SHOWN}")


def test_rule_test_output_escapes_names_ids_and_data(
        files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`leadrules test`: a test's name and lead id (from the TOML file) and the
    explanation of a failure (from the data) are shown escaped too."""
    rules, _ = files
    tests = tmp_path / "t.toml"
    tests.write_text('as_of = 2026-02-01\n[[test]]\nname = "pwn \\u001b]0;t\\u0007 me"\n'
                     'lead = { id = "L\\u001b[2J1", company = "Acme\\u001b[2J" }\n'
                     'expect.in = ["acme"]\n', encoding="utf-8")
    code = main(["test", rules, str(tests)])
    out = capsys.readouterr().out
    assert code == 1
    assert_escaped(out, r"FAIL  ", r"pwn \x1b]0;t\x07 me (lead L\x1b[2J1")


def test_a_chart_of_such_data_is_well_formed_svg(
        files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A control character is no XML: a chart broken down by the company names
    it escaped, so the file parses (it did not)."""
    import xml.etree.ElementTree as ET
    rules, data = files
    chart = tmp_path / "f.svg"
    run(capsys, "funnel", rules, "f", "--data", data, *AS_OF, "--by", "company",
        "--chart", str(chart))
    text = chart.read_text(encoding="utf-8")
    ET.fromstring(text.encode("utf-8"))
    assert_escaped(text, COMPANY_SHOWN)


def test_csv_and_json_keep_the_data_exact(files: tuple[str, str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    rules, data = files
    out = run(capsys, "segment", rules, "s", "--data", data, *AS_OF, "--format", "json",
              "--columns", "company")
    assert json.loads(out) == [{"lead_id": "L1", "company": COMPANY}]
    out = run(capsys, "timeline", data, "L1", "--format", "json")
    assert json.loads(out)[0]["fields"]["path"] == PATH
    out = run(capsys, "explain", rules, "s", "L1", "--data", data, *AS_OF, "--format", "json")
    assert json.loads(out)["children"][0]["events"][0]["path"] == PATH
    # CSV writes the value as it is, quoted where CSV needs it.
    out = run(capsys, "segment", rules, "s", "--data", data, *AS_OF, "--format", "csv",
              "--columns", "company")
    assert COMPANY in out


def test_python_renderers_escape_too() -> None:
    store = lr.MemoryStore([{"id": "L1", "company": COMPANY}],
                           {"tracking": [{"lead_id": "L1", "occurred_at": "2026-01-01T00:00:00Z",
                                          "path": PATH}]})
    rules = lr.parse(RULES)
    for text in (rules.segment("s").explain("L1", "2026-02-01", store=store).render(),
                 rules.scoring("m").explain("L1", "2026-02-01", store=store).render(),
                 rules.tiers("t").explain("L1", "2026-02-01", store=store).render(),
                 rules.segment("s").leads(store, "2026-02-01").to_text()):
        assert RAW.findall(text) == []
    assert COMPANY_SHOWN in rules.segment("s").leads(store, "2026-02-01").to_text()
