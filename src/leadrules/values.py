"""Typed values: turning raw data (CSV cells, JSON values, Python objects) into
the in-memory representation every evaluator relies on, and back.

The representation, by field type:

==============  ===========================================================
text            a non-empty ``str``; ``""`` is missing (``None``)
number          an ``int`` or a finite ``float``
bool            ``True`` / ``False``
datetime        an aware ``datetime`` in UTC (``tzinfo=timezone.utc``)
list of text    a non-empty ``tuple`` of non-empty ``str``
==============  ===========================================================

A missing value is always ``None``.  Converters are chosen once per field
(:func:`converter`), never per value, and :class:`TableNormalizer` builds a
whole record's converters once per table.
"""

from __future__ import annotations

import decimal
import functools
import math
import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timezone
from typing import Any

from .schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD_KEY, FieldType, Table

Converter = Callable[[Any], Any]
"""Raw value -> typed value or ``None``; raises :class:`CoercionError`."""


class CoercionError(Exception):
    """A raw value does not fit its field's type.

    Internal: loaders and the store turn it into a :class:`~leadrules.errors.DataError`
    that names the file, row and column (or the table, record and field).
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def describe(value: Any) -> str:
    """A short, quoted rendering of a bad value for an error message."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > 200:
        digits = len(str(abs(value))) if value.bit_length() < 14_000 else "many"
        return f"a number of {digits} digits"
    try:
        text = repr(value)
    except RecursionError:
        return f"a deeply nested {type(value).__name__}"
    return text if len(text) <= 60 else text[:57] + "..."


# ------------------------------------------------------------------- text


NUL = "\x00"
NUL_HINT = ("PostgreSQL cannot store it, so no store takes it; remove it (NUL characters "
            "all through a file usually mean UTF-16: save the file as UTF-8)")


def nul_problem(value: str) -> CoercionError:
    """The error for text holding a NUL character (refused on every store)."""
    return CoercionError(f"{describe(value)} contains a NUL character (U+0000)", hint=NUL_HINT)


def _nul_free(value: str) -> str | None:
    """A CSV cell of a text field, when the file holds a NUL somewhere."""
    if NUL in value:
        raise nul_problem(value)
    return value or None


_FINITE_HINT = ("NaN and the infinities are not numbers here (and a JSON number beyond "
                "±1.8e308 reads as infinity): leave the value out for a missing one")
NAN_HINT = ("NaN is refused, not read as missing (a missing value is None, or a key "
            "left out); pandas writes NaN for a missing value: make records from a "
            "DataFrame with None instead, "
            "df.astype(object).where(df.notna(), None).to_dict('records'), or give "
            "lr.open_store the DataFrame itself, which reads NaN as missing")
_NAN_NUMBER_HINT = f"{_FINITE_HINT}. {NAN_HINT}"


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and value != value


def _missing_marker(value: Any) -> bool:
    """pandas' ``NaT`` and ``NA`` and numpy's ``NaT``: values that mean missing
    and nothing else (unlike NaN, refused: :data:`NAN_HINT`)."""
    kind = type(value)
    if kind.__module__.startswith("pandas") and kind.__name__ in ("NaTType", "NAType"):
        return True
    return (kind.__module__ == "numpy" and kind.__name__ in ("datetime64", "timedelta64")
            and bool(value != value))


def _not_a(value: Any, what: str, hint: str) -> CoercionError:
    """``value`` is not ``what``: NaN named as such, with :data:`NAN_HINT`."""
    if _is_nan(value):
        return CoercionError(f"nan (NaN) is not {what}", hint=NAN_HINT)
    return CoercionError(f"{describe(value)} is not {what}", hint=hint)


def to_text(value: Any) -> str | None:
    """Text: a non-empty string; numbers and bools become their text form.
    Text holding a NUL character is refused (see :data:`NUL_HINT`)."""
    if type(value) is str:
        if NUL in value:
            raise nul_problem(value)
        return value or None
    if value is None:
        return None
    return _text_from_other(value)


def _text_from_other(value: Any) -> str | None:
    if isinstance(value, str):
        return to_text(str(value))
    # Bools are spelled as a CSV cell would spell them, so a JSON Lines file
    # and a CSV file with the same extra column load the same text.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if _missing_marker(value):
        return None
    raise _not_a(value, "text", "a text field holds one string (or a number)")


# ------------------------------------------------------------------ number

# ASCII digits only: int() and float() alone would also take "1_000", "١٢",
# "nan" and "infinity", none of which a user means as a number in a data file.
_INT_RE = re.compile(r"[+-]?[0-9]+\Z")
_FLOAT_RE = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")


def to_number(value: Any) -> int | float | None:
    """Number: an ``int`` or a finite ``float``; text is parsed, ``""`` is missing."""
    kind = type(value)
    if kind is int:
        return _in_range(value)
    if kind is float:
        if math.isfinite(value):
            return value  # type: ignore[no-any-return]
        if value != value:
            raise CoercionError("nan (NaN) is not a number", hint=_NAN_NUMBER_HINT)
        raise CoercionError(f"{describe(value)} is not a finite number", hint=_FINITE_HINT)
    if kind is str:
        return _number_from_text(value)
    if value is None:
        return None
    return _number_from_other(value)


def _number_from_text(value: str) -> int | float | None:
    # The common case first: plain ASCII digits (isdigit alone also takes "²").
    if value.isdigit() and value.isascii() and len(value) < 300:  # < 1e300: a float holds it
        return int(value)
    text = value.strip()
    if not text:
        return None
    if _INT_RE.match(text):
        try:
            return _in_range(int(text))
        except ValueError:  # more digits than Python converts
            raise CoercionError(f"{describe(value)} has too many digits ({len(text)})",
                                hint=_RANGE_HINT) from None
    if _FLOAT_RE.match(text):
        number = float(text)
        if math.isfinite(number):
            return number
        raise CoercionError(f"{describe(value)} is too large a number")
    hint = "write digits with an optional '.' and exponent, e.g. 12, 3.5 or 1e6"
    if re.fullmatch(r"[+-]?[0-9]+,[0-9]+", text.strip()) and not re.fullmatch(
            r"[+-]?[0-9]{1,3}(,[0-9]{3})+", text.strip()):
        hint = "write the decimal point as '.', e.g. 1.5 (not 1,5)"
    elif "," in text:
        hint = "write numbers without thousands separators, e.g. 1234"
    raise CoercionError(f"{describe(value)} is not a number", hint=hint)


_FLOAT_MAX = 2**1024 - 2**970  # the smallest integer float() refuses
_RANGE_HINT = ("numbers are stored as 64-bit floating point (at most about 1.8e308 in size); "
               "keep a longer digit string in a text field")


def _in_range(value: int) -> int:
    """``value`` if a 64-bit float can hold it (every store keeps numbers as one)."""
    if -_FLOAT_MAX < value < _FLOAT_MAX:
        return value
    digits = str(abs(value)) if value.bit_length() < 14_000 else ""
    size = f"{len(digits)} digits" if digits else "too many digits"
    raise CoercionError(f"a number of {size} is too large", hint=_RANGE_HINT)


def _number_from_other(value: Any) -> int | float | None:
    if isinstance(value, bool):
        raise CoercionError(f"{describe(value)} is not a number",
                            hint="a number field holds numbers, not true/false")
    if isinstance(value, str):
        number = _number_from_text(str(value))
        if number is None:
            raise CoercionError("empty text is not a number")
        return number
    if isinstance(value, numbers.Integral):
        return _in_range(int(value))
    if isinstance(value, numbers.Real | decimal.Decimal):
        number = float(value)
        if math.isfinite(number):
            return number
        if number != number:
            raise CoercionError(f"{describe(value)} (NaN) is not a number",
                                hint=_NAN_NUMBER_HINT)
        raise CoercionError(f"{describe(value)} is not a finite number", hint=_FINITE_HINT)
    if _missing_marker(value):
        return None
    raise CoercionError(f"{describe(value)} is not a number")


# -------------------------------------------------------------------- bool


def to_bool(value: Any) -> bool | None:
    """Bool: ``True`` / ``False``, or the text ``true`` / ``false`` in any case."""
    if value is True or value is False:
        return value
    if type(value) is str:
        word = value.strip().lower()
        if word == "true":
            return True
        if word == "false":
            return False
        if not word:
            return None
    elif value is None or _missing_marker(value):
        return None
    # No 1/0 or yes/no: the data format says true/false, and guessing would
    # make a typo such as "ture" silently false.
    raise _not_a(value, "true or false", "write true or false")


# ---------------------------------------------------------------- datetime

_DATETIME_HINT = "write an ISO-8601 date or instant, e.g. 2026-01-31 or 2026-01-31T09:00:00+09:00"


def to_datetime(value: Any) -> datetime | None:
    """Datetime: an aware UTC ``datetime``; naive values and bare dates are UTC.

    A ``pandas.Timestamp`` (a ``datetime`` subclass) or ``numpy.datetime64``
    becomes a plain ``datetime``, its nanoseconds dropped (truncated, as the
    stores of frames drop them); pandas' and numpy's ``NaT`` are missing."""
    if type(value) is datetime:
        return _as_utc(value)
    if type(value) is str:
        return _datetime_from_text(value)
    if value is None:
        return None
    if isinstance(value, datetime):
        return _plain_datetime(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        return _datetime_from_text(str(value))
    kind = type(value)
    if kind.__module__ == "numpy" and kind.__name__ == "datetime64":
        return _from_datetime64(value)
    if _missing_marker(value):
        return None
    raise _not_a(value, "a date or datetime", _DATETIME_HINT)


def _plain_datetime(value: datetime) -> datetime | None:
    """A ``datetime`` subclass (``pandas.Timestamp``) as a plain aware UTC one, what
    it holds below the µs dropped (its ``microsecond`` is truncated already);
    ``NaT``, the only datetime unequal to itself, is missing."""
    if value != value:
        return None
    offset = value.utcoffset()
    plain = datetime(value.year, value.month, value.day, value.hour, value.minute,
                     value.second, value.microsecond,
                     tzinfo=None if offset is None else timezone(offset))
    return _as_utc(plain)


def _from_datetime64(value: Any) -> datetime | None:
    """A ``numpy.datetime64`` (naive, as numpy's are: UTC) to the µs, floored (the
    nanoseconds dropped); ``NaT`` is missing."""
    held = value.astype("datetime64[us]").item()  # numpy floors to the unit
    if held is None:
        return None
    if isinstance(held, datetime):
        return held.replace(tzinfo=UTC)
    raise CoercionError(f"{describe(value)} is outside the instants leadrules represents "
                        "(0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z)",
                        hint="give a later (or earlier) instant")


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is UTC:
        return value
    if value.utcoffset() is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise CoercionError(f"{value.isoformat()!r} is outside the instants leadrules "
                            "represents (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z) "
                            "once converted to UTC",
                            hint="give a later (or earlier) instant, or its UTC form") from None


def _upper_case_hint(text: str) -> str | None:
    """``2026-11-01t09:00:00z`` (RFC 3339 allows lower case): the form that reads."""
    if not any(c in text for c in "tz"):
        return None
    upper = text.upper()
    try:
        if not ISO_PATTERN.fullmatch(upper):
            return None
        datetime.fromisoformat(upper)
    except ValueError:
        return None
    return f"write 'T' and 'Z' in upper case: {upper}"


# The ISO-8601 texts every store reads a datetime as, from a file, from Python or
# from a mapped column (docs/stores.md, "Your own tables"): a valid date,
# optionally a time of day (hours 00-23, seconds and 1-6 decimals optional) and
# an offset (Z, +HH, +HHMM, +HH:MM); leading and trailing white space aside.
# Python's fromisoformat takes more (20261101, 2026-W44-7, 2026-11-01x09:00, a
# decimal comma, 7 decimals cut to 6, and 2026-11-01+09:00 as 09:00 UTC): the
# in-memory reader refuses those, as the mapped engines read them as missing.
# Written in the regex syntax all the engines share (no \d, no lookaround).
_YEAR = "([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"  # 0001-9999
_LEAP = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
ISO_DATE = (f"({_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
            f"|{_YEAR}-(0[13-9]|1[0-2])-(29|30)|{_YEAR}-(0[13578]|1[02])-31|{_LEAP}-02-29)")
ISO_CLOCK = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?"
ISO_OFFSET = "(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)"
ISO_DATETIME = f"^{ISO_DATE}([T ]{ISO_CLOCK}{ISO_OFFSET}?)?$"
"""The whole grammar, anchored (the text stripped of white space first)."""
ISO_PATTERN = re.compile(ISO_DATETIME)


def _not_a_datetime(value: str, text: str) -> CoercionError:
    return CoercionError(f"{describe(value)} is not an ISO-8601 date or datetime",
                         hint=_upper_case_hint(text) or _DATETIME_HINT)


def _in_grammar(text: str) -> bool:
    """Whether ``text``, which ``fromisoformat`` read, is of :data:`ISO_DATETIME`:
    the shapes nearly every file holds by their separators' places (the digits and
    ranges ``fromisoformat`` checked), any other by the whole grammar."""
    n = len(text)
    if text[4:5] == "-" and text[7:8] == "-" and (n == 10 or (
            n in (19, 20, 25) and text[10] in "T " and text[13] == ":" and text[16] == ":"
            and (n == 19 or (n == 20 and text[19] == "Z")
                 or (n == 25 and text[19] in "+-" and text[22] == ":")))):
        return True
    return ISO_PATTERN.fullmatch(text) is not None


def _datetime_from_text(value: str) -> datetime | None:
    # fromisoformat reads every text of the grammar (ISO_DATETIME) and more,
    # which _in_grammar refuses.  Tried on the raw text first: stripping only
    # matters for the rare padded or empty cell.
    text = value
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        text = value.strip()
        if not text:
            return None
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise _not_a_datetime(value, text) from None
    if not _in_grammar(text):
        raise _not_a_datetime(value, text)
    tz = parsed.tzinfo
    if tz is UTC:
        return parsed
    if tz is None:
        return parsed.replace(tzinfo=UTC)
    return _as_utc(parsed)


# ------------------------------------------------------------ list of text

TAG_SEPARATOR = "|"


# Every character str.isspace() accepts lies below this bound (U+3000 IDEOGRAPHIC
# SPACE is the last); scanning the 1.1 million code points instead costs 0.13 s.
# A test checks the bound against the full range.
WHITESPACE_BOUND = 0x3001


@functools.cache
def whitespace() -> str:
    """Every character ``str.strip()`` removes, the space first: what a tag loses
    at its ends (:func:`to_text_list`)."""
    return " " + "".join(c for c in map(chr, range(WHITESPACE_BOUND))
                         if c.isspace() and c != " ")


def to_text_list(value: Any) -> tuple[str, ...] | None:
    """List of text: a tuple of non-empty strings, each stripped; empty is missing.

    Text is split on ``|`` (the CSV spelling); a list, tuple or set gives one
    tag per element (a set's tags are sorted, since it has no order).
    """
    if type(value) is str:
        return _tags_from_text(value)
    if value is None:
        return None
    if isinstance(value, list | tuple):
        items = [_tag(item) for item in value]
    elif isinstance(value, set | frozenset):
        items = sorted(_tag(item) for item in value)
    elif isinstance(value, str):
        return _tags_from_text(str(value))
    elif _missing_marker(value):
        return None
    else:
        raise _not_a(value, "a list of text",
                     "give a list of strings, or text with tags separated by '|'")
    return tuple(item for item in items if item) or None


def _tags_from_text(value: str) -> tuple[str, ...] | None:
    if NUL in value:
        raise nul_problem(value)
    parts = (part.strip() for part in value.split(TAG_SEPARATOR))
    return tuple(part for part in parts if part) or None


def _tag(item: Any) -> str:
    if type(item) is str:
        if NUL in item:
            raise nul_problem(item)
        tag = item.strip()
    elif isinstance(item, list | tuple | set | frozenset | dict):
        raise CoercionError(f"{describe(item)} is not a tag",
                            hint="each element of a list of text is one string")
    else:
        tag = (to_text(item) or "").strip()
    # Refused rather than split, so every stored value writes to CSV and reads
    # back unchanged.
    if TAG_SEPARATOR in tag:
        raise CoercionError(f"tag {describe(item)} contains '|'",
                            hint="'|' separates tags in CSV files, so a tag cannot contain it")
    return tag


# -------------------------------------------------------------- dispatching

_CONVERTERS: dict[FieldType, Converter] = {
    FieldType.TEXT: to_text,
    FieldType.NUMBER: to_number,
    FieldType.BOOL: to_bool,
    FieldType.DATETIME: to_datetime,
    FieldType.TEXT_LIST: to_text_list,
}


def converter(field_type: FieldType) -> Converter:
    """The converter for one field type; pick it once per column."""
    return _CONVERTERS[field_type]


def coerce(field_type: FieldType, value: Any) -> Any:
    """Convert one raw value (convenience; loops should use :func:`converter`)."""
    return _CONVERTERS[field_type](value)


# ------------------------------------------------------------------ records


class RecordError(Exception):
    """Every bad field of one record, as ``(field name, problem)`` pairs."""

    def __init__(self, problems: list[tuple[str, CoercionError]]) -> None:
        super().__init__("; ".join(f"{name}: {p.message}" for name, p in problems))
        self.problems = problems


def _required_fields(table: Table) -> dict[str, CoercionError]:
    if table.is_lead:
        return {LEAD_KEY: CoercionError("no value", hint="every lead needs a non-empty id")}
    return {
        EVENT_LEAD_KEY: CoercionError("no value", hint="every event needs the id of its lead"),
        EVENT_TIME: CoercionError("no value", hint="every event needs the time it happened"),
    }


# The fast path of each type, inlined into a generated record function: the
# value is returned as is when it is already in normal form, and only other
# values pay for a call to the full converter.  "{v}" is the raw value.
_FAST_PATHS: dict[FieldType, str] = {
    FieldType.TEXT: ("None if {v} is None else {v} if type({v}) is str and {v} and NUL not in {v} "
                     "else to_text({v})"),
    FieldType.NUMBER: ("None if {v} is None else {v} if type({v}) is int and -1e308 < {v} < 1e308 "
                       "else to_number({v})"),
    FieldType.BOOL: "{v} if {v} is None or {v} is True or {v} is False else to_bool({v})",
    FieldType.DATETIME: ("None if {v} is None else {v} if type({v}) is datetime "
                         "and {v}.tzinfo is UTC else to_datetime({v})"),
    FieldType.TEXT_LIST: "None if {v} is None else to_text_list({v})",
}


# The same for a CSV cell, which is always a ``str``: no type checks at all.
_CELL_PATHS: dict[FieldType, str] = {
    FieldType.TEXT: "{c} or None",
    FieldType.NUMBER: "number_from_text({c})",
    FieldType.BOOL: "to_bool({c})",
    FieldType.DATETIME: "datetime_from_text({c})",
    FieldType.TEXT_LIST: "tags_from_text({c})",
}

_NAMESPACE: dict[str, Any] = {
    "to_text": to_text, "to_number": to_number, "to_bool": to_bool,
    "to_datetime": to_datetime, "to_text_list": to_text_list, "datetime": datetime,
    "number_from_text": _number_from_text, "datetime_from_text": _datetime_from_text,
    "tags_from_text": _tags_from_text, "nul_free": _nul_free, "NUL": NUL, "UTC": UTC,
    "CoercionError": CoercionError, "RecordError": RecordError,
}


def _compile(source: list[str], name: str, **names: Any) -> Any:
    namespace = {**_NAMESPACE, **names}
    exec(compile("\n".join(source), f"<{name}>", "exec"), namespace)
    return namespace[name.split()[0]]


class TableNormalizer:
    """Turns raw records of one table into normalised dicts.

    A normalised record has every field of the table as a key (missing values
    are ``None``) and typed values as described in this module's docstring.
    The lead's ``id`` and an event's ``lead_id`` and ``occurred_at`` must be
    present.

    :attr:`normalize` (also reached by calling the normaliser) takes one
    record and returns the normalised dict, or raises :class:`RecordError`
    naming every bad field.  Keys of the record that are not fields of the
    table are ignored; callers that must refuse them check
    :meth:`unknown_fields` first.
    """

    __slots__ = ("_pairs", "_required", "field_names", "normalize", "table")

    def __init__(self, table: Table) -> None:
        self.table = table
        self.field_names = frozenset(table.field_names)
        self._pairs = tuple((f.name, converter(f.type)) for f in table.fields)
        self._required = {name: problem for name, problem in _required_fields(table).items()
                          if name in self.field_names}
        self.normalize: Callable[[Mapping[str, Any]], dict[str, Any]] = self._compile_mapping()

    # Both record functions are generated as Python source rather than looping
    # over (field, converter) pairs: about twice as fast, which matters for
    # millions of events.

    def _compile_mapping(self) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
        source = ["def normalize(record):", "    get = record.get", "    try:"]
        for index, f in enumerate(self.table.fields):
            source.append(f"        v{index} = get({f.name!r})")
            source.append(f"        v{index} = {_FAST_PATHS[f.type].format(v=f'v{index}')}")
        source += ["    except CoercionError:",
                   "        raise RecordError(problems(record)) from None"]
        source += self._required_check("problems(record)")
        source.append(self._result({f.name: f"v{i}" for i, f in enumerate(self.table.fields)}))
        return _compile(source, f"normalize {self.table.name}",  # type: ignore[no-any-return]
                        problems=self.problems)

    def row_normalizer(self, columns: Sequence[str], *, refuse_nul: bool = True
                       ) -> Callable[[Sequence[str]], dict[str, Any]]:
        """A function normalising one CSV row (cells in ``columns`` order).

        Every name in ``columns`` must be a field of the table and the row
        must have exactly ``len(columns)`` cells.  Fields without a column are
        missing.  Raises :class:`RecordError` like :attr:`normalize`.
        ``refuse_nul=False`` skips looking for NUL characters in text cells
        (for a file known to hold none: the check costs a tenth of the time).
        """
        types = {f.name: f.type for f in self.table.fields}
        source = ["def normalize_row(row):", "    try:", "        pass"]
        for index, column in enumerate(columns):
            path = _CELL_PATHS[types[column]]
            if refuse_nul and types[column] == FieldType.TEXT:
                path = "nul_free({c})"
            cell = path.format(c=f"row[{index}]")
            source.append(f"        c{index} = {cell}")
        source += ["    except CoercionError:",
                   "        raise RecordError(problems(dict(zip(columns, row)))) from None"]
        where = {column: f"c{index}" for index, column in enumerate(columns)}
        source += self._required_check("problems(dict(zip(columns, row)))", where)
        source.append(self._result({f.name: where.get(f.name, "None") for f in self.table.fields}))
        return _compile(source, f"normalize_row {self.table.name}",  # type: ignore[no-any-return]
                        problems=self.problems, columns=tuple(columns))

    def _required_check(self, problems: str, where: Mapping[str, str] | None = None) -> list[str]:
        if where is None:
            where = {f.name: f"v{i}" for i, f in enumerate(self.table.fields)}
        tests = [f"{where.get(name, 'None')} is None" for name in self._required]
        if not tests:
            return []
        return [f"    if {' or '.join(tests)}:", f"        raise RecordError({problems})"]

    @staticmethod
    def _result(values: Mapping[str, str]) -> str:
        return "    return {" + ", ".join(f"{name!r}: {v}" for name, v in values.items()) + "}"

    def unknown_fields(self, record: Mapping[str, Any]) -> list[str]:
        """The keys of ``record`` that are not fields of the table."""
        if record.keys() <= self.field_names:
            return []
        return [key for key in record if key not in self.field_names]

    def __call__(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """The normalised record (see :attr:`normalize`)."""
        return self.normalize(record)

    def problems(self, record: Mapping[str, Any]) -> list[tuple[str, CoercionError]]:
        """Every bad or missing required field of ``record`` (slow path, for errors)."""
        found: list[tuple[str, CoercionError]] = []
        for name, convert in self._pairs:
            try:
                value = convert(record.get(name))
            except CoercionError as problem:
                found.append((name, problem))
                continue
            if value is None and name in self._required:
                found.append((name, self._required[name]))
        return found


@functools.cache
def normalizer(table: Table) -> TableNormalizer:
    """The (cached) normaliser of a table."""
    return TableNormalizer(table)


# ------------------------------------------------------------------ writing


def _csv_number(value: int | float) -> str:
    # repr of a float is the shortest text that reads back to the same float.
    return str(value) if type(value) is int else repr(value)


_CSV_FORMATTERS: dict[FieldType, Callable[[Any], str]] = {
    FieldType.TEXT: str,
    FieldType.NUMBER: _csv_number,
    FieldType.BOOL: lambda v: "true" if v else "false",
    FieldType.DATETIME: lambda v: v.isoformat(),
    FieldType.TEXT_LIST: TAG_SEPARATOR.join,
}

_JSON_FORMATTERS: dict[FieldType, Callable[[Any], Any]] = {
    FieldType.TEXT: lambda v: v,
    FieldType.NUMBER: lambda v: v,
    FieldType.BOOL: lambda v: v,
    FieldType.DATETIME: lambda v: v.isoformat(),
    FieldType.TEXT_LIST: list,
}


def csv_formatter(field_type: FieldType) -> Callable[[Any], str]:
    """Typed value -> CSV cell text (``None`` -> empty cell), the loaders' inverse."""
    fmt = _CSV_FORMATTERS[field_type]
    return lambda value: "" if value is None else fmt(value)


def json_formatter(field_type: FieldType) -> Callable[[Any], Any]:
    """Typed value -> JSON value (``None`` -> null), the loaders' inverse."""
    fmt = _JSON_FORMATTERS[field_type]
    return lambda value: None if value is None else fmt(value)
