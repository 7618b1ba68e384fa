"""A mapping's type hint is a fix that works (docs/stores.md): the view it
proposes is created on the real engine and the store then opens through it."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

import leadrules as lr
from leadrules.errors import LeadRulesError
from tests.backends import POSTGRES_URL, scratch_schema


@pytest.fixture
def pg_schema() -> Iterator[str]:
    with scratch_schema("lr_hint",
                        "CREATE TABLE {s}.c (cid text, competitor boolean, emp numeric, "
                        "iv interval)",
                        "INSERT INTO {s}.c VALUES ('C1', true, 12.5, '1 day'), "
                        "('C2', false, 0, '2 days')") as schema:
        yield schema


def refusal(open_store: object) -> str:
    with pytest.raises(LeadRulesError) as info:
        open_store()  # type: ignore[operator]
    return info.value.render()


@pytest.mark.parametrize(("key", "column", "want"), [
    ("employees", "competitor", {"C1": 1, "C2": 0}),
    ("is_competitor", "emp", {"C1": True, "C2": False}),
])
def test_postgres_cast_hints_run(pg_schema: str, key: str, column: str,
                                 want: dict[str, object]) -> None:
    text = refusal(lambda: lr.PostgresStore(POSTGRES_URL, schema_name=pg_schema, mapping={
        "lead": {"table": "c", "id": "cid", key: column}}))
    found = re.search(r"a view of the table that casts it: (.+?) \(docs/stores\.md", text)
    assert found, text
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE VIEW "{pg_schema}".v AS SELECT cid, {found[1]} AS x '
                     f'FROM "{pg_schema}".c')
    with lr.PostgresStore(POSTGRES_URL, schema_name=pg_schema, mapping={
            "lead": {"table": "v", "id": "cid", key: "x"}}) as store:
        assert {r["id"]: r[key] for r in store.leads()} == want


def test_an_interval_is_not_offered_a_cast(pg_schema: str) -> None:
    text = refusal(lambda: lr.PostgresStore(POSTGRES_URL, schema_name=pg_schema, mapping={
        "lead": {"table": "c", "id": "cid", "created_at": "iv"}}))
    assert "an interval column is a duration, not a point in time" in text
    assert "CAST(iv" not in text


def test_epoch_on_a_sqlite_text_column_says_to_drop_epoch(tmp_path: Path) -> None:
    path = tmp_path / "own.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE c (cid TEXT)")
        conn.execute("CREATE TABLE v (cid TEXT, viewed_at TEXT)")
        conn.execute("INSERT INTO c VALUES ('C1')")
        conn.execute("INSERT INTO v VALUES ('C1', '2026-11-01T10:00:00Z')")
    conn.close()
    mapping: dict[str, dict[str, object]] = {
        "lead": {"table": "c", "id": "cid"},
        "tracking": {"table": "v", "lead_id": "cid",
                     "occurred_at": {"column": "viewed_at", "epoch": "s"}}}
    text = refusal(lambda: lr.SQLiteStore(path, mapping=mapping))
    assert "read as ISO-8601 datetimes" in text and "CAST(" not in text
    assert 'mapping["tracking"]["occurred_at"] = "viewed_at"' in text
    mapping["tracking"]["occurred_at"] = "viewed_at"  # as the hint says
    with lr.SQLiteStore(path, mapping=mapping) as store:
        assert len(store.events_of("C1")["tracking"]) == 1
