"""The write API (stores/base.py ``WritableStore``) on every store.

Differential: a random sequence of writes applied to memory, SQLite,
PostgreSQL and DuckDB, then rules evaluated -- every store must answer what
the in-memory evaluator answers on the final data, and what a fresh import of
that final data answers (the independent oracle: the import path shares no
code with the write path beyond normalising values).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadrules as lr
from leadrules import ast, sample
from leadrules.api import Rules
from leadrules.check import check
from leadrules.cli import main
from leadrules.errors import DataError, StoreError
from leadrules.memory import MemoryStore
from leadrules.schema import DEFAULT_SCHEMA, EVENT_TIME, LEAD_KEY
from leadrules.stores.base import WritableStore
from leadrules.stores.duckdb import DuckDBStore
from leadrules.stores.open import open_store
from leadrules.stores.sqlite import SQLiteStore
from tests.backends import BACKENDS, POSTGRES_URL, Backends, session_backends, unique_name
from tests.typed_strategies import (
    AS_OF,
    EVENT_FIELDS,
    INSTANTS,
    LEAD_FIELDS,
    SOURCES,
    _lead_value,
    data_sets,
    rule_files,
)

EXAMPLES = 10
SCHEMA = DEFAULT_SCHEMA.extend("tracking", {"event_id": "text"})
IDS = tuple(f"L{i}" for i in range(7))
DEMO_RULES = Path(__file__).parents[1] / "src" / "leadrules" / "demo.rules"


@pytest.fixture(scope="module")
def written() -> Iterator[Backends]:
    yield from session_backends()


@pytest.fixture(scope="module")
def fresh() -> Iterator[Backends]:
    yield from session_backends()


@st.composite
def leads(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for lead_id in draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True)):
        lead: dict[str, Any] = {"id": lead_id}
        for ftype, names in LEAD_FIELDS.items():
            for name in names:
                lead[name] = draw(_lead_value(ftype))
        out.append(lead)
    return out


@st.composite
def events(draw: st.DrawFn, keyed: bool = False
           ) -> tuple[str, list[dict[str, Any]], str | None]:
    source = "tracking" if keyed else draw(st.sampled_from(SOURCES))
    out = []
    for _ in range(draw(st.integers(1, 4))):
        event: dict[str, Any] = {"lead_id": draw(st.sampled_from(IDS)),
                                 EVENT_TIME: draw(st.sampled_from(INSTANTS))}
        for ftype, names in EVENT_FIELDS[source].items():
            for name in names:
                if name != EVENT_TIME:
                    event[name] = draw(_lead_value(ftype))
        if keyed:
            event["event_id"] = draw(st.sampled_from(("e1", "e2", "E1")))
        out.append(event)
    return source, out, "event_id" if keyed else None


BAD = {"occurred_at": "not a time"}

writes = st.one_of(
    st.tuples(st.just("upsert"), leads()),
    st.tuples(st.just("delete"), st.lists(st.sampled_from(IDS), max_size=3)),
    st.tuples(st.just("events"), events()),
    st.tuples(st.just("events"), events(keyed=True)),
    st.tuples(st.just("bad"), events()),
)


def apply(store: WritableStore, write: tuple[str, Any]) -> Any:
    kind, arg = write
    try:
        if kind == "upsert":
            return store.upsert_leads(arg)
        if kind == "delete":
            return store.delete_leads(arg)
        source, records, key = arg
        if kind == "bad":
            records = [*records[:-1], {**records[-1], **BAD}]
        return store.add_events(source, records, key=key)
    except DataError as exc:
        return ("DataError", str(exc))


def final_data(memory: MemoryStore) -> MemoryStore:
    """What a fresh import would be given: the stored leads and their events."""
    leads = list(memory.leads())
    events: dict[str, list[dict[str, Any]]] = {s: [] for s in memory.schema.source_names}
    for lead in leads:
        for source, records in memory.events_of(lead[LEAD_KEY]).items():
            events[source] += records
    return MemoryStore.from_normalized(memory.schema, leads, events)


def records(store: Any) -> Any:
    leads = sorted(store.leads(), key=lambda r: r[LEAD_KEY])
    return leads, {lead[LEAD_KEY]: store.events_of(lead[LEAD_KEY]) for lead in leads}


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rule_file=rule_files(), data=data_sets(), ops=st.lists(writes, min_size=2, max_size=6))
def test_writes_then_rules_agree_with_a_fresh_import(
        written: Backends, fresh: Backends, rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]],
        ops: list[tuple[str, Any]]) -> None:
    rules = Rules(check(rule_file))
    memory = MemoryStore(*data, schema=SCHEMA)
    stores = written.load(memory)
    for op in ops:
        want = apply(memory, op)
        for backend in BACKENDS:
            assert apply(stores[backend], op) == want, (backend, op)
    final = final_data(memory)
    imported = fresh.load(final)
    want_records = records(final)
    for backend in BACKENDS:
        assert records(stores[backend]) == want_records, backend
        assert records(imported[backend]) == want_records, backend
    for seg in rule_file.segments:
        want = rules.segment(seg.name).select(final, AS_OF)
        assert rules.segment(seg.name).select(memory, AS_OF) == want
        for backend in BACKENDS:
            assert rules.segment(seg.name).select(stores[backend], AS_OF) == want, backend
            assert rules.segment(seg.name).select(imported[backend], AS_OF) == want, backend


# ------------------------------------------------------------ examples


NOW = dt.datetime(2026, 3, 31, 9, 0, tzinfo=dt.UTC)


def every_store(written: Backends, data: MemoryStore) -> dict[str, Any]:
    return {"memory": data, **written.load(data)}


def test_a_bad_record_is_named_and_nothing_is_written(written: Backends) -> None:
    for name, store in every_store(written, MemoryStore(schema=SCHEMA)).items():
        with pytest.raises(DataError) as caught:
            store.upsert_leads([{"id": "A"}, {"id": "B", "employees": "many"}])
        message = str(caught.value)
        assert "lead record at index 1, field 'employees'" in message, name
        assert store.leads() == [] or store.leads() == (), name
        store.upsert_leads([{"id": "A"}])
        with pytest.raises(DataError, match=r"tracking event record at index 0, field "
                                            r"'occurred_at'"):
            store.add_events("tracking", [{"lead_id": "A", "occurred_at": "soon"},
                                          {"lead_id": "A", "occurred_at": NOW}])
        with pytest.raises(DataError, match="unknown field 'colour'"):
            store.add_events("tracking", [{"lead_id": "A", "occurred_at": NOW,
                                           "colour": "red"}])
        with pytest.raises(DataError, match="duplicate lead id 'A'"):
            store.upsert_leads([{"id": "A"}, {"id": "A"}])
        with pytest.raises(DataError, match=r"unknown source 'trackin'|no source 'trackin'"):
            store.add_events("trackin", [])
        assert store.events_of("A")["tracking"] == [], name


def test_a_resent_event_is_not_counted_twice(written: Backends) -> None:
    rules = lr.parse('segment busy "Busy" {\n  1: tracking count >= 2\n  match 1\n}\n',
                     schema=SCHEMA)
    for name, store in every_store(written, MemoryStore(schema=SCHEMA)).items():
        store.upsert_leads([{"id": "A"}])
        view = {"lead_id": "A", "occurred_at": NOW, "event_id": "v1"}
        assert store.add_events("tracking", [view], key="event_id") == 1
        assert store.add_events("tracking", [view, view], key="event_id") == 0, name
        assert rules.segment("busy").select(store, AS_OF) == [], name
        other = {**view, "event_id": "v2"}
        assert store.add_events("tracking", [view, other], key="event_id") == 1
        assert rules.segment("busy").select(store, AS_OF) == ["A"], name
        with pytest.raises(DataError, match="field 'event_id': no value"):
            store.add_events("tracking", [{"lead_id": "A", "occurred_at": NOW}],
                             key="event_id")
        with pytest.raises(DataError, match="key field 'evnt_id'"):
            store.add_events("tracking", [view], key="evnt_id")


def test_upsert_replaces_the_record_and_keeps_the_events(written: Backends) -> None:
    for name, store in every_store(written, MemoryStore(schema=SCHEMA)).items():
        assert store.upsert_leads([{"id": "A", "industry": "retail"}, {"id": "B"}]) == 2
        store.add_events("mail", [{"lead_id": "A", "occurred_at": NOW, "kind": "click"}])
        assert store.upsert_leads([{"id": "A", "employees": "12"}]) == 1
        lead = store.lead("A")
        assert lead["employees"] == 12 and lead["industry"] is None, name
        assert [r["id"] for r in store.leads()] == ["A", "B"], name
        assert len(store.events_of("A")["mail"]) == 1, name
        assert store.delete_leads(["A", "NOPE"]) == 1, name
        assert store.lead("A") is None and store.events_of("A")["mail"] == [], name
        store.upsert_leads([{"id": "A"}])
        assert store.events_of("A")["mail"] == [], name  # deleted with the lead


def test_stores_opened_from_files_write_too(tmp_path: Path) -> None:
    data = MemoryStore([{"id": "A"}], schema=SCHEMA)
    SQLiteStore.create(tmp_path / "a.db", data).close()
    with SQLiteStore(tmp_path / "a.db") as store:
        store.upsert_leads([{"id": "B"}])
        store.add_events("tracking", [{"lead_id": "B", "occurred_at": NOW}])
    with SQLiteStore(tmp_path / "a.db") as store:
        assert [r["id"] for r in store.leads()] == ["A", "B"]
        assert len(store.events_of("B")["tracking"]) == 1
    DuckDBStore.create(tmp_path / "a.duckdb", data).close()
    with DuckDBStore(tmp_path / "a.duckdb") as duck:
        duck.upsert_leads([{"id": "B"}])
        assert [r["id"] for r in duck.leads()] == ["A", "B"]
    with DuckDBStore(tmp_path / "a.duckdb") as duck:
        assert [r["id"] for r in duck.leads()] == ["A", "B"]


def test_a_failed_write_rolls_back(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    from leadrules.stores import sqlite as lite
    lite.write(conn, MemoryStore([{"id": "A"}], schema=SCHEMA))
    store = SQLiteStore(conn)
    conn.execute("CREATE TRIGGER no_b BEFORE INSERT ON lead WHEN NEW.id = 'C' "
                 "BEGIN SELECT RAISE(ABORT, 'no C'); END")
    with pytest.raises(StoreError, match="no C"):
        store.upsert_leads([{"id": "A", "industry": "x"}, {"id": "B"}, {"id": "C"}])
    assert [r["id"] for r in store.leads()] == ["A"]
    assert store.lead("A")["industry"] is None  # type: ignore[index]


# ------------------------------------------------------ import --append


def _split(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The sample as one folder, and as two folders whose append gives the same data:
    ``a`` has the first leads with their older events; ``b`` the other leads, the
    newer events of ``a``'s leads and, re-sent, every application event of ``a``."""
    data = sample.generate(90)
    cut = data.as_of - dt.timedelta(days=45)
    first = {lead["id"] for lead in data.leads[:60]}

    def part(leads: list[dict[str, Any]], keep: Any) -> sample.SampleData:
        return sample.SampleData(leads, {s: [e for e in es if keep(s, e)]
                                         for s, es in data.events.items()}, data.as_of)

    a = part(data.leads[:60], lambda s, e: e["lead_id"] in first and e["occurred_at"] < cut)
    b = part(data.leads[60:], lambda s, e: e["lead_id"] not in first or e["occurred_at"] >= cut
             or s == "application")
    for name, d in (("all", data), ("a", a), ("b", b)):
        sample.write_csv(d, tmp_path / name)
    return tmp_path / "all", tmp_path / "a", tmp_path / "b"


def _answers(target: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    out = []
    for name in ("hot_leads", "deep_visit", "pricing_no_contact", "dig_up", "decision_makers"):
        capsys.readouterr()
        assert main(["segment", str(DEMO_RULES), name, "--data", target, "--as-of",
                     sample.AS_OF.isoformat()]) == 0
        out.append(capsys.readouterr().out)
    assert main(["score", str(DEMO_RULES), "default", "--data", target, "--as-of",
                 sample.AS_OF.isoformat(), "--format", "csv"]) == 0
    out.append(capsys.readouterr().out)
    return out


@pytest.fixture()
def pg_target() -> Iterator[str]:
    schema = unique_name("lr_live_append")
    yield f"{POSTGRES_URL}?schema={schema}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.mark.parametrize("kind", ["sqlite", "duckdb", "postgres"])
def test_append_gives_what_one_import_of_everything_gives(
        kind: str, tmp_path: Path, pg_target: str, capsys: pytest.CaptureFixture[str]) -> None:
    whole, a, b = _split(tmp_path)
    target = {"sqlite": str(tmp_path / "t.db"), "duckdb": str(tmp_path / "t.duckdb"),
              "postgres": pg_target}[kind]
    reference = str(tmp_path / "ref.db")
    assert main(["import", str(whole), "--into", reference]) == 0
    assert main(["import", str(a), "--into", target]) == 0
    assert main(["list", "add", target, "vip", "L000001", "--data", target]) == 0
    capsys.readouterr()
    assert main(["import", str(b), "--into", target, "--append",
                 "--key", "application.id"]) == 0
    assert capsys.readouterr().err == f"appended 30 leads into {target}\n"
    assert _answers(target, capsys) == _answers(reference, capsys)
    assert main(["list", "show", target, "vip"]) == 0
    assert "L000001" in capsys.readouterr().out
    # Appending the same folder again adds no application event twice.
    assert main(["import", str(b), "--into", target, "--append",
                 "--key", "application.id"]) == 0
    with open_store(target) as store:
        ids = [e["id"] for lead in store.leads()
               for e in store.events_of(lead["id"])["application"]]
    assert len(ids) == len(set(ids)) > 0


def test_append_refuses_what_the_store_cannot_hold(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _, a, b = _split(tmp_path)
    assert main(["import", str(b), "--into", str(tmp_path / "none.db"), "--append"]) == 1
    assert "no SQLite store at" in capsys.readouterr().err
    assert main(["import", str(a), "--into", str(tmp_path / "t.db")]) == 0
    lead_csv = (b / "lead.csv").read_text(encoding="utf-8").splitlines()
    (b / "lead.csv").write_text("\n".join([lead_csv[0] + ",colour",
                                           *(line + ",red" for line in lead_csv[1:])]) + "\n",
                                encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(b), "--into", str(tmp_path / "t.db"), "--append"]) == 2
    err = capsys.readouterr().err
    assert "lead.csv has a column 'colour'" in err
    assert "--replace) replaces every lead and event" in err
    assert main(["import", str(a), "--into", str(tmp_path / "t.db"), "--key", "x.y"]) == 2
