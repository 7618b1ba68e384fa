"""The store interface: record methods for every store, database-side
capabilities declared explicitly and checked, the rest evaluated in memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import leadrules as lr
from leadrules import sample
from leadrules.memory import MemoryStore
from leadrules.stores.base import Capability, DatabaseStore, Store, pushdown
from leadrules.stores.dbapi import SqlStore

RULES = lr.load("tests/spec_examples.rules")


class RecordsOnly(DatabaseStore):
    """A database store that evaluates nothing itself: every answer comes from
    its record methods, through the in-memory evaluator."""

    def __init__(self, data: MemoryStore) -> None:
        self.data = data

    @property
    def schema(self) -> lr.Schema:
        return self.data.schema

    def leads(self) -> Any:
        return self.data.leads()

    def lead(self, lead_id: str) -> Any:
        return self.data.lead(lead_id)

    def events_of(self, lead_id: str) -> Any:
        return self.data.events_of(lead_id)

    def close(self) -> None:
        pass


def test_a_capability_declared_without_its_method_is_refused() -> None:
    with pytest.raises(TypeError, match=r"declares Capability\.SCORES but does not implement"):
        class Liar(RecordsOnly):
            capabilities = frozenset({Capability.SCORES})


def test_an_undeclared_capability_method_says_so() -> None:
    store = RecordsOnly(MemoryStore())
    with pytest.raises(NotImplementedError, match="does not evaluate SEGMENTS"):
        store.select_segment(RULES.program, "hot_leads", RULES.time_context(None, None))


def test_pushdown_only_for_declared_capabilities() -> None:
    data = MemoryStore()
    assert pushdown(data, Capability.SEGMENTS) is None
    assert pushdown(RecordsOnly(data), Capability.SEGMENTS) is None
    # Some leads only (SEGMENT_BATCH) needs a way to bind a list of ids: the
    # SQLite, PostgreSQL and DuckDB stores have one, a SqlStore as such not.
    assert SqlStore.capabilities == frozenset(Capability) - {Capability.SEGMENT_BATCH}
    from leadrules.stores.duckdb import DuckDBStore
    from leadrules.stores.postgres import PostgresStore
    from leadrules.stores.sqlite import SQLiteStore
    for store in (SQLiteStore, PostgresStore, DuckDBStore):
        assert store.capabilities == frozenset(Capability), store


def test_every_store_fits_the_record_protocol() -> None:
    assert isinstance(MemoryStore(), Store)
    assert isinstance(RecordsOnly(MemoryStore()), Store)


def test_a_store_without_capabilities_gives_the_evaluators_answers(tmp_path: Path) -> None:
    data = sample.generate(120)
    sample.write_csv(data, tmp_path)
    memory = lr.MemoryStore.from_folder(tmp_path)
    bare = RecordsOnly(memory)
    as_of = data.as_of
    for name in RULES.segment_names:
        assert RULES.segment(name).select(bare, as_of) == RULES.segment(name).select(memory,
                                                                                      as_of)
    assert (RULES.scoring("engagement").score(bare, as_of).rows
            == RULES.scoring("engagement").score(memory, as_of).rows)
    assert RULES.grading("fit").grade(bare, as_of).rows == RULES.grading("fit").grade(
        memory, as_of).rows
    assert RULES.tiers("follow_up").assign(bare, as_of).rows == RULES.tiers(
        "follow_up").assign(memory, as_of).rows
