"""``leadrules sql --params --paramstyle``: each PEP 249 parameter style, run through the
engines' own Python clients on a store's tables, must select exactly the leads the
in-memory evaluator selects (the oracle), and only placeholders are rewritten."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

import leadrules as lr
from leadrules import sample
from leadrules.cli import main
from leadrules.memory import MemoryStore
from leadrules.sql.layout import Layout, to_micros
from leadrules.sql.paramstyle import CLIENT_STYLES, STYLES, bind
from leadrules.sql.query import SqlQuery, compile_segment
from leadrules.stores import duckdb as duck
from leadrules.stores import postgres as pg
from leadrules.stores import sqlite as lite
from tests.backends import POSTGRES_URL, unique_name

RULES = lr.parse(Path(__file__).with_name("spec_examples.rules").read_text(encoding="utf-8")
                 + """
segment percent {
  1: lead { email contains "%" or company starts with "a%b" }
  2: tracking { path starts with "/pricing" and occurred_at within 30 days } count >= 2
  3: tracking { path = "/" } exists
  match (1 or 2) and (3 or not 1)
}
""")
SEGMENTS = ("hot_leads", "percent")

# Which styles each engine's Python client reads (sqlite3: qmark and named;
# psycopg: format and pyformat; duckdb: qmark).
RUNS = [("sqlite", "qmark"), ("sqlite", "named"), ("postgres", "format"),
        ("postgres", "pyformat"), ("duckdb", "qmark")]


@pytest.fixture(scope="module")
def data() -> MemoryStore:
    generated = sample.generate(200)
    return MemoryStore(generated.leads, generated.events)


@pytest.fixture(scope="module")
def connections(data: MemoryStore) -> Iterator[dict[str, Any]]:
    lite_conn = sqlite3.connect(":memory:")
    lite.write(lite_conn, data)
    duck_conn = duckdb.connect()
    duck.write(duck_conn, data)
    schema = unique_name("lr_paramstyle")
    pg_conn = psycopg.connect(POSTGRES_URL, autocommit=True)
    with pg_conn.transaction():
        pg.write(pg_conn, data, schema)
    pg_conn.execute(f'SET search_path TO "{schema}"')
    try:
        yield {"sqlite": lite_conn, "duckdb": duck_conn, "postgres": pg_conn}
    finally:
        lite_conn.close()
        duck_conn.close()
        pg_conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        pg_conn.close()


def _query(name: str, dialect: str) -> SqlQuery:
    layout = Layout.for_schema(RULES.schema, datetime_as_micros=dialect == "sqlite")
    return compile_segment(RULES.program, name, layout, dialect,
                           RULES.time_context(sample.AS_OF, None), shape="semijoin")


def _value(dialect: str, value: Any) -> Any:
    return to_micros(value) if dialect == "sqlite" and isinstance(value, dt.datetime) else value


@pytest.mark.parametrize("name", SEGMENTS)
@pytest.mark.parametrize("dialect,style", RUNS)
def test_each_style_runs_on_the_engine_s_client(connections: dict[str, Any], data: MemoryStore,
                                                 dialect: str, style: Any, name: str) -> None:
    text, values = bind(_query(name, dialect), style)
    if isinstance(values, dict):
        bound: Any = {k: _value(dialect, v) for k, v in values.items()}
    else:
        bound = [_value(dialect, v) for v in values]
    rows = connections[dialect].execute(text, bound).fetchall()
    want = set(RULES.segment(name).select(data, sample.AS_OF))
    assert {r[0] for r in rows} == want
    assert want  # the data selects someone, so the comparison means something


@pytest.mark.parametrize("style", STYLES)
def test_only_placeholders_are_rewritten(style: Any) -> None:
    query = _query("percent", "postgres")
    text, values = bind(query, style)
    named = query.render()
    # Everything but the placeholders is the query sqlglot wrote (with % doubled
    # where the style makes % special).
    plain = text.replace("%%", "%") if style in ("format", "pyformat") else text
    marks = {"named": r":p\d+", "qmark": r"\?", "numeric": r":\d+", "format": "%s",
             "pyformat": r"%\(p\d+\)s"}[style]
    import re
    assert re.sub(marks, "@", plain) == re.sub(r"%\(p\d+\)s", "@", named)
    count = len(re.findall(r"%\(p\d+\)s", named))
    if isinstance(values, list) and style in ("qmark", "format"):
        assert len(values) == count  # a value per placeholder, repeats included
    else:
        assert set(values if isinstance(values, dict) else range(len(values))) \
            or not count


def test_numeric_numbers_the_listed_values() -> None:
    query = _query("percent", "sqlite")
    text, values = bind(query, "numeric")
    names = list(query.params)
    assert values == [query.params[n] for n in names]
    for n, name in enumerate(names, start=1):
        assert (f":{n}" in text) == (f":{name}" in query.render())


def test_the_cli_prints_the_client_s_style(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "r.rules"
    rules.write_text('segment s {\n  1: lead { company = "Acme" }\n}\n', encoding="utf-8")
    assert main(["sql", str(rules), "s", "--dialect", "trino", "--params",
                 "--as-of", "2026-11-20T00:00:00Z"]) == 0
    out = capsys.readouterr().out
    assert CLIENT_STYLES["trino"] == "qmark"
    assert "?" in out and ":p" not in out and "-- 1 = " in out
    assert main(["sql", str(rules), "s", "--dialect", "snowflake", "--params",
                 "--paramstyle", "numeric", "--as-of", "2026-11-20T00:00:00Z"]) == 0
    out = capsys.readouterr().out
    assert ":1" in out and "-- 1 = " in out
    assert main(["sql", str(rules), "s", "--dialect", "trino", "--paramstyle", "qmark"]) == 2
    assert "--paramstyle needs --params" in capsys.readouterr().err


@pytest.mark.parametrize("style", ["format", "pyformat"])
def test_a_percent_in_the_text_is_doubled_for_psycopg(connections: dict[str, Any],
                                                      style: Any) -> None:
    from sqlglot import exp
    tree = exp.select(exp.Literal.string("50% off"), exp.Placeholder(this="p1"),
                      exp.Placeholder(this="p1"))
    text, values = bind(SqlQuery(tree, {"p1": "a%"}, "postgres"), style)
    assert "50%% off" in text
    assert connections["postgres"].execute(text, values).fetchone() == ("50% off", "a%", "a%")
