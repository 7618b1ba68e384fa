"""Cases translated from PostHog's funnel tests (``tests/posthog_funnel_cases.py``):
the counts and times PostHog's own tests expect, in memory and in every store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import leadrules as lr
from leadrules.funnel import FunnelReport
from leadrules.memory import MemoryStore
from tests.backends import BACKENDS, Backends, session_backends
from tests.posthog_funnel_cases import AS_OF, CASES, SOURCE, FunnelCase


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def _seconds(report: FunnelReport, which: str) -> tuple[float | None, ...]:
    out = []
    for s in report.stages:
        ttc = s.time_to_convert
        out.append(None if ttc is None else getattr(ttc, which).total_seconds())
    return tuple(out)


@pytest.mark.parametrize("case", CASES, ids=[c.test for c in CASES])
def test_posthog_case(backends: Backends, case: FunnelCase) -> None:
    rules = lr.parse(SOURCE + case.funnel)
    memory = MemoryStore(*case.data(), schema=rules.schema)
    report = rules.funnel("f").report(memory, AS_OF)
    assert tuple(s.count for s in report.stages) == case.counts
    if case.median_seconds is not None:
        assert _seconds(report, "median") == case.median_seconds
    if case.mean_seconds is not None:
        assert _seconds(report, "mean") == case.mean_seconds
    stores = backends.load(memory)
    for backend in BACKENDS:
        assert rules.funnel("f").report(stores[backend], AS_OF) == report, backend
    if case.by is not None:
        groups = rules.funnel("f").report(memory, AS_OF, by=case.by)
        got = {g.label: tuple(s.count for s in g.report.stages) for g in groups.groups}
        assert got == case.groups
        for backend in BACKENDS:
            assert rules.funnel("f").report(stores[backend], AS_OF, by=case.by) == groups
