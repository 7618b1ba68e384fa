"""Writing a SQLite store (stores/sqlite.py ``write``): several processes, one result."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from leadrules import MemoryStore, sample
from leadrules.errors import StoreError
from leadrules.stores.sqlite import default_processes, write

needs_fork = pytest.mark.skipif(sys.platform == "win32", reason="helpers are forked")


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    data = sample.generate(300)
    odd = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    data.leads.append({"id": "Äbc", "name": "İstanbul ΣΑΣ", "employees": 0.1 + 0.2,
                       "age": 1e300, "created_at": odd, "is_competitor": False,
                       "tags": ("Vip", "ünï")})
    data.events["tracking"] += [
        {"lead_id": "Äbc", "occurred_at": odd, "title": "ΣΑΣ", "duration": 1.5},
        {"lead_id": "Äbc", "occurred_at": odd, "title": "Same instant", "duration": 7}]
    return MemoryStore(data.leads, data.events)


def _contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (the lead table's with rowid), each value with its
    SQLite type and floats as hex, so 1 and 1.0 or -0.0 and 0.0 differ."""
    conn = sqlite3.connect(path)
    names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out = {}
    for name in names:
        rows = conn.execute(f'SELECT rowid, * FROM "{name}"' if name == "lead"
                            else f'SELECT * FROM "{name}"').fetchall()
        out[name] = [tuple((type(v).__name__, v.hex() if isinstance(v, float) else v)
                           for v in row) for row in rows]
    out["sqlite_master"] = conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()
    return out


def _write(store: MemoryStore, path: Path, processes: int) -> None:
    conn = sqlite3.connect(path)
    try:
        write(conn, store, processes=processes, scratch=path.parent)
    finally:
        conn.close()


@needs_fork
@pytest.mark.parametrize("processes", [2, 3])
def test_several_processes_store_exactly_the_rows_of_one(store: MemoryStore, tmp_path: Path,
                                                         processes: int) -> None:
    _write(store, tmp_path / "one.db", 1)
    _write(store, tmp_path / "many.db", processes)
    one, many = _contents(tmp_path / "one.db"), _contents(tmp_path / "many.db")
    assert many.keys() == one.keys()
    for table in one:
        assert many[table] == one[table], table
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.db", "one.db"]


@needs_fork
def test_a_failing_helper_reports_its_error_and_leaves_no_files(tmp_path: Path) -> None:
    data = sample.generate(40)
    store = MemoryStore(data.leads, data.events)
    # Loading refuses a number no float holds; put one behind its back, in the
    # last share (a helper's).
    store.leads()[-1]["employees"] = 10**400
    with pytest.raises(StoreError, match="too large for a SQL store"):
        _write(store, tmp_path / "x.db", 2)
    assert [p.name for p in tmp_path.iterdir()] == ["x.db"]


def test_small_data_is_written_by_one_process(store: MemoryStore) -> None:
    assert default_processes(store) == 1


def test_the_library_never_forks_unasked(store: MemoryStore, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from leadrules.stores import sqlite as lite

    def no_fork(*args: object) -> None:
        raise AssertionError("SQLiteStore.create forked a helper")

    monkeypatch.setattr(lite, "_Helper", no_fork)
    monkeypatch.setattr(lite, "default_processes", lambda data: 4)
    lite.SQLiteStore.create(tmp_path / "x.db", store).close()
    assert (tmp_path / "x.db").is_file()
