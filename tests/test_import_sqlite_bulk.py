"""``leadrules import FOLDER --into x.db`` through DuckDB (stores/sqlite_bulk.py):
the SQLite file holds exactly the rows the Python path writes (``seq``, the leads'
rowids, value types and float bits included), with one process or with a helper
writing half of every table; folders the engine could read differently go the
Python way, with the same rows or the same error; a failed import leaves the
target as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from leadrules import sample
from leadrules.errors import DataError, StoreError
from leadrules.memory import MemoryStore
from leadrules.schema import DEFAULT_SCHEMA
from leadrules.stores import bulk, sqlite_bulk
from leadrules.stores.importer import import_data
from leadrules.stores.sqlite import SQLiteStore
from tests.test_import_bulk import FALLBACKS, _folder_with, odd_folder, write_csv


def _tables(path: Path) -> dict[str, list[str]]:
    """Every table of a SQLite file in its stored order (the leads with their
    rowids), rows as repr (so 1 differs from 1.0 and -0.0 from 0.0), and the
    schema's SQL."""
    conn = sqlite3.connect(path)
    try:
        out = {"sqlite_master": [repr(r) for r in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")]}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            rowid = "rowid, " if table == "lead" else ""
            out[table] = [repr(r) for r in conn.execute(f'SELECT {rowid}* FROM "{table}"')]
        return out
    finally:
        conn.close()


def _python_path(folder: Path, target: Path) -> dict[str, list[str]]:
    SQLiteStore.create(target, MemoryStore.from_folder(folder)).close()
    return _tables(target)


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return odd_folder(tmp_path_factory.mktemp("odd") / "data")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("generated")
    sample.write_csv(sample.generate(300), path)
    return path


def _folder(which: str, odd: Path, generated: Path, tmp_path: Path) -> Path:
    if which == "odd":
        return odd
    if which == "generated":
        return generated
    if which == "minimal":  # every other field of the schema missing, of every type
        folder = tmp_path / "minimal"
        folder.mkdir()
        write_csv(folder / "lead.csv", ["id"], [["L2"], ["L1"]], "\n")
        write_csv(folder / "tracking.csv", ["lead_id", "occurred_at"],
                  [["L1", "2026-01-03"], ["L2", "2026-01-02"], ["L1", "2026-01-01"]], "\n")
        return folder
    return odd_folder(tmp_path / "lf", newline="\n")


@pytest.mark.parametrize("which", ["odd", "odd_lf", "generated", "minimal"])
def test_engine_import_stores_the_rows_of_the_python_path(
        which: str, odd: Path, generated: Path, tmp_path: Path) -> None:
    folder = _folder(which, odd, generated, tmp_path)
    result = import_data(folder, str(tmp_path / "engine.db"))
    assert result.path == "engine"
    expected = _python_path(folder, tmp_path / "python.db")
    stored = _tables(tmp_path / "engine.db")
    assert set(stored) == set(expected)
    for table in expected:
        assert stored[table] == expected[table], table
    assert result.leads == len(expected["lead"])
    assert result.events == {t.name: len(expected[t.name]) for t in result.schema.sources}


@pytest.mark.parametrize("processes", [1, 2])
@pytest.mark.parametrize("which", ["odd", "generated", "minimal"])
def test_one_process_or_a_helper_beside_it_stores_the_same_rows(
        which: str, processes: int, odd: Path, generated: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_bulk, "_SHARE_MIN_ROWS", 2)
    parts: list[Path] = []
    write_part = sqlite_bulk._write_part

    def spy(path: Path, *args: Any) -> int:
        parts.append(path)
        return write_part(path, *args)
    monkeypatch.setattr(sqlite_bulk, "_write_part", spy)
    folder = _folder(which, odd, generated, tmp_path)
    plan = bulk.plan(folder, DEFAULT_SCHEMA)
    assert plan is not None
    counts = sqlite_bulk.create_from_plan(tmp_path / "engine.db", plan, processes=processes)
    assert counts is not None
    # With a helper, half of the largest table is written beside the file.
    assert len(parts) == processes - 1
    expected = _python_path(folder, tmp_path / "python.db")
    stored = _tables(tmp_path / "engine.db")
    for table in expected:
        assert stored[table] == expected[table], table
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("case", sorted(FALLBACKS))
def test_odd_folders_import_as_the_python_path_does(case: str, tmp_path: Path) -> None:
    folder = _folder_with(tmp_path / "data", *FALLBACKS[case])
    try:
        expected = _python_path(folder, tmp_path / "python.db")
    except DataError as error:
        with pytest.raises(DataError) as raised:
            import_data(folder, str(tmp_path / "x.db"))
        assert str(raised.value) == str(error)
        assert not (tmp_path / "x.db").exists()
        return
    result = import_data(folder, str(tmp_path / "x.db"))
    assert result.path == "python"
    assert _tables(tmp_path / "x.db") == expected


def test_a_folder_the_engine_reads_then_declines_leaves_no_file(tmp_path: Path) -> None:
    folder = _folder_with(tmp_path / "data", "name", "Bob")
    write_csv(folder / "tracking.csv", ["lead_id", "occurred_at"],
              [["L1", "2026-01-03"], ["L2", "2026-13-03"]])
    plan = bulk.plan(folder, DEFAULT_SCHEMA)
    assert plan is not None
    assert sqlite_bulk.create_from_plan(tmp_path / "x.db", plan, processes=2) is None
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]
    with pytest.raises(DataError, match="occurred_at"):
        import_data(folder, str(tmp_path / "x.db"))


def test_without_duckdb_the_python_path_imports(odd: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_bulk, "available", lambda: False)
    result = import_data(odd, str(tmp_path / "x.db"))
    assert result.path == "python"
    assert _tables(tmp_path / "x.db") == _python_path(odd, tmp_path / "python.db")


def test_a_failed_engine_import_leaves_the_target_as_it_was(
        odd: Path, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.db"
    import_data(generated, str(target))
    before = _tables(target)

    def fail(*args: Any) -> None:
        raise StoreError("disk full")
    monkeypatch.setattr(sqlite_bulk, "_SHARE_MIN_ROWS", 2)
    monkeypatch.setattr(sqlite_bulk, "_append", fail)
    monkeypatch.setattr(sqlite_bulk, "engine_processes", lambda: 2)
    with pytest.raises(StoreError, match="disk full"):
        import_data(odd, str(target))
    assert _tables(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]
