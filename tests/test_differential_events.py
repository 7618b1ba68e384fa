"""Some leads only (issue 13 item 3): ``lead_ids=`` and ``ListManager.on_events``
on every store give the full evaluation's answers restricted to those leads.

The oracle is the full evaluation in memory, filtered in the test: for
generated rules and data and a random subset of ids (with ids no store holds),
``select`` / ``score`` / ``grade`` / ``assign`` with ``lead_ids=`` must equal
the memory store's full answer among those ids, on memory, SQLite, PostgreSQL
and DuckDB (and the user's own tables); a funnel's depths and report the full
depths among those ids (and the counts made of them); ``on_events`` must
report exactly the entered / left a full refresh would give among those leads.
The hand-worked funnel cases are tests/test_funnel_some_leads.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadrules import ast
from leadrules.api import Rules, parse
from leadrules.check import check
from leadrules.errors import UsageError
from leadrules.funnel import build_report
from leadrules.lists import ListManager
from leadrules.memory import MemoryStore
from leadrules.results import Table
from leadrules.sql import SHAPES, Shape
from tests.backends import BACKENDS, Backends, session_backends
from tests.test_differential_models import same_scores
from tests.typed_strategies import AS_OF, data_sets, model_files, rule_files

SEGMENT_EXAMPLES = 6
MODEL_EXAMPLES = 5
EVENT_EXAMPLES = 7
FUNNEL_EXAMPLES = 7
SETTINGS = {"deadline": None, "suppress_health_check": [
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]}
Data = tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]
# Ids the generated data may hold (data_sets makes L0…L4) and ids it never holds.
IDS = ("L0", "L1", "L2", "L3", "L4", "L9", "nobody")
subsets = st.lists(st.sampled_from(IDS), max_size=len(IDS))


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def among(table: Table, ids: list[str]) -> tuple[tuple[Any, ...], ...]:
    """The rows of the leads ``ids`` name, in the table's order."""
    wanted = set(ids)
    return tuple(row for row in table.rows if row[0] in wanted)


def every_store(backends: Backends, memory: MemoryStore, shape: Shape
                ) -> Iterator[tuple[str, Any, MemoryStore]]:
    """(name, store, the memory store it must agree with) for every back end."""
    yield "memory", memory, memory
    stores = backends.load(memory)
    for backend in BACKENDS:
        stores[backend].shape = shape
        yield backend, stores[backend], memory


@settings(max_examples=SEGMENT_EXAMPLES, **SETTINGS)  # type: ignore[arg-type]
@given(rule_file=rule_files(), data=data_sets(), shape=st.sampled_from(SHAPES),
       ids=subsets)
def test_select_of_some_leads_is_the_full_selection_among_them(
        backends: Backends, rule_file: ast.RuleFile, data: Data, shape: Shape,
        ids: list[str]) -> None:
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data)
    wanted = set(ids)
    for backend, store, oracle in [*every_store(backends, memory, shape),
                                   *((n, s, o) for n, (s, o) in
                                     backends.mapped(memory, rule_file).items())]:
        if backend != "memory":
            store.shape = shape
        for seg in rule_file.segments:
            full = rules.segment(seg.name).select(oracle, AS_OF)
            got = rules.segment(seg.name).select(store, AS_OF, lead_ids=ids)
            assert got == [i for i in full if i in wanted], (backend, seg.name)


@settings(max_examples=MODEL_EXAMPLES, **SETTINGS)  # type: ignore[arg-type]
@given(rule_file=model_files(), data=data_sets(), shape=st.sampled_from(SHAPES),
       ids=subsets)
def test_scores_grades_and_tiers_of_some_leads_are_the_full_ones_among_them(
        backends: Backends, rule_file: ast.RuleFile, data: Data, shape: Shape,
        ids: list[str]) -> None:
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data)
    scores = rules.scoring("m0").score(memory, AS_OF)
    grades = rules.grading("g0").grade(memory, AS_OF)
    tiers = rules.tiers("t0").assign(memory, AS_OF)
    for backend, store, _ in every_store(backends, memory, shape):
        got = rules.scoring("m0").score(store, AS_OF, lead_ids=ids)
        want = Table(scores.columns, among(scores, ids))
        assert same_scores(got, want), (backend, got.rows, want.rows)
        graded = rules.grading("g0").grade(store, AS_OF, lead_ids=ids)
        assert graded.columns == grades.columns
        assert graded.rows == among(grades, ids), backend
        assigned = rules.tiers("t0").assign(store, AS_OF, lead_ids=ids)
        assert assigned.columns == tiers.columns
        assert assigned.rows == among(tiers, ids), backend


@settings(max_examples=FUNNEL_EXAMPLES, **SETTINGS)  # type: ignore[arg-type]
@given(rule_file=model_files(), data=data_sets(), shape=st.sampled_from(SHAPES),
       ids=subsets)
def test_funnel_reports_of_some_leads_are_the_full_depths_among_them(
        backends: Backends, rule_file: ast.RuleFile, data: Data, shape: Shape,
        ids: list[str]) -> None:
    """Plain funnel f0 (depths in SQL) and ordered funnel f1 (chains searched over
    the events the database gives)."""
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data)
    wanted = set(ids)
    tc = rules.time_context(AS_OF, None)
    expected = {}
    for name in ("f0", "f1"):
        funnel = rules.funnel(name)
        full, chains = funnel._evaluate(memory, tc)
        depths = {i: d for i, d in full.items() if i in wanted}
        report = build_report(funnel.ast, depths,
                              {i: c for i, c in chains.items() if i in wanted}, tc.as_of)
        expected[name] = depths, report.to_dict(ids=True)
    for backend, store, _ in every_store(backends, memory, shape):
        for name, (depths, report) in expected.items():
            funnel = rules.funnel(name)
            assert funnel.depths(store, AS_OF, lead_ids=ids) == depths, (backend, name)
            got = funnel.report(store, AS_OF, lead_ids=ids)
            assert got.to_dict(ids=True) == report, (backend, name)
            assert got.population == len(depths)
            for k, stage in enumerate(got.stages):
                assert stage.reached == tuple(sorted(i for i, d in depths.items() if d >= k))


@settings(max_examples=EVENT_EXAMPLES, **SETTINGS)  # type: ignore[arg-type]
@given(rule_file=rule_files(), data=data_sets(), before=data_sets(),
       shape=st.sampled_from(SHAPES), ids=subsets)
def test_on_events_reports_what_a_full_refresh_reports_among_the_leads(
        backends: Backends, rule_file: ast.RuleFile, data: Data, before: Data, shape: Shape,
        ids: list[str]) -> None:
    """The lists start from a refresh over other data (``before``); after
    ``on_events`` for ``ids`` on the current data, each list entered exactly the
    leads among ``ids`` a full refresh adds and left those it drops."""
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data)
    old = MemoryStore(*before)
    segments = [s.name for s in rule_file.segments]
    wanted = set(ids)
    for backend, store, oracle in every_store(backends, memory, shape):
        lists = ListManager(rules)
        for name in segments:
            lists.create_dynamic(f"list_{name}", name)
        lists.create_dynamic("again", segments[0])  # two lists, one segment
        lists.refresh(old, AS_OF)
        was = {n: set(lists.members(n)) for n in lists.names}
        changes = lists.on_events(store, ids, AS_OF)
        assert set(changes) == set(lists.names), backend
        for name, change in changes.items():
            now = set(rules.segment(lists.get(name).segment or "").select(oracle, AS_OF))
            assert change.entered == tuple(sorted((now - was[name]) & wanted)), (backend, name)
            assert change.left == tuple(sorted((was[name] - now) & wanted)), (backend, name)
            assert set(lists.members(name)) == (was[name] - wanted) | (now & wanted)


def test_lead_ids_takes_several_ids_not_one_string() -> None:
    rules = parse('segment s { match not employees >= 100 }')
    memory = MemoryStore([{"id": "L1"}])
    with pytest.raises(UsageError, match="not one string"):
        rules.segment("s").select(memory, AS_OF, lead_ids="L1")
    with pytest.raises(UsageError, match="not a lead id"):
        rules.segment("s").select(memory, AS_OF, lead_ids=[1])  # type: ignore[list-item]
    assert rules.segment("s").select(memory, AS_OF, lead_ids=["L1", "L1", "L7"]) == ["L1"]


def test_time_bounds_hold_for_some_leads_when_leads_have_one_event_each(
        backends: Backends) -> None:
    """SQLite 3.40 seeking ``(lead_id, occurred_at)`` after ``lead_id IN (json_each
    …)`` with an upper bound on the time, when ANALYZE says a lead has about one
    event, returned events past the bound (H's visit after as_of; every visit for
    ``before``): the time is now compared event by event in such queries."""
    from tests.test_funnel_some_leads import AS_OF as AT
    from tests.test_funnel_some_leads import data
    rules = parse("""
        segment visited { match tracking { path starts with "/pricing" } exists }
        segment before { match tracking { occurred_at before 2026-06-01 } exists }
        segment lately { match tracking { occurred_at within 20 days } exists }
        scoring m { visits: tracking { path starts with "/pricing" } => +1 per event }
    """)
    memory = data()
    for ids in (["A", "G", "H"], ["B", "C", "D", "E", "G", "H"], [*"ABCDEFGH"]):
        for backend, store, oracle in every_store(backends, memory, "semijoin"):
            for shape in SHAPES:
                if backend != "memory":
                    store.shape = shape
                for name in ("visited", "before", "lately"):
                    full = rules.segment(name).select(oracle, AT)
                    got = rules.segment(name).select(store, AT, lead_ids=ids)
                    assert got == [i for i in full if i in ids], (backend, shape, name, ids)
                got_scores = rules.scoring("m").score(store, AT, lead_ids=ids)
                assert got_scores.rows == among(rules.scoring("m").score(oracle, AT), ids)
