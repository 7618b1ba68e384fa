"""A SQLite store a process was killed in mid-write reads again (crash explorer's find).

A process killed inside a write transaction leaves the store's rollback journal
(``NAME.db-journal``) *hot*: the file holds some of the transaction's pages and
the journal the old ones.  Only a connection allowed to write may roll it back,
so every read through the store's read-only connection failed with "attempt to
write a readonly database", reported as "is not a leadrules SQLite store".
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main
from leadrules.stores.open import open_store

LEADS = 3_000
AS_OF = "2026-04-01T00:00:00Z"

# Deletes every lead in a write transaction whose cache spills to the file, then
# kills itself before the commit: the file is half-written, the journal hot.
KILLER = textwrap.dedent("""
    import os, signal, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size = 2")
    conn.execute("BEGIN IMMEDIATE")
    for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        conn.execute(f'DELETE FROM "{name}"')
    os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "lead.csv").write_text(
        "id,company\n" + "".join(f"L{i:05d},Company number {i}\n" for i in range(LEADS)),
        encoding="utf-8")
    (folder / "tracking.csv").write_text(
        "lead_id,occurred_at,path\n" + "".join(
            f"L{i % LEADS:05d},2026-03-{1 + i % 28:02d}T10:00:00Z,/p/{i}\n"
            for i in range(2 * LEADS)), encoding="utf-8")
    target = tmp_path / "t.db"
    assert main(["import", str(folder), "--into", str(target)]) == 0
    return target


def _kill_mid_write(target: Path) -> None:
    done = subprocess.run([sys.executable, "-c", KILLER, str(target)], check=False)
    assert done.returncode == -9
    journal = target.with_name(target.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0, "the journal is not hot"


def test_a_store_killed_mid_write_reads_its_old_rows(store: Path) -> None:
    _kill_mid_write(store)
    opened = open_store(str(store))
    try:
        assert len(opened.leads()) == LEADS
        rules = lr.parse('segment busy "Busy" { 1: tracking count >= 2 }')
        assert len(rules.segment("busy").select(opened, as_of=AS_OF)) == LEADS
    finally:
        opened.close()
    assert not store.with_name(store.name + "-journal").exists()


def test_the_cli_reads_a_store_killed_mid_write(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _kill_mid_write(store)
    rules = tmp_path / "r.rules"
    rules.write_text('segment busy "Busy" { 1: tracking count >= 2 }\n', encoding="utf-8")
    assert main(["segment", str(rules), "busy", "--data", str(store), "--as-of", AS_OF,
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == LEADS + 1


def test_a_hot_journal_that_cannot_be_rolled_back_is_named(
        store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As where the process may not write the file or its folder (the suite runs
    # as root, who may): the roll-back does not happen.
    from leadrules.errors import StoreError
    from leadrules.stores import sqlite
    _kill_mid_write(store)
    monkeypatch.setattr(sqlite, "roll_back_hot_journal", lambda path: None)
    with pytest.raises(StoreError, match=r"unfinished write .*journal") as caught:
        open_store(str(store))
    assert "not a leadrules SQLite store" not in str(caught.value)


def test_a_list_state_file_killed_mid_write_reads_its_lists(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "lists.db"
    ids = [f"L{i:05d}" for i in range(LEADS)]
    assert main(["list", "add", str(state), "vip", *ids, "--force"]) == 0
    _kill_mid_write(state)
    capsys.readouterr()
    assert main(["list", "show", str(state), "vip"]) == 0
    out = capsys.readouterr().out
    assert all(lead_id in out for lead_id in ids)
