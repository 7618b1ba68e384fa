"""Frames read blank datetime texts and missing event times as a folder does
(docs/data.md, docs/stores.md "DataFrames"): a blank lead datetime is missing,
an event without its time is refused with the frame, column and row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

import leadrules as lr

AS_OF = "2026-11-01"


@pytest.mark.parametrize("library", ["pandas", "polars"])
@pytest.mark.parametrize("copy", [True, False])
def test_a_blank_lead_datetime_is_missing_as_in_a_folder(library: str, copy: bool,
                                                         tmp_path: Path) -> None:
    data = {"id": ["A", "B", "C"], "created_at": ["2026-01-01", "", "  "]}
    frame = pd.DataFrame(data) if library == "pandas" else pl.DataFrame(data)
    store = lr.open_store({"lead": frame}, copy=copy)
    (tmp_path / "lead.csv").write_text("id,created_at\nA,2026-01-01\nB,\nC,  \n",
                                       encoding="utf-8")
    folder = lr.MemoryStore.from_folder(tmp_path)
    for lead in "ABC":
        assert store.lead(lead)["created_at"] == folder.lead(lead)["created_at"]
    assert store.lead("A")["created_at"] == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert store.lead("B")["created_at"] is None and store.lead("C")["created_at"] is None
    rules = lr.parse("segment s {\n  match created_at exists\n}\n")
    assert rules.segment("s").select(store, AS_OF) == ["A"]


@pytest.mark.parametrize("missing", [None, "", "  ", pd.NaT])
def test_an_event_without_its_time_is_refused(missing: object) -> None:
    leads = pd.DataFrame({"id": ["A"]})
    events = pd.DataFrame({"lead_id": ["A", "A"],
                           "occurred_at": ["2026-01-01T00:00:00Z", missing],
                           "path": ["/a", "/b"]})
    with pytest.raises(lr.DataError) as err:
        lr.open_store({"lead": leads, "tracking": events})
    message = str(err.value)
    assert ("the 'tracking' frame's column 'occurred_at' has no value in row 1, "
            "counting from 0") in message
    assert "dropna(subset=['occurred_at'])" in message
