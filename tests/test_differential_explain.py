"""Explanations agree with evaluation: on generated scoring models, grading
profiles and data, each lead's explained score (its total and every rule's
points) is what ``score()`` returns and its explained grade is what ``grade()``
returns, on every store: memory, SQLite, PostgreSQL and DuckDB.

The explainer reads the lead's records back from the store and evaluates them
in Python (``explain.ModelExplainer``); ``score()`` / ``grade()`` on a database
store run in SQL (``sql.models``): two paths that share only the finishing
arithmetic of ``semantics``.  Decayed points are summed in different orders,
so scores are compared with ``math.isclose``.
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
from leadrules.sql import SHAPES, Shape
from tests.backends import BACKENDS, Backends, session_backends
from tests.typed_strategies import AS_OF, data_sets, model_files

# Each example loads its data into three databases and explains every lead on
# four stores.
EXAMPLES = 8


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rule_file=model_files(), data=data_sets(), shape=st.sampled_from(SHAPES))
def test_explained_scores_and_grades_are_the_evaluated_ones(
        backends: Backends, rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]], shape: Shape) -> None:
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data)
    stores: dict[str, Any] = {"memory": memory, **backends.load(memory)}
    scoring, grading = rules.scoring("m0"), rules.grading("g0")
    for name, store in stores.items():
        if name in BACKENDS:
            store.shape = shape
        scores = scoring.score(store, AS_OF)
        keys = scores.columns[2:]
        for lead_id, total, *points in scores.rows:
            explained = scoring.explain(lead_id, AS_OF, store=store)
            assert close(explained.score, total), (name, lead_id, explained.score, total)
            assert [r.key for r in explained.rules] == list(keys), name
            for rule, want in zip(explained.rules, points, strict=True):
                assert close(rule.total, want), (name, lead_id, rule.key, rule.total, want)
            assert close(sum(r.total for r in explained.rules), explained.score), name
        grades = grading.grade(store, AS_OF)
        assert [row[0] for row in grades.rows] == [row[0] for row in scores.rows], name
        for lead_id, grade in grades.rows:
            assert grading.explain(lead_id, AS_OF, store=store).grade == grade, (
                name, lead_id)
