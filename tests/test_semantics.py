"""SPEC 3.1 semantics on the in-memory evaluator, from the shared case table."""

from __future__ import annotations

from typing import Any

import pytest

import leadrules as lr
from tests.cases import AS_OF, BASE_LEAD, CASES, MISSING_LEAD, Case


def lead_of(case: Case) -> dict[str, Any]:
    lead = dict(MISSING_LEAD if case.missing else BASE_LEAD)
    lead.update(case.lead)
    return lead


def events_of(case: Case) -> dict[str, list[dict[str, Any]]]:
    return {src: [{"lead_id": "L1", **e} for e in evs] for src, evs in case.events.items()}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_in_memory(case: Case) -> None:
    rules = lr.parse(f"segment s {{\n  match {case.expr}\n}}")
    seg = rules.segment("s")
    assert seg.matches(lead_of(case), AS_OF, events=events_of(case)) is case.expected


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_explain_agrees_with_evaluation(case: Case) -> None:
    rules = lr.parse(f"segment s {{\n  match {case.expr}\n}}")
    explanation = rules.segment("s").explain(lead_of(case), AS_OF, events=events_of(case))
    assert explanation.result is case.expected


def test_select_over_a_store_matches_case_by_case() -> None:
    cases = [c for c in CASES if not c.events]
    store = lr.MemoryStore([{**lead_of(c), "id": c.name} for c in cases])
    text = "\n".join(f"segment s{i} {{\n  match {c.expr}\n}}" for i, c in enumerate(cases))
    rules = lr.parse(text)
    for i, c in enumerate(cases):
        selected = rules.segment(f"s{i}").select(store, AS_OF)
        assert (c.name in selected) is c.expected, c.name


def test_in_next_period_on_a_declared_future_date() -> None:
    rules = lr.parse("field lead.renewal datetime\nsegment s {\n  match renewal in next month\n}")
    lead = {**BASE_LEAD, "renewal": "2026-04-30T23:59:59Z"}
    assert rules.segment("s").matches(lead, AS_OF) is True
    lead["renewal"] = "2026-05-01T00:00:00Z"
    assert rules.segment("s").matches(lead, AS_OF) is False
