"""CSV and JSON Lines folders: reading, errors that point at the bad cell, writing back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadrules.errors import DataError, UsageError
from leadrules.loaders import detect_format
from leadrules.memory import MemoryStore
from leadrules.schema import DEFAULT_SCHEMA, FieldType
from leadrules.writers import write_csv_folder, write_jsonl_folder

load_folder = MemoryStore.from_folder

LEAD_CSV = """\
id,email,company,employees,is_competitor,nurture_target,created_at,tags
L1,a@example.com,Acme,250,false,TRUE,2025-12-01T09:00:00+09:00,vip|seminar
L2,,Beta,,,,2025-12-02,
L3,c@example.com,"Gamma, Inc.",12.5,true,false,2025-12-03T10:00:00,  展示会 | vip |
"""

TRACKING_CSV = """\
lead_id,occurred_at,path,duration
L1,2026-01-02T00:00:00Z,/pricing,30
L1,2026-01-01T00:00:00Z,/,5
L9,2026-01-01T00:00:00Z,/,5
"""


def _write(folder: Path, files: dict[str, str], *, bom: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    return folder


def _jsonl(*objects: dict[str, Any]) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


def _error(folder: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_folder(folder)
    return caught.value


# ------------------------------------------------------------------ reading


def test_a_csv_folder_loads_typed_values(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path, {"lead.csv": LEAD_CSV, "tracking.csv": TRACKING_CSV}))
    l1, l2, l3 = store.leads()
    assert l1["employees"] == 250 and l3["employees"] == 12.5
    assert (l1["is_competitor"], l1["nurture_target"]) == (False, True)
    assert l1["tags"] == ("vip", "seminar") and l3["tags"] == ("展示会", "vip")
    assert l3["company"] == "Gamma, Inc."
    assert l2["email"] is None and l2["employees"] is None and l2["tags"] is None
    assert l2["is_competitor"] is None


def test_csv_datetimes_without_offset_are_utc_and_offsets_are_converted(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path, {"lead.csv": LEAD_CSV}))
    l1, l2, l3 = store.leads()
    assert l1["created_at"] == datetime(2025, 12, 1, 0, 0, tzinfo=UTC)      # +09:00
    assert l2["created_at"] == datetime(2025, 12, 2, tzinfo=UTC)            # a bare date
    assert l3["created_at"] == datetime(2025, 12, 3, 10, 0, tzinfo=UTC)     # naive
    assert all(lead["created_at"].tzinfo is UTC for lead in store.leads())


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path, {"lead.csv": LEAD_CSV}, bom=True))
    assert store.lead("L1") is not None


def test_events_are_sorted_and_events_of_unknown_leads_ignored(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path, {"lead.csv": LEAD_CSV, "tracking.csv": TRACKING_CSV}))
    assert [e["path"] for e in store.events_of("L1")["tracking"]] == ["/", "/pricing"]
    assert store.events_of("L1")["tracking"][0]["duration"] == 5
    assert [e["lead_id"] for e in store.events("tracking")] == ["L1", "L1"]


def test_a_missing_event_file_means_no_events(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path, {"lead.csv": LEAD_CSV}))
    assert store.events_of("L1") == {s: [] for s in DEFAULT_SCHEMA.source_names}


def test_extra_csv_columns_become_text_fields(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path, {
        "lead.csv": "id,employees,rank\nL1,5,42\nL2,6,\n",
        "mail.csv": "lead_id,occurred_at,kind,subject\nL1,2026-01-01,open,Hello\n",
    }))
    rank = store.schema.lead.field("rank")
    assert rank is not None and rank.type is FieldType.TEXT
    assert [lead["rank"] for lead in store.leads()] == ["42", None]
    assert store.events_of("L1")["mail"][0]["subject"] == "Hello"
    assert store.events_of("L2")["mail"] == []


def test_an_unknown_file_is_a_new_source_of_text_fields(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path, {
        "lead.csv": "id\nL1\n",
        "webinar.csv": "lead_id,occurred_at,topic,minutes\nL1,2026-01-01T10:00:00Z,AI,45\n",
    }))
    webinar = store.schema.source("webinar")
    assert webinar is not None
    assert [(f.name, f.type.value) for f in webinar.fields] == [
        ("lead_id", "text"), ("occurred_at", "datetime"), ("topic", "text"), ("minutes", "text")]
    assert store.events_of("L1")["webinar"] == [{
        "lead_id": "L1", "occurred_at": datetime(2026, 1, 1, 10, tzinfo=UTC),
        "topic": "AI", "minutes": "45"}]


def test_declared_fields_keep_their_type(tmp_path: Path) -> None:
    schema = DEFAULT_SCHEMA.extend("lead", {"rank": "number"})
    store = load_folder(_write(tmp_path, {"lead.csv": "id,rank\nL1,42\n"}), schema)
    assert store.leads()[0]["rank"] == 42


def test_blank_lines_rows_of_empty_cells_and_short_rows(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path, {"lead.csv": "id,email,age\nL1\n\n,,\nL2,b@x.jp\n"}))
    assert [(lead["id"], lead["email"], lead["age"]) for lead in store.leads()] == [
        ("L1", None, None), ("L2", "b@x.jp", None)]


def test_a_lead_file_of_a_header_alone_is_an_empty_store(tmp_path: Path) -> None:
    assert len(load_folder(_write(tmp_path, {"lead.csv": "id,email\n"}))) == 0


def test_a_jsonl_folder_loads_the_same_store_as_the_csv_folder(tmp_path: Path) -> None:
    csv_store = load_folder(_write(tmp_path / "csv", {"lead.csv": LEAD_CSV,
                                                      "tracking.csv": TRACKING_CSV}))
    jsonl = _write(tmp_path / "jsonl", {
        "lead.jsonl": _jsonl(
            {"id": "L1", "email": "a@example.com", "company": "Acme", "employees": 250,
             "is_competitor": False, "nurture_target": True,
             "created_at": "2025-12-01T09:00:00+09:00", "tags": ["vip", "seminar"]},
            {"id": "L2", "email": None, "company": "Beta", "created_at": "2025-12-02"},
            {"id": "L3", "email": "c@example.com", "company": "Gamma, Inc.", "employees": 12.5,
             "is_competitor": "true", "nurture_target": False,
             "created_at": "2025-12-03T10:00:00", "tags": "  展示会 | vip |"},
        ),
        "tracking.jsonl": "\n" + _jsonl(
            {"lead_id": "L1", "occurred_at": "2026-01-02T00:00:00Z", "path": "/pricing",
             "duration": 30},
            {"lead_id": "L1", "occurred_at": "2026-01-01T00:00:00Z", "path": "/", "duration": "5"},
        ) + "\n",
    })
    jsonl_store = load_folder(jsonl)
    assert list(jsonl_store.leads()) == list(csv_store.leads())
    for lead in csv_store.leads():
        assert jsonl_store.events_of(lead["id"]) == csv_store.events_of(lead["id"])


def test_jsonl_extra_keys_become_text_fields(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path, {"lead.jsonl": _jsonl({"id": 1, "rank": 42,
                                                                 "vip": True})}))
    assert store.leads()[0]["id"] == "1"
    assert (store.leads()[0]["rank"], store.leads()[0]["vip"]) == ("42", "true")


# ------------------------------------------------------------ folder format


def test_detect_format_follows_the_lead_file(tmp_path: Path) -> None:
    assert detect_format(_write(tmp_path / "a", {"lead.csv": "id\n"})) == "csv"
    assert detect_format(_write(tmp_path / "b", {"lead.jsonl": "", "notes.txt": ""})) == "jsonl"


def test_a_folder_with_both_lead_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"both lead\.csv and lead\.jsonl"):
        detect_format(_write(tmp_path, {"lead.csv": "id\n", "lead.jsonl": ""}))


def test_a_folder_without_a_lead_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"no lead\.csv or lead\.jsonl") as caught:
        detect_format(_write(tmp_path, {"leads.csv": "id\n"}))
    assert caught.value.hint is not None and "leads.csv" in caught.value.hint


def test_a_folder_mixing_formats_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"mixes CSV and JSON Lines files \(mail.jsonl\)"):
        detect_format(_write(tmp_path, {"lead.csv": "id\n", "mail.jsonl": ""}))


def test_a_path_that_is_not_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="is not a folder"):
        detect_format(tmp_path / "missing")


def test_a_file_not_named_like_a_table_is_an_error(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.csv": "id\n", "lead (1).csv": "id\n"}))
    assert "is not named after a table" in error.first.message


# ---------------------------------------------------------------- bad data


def test_a_bad_value_names_the_file_line_and_column(tmp_path: Path) -> None:
    folder = _write(tmp_path, {"lead.csv": "id,employees\nL1,5\nL2,12a\n"})
    diagnostic = _error(folder).first
    assert diagnostic.file == str(folder / "lead.csv")
    assert diagnostic.line == 3
    assert diagnostic.column is None
    assert diagnostic.message == "lead.csv row 3, column 'employees': '12a' is not a number"


def test_line_numbers_count_multi_line_cells(tmp_path: Path) -> None:
    folder = _write(tmp_path, {
        "lead.csv": "id\nL1\n",
        "activity.csv": ('lead_id,occurred_at,content\n'
                         'L1,2026-01-01,"called,\nleft a ""message""\nfor Mr. Sato"\n'
                         'L1,2026-01-02,ok\n'
                         'L1,2026-13-01,ok\n'),
    })
    diagnostic = _error(folder).first
    assert diagnostic.line == 6
    assert diagnostic.message.startswith("activity.csv row 6, column 'occurred_at': '2026-13-01'")


def test_a_bad_bool_hints_at_true_or_false(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.csv": "id,unsubscribed\nL1,yes\n"}))
    assert error.first.message == (
        "lead.csv row 2, column 'unsubscribed': 'yes' is not true or false")
    assert error.first.hint == "write true or false"


def test_every_bad_value_of_every_file_is_reported(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {
        "lead.csv": "id,age,employees\nL1,x,1\nL2,2,y\n",
        "mail.csv": "lead_id,occurred_at\nL1,later\n",
    }))
    assert [(Path(d.file or "").name, d.line) for d in error.diagnostics] == [
        ("lead.csv", 2), ("lead.csv", 3), ("mail.csv", 2)]


def test_at_most_twenty_problems_are_reported_per_file(tmp_path: Path) -> None:
    rows = "".join(f"L{i},x\n" for i in range(25))
    error = _error(_write(tmp_path, {"lead.csv": "id,age\n" + rows}))
    assert len(error.diagnostics) == 21
    assert error.diagnostics[-1].message == "... and 5 more problems in lead.csv"


def test_a_duplicate_id_names_both_rows(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.csv": "id\nL1\nL2\nL1\n"}))
    assert error.first.line == 4
    assert error.first.message == "lead.csv row 4: duplicate lead id 'L1' (first on row 2)"


def test_a_lead_without_id_is_an_error(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.csv": "id,email\n,a@example.com\n"}))
    assert error.first.message == "lead.csv row 2, column 'id': no value"
    assert error.first.hint == "every lead needs a non-empty id"


def test_an_event_without_occurred_at_is_an_error(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.csv": "id\nL1\n",
                                     "mail.csv": "lead_id,occurred_at,kind\nL1,,open\n"}))
    assert error.first.message == "mail.csv row 2, column 'occurred_at': no value"
    assert error.first.hint == "every event needs the time it happened"


def test_a_file_without_a_required_column_is_an_error(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.csv": "id\nL1\n",
                                     "mail.csv": "lead_id,occured_at,kind\nL1,2026-01-01,open\n"}))
    assert error.first.message == "mail.csv has no 'occurred_at' column"
    assert error.first.line == 1
    assert error.first.hint == ("the file's column 'occured_at' looks like 'occurred_at' "
                                "misspelt: rename it to 'occurred_at'")


def test_bad_headers_are_errors(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.csv": "id,email,email,\nL1,a,b,c\n"}))
    assert [d.message for d in error.diagnostics] == [
        "lead.csv has two columns named 'email'",
        "lead.csv column 4 of the header has no name"]
    assert {d.line for d in error.diagnostics} == {1}


def test_a_row_with_too_many_cells_is_an_error(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.csv": "id,company\nL1,Acme, Inc.\n"}))
    assert error.first.message == "lead.csv row 2 has 3 cells but the header has 2 columns"


def test_malformed_quoting_is_an_error(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.csv": 'id,company\nL1,"Acme\n'}))
    assert "malformed CSV" in error.first.message


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    tmp_path.joinpath("lead.csv").write_bytes("id,company\nL1,株式会社\n".encode("shift_jis"))
    error = _error(tmp_path)
    # The first bad byte: line 2, column 4 (after "L1,"), as for a rules file.
    assert error.first.message == "lead.csv is not UTF-8: byte 0x8a cannot be decoded"
    assert (error.first.line, error.first.column) == (2, 4)
    assert error.first.hint is not None and error.first.hint.startswith(
        "it looks like Shift_JIS; save it as UTF-8 (in Excel: 'CSV UTF-8')")
    tmp_path.joinpath("lead.csv").unlink()
    tmp_path.joinpath("lead.jsonl").write_bytes(b'{"id": "L1"}\n{"id": "\xff"}\n')
    error = _error(tmp_path)
    assert error.first.message == "lead.jsonl is not UTF-8: byte 0xff cannot be decoded"
    assert (error.first.line, error.first.column) == (2, 9)


def test_invalid_json_names_the_file_and_line(tmp_path: Path) -> None:
    folder = _write(tmp_path, {"lead.jsonl": '{"id": "L1"}\n\n{"id": "L2",}\n["L3"]\n'})
    error = _error(folder)
    first, second = error.diagnostics
    assert (first.file, first.line) == (str(folder / "lead.jsonl"), 3)
    assert first.message.startswith("lead.jsonl line 3: invalid JSON")
    assert second.message == "lead.jsonl line 4 is not a JSON object"


def test_a_bad_jsonl_value_names_the_line_and_field(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, {"lead.jsonl": _jsonl({"id": "L1", "tags": [["x"]]})}))
    assert error.first.message.startswith("lead.jsonl line 1, field 'tags': ")
    assert error.first.line == 1


# ------------------------------------------------------------------ writing


def test_writers_round_trip_a_small_store(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path / "in", {"lead.csv": LEAD_CSV,
                                                 "tracking.csv": TRACKING_CSV}))
    write_csv_folder(store, tmp_path / "csv")
    write_jsonl_folder(store, tmp_path / "jsonl")
    for folder in ("csv", "jsonl"):
        again = load_folder(tmp_path / folder)
        assert list(again.leads()) == list(store.leads())
        assert again.events_of("L1") == store.events_of("L1")


def test_writers_take_plain_records(tmp_path: Path) -> None:
    write_csv_folder({"lead": [{"id": "L1", "tags": ["a", "b"]}],
                      "mail": [{"lead_id": "L1", "occurred_at": "2026-01-01", "kind": "open"}]},
                     tmp_path)
    assert (tmp_path / "lead.csv").read_text(encoding="utf-8").splitlines()[1].startswith(
        "L1,") and "a|b" in (tmp_path / "lead.csv").read_text(encoding="utf-8")
    assert (tmp_path / "mail.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "L1,2026-01-01T00:00:00+00:00,,open,")


def test_a_writer_refuses_a_folder_of_the_other_format(tmp_path: Path) -> None:
    _write(tmp_path, {"lead.jsonl": ""})
    with pytest.raises(UsageError, match="already holds other data files"):
        write_csv_folder(MemoryStore(), tmp_path)


_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8)  # NUL: refused
_TAG = _TEXT.filter(lambda t: "|" not in t)
_VALUES: dict[FieldType, st.SearchStrategy[Any]] = {
    FieldType.TEXT: _TEXT,
    FieldType.NUMBER: (st.integers(-(2**1000), 2**1000)
                       | st.floats(allow_nan=False, allow_infinity=False)),
    FieldType.BOOL: st.booleans(),
    FieldType.DATETIME: st.datetimes(
        min_value=datetime(1900, 1, 2), max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=9))])),
    FieldType.TEXT_LIST: st.lists(_TAG, max_size=3),
}
_SCHEMA = DEFAULT_SCHEMA.extend("lead", {"note": "text"}).extend("webinar", {"topic": "text"})


def _records(table_name: str, ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    table = _SCHEMA.table(table_name)
    assert table is not None
    fields: dict[str, st.SearchStrategy[Any]] = {
        f.name: st.none() | _VALUES[f.type] for f in table.fields}
    if table.is_lead:
        return st.fixed_dictionaries({}, optional=fields)
    fields.pop("lead_id")
    fields.pop("occurred_at")
    return st.fixed_dictionaries({"lead_id": st.sampled_from(ids),
                                  "occurred_at": _VALUES[FieldType.DATETIME]}, optional=fields)


@st.composite
def _stores(draw: st.DrawFn) -> MemoryStore:
    ids = draw(st.lists(_TEXT.filter(str.strip), min_size=1, max_size=4, unique=True))
    leads = [{**draw(_records("lead", ids)), "id": lead_id} for lead_id in ids]
    events = {source: draw(st.lists(_records(source, ids), max_size=4))
              for source in _SCHEMA.source_names}
    return MemoryStore(leads, events, schema=_SCHEMA)


def _assert_same(loaded: MemoryStore, store: MemoryStore) -> None:
    assert loaded.schema == store.schema
    assert list(loaded.leads()) == list(store.leads())
    for lead in store.leads():
        assert loaded.events_of(lead["id"]) == store.events_of(lead["id"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_stores())
def test_writing_csv_then_loading_gives_the_same_records(tmp_path: Path,
                                                         store: MemoryStore) -> None:
    folder = tmp_path / "csv"
    for old in folder.glob("*"):
        old.unlink()
    write_csv_folder(store, folder)
    _assert_same(load_folder(folder, _SCHEMA), store)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_stores())
def test_writing_jsonl_then_loading_gives_the_same_records(tmp_path: Path,
                                                           store: MemoryStore) -> None:
    folder = tmp_path / "jsonl"
    for old in folder.glob("*"):
        old.unlink()
    write_jsonl_folder(store, folder)
    _assert_same(load_folder(folder, _SCHEMA), store)


def test_extra_columns_and_new_sources_survive_a_round_trip(tmp_path: Path) -> None:
    store = load_folder(_write(tmp_path / "in", {
        "lead.csv": "id,rank\nL1,\n",
        "webinar.csv": "lead_id,occurred_at,topic\nL1,2026-01-01,\n",
        "survey.csv": "lead_id,occurred_at,answer\n",
    }))
    write_csv_folder(store, tmp_path / "csv")
    assert load_folder(tmp_path / "csv").schema == store.schema
    write_jsonl_folder(store, tmp_path / "jsonl")
    again = load_folder(tmp_path / "jsonl")
    # An empty JSON Lines file cannot name its fields: the new source is kept,
    # its extra fields are not.
    survey = again.schema.source("survey")
    assert survey is not None and survey.field_names == ("lead_id", "occurred_at")
    assert again.schema.lead == store.schema.lead
    assert again.schema.source("webinar") == store.schema.source("webinar")
