"""Writes a store cannot take are refused for the reason that holds first: a
store of DataFrames or of the user's own tables takes no writes at all, so it
says so even for a source it does not hold (it said to re-import with a file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import leadrules as lr
from leadrules.errors import DataError, StoreError

EVENT = {"lead_id": "L1", "occurred_at": "2026-11-01T10:00:00Z"}


def test_a_store_of_frames_refuses_any_write_as_read_only() -> None:
    store = lr.open_store({"lead": pd.DataFrame({"id": ["L1"], "email": ["a@x.jp"]})})
    for source in ("application", "tracking"):
        with pytest.raises(StoreError, match="this store reads DataFrames"):
            store.add_events(source, [EVENT])


def test_a_mapped_store_refuses_any_write_as_read_only(tmp_path: Path) -> None:
    path = tmp_path / "own.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (contact_id TEXT, email TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('L1', 'a@x.jp')")
    conn.close()
    mapping = {"lead": {"table": "contacts", "id": "contact_id", "email": "email"}}
    with (lr.SQLiteStore(path, mapping=mapping) as store,
          pytest.raises(StoreError, match="never writes to them")):
        store.add_events("application", [EVENT])


def test_an_imported_store_names_the_file_that_would_add_a_source(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,email\nL1,a@x.jp\n", encoding="utf-8")
    lr.SQLiteStore.create(tmp_path / "s.db", lr.MemoryStore.from_folder(folder)).close()
    with lr.SQLiteStore(tmp_path / "s.db") as store, pytest.raises(DataError) as info:
        store.add_events("webinar", [EVENT])
    assert "the store has no source 'webinar'" in info.value.render()
    assert "webinar.csv (or webinar.jsonl)" in info.value.render()


def test_an_import_of_a_column_named_like_a_schema_field_in_other_case_says_rename(
        tmp_path: Path) -> None:
    folder = tmp_path / "em"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,Email\nL1,a@x.jp\n", encoding="utf-8")
    with pytest.raises(StoreError) as info:
        lr.SQLiteStore.create(tmp_path / "em.db", lr.MemoryStore.from_folder(folder))
    assert "if the column 'Email' holds it, rename the column to 'email'" in info.value.render()
