"""Golden SQL: what every construct family compiles to in every dialect.

In the spirit of sqlglot's ``validate_all(sql, write={dialect: expected})``:
each family below is a small rules file; ``tests/golden_sql/FAMILY.sql``
holds, for each of its declarations and each dialect, the query the stores
run -- placeholders, pretty-printed, and the values bound to them, as
``leadrules sql --params`` prints them -- or, for the warehouse dialects
(spark, bigquery, snowflake, trino: printed for a user to run), the query
with its values inlined, as ``leadrules sql`` prints it.  ``tests/test_sql_golden.py``
compares them, so any change to the SQL a construct compiles to shows up as
a readable diff of those files.

When the change is intended, rewrite the expectations and review the diff::

    make golden                      # or: .venv/bin/python -m tests.golden_sql
    git diff tests/golden_sql/

The layout and query shape per dialect are the ones ``leadrules sql`` uses
(SQLite: integer-µs timestamps and correlated ``EXISTS``; the others: UTC
timestamps and semi-joins), at a fixed as_of.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import leadrules as lr
from leadrules import sql
from leadrules.sql.dialects import DIALECTS, WAREHOUSE_DIALECTS
from leadrules.sql.layout import Layout

HERE = Path(__file__).resolve().parent
GOLDEN_DIR = HERE / "golden_sql"
AS_OF = "2026-03-31T12:00:00Z"
SECTION = "-- ## "
# The query shape each store uses per dialect (leadrules.cli.stores.SHAPES).
SHAPE = {"sqlite": "correlated"}


class Family(NamedTuple):
    """A construct family: rules text and the declarations to compile from it."""

    rules: str
    names: tuple[str, ...]
    timezone: str | None = None
    lists: dict[str, tuple[str, ...]] | None = None
    """The lead lists ``in list NAME`` reads (members at every instant)."""


FAMILIES: dict[str, Family] = {
    "lead_lists": Family("""
segment on_list { 1: tracking exists
  match 1 and in list called }
segment off_list { 1: tracking exists
  match 1 and not in list called }
segment either { 1: lead { industry = "Software" }
  match 1 or in list vip }
""", ("on_list", "off_list", "either"), lists={"called": ("L000002", "L000001"),
                                             "vip": ()}),

    "text_tests": Family("""
segment eq { 1: lead { industry = "Software" } }
segment neq { 1: lead { industry != "software" } }
segment in_list { 1: lead { industry in ("Software", "製造業") } }
segment not_in_list { 1: lead { industry not in ("software", "retail") } }
segment contains { 1: lead { title contains "Manager" } }
segment not_contains { 1: lead { title not contains "部長" } }
segment starts { 1: lead { email starts with "Taro" } }
segment ends { 1: lead { email ends with "@example.com" } }
segment matches { 1: lead { company matches "^[A-Z]\\\\w+ (Inc|株式会社)$" } }
segment exists { 1: lead { email exists; not (name exists) } }
segment not_exists { 1: lead { email not exists } }
segment like_chars { 1: lead { title contains "100%_off" } }
""", ("eq", "neq", "in_list", "not_in_list", "contains", "not_contains", "starts", "ends",
      "matches", "exists", "not_exists", "like_chars")),

    "number_tests": Family("""
segment eq { 1: lead { employees = 100 } }
segment neq { 1: lead { employees != 100.5 } }
segment lt { 1: lead { employees < 10 } }
segment le { 1: lead { employees <= 10 } }
segment gt { 1: lead { employees > 1000 } }
segment ge { 1: lead { age >= 40 } }
segment in_list { 1: lead { employees in (10, 20.5, 30) } }
segment not_in_list { 1: lead { employees not in (10, 20) } }
segment between { 1: lead { age between 30 and 45 } }
segment exists { 1: lead { employees exists } }
segment not_exists { 1: lead { employees not exists } }
segment negative { 1: lead { age > -1 } }
""", ("eq", "neq", "lt", "le", "gt", "ge", "in_list", "not_in_list", "between", "exists",
      "not_exists", "negative")),

    "bool_tests": Family("""
segment bare { 1: lead { nurture_target } }
segment negated { 1: lead { not is_competitor } }
segment eq_true { 1: lead { unsubscribed = true } }
segment eq_false { 1: lead { unsubscribed = false } }
segment neq_true { 1: lead { unsubscribed != true } }
segment exists { 1: lead { unsubscribed exists } }
segment not_exists { 1: lead { unsubscribed not exists } }
""", ("bare", "negated", "eq_true", "eq_false", "neq_true", "exists", "not_exists")),

    "datetime_tests": Family("""
segment on_day { 1: lead { created_at = 2026-01-31 } }
segment on_instant { 1: lead { created_at = 2026-01-31T09:00:00+09:00 } }
segment neq_day { 1: lead { created_at != 2026-01-31 } }
segment before { 1: lead { created_at before 2026-01-01 } }
segment after { 1: lead { created_at after 2026-01-01 } }
segment on { 1: lead { created_at on 2026-02-14 } }
segment lt_ge { 1: lead { created_at < 2026-01-01; created_at >= 2025-01-01T00:00:00Z } }
segment between { 1: lead { created_at between 2026-01-01 and 2026-03-31 } }
segment within { 1: lead { created_at within 30 days } }
segment older { 1: lead { created_at older than 2 months } }
segment this_week { 1: lead { created_at in this week } }
segment last_month { 1: lead { created_at in last month } }
segment next_quarter { 1: lead { created_at in next quarter } }
segment this_year { 1: lead { created_at in this year } }
segment units {
  1: lead any { created_at within 90 minutes; created_at within 36 hours
             created_at older than 3 weeks; created_at within 1 year }
}
segment exists { 1: lead { created_at exists } }
segment not_exists { 1: lead { created_at not exists } }
""", ("on_day", "on_instant", "neq_day", "before", "after", "on", "lt_ge", "between",
      "within", "older", "this_week", "last_month", "next_quarter", "this_year", "units",
      "exists", "not_exists"), "Asia/Tokyo"),

    "list_tests": Family("""
segment contains { 1: lead { tags contains "VIP" } }
segment not_contains { 1: lead { tags not contains "vip" } }
segment exists { 1: lead { tags exists } }
segment not_exists { 1: lead { tags not exists } }
""", ("contains", "not_contains", "exists", "not_exists")),

    "logic": Family("""
segment labels {
  1: lead { industry = "software" }
  2: lead { employees >= 100 }
  3: lead { is_competitor }
  match (1 or 2) and not 3
}
segment all_blocks {
  a: lead { industry = "software" }
  b: lead any { employees >= 100; age < 30 }
}
segment inline {
  match industry = "software" and not (employees < 10 or age > 60) or is_competitor
}
segment negations {
  match not (industry = "software" and tags contains "vip") and not not nurture_target
}
""", ("labels", "all_blocks", "inline", "negations")),

    "event_blocks": Family("""
segment bare_source { 1: activity }
segment braces_all { 1: tracking { path starts with "/pricing"; duration > 30 } }
segment braces_any { 1: application any { form in ("contact", "trial"); campaign ends with "-q1" } }
segment negative_inside { 1: application { campaign != "A" } exists }
segment not_block { match not application { campaign = "A" } }
segment event_fields {
  1: tracking { occurred_at within 7 days; session exists; title not contains "404" }
  2: mail { kind = "click"; link matches "utm_[a-z]+"; occurred_at in last week }
}
""", ("bare_source", "braces_all", "braces_any", "negative_inside", "not_block",
      "event_fields")),

    "quantifiers": Family("""
segment exists { 1: activity { type = "visit" } exists }
segment none { 1: activity { type = "visit" } none }
segment count { 1: tracking count >= 15 }
segment count_eq { 1: tracking count = 0 }
segment count_distinct { 1: mail { kind = "open" } count distinct campaign >= 2 }
segment sum { 1: tracking sum duration > 10.5 }
segment avg { 1: tracking avg duration < 1000 }
segment min_number { 1: tracking min duration <= 5 }
segment max_number { 1: tracking max duration >= 600 }
segment max_datetime { 1: tracking max occurred_at in this year }
segment min_datetime { 1: application min occurred_at before 2026-01-01 }
segment first { 1: application first within 30 days }
segment last { 1: mail { kind = "open" } last older than 2 months }
segment joined {
  1: tracking { path starts with "/pricing" } count >= 3 and last within 7 days
     and sum duration > 60
}
""", ("exists", "none", "count", "count_eq", "count_distinct", "sum", "avg", "min_number",
      "max_number", "max_datetime", "min_datetime", "first", "last", "joined")),

    "per": Family("""
segment count_per { 1: tracking { occurred_at within 30 days } count >= 15 per session }
segment sum_per { 1: tracking sum duration > 600 per session }
segment joined_per { 1: mail count >= 2 and last within 7 days per campaign }
segment exists_per { 1: application { form = "seminar" } exists per campaign }
""", ("count_per", "sum_per", "joined_per", "exists_per")),

    "segment_refs": Family("""
segment engaged { 1: tracking { path starts with "/pricing" } count >= 2 per session }
segment fit { 1: lead { industry = "software"; employees >= 100 } }
segment both { match segment engaged and segment fit }
segment either_not { match segment both or not segment fit }
segment in_block { 1: segment engaged; 2: lead { email exists }; match 1 and 2 }
""", ("both", "either_not", "in_block")),

    "score_grade_conditions": Family("""
scoring points {
  tracking { path starts with "/pricing" } => +10 per event
  lead { is_competitor } => -100
}
grading fit {
  industry = "software" => +1
}
segment hot { match score points >= 30 and grade fit >= B }
segment cold { match score points < 0 or grade fit <= D- or not (grade fit = A+) }
""", ("hot", "cold")),

    "scoring_modes": Family("""
scoring modes {
  top: tracking { path = "/" } => +1 per event
  plain: application { form = "whitepaper" } => +3
  contact: application { form = "contact" } => +50 once
  visits: tracking count >= 3 => +5
  big: lead { employees >= 100 } => +10
  ref: segment engaged => +20
  either: mail { kind = "click" } or lead { is_competitor } => -1.5
  zero: activity => 0 per event
}
segment engaged { 1: tracking count >= 2 per session }
""", ("modes",)),

    "scoring_caps": Family("""
scoring caps {
  products: tracking { path starts with "/products/" } => +3 per event, max 30
  faq: tracking { path starts with "/faq" } => -1 per event, min -5
  both: mail { kind = "open" } => +0.5 per event, max 10, min 0
  capped_once: application exists => +50 once, max 20
}
""", ("caps",)),

    "scoring_decay_window": Family("""
scoring decayed {
  top: tracking { path = "/" } => +1 per event, max 25
  contact: application { form = "contact" } => +50 once
  visits: tracking count >= 3 => +5
  big: lead { employees >= 100 } => +10
  decay half-life 30 days
}
scoring recent {
  pricing: tracking { path starts with "/pricing" } => +10 per event
  visits: tracking count >= 3 => +5
  big: lead { employees >= 100 } => +10
  window 14 days
}
scoring both {
  pricing: tracking { path starts with "/pricing" } => +10 per event
  contact: application { form = "contact" } => +50 once
  decay half-life 1 month
  window 90 days
}
scoring hours {
  mail { kind = "click" } => +5 per event
  decay half-life 12 hours
}
""", ("decayed", "recent", "both", "hours")),

    "scoring_extends": Family("""
scoring base {
  top: tracking { path = "/" } => +1 per event
  pricing: tracking { path starts with "/pricing" } => +10 per event
  lead { is_competitor } => -100
  decay half-life 30 days
}
scoring ours extends base {
  pricing: tracking { path starts with "/pricing" } => +15 per event, max 60
  webinar: tracking { path starts with "/seminar" } => +2 per event
}
scoring windowed extends ours {
  window 7 days
}
""", ("ours", "windowed")),

    "grading": Family("""
grading fit "Ideal customer profile" {
  start D
  industry in ("manufacturing", "software") => +1
  employees >= 100 => +2/3
  title contains "manager" or title contains "部長" => +2/3
  department = "marketing" => +1/3
  is_competitor => -2
}
grading plain {
  tracking count >= 10 => +1
  segment big => -1/3
}
segment big { 1: lead { employees > 1000 } }
""", ("fit", "plain")),

    "tiers": Family("""
scoring engagement {
  tracking { path starts with "/pricing" } => +10 per event
  application { form = "contact" } => +50 once
}
grading fit {
  start D
  industry = "software" => +1
}
tiers follow_up using engagement, fit {
  exclude: is_competitor or email not exists or unsubscribed
  hot:  score >= 100 and grade >= B
  warm: score >= 30 or grade >= A-
  cold: otherwise
}
tiers simple using engagement {
  top: score > 50
  rest: tracking exists
}
""", ("follow_up", "simple")),

    "funnel_depths": Family("""
segment hot { 1: tracking count >= 3 }
scoring engagement { tracking => +1 per event }
funnel pipeline "Lead pipeline" {
  generated:   all
  nurtured:    mail { kind = "open" } exists
  qualified:   segment hot or score engagement >= 100
  opportunity: activity { result = "opportunity" } exists
  won:         status = "won"
}
funnel short {
  seen: tracking
  applied: application
}
""", ("pipeline", "short")),

    "funnel_ordered": Family("""
funnel web_to_deal ordered within 30 days {
  visited: tracking { path starts with "/pricing" }
  applied: application { form = "contact" }
  met: activity { type = "visit" }
}
funnel two_step ordered within 2 weeks {
  seen: tracking
  mailed: mail { kind = "click" }
}
funnel strict_clean strict within 90 seconds {
  pricing: tracking { path starts with "/pricing" }
  again: tracking { path starts with "/pricing" }
  exclude: mail { kind = "unsubscribe" } between pricing and again
}
""", ("web_to_deal", "two_step", "strict_clean")),

    "declared_schema": Family("""
source webinar { title text; minutes number; live bool; starts_at datetime; topics list of text }
field lead.score_hint number
field lead.segment_code text
segment attended {
  1: webinar { live; minutes >= 30; topics contains "pricing"; starts_at within 14 days } count >= 2
  2: lead { score_hint > 0.5; segment_code in ("A", "b") }
}
""", ("attended",)),
}


def _queries(rules: lr.Rules, name: str, dialect: str, tc: object
             ) -> Iterator[tuple[str, sql.SqlQuery, str]]:
    """(what, query, notes) for every query the stores run for declaration ``name``."""
    if dialect == "spark":  # SparkStore's: the user's tables, datetimes as µs
        from leadrules.stores.spark import spark_layout
        layout = spark_layout(rules.schema)[1]
    else:
        layout = Layout.for_schema(rules.schema, datetime_as_micros=dialect == "sqlite")
    shape = SHAPE.get(dialect, "semijoin")
    kind = rules.kind_of(name)
    program = rules.program
    if kind == "segment":
        yield "segment", sql.compile_segment(program, name, layout, dialect, tc,
                                             shape=shape), ""
    elif kind == "scoring":
        yield "scoring", sql.compile_scoring(program, name, layout, dialect, tc,
                                             shape=shape), ""
        rows = sql.compile_score_rows(program, name, layout, dialect, tc, shape=shape)
        yield "score rows", rows.query, f"-- kinds: {', '.join(rows.kinds)}\n"
    elif kind == "grading":
        yield "grading", sql.compile_grading(program, name, layout, dialect, tc,
                                             shape=shape), ""
    elif kind == "tiers":
        yield "tiers", sql.compile_tiers(program, name, layout, dialect, tc, shape=shape), ""
    elif kind == "funnel":
        decl = program.funnel(name)
        assert decl is not None
        if decl.ordered_within is None:
            yield "funnel depths", sql.compile_depths(program, name, layout, dialect, tc,
                                                      shape=shape), ""
            return
        alive, stages = sql.compile_stage_events(program, name, layout, dialect, tc)
        yield "funnel alive ids", alive, ""
        for source, query in stages:
            if query is None:
                continue
            yield f"funnel events of {source.name}", query, ""
    else:
        raise AssertionError(f"no declaration {name!r} ({kind})")


def _text(query: sql.SqlQuery, dialect: str, notes: str) -> str:
    if dialect in WAREHOUSE_DIALECTS:  # printed for the user to run: values inlined
        return f"{query.render(literals=True, pretty=True)};\n{notes}"
    params = "".join(f"-- {name} = {value!r}\n" for name, value in query.params.items())
    return f"{query.render(pretty=True)};\n{params}{notes}"


def sections(family: str) -> dict[tuple[str, str], str]:
    """(title, dialect) -> the section's text, for every query of ``family``."""
    spec = FAMILIES[family]
    rules = lr.parse(spec.rules, file=f"{family}.rules", lists=spec.lists)
    tc = rules.time_context(AS_OF, spec.timezone)
    out: dict[tuple[str, str], str] = {}
    for name in spec.names:
        for dialect in DIALECTS:
            for what, query, notes in _queries(rules, name, dialect, tc):
                out[(f"{what} {name}", dialect)] = _text(query, dialect, notes)
    return out


def render(family: str, secs: dict[tuple[str, str], str] | None = None) -> str:
    """The whole golden file of ``family`` (made of ``secs``, its :func:`sections`)."""
    spec = FAMILIES[family]
    rules = "".join(f"--   {line}".rstrip() + "\n" for line in spec.rules.strip().splitlines())
    head = (f"-- Golden SQL of the `{family}` family (tests/golden_sql.py); as of {AS_OF}, "
            f"time zone {spec.timezone or 'UTC'}.\n"
            "-- Regenerate with `make golden` and review the diff.\n"
            f"--\n{rules}")
    body = "".join(f"\n{SECTION}{title} · {dialect}\n{text}"
                   for (title, dialect), text in (secs or sections(family)).items())
    return head + body


def read(path: Path) -> dict[tuple[str, str], str]:
    """The sections of a golden file, keyed as :func:`sections` keys them."""
    out: dict[tuple[str, str], str] = {}
    chunks = path.read_text(encoding="utf-8").split("\n" + SECTION)[1:]
    for chunk in chunks:
        header, _, text = chunk.partition("\n")
        title, _, dialect = header.rpartition(" · ")
        out[(title, dialect)] = text
    return out


def path_of(family: str) -> Path:
    return GOLDEN_DIR / f"{family}.sql"


def main() -> int:
    """Rewrite every golden file (and remove those of families that are gone)."""
    GOLDEN_DIR.mkdir(exist_ok=True)
    for family in FAMILIES:
        path_of(family).write_text(render(family), encoding="utf-8")
    for stale in GOLDEN_DIR.glob("*.sql"):
        if stale.stem not in FAMILIES:
            stale.unlink()
    print(f"wrote {len(FAMILIES)} golden files to {GOLDEN_DIR}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
