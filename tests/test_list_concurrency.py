"""List state shared by processes (issue 15 item 1, issue 13 item 6): concurrent
add / remove / refresh on every repository lose nothing, duplicate nothing, and
the history replays to the members; waiting too long is a clear BusyError.

The oracle is independent of the repositories: each worker's adds and removes
are known in advance (ids of its own), and the history is replayed here, step by
step, checking that every entered id was not a member and every left id was.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import random
import sqlite3
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

import leadrules as lr
from leadrules.cli import main
from leadrules.errors import BusyError
from leadrules.files import FileLock, lock_path
from leadrules.lists import JsonListRepository, ListChange, ListManager, ListRepository
from leadrules.stores.lists import SqlListRepository
from tests.backends import POSTGRES_URL, unique_name

KINDS = ["json", "sqlite", "duckdb", "postgres"]
PROCESSES = 4
ROUNDS = 50
AS_OF = "2026-11-20T09:00Z"
RULES = lr.parse("segment big { match employees >= 100 }\n")
LEADS = [f"L{i:02d}" for i in range(24)]


def _context() -> Any:
    # fork starts a worker in milliseconds; elsewhere the module is imported again.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def open_repository(kind: str, where: str, timeout: float = 30.0) -> ListRepository:
    if kind == "json":
        return JsonListRepository(where, timeout=timeout)
    if kind == "sqlite":
        return SqlListRepository.sqlite(where, timeout=timeout)
    if kind == "duckdb":
        return SqlListRepository.duckdb(where, timeout=timeout)
    return SqlListRepository.postgres(POSTGRES_URL, schema_name=where, timeout=timeout)


@contextlib.contextmanager
def state(kind: str, tmp_path: Path) -> Iterator[str]:
    """Where a fresh state of ``kind`` lives (a path, or a PostgreSQL schema)."""
    if kind != "postgres":
        yield str(tmp_path / {"json": "lists.json", "sqlite": "lists.db",
                              "duckdb": "lists.duckdb"}[kind])
        return
    schema = unique_name("lr_lists")
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def plan(proc: int) -> list[tuple[str, str]]:
    """Worker ``proc``'s rounds: (action, lead id) — adds and removes of ids of its
    own (a remove takes off an id it added two rounds before), and refreshes."""
    steps = []
    for r in range(ROUNDS):
        own = f"p{proc}r{r}"
        if r % 3 == 0 or (r % 3 == 2 and (r // 3) % 2 == 1):
            steps.append(("add", own))
        elif r % 3 == 2:
            steps.append(("remove", f"p{proc}r{r - 2}"))
        else:
            steps.append(("refresh", ""))
    return steps


def data_for(proc: int, r: int) -> lr.MemoryStore:
    """A store whose `big` leads differ from round to round and worker to worker."""
    pick = random.Random(proc * 1000 + r)
    return lr.MemoryStore([{"id": i, "created_at": "2026-01-01",
                            "employees": pick.choice((10, 500))} for i in LEADS], {})


def big_leads(proc: int, r: int) -> frozenset[str]:
    return frozenset(lead["id"] for lead in data_for(proc, r).leads()
                     if lead["employees"] >= 100)


def worker(kind: str, where: str, proc: int, barrier: Any, errors: Any) -> None:
    try:
        lists = ListManager(RULES, open_repository(kind, where))
        barrier.wait()
        for r, (action, lead_id) in enumerate(plan(proc)):
            if action == "add":
                lists.add("called", [lead_id], by=f"p{proc}")
            elif action == "remove":
                lists.remove("called", [lead_id], by=f"p{proc}")
            else:
                lists.refresh(data_for(proc, r), AS_OF, names=["big"])
    except BaseException:
        errors.put(f"worker {proc}: {traceback.format_exc()}")
        sys.exit(1)


def run_workers(target: Any, args: tuple[Any, ...], count: int = PROCESSES) -> None:
    ctx = _context()
    barrier, errors = ctx.Barrier(count), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, p, barrier, errors)) for p in range(count)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert not problems, "\n".join(problems)
    assert [p.exitcode for p in procs] == [0] * count


def replay(history: list[ListChange]) -> set[str]:
    """The members the history leaves; each step must be consistent with the members
    before it (nobody enters twice or leaves without being there)."""
    members: set[str] = set()
    for step, change in enumerate(history):
        assert not members & set(change.entered), (step, change)
        assert set(change.left) <= members, (step, change)
        assert len(set(change.entered)) == len(change.entered), (step, change)
        members |= set(change.entered)
        members -= set(change.left)
    return members


@pytest.mark.parametrize("kind", KINDS)
def test_concurrent_writers_lose_nothing_and_history_replays(kind: str, tmp_path: Path
                                                             ) -> None:
    with state(kind, tmp_path) as where:
        setup = ListManager(RULES, open_repository(kind, where))
        setup.create_static("called")
        setup.create_dynamic("big", "big")
        run_workers(worker, (kind, where))

        lists = ListManager(RULES, open_repository(kind, where))
        added = {lead for p in range(PROCESSES) for a, lead in plan(p) if a == "add"}
        removed = {lead for p in range(PROCESSES) for a, lead in plan(p) if a == "remove"}
        history = lists.history("called")
        entered = [i for c in history for i in c.entered]
        left = [i for c in history for i in c.left]
        assert sorted(entered) == sorted(added)      # none lost, none twice
        assert sorted(left) == sorted(removed)
        assert set(lists.members("called")) == added - removed == replay(history)

        refreshes = lists.history("big")
        assert len(refreshes) == PROCESSES * sum(a == "refresh" for a, _ in plan(0))
        members = set(lists.members("big"))
        assert replay(refreshes) == members
        assert members in {big_leads(p, r) for p in range(PROCESSES)
                           for r, (a, _) in enumerate(plan(p)) if a == "refresh"}
        assert lists.members_at("big", AS_OF) == sorted(members)


def cli_worker(where: str, proc: int, barrier: Any, errors: Any) -> None:
    try:
        barrier.wait()
        for r in range(10):
            code = main(["list", "add", where, "called", f"p{proc}r{r}", "--force",
                         "--by", f"p{proc}"])
            assert code == 0, code
            if r % 2:
                assert main(["list", "remove", where, "called", f"p{proc}r{r - 1}"]) == 0
    except BaseException:
        errors.put(f"worker {proc}: {traceback.format_exc()}")
        sys.exit(1)


def test_concurrent_cli_edits_of_one_json_state_lose_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    where = str(tmp_path / "lists.json")
    run_workers(cli_worker, (where,))
    capsys.readouterr()
    lists = ListManager(None, JsonListRepository(where))
    want = {f"p{p}r{r}" for p in range(PROCESSES) for r in range(0, 10, 2)} ^ {
        f"p{p}r{r}" for p in range(PROCESSES) for r in range(10)}
    assert set(lists.members("called")) == want == replay(lists.history("called"))
    assert len(lists.history("called")) == PROCESSES * 15


# ------------------------------------------------------------ waiting, then a clear error


@contextlib.contextmanager
def held(kind: str, where: str) -> Iterator[None]:
    """Another writer holding ``where``'s lock, as a process in the middle of a write."""
    if kind == "json":
        with FileLock(lock_path(where)):
            yield
    elif kind == "sqlite":
        conn = sqlite3.connect(where, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.close()
    elif kind == "duckdb":
        conn = _context().Process(target=_hold_duckdb, args=(where,))
        started = time.monotonic()
        conn.start()
        while not Path(where + ".held").exists():
            assert time.monotonic() - started < 30
            time.sleep(0.01)
        yield
        Path(where + ".held").unlink()
        conn.join(30)
    else:
        with psycopg.connect(POSTGRES_URL) as pg:
            pg.execute(f'LOCK TABLE "{where}".leadrules_list_history IN EXCLUSIVE MODE')
            yield


def _hold_duckdb(where: str) -> None:
    conn = duckdb.connect(where)
    Path(where + ".held").touch()
    while Path(where + ".held").exists():
        time.sleep(0.01)
    conn.close()


@pytest.mark.parametrize("kind", KINDS)
def test_a_writer_that_waits_too_long_gets_a_clear_busy_error(kind: str, tmp_path: Path
                                                              ) -> None:
    with state(kind, tmp_path) as where:
        setup = ListManager(None, open_repository(kind, where))
        setup.create_static("called")
        setup.add("called", ["A"])
        impatient = ListManager(None, open_repository(kind, where, timeout=0.3))
        with held(kind, where):
            started = time.monotonic()
            with pytest.raises(BusyError, match=r"waited 0.3 s|more than 0.3 s"):
                impatient.add("called", ["B"])
            assert time.monotonic() - started < 10
        assert ListManager(None, open_repository(kind, where)).members("called") == ["A"]
