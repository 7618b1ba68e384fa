"""Backend equivalence: memory == SQLite == PostgreSQL == DuckDB on generated rules and data.

Hypothesis draws well-typed segments of every construct (``typed_strategies``)
and a small messy data set; the data is loaded once per example into every
backend, and each segment must select the same leads everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadrules import ast
from leadrules.api import Rules
from leadrules.check import check
from leadrules.memory import MemoryStore
from leadrules.sql import SHAPES, Shape
from tests.backends import BACKENDS, Backends, session_backends
from tests.typed_strategies import AS_OF, data_sets, rule_files

EXAMPLES = 24
MAPPED_EXAMPLES = 8


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rule_file=rule_files(), data=data_sets(), shape=st.sampled_from(SHAPES))
def test_every_backend_selects_what_memory_selects(
        backends: Backends, rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]], shape: Shape) -> None:
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data)
    stores = backends.load(memory)
    for seg in rule_file.segments:
        want = rules.segment(seg.name).select(memory, AS_OF)
        for backend in BACKENDS:
            stores[backend].shape = shape
            got = rules.segment(seg.name).select(stores[backend], AS_OF)
            assert got == want, (backend, seg.name)


@settings(max_examples=MAPPED_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rule_file=rule_files(), data=data_sets(), shape=st.sampled_from(SHAPES))
def test_mapped_tables_select_what_memory_selects(
        backends: Backends, rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]], shape: Shape) -> None:
    """The same on the user's own tables (other names, no shadow columns, a mix of
    column types: tests/mapped.py) on every engine."""
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data)
    for backend, (store, oracle) in backends.mapped(memory, rule_file).items():
        store.shape = shape
        for seg in rule_file.segments:
            want = rules.segment(seg.name).select(oracle, AS_OF)
            assert rules.segment(seg.name).select(store, AS_OF) == want, (backend, seg.name)
