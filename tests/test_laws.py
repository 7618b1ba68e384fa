"""Laws of the language, checked on generated leads (missing values included):
negation, De Morgan over blocks, `none` = `not exists`, explain = evaluate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import leadrules as lr
from tests.cases import AS_OF, BASE_LEAD

TEXTS = ["software", "Software", "SOFTWARE", "製造業", "retail", "", None]
NUMBERS = [None, 0, 1, 99, 100, 100.5, -3]
WHEN = st.integers(min_value=-5, max_value=90).map(
    lambda d: AS_OF - dt.timedelta(days=d, hours=d % 7))

leads = st.fixed_dictionaries({
    "industry": st.sampled_from(TEXTS),
    "title": st.sampled_from(["Manager", "部長", "director of sales", None]),
    "employees": st.sampled_from(NUMBERS),
    "nurture_target": st.sampled_from([True, False, None]),
    "is_competitor": st.sampled_from([True, False, None]),
    "tags": st.sampled_from([None, ("VIP",), ("vip-candidate", "news")]),
    # The laws are about leads that exist as of AS_OF: created at or before it.
    "created_at": st.one_of(st.none(), st.integers(min_value=0, max_value=90).map(
        lambda d: AS_OF - dt.timedelta(days=d))),
})
pages = st.lists(st.fixed_dictionaries({
    "occurred_at": WHEN,
    "path": st.sampled_from(["/", "/pricing", "/PRICING/plans", "/products/a", None]),
    "session": st.sampled_from(["s1", "s2", None]),
    "duration": st.sampled_from([None, 5, 30, 61]),
}), max_size=6)
apps = st.lists(st.fixed_dictionaries({
    "occurred_at": WHEN,
    "form": st.sampled_from(["contact", "Seminar", "seminar", None]),
    "campaign": st.sampled_from(["A", "a", "B", None]),
}), max_size=4)

# Comparisons of every type against values that are sometimes missing.
EQUALITIES = [
    ('industry', '"software"'), ('title', '"manager"'), ("employees", "100"),
    ("nurture_target", "true"), ("is_competitor", "false"), ("created_at", "2026-03-01"),
]
BLOCKS = [
    'industry in ("software", "retail")', "employees >= 100", 'tags contains "vip"',
    "nurture_target", "created_at within 30 days",
    'tracking { path starts with "/pricing" } count >= 2',
    "tracking { duration > 20 } exists", "tracking count >= 2 per session",
    'application { form = "seminar"; campaign != "a" } exists',
    "application last within 10 days", "tracking sum duration >= 35",
    'lead any { title contains "部長"; employees < 50 }',
]


def evaluate(expr: str, lead: dict[str, Any], events: dict[str, Any]) -> bool:
    rules = lr.parse(f"segment s {{\n  match {expr}\n}}")
    return rules.segment("s").matches({**BASE_LEAD, **lead}, AS_OF, events=events)


@settings(max_examples=150, deadline=None)
@given(leads, st.sampled_from(EQUALITIES))
def test_neq_is_exactly_not_eq(lead: dict[str, Any], pair: tuple[str, str]) -> None:
    field, value = pair
    assert evaluate(f"{field} != {value}", lead, {}) == \
        (not evaluate(f"{field} = {value}", lead, {}))


@settings(max_examples=150, deadline=None)
@given(leads, st.sampled_from(['"software"', '"retail", "製造業"']))
def test_not_in_is_exactly_not_in(lead: dict[str, Any], values: str) -> None:
    assert evaluate(f"industry not in ({values})", lead, {}) == \
        (not evaluate(f"industry in ({values})", lead, {}))


@settings(max_examples=150, deadline=None)
@given(leads, pages, apps, st.sampled_from(BLOCKS), st.sampled_from(BLOCKS))
def test_de_morgan_over_blocks(lead: dict[str, Any], tracking: list[dict[str, Any]],
                               application: list[dict[str, Any]], a: str, b: str) -> None:
    events = {"tracking": tracking, "application": application}
    both = evaluate(f"not (({a}) and ({b}))", lead, events)
    either = evaluate(f"(not ({a})) or (not ({b}))", lead, events)
    assert both == either
    neither = evaluate(f"not (({a}) or ({b}))", lead, events)
    assert neither == evaluate(f"(not ({a})) and (not ({b}))", lead, events)


@settings(max_examples=150, deadline=None)
@given(leads, pages, st.sampled_from([
    "", '{ path starts with "/pricing" }', "{ duration > 20; session exists }",
    'any { path = "/"; duration < 10 }', "{ occurred_at within 7 days }"]))
def test_none_is_not_exists(lead: dict[str, Any], tracking: list[dict[str, Any]],
                            braces: str) -> None:
    events = {"tracking": tracking}
    none = evaluate(f"tracking {braces} none", lead, events)
    assert none == (not evaluate(f"tracking {braces} exists", lead, events))
    assert none == evaluate(f"tracking {braces} count = 0", lead, events)


@settings(max_examples=150, deadline=None)
@given(leads, pages, apps, st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=4),
       st.sampled_from(["and", "or"]))
def test_explain_agrees_with_evaluation(lead: dict[str, Any], tracking: list[dict[str, Any]],
                                        application: list[dict[str, Any]], blocks: list[str],
                                        joiner: str) -> None:
    body = "\n".join(f"  {i + 1}: {b}" for i, b in enumerate(blocks))
    labels = f" {joiner} ".join(str(i + 1) for i in range(len(blocks)))
    rules = lr.parse(f"segment s {{\n{body}\n  match not ({labels})\n}}")
    events = {"tracking": tracking, "application": application}
    seg = rules.segment("s")
    full = {**BASE_LEAD, **lead}
    assert seg.explain(full, AS_OF, events=events).result == \
        seg.matches(full, AS_OF, events=events)
