"""`leadrules test` on rules that use `in list` (docs/testing.md, "Rules that read
lists"): the lists come from `--state STATE`, as for the other commands, or from a
`--data` store that keeps them, which stays open while the tests run; without
either, the error names what the command takes."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main

RULES = "segment vips {\n  match in list vip\n}\n"

# The lists below are written now (`list add` records the change as of the
# clock), so the tests look at them well after: as of 2099 A is on vip, B is not.
TESTS = """\
as_of = 2099-01-01

[[test]]
name = "A is a VIP"
lead = { id = "A" }
expect.in = ["vips"]

[[test]]
name = "B is not"
lead = { id = "B" }
expect.not_in = ["vips"]
"""

WRONG = TESTS.replace('expect.in = ["vips"]', 'expect.not_in = ["vips"]')


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("vips.rules").write_text(RULES, encoding="utf-8")
    Path("vips.toml").write_text(TESTS, encoding="utf-8")
    Path("wrong.toml").write_text(WRONG, encoding="utf-8")
    return tmp_path


def test_the_lists_of_a_state_file(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "add", "state.json", "vip", "A", "--force"]) == 0
    capsys.readouterr()
    assert main(["test", "vips.rules", "vips.toml", "--state", "state.json"]) == 0
    assert capsys.readouterr().out.endswith("2 tests: 2 passed, 0 failed\n")
    # The list is really read: A is on it, so "A is not in vips" fails.
    assert main(["test", "vips.rules", "wrong.toml", "--state", "state.json"]) == 1
    out = capsys.readouterr().out
    assert "expected not in segment vips, got in the segment" in out
    assert out.endswith("2 tests: 1 passed, 1 failed\n")


def test_the_lists_a_sqlite_store_keeps(files: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    Path("data").mkdir()
    Path("data/lead.csv").write_text("id\nA\nB\n", encoding="utf-8")
    assert main(["import", "data", "--into", "leads.db"]) == 0
    assert main(["list", "add", "leads.db", "vip", "A"]) == 0
    capsys.readouterr()
    # The store stays open while the tests read its lists (it was closed before
    # they ran: "SQLite failed: Cannot operate on a closed database").
    assert main(["test", "vips.rules", "vips.toml", "--data", "leads.db"]) == 0
    captured = capsys.readouterr()
    assert captured.out.endswith("2 tests: 2 passed, 0 failed\n"), captured.err
    assert main(["test", "vips.rules", "wrong.toml", "--data", "leads.db"]) == 1
    assert capsys.readouterr().out.endswith("2 tests: 1 passed, 1 failed\n")


def test_without_lists_the_error_names_what_the_command_takes(
        files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "vips.rules", "vips.toml"]) == 2
    err = capsys.readouterr().err
    assert "but no lists are given" in err
    hint = err.splitlines()[-1]
    assert "--state STATE" in hint and "--data" in hint and "lists=" not in hint
    # A command without --data names --state only.
    assert main(["sql", "vips.rules", "vips", "--dialect", "sqlite"]) == 2
    hint = capsys.readouterr().err.splitlines()[-1]
    assert "--state STATE" in hint and "--data" not in hint and "lists=" not in hint
    # From Python, the hint names lists=, not the command line's options.
    with pytest.raises(lr.UsageError) as caught:
        lr.load("vips.rules").test("vips.toml")
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.code == "no-lists"
    assert diagnostic.hint is not None
    assert "lists=" in diagnostic.hint and "--state" not in diagnostic.hint
