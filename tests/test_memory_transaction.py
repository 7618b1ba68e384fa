"""``MemoryStore.transaction()``: code written for the SQL stores
(``with store.transaction(): …``) runs on memory too, all or nothing (round 2,
explorer "append", papercuts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import leadrules as lr
from leadrules.stores.sqlite import SQLiteStore

T1 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
LEADS = [{"id": "A", "email": "a@x.jp"}, {"id": "B", "email": "b@x.jp"},
         {"id": "C", "email": "c@x.jp"}]
EVENTS = {"application": [{"lead_id": "A", "id": "F1", "occurred_at": T2},
                          {"lead_id": "B", "id": "F2", "occurred_at": T1}]}


def fresh() -> lr.MemoryStore:
    return lr.MemoryStore(LEADS, EVENTS)


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "memory":
        yield fresh()
        return
    SQLiteStore.create(tmp_path / "s.db", fresh()).close()
    with SQLiteStore(tmp_path / "s.db") as s:
        yield s


def state(store: Any) -> list[tuple[Any, ...]]:
    """Every lead in order, with its e-mail and its applications' ids."""
    return [(lead["id"], lead.get("email"),
             [e["id"] for e in store.events_of(lead["id"])["application"]])
            for lead in store.leads()]


def writes(store: Any) -> None:
    store.upsert_leads([{"id": "A", "email": "new@x.jp"}, {"id": "D"}])
    store.add_events("application", [{"lead_id": "B", "id": "F3", "occurred_at": T2},
                                     {"lead_id": "D", "id": "F4", "occurred_at": T1},
                                     {"lead_id": "A", "id": "F0", "occurred_at": T1}],
                     key="id")
    store.delete_leads(["B"])


# Worked out by hand from LEADS, EVENTS and writes(); F0 comes before F1 (T1 < T2).
BEFORE = [("A", "a@x.jp", ["F1"]), ("B", "b@x.jp", ["F2"]), ("C", "c@x.jp", [])]
AFTER = [("A", "new@x.jp", ["F0", "F1"]), ("C", "c@x.jp", []), ("D", None, ["F4"])]


def test_a_transaction_commits_every_write_and_its_reads_see_them(store: Any) -> None:
    assert state(store) == BEFORE
    with store.transaction():
        writes(store)
        assert state(store) == AFTER
    assert state(store) == AFTER


def test_a_block_that_raises_leaves_the_store_as_it_was(store: Any) -> None:
    with pytest.raises(ZeroDivisionError), store.transaction():
        writes(store)
        1 / 0  # noqa: B018
    assert state(store) == BEFORE
    assert store.lead("D") is None
    # The key values written and rolled back are not remembered: F3 is new again.
    assert store.add_events("application", [{"lead_id": "B", "id": "F3",
                                             "occurred_at": T2}], key="id") == 1
    assert store.add_events("application", [{"lead_id": "A", "id": "F1",
                                             "occurred_at": T2}], key="id") == 0


def test_a_bad_record_inside_the_block_rolls_back_the_earlier_writes(store: Any) -> None:
    with pytest.raises(lr.DataError), store.transaction():
        store.upsert_leads([{"id": "A", "email": "new@x.jp"}])
        store.add_events("application", [{"lead_id": "A", "occurred_at": "not a time"}])
    assert state(store) == BEFORE


def test_a_block_inside_another_joins_it() -> None:
    store = fresh()
    with pytest.raises(KeyError), store.transaction():
        with store.transaction():
            writes(store)
        assert state(store) == AFTER     # the inner block did not commit on its own
        raise KeyError("later")
    assert state(store) == BEFORE
    with store.transaction(), store.transaction():
        writes(store)
    assert state(store) == AFTER


def test_len_is_the_number_of_leads_of_a_memory_store() -> None:
    """docs/api.md lists len(store) under MemoryStore: 3 leads, whatever the events."""
    assert len(fresh()) == 3
