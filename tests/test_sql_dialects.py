"""``leadrules sql`` renders every dialect; the executable ones run, the others parse back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import duckdb
import pytest
import sqlglot

from leadrules import sample
from leadrules.cli import main
from leadrules.memory import MemoryStore
from leadrules.sql.dialects import DIALECTS, WAREHOUSE_DIALECTS
from leadrules.stores import duckdb as duck
from leadrules.stores import sqlite as lite

RULES = """
segment engaged {
  match tracking { path starts with "/pricing" } count >= 2 per session
}
segment hot_leads "HOTリードリスト" {
  1: tracking { occurred_at within 30 days } count >= 3
  2: application any { form in ("contact", "trial"); campaign ends with "-q1" } exists
  3: activity exists
  4: lead { email exists; not is_competitor; tags contains "vip" }
  5: mail { kind = "open" } last within 2 months and count distinct campaign >= 1
  6: tracking sum duration > 10.5 and avg duration < 1000 and max occurred_at in this year
  match (1 or segment engaged) and 2 and not 3 and 4 or 5 and 6
    or company matches "^[A-Z]\\\\w+" or created_at between 2025-01-01 and 2025-03-31
}
"""


@pytest.fixture()
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "r.rules"
    path.write_text(RULES, encoding="utf-8")
    return path


def _sql(rules_file: Path, dialect: str, capsys: pytest.CaptureFixture[str],
         *extra: str) -> str:
    code = main(["sql", str(rules_file), "hot_leads", "--dialect", dialect,
                 "--as-of", "2026-03-31T12:00:00Z", *extra])
    out = capsys.readouterr().out
    assert code == 0
    return out


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_dialect_renders_and_parses_back(rules_file: Path, dialect: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    sql = _sql(rules_file, dialect, capsys)
    # The segment it refers to once is compiled in place, not as a CTE.
    assert sql.lstrip().startswith("SELECT") and "seg_" not in sql
    tree = sqlglot.parse_one(sql.rstrip().rstrip(";"), read=dialect)
    assert tree.find(sqlglot.exp.Select) is not None


@pytest.mark.parametrize("dialect", WAREHOUSE_DIALECTS)
def test_warehouse_sql_names_the_documented_tables(rules_file: Path, dialect: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    sql = _sql(rules_file, dialect, capsys)
    for name in ("lead", "tracking", "application", "activity", "mail", "tags__lower",
                 "campaign__lower"):
        assert name in sql
    if dialect == "spark":  # SparkStore's layout: instants as integer µs
        assert "1774958400000000" in sql
    else:
        assert "2026-03-31" in sql  # as_of inlined as a literal


def test_params_lists_placeholders_and_values(rules_file: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    sql = _sql(rules_file, "postgres", capsys, "--params")
    assert "%(p1)s" in sql
    assert "-- p1 = " in sql
    assert "'/pricing%'" in sql  # listed as a value (a LIKE pattern), not in the query text
    assert "'/pricing'" not in sql.split("-- p1 = ")[0]


def test_printed_sql_runs_on_the_engines_it_names(rules_file: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import leadrules as lr
    data = sample.generate(80)
    store = MemoryStore(data.leads, data.events)
    rules = lr.load(rules_file)
    want = rules.segment("hot_leads").select(store, "2026-03-31T12:00:00Z")

    conn = sqlite3.connect(":memory:")
    lite.write(conn, store)
    lite.prepare_connection(conn)
    got = sorted(r[0] for r in conn.execute(_sql(rules_file, "sqlite", capsys)))
    assert got == want

    duck_conn = duckdb.connect()
    duck.write(duck_conn, store)
    got = sorted(r[0] for r in duck_conn.execute(_sql(rules_file, "duckdb", capsys)).fetchall())
    assert got == want


def test_unknown_segment_is_a_usage_error(rules_file: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", str(rules_file), "hot_lead", "--dialect", "trino"]) == 2
    assert "did you mean 'hot_leads'" in capsys.readouterr().err


LIST_RULES = """
segment to_call {
  1: tracking exists
  match 1 and not in list called
}
"""


def test_in_list_needs_state_and_binds_the_members_as_of_the_instant(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import leadrules as lr
    from leadrules.lists import JsonListRepository, ListManager
    path = tmp_path / "l.rules"
    path.write_text(LIST_RULES, encoding="utf-8")
    data = sample.generate(60)
    store = MemoryStore(data.leads, data.events)
    ids = [lead["id"] for lead in data.leads]
    state = tmp_path / "state.json"
    sales = ListManager(None, JsonListRepository(state))
    sales.create_static("called", at="2026-01-01")
    sales.add("called", ids[:20], at="2026-02-01")
    sales.remove("called", ids[:5], at="2026-04-15")      # after the instant: not yet
    as_of = "2026-03-31T12:00:00Z"
    want = lr.load(path, lists=sales).segment("to_call").select(store, as_of)
    # The answer is not the one without the list, nor the one after the removal.
    assert want != lr.load(path, lists={"called": []}).segment("to_call").select(store, as_of)
    assert want != lr.load(path, lists={"called": ids[5:20]}).segment("to_call").select(
        store, as_of)

    # Without --state: a clear error that says how to give the lists.
    assert main(["sql", str(path), "to_call", "--dialect", "duckdb", "--as-of", as_of]) == 2
    err = capsys.readouterr().err
    assert "no lists are given" in err and "--state STATE" in err
    # A state that does not exist: an error, and nothing is created.
    missing = tmp_path / "missing.db"
    assert main(["sql", str(path), "to_call", "--dialect", "duckdb", "--as-of", as_of,
                 "--state", str(missing)]) == 2
    assert "no such list state file" in capsys.readouterr().err and not missing.exists()
    # A list the state lacks: the nearest name.
    path.write_text(LIST_RULES.replace("called", "caled"), encoding="utf-8")
    assert main(["sql", str(path), "to_call", "--dialect", "trino", "--as-of", as_of,
                 "--state", str(state)]) == 1  # a check error
    assert "did you mean 'called'?" in capsys.readouterr().err
    path.write_text(LIST_RULES, encoding="utf-8")

    def printed(dialect: str, *extra: str) -> str:
        code = main(["sql", str(path), "to_call", "--dialect", dialect, "--as-of", as_of,
                     "--state", str(state), *extra])
        out = capsys.readouterr().out
        assert code == 0
        return out

    duck_conn = duckdb.connect()
    duck.write(duck_conn, store)
    got = sorted(r[0] for r in duck_conn.execute(printed("duckdb")).fetchall())
    assert got == want
    conn = sqlite3.connect(":memory:")
    lite.write(conn, store)
    lite.prepare_connection(conn)
    assert sorted(r[0] for r in conn.execute(printed("sqlite"))) == want
    # The warehouse dialects parse back, with the 20 members of 2026-03-31 inlined.
    members = str(sorted(ids[:20])).replace("'", '"')
    for dialect in WAREHOUSE_DIALECTS:
        sql = printed(dialect)
        sqlglot.parse_one(sql.rstrip().rstrip(";"), read=dialect)
        assert members.replace('"', '""') in sql or members in sql, dialect
        assert f"= '{members}'" in printed(dialect, "--params"), dialect
