"""Reads and list changes inside ``store.transaction()``, and a store after a
failed write (docs/stores.md, "Writing").

Inside a transaction every read of the store sees the transaction's own writes,
as in memory (the oracle: the same writes applied to a ``MemoryStore``); lists
kept in the store's own SQLite file are changed inside the transaction, at
once, and commit or roll back with it; a DuckDB write that fails because
another process has the file open leaves the store readable.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import leadrules as lr
from leadrules.errors import BusyError, StoreError
from leadrules.lists import ListManager, MemoryListRepository
from leadrules.memory import MemoryStore
from leadrules.stores.duckdb import DuckDBStore
from leadrules.stores.lists import SqlListRepository
from leadrules.stores.sqlite import SQLiteStore

RULES = lr.parse("""
segment applied { match application exists }
segment all { match id exists }
""")
AS_OF = "2026-03-05T00:00:00Z"
FORM = {"lead_id": "A", "id": "F1", "occurred_at": "2026-03-04T00:00:00Z"}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    SQLiteStore.create(tmp_path / "leads.db", MemoryStore([{"id": "A"}])).close()
    return tmp_path / "leads.db"


@pytest.fixture()
def store(db: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(db) as opened:
        yield opened


def _reads(store: Any, lists: ListManager) -> dict[str, Any]:
    """Everything read back inside the transaction."""
    change = lists.on_events(store, ["A", "B"], as_of=AS_OF)["applied"]
    return {
        "applied": RULES.segment("applied").select(store, as_of=AS_OF),
        "all": RULES.segment("all").select(store, as_of=AS_OF),
        "lead B": store.lead("B"),
        "A's applications": [e["id"] for e in store.events_of("A")["application"]],
        "entered": change.entered,
        "list": lists.members("applied"),
    }


def _write_then_read(store: Any, within: Any) -> dict[str, Any]:
    lists = ListManager(RULES, MemoryListRepository())
    lists.create_dynamic("applied", "applied", at="2026-01-01")
    with within():
        store.upsert_leads([{"id": "B", "email": "b@x.jp"}])
        store.add_events("application", [FORM])
        return _reads(store, lists)


def test_reads_inside_a_transaction_see_its_writes_as_in_memory(store: SQLiteStore) -> None:
    import contextlib
    memory = MemoryStore([{"id": "A"}])
    expected = _write_then_read(memory, contextlib.nullcontext)
    # By hand: A applied on 03-04, B was just added without an application.
    assert expected["applied"] == ["A"] and expected["all"] == ["A", "B"]
    assert expected["entered"] == ("A",) and expected["list"] == ["A"]
    assert expected["lead B"]["email"] == "b@x.jp"
    assert expected["A's applications"] == ["F1"]
    assert _write_then_read(store, store.transaction) == expected
    # Committed: the read-only connection sees the same afterwards.
    assert RULES.segment("applied").select(store, as_of=AS_OF) == ["A"]
    assert RULES.segment("all").select(store, as_of=AS_OF) == ["A", "B"]


def test_after_a_rolled_back_transaction_reads_see_only_what_was_committed(
        store: SQLiteStore) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_events("application", [FORM])
        assert RULES.segment("applied").select(store, as_of=AS_OF) == ["A"]
        raise RuntimeError("changed my mind")
    assert RULES.segment("applied").select(store, as_of=AS_OF) == []
    assert store.events_of("A")["application"] == []


def test_a_transaction_staging_a_large_query_reads_its_writes(store: SQLiteStore) -> None:
    """A query with many CTEs runs as TEMP tables: made and dropped on the
    connection that reads, inside the transaction the writing one."""
    # A diamond: each segment names the one before twice.
    chain = "".join(f"segment s{i} {{\n  1: segment s{i - 1}\n  match 1 or (1 and 1)\n}}\n"
                    for i in range(1, 12))
    rules = lr.parse(f"segment s0 {{ match application exists }}\n{chain}")
    assert store._stages(store.sql_for(rules.program, "s11", rules.time_context(AS_OF, None)))
    with store.transaction():
        store.add_events("application", [FORM])
        assert rules.segment("s11").select(store, as_of=AS_OF) == ["A"]
    assert rules.segment("s11").select(store, as_of=AS_OF) == ["A"]


def _same_file_lists(db: Path, timeout: float = 30) -> ListManager:
    lists = ListManager(RULES, SqlListRepository.sqlite(db, timeout=timeout))
    lists.create_dynamic("applied", "applied", at="2026-01-01")
    return lists


def test_lists_in_the_store_file_change_inside_its_transaction_at_once(
        db: Path, store: SQLiteStore) -> None:
    lists = _same_file_lists(db)
    began = time.monotonic()
    with store.transaction():
        store.add_events("application", [FORM])
        change = lists.on_events(store, ["A"], as_of=AS_OF)["applied"]
        assert change.entered == ("A",)
        assert lists.members("applied") == ["A"]
        # `in list` reads the store's own lists, inside the transaction too.
        listed = lr.parse("segment listed { match in list applied }", data=store)
        assert listed.segment("listed").select(store, as_of=AS_OF) == ["A"]
    assert time.monotonic() - began < 5  # no wait for the transaction's own lock
    fresh = ListManager(RULES, SqlListRepository.sqlite(db))
    assert fresh.members("applied") == ["A"]
    assert [c.entered for c in fresh.repository.history("applied")] == [("A",)]


def test_lists_in_the_store_file_roll_back_with_its_transaction(
        db: Path, store: SQLiteStore) -> None:
    lists = _same_file_lists(db)
    with pytest.raises(RuntimeError), store.transaction():
        store.add_events("application", [FORM])
        lists.on_events(store, ["A"], as_of=AS_OF)
        raise RuntimeError("changed my mind")
    assert lists.members("applied") == []
    assert list(lists.repository.history("applied")) == []
    assert store.events_of("A")["application"] == []


def test_another_threads_lists_wait_for_the_transaction(db: Path, store: SQLiteStore) -> None:
    """The transaction is shared with this thread's repositories only: another
    thread's is another writer, and waits for the lock."""
    _same_file_lists(db)  # the tables exist
    failed: list[BaseException] = []

    def other() -> None:
        try:
            ListManager(RULES, SqlListRepository.sqlite(db, timeout=0.3)).create_static("hand")
        except BaseException as exc:
            failed.append(exc)

    with store.transaction():
        store.add_events("application", [FORM])
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert len(failed) == 1 and isinstance(failed[0], BusyError)


def test_lists_on_a_connection_in_the_callers_transaction_join_it(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "lists.db", isolation_level=None)
    repo = SqlListRepository(conn, "sqlite")
    conn.execute("BEGIN")
    ListManager(RULES, repo).create_static("hand", at="2026-01-01")
    assert repo.list_names() == ("hand",)
    conn.execute("ROLLBACK")  # the caller's decision covers the list too
    assert repo.list_names() == ()


# ------------------------------------------------------------------- DuckDB


def test_a_failed_duckdb_write_leaves_the_store_readable(tmp_path: Path) -> None:
    path = tmp_path / "leads.duckdb"
    DuckDBStore.create(path, MemoryStore([{"id": "A"}])).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys\n"
        f"c = duckdb.connect({str(path)!r}, read_only=True)\n"
        "print('held', flush=True)\n"
        "sys.stdin.readline()\n")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with DuckDBStore(path) as store:
            with pytest.raises(StoreError, match="DuckDB failed to write"):
                store.upsert_leads([{"id": "B"}])
            assert RULES.segment("all").select(store, as_of=AS_OF) == ["A"]
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.close()
            holder.wait(timeout=30)
            assert store.upsert_leads([{"id": "B"}]) == 1  # the file is free: it writes
            assert RULES.segment("all").select(store, as_of=AS_OF) == ["A", "B"]
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
