"""Scoring (SPEC 3.2), grading (3.3) and tiers (3.4) with hand-computed answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leadrules as lr
from tests.cases import AS_OF, BASE_LEAD, ago
from tests.spec import spec_rules

SPEC_SCORING = spec_rules("engagement")


def visit(path: str, days: float) -> dict[str, Any]:
    return {"path": path, "occurred_at": ago(days=days)}


def score(text: str, model: str, lead: dict[str, Any] | None = None,
          **events: list[dict[str, Any]]) -> float:
    rules = lr.parse(text)
    return rules.scoring(model).score_of({**BASE_LEAD, **(lead or {})}, AS_OF, events=events)


def test_per_event_points_decay_by_each_events_age() -> None:
    # 10 * (1 + 1/2 + 1/4): today, one half-life ago, two half-lives ago.
    got = score(SPEC_SCORING, "engagement",
                tracking=[visit("/pricing", 0), visit("/pricing", 30), visit("/pricing", 60)])
    assert got == pytest.approx(17.5, abs=1e-12)


def test_once_decays_by_the_most_recent_matching_event() -> None:
    apps = [{"form": "contact", "occurred_at": ago(days=90)},
            {"form": "contact", "occurred_at": ago(days=30)}]
    assert score(SPEC_SCORING, "engagement", application=apps) == pytest.approx(25.0)


def test_lead_condition_scores_once_without_decay() -> None:
    assert score(SPEC_SCORING, "engagement", {"is_competitor": True}) == -100


def test_cap_applies_to_the_decayed_total() -> None:
    products = [visit("/products/a", 0) for _ in range(12)]
    assert score(SPEC_SCORING, "engagement", tracking=products) == 30
    few = [visit("/products/a", 0) for _ in range(4)]
    assert score(SPEC_SCORING, "engagement", tracking=few) == 12


def test_negative_points_and_min_cap() -> None:
    text = ("scoring s {\n  tracking { path = \"/careers\" } => -5 per event, min -12\n}")
    careers = [visit("/careers", 0) for _ in range(2)]
    assert score(text, "s", tracking=careers) == -10
    assert score(text, "s", tracking=careers * 3) == -12


def test_events_after_as_of_do_not_score() -> None:
    future = {"path": "/pricing", "occurred_at": AS_OF + dt.timedelta(seconds=1)}
    assert score(SPEC_SCORING, "engagement", tracking=[future]) == 0


def test_without_decay_points_are_exact_integers() -> None:
    text = "scoring s {\n  tracking { path starts with \"/p\" } => +3 per event\n}"
    got = score(text, "s", tracking=[visit("/pricing", 400), visit("/products", 1)])
    assert got == 6 and isinstance(got, float)


def test_window_counts_only_events_inside_it() -> None:
    text = ("scoring s {\n  tracking { path = \"/\" } => +1 per event\n"
            "  application exists => +7 once\n  window 30 days\n}")
    events = [visit("/", 29), visit("/", 30), visit("/", 31)]
    assert score(text, "s", tracking=events) == 2
    old_app = [{"form": "x", "occurred_at": ago(days=45)}]
    assert score(text, "s", application=old_app) == 0


def test_once_on_an_event_block_with_a_quantifier() -> None:
    text = "scoring s {\n  tracking { path = \"/\" } count >= 3 => +20\n}"
    assert score(text, "s", tracking=[visit("/", 1)] * 2) == 0
    assert score(text, "s", tracking=[visit("/", 1)] * 3) == 20


def test_segment_expression_scores_once() -> None:
    text = ("segment engaged {\n  match mail { kind = \"click\" } exists\n}\n"
            "scoring s {\n  segment engaged and industry = \"software\" => +15\n"
            "  decay half-life 1 day\n}")
    clicks = [{"kind": "click", "occurred_at": ago(days=10)}]
    assert score(text, "s", mail=clicks) == 15


def test_score_condition_in_a_segment() -> None:
    text = SPEC_SCORING + "\nsegment keen {\n  match score engagement >= 17.5\n}\n"
    rules = lr.parse(text)
    pricing = [visit("/pricing", 0), visit("/pricing", 30), visit("/pricing", 60)]
    assert rules.segment("keen").matches(BASE_LEAD, AS_OF, events={"tracking": pricing})
    assert not rules.segment("keen").matches(BASE_LEAD, AS_OF,
                                             events={"tracking": pricing[:2]})


def test_spec_example_total_and_explanation() -> None:
    rules = lr.parse(SPEC_SCORING)
    events = {
        "tracking": [visit("/", 0), visit("/products/x", 0), visit("/pricing", 30),
                     visit("/faq", 0)],
        "application": [{"form": "contact", "occurred_at": ago(days=0)}],
        "mail": [{"kind": "click", "occurred_at": ago(days=60)}],
    }
    # 1 + 3 + 10/2 - 1 + 50 + 5/4 = 59.25
    model = rules.scoring("engagement")
    assert model.score_of(BASE_LEAD, AS_OF, events=events) == pytest.approx(59.25)
    explanation = model.explain(BASE_LEAD, AS_OF, events=events)
    assert explanation.score == pytest.approx(59.25)
    by_rule = {r.key: r for r in explanation.rules}
    assert by_rule["rule 3"].total == pytest.approx(5.0)
    assert by_rule["rule 3"].events[0][1] == pytest.approx(0.5)
    assert "rule 3: tracking" in explanation.render()


def test_explanation_shows_the_cap() -> None:
    rules = lr.parse(SPEC_SCORING)
    products = [visit("/products/a", 0) for _ in range(12)]
    explanation = rules.scoring("engagement").explain(BASE_LEAD, AS_OF,
                                                      events={"tracking": products})
    capped = next(r for r in explanation.rules if r.cap)
    assert (capped.uncapped, capped.total, capped.cap) == (36, 30, "max 30")


def test_score_table_has_one_row_per_existing_lead_and_the_breakdown() -> None:
    store = lr.MemoryStore(
        [{**BASE_LEAD, "id": "a"}, {**BASE_LEAD, "id": "b", "is_competitor": True},
         {**BASE_LEAD, "id": "future", "created_at": AS_OF + dt.timedelta(days=1)}],
        {"tracking": [{"lead_id": "a", **visit("/pricing", 0)}]})
    table = lr.parse(SPEC_SCORING).scoring("engagement").score(store, AS_OF)
    assert table.column("lead_id") == ["a", "b"]
    assert table.column("score") == [10, -100]
    assert table.to_dicts()[0]["rule 3"] == 10


def test_default_model_ships_and_can_be_extended_by_label() -> None:
    rules = lr.parse("scoring mine extends default {\n"
                     "  pricing: tracking { path starts with \"/pricing\" } => +1 per event\n"
                     "  webinar: application { form = \"webinar\" } => +7 once\n}\n")
    pricing = [visit("/pricing", 0)]
    assert rules.scoring("default").score_of(BASE_LEAD, AS_OF, events={"tracking": pricing}) \
        == 10
    mine = rules.scoring("mine")
    assert mine.score_of(BASE_LEAD, AS_OF, events={"tracking": pricing}) == 1
    assert "webinar" in mine.rule_keys and mine.rule_keys.count("pricing") == 1
    assert mine.ast.decay == rules.scoring("default").ast.decay


def test_a_file_can_replace_the_default_model() -> None:
    rules = lr.parse("scoring default {\n  lead { nurture_target } => +3\n}")
    assert rules.scoring("default").score_of(BASE_LEAD, AS_OF) == 3


@pytest.mark.parametrize("text, message", [
    ("scoring s {\n  lead { nurture_target } => +1 per event\n}", "'per event' needs"),
    ("scoring s extends nope {\n  lead { nurture_target } => +1\n}", "unknown scoring model"),
    ("segment x {\n  match score nope >= 1\n}", "unknown scoring model 'nope'"),
    ("segment x {\n  match score >= 1\n}", "'score' needs a model name"),
    ("scoring a {\n  score b >= 1 => +1\n}\nscoring b {\n  score a >= 1 => +1\n}", "cycle"),
    ("scoring s {\n  x: lead { nurture_target } => +1\n  x: lead { is_competitor } => +1\n}",
     "used twice"),
])
def test_scoring_errors(text: str, message: str) -> None:
    with pytest.raises(lr.CheckError) as info:
        lr.parse(text)
    assert message in info.value.render()


# ------------------------------------------------------------------ grading

SPEC_GRADING = spec_rules("fit")


def grade(lead: dict[str, Any], text: str = SPEC_GRADING) -> str:
    return lr.parse(text).grading("fit").explain({**BASE_LEAD, **lead}, AS_OF).grade


def test_grade_steps_in_thirds() -> None:
    # D +1 -> C, +2/3 -> B-, +2/3 -> B+, +1/3 -> A-
    assert grade({}) == "A-"
    assert grade({"department": "sales"}) == "B+"
    assert grade({"industry": "retail", "department": None}) == "C+"


def test_grade_is_clamped() -> None:
    low = grade({"is_competitor": True, "industry": None, "employees": None, "title": None,
                 "department": None})
    assert low == "F"
    text = "grading fit {\n  start A\n  nurture_target => +1\n}"
    assert grade({}, text) == "A+"
    explanation = lr.parse(text).grading("fit").explain(BASE_LEAD, AS_OF)
    assert explanation.clamped


def test_grade_table_and_condition() -> None:
    text = SPEC_GRADING + "\nsegment fits {\n  match grade fit >= B+\n}\n"
    rules = lr.parse(text)
    store = lr.MemoryStore([{**BASE_LEAD, "id": "a"},
                            {**BASE_LEAD, "id": "b", "department": "sales"},
                            {**BASE_LEAD, "id": "c", "industry": "retail"}])
    assert rules.grading("fit").grade(store, AS_OF).to_dicts() == [
        {"lead_id": "a", "grade": "A-"}, {"lead_id": "b", "grade": "B+"},
        {"lead_id": "c", "grade": "B-"}]
    assert rules.segment("fits").select(store, AS_OF) == ["a", "b"]


def test_grade_step_must_be_thirds() -> None:
    with pytest.raises(lr.CheckError, match="multiple of 1/3"):
        lr.parse("grading g {\n  nurture_target => +1/2\n}")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), min_size=4, max_size=4))
def test_grade_is_monotone_in_positive_criteria_met(flags: list[bool]) -> None:
    text = ("grading g {\n  start C\n  f0 => +1\n  f1 => +2/3\n  f2 => +1/3\n  f3 => +4/3\n}")
    schema = lr.DEFAULT_SCHEMA
    for i in range(4):
        schema = schema.extend("lead", {f"f{i}": "bool"})
    profile = lr.parse(text, schema=schema).grading("g")

    def letter(bits: list[bool]) -> int:
        lead = {**BASE_LEAD, **{f"f{i}": b for i, b in enumerate(bits)}}
        return lr.ast.GRADES.index(profile.explain(lead, AS_OF).grade)

    base = letter(flags)
    for i, flag in enumerate(flags):
        if not flag:
            more = list(flags)
            more[i] = True
            assert letter(more) >= base


# -------------------------------------------------------------------- tiers

SPEC_TIERS = SPEC_SCORING + SPEC_GRADING + """
tiers follow_up using engagement, fit {
  exclude: is_competitor or email not exists or unsubscribed
  hot:  score >= 100 and grade >= B
  warm: score >= 30 or grade >= A-
  cold: otherwise
}
"""


def test_tiers_first_match_wins_and_exclusion_says_why() -> None:
    rules = lr.parse(SPEC_TIERS)
    contact = {"lead_id": "", "form": "contact", "occurred_at": AS_OF}
    pricing = [{"path": "/pricing", "occurred_at": AS_OF}] * 5
    store = lr.MemoryStore(
        [{**BASE_LEAD, "id": "hot"}, {**BASE_LEAD, "id": "warm"},
         {**BASE_LEAD, "id": "cold", "department": None, "title": None},
         {**BASE_LEAD, "id": "rival", "is_competitor": True},
         {**BASE_LEAD, "id": "anon", "email": None}],
        {"application": [{**contact, "lead_id": "hot"}],
         "tracking": [{**p, "lead_id": "hot"} for p in pricing]})
    rows = {r["lead_id"]: (r["tier"], r["reason"])
            for r in rules.tiers("follow_up").assign(store, AS_OF)}
    assert rows == {
        "hot": ("hot", None),        # 50 + 5 * 10 = 100 points, grade A-
        "warm": ("warm", None),      # 0 points but grade A-
        "cold": ("cold", None),      # grade B-, no points
        "rival": (None, "is_competitor"),
        "anon": (None, "email not exists"),
    }


def test_tiers_without_otherwise_leave_leads_untiered() -> None:
    rules = lr.parse(SPEC_SCORING + "tiers t using engagement {\n  hot: score >= 1000\n}")
    store = lr.MemoryStore([BASE_LEAD])
    assert rules.tiers("t").assign(store, AS_OF).to_dicts() == [
        {"lead_id": "L1", "tier": None, "reason": "no tier matched"}]


def test_unreachable_tier_after_otherwise_warns() -> None:
    rules = lr.parse("tiers t {\n  a: otherwise\n  b: nurture_target\n}")
    assert any("never assigned" in w.message for w in rules.warnings)


# -------------------------------------------------------------- properties

POSITIVE_MODEL = """
scoring s {
  tracking { path starts with "/p" } => +3 per event, max 20
  application exists => +10 once
  mail { kind = "click" } => +2 per event
  decay half-life 7 days
}
"""

event_days = st.lists(st.integers(min_value=0, max_value=120), max_size=8)


@settings(max_examples=80, deadline=None)
@given(event_days, event_days, st.integers(min_value=0, max_value=60))
def test_decay_never_increases_a_positive_score_as_time_passes(
        pages: list[int], clicks: list[int], later: int) -> None:
    rules = lr.parse(POSITIVE_MODEL)
    events = {"tracking": [visit("/pricing", d) for d in pages],
              "mail": [{"kind": "click", "occurred_at": ago(days=d)} for d in clicks],
              "application": [{"form": "x", "occurred_at": ago(days=d)} for d in pages[:1]]}
    model = rules.scoring("s")
    now = model.score_of(BASE_LEAD, AS_OF, events=events)
    after = model.score_of(BASE_LEAD, AS_OF + dt.timedelta(days=later), events=events)
    assert after <= now + 1e-9


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=40))
def test_a_cap_is_never_exceeded(n: int) -> None:
    rules = lr.parse(POSITIVE_MODEL)
    explanation = rules.scoring("s").explain(
        BASE_LEAD, AS_OF, events={"tracking": [visit("/p", 0)] * n})
    assert explanation.rules[0].total <= 20
    assert explanation.rules[0].total == min(3 * n, 20)
