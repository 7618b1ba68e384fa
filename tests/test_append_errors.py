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


CALLS = ("lead_id,occurred_at,id,type\n"
         "A,2026-03-02T10:00:00Z,C1,phone\nB,2026-03-03T10:00:00Z,C2,visit\n")


@pytest.mark.parametrize("suffix", [".db", ".duckdb"])
def test_a_folder_of_events_alone_appends_them_to_the_stores_leads(
        suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    day1 = write(tmp_path / "day1", {"lead.csv": "id,email\nA,a@x.jp\nB,b@x.jp\n"})
    target = tmp_path / f"leads{suffix}"
    assert main(["import", str(day1), "--into", str(target)]) == 0
    calls = write(tmp_path / "calls", {"activity.csv": CALLS})
    for _ in range(2):                       # the key keeps a second run from adding them
        code, err = append(calls, target, capsys, "--key", "activity.id")
        assert code == 0, err
    with lr.open_store(str(target)) as s:
        assert [e["id"] for e in s.events_of("A")["activity"]] == ["C1"]
        assert [e["id"] for e in s.events_of("B")["activity"]] == ["C2"]
    assert lead_ids(target) == ["A", "B"]


def test_events_alone_in_json_lines_append_too(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calls = write(tmp_path / "calls", {"activity.jsonl": (
        '{"lead_id": "B", "occurred_at": "2026-03-03T10:00:00Z", "id": "C9"}\n')})
    assert append(calls, store, capsys)[0] == 0
    with lr.open_store(str(store)) as s:
        assert [e["id"] for e in s.events_of("B")["activity"]] == ["C9"]


def test_events_alone_of_a_lead_the_store_lacks_are_refused(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calls = write(tmp_path / "calls", {"activity.csv": CALLS + "Z,2026-03-04T10:00:00Z,C3,x\n"})
    code, err = append(calls, store, capsys)
    assert code == 1
    assert "activity.csv has events of 1 lead" in err and ": Z" in err
    assert "no lead.csv" in err
    with lr.open_store(str(store)) as s:     # nothing was written
        assert s.events_of("A").get("activity", []) == []


def test_a_replacing_import_of_events_alone_points_to_append(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calls = write(tmp_path / "calls", {"activity.csv": CALLS})
    assert main(["import", str(calls), "--into", str(tmp_path / "x.db")]) == 1
    err = capsys.readouterr().err
    assert "no lead.csv or lead.jsonl in" in err
    assert "--append" in err and "must be named" not in err
    leads = write(tmp_path / "misnamed", {"leads.csv": "id\nA\n"})
    assert main(["import", str(leads), "--into", str(tmp_path / "y.db")]) == 1
    assert "must be named lead.csv or lead.jsonl (found leads.csv)" in capsys.readouterr().err


def test_a_key_column_the_file_lacks_lists_every_column_lead_id_too(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    day2 = write(tmp_path / "day2", {"application.csv": (
        "lead_id,occurred_at,form\nA,2026-03-01T00:00:00Z,contact\n")})
    code, err = append(day2, store, capsys, "--key", "application.id")
    assert code == 2
    assert "no column 'id' in application.csv" in err
    assert "its columns: lead_id, occurred_at, form" in err


@pytest.mark.parametrize("name", ["missing.duckdb", "missing.db"])
def test_appending_to_a_store_that_is_not_there_leaves_no_file(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    day2 = write(tmp_path / "day2", {"lead.csv": "id,email\nC,c@x.jp\n"})
    code, err = append(day2, tmp_path / name, capsys)
    assert code != 0 and "no " in err and name in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["day2"]  # no lock file either
