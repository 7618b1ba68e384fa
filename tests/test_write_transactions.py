"""Reads inside ``store.transaction()`` (docs/stores.md, "Writing").

Inside a transaction every read of the store sees the transaction's own writes,
as in memory (the oracle: the same writes applied to a ``MemoryStore``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import leadrules as lr
from leadrules.lists import ListManager, MemoryListRepository
from leadrules.memory import MemoryStore
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
