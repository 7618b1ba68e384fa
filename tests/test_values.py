"""Typed values: each field type's coercion of good, missing and bad raw values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadrules.schema import DEFAULT_SCHEMA, FieldType
from leadrules.values import (
    CoercionError,
    RecordError,
    coerce,
    converter,
    csv_formatter,
    json_formatter,
    normalizer,
    to_bool,
    to_datetime,
    to_number,
    to_text,
    to_text_list,
)

JST = timezone(timedelta(hours=9))


# --------------------------------------------------------------------- text


@pytest.mark.parametrize(("raw", "expected"), [
    ("abc", "abc"),
    ("  padded  ", "  padded  "),       # text is kept as written
    ("部長", "部長"),
    (123, "123"),                        # JSON ids such as 123
    (1.5, "1.5"),
    (True, "true"),
    (False, "false"),
])
def test_text_accepts_strings_numbers_and_bools(raw: Any, expected: str) -> None:
    assert to_text(raw) == expected


@pytest.mark.parametrize("raw", ["", None])
def test_empty_text_is_missing(raw: Any) -> None:
    assert to_text(raw) is None


@pytest.mark.parametrize("raw", [["a"], {"a": 1}, float("nan"), object()])
def test_text_refuses_lists_objects_and_nan(raw: Any) -> None:
    with pytest.raises(CoercionError, match="is not text"):
        to_text(raw)


# ------------------------------------------------------------------- number


@pytest.mark.parametrize(("raw", "expected"), [
    ("12", 12), ("-3", -3), ("+4", 4), ("007", 7), (" 7 ", 7),
    ("3.5", 3.5), (".5", 0.5), ("1e3", 1000.0), ("-2.5E-1", -0.25),
    (12, 12), (2.5, 2.5), (Decimal("2.5"), 2.5),
])
def test_number_parses_ints_and_floats(raw: Any, expected: float) -> None:
    value = to_number(raw)
    assert value == expected
    assert type(value) is type(expected)


def test_integer_text_gives_int_and_decimal_text_gives_float() -> None:
    assert type(to_number("10")) is int
    assert type(to_number("10.0")) is float


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty_number_is_missing(raw: Any) -> None:
    assert to_number(raw) is None


@pytest.mark.parametrize("raw", [
    "12a", "1,234", "NaN", "nan", "inf", "-Infinity", "1_000", "true", "1e999", "１２",
    True, False, float("nan"), float("inf"), [1], "0x10",
])
def test_number_refuses_everything_else(raw: Any) -> None:
    with pytest.raises(CoercionError):
        to_number(raw)


def test_number_error_names_the_value_and_hints_at_thousands_separators() -> None:
    with pytest.raises(CoercionError) as caught:
        to_number("1,234")
    assert caught.value.message == "'1,234' is not a number"
    assert caught.value.hint is not None and "thousands" in caught.value.hint


# --------------------------------------------------------------------- bool


@pytest.mark.parametrize(("raw", "expected"), [
    ("true", True), ("false", False), ("TRUE", True), ("False", False), (" true ", True),
    (True, True), (False, False),
])
def test_bool_reads_true_and_false(raw: Any, expected: bool) -> None:
    assert to_bool(raw) is expected


@pytest.mark.parametrize("raw", ["", "  ", None])
def test_empty_bool_is_missing(raw: Any) -> None:
    assert to_bool(raw) is None


@pytest.mark.parametrize("raw", ["1", "0", "yes", "no", "ture", 1, 0, 1.0, ["true"]])
def test_bool_refuses_anything_but_true_and_false(raw: Any) -> None:
    with pytest.raises(CoercionError) as caught:
        to_bool(raw)
    assert caught.value.hint == "write true or false"


# ----------------------------------------------------------------- datetime


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
         microsecond: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=UTC)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-01-31T09:00:00+09:00", _utc(2026, 1, 31, 0, 0)),
    ("2026-01-31T09:00:00Z", _utc(2026, 1, 31, 9, 0)),
    ("2026-01-31T09:00:00", _utc(2026, 1, 31, 9, 0)),            # no offset = UTC
    ("2026-01-31 09:00", _utc(2026, 1, 31, 9, 0)),
    ("2026-01-31T09:00:00.250-05:00", _utc(2026, 1, 31, 14, 0, 0, 250000)),
    ("2026-01-31", _utc(2026, 1, 31)),                           # a bare date: 00:00 UTC
    (" 2026-01-31 ", _utc(2026, 1, 31)),
    (datetime(2026, 1, 31, 9, 0), _utc(2026, 1, 31, 9, 0)),      # naive = UTC
    (datetime(2026, 1, 31, 9, 0, tzinfo=JST), _utc(2026, 1, 31, 0, 0)),
    (date(2026, 1, 31), _utc(2026, 1, 31)),
])
def test_datetime_reads_iso_8601_and_converts_to_utc(raw: Any, expected: datetime) -> None:
    value = to_datetime(raw)
    assert value == expected
    assert value is not None and value.tzinfo is UTC


def test_plus_nine_hours_is_converted_to_the_utc_wall_clock() -> None:
    value = to_datetime("2026-04-01T08:30:00+09:00")
    assert value is not None
    assert (value.year, value.month, value.day, value.hour, value.minute) == (2026, 3, 31, 23, 30)
    assert value.utcoffset() == timedelta(0)


@pytest.mark.parametrize("raw", ["", "  ", None])
def test_empty_datetime_is_missing(raw: Any) -> None:
    assert to_datetime(raw) is None


@pytest.mark.parametrize("raw", [
    "31/01/2026", "2026-13-01", "2026-01-32", "yesterday", "2026-01-31T25:00", 12345, True, [],
])
def test_datetime_refuses_anything_else(raw: Any) -> None:
    with pytest.raises(CoercionError) as caught:
        to_datetime(raw)
    assert caught.value.hint is not None and "ISO-8601" in caught.value.hint


# ------------------------------------------------------------ list of text


@pytest.mark.parametrize(("raw", "expected"), [
    ("vip", ("vip",)),
    ("vip|seminar", ("vip", "seminar")),
    (" vip | seminar ||", ("vip", "seminar")),   # items stripped, empty parts dropped
    ("展示会|VIP", ("展示会", "VIP")),
    (["vip", " seminar "], ("vip", "seminar")),
    (("a", "", "b"), ("a", "b")),
    (["x", 1], ("x", "1")),
    ({"b", "a"}, ("a", "b")),                    # a set has no order: sorted
    (["dup", "dup"], ("dup", "dup")),
])
def test_tags_split_on_bar_or_come_from_lists(raw: Any, expected: tuple[str, ...]) -> None:
    assert to_text_list(raw) == expected


@pytest.mark.parametrize("raw", ["", "|", " | ", [], ["", "  "], None])
def test_empty_tags_are_missing(raw: Any) -> None:
    assert to_text_list(raw) is None


@pytest.mark.parametrize("raw", [["a|b"], [["a"]], [{"a": 1}], 5, {"a": 1}])
def test_tags_refuse_nested_values_and_the_separator(raw: Any) -> None:
    with pytest.raises(CoercionError):
        to_text_list(raw)


# -------------------------------------------------------------- dispatching


def test_a_converter_is_one_function_per_type() -> None:
    assert converter(FieldType.TEXT) is to_text
    assert converter(FieldType.NUMBER) is to_number
    assert converter(FieldType.BOOL) is to_bool
    assert converter(FieldType.DATETIME) is to_datetime
    assert converter(FieldType.TEXT_LIST) is to_text_list
    assert coerce(FieldType.NUMBER, "4") == 4


# ------------------------------------------------------------------ records


def test_a_normalised_record_has_every_field_of_its_table() -> None:
    lead = normalizer(DEFAULT_SCHEMA.lead)({"id": "L1", "employees": "120"})
    assert list(lead) == list(DEFAULT_SCHEMA.lead.field_names)
    assert lead["id"] == "L1" and lead["employees"] == 120
    assert lead["email"] is None and lead["tags"] is None


def test_normalising_reports_every_bad_field_of_a_record() -> None:
    with pytest.raises(RecordError) as caught:
        normalizer(DEFAULT_SCHEMA.lead)({"id": "", "employees": "x", "unsubscribed": "yes"})
    assert [name for name, _ in caught.value.problems] == ["id", "employees", "unsubscribed"]


def test_an_event_needs_lead_id_and_occurred_at() -> None:
    tracking = DEFAULT_SCHEMA.source("tracking")
    assert tracking is not None
    with pytest.raises(RecordError) as caught:
        normalizer(tracking)({"path": "/"})
    problems = dict(caught.value.problems)
    assert set(problems) == {"lead_id", "occurred_at"}
    assert problems["occurred_at"].hint == "every event needs the time it happened"


def test_a_row_normaliser_reads_cells_in_column_order() -> None:
    tracking = DEFAULT_SCHEMA.source("tracking")
    assert tracking is not None
    normalize_row = normalizer(tracking).row_normalizer(["duration", "occurred_at", "lead_id"])
    event = normalize_row(["12", "2026-01-31", "L1"])
    assert event == {"lead_id": "L1", "occurred_at": _utc(2026, 1, 31), "url": None,
                     "path": None, "title": None, "duration": 12, "session": None}
    with pytest.raises(RecordError) as caught:
        normalize_row(["x", "", "L1"])
    assert [name for name, _ in caught.value.problems] == ["occurred_at", "duration"]


def test_field_names_are_safe_in_generated_code() -> None:
    schema = DEFAULT_SCHEMA.extend("lead", {"it's \"odd\"\n": "number"})
    lead = normalizer(schema.lead)({"id": "L1", "it's \"odd\"\n": "3"})
    assert lead["it's \"odd\"\n"] == 3


# ------------------------------------------------------------------ writing

_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1)  # NUL: refused
_VALUES: dict[FieldType, st.SearchStrategy[Any]] = {
    FieldType.TEXT: _text,
    FieldType.NUMBER: (st.integers(-(2**1000), 2**1000)
                       | st.floats(allow_nan=False, allow_infinity=False)),
    FieldType.BOOL: st.booleans(),
    FieldType.DATETIME: st.datetimes(timezones=st.just(UTC)),
    FieldType.TEXT_LIST: st.lists(_text.map(str.strip).filter(lambda t: t and "|" not in t),
                                  min_size=1).map(tuple),
}


@given(st.sampled_from(list(FieldType)).flatmap(
    lambda t: st.tuples(st.just(t), st.none() | _VALUES[t])))
def test_formatting_for_csv_or_json_then_converting_gives_the_value_back(
    case: tuple[FieldType, Any],
) -> None:
    field_type, value = case
    convert = converter(field_type)
    assert convert(csv_formatter(field_type)(value)) == value
    assert convert(json_formatter(field_type)(value)) == value


@pytest.mark.parametrize(("raw", "hint"), [
    ("1,5", "write the decimal point as '.', e.g. 1.5 (not 1,5)"),
    ("-3,25", "write the decimal point as '.'"),
    ("1,234", "without thousands separators"),
    ("12,345,678", "without thousands separators"),
    (float("nan"), "NaN and the infinities are not numbers here"),
    (float("inf"), "NaN and the infinities are not numbers here"),
])
def test_a_number_mistake_gets_the_hint_that_fits_it(raw: Any, hint: str) -> None:
    with pytest.raises(CoercionError) as caught:
        to_number(raw)
    assert hint in (caught.value.hint or "")
