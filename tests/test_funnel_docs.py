"""The worked example of docs/funnels.md ("Ordered funnels"), run as written: its
rules file, on the data of ``leadrules demo --out demo-data``, must print exactly
what the page shows after each ``$ leadrules funnel …`` line."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from leadrules import sample
from leadrules.cli import main

DOC = Path(__file__).parent.parent / "docs" / "funnels.md"


def _section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("### A worked example")
    return text[start:text.index("\n## ", start)]


def _commands() -> list[tuple[str, str]]:
    """``(command line, expected output)`` for each ``$ leadrules funnel`` line."""
    out = []
    for block in re.findall(r"```\n(.*?)```", _section(), re.S):
        for part in re.split(r"^(?=\$ leadrules )", block, flags=re.M):
            if part.startswith("$ leadrules "):
                line, _, expected = part.partition("\n")
                out.append((line[len("$ leadrules "):], expected))
    return out


def test_the_worked_example_has_commands() -> None:
    assert len(_commands()) >= 7


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    sample.write_csv(sample.generate(), folder / "demo-data")  # what `leadrules demo` writes
    rules = re.search(r"```\n(# journeys\.rules\n.*?)```", _section(), re.S)
    assert rules is not None
    (folder / "journeys.rules").write_text(rules.group(1), encoding="utf-8")
    return folder


@pytest.mark.parametrize("command, expected", _commands(), ids=[c for c, _ in _commands()])
def test_the_docs_show_what_the_command_prints(workdir: Path, command: str, expected: str,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    assert main(shlex.split(command)) == 0
    assert capsys.readouterr().out == expected
