"""A mistyped option is refused with the usage of the command it was given to (not
the top-level usage, which lists only the command's group: the run builds no
other), and with the option it is near (docs/cli.md, "Usage errors")."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from leadrules import cli
from leadrules.cli import main


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(list(argv)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.splitlines()


def test_an_option_with_an_underscore_names_the_one_with_a_dash(
        capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "segment", "x.rules", "s", "--data", "d", "--as_of", "2026-03-31")
    assert err[0].startswith("usage: leadrules segment [-h]")
    assert err[-2:] == ["leadrules: error: unrecognized arguments: --as_of 2026-03-31",
                        "  did you mean --as-of?"]
    assert not any("{" in line and "check" in line for line in err)  # no command list


def test_a_misspelt_option_names_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "test", "x.rules", "t.toml", "--junt", "x.xml")
    assert err[0].startswith("usage: leadrules test [-h]")
    assert "{test,diff}" not in "\n".join(err)
    assert err[-2:] == ["leadrules: error: unrecognized arguments: --junt x.xml",
                        "  did you mean --junit?"]
    err = refused(capsys, "score", "x.rules", "m", "--data", "d", "--formt=json",
                  "--as_of=2026-03-31")
    assert err[0].startswith("usage: leadrules score [-h]")
    assert err[-1] == "  did you mean --format and --as-of?"


def test_a_subcommand_s_own_usage(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "list", "add", "s.json", "vip", "A", "--forse")
    assert err[0].startswith("usage: leadrules list add [-h]")
    assert err[-2:] == ["leadrules: error: unrecognized arguments: --forse",
                        "  did you mean --force?"]


def test_nothing_near_no_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "segment", "a.rules", "s", "extra", "--data", "d")
    assert err[0].startswith("usage: leadrules segment [-h]")
    assert err[-1] == "leadrules: error: unrecognized arguments: extra"
    err = refused(capsys, "segment", "a.rules", "s", "--data", "d", "--qqqqqq")
    assert err[-1] == "leadrules: error: unrecognized arguments: --qqqqqq"


def test_before_any_command_the_top_level_usage(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "--versoin")
    assert err[0].startswith("usage: leadrules [-h] [--version]")
    assert err[-2:] == ["leadrules: error: unrecognized arguments: --versoin",
                        "  did you mean --version?"]


def test_a_run_still_builds_only_its_command_s_group(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Sequence[str] | None] = []
    original = cli._build_parser

    def spy(groups: Sequence[str] | None = None) -> object:
        built.append(groups)
        return original(groups)

    monkeypatch.setattr(cli, "_build_parser", spy)
    refused(capsys, "test", "x.rules", "t.toml", "--junt", "x.xml")
    refused(capsys, "segment", "x.rules", "s", "--data", "d", "--as_of", "2026-03-31")
    assert built == [("review",), ("rules",)]
