"""Backend equivalence for scores, grades, tiers and funnels: memory == SQLite ==
PostgreSQL == DuckDB on generated models and data.

Hypothesis draws a rules file of every model construct (``typed_strategies.
model_files``: per event / once rules on event blocks, lead conditions and
segments, caps, decay, windows; grading in thirds with clamping; tiers with
``exclude`` and ``using``; segments and funnel stages testing scores and
grades) and a small messy data set, loaded once per example into every backend.
Decayed points are summed by each database in its own order, so scores are
compared with ``math.isclose``; without decay they, and everything else, must
be identical (an int stays an int).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadrules import ast
from leadrules.api import Rules
from leadrules.check import check
from leadrules.memory import MemoryStore
from leadrules.results import Table
from leadrules.sql import SHAPES, Shape
from tests.backends import BACKENDS, Backends, session_backends
from tests.typed_strategies import AS_OF, data_sets, model_files

EXAMPLES = 6


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def same_scores(got: Table, want: Table) -> bool:
    if got.columns != want.columns or len(got.rows) != len(want.rows):
        return False
    for g_row, w_row in zip(got.rows, want.rows, strict=True):
        if g_row[0] != w_row[0]:
            return False
        for g, w in zip(g_row[1:], w_row[1:], strict=True):
            if not math.isclose(g, w, rel_tol=1e-9, abs_tol=1e-9):
                return False
    return True


def _decayed(rules: Rules) -> bool:
    return rules.scoring("m0").ast.decay is not None


def _typed(table: Table) -> list[tuple[tuple[Any, type], ...]]:
    return [tuple((v, type(v)) for v in row) for row in table.rows]


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rule_file=model_files(), data=data_sets(), shape=st.sampled_from(SHAPES))
def test_every_backend_scores_grades_tiers_and_funnels_as_memory_does(
        backends: Backends, rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]], shape: Shape) -> None:
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data)
    stores = backends.load(memory)
    for backend in BACKENDS:
        store = stores[backend]
        store.shape = shape
        _agree(rules, store, memory, backend)
    # The user's own tables (tests/mapped.py): the same answers as their oracle's.
    for backend, (store, oracle) in backends.mapped(memory, rule_file).items():
        store.shape = shape
        _agree(rules, store, oracle, backend)


def _agree(rules: Rules, store: Any, memory: MemoryStore, backend: str) -> None:
    scores = rules.scoring("m0").score(memory, AS_OF)
    grades = rules.grading("g0").grade(memory, AS_OF)
    tiers = rules.tiers("t0").assign(memory, AS_OF)
    segment = rules.segment("s1").select(memory, AS_OF)
    funnel = rules.funnel("f0").report(memory, AS_OF)
    ordered = rules.funnel("f1").report(memory, AS_OF)
    got = rules.scoring("m0").score(store, AS_OF)
    assert same_scores(got, scores), (backend, got.rows, scores.rows)
    if not _decayed(rules):
        # Without decay nothing is summed in SQL: identical, int vs float too.
        assert _typed(got) == _typed(scores), backend
    assert rules.grading("g0").grade(store, AS_OF) == grades, backend
    assert rules.tiers("t0").assign(store, AS_OF) == tiers, backend
    assert rules.segment("s1").select(store, AS_OF) == segment, backend
    assert rules.funnel("f0").report(store, AS_OF) == funnel, backend
    assert rules.funnel("f1").report(store, AS_OF) == ordered, backend
