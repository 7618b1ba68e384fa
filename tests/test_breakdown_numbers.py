"""Funnel breakdowns by a number field (funnels.md "Breakdown by a lead field"):
groups follow ``=``, so ``250`` and ``250.0`` (and ``-0`` and ``0``) are one
group, labelled alike on every store — a CSV folder (memory) and the same data
imported into SQLite or DuckDB give the same table, worked out here by hand."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import duckdb
import pytest

import leadrules as lr
from leadrules.cli import main
from leadrules.funnel import FunnelBreakdown
from leadrules.stores import duckdb as duck
from leadrules.stores import sqlite as lite
from leadrules.stores.duckdb import DuckDBStore
from leadrules.stores.sqlite import SQLiteStore

UTC = dt.UTC

RULES = """
funnel p {
  all_: all
  won:  status = "won"
}
"""

# L1..L9 as a pandas/Excel export writes them: whole numbers with and without ".0".
LEADS_CSV = """id,employees,status
L1,250,won
L2,250.0,open
L3,250,open
L4,0,won
L5,-0,open
L6,1e2,open
L7,100,won
L8,2.5,open
L9,,open
"""

# By hand: 0 = {L4 won, L5}; 100 = {L6, L7 won}; 2.5 = {L8}; 250 = {L1 won, L2, L3};
# (missing) = {L9}.  Sorted by label, missing last.
EXPECTED_CSV = """group,name,count,rate,overall,drop_off
0,all_,2,1.0,1.0,0
0,won,1,0.5,0.5,1
100,all_,2,1.0,1.0,0
100,won,1,0.5,0.5,1
2.5,all_,1,1.0,1.0,0
2.5,won,0,0.0,0.0,1
250,all_,3,1.0,1.0,0
250,won,1,0.3333333333333333,0.3333333333333333,2
(missing),all_,1,1.0,1.0,0
(missing),won,0,0.0,0.0,1
"""


def funnel_csv(capsys: pytest.CaptureFixture[str], rules: Path, data: Path) -> str:
    code = main(["funnel", str(rules), "p", "--data", str(data), "--as-of", "2026-01-01",
                 "--by", "employees", "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    return out


def test_a_folder_and_its_sqlite_import_give_the_same_number_groups(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "lead.csv").write_text(LEADS_CSV)
    rules = tmp_path / "num.rules"
    rules.write_text(RULES)
    database = tmp_path / "num.db"
    assert main(["import", str(folder), "--into", str(database)]) == 0
    capsys.readouterr()
    from_folder = funnel_csv(capsys, rules, folder)
    assert from_folder == EXPECTED_CSV
    assert funnel_csv(capsys, rules, database) == from_folder


def test_memory_groups_mixed_ints_and_floats_by_value_with_the_sql_label() -> None:
    leads = [{"id": "A", "employees": 100}, {"id": "B", "employees": 100.0},
             {"id": "C", "employees": -0.0}, {"id": "D", "employees": 0.0},
             {"id": "E", "employees": 1e20}]
    memory = lr.MemoryStore(leads)
    funnel = lr.parse(RULES).funnel("p")
    got = funnel.report(memory, "2026-01-01", by="employees")
    assert isinstance(got, FunnelBreakdown)
    assert [(g.label, g.value, g.report.population) for g in got.groups] == [
        ("0", 0, 2), ("100", 100, 2), ("1e+20", 1e20, 1)]
    assert all(type(g.value) is int for g in got.groups[:2])   # as SQL stores read them
    conn = sqlite3.connect(":memory:")
    lite.write(conn, memory)
    on_sqlite = funnel.report(SQLiteStore(conn), "2026-01-01", by="employees")
    assert isinstance(on_sqlite, FunnelBreakdown)
    assert on_sqlite.to_dict() == got.to_dict()


ORDERED = """
funnel od ordered within 7 days {
  visited: tracking exists
  applied: application exists
}
"""


def ordered_store() -> lr.MemoryStore:
    t0 = dt.datetime(2026, 3, 1, 9, tzinfo=UTC)

    def visit(lead_id: str, duration: Any) -> dict[str, Any]:
        return {"lead_id": lead_id, "occurred_at": t0, "duration": duration}

    def applied(lead_id: str) -> dict[str, Any]:
        return {"lead_id": lead_id, "occurred_at": t0 + dt.timedelta(days=1)}

    leads = [{"id": i, "created_at": dt.datetime(2026, 1, 1, tzinfo=UTC)} for i in "ABCDEF"]
    return lr.MemoryStore(leads, {
        "tracking": [visit("A", 5), visit("B", 5.0), visit("C", -0.0), visit("D", 0),
                     visit("E", 7.5)],
        "application": [applied("A"), applied("D")]})


def test_an_ordered_funnel_by_an_event_number_groups_by_value_on_every_store() -> None:
    memory = ordered_store()
    funnel = lr.parse(ORDERED).funnel("od")
    # By hand: 0 = {C, D applied}; 5 = {A applied, B}; 7.5 = {E}; F has no visit.
    expected = [("0", 2, 1), ("5", 2, 1), ("7.5", 1, 0), ("(missing)", 1, 0)]
    conn = sqlite3.connect(":memory:")
    lite.write(conn, memory)
    duck_conn = duckdb.connect()
    duck.write(duck_conn, memory)
    for store in (memory, SQLiteStore(conn), DuckDBStore(duck_conn)):
        got = funnel.report(store, "2026-04-01", by="tracking.duration")
        assert isinstance(got, FunnelBreakdown)
        assert [(g.label, g.report.population, g.report["applied"].count)
                for g in got.groups] == expected, type(store).__name__
