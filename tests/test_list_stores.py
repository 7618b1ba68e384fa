"""Lists and their history persisted in SQLite, PostgreSQL and DuckDB (issue 5),
behaving exactly like the in-memory repository."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from leadrules.cli import main
from leadrules.errors import StoreError
from leadrules.lists import LeadList, ListChange, ListManager, ListRepository, MemoryListRepository
from leadrules.stores.lists import SqlListRepository
from tests.test_lists import DAY, FRIDAY, MONDAY, RULES, clicks, store, write_data

DSN = "postgresql://postgres@127.0.0.1:5432/test"
Opener = Callable[[], ListRepository]


SQL_ENGINES = ["sqlite", "postgres", "duckdb"]


@contextlib.contextmanager
def opening(kind: str, tmp_path: Path) -> Iterator[Opener]:
    """Opens the same repository again each call (memory: the same object)."""
    if kind == "memory":
        repo = MemoryListRepository()
        yield lambda: repo
    elif kind == "sqlite":
        yield lambda: SqlListRepository.sqlite(tmp_path / "lists.db")
    elif kind == "duckdb":
        yield lambda: SqlListRepository.duckdb(tmp_path / "lists.duckdb")
    else:
        schema = f"lists_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(DSN, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield lambda: SqlListRepository.postgres(DSN, schema_name=schema)
        finally:
            with psycopg.connect(DSN, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["memory", *SQL_ENGINES])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    with opening(request.param, tmp_path) as open_again:
        yield open_again


@pytest.fixture(params=SQL_ENGINES)
def sql_opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    with opening(request.param, tmp_path) as open_again:
        yield open_again


def test_static_lists_persist_with_who_and_when(opener: Opener) -> None:
    lists = ListManager(RULES, opener())
    lists.create_static("called", by="sato", at=MONDAY)
    lists.add("called", ["A", "B"], by="sato", at=MONDAY)
    lists.remove("called", ["A"], by="tanaka", at=FRIDAY)
    again = ListManager(RULES, opener())
    assert again.members("called") == ["B"]
    member = again.member_details("called")[0]
    assert (member.since, member.by) == (MONDAY, "sato")
    assert [(c.action, c.entered, c.left, c.by) for c in again.history("called")] == [
        ("add", ("A", "B"), (), "sato"), ("remove", (), ("A",), "tanaka")]


def test_dynamic_refresh_persists_entered_left_and_history(opener: Opener) -> None:
    data = store()
    lists = ListManager(RULES, opener())
    lists.create_dynamic("hot", "hot", at=MONDAY)
    first = lists.refresh(data, MONDAY + DAY)["hot"]
    assert (first.entered, first.left) == (("A",), ())
    data.add_events("mail", clicks("B", FRIDAY, FRIDAY))
    second = lists.refresh(data, FRIDAY + 6 * DAY)["hot"]  # A's clicks are 10 days old
    assert (second.entered, second.left) == (("B",), ("A",))
    again = ListManager(RULES, opener())
    assert again.members("hot") == ["B"]
    assert again.get("hot").refreshed_at == FRIDAY + 6 * DAY
    assert again.members_at("hot", MONDAY + DAY) == ["A"]
    assert len(again.history("hot")) == 2


def test_deleting_a_list_removes_members_and_history(opener: Opener) -> None:
    lists = ListManager(RULES, opener())
    lists.create_static("x", at=MONDAY)
    lists.add("x", ["A"], at=MONDAY)
    lists.delete("x")
    repo = opener()
    assert repo.list_names() == () and repo.history("x") == () and repo.members("x") == {}


def test_replacing_a_definition_keeps_members_and_history(opener: Opener) -> None:
    lists = ListManager(RULES, opener())
    lists.create_static("x", title="old", at=MONDAY)
    lists.add("x", ["A"], by="sato", at=MONDAY)
    definition = lists.get("x")
    opener().save_list(LeadList("x", "static", None, "new", definition.created_at, "suzuki"))
    again = ListManager(RULES, opener())
    assert (again.get("x").title, again.get("x").created_by) == ("new", "suzuki")
    assert again.members("x") == ["A"] and len(again.history("x")) == 1


def test_recording_a_member_again_renews_its_entry(opener: Opener) -> None:
    repo = opener()
    repo.save_list(LeadList("x", "static", created_at=MONDAY))
    repo.record(ListChange("x", MONDAY, "add", ("A", "B"), (), "sato"))
    repo.record(ListChange("x", FRIDAY, "add", ("A",), (), "suzuki"))
    members = opener().members("x")
    assert {m.lead_id: (m.since, m.by) for m in members.values()} == {
        "A": (FRIDAY, "suzuki"), "B": (MONDAY, "sato")}


def test_a_failed_update_leaves_the_stored_lists_as_they_were(sql_opener: Opener) -> None:
    lists = ListManager(RULES, sql_opener())
    lists.create_dynamic("hot", "hot", at=MONDAY)
    lists.refresh(store(), MONDAY + DAY)
    before = sql_opener()
    members, history = dict(before.members("hot")), tuple(before.history("hot"))
    # "C" is written first; the missing id then breaks a NOT NULL column mid-transaction.
    entered: Any = ("C", None)
    broken = ListChange("hot", FRIDAY, "refresh", entered, ("A",), "batch")
    with pytest.raises(StoreError, match="list storage failed"):
        sql_opener().record(broken)
    after = sql_opener()
    assert dict(after.members("hot")) == members and tuple(after.history("hot")) == history
    hot = after.get_list("hot")
    assert hot is not None and hot.refreshed_at == MONDAY + DAY
    after.record(ListChange("hot", FRIDAY, "add", ("C",), (), "sato"))  # still usable
    assert sorted(sql_opener().members("hot")) == ["A", "C"]


def test_a_duckdb_file_open_as_a_store_keeps_no_lists(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "hot.rules"
    rules.write_text('segment hot { match mail { kind = "click" } count >= 2 }\n',
                     encoding="utf-8")
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    leads = str(tmp_path / "leads.duckdb")
    assert main(["import", str(data), "--into", leads]) == 0
    base = ["list", "refresh", str(rules), "hot", "--data", leads, "--as-of",
            "2026-11-20T09:00Z", "--format", "json", "--state"]
    assert main([*base, leads]) != 0
    assert "keep the lists in a file of their own" in capsys.readouterr().err
    assert main([*base, str(tmp_path / "lists.duckdb")]) == 0
    assert json.loads(capsys.readouterr().out)[0]["entered"] == ["A", "B"]


@pytest.mark.parametrize("state_file", ["lists.db", "lists.duckdb"])
def test_cli_weekly_routine_with_lists_in_a_database_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], state_file: str) -> None:
    rules = tmp_path / "hot.rules"
    rules.write_text('segment hot { match mail { kind = "click"; occurred_at within 7 days } '
                     'count >= 2 and not activity exists }\n', encoding="utf-8")
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    state = str(tmp_path / state_file)
    base = ["list", "refresh", str(rules), "hot", "--data", str(data), "--state", state,
            "--format", "json"]
    assert main([*base, "--as-of", "2026-11-16T12:00Z"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["entered"] == ["A"]
    write_data(data, with_followup=True)
    assert main([*base, "--as-of", "2026-11-20T09:00Z"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert (second[0]["entered"], second[0]["left"]) == (["B"], ["A"])
    assert main(["list", "show", state, "hot", "--format", "json"]) == 0
    assert [m["lead_id"] for m in json.loads(capsys.readouterr().out)] == ["B"]
