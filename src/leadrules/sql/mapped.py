"""Tables of the user's own, read as leadrules' layout: the derived table each query
names in place of a stored table.

A mapped table (:class:`~.layout.Source`) is read through ``(SELECT … FROM
crm.contacts) AS l`` whose columns are exactly those of an imported store
(:mod:`leadrules.stores.layout`): every mapped field under its field name, in
the layout's type for the engine; ``x__lower`` for text and list fields
computed by the engine (``lower()``; on SQLite ``leadrules_lower()``, Python's
own); and, where a query asks for it, ``seq``: the declared order column, or
``ROW_NUMBER()`` per lead over ``occurred_at`` and then every mapped column
(ties of identical rows are interchangeable).  The rest of the compiler is the
same for mapped and imported stores; engines inline such derived tables, so
filters still reach the user's indexes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from sqlglot import exp

if TYPE_CHECKING:
    from sqlglot.expressions import Expr as Node

from ..schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD_KEY
from ..values import ISO_DATETIME, whitespace
from .layout import SEQ, Column, Layout, Source, TableLayout, lower_column

TAG = "|"

# The ISO-8601 texts a mapped datetime column is read as: the grammar of the
# in-memory reader (values.ISO_DATETIME, docs/stores.md "Your own tables"), which
# every mapped engine reads as that instant: SQLite through leadrules_micros
# (stores.sqlite), the others by the arithmetic of _iso.
# The instants leadrules represents (years 1 to 9999 UTC) as µs since 1970: a time
# outside them (milliseconds declared as seconds, 'infinity') is missing.
MIN_MICROS = -62_135_596_800_000_000  # 0001-01-01T00:00:00Z
MAX_MICROS = 253_402_300_799_999_999  # 9999-12-31T23:59:59.999999Z
_INSTANT_BOUNDS = ("0001-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00")


def source_table(source: Source) -> exp.Table:
    """The user's table as sqlglot names it (each part quoted, case kept)."""
    parts = [exp.to_identifier(p, quoted=True) for p in source.parts]
    table = parts[-1]
    db = parts[-2] if len(parts) > 1 else None
    catalog = parts[-3] if len(parts) > 2 else None
    return exp.Table(this=table, db=db, catalog=catalog)


def derived(t: TableLayout, layout: Layout, dialect: str, alias: str | None, *,
            seq: bool, lead: bool) -> exp.Subquery:
    """``(SELECT <the layout's columns> FROM <the user's table>) AS alias``."""
    source = t.source
    assert source is not None
    columns: list[Node] = []
    keys: list[Node] = []
    for field in sorted(t.fields):
        column = source.columns[field]
        # The event time of the engine's time types: its range is tested in the WHERE.
        typed_time = field == EVENT_TIME and not lead and column.read in _TYPED_TIMES
        value, lowered = read(column, dialect, layout, guard=not typed_time)
        if column.text:
            # An empty text is missing, as the loaders make it (values.to_text).
            value = exp.Nullif(this=value, expression=exp.Literal.string(""))
            lowered = _lower(value.copy(), layout)
        elif column.null_type == "DOUBLE" and column.read != "null":
            value = _finite(value)
        if field in ((LEAD_KEY,) if lead else (EVENT_LEAD_KEY, EVENT_TIME)):
            # NULL where the column is, except an empty text, or a time that is none
            # (an ISO text outside the grammar, a number of seconds outside years
            # 1-9999): the value itself is tested then.
            present = (_col(column.name) if column.read == "as_is"
                       and not column.text else value.copy())
            if typed_time and dialect == "spark" and column.read == "as_is":
                # The column itself (not its UNIX_MICROS), which Spark pushes to the scan.
                ltz = exp.DataType.build("TIMESTAMPLTZ")
                keys.append(exp.Between(this=_col(column.name), low=exp.Cast(
                    this=exp.Literal.string("0001-01-01T00:00:00Z"), to=ltz), high=exp.Cast(
                    this=exp.Literal.string("9999-12-31T23:59:59.999999Z"), to=ltz.copy())))
            elif typed_time:
                keys.append(in_range(value.copy(), dialect))
            elif column.read == "epoch":
                keys.append(_epoch_key(_col(column.name), column.micros_per_unit, dialect))
            else:
                keys.append(exp.Not(this=exp.Is(this=present, expression=exp.null())))
        columns.append(exp.alias_(value, field, quoted=True, copy=False))
        if lowered is not None:
            columns.append(exp.alias_(lowered, lower_column(field), quoted=True, copy=False))
    if seq:
        columns.append(exp.alias_(_seq(source, dialect, layout, lead), SEQ, quoted=True,
                                  copy=False))
    select = exp.select(*columns, copy=False).from_(source_table(source), copy=False)
    # A row without its id (a lead) or its lead and time (an event) is not one: the
    # loaders refuse it, a mapped table's is left out.
    if keys:
        select = select.where(exp.and_(*keys, copy=False), copy=False)
    return select.subquery(exp.to_identifier(alias) if alias else None, copy=False)


def _seq(source: Source, dialect: str, layout: Layout, lead: bool) -> Node:
    if source.seq is not None:
        return _col(source.seq)
    if lead:  # leads in id order (the lead key orders them; no window needed)
        return read(source.columns[LEAD_KEY], dialect, layout)[0]
    ordered = [read(source.columns[EVENT_TIME], dialect, layout, guard=False)[0]]
    ordered += [_col(c.name) for f, c in sorted(source.columns.items())
                if f not in (EVENT_LEAD_KEY, EVENT_TIME)]
    window = exp.Window(
        this=exp.RowNumber(),
        partition_by=[read(source.columns[EVENT_LEAD_KEY], dialect, layout)[0]],
        order=exp.Order(expressions=[exp.Ordered(this=o, nulls_first=True) for o in ordered]))
    return window


# The numbers a double rounds to 0 and to infinity (ties to even): 2**-1075, and the
# midpoint of the largest double and 2**1024, exactly.
_UNDERFLOW = f"{5 ** 1075}e-1075"
_OVERFLOW = str(2 ** 1024 - 2 ** 970)


def _finite(x: Node) -> Node:
    """A number, or NULL for NaN and the infinities (which the loaders refuse): ``x -
    x = 0`` holds for every finite number and no other on every engine, without a
    NaN literal (PostgreSQL, DuckDB and Spark even count NaN = NaN as true)."""
    finite = exp.EQ(this=exp.Sub(this=x, expression=x.copy()),
                    expression=exp.Literal.number(0))
    return exp.Case().when(finite, x.copy(), copy=False)


def _col(name: str) -> exp.Column:
    return exp.Column(this=exp.to_identifier(name, quoted=True))


def _fn(name: str, *args: Node) -> Node:
    return exp.Anonymous(this=name, expressions=list(args))


def _lower(x: Node, layout: Layout) -> Node:
    return _fn("leadrules_lower", x) if layout.python_lower else exp.Lower(this=x)


def _text(dialect: str) -> str:
    return "TEXT" if dialect in ("sqlite", "postgres") else "VARCHAR"


def read(column: Column, dialect: str, layout: Layout, *,
         guard: bool = True) -> tuple[Node, Node | None]:
    """The column as the layout's value, and its lower-cased shadow (text and lists).

    A time outside years 1-9999 UTC is missing (:func:`in_range`); ``guard=False``
    leaves that test to the caller for a column of the engine's time types (the
    event time: tested in the WHERE, where an index on the column still serves)."""
    value, lowered = _read(column, dialect, layout)
    if guard and column.null_type == "TIMESTAMPTZ" and column.read in _TYPED_TIMES:
        value = exp.Case().when(in_range(value, dialect), value.copy(), copy=False)
    return value, lowered


# The reads of a column of the engine's own time types (ISO text and epoch numbers
# are range-tested as they are read).
_TYPED_TIMES = ("as_is", "timestamp", "nanos", "naive_cast")


def in_range(value: Node, dialect: str) -> Node:
    """``value`` (a read time: µs on SQLite and Spark, else an instant) lies in years
    1-9999 UTC, the instants leadrules represents; false for NULL, the
    infinities and NaN."""
    if dialect in ("sqlite", "spark"):
        return _micros_within(value)
    tz = exp.DataType.build("TIMESTAMPTZ" if dialect == "duckdb" else "TIMESTAMP WITH TIME ZONE")
    low, high = (exp.Cast(this=exp.Literal.string(b), to=tz.copy()) for b in _INSTANT_BOUNDS)
    return exp.Between(this=value, low=low, high=high)


def _read(column: Column, dialect: str, layout: Layout) -> tuple[Node, Node | None]:
    x = _col(column.name)
    if column.read == "null" and column.null_type == "VARCHAR[]":  # tags: none present
        return exp.Cast(this=exp.null(), to=exp.DataType.build("VARCHAR")), exp.Cast(
            this=exp.null(), to=exp.DataType.build("VARCHAR"))
    spark_time = dialect == "spark" and column.null_type == "TIMESTAMPTZ"
    match column.read:
        case "as_is":
            if spark_time:  # Spark's TIMESTAMP (an instant) as exact integer µs
                return _fn("UNIX_MICROS", x), None
            return x, None
        case "null":
            typed = exp.Cast(this=exp.null(), to=exp.DataType.build(
                "BIGINT" if spark_time else column.null_type))
            return typed, None
        case "text_cast":
            text = exp.Cast(this=x, to=exp.DataType.build(_text(dialect)))
            if dialect == "sqlite":
                # SQLite writes a REAL with 15 digits: 2**64 and 2**64 + 4096 (integers
                # too large for an INTEGER, kept as REAL) are both '1.84467440737096e+19'.
                # A value its text does not give back is missing, not merged.
                lossy = exp.and_(
                    exp.EQ(this=_fn("typeof", x.copy()), expression=exp.Literal.string("real")),
                    exp.NEQ(this=exp.Cast(this=text.copy(), to=exp.DataType.build("REAL")),
                            expression=x.copy()))
                return exp.Case().when(exp.Not(this=exp.Paren(this=lossy)), text,
                                       copy=False), None
            return text, None
        case "unpadded":  # RTRIM with one argument drops trailing blanks only
            return _fn("RTRIM", exp.Cast(this=x, to=exp.DataType.build(_text(dialect)))), None
        case "number":
            kind = "REAL" if dialect == "sqlite" else "DOUBLE PRECISION" \
                if dialect == "postgres" else "DOUBLE"
            number = exp.Cast(this=x, to=exp.DataType.build(kind))
            if dialect == "sqlite":  # text in a numeric column is no number: missing
                return exp.Case().when(_numeric(x), number, copy=False), None
            return number, None
        case "wide_number":
            # PostgreSQL's numeric: a cast to a double raises out of range instead.
            double = exp.DataType.build("DOUBLE PRECISION")
            size = exp.Abs(this=x)
            tiny = exp.LTE(this=size, expression=exp.Literal.number(_UNDERFLOW))
            signed_zero = exp.Case().when(
                exp.LT(this=x.copy(), expression=exp.Literal.number(0)),
                exp.Cast(this=exp.Literal.string("-0"), to=double), copy=False).else_(
                exp.Cast(this=exp.Literal.number(0), to=double.copy()), copy=False)
            # NaN compares above every number in PostgreSQL: neither branch, missing.
            fits = exp.LT(this=size.copy(), expression=exp.Literal.number(_OVERFLOW))
            return exp.Case().when(tiny, signed_zero, copy=False).when(
                fits, exp.Cast(this=x.copy(), to=double.copy()), copy=False), None
        case "bool_int":
            # 1 is true and 0 false; any other value (2, -1, 0.5, on SQLite a text) is
            # missing, as a file's cell that is not true / false is refused.
            flag = exp.Paren(this=exp.NEQ(this=x, expression=exp.Literal.number(0)))
            bit: Node = exp.In(this=x.copy(), expressions=[exp.Literal.number(0),
                                                           exp.Literal.number(1)])
            if dialect == "sqlite":
                bit = exp.and_(exp.EQ(this=_fn("typeof", x.copy()),
                                      expression=exp.Literal.string("integer")), bit)
            return exp.Case().when(bit, flag, copy=False), None
        case "nanos":
            return _from_micros(_floor_micros(_fn("epoch_ns", x)), dialect), None
        case "naive_cast":
            naive = "TIMESTAMP_NTZ" if dialect == "spark" else "TIMESTAMP"
            return _naive(exp.Cast(this=x, to=exp.DataType.build(naive, dialect=dialect)),
                          dialect), None
        case "timestamp":
            return _naive(x, dialect), None
        case "iso_text":
            return _iso(x, dialect), None
        case "epoch":
            return _epoch(x, column.micros_per_unit, dialect), None
        case "array":
            joined = _fn("array_join" if dialect == "spark" else "array_to_string", x,
                         exp.Literal.string(TAG))
            tags = _normal_tags(joined, dialect)
            return tags, _tags(tags.copy(), layout)
        case "delimited":
            assert column.separator is not None
            joined = x if column.separator == TAG else exp.Anonymous(
                this="replace", expressions=[x, exp.Literal.string(column.separator),
                                             exp.Literal.string(TAG)])
            tags = _normal_tags(joined, dialect)
            return tags, _tags(tags.copy(), layout)
        case _:
            assert_never(column.read)


def _floor_micros(nanos: Node) -> Node:
    """An integer count of ns as whole µs, floored (the ns dropped from the time, as
    values.to_datetime drops a pandas.Timestamp's): DuckDB's ``//`` rounds toward
    zero, so a negative count with a remainder is one less."""
    whole = exp.IntDiv(this=nanos, expression=exp.Literal.number(1000))
    borrow = exp.Case().when(exp.LT(this=exp.Mod(this=nanos.copy(), expression=exp.Literal.number(
        1000)), expression=exp.Literal.number(0)), exp.Literal.number(1), copy=False).else_(
        exp.Literal.number(0), copy=False)
    return exp.Paren(this=exp.Sub(this=whole, expression=borrow))


def _naive(x: Node, dialect: str) -> Node:
    """A naive timestamp read as UTC."""
    if dialect == "spark":  # TIMESTAMP_NTZ read as UTC, whatever the session zone
        epoch = exp.Cast(this=exp.Literal.string("1970-01-01 00:00:00"),
                         to=exp.DataType.build("TIMESTAMP_NTZ", dialect="spark"))
        return _fn("TIMESTAMPDIFF", exp.var("MICROSECOND"), epoch, x)
    if dialect == "sqlite":
        return _fn("leadrules_micros", x)
    return exp.AtTimeZone(this=x, zone=exp.Literal.string("UTC"))


def _normal_tags(joined: Node, dialect: str) -> Node:
    """The tags of ``joined`` (text with ``|`` between tags) as the layout keeps them,
    as :func:`leadrules.values.to_text_list` makes them: each stripped of what
    ``str.strip()`` removes, empty ones dropped, NULL for none.  On SQLite that
    function itself (``leadrules_tags``); elsewhere three regex replacements with
    the characters written out in a class, which every engine's flavour reads alike."""
    if dialect == "sqlite":
        return _fn("leadrules_tags", joined)
    space = "[" + whitespace() + "]"
    around = exp.RegexpReplace(this=joined, expression=exp.Literal.string(
        f"{space}*[|]{space}*"), replacement=exp.Literal.string(TAG))
    runs = exp.RegexpReplace(this=around, expression=exp.Literal.string("[|][|]+"),
                             replacement=exp.Literal.string(TAG))
    ends = "[" + whitespace() + "|]+"
    trimmed = exp.RegexpReplace(this=runs, expression=exp.Literal.string(
        f"^{ends}|{ends}$"), replacement=exp.Literal.string(""))
    return exp.Nullif(this=trimmed, expression=exp.Literal.string(""))


def _tags(joined: Node, layout: Layout) -> Node:
    bar = exp.Literal.string(TAG)
    return exp.DPipe(this=exp.DPipe(this=bar, expression=_lower(joined, layout)),
                     expression=bar.copy(), safe=True)


def _iso(x: Node, dialect: str) -> Node:
    """An ISO-8601 text of the grammar (:data:`ISO_DATETIME`) as the instant the
    in-memory reader gives it; NULL for any other text and for an instant outside
    years 1-9999 UTC.  Not the engine's own cast of the text, which each engine
    reads its own way (zone names, offsets without a colon, '24:00', ...): the
    text's date and clock, cast as a naive timestamp (a form every engine reads
    alike), are counted in µs since 1970, less the offset's; the CASE keeps the
    casts from any text outside the grammar (PostgreSQL has no TRY_CAST)."""
    if dialect == "sqlite":
        return _fn("leadrules_micros", x)
    text = exp.RegexpReplace(this=x, expression=exp.Literal.string(
        f"^[{whitespace()}]+|[{whitespace()}]+$"), replacement=exp.Literal.string(""))
    matches: Node
    if dialect == "duckdb":
        matches = _fn("regexp_matches", text, exp.Literal.string(ISO_DATETIME))
    else:
        matches = exp.RegexpLike(this=text.copy(), expression=exp.Literal.string(ISO_DATETIME))

    def sub(of: Node, start: int, length: int | None = None) -> Node:
        return exp.Substring(this=of.copy(), start=exp.Literal.number(start),
                             length=None if length is None else exp.Literal.number(length))

    def replace(of: Node, pattern: str) -> Node:
        return exp.RegexpReplace(this=of.copy(), expression=exp.Literal.string(pattern),
                                 replacement=exp.Literal.string(""))

    rest = sub(text, 12)  # after "YYYY-MM-DD" and "T": the clock and the offset
    clock = replace(rest, "[Z+-].*$")
    offset = replace(rest, "^[0-9:.]*")  # '', 'Z', '+09', '+0900' or '+09:00'
    naive_text = exp.DPipe(this=exp.DPipe(this=sub(text, 1, 10), expression=exp.Literal.string(
        " "), safe=True), expression=exp.Coalesce(this=exp.Nullif(
            this=clock, expression=exp.Literal.string("")), expressions=[
                exp.Literal.string("00:00")]), safe=True)
    naive = _naive_micros(naive_text, dialect)

    def number(of: Node) -> Node:
        return exp.Cast(this=of, to=exp.DataType.build("BIGINT"))

    digits = exp.Anonymous(this="replace", expressions=[
        offset.copy(), exp.Literal.string(":"), exp.Literal.string("")])
    minutes = exp.Add(this=exp.Mul(this=number(sub(digits, 2, 2)),
                                   expression=exp.Literal.number(60)),
                      expression=exp.Coalesce(this=number(exp.Nullif(
                          this=sub(digits, 4, 2), expression=exp.Literal.string(""))),
                          expressions=[exp.Literal.number(0)]))
    sign = exp.Case().when(exp.EQ(this=sub(offset, 1, 1), expression=exp.Literal.string("-")),
                           exp.Literal.number(-60_000_000), copy=False).else_(
        exp.Literal.number(60_000_000), copy=False)
    shift = exp.Case().when(exp.GT(this=exp.Length(this=offset.copy()),
                                   expression=exp.Literal.number(1)),
                            exp.Mul(this=sign, expression=exp.Paren(this=minutes)),
                            copy=False).else_(exp.Literal.number(0), copy=False)
    micros = exp.Sub(this=naive, expression=shift)
    return exp.Case().when(matches, _instant(micros, dialect), copy=False)


def _naive_micros(text: Node, dialect: str) -> Node:
    """A naive ``YYYY-MM-DD HH:MM[:SS[.f]]`` text as µs since 1970 (read as UTC)."""
    if dialect == "spark":
        return _naive(exp.TryCast(this=text, to=exp.DataType.build(
            "TIMESTAMP_NTZ", dialect="spark"), safe=True), dialect)
    if dialect == "duckdb":
        return _fn("epoch_us", exp.TryCast(this=text, to=exp.DataType.build("TIMESTAMP")))
    naive = exp.Cast(this=text, to=exp.DataType.build("TIMESTAMP"))
    if dialect == "postgres":  # the exact seconds (numeric), to the µs
        seconds = exp.Extract(this=exp.var("EPOCH"), expression=naive)
        return exp.Cast(this=exp.Mul(this=seconds, expression=exp.Literal.number(1_000_000)),
                        to=exp.DataType.build("BIGINT"))
    epoch = exp.Cast(this=exp.Literal.string("1970-01-01 00:00:00"),
                     to=exp.DataType.build("TIMESTAMP"))
    return exp.TimestampDiff(this=naive, expression=epoch, unit=exp.var("MICROSECOND"))


def _instant(micros: Node, dialect: str) -> Node:
    """An integer count of µs since 1970 as the layout's time, NULL outside years
    1-9999 UTC (tested on the count, before any engine turns it into a time)."""
    return exp.Case().when(_micros_within(micros),
                           _from_micros(exp.Paren(this=micros.copy()), dialect), copy=False)


def _micros_within(micros: Node) -> Node:
    """A count of µs since 1970 is a time of years 1-9999 UTC."""
    return exp.Between(this=micros, low=exp.Literal.number(MIN_MICROS),
                       high=exp.Literal.number(MAX_MICROS))


def _epoch(x: Node, micros_per_unit: int, dialect: str) -> Node:
    # The integer µs since 1970 (an integer column stays exact; a fraction of a
    # unit is rounded to the µs), which SQLite and Spark keep as the layout's.  A
    # number outside years 1-9999 (milliseconds declared as seconds) is missing,
    # tested on the number before it is multiplied (no integer overflow); on SQLite
    # so is a value that is not stored as a number (text in a REAL column).
    within = epoch_within(x, micros_per_unit, dialect)
    return exp.Case().when(within, _instant(_epoch_micros(x, micros_per_unit), dialect),
                           copy=False)


def _epoch_micros(x: Node, micros_per_unit: int) -> Node:
    """A number of ``micros_per_unit`` µs as a whole count of µs (rounded).

    The factor is a BIGINT: a product takes the wider of its operands' types, so
    a 32-bit integer (or a ``DECIMAL(18, 3)``) of seconds is multiplied as a
    64-bit integer (a decimal wide enough), exactly, where ``x * 1000000`` was
    worked out in the column's own type and overflowed (Spark without ANSI
    wraps around: 1970).  A double stays a double; the SQL does not depend on
    the column's type, as ``leadrules sql --map`` prints it without knowing it."""
    factor = exp.Cast(this=exp.Literal.number(micros_per_unit),
                      to=exp.DataType.build("BIGINT"))
    return exp.Cast(this=_fn("round", exp.Mul(this=x.copy(), expression=factor)),
                    to=exp.DataType.build("BIGINT"))


def epoch_within(x: Node, micros_per_unit: int, dialect: str) -> Node:
    """A number of ``micros_per_unit`` µs since 1970 in ``x`` is a time of years
    1-9999 UTC (and, on SQLite, stored as a number)."""
    low, high = (exp.Literal.number(_units(b, micros_per_unit))
                 for b in (MIN_MICROS, MAX_MICROS))
    within: Node = exp.Between(this=x.copy(), low=low, high=high)
    if dialect == "sqlite":
        within = exp.and_(_numeric(x), within)
    if dialect == "duckdb":
        # DuckDB compares a HUGEINT or wide DECIMAL with the bounds as a
        # DECIMAL(38, 6) and fails on a value beyond it (a conversion error, not
        # false): such a value is compared only once it is known to fit.
        fits = exp.Not(this=exp.Is(this=exp.TryCast(
            this=x.copy(), to=exp.DataType.build("DECIMAL(38, 6)")), expression=exp.Null()))
        within = exp.Case().when(fits, within, copy=False).else_(exp.false(), copy=False)
    return within


def _epoch_key(x: Node, micros_per_unit: int, dialect: str) -> Node:
    """An event's epoch time is one: the number tested (where an index serves), and
    at the very ends of the range, where a double's bound is not exact, its µs."""
    within = epoch_within(x, micros_per_unit, dialect)
    exact = exp.Case().when(within.copy(), _micros_within(_epoch_micros(x, micros_per_unit)),
                            copy=False)
    return exp.and_(within, exact)


def _units(micros: int, micros_per_unit: int) -> str:
    """``micros`` in units of ``micros_per_unit`` µs, exactly, as a decimal literal
    (rounded toward zero to the µs: a number within it rounds to a µs within)."""
    whole, part = divmod(abs(micros), micros_per_unit)
    digits = len(str(micros_per_unit)) - 1
    text = f"{whole}.{part:0{digits}d}" if digits else str(whole)
    return ("-" if micros < 0 else "") + text


def _numeric(x: Node) -> Node:
    """SQLite: the value is stored as a number (any value may sit in any column)."""
    kind = exp.Anonymous(this="typeof", expressions=[x.copy()])
    return exp.In(this=kind, expressions=[exp.Literal.string("integer"),
                                          exp.Literal.string("real")])


def _from_micros(micros: Node, dialect: str) -> Node:
    """An integer count of µs since 1970 as the layout's time, exact to the µs."""
    if dialect in ("sqlite", "spark"):
        return micros
    if dialect == "duckdb":
        return exp.AtTimeZone(this=_fn("make_timestamp", micros),
                              zone=exp.Literal.string("UTC"))
    # Snowflake has no interval type to multiply (only constant intervals), and
    # Trino's day-to-second intervals hold milliseconds: each engine's own
    # function from an integer count since 1970 UTC, exact to the µs.
    if dialect == "snowflake":
        return _fn("TO_TIMESTAMP_TZ", micros, exp.Literal.number(6))
    if dialect == "bigquery":
        return _fn("TIMESTAMP_MICROS", micros)
    if dialect == "trino":
        return _fn("FROM_UNIXTIME_NANOS", exp.Mul(this=micros, expression=exp.Literal.number(1000)))
    # PostgreSQL multiplies an interval by a double: whole days of µs (exact in
    # one: 86,400,000,000 is 2^13 times a 24-bit number) and the µs left, each
    # under 2^53; an interval of seconds, not days, so no DST change plays a part.
    epoch = exp.Cast(this=exp.Literal.string("1970-01-01 00:00:00+00"),
                     to=exp.DataType.build("TIMESTAMP WITH TIME ZONE"))
    day = exp.Literal.number(86_400_000_000)
    days = exp.Mul(this=exp.Paren(this=exp.IntDiv(this=micros, expression=day)),
                   expression=exp.Interval(this=exp.Literal.string("86400"),
                                           unit=exp.var("SECOND")))
    rest = exp.Mul(this=_fn("MOD", micros.copy(), day.copy()),  # '%' is psycopg's
                   expression=exp.Interval(this=exp.Literal.string("1"),
                                           unit=exp.var("MICROSECOND")))
    return exp.Add(this=exp.Add(this=epoch, expression=days), expression=rest)
