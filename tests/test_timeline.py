"""A lead's timeline (``store.timeline``, ``leadrules timeline``) on every store.

Differential: generated leads, events and list histories loaded into memory,
SQLite, PostgreSQL, DuckDB and the mapped / DataFrame stores; every store's
timeline of every lead must be what the independent oracle gives -- the raw
records and list changes filtered and sorted by hand here, sharing no code
with :mod:`leadrules.timeline`.  The SQL stores read the lists kept in their
own database (no ``lists=``), memory and the mapped stores get them passed.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadrules as lr
from leadrules.cli import main
from leadrules.errors import UsageError
from leadrules.lists import LeadList, ListChange, ListManager, MemoryListRepository
from leadrules.memory import MemoryStore
from leadrules.schema import DEFAULT_SCHEMA, EVENT_TIME
from leadrules.stores.lists import SqlListRepository
from tests.backends import BACKENDS, POSTGRES_URL, Backends, session_backends
from tests.typed_strategies import INSTANTS, data_sets

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
LIST_NAMES = ("vip", "hot", "dnc")
ACTIONS = ("add", "remove", "refresh", "events")
SINCE = (None, dt.date(2026, 3, 30), dt.date(2026, 3, 1), dt.datetime(2026, 3, 29, 23, 59,
                                                                        tzinfo=dt.UTC))
AS_OF = (None, dt.date(2026, 3, 31), dt.datetime(2026, 3, 31, 12, 0, tzinfo=dt.UTC))
ZONES = (dt.UTC, TOKYO, NEW_YORK)
SLOW = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@st.composite
def histories(draw: st.DrawFn, ids: list[str]) -> list[ListChange]:
    """Up to 6 changes of up to 3 lists, at instants that tie with the events'."""
    out = []
    for _ in range(draw(st.integers(0, 6))):
        entered = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
        left = draw(st.lists(st.sampled_from([i for i in ids if i not in entered] or ["nobody"]),
                             unique=True, max_size=2))
        out.append(ListChange(draw(st.sampled_from(LIST_NAMES)), draw(st.sampled_from(INSTANTS)),
                              draw(st.sampled_from(ACTIONS)), tuple(entered), tuple(left),
                              draw(st.sampled_from((None, "sato", "segment hot")))))
    return out


def fill(repo: Any, changes: list[ListChange]) -> None:
    for name in repo.list_names():  # PostgreSQL's schema is reused between examples
        repo.delete_list(name)
    for name in sorted({c.list_name for c in changes}):
        repo.save_list(LeadList(name, "static"))
    for change in changes:
        repo.record(change)


# ------------------------------------------------------------------ the oracle


def _start(since: dt.date | dt.datetime | None, tz: dt.tzinfo) -> dt.datetime | None:
    if since is None or isinstance(since, dt.datetime):
        return since
    return dt.datetime(since.year, since.month, since.day, tzinfo=tz)  # from this instant


def _end(as_of: dt.date | dt.datetime | None, tz: dt.tzinfo) -> dt.datetime | None:
    if as_of is None or isinstance(as_of, dt.datetime):
        return as_of
    return dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=tz) + dt.timedelta(days=1)


def oracle(raw: dict[str, list[dict[str, Any]]], changes: list[ListChange], lead_id: str,
           since: Any, as_of: Any, tz: dt.tzinfo) -> list[dict[str, Any]]:
    """The timeline by hand: raw events and list changes of the lead, kept when
    after ``since`` (a date: at or after its midnight in ``tz``) and not after
    ``as_of`` (a date: before the next midnight), sorted by instant; at one
    instant events first (by source in schema order, then as given), then list
    changes (by list name, then as recorded)."""
    start, end = _start(since, tz), _end(as_of, tz)
    by_day = not isinstance(since, dt.datetime)
    to_day = not isinstance(as_of, dt.datetime)

    def kept(at: dt.datetime) -> bool:
        after = start is None or (at >= start if by_day else at > start)
        before = end is None or (at < end if to_day else at <= end)
        return after and before

    rows: list[tuple[Any, ...]] = []
    for s, source in enumerate(DEFAULT_SCHEMA.source_names):
        names = [n for n in DEFAULT_SCHEMA.source(source).field_names  # type: ignore[union-attr]
                 if n not in ("lead_id", EVENT_TIME)]
        for i, event in enumerate(raw.get(source, [])):
            if event["lead_id"] == lead_id:
                entry = {"at": event[EVENT_TIME], "kind": "event", "source": source,
                         "list": None, "change": None, "action": None, "by": None,
                         "fields": {n: event.get(n) for n in names}}
                rows.append((event[EVENT_TIME], 0, s, "", i, entry))
    for i, change in enumerate(changes):
        for what, ids in (("entered", change.entered), ("left", change.left)):
            if lead_id in ids:
                entry = {"at": change.at, "kind": "list", "source": None,
                         "list": change.list_name, "change": what, "action": change.action,
                         "by": change.by, "fields": {}}
                rows.append((change.at, 1, 0, change.list_name, i, entry))
    rows.sort(key=lambda r: r[:5])
    out = []
    for at, *_, entry in rows:
        if kept(at):
            out.append({**entry, "at": at.astimezone(tz).isoformat()})
    return out


def shown(store: Any, lead_id: str, since: Any, as_of: Any, tz: dt.tzinfo,
          lists: Any = None) -> list[dict[str, Any]]:
    found = store.timeline(lead_id, since, as_of=as_of, timezone=tz, lists=lists)
    assert found.lead_id == lead_id
    assert all(e.at.utcoffset() == e.at.astimezone(tz).utcoffset() for e in found)
    return found.to_dicts()


@settings(max_examples=8, deadline=None, suppress_health_check=SLOW)
@given(data=data_sets(), picks=st.data())
def test_every_store_gives_the_timeline_the_raw_records_give(
        backends: Backends, data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]],
        picks: st.DataObject) -> None:
    leads, raw = data
    ids = [lead["id"] for lead in leads]
    changes = picks.draw(histories(ids))
    memory = MemoryStore(leads, raw)
    repo = MemoryListRepository()
    fill(repo, changes)
    stores = backends.load(memory)
    fill(SqlListRepository(stores["sqlite"]._conn, "sqlite"), changes)
    fill(SqlListRepository(stores["duckdb"]._conn, "duckdb"), changes)
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{backends.pg_schema}"')
        fill(SqlListRepository(conn, "postgres"), changes)
    # Loading is what costs: each load is read with several bounds and zones.
    bounds = picks.draw(st.lists(st.tuples(st.sampled_from(SINCE), st.sampled_from(AS_OF),
                                           st.sampled_from(ZONES)), min_size=1, max_size=4))
    for since, as_of, tz in bounds:
        for lead_id in ids:
            want = oracle(raw, changes, lead_id, since, as_of, tz)
            assert shown(memory, lead_id, since, as_of, tz, repo) == want
            for name in BACKENDS:  # their own lists: no lists=
                assert shown(stores[name], lead_id, since, as_of, tz) == want, name


# Ids a LIKE pattern or a JSON string could get wrong: wildcards, the escape
# character, quotes, a prefix of another id, non-ASCII.
ODD_IDS = ["L1", "L10", "L%", "L_", "Lx", 'a"b', "a\\b", "a\\", "\\", '"', "%", "_",
           "リード1", "l1", 'x"L1']


def test_a_lead_s_list_changes_are_in_python_s_order_of_list_names() -> None:
    # A database may sort list names by its collation (en_US puts "alpha" before
    # "Zeta"); the timeline's order is Python's, each list's changes as recorded.
    from leadrules.stores.own_lists import of_lead
    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    alpha1, alpha2 = (ListChange("alpha", at, "add", ("L1",)),
                      ListChange("alpha", at, "remove", (), ("L1",)))
    zeta = ListChange("Zeta", at, "add", ("L1",))
    other = ListChange("beta", at, "add", ("L2",))
    assert of_lead([alpha1, alpha2, other, zeta], "L1") == (zeta, alpha1, alpha2)


def test_a_lead_s_list_history_reads_only_its_changes_on_every_engine(
        backends: Backends) -> None:
    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    changes = [ListChange("vip", at + dt.timedelta(hours=i), "add", (a,), (b,) if b else ())
               for i, (a, b) in enumerate(zip(ODD_IDS, [None, *ODD_IDS[:-1]], strict=True))]
    changes.append(ListChange("dnc", at, "add", tuple(ODD_IDS)))
    memory = MemoryStore([{"id": i} for i in ODD_IDS], {})
    stores = backends.load(memory)
    repos = {"sqlite": SqlListRepository(stores["sqlite"]._conn, "sqlite"),
             "duckdb": SqlListRepository(stores["duckdb"]._conn, "duckdb")}
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{backends.pg_schema}"')
        repos["postgres"] = SqlListRepository(conn, "postgres")
        for repo in repos.values():
            fill(repo, changes)
        for lead_id in [*ODD_IDS, "nobody", "L"]:
            # By hand: list name, then recording order; only the changes naming it.
            want = [c for c in sorted(changes, key=lambda c: c.list_name)
                    if lead_id in c.entered or lead_id in c.left]
            for name, repo in repos.items():
                assert list(repo.lead_history(lead_id)) == want, (name, lead_id)
                own = stores[name].own_lists()  # the store's read-only view
                assert list(own.lead_history(lead_id)) == want, (name, lead_id)


@settings(max_examples=3, deadline=None, suppress_health_check=SLOW)
@given(data=data_sets(), picks=st.data())
def test_mapped_and_dataframe_stores_give_the_same_timeline(
        backends: Backends, data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]],
        picks: st.DataObject) -> None:
    leads, raw = data
    changes = picks.draw(histories([lead["id"] for lead in leads]))
    repo = MemoryListRepository()
    fill(repo, changes)
    tz = picks.draw(st.sampled_from(ZONES))
    for name, (store, want) in backends.mapped(MemoryStore(leads, raw)).items():
        for lead in want.leads():
            expected = shown(want, lead["id"], None, None, tz, repo)
            assert shown(store, lead["id"], None, None, tz, repo) == expected, name


# ------------------------------------------------------------------ examples

NOW = dt.datetime(2026, 11, 16, 0, 0, tzinfo=TOKYO)  # Monday 00:00 in Tokyo


def small() -> MemoryStore:
    return MemoryStore(
        [{"id": "L1", "name": "Sato", "company": "Sakura"}, {"id": "L2"}],
        {"tracking": [{"lead_id": "L1", "occurred_at": NOW, "path": "/pricing"},
                      {"lead_id": "L1", "occurred_at": NOW - dt.timedelta(seconds=1),
                       "path": "/"},
                      {"lead_id": "L2", "occurred_at": NOW, "path": "/x"}],
         "application": [{"lead_id": "L1", "occurred_at": NOW + dt.timedelta(hours=2),
                          "form": "seminar"}]})


def test_a_bare_since_date_is_the_start_of_that_day_in_the_time_zone() -> None:
    store = small()
    found = store.timeline("L1", "2026-11-16", timezone="Asia/Tokyo")
    assert [(e.at.isoformat(), e.source) for e in found] == [
        ("2026-11-16T00:00:00+09:00", "tracking"), ("2026-11-16T02:00:00+09:00", "application")]
    # In UTC that Monday starts nine hours later: the page view at Tokyo midnight is before it.
    assert [e.source for e in store.timeline("L1", "2026-11-16")] == []
    assert len(store.timeline("L1", "2026-11-15")) == 3
    # The same function ListManager.history uses: the bounds agree.
    manager = ListManager(None)
    assert manager.since("2026-11-16", timezone="Asia/Tokyo") < NOW


def test_list_changes_come_after_the_events_of_the_same_instant() -> None:
    manager = ListManager(None)
    manager.create_static("vip")
    manager.add("vip", ["L1"], by="sato", at=NOW)
    manager.remove("vip", ["L1"], at=NOW + dt.timedelta(days=1))
    found = small().timeline("L1", lists=manager, timezone="Asia/Tokyo")
    assert [(e.kind, e.what, e.detail) for e in found] == [
        ("event", "tracking", "path=/"), ("event", "tracking", "path=/pricing"),
        ("list", "vip", "entered (add, sato)"), ("event", "application", "form=seminar"),
        ("list", "vip", "left (remove)")]
    assert repr(found) == "<Timeline of L1: 3 events, 2 list changes>"
    assert found.to_table().columns[0] == "at"


def test_an_unknown_lead_is_a_usage_error_with_a_suggestion() -> None:
    with pytest.raises(UsageError) as caught:
        small().timeline("L3")
    assert "no lead named 'L3'" in str(caught.value)
    with pytest.raises(UsageError, match="unknown time zone"):
        small().timeline("L1", timezone="Mars/Olympus")
    with pytest.raises(UsageError, match="bad since 'monday'"):
        small().timeline("L1", "monday")


# ------------------------------------------------------------------ the command line


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,name,company\nL1,Sato,Sakura\nL2,,\n", encoding="utf-8")
    (folder / "tracking.csv").write_text(
        "lead_id,occurred_at,path\nL1,2026-11-15T15:00:00Z,/pricing\n"
        "L1,2026-11-15T14:59:59Z,/\nL2,2026-11-15T15:00:00Z,/x\n", encoding="utf-8")
    db = tmp_path / "leads.db"
    assert run(capsys, "import", str(folder), "--into", str(db))[0] == 0
    assert run(capsys, "list", "add", str(db), "vip", "L1", "--by", "sato")[0] == 0
    (tmp_path / "tokyo.rules").write_text(
        'timezone "Asia/Tokyo"\n\nsegment s {\n  1: tracking exists\n}\n', encoding="utf-8")
    return tmp_path


def test_the_cli_shows_events_and_the_lists_kept_in_the_store(
        imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, rules = str(imported / "leads.db"), str(imported / "tokyo.rules")
    code, out, err = run(capsys, "timeline", db, "L1", "--rules", rules, "--format", "jsonl")
    assert code == 0 and err == ""
    entries = [json.loads(line) for line in out.splitlines()]
    assert [(e["kind"], e["source"] or e["list"], e["at"][:25]) for e in entries[:2]] == [
        ("event", "tracking", "2026-11-15T23:59:59+09:00"),
        ("event", "tracking", "2026-11-16T00:00:00+09:00")]
    assert entries[2]["kind"] == "list" and entries[2]["list"] == "vip"
    assert entries[2]["change"] == "entered" and entries[2]["by"] == "sato"
    # --since a date: from the start of that day in the rules' time zone.
    code, out, _ = run(capsys, "timeline", db, "L1", "--rules", rules, "--since", "2026-11-16",
                       "--format", "json")
    assert [e["fields"].get("path") for e in json.loads(out)] == ["/pricing", None]
    code, out, _ = run(capsys, "timeline", db, "L1", "--format", "table", "--as-of",
                       "2026-11-16")
    assert out.splitlines()[0] == "L1 Sato, Sakura (times in UTC)"
    assert out.splitlines()[-1] == "L1: 2 events, 0 list changes"
    # --state: the lists of another state instead of the store's.
    state = imported / "lists.json"
    assert run(capsys, "list", "add", str(state), "other", "L1", "--force")[0] == 0
    code, out, _ = run(capsys, "timeline", db, "L1", "--state", str(state), "--format", "json")
    assert [e["list"] for e in json.loads(out) if e["kind"] == "list"] == ["other"]


def test_the_cli_takes_the_data_as_data_too_as_the_other_commands_do(
        imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(imported / "leads.db")
    positional = run(capsys, "timeline", db, "L1", "--format", "jsonl")
    assert positional[0] == 0 and positional[1].count("\n") == 3
    assert run(capsys, "timeline", "--data", db, "L1", "--format", "jsonl") == positional
    assert run(capsys, "timeline", "L1", "--format", "jsonl", "--data", db) == positional
    code, out, err = run(capsys, "timeline", "L1")
    assert code == 2 and out == ""
    assert "timeline needs the data the lead is in" in err
    assert "leadrules timeline DATA L1 (or --data DATA)" in err
    code, _, err = run(capsys, "timeline", db, "L1", "--data", db)
    assert code == 2 and "timeline got the data twice" in err


def test_the_cli_refuses_an_unknown_lead_with_exit_2(
        imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "timeline", str(imported / "leads.db"), "L3")
    assert code == 2 and out == ""
    assert "no lead named 'L3'" in err
    code, _, err = run(capsys, "timeline", str(imported / "data"), "L1", "--since", "soon")
    assert code == 2 and "bad since 'soon'" in err


TIER_RULES = """\
scoring pts {
  tracking exists => +10 per event
}

tiers level using pts {
  exclude: is_competitor
  hot: score >= 30
  warm: score >= 10
  cold: otherwise
}

# The first tier as a segment: not excluded, and its condition
segment hot_tier {
  match not is_competitor and score pts >= 30
}
"""


def test_a_tier_kept_as_a_dynamic_list_shows_as_that_lists_changes() -> None:
    # Nothing records tiers; the documented way to have a tier's history is a
    # dynamic list over a segment that holds exactly when the lead has the tier.
    rules = lr.parse(TIER_RULES)
    store = MemoryStore([{"id": "L1"}, {"id": "L2", "is_competitor": True}])
    manager = ListManager(rules)
    manager.create_dynamic("hot", "hot_tier")
    tiers_seen = []
    for day in range(1, 6):
        at = dt.datetime(2026, 11, day, 9, tzinfo=dt.UTC)
        store.add_events("tracking", [{"lead_id": i, "occurred_at": at} for i in ("L1", "L2")])
        manager.on_events(store, ["L1", "L2"], as_of=at)
        tiers_seen.append({r["lead_id"]: r["tier"] for r in rules.tiers("level").assign(
            store, at)})
    assert [t["L1"] for t in tiers_seen] == ["warm", "warm", "hot", "hot", "hot"]
    found = store.timeline("L1", lists=manager)
    assert [(e.at.day, e.change) for e in found.list_changes()] == [(3, "entered")]
    assert store.timeline("L2", lists=manager).list_changes() == []  # excluded: never hot
