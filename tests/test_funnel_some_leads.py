"""Funnels of some leads only (``lead_ids=``, issue 13): the report, depths,
breakdown and over-time answer of those leads, on every store.

The oracle is a case table written by hand: each lead's depth in a plain and an
ordered funnel is worked out below from the data, not computed by the library;
every store (memory, SQLite, PostgreSQL, DuckDB, the user's own tables and
DataFrames, and a SQL store that cannot bind ids) must give exactly those
depths for each subset of ids, and the counts built from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import pytest

import leadrules as lr
from leadrules.errors import UsageError
from leadrules.sql import compile_depths, compile_stage_events
from leadrules.sql.dialects import LEAD_IDS
from leadrules.sql.layout import Layout
from leadrules.stores.base import Capability
from leadrules.stores.sqlite import SQLiteStore
from tests.backends import Backends, session_backends

UTC = dt.UTC
AS_OF = dt.datetime(2026, 6, 30, 12, tzinfo=UTC)
T0 = dt.datetime(2026, 6, 1, 9, tzinfo=UTC)
DAY = dt.timedelta(days=1)

RULES = """
funnel pipe {
  generated:   all
  nurtured:    mail { kind = "open" } exists
  opportunity: activity { result = "opportunity" } exists
  won:         status = "won"
}

funnel web ordered within 7 days {
  visited: tracking { path starts with "/pricing" }
  applied: application { form = "contact" }
}
"""


def lead(lead_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": lead_id, "created_at": dt.datetime(2026, 1, 1, tzinfo=UTC), **fields}


def visit(i: str, t: dt.datetime, path: str = "/pricing") -> dict[str, Any]:
    return {"lead_id": i, "occurred_at": t, "path": path}


def apply(i: str, t: dt.datetime, form: str = "contact") -> dict[str, Any]:
    return {"lead_id": i, "occurred_at": t, "form": form}


def data() -> lr.MemoryStore:
    leads = [lead("A", industry="Software", tags=("vip", "Japan")),
             lead("B", industry="Software", tags=("japan",)),
             lead("C", industry="Finance"), lead("D", status="won"), lead("E"),
             lead("F", created_at=AS_OF + DAY), lead("G"), lead("H")]
    events = {
        "mail": [{"lead_id": "B", "occurred_at": T0, "kind": "open"},
                 {"lead_id": "C", "occurred_at": T0, "kind": "open"},
                 {"lead_id": "F", "occurred_at": T0, "kind": "open"},
                 {"lead_id": "G", "occurred_at": T0, "kind": "click"},
                 {"lead_id": "H", "occurred_at": AS_OF + DAY, "kind": "open"}],
        "activity": [{"lead_id": "C", "occurred_at": T0 + DAY, "result": "opportunity"},
                     {"lead_id": "E", "occurred_at": T0, "result": "opportunity"}],
        "tracking": [visit("B", T0), visit("C", T0), visit("D", T0 + DAY),
                     visit("E", T0 + dt.timedelta(hours=1), "/pricing/x"),
                     visit("G", T0, "/home"), visit("H", AS_OF + DAY)],
        "application": [apply("B", T0 + DAY), apply("C", T0 + 10 * DAY), apply("D", T0),
                        apply("E", T0 + 2 * DAY, "seminar")],
    }
    return lr.MemoryStore(leads, events)


# Each lead's depth, by hand.  pipe: a lead reaches a stage when it meets it or
# any later one, so its depth is the last stage it meets.  web: a chain of a
# /pricing visit and then a contact form within 7 days.
PIPE = {
    "A": 0,  # no events: generated only
    "B": 1,  # a mail opened
    "C": 2,  # opened, then an opportunity
    "D": 3,  # won, with no events at all
    "E": 2,  # an opportunity without a mail
    "G": 0,  # a click is not an open
    "H": 0,  # its open is after as_of
}           # F is created after as_of: it does not exist
WEB = {
    "A": -1,  # no visit
    "B": 1,   # visit, a day later the form
    "C": 0,   # the form 10 days after the visit: outside the window
    "D": 0,   # the form came before the visit
    "E": 0,   # a visit, but the seminar form
    "G": -1,  # /home is not /pricing
    "H": -1,  # its visit is after as_of
}

# (lead_ids given, the leads whose depths the answer holds)
CASES: list[tuple[list[str], list[str]]] = [
    (["A", "B", "C"], ["A", "B", "C"]),
    (["D", "nobody"], ["D"]),               # an id the store lacks is simply absent
    (["F"], []),                            # created after as_of: absent
    ([], []),                               # no ids: nobody
    (["E", "B", "B", "E"], ["B", "E"]),     # duplicates count once
    (["H", "G", "A"], ["A", "G", "H"]),
    ([*"ABCDEFGH", "X"], ["A", "B", "C", "D", "E", "G", "H"]),
]


class NoBatch(SQLiteStore):
    """A SQL store that cannot bind a list of ids: it answers lead by lead."""

    capabilities = SQLiteStore.capabilities - {Capability.SEGMENT_BATCH}


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@pytest.fixture(scope="module")
def stores(backends: Backends) -> dict[str, Any]:
    memory = data()
    out: dict[str, Any] = {"memory": memory, **backends.load(memory)}
    out.update({name: store for name, (store, _) in backends.mapped(memory).items()})
    no_batch = NoBatch(out["sqlite"]._conn)
    out["sqlite-no-batch"] = no_batch
    return out


STORE_NAMES = ("memory", "sqlite", "postgres", "duckdb", "sqlite-mapped", "postgres-mapped",
               "duckdb-mapped", "pandas-frames", "arrow-frames", "sqlite-no-batch")
rules = lr.parse(RULES)


@pytest.mark.parametrize("backend", STORE_NAMES)
@pytest.mark.parametrize(("ids", "present"), CASES)
def test_depths_of_some_leads_are_the_hand_worked_ones(
        stores: dict[str, Any], backend: str, ids: list[str], present: list[str]) -> None:
    store = stores[backend]
    assert rules.funnel("pipe").depths(store, AS_OF, lead_ids=ids) == {
        i: PIPE[i] for i in present}
    assert rules.funnel("web").depths(store, AS_OF, lead_ids=ids) == {
        i: WEB[i] for i in present}


@pytest.mark.parametrize("backend", STORE_NAMES)
def test_the_report_of_some_leads_counts_those_leads_only(
        stores: dict[str, Any], backend: str) -> None:
    report = rules.funnel("pipe").report(stores[backend], AS_OF,
                                         lead_ids=iter(["A", "B", "C", "D", "F", "zz"]))
    assert report.population == 4
    assert [(s.name, s.count, s.rate, s.drop_off) for s in report.stages] == [
        ("generated", 4, 1, 0), ("nurtured", 3, Fraction(3, 4), 1),
        ("opportunity", 2, Fraction(2, 3), 1), ("won", 1, Fraction(1, 2), 1)]
    assert report["nurtured"].reached == ("B", "C", "D")
    assert report["won"].dropped == ("C",)
    assert report["won"].overall == Fraction(1, 4)


@pytest.mark.parametrize("backend", STORE_NAMES)
def test_an_ordered_report_of_some_leads_measures_their_chains_only(
        stores: dict[str, Any], backend: str) -> None:
    report = rules.funnel("web").report(stores[backend], AS_OF, lead_ids=["B", "C", "G"])
    assert report.population == 3
    assert [(s.name, s.count) for s in report.stages] == [("visited", 2), ("applied", 1)]
    ttc = report["applied"].time_to_convert
    assert ttc is not None and (ttc.median, ttc.leads) == (DAY, 1)


@pytest.mark.parametrize("backend", STORE_NAMES)
def test_a_breakdown_of_some_leads_groups_those_leads_only(
        stores: dict[str, Any], backend: str) -> None:
    breakdown = rules.funnel("pipe").report(stores[backend], AS_OF, by="industry",
                                            lead_ids=["A", "B", "C", "D", "nobody"])
    groups = {g.label: (g.report.population, g.report["nurtured"].reached)
              for g in breakdown.groups}
    assert groups == {"Finance": (1, ("C",)), "Software": (2, ("B",)),
                      "(missing)": (1, ("D",))}
    assert breakdown.total.population == 4
    # A list of text: one group per element, case-insensitively (A's "Japan" and
    # B's "japan" are one group, labelled with the first spelling in sort order).
    by_tags = rules.funnel("pipe").report(stores[backend], AS_OF, by="tags",
                                          lead_ids=["A", "B", "E"])
    assert {g.label: g.report.population for g in by_tags.groups} == {
        "Japan": 2, "vip": 1, "(missing)": 1}


@pytest.mark.parametrize("backend", ("memory", "sqlite", "postgres", "duckdb"))
def test_over_time_of_some_leads_ends_with_their_report(
        stores: dict[str, Any], backend: str) -> None:
    store = stores[backend]
    for name in ("pipe", "web"):
        funnel = rules.funnel(name)
        over = funnel.over_time(store, "month", "2026-05-01", AS_OF, lead_ids=["B", "C", "H"],
                                progress=False)
        assert over.periods[-1].report.to_dict(ids=True) == funnel.report(
            store, AS_OF, lead_ids=["B", "C", "H"]).to_dict(ids=True)
        assert [p.report.population for p in over.periods] == [3, 3]


def test_one_id_as_a_string_or_an_id_that_is_not_text_is_a_usage_error() -> None:
    store = data()
    for call in (lambda ids: rules.funnel("pipe").report(store, AS_OF, lead_ids=ids),
                 lambda ids: rules.funnel("web").depths(store, AS_OF, lead_ids=ids),
                 lambda ids: rules.funnel("pipe").report(store, AS_OF, by="industry",
                                                         lead_ids=ids),
                 lambda ids: rules.funnel("pipe").over_time(store, "month", "2026-05-01",
                                                            AS_OF, lead_ids=ids)):
        with pytest.raises(UsageError, match="not one string") as caught:
            call("B")
        assert caught.value.diagnostics[0].hint == "lead_ids=['B']"
        with pytest.raises(UsageError, match="not a lead id"):
            call(["B", 7])


def test_an_empty_list_is_a_report_of_nobody_not_of_everyone() -> None:
    report = rules.funnel("pipe").report(data(), AS_OF, lead_ids=[])
    assert report.population == 0
    assert [(s.count, s.rate) for s in report.stages] == [(0, None)] * 4


@pytest.mark.parametrize("dialect", ("sqlite", "postgres", "duckdb", "spark"))
def test_the_database_queries_read_the_ids_as_one_bound_parameter(dialect: str) -> None:
    layout = Layout.for_schema(rules.schema, datetime_as_micros=dialect == "sqlite")
    tc = rules.time_context(AS_OF, None)
    depths = compile_depths(rules.program, "pipe", layout, dialect, tc, lead_ids=["B"])
    assert depths.params[LEAD_IDS] == ["B"]
    alive, sources = compile_stage_events(rules.program, "web", layout, dialect, tc,
                                          lead_ids=["B"])
    for query in [alive, *(q for _, q in sources if q is not None)]:
        assert query.params[LEAD_IDS] == ["B"]
        assert query.render().count(f"{LEAD_IDS}") == 1


@pytest.mark.parametrize("backend", STORE_NAMES)
def test_an_event_field_breakdown_of_some_leads_reads_their_chains_only(
        stores: dict[str, Any], backend: str) -> None:
    # B's chain ends on its contact form; C's on its visit (no application in the
    # window) and G has no chain: both (missing).  D and E are not asked for.
    breakdown = rules.funnel("web").report(stores[backend], AS_OF, by="application.form",
                                           attribution="last", lead_ids=["B", "C", "G"])
    groups = {g.label: (g.report.population, g.report["visited"].reached)
              for g in breakdown.groups}
    assert groups == {"contact": (1, ("B",)), "(missing)": (2, ("C",))}
    assert breakdown.total.population == 3
