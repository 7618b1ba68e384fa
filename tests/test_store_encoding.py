"""The generated row encoders of the SQL stores' bulk loaders (stores/layout.py)."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3

import pytest

from leadrules.errors import StoreError
from leadrules.schema import DEFAULT_SCHEMA, FieldType, Schema
from leadrules.sql.layout import to_micros
from leadrules.stores.layout import (
    SQLITE_NULL_INT,
    Engine,
    physical_columns,
    row_encoder,
    sqlite_insert,
    sqlite_rows_encoder,
)

SCHEMA = DEFAULT_SCHEMA.extend("lead", {"score": FieldType.NUMBER})
WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)


def _lead(**values: object) -> dict[str, object]:
    lead: dict[str, object] = {f.name: None for f in SCHEMA.lead.fields}
    lead.update(values)
    return lead


FULL = _lead(id="l1", email="A@Example.COM", name="İstanbul ΣΑΣ", is_competitor=True,
             nurture_target=False, employees=12, created_at=WHEN, tags=("VIP", "x"),
             score=1.5)


@pytest.mark.parametrize("engine", ["sqlite", "postgres", "duckdb"])
def test_encoder_layout(engine: Engine) -> None:
    row = row_encoder(SCHEMA.lead, engine)(7, FULL)
    columns = [c for c, _ in physical_columns(SCHEMA.lead)]
    got = dict(zip(columns, row, strict=True))
    assert got["seq"] == 7
    assert got["id"] == "l1" and got["id__lower"] is None      # already lower case
    assert got["email__lower"] == "a@example.com"
    assert got["name__lower"] == "İstanbul ΣΑΣ".lower()         # Python's lower(), exactly
    assert got["tags"] == "VIP|x" and got["tags__lower"] == "|vip|x|"
    assert got["employees"] == 12.0 and isinstance(got["employees"], float)
    assert got["title"] is None and got["title__lower"] is None
    if engine == "sqlite":
        assert got["created_at"] == to_micros(WHEN)
        assert got["is_competitor"] == 1 and got["nurture_target"] == 0
    else:
        assert got["created_at"] == WHEN and got["is_competitor"] is True


def test_sqlite_stand_ins_become_null() -> None:
    """bind_nulls=False rows through sqlite_insert store exactly the plain rows."""
    conn = sqlite3.connect(":memory:")
    width = len(physical_columns(SCHEMA.lead))
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(width))})")
    records = [FULL, _lead(id="L2"), _lead(id="L3", employees=0, is_competitor=False,
                                           created_at=dt.datetime(1, 1, 1, tzinfo=dt.UTC))]
    fast = row_encoder(SCHEMA.lead, "sqlite", bind_nulls=False)
    plain = row_encoder(SCHEMA.lead, "sqlite")
    assert SQLITE_NULL_INT not in plain(0, records[2])
    conn.executemany(sqlite_insert("t", SCHEMA.lead), [fast(i, r) for i, r in enumerate(records)])
    stored = conn.execute("SELECT * FROM t ORDER BY c0").fetchall()
    expected = [tuple(int(v) if isinstance(v, bool) else v for v in plain(i, r))
                for i, r in enumerate(records)]
    assert stored == expected


def test_huge_number_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="too large"):
        row_encoder(SCHEMA.lead, "sqlite", bind_nulls=False)(0, _lead(id="L", score=10**400))


def test_nan_and_unusual_names() -> None:
    schema = Schema(SCHEMA.lead, ()).extend("lead", {"it's \"odd\"": FieldType.TEXT})
    row = row_encoder(schema.lead, "postgres")(0, {**_lead(id="L"), "it's \"odd\"": "Ab"})
    assert row[-2:] == ("Ab", "ab")
    nan = row_encoder(SCHEMA.lead, "sqlite", bind_nulls=False)(0, _lead(id="L"))
    assert math.isnan(nan[[c for c, _ in physical_columns(SCHEMA.lead)].index("score")])


def test_rows_encoder_is_the_row_encoder_records_after_records() -> None:
    records = [FULL, _lead(id="L2"), _lead(id="Ü3", tags=(), employees=2**60)]
    many = sqlite_rows_encoder(SCHEMA.lead, 3)(10, records)
    one = row_encoder(SCHEMA.lead, "sqlite", bind_nulls=False)
    flat = [v for i, r in enumerate(records) for v in one(10 + i, r)]
    assert all(a == b or (math.isnan(a) and math.isnan(b))
               for a, b in zip(many, flat, strict=True))


def test_a_multi_row_insert_stores_what_one_row_inserts_store() -> None:
    conn = sqlite3.connect(":memory:")
    width = len(physical_columns(SCHEMA.lead))
    for name in ("one", "many"):
        conn.execute(f"CREATE TABLE {name} ({', '.join(f'c{i}' for i in range(width))})")
    records = [FULL, _lead(id="L2"), _lead(id="L3", employees=-0.0, is_competitor=False)]
    conn.executemany(sqlite_insert("one", SCHEMA.lead),
                     [row_encoder(SCHEMA.lead, "sqlite", bind_nulls=False)(i, r)
                      for i, r in enumerate(records)])
    conn.execute(sqlite_insert("many", SCHEMA.lead, rows=3),
                 sqlite_rows_encoder(SCHEMA.lead, 3)(0, records))
    query = "SELECT *, {} FROM {} ORDER BY c0"
    types = ", ".join(f"typeof(c{i})" for i in range(width))
    assert (conn.execute(query.format(types, "many")).fetchall()
            == conn.execute(query.format(types, "one")).fetchall())


def test_huge_number_in_a_multi_row_insert_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="too large"):
        sqlite_rows_encoder(SCHEMA.lead, 2)(0, [FULL, _lead(id="L", score=10**400)])
