"""The errors of ``lr.open_store({...})`` over DataFrames, as a new user making the
mistake meets them: a plural key, an id in the index, a column twice, a MultiIndex,
names that need a mapping.  Each names the user's frame and says what to do; none
is a DuckDB traceback or names a column leadrules adds itself."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

import leadrules as lr
from leadrules.errors import UsageError
from leadrules.stores.layout import FRAME_ROW

LEADS = pd.DataFrame({"id": ["L1", "L2"], "email": ["ann@example.com", "bo@example.com"]})
VIEWS = pd.DataFrame({"lead_id": ["L1"], "path": ["/pricing"],
                      "occurred_at": pd.to_datetime(["2026-11-18T09:00:00Z"], utc=True)})


def _refusal(frames: Any, **kwargs: Any) -> tuple[str, str]:
    """The first line of the error (its message) and its hint."""
    with pytest.raises(UsageError) as raised:
        lr.open_store(frames, **kwargs)
    diagnostic = raised.value.diagnostics[0]
    first = raised.value.render().splitlines()[0]
    assert first.startswith("leadrules: error: ")
    return first.removeprefix("leadrules: error: "), diagnostic.hint or ""


@pytest.mark.parametrize("key", ["leads", "Leads", "leads_df"])
def test_a_key_near_lead_is_named_as_no_table_of_the_schema(key: str) -> None:
    """``{"leads": df}`` names the key the user wrote and suggests the table meant
    (it used to suggest 'leads' for 'lead', backwards)."""
    message, hint = _refusal({key: LEADS, "tracking": VIEWS})
    assert message == (f"open_store: the dict of frames has a key '{key}' that is no table "
                       "of the schema: did you mean 'lead'?")
    assert "lead, tracking, application, activity, mail" in hint


@pytest.mark.parametrize("copy", [True, False])
def test_a_lead_id_in_the_index_hints_reset_index(copy: bool) -> None:
    message, hint = _refusal({"lead": LEADS.set_index("id")}, copy=copy)
    assert message == ("open_store: the 'lead' frame has no column 'id': 'id' is its index, "
                       "which DuckDB does not read")
    assert "df.reset_index()" in hint


def test_an_events_lead_id_in_a_multiindex_hints_reset_index() -> None:
    views = VIEWS.set_index(["lead_id", "path"])
    message, hint = _refusal({"lead": LEADS, "tracking": views})
    assert message == ("open_store: the 'tracking' frame has no column 'lead_id': 'lead_id' is "
                       "its index, which DuckDB does not read")
    assert "df.reset_index()" in hint


def test_a_mapped_column_in_the_index_hints_reset_index() -> None:
    contacts = LEADS.rename(columns={"id": "contact_id"}).set_index("contact_id")
    message, hint = _refusal({"contacts": contacts},
                             mapping={"lead": {"table": "contacts", "id": "contact_id"}})
    assert "contact_id" in message
    assert "df.reset_index()" in hint


@pytest.mark.parametrize("copy", [True, False])
def test_a_column_twice_is_refused_naming_the_frame_and_column(copy: bool) -> None:
    """DuckDB would read the second as ``email_1`` and rules would see the first."""
    twice = LEADS.assign(x=["a", "b"])
    twice.columns = pd.Index(["id", "email", "email"])
    message, hint = _refusal({"lead": twice}, copy=copy)
    assert message == ("open_store: the 'lead' frame has the column 'email' 2 times "
                       "(columns 1 and 2, counting from 0)")
    assert "df.columns.duplicated()" in hint


def test_a_column_twice_is_refused_with_a_mapping_too() -> None:
    twice = LEADS.rename(columns={"id": "contact_id"}).assign(x=["a", "b"])
    twice.columns = pd.Index(["contact_id", "email", "email"])
    message, _ = _refusal({"contacts": twice},
                          mapping={"lead": {"table": "contacts", "id": "contact_id"}})
    assert message.startswith("open_store: the 'contacts' frame has the column 'email' 2 times")


def test_columns_that_differ_only_in_case_are_refused() -> None:
    """DuckDB's column names ignore case: 'Email' and 'email' are one name to it."""
    message, _ = _refusal({"lead": LEADS.assign(Email=["x", "y"])})
    assert message == ("open_store: the 'lead' frame has the columns 'email' and 'Email', "
                       "one name to DuckDB (its column names ignore case)")


def test_an_arrow_table_with_a_column_twice_is_refused() -> None:
    table = pa.table([pa.array(["L1"]), pa.array(["a"]), pa.array(["b"])],
                     names=["id", "email", "email"])
    message, _ = _refusal({"lead": table})
    assert message == ("open_store: the 'lead' frame has the column 'email' 2 times "
                       "(columns 1 and 2, counting from 0)")


@pytest.mark.parametrize("copy", [True, False])
def test_multiindex_columns_speak_of_the_users_frame(copy: bool) -> None:
    frame = LEADS.copy()
    frame.columns = pd.MultiIndex.from_tuples([("crm", "id"), ("crm", "email")])
    message, hint = _refusal({"lead": frame}, copy=copy)
    assert FRAME_ROW not in message + hint
    assert message == ("open_store: the 'lead' frame's columns are a MultiIndex "
                       "(('crm', 'id'), ('crm', 'email')): each column needs one name")
    assert "get_level_values" in hint


def test_a_multiindex_index_holding_the_id_hints_reset_index() -> None:
    frame = LEADS.assign(n=[1, 2]).set_index(["id", "n"])
    message, hint = _refusal({"lead": frame})
    assert FRAME_ROW not in message + hint
    assert message.endswith("'id' is its index, which DuckDB does not read")
    assert "df.reset_index()" in hint


def test_a_frame_that_needs_a_mapping_shows_the_python_mapping() -> None:
    contacts = LEADS.rename(columns={"id": "contact_id"})
    message, hint = _refusal({"contacts": contacts})
    assert message == "open_store: the dict of frames has no 'lead' frame (it has contacts)"
    shown = ('lr.open_store({"contacts": df}, mapping={"lead": {"table": "contacts", '
             '"id": "contact_id", "email": "email"}})')
    assert shown in hint
    # What the hint shows works, the frame's fields kept (a mapping's unmapped
    # fields are missing).
    with lr.open_store({"contacts": contacts}, mapping={
            "lead": {"table": "contacts", "id": "contact_id", "email": "email"}}) as store:
        assert store.stored_schema.lead.field("email") is not None


def test_a_lead_frame_whose_id_has_another_name_shows_the_python_mapping() -> None:
    message, hint = _refusal({"lead": LEADS.rename(columns={"id": "contact_id"})})
    assert message == "open_store: the 'lead' frame has no column 'id' (it has contact_id, email)"
    assert 'df.rename(columns={"contact_id": "id"})' in hint
    assert ('mapping={"lead": {"table": "lead", "id": "contact_id", "email": "email"}}'
            in hint)


def test_an_event_frame_with_other_names_shows_the_python_mapping() -> None:
    visits = VIEWS.rename(columns={"lead_id": "contact", "occurred_at": "ts"})
    message, hint = _refusal({"lead": LEADS, "tracking": visits})
    assert message.startswith("open_store: the 'tracking' frame has no column 'lead_id'")
    assert ('mapping={"lead": {"table": "lead", "id": "id", "email": "email"}, "tracking": '
            '{"table": "tracking", "lead_id": "COLUMN", "occurred_at": "COLUMN", '
            '"path": "path"}}') in hint


def test_the_internal_row_number_mapped_as_a_column_is_named_in_dict_words() -> None:
    frames = {"contacts": pd.DataFrame({"cid": ["a"]}),
              "views": pd.DataFrame({"cid": ["a"], "at": pd.to_datetime(["2026-01-01"], utc=True)})}
    mapping = {"lead": {"table": "contacts", "id": "cid"},
               "tracking": {"table": "views", "lead_id": "cid", "occurred_at": "at",
                            "path": "leadrules_row"}}
    with pytest.raises(UsageError) as info:
        lr.open_store(frames, mapping=mapping)
    first = str(info.value).splitlines()[0]
    assert first == ("leadrules: error: mapping['tracking']['path'] = 'leadrules_row': that is "
                     "the row number leadrules gives each frame, not a column of yours")
