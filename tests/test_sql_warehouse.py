"""The warehouse dialects' rendering defects of issue 14 (item 4) stay fixed.

None of spark / bigquery / snowflake / trino runs here, so each fix is asserted on
the printed SQL (values inlined, as ``leadrules sql`` prints it) parsed back with
sqlglot: the node that carries the fix is looked for, not a substring.  What each
dialect's output relies on is in docs/dialects.md.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
import sqlglot
from sqlglot import exp

from leadrules.sql.dialects import WAREHOUSE_DIALECTS
from tests.golden_sql import sections

DECAYED = ("scoring_decay_window", "scoring decayed")
FUNNEL = ("funnel_ordered", "funnel events of tracking")


@cache
def _sections(family: str) -> dict[tuple[str, str], str]:
    return sections(family)


def _trees(family: str, dialect: str, title: str = "") -> list[exp.Expr]:
    found = [sqlglot.parse_one(text.split(";\n")[0], read=dialect)
             for (name, d), text in _sections(family).items()
             if d == dialect and name.startswith(title)]
    assert found, f"no {title!r} section of {family} for {dialect}"
    return found


def _all(trees: list[exp.Expr], kind: type[exp.Expr]) -> list[exp.Expr]:
    return [node for tree in trees for node in tree.find_all(kind)]


# The exact microseconds function each dialect's epoch is built on, as sqlglot
# parses it back.
def _is_exact_micros(node: exp.Expr, dialect: str) -> bool:
    match dialect:
        case "spark" | "bigquery":
            return isinstance(node, exp.UnixMicros)
        case "snowflake":
            return (isinstance(node, exp.Extract)
                    and node.this.name.lower() == "epoch_microsecond")
        case "trino":
            # CAST(ROUND(TO_UNIXTIME(x) * 1000000) AS BIGINT)
            return (isinstance(node, exp.Cast) and node.to.this == exp.DType.BIGINT
                    and isinstance(node.this, exp.Round)
                    and isinstance(node.this.this, exp.Mul)
                    and isinstance(node.this.this.this, exp.TimeToUnix))
    raise AssertionError(dialect)


@pytest.mark.parametrize("dialect", WAREHOUSE_DIALECTS)
@pytest.mark.parametrize(("family", "title"), [DECAYED, FUNNEL])
def test_epochs_keep_the_microseconds(dialect: str, family: str, title: str) -> None:
    trees = _trees(family, dialect, title)
    exact = [node for tree in trees for node in tree.walk() if _is_exact_micros(node, dialect)]
    assert exact
    # Every epoch-like function is the exact one (Trino's TO_UNIXTIME only inside it).
    epochs = _all(trees, exp.UnixMicros) + _all(trees, exp.Extract) + _all(trees, exp.UnixSeconds)
    if dialect == "trino":
        epochs = [e.parent.parent.parent for e in _all(trees, exp.TimeToUnix)
                  if e.parent is not None and e.parent.parent is not None]
    else:
        assert not _all(trees, exp.TimeToUnix)
    assert epochs
    assert all(_is_exact_micros(e, dialect) for e in epochs)
    # No seconds-only function is left (Spark's UNIX_TIMESTAMP, Snowflake's
    # epoch_second; Trino's TO_UNIXTIME only inside the rounded microseconds).
    text = " ".join(t.sql(dialect) for t in trees).upper()
    assert "UNIX_TIMESTAMP" not in text and "EPOCH_SECOND" not in text
    if title == DECAYED[1]:
        # micros / 1e6: the divisor is a double, so the quotient is one.
        # Spark (SparkStore's layout): the columns are already UNIX_MICROS µs.
        divisions = [d for d in _all(trees, exp.Div) if _is_exact_micros(d.this, dialect)
                     or (dialect == "spark" and isinstance(d.this, exp.Column))]
        assert divisions
        for division in divisions:
            assert _double(division.expression, dialect) == 1_000_000.0


def _double(node: exp.Expr, dialect: str) -> float | None:
    """The value of a float constant written as a double, else None."""
    if dialect == "bigquery":  # `0.5` is a FLOAT64 there
        return _number(node)
    if isinstance(node, exp.Cast) and node.to.this == exp.DType.DOUBLE:
        return _number(node.this)
    return None


def _number(node: exp.Expr) -> float | None:
    if isinstance(node, exp.Neg):
        inner = _number(node.this)
        return None if inner is None else -inner
    if isinstance(node, exp.Literal) and not node.is_string:
        return float(node.name)
    return None


@pytest.mark.parametrize("dialect", WAREHOUSE_DIALECTS)
@pytest.mark.parametrize("family", ["scoring_decay_window", "scoring_extends", "number_tests",
                                    "scoring_modes"])
def test_float_constants_are_doubles_not_decimals(dialect: str, family: str) -> None:
    trees = _trees(family, dialect)
    fractional = [lit for lit in _all(trees, exp.Literal)
                  if not lit.is_string and not lit.name.lstrip("-").isdigit()]
    assert fractional, f"{family} has no float constant"
    for literal in fractional:
        number: exp.Expr = literal
        if isinstance(literal.parent, exp.Neg):
            number = literal.parent
        node = number if dialect == "bigquery" else number.parent
        assert node is not None
        assert _double(node, dialect) == _number(number), node.sql(dialect)
    if dialect != "bigquery" and family.startswith("scoring_decay"):
        # the decay base itself: POWER(CAST(0.5 AS DOUBLE), …)
        bases = [_double(p.this, dialect) for p in _all(trees, exp.Pow)]
        assert bases and set(bases) == {0.5}


def test_snowflake_matches_searches_instead_of_matching_the_whole_string() -> None:
    for family in ("text_tests", "event_blocks"):
        trees = _trees(family, "snowflake")
        assert not _all(trees, exp.RegexpLike), family
        searches = _all(trees, exp.RegexpInstr)
        assert searches, family
        for search in searches:
            test = search.parent
            assert isinstance(test, exp.GT) and test.this is search
            assert test.expression == exp.Literal.number(0)
    # The other dialects' REGEXP_LIKE / RLIKE / REGEXP_CONTAINS search already.
    for dialect in ("spark", "bigquery", "trino"):
        trees = _trees("text_tests", dialect)
        assert _all(trees, exp.RegexpLike) and not _all(trees, exp.RegexpInstr)


def test_trino_timestamps_keep_microsecond_precision() -> None:
    casts = [c for c in _all(_trees("datetime_tests", "trino"), exp.Cast)
             if c.to.this == exp.DType.TIMESTAMPTZ]
    assert casts
    for cast in casts:
        assert [p.this.name for p in cast.to.expressions] == ["6"], cast.sql("trino")
        dt.datetime.fromisoformat(cast.this.name)  # the instant, with its offset
