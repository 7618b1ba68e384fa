"""More wrong calls, each a UsageError or DataError saying what was given and
what to write, never an AttributeError from inside the library: an ``as_of`` of
another type, the wrong object given to a SparkStore method, Spark objects where
a store or a frame belongs, one string as ``columns=``, frames DuckDB cannot
read as they are, and ``leadrules sql`` on an ordered funnel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import leadrules as lr
from leadrules.errors import DataError, UsageError

RULES = lr.parse("""
segment big { match employees >= 100 }
scoring size { employees >= 100 => +5 }
""")
AS_OF = "2026-11-20T00:00:00Z"


@pytest.fixture(scope="module")
def store() -> lr.MemoryStore:
    return lr.MemoryStore([{"id": "a", "employees": 10, "created_at": "2026-01-01T00:00:00Z"},
                           {"id": "b", "employees": 500,
                            "created_at": "2026-11-20T09:30:00Z"}])


# --- as_of of another type -------------------------------------------------------

def test_numpy_and_pandas_times_are_read_as_the_time_they_hold(store: lr.MemoryStore) -> None:
    import numpy as np
    import pandas as pd
    segment = RULES.segment("big")
    # b is created at 09:30 UTC: an as_of before that does not see it.
    assert segment.select(store, np.datetime64("2026-11-20T09:00")) == []
    assert segment.select(store, np.datetime64("2026-11-20T10:00")) == ["b"]
    assert segment.select(store, np.datetime64("2026-11-20")) == ["b"]  # end of the day
    assert segment.select(store, pd.Timestamp("2026-11-20T09:00")) == []
    assert segment.select(store, pd.Timestamp("2026-11-20T19:00", tz="Asia/Tokyo")) == ["b"]
    # naive: in the evaluation time zone, as a naive datetime is
    assert segment.select(store, np.datetime64("2026-11-20T19:00"),
                          timezone="Asia/Tokyo") == ["b"]
    assert segment.select(store, np.datetime64("2026-11-20T18:00"),
                          timezone="Asia/Tokyo") == []


@pytest.mark.parametrize(("as_of", "said"), [
    (1700000000, "an int is not a time (for a Unix time write "
                 "datetime.datetime.fromtimestamp(1700000000, datetime.UTC))"),
    (1.5, "a float is not a time"),
    (["2026-11-20"], "a list is not a time"),
    (b"2026-11-20", "a bytes is not a time (decode it to a string first)"),
])
def test_an_as_of_of_another_type_names_the_accepted_ones(store: lr.MemoryStore, as_of: Any,
                                                           said: str) -> None:
    with pytest.raises(UsageError) as info:
        RULES.segment("big").select(store, as_of)
    text = str(info.value)
    assert f"bad as-of time {as_of!r}: {said}" in text
    assert "a time is a datetime, a date, an ISO-8601 string" in text
    assert "numpy.datetime64" in text


def test_not_a_time_is_refused_not_read_as_now(store: lr.MemoryStore) -> None:
    import numpy as np
    import pandas as pd
    for nat in (np.datetime64("NaT"), pd.NaT):
        with pytest.raises(UsageError, match=r"NaT \(not a time\) is not an instant"):
            RULES.scoring("size").score(store, nat)


def test_a_since_of_another_type_is_refused_too(store: lr.MemoryStore) -> None:
    with pytest.raises(UsageError, match="an int is not a time"):
        store.timeline("a", since=5)
    assert store.timeline("a", since=dt.date(2025, 1, 1)) is not None


# --- the wrong object given to a SparkStore DataFrame method -----------------------
# Each method checks its rule before any Spark call, so a store without a session
# (made without __init__, which needs one) shows the check: no session is started.

FUNNELS = lr.parse("""
segment hot { match employees >= 100 }
scoring eng { employees >= 100 => +5 }
grading fit { start C
  employees >= 100 => +1 }
tiers follow using eng { hot: score >= 5
  cold: otherwise }
funnel journey { seen: all
  big: employees >= 100 }
""")


@pytest.fixture(scope="module")
def sessionless() -> Any:
    from leadrules.stores.spark import SparkStore
    return SparkStore.__new__(SparkStore)


@pytest.mark.parametrize(("method", "kind"), [
    ("segment_dataframe", "segment"), ("scores_dataframe", "scoring"),
    ("grades_dataframe", "grading"), ("tiers_dataframe", "tiers"),
    ("depths_dataframe", "funnel"), ("chains_dataframe", "funnel"),
])
def test_a_dataframe_method_given_a_name_says_to_pass_the_rule(sessionless: Any, method: str,
                                                               kind: str) -> None:
    with pytest.raises(UsageError) as info:
        getattr(sessionless, method)("hot", AS_OF)
    text = str(info.value)
    assert f"{method} takes a {kind} rule, got the text 'hot'" in text
    assert f"pass the rule, not its name: store.{method}(rules.{kind}('hot'), as_of)" in text


@pytest.mark.parametrize(("method", "given", "said", "own"), [
    ("depths_dataframe", lambda: FUNNELS.tiers("follow"),
     "depths_dataframe takes a funnel rule, got the tiers 'follow'",
     "store.tiers_dataframe(rules.tiers('follow'), as_of)"),
    ("segment_dataframe", lambda: FUNNELS.scoring("eng"),
     "segment_dataframe takes a segment rule, got the scoring 'eng'",
     "store.scores_dataframe(rules.scoring('eng'), as_of)"),
    ("scores_dataframe", lambda: FUNNELS.segment("hot"),
     "scores_dataframe takes a scoring rule, got the segment 'hot'",
     "store.segment_dataframe(rules.segment('hot'), as_of)"),
    ("chains_dataframe", lambda: FUNNELS.grading("fit"),
     "chains_dataframe takes a funnel rule, got the grading 'fit'",
     "store.grades_dataframe(rules.grading('fit'), as_of)"),
])
def test_a_dataframe_method_given_another_kind_of_rule_names_that_kinds_method(
        sessionless: Any, method: str, given: Any, said: str, own: str) -> None:
    with pytest.raises(UsageError) as info:
        getattr(sessionless, method)(given(), AS_OF)
    text = str(info.value)
    assert said in text
    assert f"a {said.rsplit(' ', 2)[1]} has its own method: {own}; this one takes" in text


def test_a_dataframe_method_given_no_rule_says_what_it_takes(sessionless: Any) -> None:
    with pytest.raises(UsageError, match=r"tiers_dataframe takes a tiers rule, got None"):
        sessionless.tiers_dataframe(None, AS_OF)
    with pytest.raises(UsageError, match=r"got an int[\s\S]*rules.segment\('NAME'\)"):
        sessionless.segment_dataframe(3, AS_OF)


# --- Spark objects where a store or a frame belongs --------------------------------
# Refused by their type before anything asks Spark: instances made without a
# session (no session is started) stand for the user's.

def _spark_dataframe() -> Any:
    from pyspark.sql.classic.dataframe import DataFrame
    return object.__new__(DataFrame)


def _spark_session() -> Any:
    from pyspark.sql import SparkSession
    return object.__new__(SparkSession)


SPARK_STORE = "lr.SparkStore(spark, mapping={...})"


def test_a_spark_dataframe_where_the_store_belongs_points_to_sparkstore() -> None:
    for given, said in ((_spark_dataframe(), "got a Spark DataFrame"),
                        ({"lead": _spark_dataframe()}, "got a dict")):
        with pytest.raises(UsageError) as info:
            RULES.segment("big").select(given, AS_OF)
        text = str(info.value)
        assert f"expected a store, {said}" in text
        assert "df.createOrReplaceTempView('lead')" in text and SPARK_STORE in text
        assert "lr.open_store(that_dict)" not in text  # which fails for Spark frames


def test_a_spark_session_where_the_store_belongs_says_open_a_sparkstore_on_it() -> None:
    with pytest.raises(UsageError) as info:
        RULES.scoring("size").score(_spark_session(), AS_OF)
    text = str(info.value)
    assert "expected a store, got a SparkSession" in text
    assert "store = lr.SparkStore(spark)" in text


def test_open_store_given_spark_dataframes_points_to_sparkstore() -> None:
    with pytest.raises(UsageError) as info:
        lr.open_store({"lead": _spark_dataframe()})
    text = str(info.value)
    assert "the 'lead' value is a pyspark.DataFrame, not a frame" in text
    assert SPARK_STORE in text and "df.toPandas()" in text
    with pytest.raises(UsageError) as info:
        lr.open_store(_spark_dataframe())
    assert "cannot open a DataFrame as data" in str(info.value)
    assert SPARK_STORE in str(info.value)


# --- one string as columns= --------------------------------------------------------

def test_one_string_as_columns_is_refused_once_with_the_list_to_write() -> None:
    store = lr.MemoryStore([{"id": "b", "employees": 500, "email": "b@example.com",
                             "company": "B"}])
    segment = RULES.segment("big")
    with pytest.raises(UsageError) as info:
        segment.leads(store, AS_OF, columns="email")
    assert len(info.value.diagnostics) == 1  # not one error per letter
    text = str(info.value)
    assert "columns takes several lead field names, not one string" in text
    assert "columns=['email']" in text
    with pytest.raises(UsageError, match=r"columns=\['email', 'company'\]"):
        segment.leads(store, AS_OF, columns="email, company")
    # What the hint says works.
    assert segment.leads(store, AS_OF, columns=["email"]).rows == (("b", "b@example.com"),)
    # A table's with_leads takes columns= the same way.
    table = segment.leads(store, AS_OF, columns=[])
    with pytest.raises(UsageError) as info:
        table.with_leads(store, columns="email")
    assert len(info.value.diagnostics) == 1 and "columns=['email']" in str(info.value)


# --- leadrules sql on an ordered funnel ------------------------------------------

def test_leadrules_sql_on_an_ordered_funnel_says_what_runs_it(
        tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from leadrules.cli import main
    rules = tmp_path / "t.rules"
    rules.write_text('funnel journey ordered within 14 days {\n'
                     '  seen: tracking { path = "/" }\n'
                     '  priced: tracking { path = "/pricing" }\n}\n', encoding="utf-8")
    assert main(["sql", str(rules), "journey", "--dialect", "spark"]) == 2
    err = capsys.readouterr().err
    assert "ordered funnel 'journey' has no single SQL query" in err
    assert "store.depths_dataframe(rules.funnel('journey'), as_of)" in err
    assert "store.chains_dataframe(" in err
    assert f"leadrules funnel {rules} journey --data DATA" in err
    assert main(["sql", str(rules), "journey", "--dialect", "postgres"]) == 2
    err = capsys.readouterr().err
    assert f"leadrules funnel {rules} journey --data DATA reports it on any store" in err
    assert "depths_dataframe" not in err


# --- frames DuckDB cannot read as they are ----------------------------------------

LEADS = {"id": ["L1", "L2"], "employees": [10, 500]}
VISITS = lr.parse('segment home { 1: tracking { path = "/" } count >= 1\n  match 1 }')


@pytest.mark.parametrize("copy", [True, False])
def test_naive_and_aware_datetimes_in_one_column_name_the_column_and_the_fix(
        copy: bool) -> None:
    import pandas as pd
    views = pd.DataFrame({"lead_id": ["L1", "L2"], "path": ["/", "/p"],
                          "occurred_at": [dt.datetime(2026, 11, 1, 9),
                                          dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)]})
    with pytest.raises(DataError) as info:
        lr.open_store({"lead": pd.DataFrame(LEADS), "tracking": views}, copy=copy)
    text = str(info.value)
    assert ("the 'tracking' frame's column 'occurred_at' holds a naive datetime (row 0) "
            "and an aware datetime (row 1)") in text
    assert "pd.to_datetime(df['occurred_at'], utc=True)" in text
    # What the hint says works.
    views["occurred_at"] = pd.to_datetime(views["occurred_at"], utc=True)
    store = lr.open_store({"lead": pd.DataFrame(LEADS), "tracking": views}, copy=copy)
    assert VISITS.segment("home").select(store, AS_OF) == ["L1"]


@pytest.mark.parametrize("copy", [True, False])
def test_an_empty_pandas_event_frame_reads_as_no_events(copy: bool) -> None:
    import pandas as pd
    empty = pd.DataFrame({"lead_id": [], "occurred_at": [], "path": []})
    store = lr.open_store({"lead": pd.DataFrame(LEADS), "tracking": empty}, copy=copy)
    assert VISITS.segment("home").select(store, AS_OF) == []
    assert RULES.segment("big").select(store, AS_OF) == ["L2"]
    no_leads = lr.open_store({"lead": pd.DataFrame({"id": [], "employees": []})}, copy=copy)
    assert RULES.segment("big").select(no_leads, AS_OF) == []


def test_a_frame_column_of_a_type_no_field_has_is_left_out() -> None:
    import pandas as pd
    leads = pd.DataFrame({**LEADS, "meta": [{"a": 1}, {"a": 2}], "nums": [[1, 2], [3]]})
    store = lr.open_store({"lead": leads})
    assert RULES.segment("big").select(store, AS_OF) == ["L2"]
    fields = [f.name for f in store.schema.table("lead").fields]  # type: ignore[union-attr]
    assert "meta" not in fields and "nums" not in fields
    # Declared in the rules, the column is read, and its type refused by name.
    declared = lr.parse("field lead.meta text\nsegment m { match meta exists }")
    with pytest.raises(UsageError, match=r"lead\.meta is STRUCT"):
        lr.open_store({"lead": leads}, schema=declared.schema)


def test_missing_values_beside_mixed_datetimes_are_not_named_as_a_kind() -> None:
    import pandas as pd
    views = pd.DataFrame({"lead_id": ["L1", "L2", "L1", "L2"], "path": ["/"] * 4,
                          "occurred_at": [None, pd.NaT,
                                          dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC),
                                          dt.datetime(2026, 11, 1, 9)]})
    with pytest.raises(DataError, match=r"holds an aware datetime \(row 2\) and a naive "
                                        r"datetime \(row 3\)"):
        lr.open_store({"lead": pd.DataFrame(LEADS), "tracking": views})
