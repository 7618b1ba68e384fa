"""Mistakes an analyst makes with the Python API, as they meet them: each is a
clear LeadRulesError (docs/api.md: "Every error caused by input is a
LeadRulesError"), and result tables never give two columns one name."""

from __future__ import annotations

import pandas as pd
import pytest

import leadrules as lr

AS_OF = "2026-11-20"


def test_with_leads_prefixes_a_lead_field_named_like_a_score_column() -> None:
    # The shipped default model has a rule 'unsubscribed', also a lead field.
    store = lr.MemoryStore([{"id": "A", "unsubscribed": True}])
    scores = lr.parse("").scoring("default").score(store, AS_OF)
    table = scores.with_leads(store, ["unsubscribed"])
    assert len(set(table.columns)) == len(table.columns)
    assert "lead.unsubscribed" in table.columns and "unsubscribed" in table.columns
    row = table.to_dicts()[0]
    assert row["lead.unsubscribed"] is True
    assert row["unsubscribed"] == -50  # the default model's rule: -50 when unsubscribed
    assert table.column("lead.unsubscribed") == [True]
    frame = table.to_pandas()
    assert list(frame["unsubscribed"]) == [-50]
    assert table.to_polars()["lead.unsubscribed"].to_list() == [True]


def test_a_declared_lead_field_the_frames_lack_is_refused_as_memory_refuses_it() -> None:
    rules = lr.parse("field lead.revenue number\nsegment t {\n  1: lead { not (revenue >= 5) }\n}")
    frames = lr.open_store({"lead": pd.DataFrame({"id": ["A"], "annual_revenue": [10]})})
    with pytest.raises(lr.UsageError, match=r"lead\.revenue"):
        rules.segment("t").select(frames, AS_OF)
    with pytest.raises(lr.UsageError, match=r"the store has no field lead\.revenue"):
        rules.segment("t").select(lr.MemoryStore([{"id": "A"}]), AS_OF)


def test_data_takes_a_dict_of_frames_and_refuses_one_frame(tmp_path: object) -> None:
    leads = pd.DataFrame({"id": ["A", "B"], "email": ["a@x", None]})
    rules = lr.parse("segment e {\n  match email exists\n}\n", data={"lead": leads})
    assert rules.segment("e").select(rules.store, AS_OF) == ["A"]
    with pytest.raises(lr.UsageError, match="dict of DataFrames"):
        lr.parse("segment e {\n  match email exists\n}\n", data=leads)


def test_names_of_the_wrong_kind_or_type_say_what_they_are() -> None:
    rules = lr.parse("scoring interest {\n  tracking exists => +1\n}\n"
                     "segment hot {\n  match email exists\n}\n")
    with pytest.raises(lr.UsageError, match=r"'interest' is a scoring model") as err:
        rules.segment("interest")
    assert "rules.scoring('interest')" in str(err.value)
    with pytest.raises(lr.UsageError, match=r"'hot' is a segment"):
        rules.scoring("hot")
    for bad in (None, 1):
        with pytest.raises(lr.UsageError):
            rules.segment(bad)  # type: ignore[arg-type]


def test_rules_text_on_one_line_given_to_load_points_to_parse() -> None:
    with pytest.raises(lr.UsageError, match=r"lr\.parse\(text\)"):
        lr.load("segment x { 1: tracking exists }")


def test_table_misuse_is_a_usage_error() -> None:
    store = lr.MemoryStore([{"id": "A"}, {"id": "B"}])
    rules = lr.parse("tiers t using default {\n  HOT: score >= 1000\n}\n")
    table = rules.tiers("t").assign(store, AS_OF)
    with pytest.raises(lr.UsageError, match="did you mean 'tier'"):
        table.column("tierr")
    with pytest.raises(lr.UsageError):
        table.to_pandas("tier")  # type: ignore[arg-type]
    with pytest.raises(lr.UsageError):
        table.to_polars(["tier", "tier"])


def test_empty_tables_convert_with_the_dtypes_of_full_ones() -> None:
    rules = lr.parse("")
    full = rules.scoring("default").score(lr.MemoryStore([{"id": "A"}]), AS_OF).to_pandas()
    empty = rules.scoring("default").score(lr.MemoryStore([]), AS_OF).to_pandas()
    assert len(empty) == 0
    assert empty["lead_id"].dtype == full["lead_id"].dtype
    assert full["lead_id"].dtype != "float64"  # ids are text, empty or not
    assert pd.api.types.is_numeric_dtype(empty["score"])


def test_as_of_errors_quote_the_text_as_written() -> None:
    rules = lr.parse("segment e {\n  match email exists\n}\n")
    with pytest.raises(lr.UsageError, match="'yesterday'"):
        rules.segment("e").select(lr.MemoryStore([{"id": "A"}]), "yesterday")
