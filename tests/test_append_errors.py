"""``leadrules import --append``: what it says when a folder does not fit the store
(round 2, explorer "append" 2, 3 and the ``--key`` papercut).

A misspelt column or file is answered with the name it most likely misspells (as
the write API does), never with "import with --replace", which replaces every
lead of the store; a hint that does mention ``--replace`` says so."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A SQLite store of leads A and B (with an e-mail), made by a first import."""
    day1 = write(tmp_path / "day1", {"lead.csv": "id,email\nA,a@x.jp\nB,b@x.jp\n"})
    target = tmp_path / "leads.db"
    assert main(["import", str(day1), "--into", str(target)]) == 0
    capsys.readouterr()
    return target


def append(folder: Path, target: Path, capsys: pytest.CaptureFixture[str],
           *extra: str) -> tuple[int, str]:
    code = main(["import", str(folder), "--into", str(target), "--append", *extra])
    return code, capsys.readouterr().err


def lead_ids(target: Path) -> list[str]:
    with lr.open_store(str(target)) as s:
        return sorted(lead["id"] for lead in s.leads())


@pytest.mark.parametrize("column", ["emial", "Email"])
def test_a_misspelt_column_gets_the_field_it_misspells(
        column: str, store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    day2 = write(tmp_path / "day2", {"lead.csv": f"id,{column}\nC,c@x.jp\n"})
    code, err = append(day2, store, capsys)
    assert code == 2
    assert f"lead.csv has a column '{column}'" in err
    assert "did you mean 'email'?" in err
    assert "--replace" not in err
    assert lead_ids(store) == ["A", "B"]


def test_a_misspelt_file_gets_the_source_it_misspells(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    day2 = write(tmp_path / "day2", {
        "lead.csv": "id,email\nC,c@x.jp\n",
        "trackng.csv": "lead_id,occurred_at,path\nC,2026-03-01T00:00:00Z,/\n"})
    code, err = append(day2, store, capsys)
    assert code == 2
    assert "trackng.csv" in err and "did you mean 'tracking'?" in err
    assert "rename trackng.csv to tracking.csv" in err
    assert "--replace" not in err


def test_a_new_field_or_source_says_that_replacing_replaces_every_lead(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    day2 = write(tmp_path / "day2", {
        "lead.csv": "id,email,shoe_size\nC,c@x.jp,27\n",
        "webinar.csv": "lead_id,occurred_at\nC,2026-03-01T00:00:00Z\n"})
    code, err = append(day2, store, capsys)
    assert code == 2
    assert "lead.csv has a column 'shoe_size'" in err
    assert "the folder has webinar.csv, a source 'webinar'" in err
    assert err.count("replaces every lead and event in") == 2
    assert lead_ids(store) == ["A", "B"]
