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

import attrs
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


@attrs.frozen
class Drawn:
    """A generated funnel and what the oracle needs to know of it."""

    funnel: ast.Funnel
    steps: list[tuple[str, Test]]               # per step: source, test of an event
    exclusions: list[tuple[str, Test, int, int]]  # source, test, start step, end step
    by: str | None = None                        # event-field breakdown
    attribution: str = "first"


@st.composite
def funnels(draw: st.DrawFn) -> Drawn:
    drawn = draw(st.lists(steps(), min_size=1, max_size=4))
    amount, unit = draw(st.sampled_from(WINDOWS))
    order: ast.FunnelOrder = draw(st.sampled_from(("ordered", "strict", "any order")))
    stages = tuple(ast.Stage(f"s{k}", stage.condition) for k, (stage, _, _) in enumerate(drawn))
    exclusions = []
    if order != "any order" and len(drawn) > 1:
        for _ in range(draw(st.integers(0, 2))):
            block, source, ok = draw(steps())
            a = draw(st.integers(0, len(drawn) - 2))
            b = draw(st.integers(a + 1, len(drawn) - 1))
            assert isinstance(block.condition, ast.EventBlock)
            exclusions.append((ast.Exclusion(block.condition, f"s{a}", f"s{b}"),
                               (source, ok, a, b)))
    funnel = ast.Funnel("f", None, stages, ast.Within(amount, unit), order,
                        tuple(x for x, _ in exclusions))
    by, attribution = None, "first"
    sources = [source for _, source, _ in drawn]
    if "tracking" in sources and draw(st.booleans()):
        choices = ["last"]
        if sources[0] == "tracking" or order == "any order":
            choices.append("first")
        if order != "any order":
            choices += [f"s{k}" for k, src in enumerate(sources) if src == "tracking"]
        by, attribution = "tracking.path", draw(st.sampled_from(choices))
    return Drawn(funnel, [(source, ok) for _, source, ok in drawn],
                 [x for _, x in exclusions], by, attribution)


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


def oracle_chains(drawn: Drawn,
                  data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]
                  ) -> dict[str, tuple[tuple[int, Any], ...] | None]:
    """Each lead's reported chain, ``(time µs, path)`` per event, by brute force."""
    funnel, tests = drawn.funnel, drawn.steps
    ranks: dict[str, int] = {}
    for source, _ in tests:
        ranks.setdefault(source, len(ranks))
    step_sources = frozenset(ranks.values())
    for source, _, _, _ in drawn.exclusions:
        ranks.setdefault(source, len(ranks))
    window = funnel.ordered_within
    assert window is not None

    def end(t: int) -> int:
        return micros(add_window(dt.datetime(1970, 1, 1, tzinfo=UTC)
                                 + dt.timedelta(microseconds=t), window, UTC))

    leads, events = data
    out: dict[str, tuple[tuple[int, Any], ...] | None] = {}
    for lead in leads:
        rows = []
        for source, rank in ranks.items():
            mine = sorted((e for e in events[source] if e["lead_id"] == lead["id"]),
                          key=lambda e: e["occurred_at"])
            for seq, e in enumerate(mine):
                mask = sum(1 << k for k, (src, ok) in enumerate(tests) if src == source and ok(e))
                xmask = sum(1 << x for x, (src, ok, _, _) in enumerate(drawn.exclusions)
                            if src == source and ok(e))
                if e["occurred_at"] <= AS_OF:
                    rows.append((micros(e["occurred_at"]), rank, seq, mask, xmask,
                                 e.get("path") if source == "tracking" else None))
        rows.sort()
        if funnel.order == "any order":
            best = chain_oracle.best_any_order(rows, len(tests), end)
        else:
            best = chain_oracle.best_chain(
                rows, len(tests), end, strict=funnel.order == "strict",
                exclusions=[(a, b) for _, _, a, b in drawn.exclusions],
                strict_sources=step_sources)
        out[lead["id"]] = None if best is None else tuple((rows[j][0], rows[j][5])
                                                          for j in best[1])
    return out


def expected_groups(drawn: Drawn, chains: dict[str, tuple[tuple[int, Any], ...] | None]
                    ) -> dict[str, list[int]]:
    """Breakdown label -> counts per stage, attributing by hand."""
    out: dict[str, list[int]] = {}
    for chain in chains.values():
        value = None
        if chain is not None:
            if drawn.attribution == "first":
                value = chain[0][1]
            elif drawn.attribution == "last":
                value = chain[-1][1]
            else:
                k = int(drawn.attribution[1:])
                value = chain[k][1] if len(chain) > k else None
        counts = out.setdefault("(missing)" if value is None else value,
                                [0] * len(drawn.steps))
        for k in range(0 if chain is None else len(chain)):
            counts[k] += 1
    return out


def expected_report(chains: dict[str, tuple[tuple[int, Any], ...] | None], stages: int
                    ) -> list[tuple[int, float | None, float | None]]:
    """Per stage: leads reached, median and mean seconds from the previous step."""
    out = []
    for k in range(stages):
        reached = [c for c in chains.values() if c is not None and len(c) > k]
        gaps = [Fraction(c[k][0] - c[k - 1][0], 10**6) for c in reached] if k else []
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


@settings(max_examples=18, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(drawn=funnels(), data=data(), anchor=st.sampled_from(("first", "last")))
def test_every_store_and_the_oracle_agree_on_ordered_funnels(
        backends: Backends, drawn: Drawn,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]],
        anchor: Any) -> None:
    rules = Rules(check(ast.RuleFile((drawn.funnel,))))
    memory = MemoryStore(*data)
    funnel = rules.funnel("f")
    want = funnel.report(memory, AS_OF)
    chains = oracle_chains(drawn, data)
    assert observed(want) == expected_report(chains, len(drawn.steps))
    stores = backends.load(memory)
    for backend in BACKENDS:
        assert funnel.report(stores[backend], AS_OF) == want, backend
    if drawn.by is not None:
        groups = funnel.report(memory, AS_OF, by=drawn.by, attribution=drawn.attribution)
        got = {g.label: [s.count for s in g.report.stages] for g in groups.groups}
        assert got == expected_groups(drawn, chains)
        for backend in BACKENDS:
            assert funnel.report(stores[backend], AS_OF, by=drawn.by,
                                 attribution=drawn.attribution) == groups, backend
    # The anchor changes which chain is measured, never the counts; every store agrees.
    other = funnel.report(memory, AS_OF, anchor=anchor)
    assert [s.count for s in other.stages] == [s.count for s in want.stages]
    assert funnel.report(stores["duckdb"], AS_OF, anchor=anchor) == other
    # The user's own tables (tests/mapped.py): the answers of their oracle.
    for backend, (store, oracle) in backends.mapped(memory, drawn.funnel).items():
        assert funnel.report(store, AS_OF) == funnel.report(oracle, AS_OF), backend
        if drawn.by is not None:
            assert (funnel.report(store, AS_OF, by=drawn.by, attribution=drawn.attribution)
                    == funnel.report(oracle, AS_OF, by=drawn.by,
                                     attribution=drawn.attribution)), backend
