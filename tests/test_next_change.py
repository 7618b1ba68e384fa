"""Time-driven changes (issue 13 item 4): ``next_change`` of segments, tiers and
scores, and ``ListManager.due``.

The oracle is evaluation itself: at ``next_change - 1µs`` a lead's answer is its
answer at ``as_of``, at ``next_change`` it differs, and at instants sampled in
between (or, when there is no next change, for years after) it is the same.
The case table gives exact instants worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadrules as lr
from leadrules import ast
from leadrules.api import Rules
from leadrules.check import check
from leadrules.errors import UsageError
from leadrules.memory import MemoryStore
from tests.backends import BACKENDS, Backends, session_backends
from tests.typed_strategies import AS_OF, data_sets, model_files

UTC = dt.UTC
TICK = dt.timedelta(microseconds=1)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(UTC)


def views(*times: dt.datetime) -> dict[str, Any]:
    return {"id": "L1", "events": {"tracking": [{"occurred_at": t, "path": "/p"}
                                                for t in times]}}


def changes(rule: Any, lead: Any, as_of: dt.datetime, limit: int = 20) -> list[dt.datetime]:
    """Every next change from ``as_of`` on, each checked against evaluation."""
    out = []
    a = as_of
    for _ in range(limit):
        nc = rule.next_change(lead, a)
        if nc is None:
            return out
        assert nc > a
        assert rule.matches(lead, nc - TICK) == rule.matches(lead, a)
        assert rule.matches(lead, nc) != rule.matches(lead, a)
        out.append(nc)
        a = nc
    return out


# ------------------------------------------------------------------ case table


def test_a_hot_lead_leaves_when_its_15th_newest_view_turns_30_days_old() -> None:
    rules = lr.parse("""
segment hot {
  1: tracking { occurred_at within 30 days } count >= 15
}
""")
    start = at("2026-11-01T12:00:00Z")
    times = [start + dt.timedelta(hours=7 * i) for i in range(20)]
    lead = views(*times)
    hot = rules.segment("hot")
    as_of = at("2026-11-08T00:00:00Z")
    assert hot.matches(lead, as_of)
    fifteenth_newest = sorted(times)[-15]
    assert hot.next_change(lead, as_of) == fifteenth_newest + dt.timedelta(days=30) + TICK
    # `within` includes its cutoff: at exactly 30 days old the view still counts.
    assert hot.matches(lead, fifteenth_newest + dt.timedelta(days=30))


def test_days_are_wall_clock_days_across_a_dst_change_in_new_york() -> None:
    rules = lr.parse("""
timezone "America/New_York"
segment day { 1: tracking { occurred_at within 1 day } exists }
segment hours { 1: tracking { occurred_at within 24 hours } exists }
""")
    viewed = at("2026-03-07T12:00:00-05:00")  # the day before clocks spring forward
    lead = views(viewed)
    # One day later on the wall clock is 12:00 EDT, 23 hours later.
    assert changes(rules.segment("day"), lead, viewed) == [at("2026-03-08T12:00:00.000001-04:00")]
    assert changes(rules.segment("hours"), lead, viewed) == [
        viewed + dt.timedelta(hours=24) + TICK]


def test_a_fall_back_hour_and_a_skipped_hour_move_the_cutoff_both_ways() -> None:
    rules = lr.parse("""
timezone "America/New_York"
segment day { 1: tracking { occurred_at within 1 day } exists }
""")
    # 03:30 EDT on the day clocks sprang forward: one day later the wall clock
    # passes 02:30 (cutoff 02:30 EST = 03:30 EDT, the view leaves), then 03:00
    # (cutoff 03:00 EDT, it is back), then 03:30 (it leaves for good).
    viewed = at("2026-03-08T03:30:00-04:00")
    assert changes(rules.segment("day"), views(viewed), viewed) == [
        at("2026-03-09T02:30:00.000001-04:00"), at("2026-03-09T03:00:00-04:00"),
        at("2026-03-09T03:30:00.000001-04:00")]


def test_a_month_back_from_the_days_after_february_repeats_the_28th() -> None:
    rules = lr.parse("segment m { 1: tracking { occurred_at within 1 month } exists }")
    lead = views(at("2026-02-28T12:00:00Z"))
    # March 28, 29, 30 and 31 minus a month are all February 28: the view leaves
    # at noon, comes back at midnight, leaves at noon …, until April 1.
    assert changes(rules.segment("m"), lead, at("2026-03-01T00:00:00Z")) == [
        at("2026-03-28T12:00:00.000001Z"), at("2026-03-29T00:00:00Z"),
        at("2026-03-29T12:00:00.000001Z"), at("2026-03-30T00:00:00Z"),
        at("2026-03-30T12:00:00.000001Z"), at("2026-03-31T00:00:00Z"),
        at("2026-03-31T12:00:00.000001Z")]


def test_a_period_ends_at_midnight_in_the_rules_time_zone() -> None:
    rules = lr.parse("""
timezone "Asia/Tokyo"
segment this_month { 1: application { occurred_at in this month } exists }
segment last_month { 1: application { occurred_at in last month } exists }
""")
    lead = {"id": "L1", "events": {"application": [{"occurred_at": at("2026-03-15T00:00:00Z")}]}}
    as_of = at("2026-03-20T00:00:00Z")
    april = at("2026-04-01T00:00:00+09:00")
    assert changes(rules.segment("this_month"), lead, as_of) == [april]
    assert changes(rules.segment("last_month"), lead, as_of) == [
        april, at("2026-05-01T00:00:00+09:00")]


def test_an_event_dated_later_counts_from_its_instant_and_a_lead_from_its_creation() -> None:
    rules = lr.parse("""
segment any_view { 1: tracking exists }
segment old { 1: lead { created_at older than 2 days } }
""")
    later = at("2026-05-01T10:00:00Z")
    as_of = at("2026-04-01T00:00:00Z")
    assert changes(rules.segment("any_view"), views(later), as_of) == [later]
    lead = {"id": "L1", "created_at": at("2026-04-10T08:00:00Z")}
    assert changes(rules.segment("old"), lead, as_of) == [at("2026-04-12T08:00:00.000001Z")]


def test_a_list_change_recorded_later_counts_from_its_instant() -> None:
    from leadrules.lists import ListManager, MemoryListRepository
    sales = ListManager(None, MemoryListRepository())
    sales.create_static("called", at="2026-03-01")
    sales.create_static("other", at="2026-03-01")
    sales.add("called", ["L1"], at="2026-04-10T09:00Z")
    sales.add("other", ["L1"], at="2026-04-05T09:00Z")      # not read by the rules
    sales.remove("called", ["L1"], at="2026-04-20T17:30Z")
    sales.add("called", ["L2"], at="2026-04-15T00:00Z")     # another lead
    rules = lr.parse("""
segment to_call { 1: tracking exists
  match 1 and not in list called }
segment either { 1: lead { industry = "software" }
  match 1 or in list called }
""", lists=sales)
    lead = views(at("2026-03-15T00:00:00Z"))
    as_of = at("2026-04-01T00:00:00Z")
    assert changes(rules.segment("to_call"), lead, as_of) == [
        at("2026-04-10T09:00:00Z"), at("2026-04-20T17:30:00Z")]
    # A list change that cannot change the answer is no change.
    assert changes(rules.segment("either"), {**lead, "industry": "software"}, as_of) == []
    assert changes(rules.segment("either"), lead, as_of) == [
        at("2026-04-10T09:00:00Z"), at("2026-04-20T17:30:00Z")]
    # Scores and tiers read lists the same way.
    scored = lr.parse("""
scoring s { in list called => +10 }
tiers t using s { HOT: score >= 10 }
""", lists=sales)
    assert scored.tiers("t").next_change(lead, as_of) == at("2026-04-10T09:00:00Z")
    assert scored.scoring("s").next_change(lead, as_of) == at("2026-04-10T09:00:00Z")


def test_an_answer_that_time_cannot_change_has_no_next_change() -> None:
    rules = lr.parse("""
segment software { 1: lead { industry = "software" } }
segment ever { 1: tracking exists }
""")
    lead = {"id": "L1", "industry": "software", **views(at("2026-01-01T00:00:00Z"))}
    assert rules.segment("software").next_change(lead, "2026-02-01") is None
    assert rules.segment("ever").next_change(lead, "2026-02-01") is None


def test_a_decaying_score_leaves_hot_exactly_when_it_halves_below_the_threshold() -> None:
    rules = lr.parse("""
scoring eng {
  tracking => +100 per event
  decay half-life 10 days
}
tiers follow_up using eng {
  hot: score >= 50
  warm: score >= 25
  cold: otherwise
}
segment hot { 1: score eng >= 50 }
""")
    viewed = at("2026-06-01T00:00:00Z")
    lead = views(viewed)
    tiers = rules.tiers("follow_up")
    # 100 points halve to exactly 50 at 10 days, then fall below.
    assert tiers.next_change(lead, viewed) == viewed + dt.timedelta(days=10) + TICK
    assert tiers.next_change(lead, viewed + dt.timedelta(days=10, microseconds=1)) == (
        viewed + dt.timedelta(days=20) + TICK)
    assert tiers.next_change(lead, viewed + dt.timedelta(days=21)) is None
    assert rules.segment("hot").next_change(lead, viewed) == viewed + dt.timedelta(days=10) + TICK
    score = rules.scoring("eng")
    assert score.next_change(lead, viewed, threshold=[25, 50]) == (
        viewed + dt.timedelta(days=10) + TICK)
    with pytest.raises(UsageError, match="decays"):
        score.next_change(lead, viewed)


def test_a_cap_holds_a_decaying_score_until_its_points_fall_under_it() -> None:
    rules = lr.parse("""
scoring eng {
  tracking => +100 per event, max 60
  decay half-life 10 days
}
segment hot { 1: score eng >= 50 }
""")
    viewed = at("2026-06-01T00:00:00Z")
    # Capped at 60 until 100 * 2^-x = 60; then 50 at exactly 10 days.
    assert rules.segment("hot").next_change(views(viewed), viewed) == (
        viewed + dt.timedelta(days=10) + TICK)


def test_a_half_life_of_a_month_is_shorter_from_march_1_and_the_score_jumps() -> None:
    rules = lr.parse("""
scoring eng {
  tracking => +100 per event
  decay half-life 1 month
}
segment hot { 1: score eng >= 40 }
""")
    viewed = at("2026-01-20T00:00:00Z")
    # Until 28 February a month back is 31 days (100 * 2^-(39.99/31) > 40); on
    # 1 March it is 28 (100 * 2^-(40/28) = 37.1): the score drops at midnight.
    assert rules.segment("hot").next_change(views(viewed), viewed) == at("2026-03-01T00:00:00Z")


def test_a_score_without_decay_changes_when_a_window_lets_an_event_go() -> None:
    rules = lr.parse("""
scoring recent {
  tracking => +5 per event
  window 7 days
}
""")
    viewed = at("2026-06-01T00:00:00Z")
    lead = views(viewed, viewed + dt.timedelta(days=1))
    score = rules.scoring("recent")
    assert score.next_change(lead, viewed + dt.timedelta(days=1)) == (
        viewed + dt.timedelta(days=7) + TICK)
    assert score.next_change(lead, viewed + dt.timedelta(days=1), threshold=10) == (
        viewed + dt.timedelta(days=7) + TICK)
    assert score.next_change(lead, viewed + dt.timedelta(days=1), threshold=5) == (
        viewed + dt.timedelta(days=8) + TICK)


def test_until_bounds_the_search() -> None:
    rules = lr.parse("segment w { 1: tracking { occurred_at within 30 days } exists }")
    viewed = at("2026-06-01T00:00:00Z")
    hot = rules.segment("w")
    assert hot.next_change(views(viewed), viewed, until=viewed + dt.timedelta(days=29)) is None
    assert hot.next_change(views(viewed), viewed, until=viewed + dt.timedelta(days=31)) == (
        viewed + dt.timedelta(days=30) + TICK)


# ------------------------------------------------------------------- properties

EXAMPLES = 6
SQL_EXAMPLES = 4
ZONES = ("UTC", "Asia/Tokyo", "America/New_York")


def _with_zone(rule_file: ast.RuleFile, zone: str) -> ast.RuleFile:
    decls = tuple(d for d in rule_file.declarations if not isinstance(d, ast.TimezoneDecl))
    return attrs.evolve(rule_file, declarations=(ast.TimezoneDecl(zone), *decls))


def _samples(fractions: list[float], start: dt.datetime, end: dt.datetime
             ) -> Iterator[dt.datetime]:
    span = (end - start) // TICK
    for f in fractions:
        yield start + TICK * int(span * f)


def _check(answer: Any, nc: dt.datetime | None, as_of: dt.datetime,
           fractions: list[float]) -> None:
    base = answer(as_of)
    if nc is None:
        for a in _samples(fractions, as_of, as_of + dt.timedelta(days=4 * 365)):
            assert answer(a) == base, a
        assert answer(as_of + dt.timedelta(days=40 * 365)) == base
        return
    assert nc > as_of
    assert answer(nc - TICK) == base
    assert answer(nc) != base
    for a in _samples(fractions, as_of, nc):
        assert answer(a) == base, a


def _exists(lead: dict[str, Any], when: dt.datetime) -> bool:
    created = lead.get("created_at")
    return created is None or created <= when


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rule_file=model_files(), data=data_sets(), zone=st.sampled_from(ZONES),
       fractions=st.lists(st.floats(0, 1, exclude_max=True), min_size=3, max_size=6),
       threshold=st.sampled_from((0.5, 2, 5, 10)))
def test_nothing_changes_before_next_change_and_something_does_at_it(
        rule_file: ast.RuleFile, data: tuple[list[dict[str, Any]], dict[str, Any]],
        zone: str, fractions: list[float], threshold: float) -> None:
    rules = Rules(check(_with_zone(rule_file, zone)))
    store = MemoryStore(*data)
    for lead in store.leads():
        _check_lead(rules, store, lead, fractions, threshold)


def _check_lead(rules: Rules, store: MemoryStore, lead: dict[str, Any],
                fractions: list[float], threshold: float) -> None:
    lead_id = lead["id"]
    for name in ("s0", "s1"):
        seg = rules.segment(name)
        nc = seg.next_change(lead_id, AS_OF, store=store)
        _check(lambda a, seg=seg: seg.matches(lead_id, a, store=store), nc, AS_OF, fractions)
    if not _exists(lead, AS_OF):
        return
    tiers = rules.tiers("t0")

    def tier(a: dt.datetime) -> Any:
        return dict(tiers.assign(store, a).rows_of("lead_id", "tier"))[lead_id]
    _check(tier, tiers.next_change(lead_id, AS_OF, store=store), AS_OF, fractions)
    score = rules.scoring("m0")
    _check(lambda a: score.score_of(lead_id, a, store=store) >= threshold,
           score.next_change(lead_id, AS_OF, store=store, threshold=threshold),
           AS_OF, fractions)


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@settings(max_examples=SQL_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rule_file=model_files(), data=data_sets(), zone=st.sampled_from(ZONES))
def test_sql_stores_give_the_next_change_memory_gives(
        backends: Backends, rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, Any]], zone: str) -> None:
    rules = Rules(check(_with_zone(rule_file, zone)))
    memory = MemoryStore(*data)
    stores = backends.load(memory)
    # At most four leads an example: an example's cost grows with its leads times its
    # instants to search (one drawn example took 120 s on a slow machine), while the
    # store-against-memory comparison is per lead.
    for backend in BACKENDS:
        store = stores[backend]
        for lead in memory.leads()[:4]:
            for name in ("s0", "s1"):
                seg = rules.segment(name)
                assert (seg.next_change(lead["id"], AS_OF, store=store)
                        == seg.next_change(lead["id"], AS_OF, store=memory)), (backend, name)
            if _exists(lead, AS_OF):
                tiers = rules.tiers("t0")
                assert (tiers.next_change(lead["id"], AS_OF, store=store)
                        == tiers.next_change(lead["id"], AS_OF, store=memory)), backend


# ------------------------------------------------------------------ lists.due


def test_due_lists_the_leads_whose_lists_change_by_time_alone() -> None:
    from leadrules.lists import DueChange, ListManager
    rules = lr.parse("""
segment hot { 1: tracking { occurred_at within 30 days } count >= 2 }
segment ever { 1: tracking exists }
""")
    t = at("2026-06-01T00:00:00Z")
    store = MemoryStore(
        [{"id": "A"}, {"id": "B"}, {"id": "C"},
         {"id": "D", "created_at": t + dt.timedelta(days=3)}],
        {"tracking": [
            {"lead_id": "A", "occurred_at": t}, {"lead_id": "A", "occurred_at": t},
            {"lead_id": "B", "occurred_at": t - dt.timedelta(days=40)},
            {"lead_id": "C", "occurred_at": t + dt.timedelta(days=5)},
            {"lead_id": "D", "occurred_at": t}]})
    lists = ListManager(rules)
    lists.create_dynamic("hot", "hot")
    lists.create_dynamic("ever", "ever")
    as_of = t + dt.timedelta(days=1)
    assert lists.due(store, as_of, until=t + dt.timedelta(days=60)) == [
        DueChange("D", t + dt.timedelta(days=3), ("ever",), ()),
        DueChange("C", t + dt.timedelta(days=5), ("ever",), ()),
        DueChange("A", t + dt.timedelta(days=30) + TICK, (), ("hot",))]
    assert lists.due(store, as_of, until=t + dt.timedelta(days=4)) == [
        DueChange("D", t + dt.timedelta(days=3), ("ever",), ())]
    assert lists.due(store, as_of, until=t + dt.timedelta(days=60), names=["hot"]) == [
        DueChange("A", t + dt.timedelta(days=30) + TICK, (), ("hot",))]
    with pytest.raises(UsageError, match="until"):
        lists.due(store, as_of)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rule_file=model_files(), data=data_sets(), zone=st.sampled_from(ZONES),
       days=st.integers(1, 800))
def test_due_agrees_with_refreshing_at_its_instants(
        rule_file: ast.RuleFile, data: tuple[list[dict[str, Any]], dict[str, Any]],
        zone: str, days: int) -> None:
    from leadrules.lists import ListManager
    rules = Rules(check(_with_zone(rule_file, zone)))
    store = MemoryStore(*data)
    lists = ListManager(rules)
    lists.create_dynamic("a", "s0")
    lists.create_dynamic("b", "s1")
    until = AS_OF + dt.timedelta(days=days)
    due = {d.lead_id: d for d in lists.due(store, AS_OF, until)}

    def members(when: dt.datetime) -> dict[str, set[str]]:
        return {name: set(rules.segment(seg).select(store, when))
                for name, seg in (("a", "s0"), ("b", "s1"))}
    base = members(AS_OF)
    for d in due.values():
        assert AS_OF < d.at <= until
        before, then = members(d.at - TICK), members(d.at)
        for name in ("a", "b"):
            assert (d.lead_id in before[name]) == (d.lead_id in base[name])
            changed = (d.lead_id in then[name]) != (d.lead_id in base[name])
            assert changed == (name in d.entering + d.leaving)
            assert (name in d.entering) == (changed and d.lead_id in then[name])
    late = members(until)
    for lead in store.leads():
        if lead["id"] not in due:
            for name in ("a", "b"):
                assert (lead["id"] in late[name]) == (lead["id"] in base[name])


def test_a_lead_created_after_as_of_changes_when_it_is_created() -> None:
    """Scores and tiers answer as a segment does (they raised 'it does not exist
    yet', so an application setting a timer for a pre-imported lead crashed)."""
    import leadrules as lr
    rules = lr.parse("segment s {\n  1: email exists\n}\nscoring sc {\n  email exists => +5\n}\n"
                     "tiers t {\n  hot: segment s\n  cold: otherwise\n}\n")
    store = lr.MemoryStore([{"id": "L4", "email": "a@x.jp",
                             "created_at": "2026-04-05T00:00:00Z"}], {})
    created = dt.datetime(2026, 4, 5, tzinfo=dt.UTC)
    for rule in (rules.segment("s"), rules.scoring("sc"), rules.tiers("t")):
        assert rule.next_change("L4", "2026-03-31T12:00Z", store=store) == created
        assert rule.next_change("L4", "2026-04-06", store=store) is None
