"""Sums beyond DECIMAL(38, 12) (docs/data.md, "Sums and means"): memory, SQLite
and PostgreSQL add the numbers as written exactly; DuckDB (files and frames)
falls back to its compensated fsum, which keeps a small value beside a huge one.
Hand-computed: each lead's values sum to exactly the number its segment tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import psycopg
import pytest

import leadrules as lr
from leadrules.stores import postgres as pg
from tests.backends import POSTGRES_URL, unique_name

VALUES = {"U": [1e30, 0.1, -1e30], "V": [1e300, 1e-300, -1e300],
          "W": [123456789012345.6, 1e-13, -123456789012345.6],
          "X": [1e-13, 2e-13], "Y": [9007199254740992.0, 1.0, 1.0]}
RULES = lr.parse("\n".join(
    f"segment s{k} {{\n  1: tracking sum duration = {v}\n}}" for k, v in
    [("U", "0.1"), ("V", "1e-300"), ("W", "1e-13"), ("X", "3e-13"),
     ("Y", "9007199254740994")]) + "\n")
AS_OF = "2026-11-20"


def memory() -> lr.MemoryStore:
    events = [{"lead_id": lead, "occurred_at": f"2026-11-0{i + 1}T00:00:00Z", "duration": v}
              for lead, values in VALUES.items() for i, v in enumerate(values)]
    return lr.MemoryStore([{"id": lead} for lead in VALUES], {"tracking": events})


def answers(store: object) -> dict[str, list[str]]:
    return {name: RULES.segment(name).select(store, AS_OF) for name in RULES.segment_names}


WANT = {f"s{lead}": [lead] for lead in VALUES}


def test_memory() -> None:
    assert answers(memory()) == WANT


@pytest.mark.parametrize("suffix", [".db", ".duckdb"])
def test_sqlite_and_duckdb_files(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"s{suffix}"
    (lr.SQLiteStore if suffix == ".db" else lr.DuckDBStore).create(path, memory()).close()
    with lr.open_store(str(path)) as store:
        assert answers(store) == WANT


def test_postgres() -> None:
    schema = unique_name("lr_sums")
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        with conn.transaction():
            pg.write(conn, memory(), schema)
        try:
            assert answers(lr.PostgresStore(conn, schema_name=schema)) == WANT
        finally:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_frames() -> None:
    events = pd.DataFrame(
        [{"lead_id": lead, "occurred_at": pd.Timestamp(f"2026-11-0{i + 1}", tz="UTC"),
          "duration": v} for lead, values in VALUES.items() for i, v in enumerate(values)])
    store = lr.open_store({"lead": pd.DataFrame({"id": list(VALUES)}), "tracking": events})
    assert answers(store) == WANT
