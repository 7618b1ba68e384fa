"""Lists and their history persisted in SQLite and PostgreSQL (issue 5), behaving
exactly like the in-memory repository."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from leadrules.cli import main
from leadrules.lists import ListManager, ListRepository, MemoryListRepository
from leadrules.stores.lists import SqlListRepository
from tests.test_lists import DAY, FRIDAY, MONDAY, RULES, clicks, store, write_data

DSN = "postgresql://postgres@127.0.0.1:5432/test"
Opener = Callable[[], ListRepository]


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens the same repository again each call (memory: the same object)."""
    if request.param == "memory":
        repo = MemoryListRepository()
        yield lambda: repo
    elif request.param == "sqlite":
        yield lambda: SqlListRepository.sqlite(tmp_path / "lists.db")
    else:
        schema = f"lists_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(DSN, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield lambda: SqlListRepository.postgres(DSN, schema_name=schema)
        finally:
            with psycopg.connect(DSN, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


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


def test_cli_weekly_routine_with_lists_in_a_sqlite_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "hot.rules"
    rules.write_text('segment hot { match mail { kind = "click"; occurred_at within 7 days } '
                     'count >= 2 and not activity exists }\n', encoding="utf-8")
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    state = str(tmp_path / "lists.db")
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
