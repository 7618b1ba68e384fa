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
from ..values import whitespace
from .layout import SEQ, Column, Layout, Source, TableLayout, lower_column

TAG = "|"
# An ISO-8601 text that ends in an offset (Z, +HH, +HHMM, +HH:MM).
_OFFSET = r"(Z|z|[+-][0-9][0-9](:?[0-9][0-9])?)$"


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
        value, lowered = read(column, dialect, layout)
        if column.text:
            # An empty text is missing, as the loaders make it (values.to_text).
            value = exp.Nullif(this=value, expression=exp.Literal.string(""))
            lowered = _lower(value.copy(), layout)
        elif column.null_type == "DOUBLE" and column.read != "null":
            value = _finite(value)
        if field in ((LEAD_KEY,) if lead else (EVENT_LEAD_KEY, EVENT_TIME)):
            # NULL where the column is, except an empty text or an ISO text that is no
            # time: the value itself is tested then.
            present = (_col(column.name) if column.read in ("as_is", "epoch", "timestamp",
                                                            "instant_cast", "naive_cast")
                       and not column.text else value.copy())
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
    ordered = [read(source.columns[EVENT_TIME], dialect, layout)[0]]
    ordered += [_col(c.name) for f, c in sorted(source.columns.items())
                if f not in (EVENT_LEAD_KEY, EVENT_TIME)]
    window = exp.Window(
        this=exp.RowNumber(),
        partition_by=[read(source.columns[EVENT_LEAD_KEY], dialect, layout)[0]],
        order=exp.Order(expressions=[exp.Ordered(this=o, nulls_first=True) for o in ordered]))
    return window


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


def read(column: Column, dialect: str, layout: Layout) -> tuple[Node, Node | None]:
    """The column as the layout's value, and its lower-cased shadow (text and lists)."""
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
            return exp.Cast(this=x, to=exp.DataType.build(_text(dialect))), None
        case "number":
            kind = "REAL" if dialect == "sqlite" else "DOUBLE PRECISION" \
                if dialect == "postgres" else "DOUBLE"
            return exp.Cast(this=x, to=exp.DataType.build(kind)), None
        case "bool_int":
            flag = exp.NEQ(this=x, expression=exp.Literal.number(0))
            return exp.Paren(this=flag), None
        case "instant_cast":
            instant = exp.Cast(this=x, to=exp.DataType.build(
                "TIMESTAMPTZ" if dialect == "duckdb" else "TIMESTAMP WITH TIME ZONE"))
            return (_fn("UNIX_MICROS", instant) if spark_time else instant), None
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
    if dialect == "sqlite":
        return _fn("leadrules_micros", x)
    if dialect == "spark":
        # A text without offset is UTC: given a "Z" so the session zone plays no part;
        # TIMESTAMP_LTZ named, not TIMESTAMP (spark.sql.timestampType may make it NTZ).
        offset = exp.RegexpLike(this=x, expression=exp.Literal.string(_OFFSET))
        text = exp.Case().when(offset, x, copy=False).else_(
            exp.DPipe(this=x.copy(), expression=exp.Literal.string("Z"), safe=True), copy=False)
        # TRY_CAST: a text that is no time is missing (ANSI mode would raise).
        return _fn("UNIX_MICROS", exp.TryCast(this=text, to=exp.DataType.build(
            "TIMESTAMPLTZ"), safe=True))  # safe: sqlglot writes TRY_CAST, not CAST
    tz = "TIMESTAMPTZ" if dialect == "duckdb" else "TIMESTAMP WITH TIME ZONE"
    naive = "TIMESTAMP"
    with_offset: Node
    if dialect == "duckdb":
        with_offset = _fn("regexp_matches", x, exp.Literal.string(_OFFSET))
    else:
        with_offset = exp.RegexpLike(this=x, expression=exp.Literal.string(_OFFSET))
    # DuckDB: TRY_CAST, a text that is no time is missing (as on SQLite and Spark);
    # PostgreSQL has no TRY_CAST: such a text is an error there (docs/stores.md).
    cast = exp.TryCast if dialect == "duckdb" else exp.Cast
    as_naive = exp.AtTimeZone(this=cast(this=x, to=exp.DataType.build(naive)),
                              zone=exp.Literal.string("UTC"))
    return (exp.Case()
            .when(with_offset, cast(this=x, to=exp.DataType.build(tz)), copy=False)
            .else_(as_naive, copy=False))


def _epoch(x: Node, micros_per_unit: int, dialect: str) -> Node:
    # The integer µs since 1970 (an integer column stays exact; a fraction of a
    # unit is rounded to the µs), which SQLite and Spark keep as the layout's.
    micros = exp.Cast(this=_fn("round", exp.Mul(this=x,
                                                 expression=exp.Literal.number(micros_per_unit))),
                      to=exp.DataType.build("BIGINT"))
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
    epoch = exp.Cast(this=exp.Literal.string("1970-01-01 00:00:00+00"),
                     to=exp.DataType.build("TIMESTAMP WITH TIME ZONE"))
    interval = exp.Interval(this=exp.Literal.string("1"), unit=exp.var("MICROSECOND"))
    return exp.Add(this=epoch, expression=exp.Mul(this=micros, expression=interval))
