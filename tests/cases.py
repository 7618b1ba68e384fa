"""Shared semantic cases: every backend must give these answers.

Each case is one `match` expression evaluated for one lead (with its events)
at ``AS_OF``.  The lead starts from ``BASE_LEAD``; a case overrides fields.
The same table runs against the in-memory evaluator and every store, like
JSON Logic's ``tests.json``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

UTC = dt.UTC
JST = dt.timezone(dt.timedelta(hours=9))
AS_OF = dt.datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


def ago(**kw: float) -> dt.datetime:
    return AS_OF - dt.timedelta(**kw)


BASE_LEAD: dict[str, Any] = {
    "id": "L1", "email": "Taro@Example.com", "name": "山田 太郎", "company": "Acme 株式会社",
    "industry": "Software", "department": "Marketing", "title": "Marketing Manager",
    "region": "関東", "lead_source": "exhibition", "status": "open", "employees": 250,
    "age": 41, "is_competitor": False, "nurture_target": True, "unsubscribed": None,
    "created_at": dt.datetime(2025, 1, 10, tzinfo=UTC), "tags": ("VIP", "newsletter"),
}

MISSING_LEAD = {k: (None if k != "id" else "L1") for k in BASE_LEAD}


class Case(NamedTuple):
    name: str
    expr: str
    expected: bool
    lead: dict[str, Any] = {}
    events: dict[str, list[dict[str, Any]]] = {}
    missing: bool = False  # start from a lead whose every field is missing


def page(when: dt.datetime, path: str = "/", session: str | None = "s1",
         duration: float | None = 10) -> dict[str, Any]:
    return {"occurred_at": when, "path": path, "session": session, "duration": duration}


def form(when: dt.datetime, kind: str | None = "contact", campaign: str | None = None
         ) -> dict[str, Any]:
    return {"occurred_at": when, "form": kind, "campaign": campaign}


CASES: list[Case] = [
    # -- text equality: case-insensitive; missing makes = false and != true
    Case("text_eq_case_insensitive", 'industry = "software"', True),
    Case("text_eq_upper_literal", 'industry = "SOFTWARE"', True),
    Case("text_eq_other", 'industry = "retail"', False),
    Case("text_neq", 'industry != "retail"', True),
    Case("text_neq_same_value_other_case", 'industry != "SOFTWARE"', False),
    Case("text_eq_missing", 'industry = "software"', False, missing=True),
    Case("text_neq_missing", 'industry != "software"', True, missing=True),
    Case("not_eq_missing_equals_neq", 'not (industry = "software")', True, missing=True),
    Case("text_eq_japanese", 'region = "関東"', True),
    Case("text_lower_is_python_lower", 'company = "acme 株式会社"', True),
    # -- membership
    Case("in_text", 'industry in ("retail", "software")', True),
    Case("in_text_case", 'industry in ("RETAIL", "SoftWare")', True),
    Case("in_text_no", 'industry in ("retail", "bank")', False),
    Case("in_missing", 'industry in ("software")', False, missing=True),
    Case("not_in_missing", 'industry not in ("software")', True, missing=True),
    Case("not_in_present", 'industry not in ("software")', False),
    Case("in_number", "employees in (100, 250)", True),
    Case("in_number_float", "employees in (250.0)", True),
    Case("not_in_number", "employees not in (100, 250)", False),
    # -- substring, prefix, suffix
    Case("contains", 'title contains "manager"', True),
    Case("contains_case", 'title contains "MANAGER"', True),
    Case("contains_no", 'title contains "director"', False),
    Case("not_contains", 'title not contains "director"', True),
    Case("contains_missing", 'title contains "x"', False, missing=True),
    Case("not_contains_missing", 'title not contains "x"', True, missing=True),
    Case("starts_with", 'email starts with "taro@"', True),
    Case("ends_with", 'email ends with "EXAMPLE.COM"', True),
    Case("starts_with_missing", 'email starts with "t"', False, missing=True),
    # LIKE's wildcards and escape character are plain characters in a prefix / suffix
    Case("starts_with_percent", 'title starts with "50%"', True, lead={"title": "50% Off"}),
    Case("starts_with_percent_no", 'title starts with "5%"', False, lead={"title": "50% Off"}),
    Case("starts_with_underscore_no", 'title starts with "a_c"', False,
         lead={"title": "abc"}),
    Case("starts_with_underscore", 'title starts with "a_c"', True, lead={"title": "A_C d"}),
    Case("ends_with_backslash", 'title ends with "\\\\x"', True,
         lead={"title": "c:\\\\X"}),
    Case("ends_with_backslash_no", 'title ends with "\\\\x"', False,
         lead={"title": "c:x"}),
    Case("contains_japanese", 'company contains "株式会社"', True),
    # -- list of text: element equality, case-insensitive, not substring
    Case("tags_contains", 'tags contains "vip"', True),
    Case("tags_contains_not_substring", 'tags contains "news"', False),
    Case("tags_contains_vip_candidate", 'tags contains "vip"', False,
         lead={"tags": ("VIP-candidate",)}),
    Case("tags_not_contains", 'tags not contains "vip"', False),
    Case("tags_contains_missing", 'tags contains "vip"', False, missing=True),
    Case("tags_not_contains_missing", 'tags not contains "vip"', True, missing=True),
    Case("tags_exists", "tags exists", True),
    Case("tags_missing_not_exists", "tags not exists", True, missing=True),
    # -- regular expressions: case-sensitive search
    Case("matches", 'email matches "@example\\.com$"', False),
    Case("matches_case_sensitive", 'email matches "@Example\\.com$"', True),
    Case("matches_search_not_full", 'title matches "Manag"', True),
    Case("matches_missing", 'title matches "."', False, missing=True),
    # -- numbers
    Case("num_ge", "employees >= 250", True),
    Case("num_gt_boundary", "employees > 250", False),
    Case("num_lt", "age < 41.5", True),
    Case("num_le", "age <= 40", False),
    Case("num_eq", "age = 41", True),
    Case("num_neq", "age != 41", False),
    Case("num_missing_ge", "employees >= 0", False, missing=True),
    Case("num_missing_lt", "employees < 100", False, missing=True),
    Case("num_missing_neq", "employees != 5", True, missing=True),
    Case("between_inclusive_low", "employees between 250 and 300", True),
    Case("between_inclusive_high", "employees between 100 and 250", True),
    Case("between_outside", "employees between 251 and 300", False),
    Case("between_missing", "employees between 0 and 1000", False, missing=True),
    Case("negative_number", "employees > -1", True),
    # -- bool
    Case("bare_bool", "nurture_target", True),
    Case("bare_bool_false", "is_competitor", False),
    Case("not_bool", "not is_competitor", True),
    Case("bool_eq_true", "nurture_target = true", True),
    Case("bool_eq_false", "is_competitor = false", True),
    Case("bool_neq_true", "is_competitor != true", True),
    Case("bool_missing_bare", "unsubscribed", False),
    Case("bool_missing_not", "not unsubscribed", True),
    Case("bool_missing_eq_false", "unsubscribed = false", False),
    Case("bool_missing_neq_true", "unsubscribed != true", True),
    # -- exists
    Case("exists", "email exists", True),
    Case("not_exists", "email not exists", False),
    Case("exists_missing", "email exists", False, missing=True),
    Case("not_exists_missing", "email not exists", True, missing=True),
    # -- datetimes: instants, bare dates as whole days (UTC), calendar arithmetic
    Case("created_before_day", "created_at before 2025-01-11", True),
    Case("created_before_same_day", "created_at before 2025-01-10", False),
    Case("created_after_day", "created_at after 2025-01-09", True),
    Case("created_after_same_day", "created_at after 2025-01-10", False),
    Case("created_on_day", "created_at on 2025-01-10", True),
    Case("created_eq_day", "created_at = 2025-01-10", True),
    Case("created_eq_day_last_instant", "created_at = 2025-01-10", True,
         lead={"created_at": dt.datetime(2025, 1, 10, 23, 59, 59, 999999, tzinfo=UTC)}),
    Case("created_eq_day_next_midnight", "created_at = 2025-01-10", False,
         lead={"created_at": dt.datetime(2025, 1, 11, tzinfo=UTC)}),
    Case("created_neq_day", "created_at != 2025-01-10", False),
    Case("created_lt_day", "created_at < 2025-01-10", False),
    Case("created_le_day", "created_at <= 2025-01-10", True),
    Case("created_gt_day", "created_at > 2025-01-10", False),
    Case("created_ge_day", "created_at >= 2025-01-10", True),
    Case("between_days_whole_quarter", "created_at between 2025-01-01 and 2025-03-31", True),
    Case("between_days_end_of_last_day", "created_at between 2025-01-01 and 2025-03-31", True,
         lead={"created_at": dt.datetime(2025, 3, 31, 23, 59, 59, tzinfo=UTC)}),
    Case("between_days_after_last_day", "created_at between 2025-01-01 and 2025-03-31", False,
         lead={"created_at": dt.datetime(2025, 4, 1, tzinfo=UTC)}),
    Case("instant_with_offset", "created_at = 2025-01-10T09:00:00+09:00", True,
         lead={"created_at": dt.datetime(2025, 1, 10, 0, 0, tzinfo=UTC)}),
    Case("instant_before_offset", "created_at before 2025-01-10T09:00:01+09:00", True,
         lead={"created_at": dt.datetime(2025, 1, 10, 0, 0, tzinfo=UTC)}),
    Case("instant_z", "created_at on 2025-01-10T00:00:00Z", True,
         lead={"created_at": dt.datetime(2025, 1, 10, 0, 0, tzinfo=UTC)}),
    Case("created_missing_before", "created_at before 2030-01-01", False, missing=True),
    Case("within_exactly_30_days", "created_at within 30 days", True,
         lead={"created_at": ago(days=30)}),
    Case("within_30_days_plus_1us", "created_at within 30 days", False,
         lead={"created_at": ago(days=30, microseconds=1)}),
    Case("within_future_is_out", "created_at within 30 days", False,
         lead={"created_at": AS_OF + dt.timedelta(seconds=1)}),
    Case("within_hours", "created_at within 2 hours", True,
         lead={"created_at": ago(hours=1, minutes=59)}),
    Case("within_minutes_no", "created_at within 90 minutes", False,
         lead={"created_at": ago(minutes=91)}),
    Case("within_month_calendar", "created_at within 1 month", True,
         lead={"created_at": dt.datetime(2026, 2, 28, 12, 0, tzinfo=UTC)}),
    Case("within_month_calendar_before", "created_at within 1 month", False,
         lead={"created_at": dt.datetime(2026, 2, 28, 11, 59, tzinfo=UTC)}),
    Case("within_year", "created_at within 1 year", True,
         lead={"created_at": dt.datetime(2025, 3, 31, 12, 0, tzinfo=UTC)}),
    Case("older_than_month_end", "created_at older than 1 month", True,
         lead={"created_at": dt.datetime(2026, 2, 28, 11, 59, tzinfo=UTC)}),
    Case("older_than_exact_boundary", "created_at older than 1 month", False,
         lead={"created_at": dt.datetime(2026, 2, 28, 12, 0, tzinfo=UTC)}),
    Case("older_than_weeks", "created_at older than 2 weeks", True,
         lead={"created_at": ago(days=15)}),
    Case("within_missing", "created_at within 10 years", False, missing=True),
    Case("older_missing", "created_at older than 1 day", False, missing=True),
    Case("in_this_month", "created_at in this month", True,
         lead={"created_at": dt.datetime(2026, 3, 1, tzinfo=UTC)}),
    Case("in_this_month_not_next", "created_at in this month", False,
         lead={"created_at": dt.datetime(2026, 4, 1, tzinfo=UTC)}),
    Case("in_last_month", "created_at in last month", True,
         lead={"created_at": dt.datetime(2026, 2, 28, 23, 0, tzinfo=UTC)}),
    # A lead created after as_of does not exist, so nothing is true of it.
    Case("lead_created_after_as_of_does_not_exist", "created_at in next month", False,
         lead={"created_at": dt.datetime(2026, 4, 30, tzinfo=UTC)}),
    Case("in_this_quarter", "created_at in this quarter", True,
         lead={"created_at": dt.datetime(2026, 1, 1, tzinfo=UTC)}),
    Case("in_last_quarter", "created_at in last quarter", True,
         lead={"created_at": dt.datetime(2025, 12, 31, 23, 59, tzinfo=UTC)}),
    Case("in_this_year", "created_at in this year", True,
         lead={"created_at": dt.datetime(2026, 1, 1, tzinfo=UTC)}),
    Case("in_last_year", "created_at in last year", False,
         lead={"created_at": dt.datetime(2026, 1, 1, tzinfo=UTC)}),
    # AS_OF is Tuesday 2026-03-31; the week starts Monday 2026-03-30.
    Case("in_this_week_monday", "created_at in this week", True,
         lead={"created_at": dt.datetime(2026, 3, 30, tzinfo=UTC)}),
    Case("in_this_week_sunday_before", "created_at in this week", False,
         lead={"created_at": dt.datetime(2026, 3, 29, 23, 59, tzinfo=UTC)}),
    Case("in_last_week", "created_at in last week", True,
         lead={"created_at": dt.datetime(2026, 3, 23, tzinfo=UTC)}),
    Case("in_period_missing", "created_at in this year", False, missing=True),
    # -- event blocks and quantifiers
    Case("exists_no_events", "tracking exists", False),
    Case("none_no_events", "tracking none", True),
    Case("not_block_no_events", "not tracking", True),
    Case("exists_one", "application exists", True,
         events={"application": [form(ago(days=1))]}),
    Case("event_after_as_of_does_not_exist", "application exists", False,
         events={"application": [form(AS_OF + dt.timedelta(seconds=1))]}),
    Case("event_at_as_of_exists", "application exists", True,
         events={"application": [form(AS_OF)]}),
    Case("count_ge", 'tracking { path = "/" } count >= 2', True,
         events={"tracking": [page(ago(days=1)), page(ago(days=2)), page(ago(days=3), "/x")]}),
    Case("count_eq_zero_no_events", "tracking count = 0", True),
    Case("count_lt", "tracking count < 3", True,
         events={"tracking": [page(ago(days=1)), page(ago(days=2))]}),
    Case("count_distinct", "tracking count distinct session = 2", True,
         events={"tracking": [page(ago(days=1), session="a"), page(ago(days=2), session="A"),
                              page(ago(days=3), session=None)]}),
    Case("sum_of_nothing_is_zero", "tracking sum duration = 0", True),
    Case("sum_ignores_missing", "tracking sum duration = 15", True,
         events={"tracking": [page(ago(days=1), duration=10), page(ago(days=2), duration=None),
                              page(ago(days=3), duration=5)]}),
    # Sums of the numbers as written (docs/data.md, "Sums and means"): added in
    # floating point in this order, 33.3 + 33.4 + 33.3 is 99.99999999999999 and
    # 0.1 + 0.2 is 0.30000000000000004; every store says 100 and 0.3.
    Case("sum_of_decimals_as_written", "tracking sum duration >= 100", True,
         events={"tracking": [page(ago(days=1), duration=33.3), page(ago(days=2), duration=33.4),
                              page(ago(days=3), duration=33.3)]}),
    Case("sum_point_one_point_two", "tracking sum duration = 0.3", True,
         events={"tracking": [page(ago(days=1), duration=0.1), page(ago(days=2), duration=0.2)]}),
    Case("avg_of_decimals_as_written", "tracking avg duration = 0.15", True,
         events={"tracking": [page(ago(days=1), duration=0.1), page(ago(days=2), duration=0.2)]}),
    Case("sum_of_negative_decimals", "tracking sum duration = -0.5", True,
         events={"tracking": [page(ago(days=1), duration=-0.7), page(ago(days=2), duration=0.2)]}),
    Case("avg_of_nothing_missing", "tracking avg duration >= 0", False),
    Case("avg_of_nothing_neq", "tracking avg duration != 0", True),
    Case("avg", "tracking avg duration = 7.5", True,
         events={"tracking": [page(ago(days=1), duration=10), page(ago(days=3), duration=5)]}),
    Case("min_max", "tracking min duration = 5 and max duration = 10", True,
         events={"tracking": [page(ago(days=1), duration=10), page(ago(days=3), duration=5)]}),
    Case("max_of_nothing", "tracking max duration < 100", False),
    Case("last_within", "tracking last within 7 days", True,
         events={"tracking": [page(ago(days=20)), page(ago(days=6))]}),
    Case("last_within_no", "tracking last within 7 days", False,
         events={"tracking": [page(ago(days=20)), page(ago(days=8))]}),
    Case("first_older", "tracking first older than 10 days", True,
         events={"tracking": [page(ago(days=20)), page(ago(days=6))]}),
    Case("last_of_nothing", "tracking last within 7 days", False),
    Case("last_after_as_of_ignored", "tracking last within 1 day", False,
         events={"tracking": [page(ago(days=3)), page(AS_OF + dt.timedelta(hours=1))]}),
    Case("several_quantifiers", "tracking count >= 2 and last within 7 days", True,
         events={"tracking": [page(ago(days=20)), page(ago(days=6))]}),
    Case("several_quantifiers_one_fails", "tracking count >= 3 and last within 7 days", False,
         events={"tracking": [page(ago(days=20)), page(ago(days=6))]}),
    Case("per_session_one_group", "tracking count >= 3 per session", True,
         events={"tracking": [page(ago(days=1), session="a"), page(ago(days=2), session="b"),
                              page(ago(days=3), session="a"), page(ago(days=4), session="a")]}),
    Case("per_session_spread", "tracking count >= 3 per session", False,
         events={"tracking": [page(ago(days=1), session="a"), page(ago(days=2), session="b"),
                              page(ago(days=3), session="a"), page(ago(days=4), session="b")]}),
    Case("per_missing_key_in_no_group", "tracking count >= 2 per session", False,
         events={"tracking": [page(ago(days=1), session=None), page(ago(days=2), session=None)]}),
    Case("per_with_filter", 'tracking { path starts with "/p" } count >= 2 per session', True,
         events={"tracking": [page(ago(days=1), "/pricing", "a"), page(ago(days=2), "/", "a"),
                              page(ago(days=3), "/products", "a")]}),
    # -- per-record scope (SPEC 3.1): one pair of braces = one event
    Case("scope_negative_inside_braces", 'application { campaign != "A" } exists', True,
         events={"application": [form(ago(days=1), campaign="A"),
                                 form(ago(days=2), campaign="B")]}),
    Case("scope_not_on_block", 'not application { campaign = "A" }', False,
         events={"application": [form(ago(days=1), campaign="A"),
                                 form(ago(days=2), campaign="B")]}),
    Case("scope_none", 'application { campaign = "A" } none', False,
         events={"application": [form(ago(days=1), campaign="a")]}),
    Case("scope_missing_campaign_neq", 'application { campaign != "A" } exists', True,
         events={"application": [form(ago(days=1), campaign=None)]}),
    Case("scope_same_event", 'application { form = "seminar"; campaign = "B" } exists', False,
         events={"application": [form(ago(days=1), "seminar", "A"),
                                 form(ago(days=2), "contact", "B")]}),
    Case("scope_separate_blocks",
         'application { form = "seminar" } exists and application { campaign = "B" } exists',
         True, events={"application": [form(ago(days=1), "seminar", "A"),
                                       form(ago(days=2), "contact", "B")]}),
    Case("any_braces", 'application any { form = "seminar"; campaign = "B" } count = 2', True,
         events={"application": [form(ago(days=1), "seminar", "A"),
                                 form(ago(days=2), "contact", "B")]}),
    Case("window_in_braces", "tracking { occurred_at within 30 days } count >= 2", False,
         events={"tracking": [page(ago(days=31)), page(ago(days=29))]}),
    # -- lead blocks
    Case("lead_all", 'lead { email exists; not is_competitor; nurture_target }', True),
    Case("lead_all_one_fails", 'lead { email exists; is_competitor }', False),
    Case("lead_any", 'lead any { is_competitor; industry = "software" }', True),
    Case("lead_any_none", 'lead any { is_competitor; industry = "bank" }', False),
    Case("lead_parenthesised_condition",
         'lead { (industry = "bank" or employees > 100), email exists }', True),
    # -- boolean structure
    Case("precedence_not_and_or", 'not is_competitor and industry = "bank" or age > 40', True),
    Case("precedence_parens", 'not is_competitor and (industry = "bank" or age > 50)', False),
]
