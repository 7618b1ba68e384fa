"""SparkStore (issue 14 item 3): the in-memory answers from a local Spark session.

One session for the whole run (tests/spark_session.py, ``local[2]``, a non-UTC
session time zone).  The semantic case table runs in groups of segments (one
query per group), the differential tests with small example counts: every new
query text costs Spark ~0.4 s to plan.  Nothing is skipped: without pyspark or
Java these tests fail.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import leadrules as lr
from leadrules import ast, sample
from leadrules.api import Rules
from leadrules.check import check
from leadrules.cli import main
from leadrules.errors import UsageError
from leadrules.funnel import Bin, FunnelReport, TimeToConvert, histogram
from leadrules.memory import MemoryStore
from leadrules.stores.spark import SparkStore
from tests import spark_session
from tests.cases import AS_OF, CASES
from tests.spec import spec_rules
from tests.test_differential_models import _agree
from tests.test_stores import _case_store
from tests.typed_strategies import AS_OF as GEN_AS_OF
from tests.typed_strategies import data_sets, model_files, rule_files

SEGMENT_EXAMPLES = 6
MODEL_EXAMPLES = 2
CASE_GROUP = 24
"""Case-table segments per query: one query of all 164 plans for minutes."""
SETTINGS: dict[str, Any] = dict(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow, HealthCheck.data_too_large])

CASE_RULES = lr.parse("\n".join(f"segment s{i} {{\n  match {c.expr}\n}}"
                                for i, c in enumerate(CASES)))


@pytest.fixture(scope="module")
def case_store() -> SparkStore:
    store, _oracle = spark_session.load(_case_store(), "cases")
    return store


@pytest.mark.parametrize("start", range(0, len(CASES), CASE_GROUP))
def test_case_table_on_spark(case_store: SparkStore, start: int) -> None:
    group = list(range(start, min(start + CASE_GROUP, len(CASES))))
    names = [f"s{i}" for i in group]
    tc = CASE_RULES.time_context(AS_OF, None)
    members = case_store.segment_members(CASE_RULES.program, names, tc,
                                         [CASES[i].name for i in group])
    wrong = [CASES[i].name for i in group
             if (CASES[i].name in members[f"s{i}"]) is not CASES[i].expected]
    assert wrong == []


@settings(max_examples=SEGMENT_EXAMPLES, **SETTINGS)
@given(rule_file=rule_files(), data=data_sets())
def test_spark_selects_what_memory_selects(
        rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]) -> None:
    rules = Rules(check(rule_file))
    store, oracle = spark_session.load(MemoryStore(*data), "diff")
    for seg in rule_file.segments:
        want = rules.segment(seg.name).select(oracle, GEN_AS_OF)
        assert rules.segment(seg.name).select(store, GEN_AS_OF) == want, seg.name


@settings(max_examples=MODEL_EXAMPLES, **SETTINGS)
@given(rule_file=model_files(), data=data_sets())
def test_spark_scores_grades_tiers_and_funnels_as_memory_does(
        rule_file: ast.RuleFile,
        data: tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]) -> None:
    rules = Rules(check(rule_file))
    store, oracle = spark_session.load(MemoryStore(*data), "models")
    _agree(rules, store, oracle, "spark")


# ------------------------------------------------------------- the defects of issue 14

REGEX_CASES = [
    # (text, pattern as the rules file writes it): java.util.regex answers otherwise.
    ("abc\r", "c$"),             # Java's $ matches before a final \r
    ("abc\u2028", "c$"),         # … and before \u2028
    ("a\rb", "a.b"),             # Java's . excludes \r
    ("a\x85b", "a.b"),           # … and \x85
    ("éa", "\\\\ba"),            # Java 17's \b: é is a word character
    ("a\nb", "a[\\\\v]b"),       # Java's \v: every vertical white space
    ("a\x0bb", "a\\\\vb"),
    ("a\x0bb", "a\\\\sb"),
    ("x[y", "x[[]y"),            # Java: [ inside a class opens a nested class
    ("a&b", "a[&&b]b"),          # Java: && intersects
    ("a]b", "a[]]b"),
    ("a{b", "a{b"),              # Java: a { that starts no quantifier is an error
    ("ab\n", "b$"),
    ("ab\r\n", "b$"),
]


def test_regex_answers_as_python_on_spark() -> None:
    leads = [{"id": f"r{i}", "title": text} for i, (text, _) in enumerate(REGEX_CASES)]
    memory = MemoryStore(leads, {})
    store, _oracle = spark_session.load(memory, "regex")
    rules = lr.parse("\n".join(f'segment m{i} {{\n  match title matches "{p}"\n}}'
                               for i, (_, p) in enumerate(REGEX_CASES)))
    names = [f"m{i}" for i in range(len(REGEX_CASES))]
    tc = rules.time_context(AS_OF, None)
    got = store.segment_members(rules.program, names, tc, [r["id"] for r in leads])
    want = {n: set(rules.segment(n).select(memory, AS_OF)) for n in names}
    assert got == want
    # Some of them do differ from Python in plain Java: the test is not vacuous.
    assert any(want[f"m{i}"] for i in range(len(REGEX_CASES)))


MICROS = dt.datetime(2026, 3, 1, 10, 0, 0, 123457, tzinfo=dt.UTC)


def test_decayed_scores_use_exact_microseconds_and_doubles() -> None:
    """UNIX_TIMESTAMP would drop the µs, a DECIMAL literal round the exponent."""
    when = [MICROS - dt.timedelta(days=d, microseconds=37 * d) for d in range(0, 400, 7)]
    memory = MemoryStore([{"id": "d1"}, {"id": "d2"}],
                         {"tracking": [{"lead_id": "d1" if i % 3 else "d2", "occurred_at": w,
                                        "path": "/p"} for i, w in enumerate(when)]})
    store, oracle = spark_session.load(memory, "decay")
    rules = lr.parse("scoring m {\n  tracking { path = \"/p\" } => +7 per event\n"
                     "  decay half-life 3 days\n}\n")
    want = rules.scoring("m").score(oracle, AS_OF).rows
    got = rules.scoring("m").score(store, AS_OF).rows
    assert [r[0] for r in got] == [r[0] for r in want]
    for g, w in zip(got, want, strict=True):
        assert math.isclose(g[1], w[1], rel_tol=1e-12), (g, w)


def test_instants_do_not_depend_on_the_session_time_type_or_zone() -> None:
    """The session runs in America/Los_Angeles; TIMESTAMP_NTZ as the default type
    would make CAST('…+00:00' AS TIMESTAMP) drop the offset: µs are bound instead."""
    spark = spark_session.session()
    created = [dt.datetime(2026, 3, 30, h, tzinfo=dt.UTC) for h in range(0, 24, 3)]
    memory = MemoryStore([{"id": f"c{i}", "created_at": c} for i, c in enumerate(created)], {})
    rules = lr.parse('segment recent {\n  match created_at within 20 hours\n}\n'
                     'segment before {\n  match created_at < 2026-03-30T13:30:00+05:00\n}\n')
    store, oracle = spark_session.load(memory, "instants")
    before = spark.conf.get("spark.sql.timestampType")
    spark.conf.set("spark.sql.timestampType", "TIMESTAMP_NTZ")
    try:
        for name in ("recent", "before"):
            want = rules.segment(name).select(oracle, AS_OF)
            assert rules.segment(name).select(store, AS_OF) == want, name
        leads = {r["id"]: r["created_at"] for r in store.leads()}
        assert leads == {f"c{i}": c for i, c in enumerate(created)}
    finally:
        spark.conf.set("spark.sql.timestampType", before)


def test_fields_differing_only_in_case_are_two_columns() -> None:
    spark = spark_session.session()
    spark.conf.set("spark.sql.caseSensitive", "false")
    try:
        rows = [("a", "x@one.example", "X@TWO.EXAMPLE"), ("b", "y@one.example", None)]
        spark.createDataFrame(rows, "id STRING, email STRING, Email STRING"
                              ).createOrReplaceTempView("case_people")
    finally:
        spark.conf.set("spark.sql.caseSensitive", "true")
    spark.conf.set("spark.sql.caseSensitive", "false")
    schema = lr.DEFAULT_SCHEMA.extend("lead", [lr.Field("Email", lr.FieldType.TEXT)])
    store = SparkStore(spark, mapping={"lead": {"table": "case_people", "id": "id",
                                                "email": "email", "Email": "Email"}},
                       schema=schema)
    assert spark.conf.get("spark.sql.caseSensitive") == "true"  # set by the store
    rules = lr.parse('segment two {\n  match Email exists and email contains "one"\n}\n',
                     schema=schema)
    assert rules.segment("two").select(store, AS_OF) == ["a"]
    assert store.lead("b") == {**{f: None for f in schema.lead.field_names},
                               "id": "b", "email": "y@one.example"}


def test_a_misspelt_table_is_refused_with_the_view_meant() -> None:
    spark = spark_session.session()
    spark.createDataFrame([("a",)], "contact_id STRING").createOrReplaceTempView("contacts_v")
    with pytest.raises(UsageError, match=r"'contact_v' does not exist in the database "
                                         r"\(did you mean 'contacts_v'\?\)"):
        SparkStore(spark, mapping={"lead": {"table": "contact_v", "id": "contact_id"}})


def test_untidy_values_read_as_the_loaders_read_them() -> None:
    """tests/test_mapping.py's case table of untidy values, on Spark (text with a
    separator and an array of tags)."""
    from tests.test_mapping import (
        UNTIDY_EVENTS,
        UNTIDY_RULES,
        UNTIDY_TAGS,
        UNTIDY_WANT,
        _untidy_rows,
    )
    spark = spark_session.session()
    spark.createDataFrame(_untidy_rows("spark", False),
                          "cid STRING, mail STRING, labels STRING, size DOUBLE"
                          ).createOrReplaceTempView("untidy_contacts")
    spark.createDataFrame(_untidy_rows("spark", True),
                          "cid STRING, mail STRING, labels ARRAY<STRING>, size DOUBLE"
                          ).createOrReplaceTempView("untidy_listed")
    views = [(i, dt.datetime.fromisoformat(w) if w else None, "/p") for i, w in UNTIDY_EVENTS]
    spark.createDataFrame(views, "cid STRING, seen_at TIMESTAMP, p STRING"
                          ).createOrReplaceTempView("untidy_views")
    rules = lr.parse(UNTIDY_RULES)
    for table, tags in (("untidy_contacts", {"column": "labels", "separator": "|"}),
                        ("untidy_listed", "labels")):
        store = SparkStore(spark, mapping={
            "lead": {"table": table, "id": "cid", "email": "mail", "tags": tags,
                     "employees": "size"},
            "tracking": {"table": "untidy_views", "lead_id": "cid",
                         "occurred_at": "seen_at", "path": "p"}})
        for segment, want in UNTIDY_WANT.items():
            assert rules.segment(segment).select(store, "2026-11-20T00:00:00Z") == want, (
                table, segment)
        assert {i: store.lead(i)["tags"] for i in UNTIDY_TAGS} == UNTIDY_TAGS, table


def test_char_columns_read_without_their_padding(tmp_path: Path) -> None:
    """A table's CHAR(n) column reads padded with blanks to n on Spark ('a' is
    'a     '): it is read as PostgreSQL's char(n) is, without the trailing
    blanks, so ids match their events and text compares as written."""
    spark = spark_session.session()
    spark.sql("DROP TABLE IF EXISTS char_contacts")
    spark.sql("DROP TABLE IF EXISTS char_views")
    spark.sql(f"CREATE TABLE char_contacts (cid CHAR(6), area CHAR(8), since TIMESTAMP) "
              f"USING parquet LOCATION '{tmp_path / 'contacts'}'")
    spark.sql(f"CREATE TABLE char_views (cid CHAR(4), seen TIMESTAMP, p VARCHAR(10)) "
              f"USING parquet LOCATION '{tmp_path / 'views'}'")
    try:
        spark.sql("INSERT INTO char_contacts VALUES ('a', 'east', TIMESTAMP'2026-01-01 00:00:00'), "
                  "('bb', 'West', TIMESTAMP'2026-01-01 00:00:00'), ('c', '', NULL)")
        spark.sql("INSERT INTO char_views VALUES ('a', TIMESTAMP'2026-01-02 00:00:00', '/x'), "
                  "('bb', TIMESTAMP'2026-01-02 00:00:00', '/y')")
        assert spark.table("char_contacts").orderBy("cid").first()["cid"] == "a     "
        store = SparkStore(spark, mapping={
            "lead": {"table": "char_contacts", "id": "cid", "region": "area",
                     "created_at": "since"},
            "tracking": {"table": "char_views", "lead_id": "cid", "occurred_at": "seen",
                         "path": "p"}})
        rules = lr.parse('segment east { 1: lead { region = "east" } }\n'
                         'segment west_end { 1: lead { region ends with "st" } }\n'
                         'segment no_region { 1: lead { region not exists } }\n'
                         'segment seen { 1: tracking exists }\n')
        as_of = "2026-02-01T00:00:00Z"
        assert rules.segment("east").select(store, as_of) == ["a"]
        assert rules.segment("west_end").select(store, as_of) == ["a", "bb"]
        assert rules.segment("no_region").select(store, as_of) == ["c"]
        assert rules.segment("seen").select(store, as_of) == ["a", "bb"]
        lead = store.lead("a")
        assert lead is not None and lead["region"] == "east"
    finally:
        spark.sql("DROP TABLE IF EXISTS char_contacts")
        spark.sql("DROP TABLE IF EXISTS char_views")


def test_iso_text_that_is_no_time_is_missing_on_spark_in_ansi_mode() -> None:
    spark = spark_session.session()
    spark.conf.set("spark.sql.ansi.enabled", "true")
    spark.createDataFrame([("a",)], "cid STRING").createOrReplaceTempView("iso_leads")
    spark.createDataFrame([("a", "31/12/2026"), ("a", "2026-11-01 10:00:00")],
                          "cid STRING, seen STRING").createOrReplaceTempView("iso_views")
    store = SparkStore(spark, mapping={
        "lead": {"table": "iso_leads", "id": "cid"},
        "tracking": {"table": "iso_views", "lead_id": "cid", "occurred_at": "seen"}})
    assert [e["occurred_at"] for e in store.events_of("a")["tracking"]] == [
        dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC)]


@pytest.mark.parametrize("ansi", ["false", "true"])
def test_an_epoch_of_32_bit_integers_or_decimals_is_its_instant(ansi: str) -> None:
    """An `int` of seconds times 1000000 overflowed in 32 bits: without ANSI (Spark
    3.5's default) it wrapped to 1970, with it it failed.  1763510400 s is
    2025-11-19T00:00Z (20,411 days of 86,400 s), .123 s later for the decimal."""
    spark = spark_session.session()
    before = spark.conf.get("spark.sql.ansi.enabled")
    spark.conf.set("spark.sql.ansi.enabled", ansi)
    try:
        spark.createDataFrame([("a", 1763510400), ("b", 1600000000)],
                              "id STRING, t INT").createOrReplaceTempView("epoch32_leads")
        spark.sql("SELECT id, CAST(t AS DECIMAL(18, 3)) + 0.123 AS t FROM epoch32_leads"
                  ).createOrReplaceTempView("epoch32_decimal")
        instant = dt.datetime(2025, 11, 19, tzinfo=dt.UTC)
        rules = lr.parse("segment recent { match created_at after 2025-01-01 }")
        for table, want in (("epoch32_leads", instant),
                            ("epoch32_decimal", instant + dt.timedelta(milliseconds=123))):
            store = SparkStore(spark, mapping={"lead": {
                "table": table, "id": "id", "created_at": {"column": "t", "epoch": "s"}}})
            lead = store.lead("a")
            assert lead is not None and lead["created_at"] == want, table
            assert rules.segment("recent").select(store, as_of="2026-12-01") == ["a"], table
    finally:
        spark.conf.set("spark.sql.ansi.enabled", before)


def test_no_event_is_an_anti_join_that_need_not_broadcast() -> None:
    """NOT EXISTS, not NOT IN: Spark plans a null-aware anti join (NOT IN) only as
    a broadcast; with broadcasts off, the probe is a sort-merge anti join."""
    spark = spark_session.session()
    memory = MemoryStore([{"id": "n1"}, {"id": "n2"}],
                         {"tracking": [{"lead_id": "n1", "occurred_at": MICROS, "path": "/"}]})
    store, _ = spark_session.load(memory, "anti")
    rules = lr.parse('segment quiet {\n  match tracking { path = \"/\" } none\n}\n')
    query = store.sql_for(rules.program, "quiet", rules.time_context(AS_OF, None))
    text = query.render()
    assert " IN (SELECT" not in text and "NOT (EXISTS(" in text
    before = spark.conf.get("spark.sql.autoBroadcastJoinThreshold")
    spark.conf.set("spark.sql.autoBroadcastJoinThreshold", "-1")
    try:
        plan = spark.sql("EXPLAIN " + text, args=dict(query.params)).collect()[0][0]
        assert "SortMergeJoin" in plan and "LeftAnti" in plan, plan
        assert "BroadcastNestedLoopJoin" not in plan, plan
        assert rules.segment("quiet").select(store, AS_OF) == ["n2"]
    finally:
        spark.conf.set("spark.sql.autoBroadcastJoinThreshold", before)


def test_segment_as_a_dataframe() -> None:
    memory = MemoryStore([{"id": f"f{i}", "employees": i * 100} for i in range(6)], {})
    store, _ = spark_session.load(memory, "frame")
    rules = lr.parse("segment big {\n  match employees >= 300\n}\n")
    frame = store.segment_dataframe(rules.segment("big"), AS_OF)
    assert frame.columns == ["id"]
    assert sorted(r[0] for r in frame.collect()) == ["f3", "f4", "f5"]


EVERY_KIND = """\
segment pricing {
  match tracking { path starts with "/pricing" } exists and not is_competitor
}
scoring engagement {
  tracking { path starts with "/pricing" } => +10 per event, max 30
  lead { is_competitor } => -100
  decay half-life 30 days
}
grading fit {
  start D
  employees >= 100 => +2/3
  is_competitor    => -2
}
tiers follow_up using engagement, fit {
  exclude: is_competitor
  hot:  score >= 5 and grade >= C-
  cold: otherwise
}
funnel pipeline {
  generated: all
  engaged:   score engagement >= 5
  won:       status = "won"
}
"""
"""One of each kind ``leadrules sql`` prints, small: each new query text costs
Spark its planning."""


def test_leadrules_sql_prints_what_the_store_runs(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """``leadrules sql --dialect spark --params`` prints, character for character,
    the text SparkStore runs over tables holding the fields in their natural types
    and its parameters: for a segment (``select``), a scoring model, a grading
    profile and tiers (their DataFrames: the in-memory answers, scores within
    float rounding) and a funnel (``depths``, and its DataFrame); the literal
    form runs to the same answer."""
    spark = spark_session.session()
    data = sample.generate(30)
    memory = MemoryStore(data.leads, data.events)
    spark_session.natural_views(memory)
    store = SparkStore(spark)
    ran: list[tuple[str, dict[str, Any]]] = []
    run = store._sql

    def spy(text: str, params: Any) -> Any:
        ran.append((text, dict(params)))
        return run(text, params)
    store._sql = spy  # type: ignore[method-assign]
    path = tmp_path / "kinds.rules"
    path.write_text(EVERY_KIND, encoding="utf-8")
    rules = lr.load(path)
    at = sample.AS_OF
    segment = "pricing"
    # Each answer as the literal SQL's rows come back, sorted; one query each.
    answers: dict[str, list[tuple[Any, ...]]] = {}
    answers[segment] = [(i,) for i in rules.segment(segment).select(store, at)]
    assert answers[segment] == [(i,) for i in rules.segment(segment).select(memory, at)]
    frame = store.scores_dataframe(rules.scoring("engagement"), at)
    assert frame.columns == ["id", *rules.scoring("engagement").rule_keys, "total"]
    types = dict(frame.dtypes)  # a rule without decay is an integer, the total a double
    assert types["rule 2"] in ("int", "bigint") and types["total"] == "double", types
    answers["engagement"] = sorted(tuple(r) for r in frame.collect())
    _same_scores([_score_row(r) for r in answers["engagement"]],
                 rules.scoring("engagement").score(memory, at).rows)
    frame = store.grades_dataframe(rules.grading("fit"), at)
    assert frame.columns == ["id", "grade_index", "grade"]
    answers["fit"] = sorted(tuple(r) for r in frame.collect())
    assert ([(i, g) for i, _, g in answers["fit"]]
            == list(rules.grading("fit").grade(memory, at).rows))
    frame = store.tiers_dataframe(rules.tiers("follow_up"), at)
    assert frame.columns == ["id", "tier", "reason"]
    answers["follow_up"] = sorted(tuple(r) for r in frame.collect())
    assert answers["follow_up"] == list(rules.tiers("follow_up").assign(memory, at).rows)
    answers["pipeline"] = sorted(rules.funnel("pipeline").depths(store, at).items())
    assert answers["pipeline"] == sorted(rules.funnel("pipeline").depths(memory, at).items())
    frame = store.depths_dataframe(rules.funnel("pipeline"), at)
    assert frame.columns == ["id", "depth"]
    assert sorted(tuple(r) for r in frame.collect()) == answers["pipeline"]
    assert ran.pop() == ran[-1]  # the text depths() ran
    assert len(ran) == len(answers)

    for (text, params), name in zip(ran, answers, strict=True):
        argv = ["sql", str(path), name, "--dialect", "spark", "--as-of", at.isoformat()]
        assert main([*argv, "--params"]) == 0
        listed = "".join(f"-- {k} = {v!r}\n" for k, v in params.items())
        assert capsys.readouterr().out == f"{text};\n{listed}", name
        assert main(argv) == 0
        literal = capsys.readouterr().out.rstrip().rstrip(";")
        assert sorted(tuple(r) for r in spark.sql(literal).collect()) == answers[name], name


ORDERED = """
funnel web ordered within 3 days {
  home:    tracking { path = "/" }
  pricing: tracking { path starts with "/pricing" }
  applied: application exists
  exclude: mail { kind = "unsubscribe" } between home and applied
}
funnel web_strict strict within 3 days {
  home:    tracking { path = "/" }
  pricing: tracking { path starts with "/pricing" }
}
"""


JOURNEYS = lr.parse(Path("docs/funnels.md").read_text(encoding="utf-8")
                    .split("```rules file=journeys.rules\n")[1].split("```")[0])


@pytest.fixture(scope="module")
def ordered_sample() -> tuple[SparkStore, MemoryStore]:
    """The sample data (40 leads) in the session, and its in-memory oracle."""
    data = sample.generate(40)
    return spark_session.load(MemoryStore(data.leads, data.events), "ordered_sample")


def test_ordered_funnel_depths_as_a_dataframe(
        ordered_sample: tuple[SparkStore, MemoryStore]) -> None:
    """An ordered funnel's depths computed inside Spark (the chain search as a UDF
    on the executors): the depths written by hand for leads made for each rule,
    then the in-memory depths on the sample data."""
    def t(day: int, hour: int = 9) -> dt.datetime:
        return dt.datetime(2026, 3, day, hour, tzinfo=dt.UTC)

    def view(lead: str, when: dt.datetime, path: str) -> dict[str, Any]:
        return {"lead_id": lead, "occurred_at": when, "path": path}

    leads = [{"id": i} for i in ("A", "B", "C", "D", "E", "F")]
    leads.append({"id": "G", "created_at": t(30)})          # created after as_of: absent
    tracking = [
        view("A", t(1), "/"), view("A", t(2), "/pricing"),    # A: all three steps
        view("B", t(1), "/"), view("B", t(5), "/pricing"),    # B: pricing too late
        view("C", t(1), "/pricing"), view("C", t(2), "/"),    # C: out of order
        view("D", t(1), "/"), view("D", t(1, 10), "/about"),  # D: strict broken
        view("D", t(1, 11), "/pricing"),
        view("E", t(1), "/"), view("E", t(2), "/pricing"),    # E: unsubscribed between
        view("G", t(1), "/")]
    application = [{"lead_id": "A", "occurred_at": t(3)}, {"lead_id": "E", "occurred_at": t(3)}]
    mail = [{"lead_id": "E", "occurred_at": t(2, 12), "kind": "unsubscribe"}]
    memory = MemoryStore(leads, {"tracking": tracking, "application": application,
                                 "mail": mail})
    store, _oracle = spark_session.load(memory, "ordered")
    rules = lr.parse(ORDERED)
    at = t(20)
    by_hand = {"web": {"A": 2, "B": 0, "C": 0, "D": 1, "E": 1, "F": -1},
               "web_strict": {"A": 1, "B": 0, "C": 0, "D": 0, "E": 1, "F": -1}}
    for name, want in by_hand.items():
        frame = store.depths_dataframe(rules.funnel(name), at)
        assert frame.columns == ["id", "depth"]
        assert dict(tuple(r) for r in frame.collect()) == want, name
        assert rules.funnel(name).depths(memory, at) == want, name

    store, oracle = ordered_sample
    for funnel in [f.name for f in JOURNEYS.program.funnels]:
        frame = store.depths_dataframe(JOURNEYS.funnel(funnel), sample.AS_OF)
        got = dict(tuple(r) for r in frame.collect())
        assert got == JOURNEYS.funnel(funnel).depths(oracle, sample.AS_OF), funnel


def _day(day: int, hour: int = 9, microsecond: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, 0, microsecond, tzinfo=dt.UTC)


def _us(when: dt.datetime) -> int:
    return (when - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(microseconds=1)


def _chains(frame: Any) -> dict[str, tuple[Any, ...]]:
    """``chains_dataframe``'s rows by id: depth, the times as exact µs (collect()
    would give naive datetimes in the session's zone)[, value]."""
    extra = ["value"] if "value" in frame.columns else []
    rows = frame.selectExpr("id", "depth", "transform(times, t -> unix_micros(t))",
                            *extra).collect()
    return {r[0]: (r[1], tuple(r[2]), *r[3:]) for r in rows}


def test_an_ordered_funnels_chains_as_a_dataframe_by_hand() -> None:
    """Depth, the reported chain's times and the attributed value, written out by
    hand: the chain from the earliest (anchor="last": the latest) first step, an
    exclusion that leaves only a later chain, a lead without events."""
    t = _day

    def view(lead: str, when: dt.datetime, path: str) -> dict[str, Any]:
        return {"lead_id": lead, "occurred_at": when, "path": path}

    leads = [{"id": i} for i in ("A", "B", "E", "F", "I", "J")]
    leads.append({"id": "G", "created_at": t(30)})          # created after as_of: absent
    tracking = [
        view("A", t(1), "/"), view("A", t(2, 9, 123457), "/pricing"),
        view("B", t(1), "/"), view("B", t(5), "/pricing"),       # pricing too late
        view("E", t(1), "/"), view("E", t(2), "/pricing/team"),  # unsubscribed, then applied
        view("I", t(1), "/"), view("I", t(2), "/"), view("I", t(3), "/pricing/enterprise"),
        # J: the chain from day 1 is broken by the unsubscribe on day 2; the one
        # from day 2 12:00 is not.
        view("J", t(1), "/"), view("J", t(1, 12), "/pricing"), view("J", t(2, 12), "/"),
        view("J", t(3), "/pricing/team"),
        view("G", t(1), "/")]
    application = [{"lead_id": i, "occurred_at": t(d)} for i, d in (("A", 3), ("E", 3),
                                                                    ("J", 4))]
    mail = [{"lead_id": "E", "occurred_at": t(2, 12), "kind": "unsubscribe"},
            {"lead_id": "J", "occurred_at": t(2), "kind": "unsubscribe"}]
    memory = MemoryStore(leads, {"tracking": tracking, "application": application,
                                 "mail": mail})
    store, _oracle = spark_session.load(memory, "chains")
    web = lr.parse(ORDERED).funnel("web")
    at = t(20)
    first = {"A": (2, (t(1), t(2, 9, 123457), t(3)), "/pricing"),
             "B": (0, (t(1),), None),
             "E": (1, (t(1), t(2)), "/pricing/team"),
             "F": (-1, (), None),
             "I": (1, (t(1), t(3)), "/pricing/enterprise"),
             "J": (2, (t(2, 12), t(3), t(4)), "/pricing/team")}
    frame = store.chains_dataframe(web, at, by="tracking.path", attribution="pricing")
    assert frame.columns == ["id", "depth", "times", "value"]
    assert dict(frame.dtypes)["times"] == "array<timestamp>"
    want = {i: (d, tuple(map(_us, times)), v) for i, (d, times, v) in first.items()}
    assert _chains(frame) == want
    last = {**want, "I": (1, (_us(t(2)), _us(t(3))))}
    frame = store.chains_dataframe(web, at, anchor="last")
    assert frame.columns == ["id", "depth", "times"]
    assert _chains(frame) == {i: last[i][:2] for i in last}
    # The in-memory report measures these chains: its times, worked out by hand
    # (pricing: 21 h, 1 d, 1 d, 1 d 0.123457 s; applied: 1 d - 0.123457 s, 1 d).
    report = web.report(memory, at, anchor="last")
    assert report["pricing"].time_to_convert == TimeToConvert(
        dt.timedelta(days=1), dt.timedelta(hours=23, minutes=15, microseconds=30864), 4,
        (Bin(75600, 78301, 1), Bin(78301, 81002, 0), Bin(81002, 83703, 0),
         Bin(83703, 86404, 3)))
    half = dt.timedelta(seconds=86399, microseconds=938272)  # ….5 µs, rounded to even
    assert report["applied"].time_to_convert == TimeToConvert(half, half, 2,
                                                              (Bin(86399, 86400, 2),))


def test_a_list_of_text_value_is_an_array() -> None:
    """A list field travels as the store's joined text and comes back an
    ``array<string>``; an empty list is no value (NULL, the report's
    ``(missing)``); the report puts the lead in a group per element."""
    schema = lr.DEFAULT_SCHEMA.extend("tracking", {"labels": "list of text"})
    tracking = [{"lead_id": "K", "occurred_at": _day(1), "path": "/", "labels": ("Ads", "promo")},
                {"lead_id": "L", "occurred_at": _day(1), "path": "/", "labels": ()},
                {"lead_id": "M", "occurred_at": _day(1), "path": "/"}]
    memory = MemoryStore([{"id": "K"}, {"id": "L"}, {"id": "M"}], {"tracking": tracking},
                         schema=schema)
    store, _oracle = spark_session.load(memory, "chain_lists")
    web = lr.parse(ORDERED, schema=schema).funnel("web")
    frame = store.chains_dataframe(web, _day(20), by="tracking.labels")
    assert dict(frame.dtypes)["value"] == "array<string>"
    values = {r[0]: r[1] for r in frame.select("id", "value").collect()}
    assert values == {"K": ["Ads", "promo"], "L": None, "M": None}
    groups = web.report(memory, _day(20), by="tracking.labels").groups
    assert [(g.label, g.report.population) for g in groups] == [
        ("Ads", 1), ("promo", 1), ("(missing)", 2)]


def test_chains_dataframe_refuses_what_has_no_chain() -> None:
    store, _ = spark_session.load(MemoryStore([{"id": "x"}], {}), "chains_refused")
    rules = lr.parse(ORDERED + "funnel plain {\n  all_leads: all\n}\n")
    with pytest.raises(UsageError, match="depths_dataframe"):
        store.chains_dataframe(rules.funnel("plain"))
    with pytest.raises(UsageError, match="lead field") as lead_field:
        store.chains_dataframe(rules.funnel("web"), by="lead_source")
    assert "join" in str(lead_field.value)
    with pytest.raises(UsageError, match="did you mean 'path'"):
        store.chains_dataframe(rules.funnel("web"), by="tracking.pathh")
    with pytest.raises(UsageError, match="no stage of funnel 'web' reads mail"):
        store.chains_dataframe(rules.funnel("web"), by="mail.kind", attribution="first")


CHAIN_CASES = [
    # funnel, anchor, by, attribution (strict order: depths_dataframe's test)
    ("journey", "first", "tracking.path", "first"),
    ("journey_any", "last", "tracking.title", "last"),
    ("journey_no_faq", "last", "tracking.duration", "pricing"),
]


def _numbers(chains: list[tuple[Any, ...]], stages: int
             ) -> tuple[int, list[int], list[TimeToConvert | None]]:
    """What a report says of these leads, from their chains (depth, times µs):
    population, count per stage, time-to-convert per stage after the first."""
    counts = [sum(1 for c in chains if c[0] >= k) for k in range(stages)]
    ttc: list[TimeToConvert | None] = []
    for k in range(1, stages):
        gaps = sorted(c[1][k] - c[1][k - 1] for c in chains if c[0] >= k)
        ttc.append(None if not gaps else TimeToConvert(
            dt.timedelta(microseconds=round(statistics.median(gaps))),
            dt.timedelta(microseconds=round(statistics.mean(gaps))), len(gaps),
            histogram(gaps)))
    return len(chains), counts, ttc


def _reported(report: FunnelReport
              ) -> tuple[int, list[int], list[TimeToConvert | None]]:
    return (report.population, [s.count for s in report.stages],
            [s.time_to_convert for s in report.stages[1:]])


def _key(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


@pytest.mark.parametrize(("funnel", "anchor", "by", "attribution"), CHAIN_CASES)
def test_chains_dataframe_gives_the_reports_times_and_groups(
        ordered_sample: tuple[SparkStore, MemoryStore], funnel: str, anchor: Any,
        by: str | None, attribution: str) -> None:
    """On the sample data: the depths of ``depths()``; per step the report's
    time-to-convert (median, mean, leads, histogram) computed from the chains'
    times; with ``by``, per value the counts and times of the breakdown's group."""
    store, oracle = ordered_sample
    rule = JOURNEYS.funnel(funnel)
    at = sample.AS_OF
    got = _chains(store.chains_dataframe(rule, at, anchor=anchor, by=by,
                                         attribution=attribution))
    assert {i: c[0] for i, c in got.items()} == rule.depths(oracle, at)
    assert all(len(c[1]) == c[0] + 1 for c in got.values())
    stages = len(rule.stage_names)
    assert _numbers(list(got.values()), stages) == _reported(
        rule.report(oracle, at, anchor=anchor))
    assert any(c[0] >= 1 for c in got.values())  # some time-to-convert is compared
    if by is None:
        return
    breakdown = rule.report(oracle, at, by=by, anchor=anchor, attribution=attribution)
    groups: dict[Any, list[tuple[Any, ...]]] = {}
    for c in got.values():
        groups.setdefault(_key(c[2]), []).append(c)
    assert {k: _numbers(g, stages) for k, g in groups.items()} == {
        _key(g.value): _reported(g.report) for g in breakdown.groups}
    assert len(breakdown.groups) > 1


def test_the_time_to_convert_of_docs_spark_md_in_spark(
        ordered_sample: tuple[SparkStore, MemoryStore]) -> None:
    """docs/spark.md's median and mean, computed by Spark from the times, are the
    report's (to the µs)."""
    from pyspark.sql import functions as F
    store, oracle = ordered_sample
    funnel = JOURNEYS.funnel("journey")
    chains = store.chains_dataframe(funnel, sample.AS_OF)
    k = 1
    gaps = (chains.filter(F.col("depth") >= k)
            .select((F.unix_micros(F.col("times")[k])
                     - F.unix_micros(F.col("times")[k - 1])).alias("us")))
    median, mean, leads = gaps.agg(F.median("us"), F.avg("us"), F.count("us")).collect()[0]
    want = funnel.report(oracle, sample.AS_OF).stages[k].time_to_convert
    assert want is not None and leads == want.leads
    assert abs(median - want.median / dt.timedelta(microseconds=1)) <= 0.5
    assert abs(mean - want.mean / dt.timedelta(microseconds=1)) <= 0.5


def _score_row(row: Any) -> tuple[Any, ...]:
    """A row of ``scores_dataframe`` (id, points of each rule…, total) as a row
    of the score table (lead_id, score, points of each rule…)."""
    return (row[0], row[-1], *row[1:-1])


def _same_scores(got: list[tuple[Any, ...]], want: list[tuple[Any, ...]]) -> None:
    """Score rows alike: the same leads, each number within float rounding."""
    assert [r[0] for r in got] == [r[0] for r in want]
    for g, w in zip(got, want, strict=True):
        assert len(g) == len(w)
        assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
                   for a, b in zip(g[1:], w[1:], strict=True)), (g, w)


def test_spark_connect_session_gives_the_same_answers() -> None:
    """The same store over Spark Connect (a Connect server in the test JVM)."""
    connect = spark_session.connect_session()
    assert type(connect).__module__.startswith("pyspark.sql.connect")
    data = sample.generate(8)
    memory = MemoryStore(data.leads, data.events)
    store, oracle = spark_session.load(memory, "connect", connect)
    rules = lr.parse(spec_rules())
    for name in rules.segment_names[:2]:
        want = rules.segment(name).select(oracle, sample.AS_OF)
        assert rules.segment(name).select(store, sample.AS_OF) == want, name
    model = rules.scoring("engagement")
    want_scores = model.score(oracle, sample.AS_OF).rows
    got_scores = model.score(store, sample.AS_OF).rows
    assert [r[0] for r in got_scores] == [r[0] for r in want_scores]
    for g, w in zip(got_scores, want_scores, strict=True):
        assert all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(g[1:], w[1:], strict=True))
    segment = rules.segment(rules.segment_names[0])
    frame = store.segment_dataframe(segment, sample.AS_OF)
    assert sorted(r[0] for r in frame.collect()) == segment.select(oracle, sample.AS_OF)
    assert store.lead(memory.leads()[0]["id"]) == oracle.lead(memory.leads()[0]["id"])
    ordered = lr.parse(ORDERED).funnel("web")
    frame = store.depths_dataframe(ordered, sample.AS_OF)  # the UDF over Connect
    assert dict(tuple(r) for r in frame.collect()) == ordered.depths(oracle, sample.AS_OF)
    chains = _chains(store.chains_dataframe(ordered, sample.AS_OF, by="tracking.path",
                                            attribution="pricing"))  # a struct UDF
    assert {i: c[0] for i, c in chains.items()} == ordered.depths(oracle, sample.AS_OF)
    breakdown = ordered.report(oracle, sample.AS_OF, by="tracking.path",
                               attribution="pricing")
    assert _numbers(list(chains.values()), 3) == _reported(breakdown.total)
    assert (sorted((_key(c[2]) for c in chains.values()), key=repr)
            == sorted((_key(g.value) for g in breakdown.groups
                       for _ in range(g.report.population)), key=repr))


def test_a_query_past_its_timeout_is_interrupted() -> None:
    import time

    from leadrules.errors import QueryTimeout
    store, _ = spark_session.load(MemoryStore([{"id": "t1"}], {}), "timeout")
    store.timeout = 1.0
    began = time.perf_counter()
    with pytest.raises(QueryTimeout):
        store._fetch("SELECT count(*) FROM range(0, 1000000000000)", {})
    assert time.perf_counter() - began < 30
    assert store._fetch("SELECT 1", {}) == [(1,)]  # the session still works


def test_a_query_past_its_timeout_is_interrupted_over_spark_connect() -> None:
    """On Spark Connect the store tags its operation and interrupts the tag."""
    import time

    from leadrules.errors import QueryTimeout
    connect = spark_session.connect_session()
    store, _ = spark_session.load(MemoryStore([{"id": "t1"}], {}), "ctimeout", connect)
    store.timeout = 1.0
    began = time.perf_counter()
    with pytest.raises(QueryTimeout):
        store._fetch("SELECT count(*) FROM range(0, 1000000000000)", {})
    assert time.perf_counter() - began < 30
    assert connect.getTags() == set()  # the tag is gone
    assert store._fetch("SELECT 1", {}) == [(1,)]  # the session still works


@pytest.mark.parametrize("kind", ["classic", "connect"])
def test_a_limit_passing_between_two_operations_still_stops_the_query(kind: str) -> None:
    """The limit passes after spark.sql() made the DataFrame and before collect()
    runs it (a loaded machine): the cancel is repeated until the query ends, so
    the job started after the first cancel is stopped too (it ran on before)."""
    import threading
    import time

    from leadrules.errors import QueryTimeout
    session = spark_session.connect_session() if kind == "connect" else None
    store, _ = spark_session.load(MemoryStore([{"id": "t1"}], {}), f"gap{kind}", session)
    real = store._sql

    def late(text: str, params: Any) -> Any:
        frame = real(text, params)
        time.sleep(1.0)  # the limit passes here, while no job runs
        return frame
    store._sql = late  # type: ignore[method-assign]
    store.timeout = 0.3
    outcome: list[BaseException | list[Any]] = []

    def run() -> None:
        try:
            outcome.append(store._fetch("SELECT count(*) FROM range(0, 1000000000000)", {}))
        except BaseException as exc:
            outcome.append(exc)
    began = time.perf_counter()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive():  # the bug: the query runs on; stop it for the tests after
        if session is not None:
            session.interruptAll()
        else:
            spark_session.session().sparkContext.cancelAllJobs()
        worker.join(60)
        pytest.fail("the query ran on past its limit of 0.3 s")
    assert isinstance(outcome[0], QueryTimeout), outcome
    assert time.perf_counter() - began < 30
    store._sql = real  # type: ignore[method-assign]
    store.timeout = None
    assert store._fetch("SELECT 1", {}) == [(1,)]  # the session still works


def test_funnels_of_some_leads_are_the_hand_worked_depths_on_spark() -> None:
    """tests/test_funnel_some_leads.py's case table (a few rows) through the
    Spark store: the ids bound as one ARRAY<STRING>."""
    from tests import test_funnel_some_leads as some
    store, _ = spark_session.load(some.data(), "some")
    for ids, present in (some.CASES[0], some.CASES[1], some.CASES[-1]):
        for name, depths in (("pipe", some.PIPE), ("web", some.WEB)):
            got = some.rules.funnel(name).depths(store, some.AS_OF, lead_ids=ids)
            assert got == {i: depths[i] for i in present}, (name, ids)


def test_what_is_not_a_spark_session_is_a_usage_error_naming_it() -> None:
    """None, the session's SparkContext or a DataFrame instead of the session: a
    UsageError saying a SparkSession is needed and naming what was given, not an
    AttributeError or a caseSensitive error."""
    spark = spark_session.session()
    frame = spark.createDataFrame([("A",)], "id string")
    for value, what in ((None, "None"), (spark.sparkContext, "a SparkContext"),
                        (frame, "a DataFrame")):
        with pytest.raises(UsageError) as raised:
            SparkStore(value)
        assert raised.value.render().splitlines()[0] == (
            "leadrules: error: SparkStore needs a SparkSession (classic or Spark Connect), "
            f"not {what}")
    with pytest.raises(UsageError, match=r"df\.sparkSession"):
        SparkStore(frame)


def test_escaped_string_literals_is_set_back_to_the_default() -> None:
    """With spark.sql.parser.escapedStringLiterals=true a bound pattern's backslashes
    reached RLIKE doubled and matched nothing: the store sets it back (docs/spark.md)."""
    spark = spark_session.session()
    leads = [{"id": "a", "title": "plan 7b9"}, {"id": "b", "title": "plan b"},
             {"id": "c", "title": "a\\d"}]
    memory = MemoryStore(leads, {})
    rules = lr.parse('segment digits {\n  match title matches "\\\\d[a-z]\\\\d"\n}\n'
                     'segment slash {\n  match title contains "\\\\"\n}\n')
    # Hand-computed: only 'plan 7b9' has digit-letter-digit; only 'a\d' a backslash.
    assert rules.segment("digits").select(memory, AS_OF) == ["a"]
    assert rules.segment("slash").select(memory, AS_OF) == ["c"]
    spark.conf.set("spark.sql.parser.escapedStringLiterals", "true")
    try:
        store, _oracle = spark_session.load(memory, "escaped")
        assert str(spark.conf.get("spark.sql.parser.escapedStringLiterals")).lower() == "false"
        assert rules.segment("digits").select(store, AS_OF) == ["a"]
        assert rules.segment("slash").select(store, AS_OF) == ["c"]
    finally:
        spark.conf.set("spark.sql.parser.escapedStringLiterals", "false")


# From tests/test_mapped_values.py (ISO text as applications keep it), here so that
# it runs in the worker that holds the suite's one Spark session.
def test_mapped_iso_text_on_spark_in_another_zone() -> None:
    """The suite's session (zone America/Los_Angeles: west of UTC); a few texts."""
    import uuid

    from tests.test_mapped_values import AS_OF, MAPPING, UTC, _oracle
    spark = spark_session.session()
    texts = ["2026-11-01", "2026-11-19T10:00:00+0900", "2026-11-19 10:00:00 EST",
             " 2026-11-19T10:00Z ", "2026-11-19T24:00:00", "2026-02-30",
             "2026-11-19T10:00:00.1234567Z", "0001-01-01T00:00:00+01:00"]
    want = {"s0": dt.datetime(2026, 11, 1, tzinfo=UTC), "s1": dt.datetime(2026, 11, 19, 1,
                                                                           tzinfo=UTC),
            "s2": None, "s3": dt.datetime(2026, 11, 19, 10, tzinfo=UTC), "s4": None,
            "s5": None, "s6": None, "s7": None}
    assert {i: (_oracle(t) if w is not None else None)
            for (i, w), t in zip(want.items(), texts, strict=True)} == want
    name = f"mapread_{uuid.uuid4().hex[:8]}"
    rows = [(f"s{i}", t) for i, t in enumerate(texts)]
    spark.createDataFrame(rows, "cid string, made string").createOrReplaceTempView(name)
    spark.createDataFrame([(i, t, "/p") for i, t in rows],
                          "cid string, seen string, p string").createOrReplaceTempView(
        name + "_v")
    mapping = {"lead": {**MAPPING["lead"], "table": name},
               "tracking": {**MAPPING["tracking"], "table": name + "_v"}}
    store = SparkStore(spark, mapping=mapping)
    assert {i: store.lead(i)["created_at"] for i in want} == want
    rules = lr.parse("segment seen { 1: tracking exists\n match 1 }\n")
    assert rules.segment("seen").select(store, AS_OF) == ["s0", "s1", "s3"]
