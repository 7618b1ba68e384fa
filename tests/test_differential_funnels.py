"""Ordered funnels on every store: memory == SQLite == PostgreSQL == DuckDB ==
the brute-force oracle (``tests/chain_oracle.py``), on generated funnels whose
steps often select the same events and event sequences full of ties.

The oracle gets each lead's events with step masks computed here, by plain
Python tests of the generated conditions (a tiny family: ``path = X``, ``path
starts with X``, ``form = X``, no braces), not by the library's compilers.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadrules import ast
from leadrules.api import Rules
from leadrules.chains import micros
from leadrules.check import check
from leadrules.funnel import FunnelReport, add_window
from leadrules.memory import MemoryStore
from tests import chain_oracle
from tests.backends import BACKENDS, Backends, session_backends

UTC = dt.UTC
AS_OF = dt.datetime(2026, 3, 31, 12, tzinfo=UTC)
T0 = dt.datetime(2026, 3, 28, 22, 0, tzinfo=UTC)
# Few instants, so that ties are common: minutes, hours and days apart, one
# after as_of.
INSTANTS = (T0, T0, T0 + dt.timedelta(minutes=1), T0 + dt.timedelta(hours=2),
            T0 + dt.timedelta(days=1), T0 + dt.timedelta(days=2, hours=1),
            AS_OF + dt.timedelta(minutes=5))
PATHS = ("/a", "/pricing", "/pricing/x", None)
FORMS = ("contact", "trial")
WINDOWS = ((1, "minutes"), (2, "hours"), (1, "days"), (3, "days"), (1, "weeks"))

Test = Callable[[dict[str, Any]], bool]


@st.composite
def steps(draw: st.DrawFn) -> tuple[ast.Stage, str, Test]:
    """A step (its AST), its source and the oracle's own test of an event."""
    kind = draw(st.sampled_from(("path =", "path starts", "form =", "any page")))
    if kind == "any page":
        return ast.Stage("s", ast.EventBlock("tracking", "all", None, (ast.AnyEvent(),))), \
            "tracking", lambda e: True
    if kind == "form =":
        form = draw(st.sampled_from(FORMS))
        cond = ast.FieldTest("form", ast.Compare("=", ast.Text(form)))
        return ast.Stage("s", ast.EventBlock("application", "all", (cond,),
                                             (ast.AnyEvent(),))), \
            "application", lambda e: e.get("form") == form
    path = draw(st.sampled_from(PATHS[:3]))
    if kind == "path =":
        test: ast.Test = ast.Compare("=", ast.Text(path))
        ok: Test = lambda e: e.get("path") == path  # noqa: E731
    else:
        test = ast.TextTest("starts with", ast.Text(path))
        ok = lambda e: (e.get("path") or "").startswith(path)  # noqa: E731
    block = ast.EventBlock("tracking", "all", (ast.FieldTest("path", test),), (ast.AnyEvent(),))
    return ast.Stage("s", block), "tracking", ok


@st.composite
def funnels(draw: st.DrawFn) -> tuple[ast.Funnel, list[tuple[str, Test]]]:
    drawn = draw(st.lists(steps(), min_size=1, max_size=4))
    amount, unit = draw(st.sampled_from(WINDOWS))
    stages = tuple(ast.Stage(f"s{k}", stage.condition) for k, (stage, _, _) in enumerate(drawn))
    return (ast.Funnel("f", None, stages, ast.Within(amount, unit)),
            [(source, ok) for _, source, ok in drawn])


@st.composite
def data(draw: st.DrawFn) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    leads = [{"id": f"L{i}"} for i in range(draw(st.integers(1, 4)))]
    events: dict[str, list[dict[str, Any]]] = {"tracking": [], "application": []}
    for lead in leads:
        for _ in range(draw(st.integers(0, 5))):
            events["tracking"].append({"lead_id": lead["id"],
                                       "occurred_at": draw(st.sampled_from(INSTANTS)),
                                       "path": draw(st.sampled_from(PATHS))})
        for _ in range(draw(st.integers(0, 2))):
            events["application"].append({"lead_id": lead["id"],
                                          "occurred_at": draw(st.sampled_from(INSTANTS)),
                                          "form": draw(st.sampled_from(FORMS))})
    return leads, events


def oracle_chains(funnel: ast.Funnel, tests: list[tuple[str, Test]],
                  data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]
                  ) -> dict[str, tuple[int, ...] | None]:
    """Each lead's reported chain (event times in µs) by brute force."""
    ranks: dict[str, int] = {}
    for source, _ in tests:
        ranks.setdefault(source, len(ranks))
    window = funnel.ordered_within
    assert window is not None

    def end(t: int) -> int:
        return micros(add_window(dt.datetime(1970, 1, 1, tzinfo=UTC)
                                 + dt.timedelta(microseconds=t), window, UTC))

    leads, events = data
    out: dict[str, tuple[int, ...] | None] = {}
    for lead in leads:
        rows = []
        for source, rank in ranks.items():
            mine = sorted((e for e in events[source] if e["lead_id"] == lead["id"]),
                          key=lambda e: e["occurred_at"])
            for seq, e in enumerate(mine):
                mask = sum(1 << k for k, (src, ok) in enumerate(tests) if src == source and ok(e))
                if e["occurred_at"] <= AS_OF and mask:
                    rows.append((micros(e["occurred_at"]), rank, seq, mask, 0, None))
        rows.sort()
        best = chain_oracle.best_chain(rows, len(tests), end)
        out[lead["id"]] = None if best is None else tuple(rows[j][0] for j in best[1])
    return out


def expected_report(chains: dict[str, tuple[int, ...] | None], stages: int
                    ) -> list[tuple[int, float | None, float | None]]:
    """Per stage: leads reached, median and mean seconds from the previous step."""
    out = []
    for k in range(stages):
        reached = [c for c in chains.values() if c is not None and len(c) > k]
        gaps = [Fraction(c[k] - c[k - 1], 10**6) for c in reached] if k else []
        out.append((len(reached), float(statistics.median(gaps)) if gaps else None,
                    float(sum(gaps) / len(gaps)) if gaps else None))
    return out


def observed(report: FunnelReport) -> list[tuple[int, float | None, float | None]]:
    out = []
    for s in report.stages:
        ttc = s.time_to_convert
        out.append((s.count, None if ttc is None else ttc.median.total_seconds(),
                    None if ttc is None else ttc.mean.total_seconds()))
    return out


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(funnel=funnels(), data=data())
def test_every_store_and_the_oracle_agree_on_ordered_funnels(
        backends: Backends, funnel: tuple[ast.Funnel, list[tuple[str, Test]]],
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]) -> None:
    decl, tests = funnel
    rules = Rules(check(ast.RuleFile((decl,))))
    memory = MemoryStore(*data)
    want = rules.funnel("f").report(memory, AS_OF)
    assert observed(want) == expected_report(oracle_chains(decl, tests, data), len(tests))
    stores = backends.load(memory)
    for backend in BACKENDS:
        assert rules.funnel("f").report(stores[backend], AS_OF) == want, backend
