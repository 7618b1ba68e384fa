"""Compiled queries from the cache (leadrules.sql.remembered): a replayed query is
exactly what compiling afresh gives, for any evaluation time; what cannot be
replayed soundly is compiled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import leadrules as lr
from leadrules.dates import TimeContext, zone
from leadrules.sample import AS_OF, generate
from leadrules.sql.layout import Layout
from leadrules.sql.query import compile_segment
from leadrules.sql.remembered import RecordingTime, remembered, replay

SPEC = Path(__file__).with_name("spec_examples.rules").read_text(encoding="utf-8")
TIMED = SPEC + """
segment recent { 1: lead { created_at within 3 months } }
segment last_month { 1: tracking { occurred_at in last month } count >= 2 }
segment this_week { 1: mail { occurred_at in this week } }
segment dated {
  1: lead { created_at after 2026-01-01 }
  2: application { occurred_at on 2026-03-08 }
  3: activity { occurred_at before 2026-03-08T10:00 }
  match 1 or 2 or 3
}
segment zero { 1: tracking { occurred_at within 0 days } }
segment now_or_then { 1: lead { created_at within 1 days or created_at within 2 days } }
"""
NAMES = ("hot_leads", "recent", "last_month", "this_week", "dated", "zero", "now_or_then")
TIMES = [AS_OF, AS_OF + dt.timedelta(days=1, hours=3),
         dt.datetime(2026, 3, 8, 1, 30, tzinfo=dt.UTC),
         dt.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
         dt.datetime(2024, 2, 29, 12, tzinfo=dt.UTC), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LEADRULES_CACHE_DIR", str(tmp_path))
    return tmp_path


def fresh(program: Any, name: str, layout: Layout, dialect: str, tc: TimeContext
          ) -> tuple[str, dict[str, Any]]:
    query = compile_segment(program, name, layout, dialect, tc, shape="correlated")
    return query.render(), dict(query.params)


@pytest.mark.parametrize("dialect,micros", [("sqlite", True), ("duckdb", False)])
@pytest.mark.parametrize("tz", ["UTC", "Asia/Tokyo", "America/New_York"])
def test_replayed_queries_equal_fresh_ones(cache: Path, dialect: str, micros: bool,
                                           tz: str) -> None:
    program = lr.parse(TIMED).program
    layout = Layout.for_schema(program.schema, datetime_as_micros=micros)
    for name in NAMES:
        compiled_now: list[TimeContext] = []

        def compile_query(at: TimeContext, name: str = name,
                          log: list[TimeContext] = compiled_now
                          ) -> tuple[str, dict[str, Any]]:
            log.append(at)
            return fresh(program, name, layout, dialect, at)

        for when in TIMES:
            tc = TimeContext(when, zone(tz))
            got = remembered("segment", name, program, layout, dialect, "correlated", tc,
                             compile_query)
            assert got == fresh(program, name, layout, dialect, tc), (name, when)
        if name == "hot_leads":  # once, and once more for the proof; then replayed
            assert len(compiled_now) == 2
    assert len(list(cache.glob("sql-*.pickle"))) == len(NAMES)


def test_a_warm_cache_gives_the_store_the_same_answers(cache: Path, tmp_path: Path) -> None:
    data = generate(300, as_of=AS_OF)
    memory = lr.MemoryStore(data.leads, data.events)
    path = tmp_path / "s.db"
    lr.SQLiteStore.create(path, memory).close()
    rules = lr.parse(TIMED)
    with lr.SQLiteStore(path) as store:
        for when in [AS_OF - dt.timedelta(days=k * 17) for k in range(4)]:
            for name in NAMES:
                segment = rules.segment(name)
                assert segment.select(store, when) == segment.select(memory, when), name
    assert len(list(cache.glob("sql-*.pickle"))) == len(NAMES)


def test_a_hidden_time_dependence_is_never_replayed(cache: Path) -> None:
    program = lr.parse(SPEC).program
    layout = Layout.for_schema(program.schema, datetime_as_micros=True)
    calls = []

    def sneaky(at: TimeContext) -> tuple[str, dict[str, Any]]:
        # A parameter computed from as_of without asking the time context.
        calls.append(at)
        return "SELECT :p1, :p2", {"p1": at.as_of.hour, "p2": 15}

    for hour in (1, 5, 9):
        tc = TimeContext(AS_OF.replace(hour=hour))
        got = remembered("segment", "hot_leads", program, layout, "sqlite", "correlated",
                         tc, sneaky)
        assert got == ("SELECT :p1, :p2", {"p1": hour, "p2": 15})
    assert len(calls) == 2 + 1 + 1  # the proof failed: compiled every time after


def test_replay_refuses_values_that_merge_or_collide() -> None:
    old = TimeContext(AS_OF)
    recorder = RecordingTime(AS_OF)
    cut = recorder.minus(30, "days")
    params = {"p1": cut, "p2": AS_OF}
    calls = [call for call, _ in recorder.log]
    new = TimeContext(AS_OF + dt.timedelta(days=3))
    assert replay("q", params, calls, old, new, False) == (
        "q", {"p1": new.minus(30, "days"), "p2": new.as_of})
    # A constant that the new cut-off would equal: one parameter would stand for both.
    clash = {"p1": cut, "p2": AS_OF, "p3": new.minus(30, "days")}
    assert replay("q", clash, calls, old, new, False) is None
    # One month and 31 days before 31 March are the same instant; before 15 March
    # they are not.  Merged or split, the parameters would not map one to one.
    end, mid = (dt.datetime(2026, 3, d, 9, tzinfo=dt.UTC) for d in (31, 15))
    for first, second in ((end, mid), (mid, end)):
        recorder = RecordingTime(first)
        month, days = recorder.minus(1, "months"), recorder.minus(31, "days")
        assert (month == days) == (first == end)
        logged = [call for call, _ in recorder.log]
        params = {"p1": first, "p2": month} if month == days else {
            "p1": first, "p2": month, "p3": days}
        assert replay("q", params, logged, TimeContext(first), TimeContext(second),
                      False) is None


def test_a_query_of_several_statements_is_never_cached(cache: Path) -> None:
    program = lr.parse(SPEC).program
    layout = Layout.for_schema(program.schema, datetime_as_micros=True)
    calls: list[TimeContext] = []

    def staged(at: TimeContext) -> None:
        calls.append(at)
        return None

    for when in TIMES[:3]:
        assert remembered("segment", "hot_leads", program, layout, "sqlite", "correlated",
                          TimeContext(when), staged) is None
    assert [c.as_of for c in calls] == TIMES[:3]


def test_scores_grades_and_tiers_of_some_leads_compile_once(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an application asks per event (issue 13 item 3): a decaying score, a
    grade and tiers over that score for a few leads, at a new instant each time --
    compiled once (and once more for the proof), then replayed, with the answers
    memory gives."""
    import leadrules.sql.query as query
    data = generate(120, as_of=AS_OF)
    memory = lr.MemoryStore(data.leads, data.events)
    path = tmp_path / "s.db"
    lr.SQLiteStore.create(path, memory).close()
    rules = lr.load(Path(lr.__file__).with_name("demo.rules"))
    compiled: list[str] = []
    for name in ("compile_score_rows", "compile_grading", "compile_tiers"):
        real = getattr(query, name)

        def counted(*args: Any, real: Any = real, name: str = name, **kw: Any) -> Any:
            compiled.append(name)
            return real(*args, **kw)
        monkeypatch.setattr(query, name, counted)
    ids = [lead["id"] for lead in data.leads[:3]]
    with lr.SQLiteStore(path) as store:
        for k in range(5):
            when = AS_OF - dt.timedelta(days=k * 3, seconds=k * 7, microseconds=k)
            for model, store_answer, memory_answer in (
                    (rules.scoring("default"),
                     lambda m, w: m.score(store, w, lead_ids=ids),
                     lambda m, w: m.score(memory, w, lead_ids=ids)),
                    (rules.grading("fit"),
                     lambda m, w: m.grade(store, w, lead_ids=ids),
                     lambda m, w: m.grade(memory, w, lead_ids=ids)),
                    (rules.tiers("follow_up"),
                     lambda m, w: m.assign(store, w, lead_ids=ids),
                     lambda m, w: m.assign(memory, w, lead_ids=ids))):
                got, want = store_answer(model, when), memory_answer(model, when)
                assert got.rows == want.rows, (model, when)
    assert sorted(compiled) == sorted(["compile_score_rows", "compile_grading",
                                       "compile_tiers"] * 2)


def test_funnel_depths_of_some_leads_compile_once(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A funnel of a few leads at a new instant each time (the demo pipeline: a
    segment and a score as stages) is compiled once, and once more for the proof."""
    import leadrules.sql.query as query
    data = generate(120, as_of=AS_OF)
    memory = lr.MemoryStore(data.leads, data.events)
    path = tmp_path / "s.db"
    lr.SQLiteStore.create(path, memory).close()
    pipeline = lr.load(Path(lr.__file__).with_name("demo.rules")).funnel("pipeline")
    compiled: list[int] = []
    real = query.compile_depths

    def counted(*args: Any, **kw: Any) -> Any:
        compiled.append(1)
        return real(*args, **kw)
    monkeypatch.setattr(query, "compile_depths", counted)
    with lr.SQLiteStore(path) as store:
        for k in range(5):
            when = AS_OF - dt.timedelta(days=k * 3, seconds=k * 7, microseconds=k)
            ids = [lead["id"] for lead in data.leads[k:k + 4]]
            assert (pipeline.report(store, when, lead_ids=ids).to_dict(ids=True)
                    == pipeline.report(memory, when, lead_ids=ids).to_dict(ids=True)), when
    assert len(compiled) == 2


@pytest.mark.parametrize(("unit", "tz", "times"), [
    # 1 month back from 31 March is 31 days, from 15 March 28: the proof's
    # second time (400 days earlier) has 31 too, so only the log tells them apart.
    ("month", "UTC", ["2026-03-31T12:00:00Z", "2026-03-15T00:00:00Z", "2026-05-01T00:00:00Z"]),
    ("year", "UTC", ["2027-12-01T00:00:00Z", "2028-06-01T00:00:00Z", "2029-01-01T00:00:00Z"]),
    # Berlin's day of the spring change lasts 23 hours.
    ("day", "Europe/Berlin", ["2026-03-28T12:00:00+01:00", "2026-03-29T03:00:00+02:00",
                              "2026-03-30T03:00:00+02:00"]),
])
def test_a_calendar_half_life_is_replayed_for_each_as_of(
        cache: Path, tmp_path: Path, unit: str, tz: str, times: list[str]) -> None:
    """A decaying score's half-life in calendar units lasts as long as the
    calendar says back from as_of (docs/scoring.md, Decay): a replayed query
    binds that as_of's length, not the first one's. Hand-computed: the event is
    exactly one half-life old at the second time of each case, so 100 -> 50."""
    memory = lr.MemoryStore(
        [{"id": "L1", "created_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)}],
        {"tracking": [{"lead_id": "L1", "occurred_at": dt.datetime.fromisoformat(when)}
                      for when in {"month": ["2026-02-15T00:00:00Z"],
                                   "year": ["2027-06-01T00:00:00Z"],
                                   "day": ["2026-03-28T03:00:00+01:00"]}[unit]]})
    path = tmp_path / "s.db"
    lr.SQLiteStore.create(path, memory).close()
    rules = lr.parse(f'timezone "{tz}"\nscoring m {{\n  tracking => +100 per event\n'
                     f"  decay half-life 1 {unit}\n}}\n")
    model = rules.scoring("m")
    answers = []
    with lr.SQLiteStore(path) as store:
        for when in times:
            got = {row[0]: row[1] for row in model.score(store, when).rows}
            want = {row[0]: row[1] for row in model.score(memory, when).rows}
            assert got == pytest.approx(want, rel=1e-12) and want["L1"] > 0, when
            answers.append(got["L1"])
    assert answers[1] == pytest.approx(50.0, rel=1e-12)


@pytest.mark.parametrize("cached", [True, False])
def test_an_as_of_near_year_1_or_9999_is_answered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  cached: bool) -> None:
    """The proof's second time is 400 days before as_of: near year 1 it is after
    it (it was an OverflowError traceback on every SQL store, cache on or off)."""
    monkeypatch.setenv("LEADRULES_CACHE_DIR", str(tmp_path / "cache") if cached else "")
    data = generate(40, as_of=AS_OF)
    memory = lr.MemoryStore(data.leads, data.events)
    lr.SQLiteStore.create(tmp_path / "s.db", memory).close()
    rules = lr.parse(TIMED)
    with lr.SQLiteStore(tmp_path / "s.db") as store:
        for when in ["0001-01-03", "0001-06-01T00:00:00Z", "9999-12-30", AS_OF, "0001-01-02"]:
            for name in NAMES:
                segment = rules.segment(name)
                assert segment.select(store, when) == segment.select(memory, when), (name, when)
