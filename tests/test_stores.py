"""The SQL stores give the in-memory answers: the shared case table, round trips, explain."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest

import leadrules as lr
from leadrules import regex as lr_regex
from leadrules import sample
from leadrules.memory import MemoryStore
from leadrules.regex import translate
from tests.backends import BACKENDS, Backends, session_backends
from tests.cases import AS_OF, CASES, Case
from tests.test_semantics import events_of, lead_of


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def _case_store() -> MemoryStore:
    """Every case's lead (id = the case's name) with its events, in one store."""
    leads = [{**lead_of(c), "id": c.name} for c in CASES]
    events: dict[str, list[dict[str, Any]]] = {}
    for c in CASES:
        for source, records in events_of(c).items():
            events.setdefault(source, []).extend({**r, "lead_id": c.name} for r in records)
    return MemoryStore(leads, events)


CASE_RULES = lr.parse("\n".join(f"segment s{i} {{\n  match {c.expr}\n}}"
                                for i, c in enumerate(CASES)))


@pytest.fixture(scope="module")
def case_stores(backends: Backends) -> dict[str, Any]:
    return backends.load(_case_store())


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("index", range(len(CASES)), ids=[c.name for c in CASES])
def test_case_in_store(case_stores: dict[str, Any], backend: str, index: int) -> None:
    case: Case = CASES[index]
    selected = CASE_RULES.segment(f"s{index}").select(case_stores[backend], AS_OF)
    assert (case.name in selected) is case.expected


@pytest.fixture(scope="module")
def sample_data() -> MemoryStore:
    data = sample.generate(60)
    return MemoryStore(data.leads, data.events)


@pytest.fixture(scope="module")
def sample_stores(backends: Backends, sample_data: MemoryStore) -> dict[str, Any]:
    return backends.load(sample_data)


@pytest.mark.parametrize("backend", BACKENDS)
def test_leads_round_trip(sample_stores: dict[str, Any], sample_data: MemoryStore,
                          backend: str) -> None:
    store = sample_stores[backend]
    assert list(store.leads()) == list(sample_data.leads())
    assert store.schema == sample_data.schema


@pytest.mark.parametrize("backend", BACKENDS)
def test_events_round_trip(sample_stores: dict[str, Any], sample_data: MemoryStore,
                           backend: str) -> None:
    store = sample_stores[backend]
    for lead in sample_data.leads():
        assert store.events_of(lead["id"]) == sample_data.events_of(lead["id"])
    assert store.lead("no such lead") is None
    assert store.events_of("no such lead") == {s: [] for s in sample_data.schema.source_names}


@pytest.mark.parametrize("backend", BACKENDS)
def test_demo_segments_agree_with_memory(sample_stores: dict[str, Any],
                                         sample_data: MemoryStore, backend: str) -> None:
    rules = lr.load(lr.__path__[0] + "/demo.rules")
    for as_of in (AS_OF, sample.AS_OF):
        for name in rules.segment_names:
            seg = rules.segment(name)
            assert seg.select(sample_stores[backend], as_of) == seg.select(sample_data, as_of)


@pytest.mark.parametrize("backend", BACKENDS)
def test_explain_works_on_a_sql_store(sample_stores: dict[str, Any],
                                      sample_data: MemoryStore, backend: str) -> None:
    rules = lr.load(lr.__path__[0] + "/demo.rules")
    seg = rules.segment("hot_leads")
    lead_id = sample_data.leads()[0]["id"]
    got = seg.explain(lead_id, sample.AS_OF, store=sample_stores[backend])
    want = seg.explain(lead_id, sample.AS_OF, store=sample_data)
    assert got == want


def test_segment_references_compile_once_as_ctes(sample_stores: dict[str, Any]) -> None:
    rules = lr.parse('segment base {\n  match industry = "software"\n}\n'
                     "segment s {\n  match segment base or (segment base and tracking exists)\n}")
    tc = rules.time_context(AS_OF, None)
    sql = sample_stores["postgres"].sql_for(rules.program, "s", tc).render()
    assert sql.count("industry__lower") == 1
    assert sql.startswith("WITH seg_0 AS")


def test_values_are_bind_parameters(sample_stores: dict[str, Any]) -> None:
    rules = lr.parse('segment s {\n  match company contains "o\'brien; DROP"\n}')
    query = sample_stores["sqlite"].sql_for(rules.program, "s", rules.time_context(AS_OF, None))
    assert "brien" not in query.render()
    assert "o'brien; drop" in query.params.values()


@pytest.mark.parametrize(("pattern", "text", "expected"), [
    (r"\d+", "１２３", False),           # full-width digits are not \d (ASCII)
    (r"\d+", "a12", True),
    (r"^\w+$", "日本", False),
    (r"^\w+$", "abc_1", True),
    (r"\bcat\b", "a cat.", True),
    (r"\bcat\b", "concat", False),
    (r"\Bcat", "concat", True),
    (r"a\sb", "a\vb", True),
    (r"a.b", "a\nb", False),
    (r"end$", "the end\n", True),
    (r"end$", "the end\nx", False),
    (r"[\d.]+x", "3.5x", True),
    (r"[^\w]", "abc", False),
    (r"a\ b", "a b", True),
    (r"\(x\)", "(x)", True),
])
@pytest.mark.parametrize("backend", BACKENDS)
def test_regex_matches_like_python(backends: Backends, backend: str, pattern: str, text: str,
                                   expected: bool) -> None:
    assert (re.compile(pattern, re.ASCII).search(text) is not None) is expected  # the meaning
    assert (lr_regex.compile_pattern(pattern).search(text) is not None) is expected  # memory
    store = backends.load(MemoryStore([{"id": "a", "title": text}]))[backend]
    rules = lr.parse(f"segment s {{\n  match title matches {_quoted(pattern)}\n}}")
    assert (rules.segment("s").select(store, AS_OF) == ["a"]) is expected
    if backend != "sqlite":
        assert translate(pattern, backend)  # rewritten, not passed through


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("backend", BACKENDS)
def test_fields_the_store_lacks_read_as_missing(backends: Backends, backend: str) -> None:
    store = backends.load(MemoryStore([{"id": "a"}]))[backend]
    rules = lr.parse("source webinar { title text }\n"
                     "segment s {\n  match webinar none and webinar count = 0\n}")
    assert rules.segment("s").select(store, AS_OF) == ["a"]
    # A lead field the store lacks is refused, as the in-memory store refuses it.
    lead_field = lr.parse("field lead.renewal datetime\n"
                          "segment s {\n  match renewal not exists\n}")
    with pytest.raises(lr.UsageError, match=r"the store has no field lead\.renewal"):
        lead_field.segment("s").select(store, AS_OF)
    with pytest.raises(lr.UsageError, match=r"the store has no field lead\.renewal"):
        lead_field.segment("s").select(MemoryStore([{"id": "a"}]), AS_OF)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_with_another_type_for_a_field_is_a_usage_error(backends: Backends,
                                                              backend: str) -> None:
    schema = lr.DEFAULT_SCHEMA.extend("lead", {"rating": "number"})
    store = backends.load(MemoryStore([{"id": "a", "rating": 3}], schema=schema))[backend]
    rules = lr.parse("field lead.rating text\nsegment s {\n  match rating exists\n}")
    with pytest.raises(lr.UsageError, match=r"lead\.rating is number in the store"):
        rules.segment("s").select(store, AS_OF)


def test_time_zone_and_bare_dates_are_bound_from_python(backends: Backends) -> None:
    leads = [{"id": "a", "created_at": dt.datetime(2026, 1, 31, 15, 30, tzinfo=dt.UTC)},
             {"id": "b", "created_at": dt.datetime(2026, 1, 31, 14, 30, tzinfo=dt.UTC)}]
    stores = backends.load(MemoryStore(leads))
    rules = lr.parse('timezone "Asia/Tokyo"\nsegment s {\n  match created_at on 2026-02-01\n}')
    for store in stores.values():
        assert rules.segment("s").select(store, "2026-03-01") == ["a"]


def test_postgres_queries_get_work_mem_that_never_outlives_them(
        sample_stores: dict[str, Any]) -> None:
    store = sample_stores["postgres"]
    conn = store._conn
    before = conn.execute("SHOW work_mem").fetchone()
    assert store._fetch("SELECT current_setting('work_mem')", {}) == [("128MB",)]
    assert conn.execute("SHOW work_mem").fetchone() == before
    store.work_mem = None  # the server's setting
    assert store._fetch("SELECT current_setting('work_mem')", {}) == [before]
    store.work_mem = "128MB"


def test_a_failed_postgres_query_leaves_the_callers_transaction_usable(
        sample_stores: dict[str, Any]) -> None:
    import psycopg

    from leadrules.errors import StoreError
    from leadrules.stores.postgres import PostgresStore
    store = sample_stores["postgres"]
    with psycopg.connect(store._conn.info.dsn) as conn:  # not autocommit
        mine = PostgresStore(conn, schema_name=store.schema_name)
        conn.execute("CREATE TEMP TABLE lr_mine (x int)")
        conn.execute("INSERT INTO lr_mine VALUES (1)")
        with pytest.raises(StoreError, match="PostgreSQL failed"):
            mine._fetch("SELECT no_such_column FROM lr_mine", {})
        # The caller's transaction goes on: its row is there, nothing was rolled back.
        assert conn.execute("SELECT x FROM lr_mine").fetchall() == [(1,)]
        assert conn.execute("SHOW work_mem").fetchone() != ("128MB",)
