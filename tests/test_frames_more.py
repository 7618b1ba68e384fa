"""Frames and records: nanoseconds, NaT / NaN, mapping= that is no mapping, frame
columns the schema does not know, hints for frames, unreadable columns, empty text
datetimes (tests/test_frames_more.py)."""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import leadrules as lr
from leadrules.values import to_datetime

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
TEXTS = ["2026-11-19 10:00:00.123456789", "1969-12-31 23:59:59.999999999",
         "1900-01-01 00:00:00.000000001"]


def _micros_oracle(ns: int) -> dt.datetime:
    """The instant of ``ns`` nanoseconds since 1970 with the nanoseconds dropped:
    floor division by 1000, by hand."""
    return EPOCH + dt.timedelta(microseconds=ns // 1000)


def _ns_values() -> list[int]:
    # Hand-computed: 2026-11-19T10:00:00Z is 1795082400 s since 1970.
    return [1_795_082_400_123_456_789, -1, -2_208_988_800_000_000_000 + 1]


def _frames(kind: str, naive: bool) -> tuple[Any, Any]:
    ts = pd.Series(pd.to_datetime(TEXTS, utc=True))
    assert [int(t.value) for t in ts] == _ns_values()
    if naive:
        ts = ts.dt.tz_localize(None)
    leads = pd.DataFrame({"id": ["A", "B", "C"], "created_at": ts})
    views = pd.DataFrame({"lead_id": ["A", "B", "C"], "occurred_at": ts})
    if kind == "polars":
        return pl.from_pandas(leads), pl.from_pandas(views)
    if kind == "pyarrow":
        return pa.Table.from_pandas(leads), pa.Table.from_pandas(views)
    return leads, views


@pytest.mark.parametrize("copy", [True, False])
@pytest.mark.parametrize("naive", [False, True])
@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow"])
def test_nanoseconds_are_dropped_by_every_frame_type(kind: str, naive: bool, copy: bool
                                                     ) -> None:
    leads, views = _frames(kind, naive)
    store = lr.open_store({"lead": leads, "tracking": views}, copy=copy)
    expected = [_micros_oracle(n) for n in _ns_values()]
    assert [store.lead(i)["created_at"] for i in "ABC"] == expected
    assert [store.events_of(i)["tracking"][0]["occurred_at"] for i in "ABC"] == expected


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow", "memory"])
def test_as_of_an_events_own_nanosecond_time_counts_the_event(kind: str) -> None:
    ts = pd.Series(pd.to_datetime(["2026-11-19 10:00:00.123456789"], utc=True))
    rule = lr.parse("segment s { 1: tracking exists }").segment("s")
    if kind == "memory":
        store: Any = lr.MemoryStore([{"id": "A"}], {"tracking": [
            {"lead_id": "A", "occurred_at": ts[0]}]})
    else:
        leads, views = pd.DataFrame({"id": ["A"]}), pd.DataFrame(
            {"lead_id": ["A"], "occurred_at": ts})
        if kind == "polars":
            leads, views = pl.from_pandas(leads), pl.from_pandas(views)
        elif kind == "pyarrow":
            leads, views = pa.Table.from_pandas(leads), pa.Table.from_pandas(views)
        store = lr.open_store({"lead": leads, "tracking": views})
    assert rule.select(store, ts.max()) == ["A"]


@pytest.mark.parametrize("ns", _ns_values())
def test_a_pandas_timestamp_becomes_a_plain_datetime_without_its_nanoseconds(ns: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        aware = to_datetime(pd.Timestamp(ns, tz="UTC"))
        tokyo = to_datetime(pd.Timestamp(ns, tz="UTC").tz_convert("Asia/Tokyo"))
        naive = to_datetime(pd.Timestamp(ns))
        numpy = to_datetime(np.datetime64(ns, "ns"))
    for value in (aware, tokyo, naive, numpy):
        assert type(value) is dt.datetime
        assert value == _micros_oracle(ns)
        assert value.tzinfo is dt.UTC


@pytest.mark.parametrize("nat", [pd.NaT, np.datetime64("NaT"), np.datetime64("NaT", "ns"),
                                 pd.NA])
def test_nat_in_records_is_missing(nat: Any) -> None:
    store = lr.MemoryStore([{"id": "A", "created_at": nat, "email": nat, "employees": nat,
                             "is_competitor": nat, "tags": nat}])
    lead = store.lead("A")
    assert [lead[f] for f in ("created_at", "email", "employees", "is_competitor", "tags")] \
        == [None] * 5


def test_records_of_a_frame_with_nat_load() -> None:
    leads = pd.DataFrame({"id": ["A", "B"],
                          "created_at": pd.to_datetime(["2026-01-01", None], utc=True)})
    store = lr.MemoryStore(leads.to_dict("records"))
    assert store.lead("A")["created_at"] == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert store.lead("B")["created_at"] is None
    assert lr.parse("segment s { 1: lead { created_at exists } }").segment("s").matches(
        leads.iloc[1].to_dict(), "2026-11-20") is False


@pytest.mark.parametrize(("field", "message"), [
    ("email", "nan (NaN) is not text"), ("employees", "nan (NaN) is not a number"),
    ("is_competitor", "nan (NaN) is not true or false"),
    ("created_at", "nan (NaN) is not a date or datetime"),
    ("tags", "nan (NaN) is not a list of text")])
def test_nan_in_records_is_refused_naming_nan_and_the_fix(field: str, message: str) -> None:
    with pytest.raises(lr.DataError) as caught:
        lr.MemoryStore([{"id": "A", field: float("nan")}])
    d = caught.value.diagnostics[0]
    assert d.message == f"lead record at index 0, field '{field}': {message}"
    assert "NaN is refused, not read as missing" in (d.hint or "")
    assert "df.astype(object).where(df.notna(), None).to_dict('records')" in (d.hint or "")


def test_the_nan_hints_fix_works() -> None:
    df = pd.DataFrame({"id": ["A", "B"], "email": ["a@x", float("nan")],
                       "employees": [3.0, float("nan")]})
    store = lr.MemoryStore(df.astype(object).where(df.notna(), None).to_dict("records"))
    assert (store.lead("B")["email"], store.lead("B")["employees"]) == (None, None)
    assert store.lead("A")["employees"] == 3


@pytest.mark.parametrize("mapping", ["map.toml", ["lead"]])
def test_mapping_that_is_no_mapping_is_refused_by_name(mapping: Any) -> None:
    with pytest.raises(lr.UsageError) as caught:
        lr.open_store({"c": pd.DataFrame({"cid": ["A"]})}, mapping=mapping)
    d = caught.value.diagnostics[0]
    if isinstance(mapping, str):
        assert d.message == ("mapping='map.toml' is a path, not a mapping: read the file "
                             "first, mapping=leadrules.stores.mapping.load('map.toml')")
    else:
        assert d.message.startswith("a mapping is a dict with a dict per schema table, "
                                    "not a list")


def test_a_mapping_file_loaded_as_the_hint_says_opens(tmp_path: Any) -> None:
    path = tmp_path / "map.toml"
    path.write_text('[lead]\ntable = "c"\nid = "cid"\n', encoding="utf-8")
    from leadrules.stores.mapping import load
    store = lr.open_store({"c": pd.DataFrame({"cid": ["A"]})}, mapping=load(path))
    assert store.lead("A")["id"] == "A"
