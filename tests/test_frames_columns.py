"""The columns of DataFrames given to ``lr.open_store`` as a folder's files would
hold them: extra columns near a field's name, names with spaces around them,
columns DuckDB cannot read, frames a mapping leaves out, and the hints that fix
a column of the wrong type (tests/test_frames_columns.py)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import leadrules as lr
from leadrules.errors import UsageError

AS_OF = "2026-11-20T09:00:00Z"


def _folder(tmp_path: Path, leads: pd.DataFrame) -> Any:
    """The store of a CSV folder holding ``leads`` as its lead.csv (the oracle: the
    folder is what frames are documented to match)."""
    leads.to_csv(tmp_path / "lead.csv", index=False)
    return lr.open_store(tmp_path)


def _refusal(frames: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(UsageError) as raised:
        lr.open_store(frames, **kwargs)
    diagnostic = raised.value.diagnostics[0]
    return diagnostic.message, diagnostic.hint or ""


@pytest.mark.parametrize("copy", [True, False])
@pytest.mark.parametrize("extra", ["mail", "Email", "emial", "Industry", "industr"])
def test_an_extra_column_near_a_field_is_kept_as_a_folder_keeps_it(
        tmp_path: Path, extra: str, copy: bool) -> None:
    """No mapping was written, so a column near a field's name is no misspelt key
    of one: it is a field of its own, as a CSV folder's extra column is (it was
    refused with "'mail' is not a field of lead: did you mean 'email'?")."""
    leads = pd.DataFrame({"id": ["A", "B"], "email": ["a@x.com", None], extra: ["m1", "m2"]}
                         if extra.lower() != "email" else
                         {"id": ["A", "B"], extra: ["m1", "m2"]})
    frames = lr.open_store({"lead": leads}, copy=copy)
    folder = _folder(tmp_path, leads)
    for lead_id in "AB":
        assert frames.lead(lead_id) == folder.lead(lead_id)
    assert frames.lead("A")[extra] == "m1"


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow"])
@pytest.mark.parametrize("copy", [True, False])
def test_spaces_around_a_column_name_are_dropped_as_in_a_csv_header(
        tmp_path: Path, kind: str, copy: bool) -> None:
    """``pd.read_csv`` keeps a header's spaces ('industry '), leadrules' own CSV
    reader drops them: the frame's column holds the field industry, as the file's
    does."""
    leads = pd.DataFrame({" id": ["A", "B"], "industry ": ["saas", "retail"]})
    given: Any = {"pandas": leads, "polars": pl.from_pandas(leads),
                  "pyarrow": pa.Table.from_pandas(leads)}[kind]
    frames = lr.open_store({"lead": given}, copy=copy)
    folder = _folder(tmp_path, leads)
    assert frames.lead("A") == folder.lead("A")
    assert frames.lead("A")["industry"] == "saas"
    rules = lr.parse('segment saas {\n  1: lead { industry = "SaaS" }\n  match 1\n}\n')
    assert rules.segment("saas").select(frames, AS_OF) == ["A"]


def test_two_columns_one_field_but_for_spaces_are_refused_as_in_a_folder(
        tmp_path: Path) -> None:
    leads = pd.DataFrame({"id": ["A"], "industry": ["saas"], "industry ": ["retail"]})
    message, hint = _refusal({"lead": leads})
    assert message == ("open_store: the 'lead' frame has the columns 'industry' and "
                       "'industry ', one field to leadrules (the spaces around a column's "
                       "name are dropped, as a CSV header's are)")
    assert "df.drop(columns=['industry '])" in hint
    # The folder refuses the same header.
    with pytest.raises(lr.DataError, match="two columns named 'industry'"):
        _folder(tmp_path, leads)


def test_columns_differing_only_in_case_hint_a_drop_that_works() -> None:
    leads = pd.DataFrame({"id": ["A"], "email": ["a@x.com"], "Email": ["b@x.com"]})
    _, hint = _refusal({"lead": leads})
    assert "df.drop(columns=['Email'])" in hint
    fixed = eval(hint.split("(", 1)[1].rsplit(")", 1)[0], {"df": leads})
    assert lr.open_store({"lead": fixed}).lead("A")["email"] == "a@x.com"


def test_a_mapping_names_columns_with_spaces_as_they_are() -> None:
    """With mapping= the user names each column: 'industry' and 'industry ' are two."""
    leads = pd.DataFrame({"id": ["A"], "industry": ["saas"], "industry ": ["retail"]})
    store = lr.open_store({"lead": leads}, mapping={
        "lead": {"table": "lead", "id": "id", "industry": "industry ",
                 "sector": "industry"}})
    assert store.lead("A")["industry"] == "retail"
    assert store.lead("A")["sector"] == "saas"


def test_a_users_mapping_still_refuses_a_key_near_an_unmapped_field() -> None:
    """What the user wrote in mapping= is checked as for a database: 'emial' is a
    misspelt 'email', which would be missing for every lead."""
    leads = pd.DataFrame({"id": ["A"], "emial": ["a@x.com"]})
    message, _ = _refusal({"lead": leads},
                          mapping={"lead": {"table": "lead", "id": "id", "emial": "emial"}})
    assert message == ("mapping[\"lead\"][\"emial\"]: 'emial' is not a field of lead: "
                       "did you mean 'email'?")


# ---------------------------------------------------------- frames a mapping leaves out

CONTACTS = pd.DataFrame({"contact_id": ["A", "B"], "email": ["a@x.com", "b@x.com"]})
VIEWS = pd.DataFrame({"lead_id": ["A", "A", "B"], "path": ["/pricing", "/docs", "/pricing"],
                      "occurred_at": pd.to_datetime(["2026-11-18T09:00:00Z",
                                                     "2026-11-18T10:00:00Z",
                                                     "2026-11-19T09:00:00Z"], utc=True)})
LEAD_ONLY = {"lead": {"table": "contacts", "id": "contact_id", "email": "email"}}


def _unread_warning(frames: Any, mapping: Any) -> str:
    with pytest.warns(UserWarning, match="frame is not read") as caught:
        lr.open_store(frames, mapping=mapping)
    messages = [str(w.message) for w in caught if "frame is not read" in str(w.message)]
    assert len(messages) == 1
    return messages[0]


@pytest.mark.parametrize("copy", [True, False])
def test_a_frame_the_mapping_names_no_table_for_is_warned_about(copy: bool) -> None:
    """As a database's table no mapping names, the frame is not read; the user gave
    it, so the warning names it and the mapping's tables (it was dropped silently)."""
    with pytest.warns(UserWarning) as caught:
        store = lr.open_store({"contacts": CONTACTS, "tracking": VIEWS}, mapping=LEAD_ONLY,
                              copy=copy)
    assert [str(w.message).split(";")[0] for w in caught] == [
        "open_store: the 'tracking' frame is not read: the mapping names no table "
        "'tracking' (it maps lead -> 'contacts')"]
    assert not any(store.events_of("A").values())


def test_the_unread_frames_hint_followed_literally_reads_it() -> None:
    message = _unread_warning({"contacts": CONTACTS, "tracking": VIEWS}, LEAD_ONLY)
    fix = message.split("map it as a source (", 1)[1].split("), or", 1)[0]
    assert fix.startswith('mapping["tracking"] = {"table": "tracking", "lead_id": "lead_id", '
                          '"occurred_at": "occurred_at"')
    mapping: dict[str, Any] = dict(LEAD_ONLY)
    exec(fix, {}, {"mapping": mapping})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store = lr.open_store({"contacts": CONTACTS, "tracking": VIEWS}, mapping=mapping)
    rules = lr.parse('segment fans {\n  1: tracking { path = "/pricing" } count >= 1\n'
                     '  match 1\n}\n')
    assert rules.segment("fans").select(store, AS_OF) == ["A", "B"]


def test_an_unread_lead_frame_is_warned_about_without_a_source_hint() -> None:
    message = _unread_warning({"contacts": CONTACTS, "lead": CONTACTS}, LEAD_ONLY)
    assert message == ("open_store: the 'lead' frame is not read: the mapping names no "
                       "table 'lead' (it maps lead -> 'contacts'); leave it out of the dict")


def test_frames_named_by_the_mapping_in_any_case_or_with_a_schema_are_not_warned_about(
        ) -> None:
    mapping = {"lead": {"table": "CONTACTS", "id": "contact_id"},
               "tracking": {"table": "web.views", "lead_id": "lead_id",
                            "occurred_at": "occurred_at"}}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store = lr.open_store({"contacts": CONTACTS, "views": VIEWS}, mapping=mapping)
    assert len(store.events_of("A")["tracking"]) == 2


# ---------------------------------------------------------- columns DuckDB cannot read

def _unreadable(kind: str) -> tuple[Any, str]:
    """A lead frame whose column 'w' DuckDB cannot read, and that column's type."""
    if kind == "complex":
        return pd.DataFrame({"id": ["A", "B"], "w": [1 + 2j, 3j]}), "complex128"
    if kind == "period":
        return (pd.DataFrame({"id": ["A", "B"],
                              "w": pd.period_range("2026-01", periods=2, freq="M")}),
                "period[M]")
    if kind == "arrays":  # an object column of numpy '<U3' arrays
        return (pd.DataFrame({"id": ["A", "B"], "w": [np.array(["abc"]), np.array(["de"])]}),
                "object")
    if kind == "polars-object":
        return (pl.DataFrame({"id": ["A", "B"],
                              "w": pl.Series([np.array(["abc"]), np.array(["de"])],
                                             dtype=pl.Object)}), "Object")
    if kind == "float16":
        return (pa.table({"id": ["A", "B"],
                          "w": pa.array(np.array([1.5, 2], dtype="float16"), pa.float16())}),
                "halffloat")
    assert kind == "decimal256"
    return (pa.table({"id": ["A", "B"], "w": pa.array([1, 2], pa.decimal256(40, 2))}),
            "decimal256(40, 2)")


KINDS = ["complex", "period", "arrays", "polars-object", "float16", "decimal256"]


@pytest.mark.parametrize("copy", [True, False])
@pytest.mark.parametrize("kind", KINDS)
def test_a_column_duckdb_cannot_read_and_no_field_needs_is_left_out_with_a_warning(
        kind: str, copy: bool) -> None:
    """As a column of a type no field has: no rule could read it (the whole frame
    was refused, "'lead' is not a DataFrame … DuckDB can read", naming no column)."""
    leads, dtype = _unreadable(kind)
    with pytest.warns(UserWarning) as caught:
        store = lr.open_store({"lead": leads}, copy=copy)
    messages = [str(w.message) for w in caught if "open_store" in str(w.message)]
    assert len(messages) == 1
    assert messages[0].startswith(
        f"open_store: the 'lead' frame's column 'w' ({dtype}) is left out: DuckDB cannot "
        "read it, and no field needs it; to read it, convert it: ")
    assert "w" not in store.lead("A")
    assert store.lead("B")["id"] == "B"


@pytest.mark.parametrize("kind", KINDS)
def test_the_conversion_the_warning_gives_makes_the_column_readable(kind: str) -> None:
    leads, _ = _unreadable(kind)
    with pytest.warns(UserWarning) as caught:
        lr.open_store({"lead": leads})
    message = next(str(w.message) for w in caught if "open_store" in str(w.message))
    statement = message.split("convert it: ", 1)[1].split(" (its start)")[0]
    namespace = {"df": leads, "table": leads, "pa": pa, "pl": pl}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Polars' advice on map_elements
        exec(statement, namespace)
    fixed = namespace["table" if kind in ("float16", "decimal256") else "df"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store = lr.open_store({"lead": fixed})
    assert store.lead("A")["w"] is not None


@pytest.mark.parametrize("copy", [True, False])
def test_a_field_in_a_column_duckdb_cannot_read_is_refused_naming_it(copy: bool) -> None:
    leads = pd.DataFrame({"id": ["A", "B"], "employees": [1 + 2j, 3j]})
    message, hint = _refusal({"lead": leads}, copy=copy)
    assert message == ("open_store: the 'lead' frame's column 'employees' is complex128, "
                       "which DuckDB cannot read")
    assert hint == "convert it: df['employees'] = df['employees'].astype(str)"


def test_a_column_a_mapping_names_that_duckdb_cannot_read_is_refused_naming_it() -> None:
    leads = pd.DataFrame({"contact_id": ["A", "B"],
                          "joined": pd.period_range("2026-01", periods=2, freq="M")})
    message, hint = _refusal({"contacts": leads}, mapping={
        "lead": {"table": "contacts", "id": "contact_id", "created_at": "joined"}})
    assert message == ("open_store: the 'contacts' frame's column 'joined' is period[M], "
                       "which DuckDB cannot read")
    assert hint == ("convert it: df['joined'] = df['joined'].dt.to_timestamp() (its start), "
                    "or .astype(str)")
    leads["joined"] = leads["joined"].dt.to_timestamp()
    store = lr.open_store({"contacts": leads}, mapping={
        "lead": {"table": "contacts", "id": "contact_id", "created_at": "joined"}})
    assert str(store.lead("B")["created_at"]) == "2026-02-01 00:00:00+00:00"


# ---------------------------------------------------------- hints for a column's type

TAGGED = pd.DataFrame({"id": ["A", "B"], "tags": ["vip|partner", "trial"],
                       "industry ": ["saas", "retail"], "score": [1.5, 2.0]})


def _call_in(hint: str, before: str) -> str:
    """The ``lr.open_store(...)`` call a hint shows after ``before``."""
    call = hint.split(before, 1)[1]
    assert call.startswith("lr.open_store(")
    depth = 0
    for i, char in enumerate(call):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char == ")":
            return call[:i + 1]
    raise AssertionError(hint)


@pytest.mark.parametrize("copy", [True, False])
def test_the_separator_hint_for_frames_followed_as_written_reads_every_frame(
        copy: bool) -> None:
    """The hint used to show only ``mapping["lead"]["tags"] = {…}``: a mapping of
    that one key names no table or id, and one of the lead alone drops the other
    frames.  It is the whole call now."""
    frames = {"lead": TAGGED, "tracking": VIEWS}
    message, hint = _refusal(frames, copy=copy)
    assert message == ("lead.tags is VARCHAR in the frame but lead.tags is list of text in "
                       "the rules (delimited text? declare its separator: \"tags\": "
                       "{\"column\": \"tags\", \"separator\": \"|\"} in mapping=)")
    call = _call_in(hint, "separator (")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store = eval(call, {"lr": lr, "frames": frames})
    assert store.lead("A")["tags"] == ("vip", "partner")
    assert store.lead("A")["industry"] == "saas"
    assert store.lead("B")["score"] == 2.0
    assert [e["path"] for e in store.events_of("A")["tracking"]] == ["/pricing", "/docs"]
    rules = lr.parse('segment vips {\n  1: lead { tags contains "VIP" }\n'
                     '  2: tracking { path = "/docs" } count >= 1\n  match 1 and 2\n}\n')
    assert rules.segment("vips").select(store, AS_OF) == ["A"]


def test_the_separator_hint_for_one_frame_names_it_as_given() -> None:
    _, hint = _refusal({"lead": TAGGED})
    call = _call_in(hint, "separator (")
    assert call.startswith('lr.open_store({"lead": df}, mapping=')
    assert eval(call, {"lr": lr, "df": TAGGED}).lead("A")["tags"] == ("vip", "partner")


def test_the_epoch_hint_for_frames_followed_as_written_reads_the_times() -> None:
    seconds = VIEWS.assign(occurred_at=[1_795_082_400, 1_795_086_000, 1_795_168_800])
    frames = {"lead": TAGGED.drop(columns="tags"), "tracking": seconds}
    _, hint = _refusal(frames)
    store = eval(_call_in(hint, "epoch ("), {"lr": lr, "frames": frames})
    assert [str(e["occurred_at"]) for e in store.events_of("A")["tracking"]] == [
        "2026-11-19 10:00:00+00:00", "2026-11-19 11:00:00+00:00"]


def test_a_column_a_users_mapping_would_refuse_is_left_out_of_the_hint() -> None:
    """'mail' beside no 'email' is kept without a mapping, but a written mapping's key
    'mail' is refused as a misspelt 'email': the hint's mapping leaves it out, so
    that it works."""
    frames = {"lead": TAGGED.assign(mail=["x", "y"])}
    _, hint = _refusal(frames)
    call = _call_in(hint, "separator (")
    assert '"mail"' not in call
    assert eval(call, {"lr": lr, "df": frames["lead"]}).lead("A")["tags"] == (
        "vip", "partner")


def test_a_rule_reading_a_left_out_column_is_told_why_it_is_not_a_field() -> None:
    leads = pd.DataFrame({"id": ["L1"], "w": pd.period_range("2026-01", periods=1, freq="M")})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(lr.CheckError) as info:
            lr.parse("segment s {\n  1: lead { w exists }\n}\n", data={"lead": leads})
    d = info.value.first
    assert "the 'lead' frame's column 'w' (period[M]) was left out" in d.message
    assert "did you mean" not in (d.hint or "") and "convert it" in (d.hint or "")
