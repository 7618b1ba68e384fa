"""List state that survives and agrees (issue 13 items 2, 5, 6; issue 15 item 2):
the JSON state file keeps its mode and its symlink and is replaced durably; a
bare `since` date is the start of that day in the rules' time zone in Python as
in the CLI; `list add` refuses unknown ids; re-importing a store keeps its lists."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

import leadrules as lr
from leadrules import files
from leadrules.cli import main
from leadrules.dates import since_instant, zone
from leadrules.errors import BusyError, StoreError, UsageError
from leadrules.lists import JsonListRepository, ListManager, MemoryListRepository
from leadrules.stores.lists import SqlListRepository
from tests.backends import POSTGRES_URL, unique_name
from tests.test_lists import write_data

UTC = dt.UTC
TOKYO = zone("Asia/Tokyo")

# ------------------------------------------------------------------ the JSON file


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_json_state_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "lists.json"
    assert main(["list", "add", str(path), "called", "A", "--force"]) == 0
    os.chmod(path, 0o664)
    assert main(["list", "add", str(path), "called", "B", "--force"]) == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o664
    assert ListManager(None, JsonListRepository(path)).members("called") == ["A", "B"]


def test_a_new_json_state_gets_the_usual_mode(tmp_path: Path) -> None:
    path = tmp_path / "lists.json"
    JsonListRepository(path).save_list(lr.lists.LeadList("called", "static"))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~umask


def test_the_json_state_is_written_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real" / "lists.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["list", "add", str(link), "called", "A", "--force"]) == 0
    assert main(["list", "add", str(link), "called", "B", "--force"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert [m["lead_id"] for m in json.loads(real.read_text())["lists"][0]["members"]] == [
        "A", "B"]
    # The lock lives beside the real file, so every path to it takes the same lock.
    assert (real.parent / "lists.json.lock").exists()
    assert not (tmp_path / "link.json.lock").exists()
    assert sorted(p.name for p in real.parent.iterdir()) == ["lists.json", "lists.json.lock"]


def test_the_json_state_is_synced_before_and_after_its_rename(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lists.json"
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(a: Any, b: Any) -> None:
        events.append("rename")
        real_replace(a, b)
    monkeypatch.setattr(files.os, "fsync", fsync)
    monkeypatch.setattr(files.os, "replace", replace)
    JsonListRepository(path).save_list(lr.lists.LeadList("called", "static"))
    assert events == ["fsync file", "rename", "fsync folder"]


def test_a_failed_write_leaves_the_old_state_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lists.json"
    repo = JsonListRepository(path)
    ListManager(None, repo).create_static("called")
    before = path.read_bytes()

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(files.os, "fsync", broken)
    with pytest.raises(UsageError, match="No space left"):
        ListManager(None, repo).add("called", ["A"])
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lists.json", "lists.json.lock"]
    assert ListManager(None, repo).members("called") == []  # nothing cached from the failure


def test_memory_repository_save_writes_the_same_way(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    repo = MemoryListRepository()
    ListManager(None, repo).create_static("called")
    repo.save(link)
    assert link.is_symlink()
    assert MemoryListRepository.load(real).list_names() == ("called",)


# ----------------------------------------------------------------- since: one reading

RULES_TOKYO = lr.parse('timezone "Asia/Tokyo"\nsegment big { match employees >= 100 }\n')


def test_since_a_bare_date_is_the_start_of_that_day_in_the_time_zone() -> None:
    start = dt.datetime(2026, 11, 16, tzinfo=TOKYO)
    assert since_instant("2026-11-16", TOKYO) == start.astimezone(UTC) - dt.timedelta(
        microseconds=1)
    assert since_instant(dt.date(2026, 11, 16), UTC) == dt.datetime(
        2026, 11, 15, 23, 59, 59, 999999, tzinfo=UTC)
    assert since_instant("2026-11-16T09:00", TOKYO) == dt.datetime(2026, 11, 16, 0, tzinfo=UTC)
    assert since_instant("2026-11-16T09:00Z", TOKYO) == dt.datetime(2026, 11, 16, 9,
                                                                    tzinfo=UTC)
    # The zone by its IANA name, as the docs name it; an abbreviation is refused.
    assert since_instant("2026-11-16", "Asia/Tokyo") == since_instant("2026-11-16", TOKYO)
    with pytest.raises(ValueError, match="unknown time zone 'JST': did you mean 'Asia/Tokyo'"):
        since_instant("2026-11-16", "JST")


def _monday_refresh() -> ListManager:
    """A refresh at 08:00 Tokyo on Monday 2026-11-16 (23:00 UTC on Sunday)."""
    lists = ListManager(RULES_TOKYO, MemoryListRepository())
    lists.create_dynamic("big", "big")
    sunday = lr.MemoryStore([{"id": "A", "created_at": "2026-01-01", "employees": 500}], {})
    lists.refresh(sunday, "2026-11-14T12:00Z")
    monday = lr.MemoryStore([{"id": "A", "created_at": "2026-01-01", "employees": 500},
                             {"id": "B", "created_at": "2026-01-01", "employees": 900}], {})
    lists.refresh(monday, "2026-11-15T23:00Z")
    return lists


def test_history_and_changes_since_a_date_include_that_days_changes() -> None:
    lists = _monday_refresh()
    # That Monday's refresh counts in Tokyo ...
    assert [c.entered for c in lists.history("big", since="2026-11-16")] == [("B",)]
    net = lists.changes_since("big", "2026-11-16")
    assert (net.entered, net.left) == (("B",), ())
    assert lists.members_at("big", "2026-11-15") == ["A"]  # end of Sunday, Tokyo
    # ... and not in UTC, where it happened on Sunday.
    assert lists.history("big", since="2026-11-16", timezone="UTC") == []
    assert lists.changes_since("big", "2026-11-16", timezone="UTC").entered == ()
    with pytest.raises(UsageError, match="bad time"):
        lists.history("big", since="last monday")


def test_python_and_cli_read_since_alike(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "r.rules"
    rules.write_text('timezone "Asia/Tokyo"\nsegment big { match employees >= 100 }\n',
                     encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "lead.csv").write_text("id,created_at,employees\nA,2026-01-01,500\n"
                                   "B,2026-11-15T23:30:00Z,900\n", encoding="utf-8")
    assert main(["list", "diff", str(rules), "big", "--data", str(data), "--since",
                 "2026-11-16", "--as-of", "2026-11-20", "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)[0]
    lists = ListManager(lr.load(rules), MemoryListRepository())
    lists.create_dynamic("big", "big")
    store = lr.MemoryStore.from_folder(data, lr.load(rules).schema)
    for day in ("2026-11-14", "2026-11-15T23:40Z", "2026-11-20"):
        lists.refresh(store, day)
    net = lists.changes_since("big", "2026-11-16")
    # B was created at 08:30 on Monday in Tokyo: it entered since Monday in both.
    assert (list(net.entered), list(net.left)) == (cli["entered"], cli["left"]) == (["B"], [])


# ----------------------------------------------------------------- list add checks ids


def test_list_add_refuses_unknown_ids_unless_forced(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    state = str(tmp_path / "lists.json")
    assert main(["list", "add", state, "called", "A", "NOPE123", "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert "1 lead id not in the data: NOPE123" in err and "--force" in err
    assert not Path(state).exists()  # nothing written, not even the list
    assert main(["list", "add", state, "called", "A"]) == 2
    assert "give --data" in capsys.readouterr().err
    assert main(["list", "add", state, "called", "A", "--data", str(data)]) == 0
    assert main(["list", "add", state, "called", "NOPE123", "--force"]) == 0
    assert main(["list", "add", state, "called", "A", "--force", "--data", str(data)]) == 2
    capsys.readouterr()
    assert ListManager(None, JsonListRepository(state)).members("called") == ["A", "NOPE123"]


def test_list_add_checks_against_the_store_it_is_kept_in(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    leads = str(tmp_path / "leads.db")
    assert main(["import", str(data), "--into", leads]) == 0
    assert main(["list", "add", leads, "called", "B", "X9"]) == 2
    assert "X9" in capsys.readouterr().err
    assert main(["list", "add", leads, "called", "B"]) == 0
    lists_only = str(tmp_path / "lists.db")
    assert main(["list", "add", lists_only, "called", "B"]) == 2
    assert "give --data" in capsys.readouterr().err


def test_the_python_add_checks_ids_when_given_a_store() -> None:
    lists = ListManager(None, MemoryListRepository())
    lists.create_static("called")
    store = lr.MemoryStore([{"id": "A", "created_at": "2026-01-01"}], {})
    with pytest.raises(UsageError, match="not in the data: X"):
        lists.add("called", ["A", "X"], store=store)
    assert lists.members("called") == []
    lists.add("called", ["X"])  # no store: nothing to check against
    assert lists.members("called") == ["X"]


# ------------------------------------------------------- re-import keeps the lists


def _routine(tmp_path: Path, state: str, into: str, capsys: pytest.CaptureFixture[str]
             ) -> None:
    """Import, keep lists, re-import twice: the lists and their history stay."""
    rules = tmp_path / "hot.rules"
    rules.write_text('segment hot { match mail { kind = "click" } count >= 2 }\n',
                     encoding="utf-8")
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    assert main(["import", str(data), "--into", into]) == 0
    base = ["list", "refresh", str(rules), "hot", "--data", into, "--state", state,
            "--format", "json", "--as-of", "2026-11-20T09:00Z"]
    assert main(base) == 0
    assert main(["list", "add", state, "called", "A", "--by", "sato", "--data", into]) == 0
    capsys.readouterr()
    show = ["list", "show", state, "hot", "--history", "--format", "json"]
    assert main(show) == 0
    history = capsys.readouterr().out
    for _ in range(2):
        assert main(["import", str(data), "--into", into, "--replace"]) == 0
        capsys.readouterr()
        assert main(show) == 0
        assert capsys.readouterr().out == history
    assert main(["list", "show", state, "called", "--format", "json"]) == 0
    assert [(m["lead_id"], m["by"]) for m in json.loads(capsys.readouterr().out)] == [
        ("A", "sato")]
    assert main(base) == 0  # the store still reads, and the list goes on
    assert json.loads(capsys.readouterr().out)[0]["entered"] == []


def test_reimport_into_sqlite_keeps_lists_kept_in_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leads = str(tmp_path / "leads.db")
    _routine(tmp_path, leads, leads, capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "hot.rules", "leads.db"]


def test_reimport_into_a_sqlite_file_in_wal_mode_folds_its_log_in_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An application may keep its SQLite store in WAL mode (docs/embedding.md).  A
    process that died left list changes in ``leads.db-wal`` only; re-importing
    keeps them, the new file is in WAL mode too, and no log of the old file is
    left beside the new one (its frames would be replayed into it)."""
    leads = tmp_path / "leads.db"
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    assert main(["import", str(data), "--into", str(leads)]) == 0
    script = f"""
import os, sqlite3
from leadrules.lists import ListManager
from leadrules.stores.lists import SqlListRepository
conn = sqlite3.connect({str(leads)!r}, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.close()
lists = ListManager(None, SqlListRepository.sqlite({str(leads)!r}))
lists.create_static("called")
lists.add("called", ["A"], by="sato")
raw = sqlite3.connect({str(leads)!r})
raw.execute("PRAGMA wal_autocheckpoint = 0")
raw.execute("SELECT count(*) FROM sqlite_master").fetchall()
os._exit(0)  # killed: the log is not checkpointed
"""
    import subprocess
    subprocess.run([sys.executable, "-c", script], check=True)
    capsys.readouterr()
    assert main(["import", str(data), "--into", str(leads), "--replace"]) == 0
    assert not (tmp_path / "leads.db-wal").exists()
    conn = sqlite3.connect(leads)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    capsys.readouterr()
    assert main(["list", "show", str(leads), "called", "--format", "json"]) == 0
    assert [(m["lead_id"], m["by"]) for m in json.loads(capsys.readouterr().out)] == [
        ("A", "sato")]


def test_reimport_waits_for_connections_to_a_wal_file_then_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from leadrules.stores.importer import import_data
    leads = tmp_path / "leads.db"
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    assert main(["import", str(data), "--into", str(leads)]) == 0
    other = sqlite3.connect(leads, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("SELECT count(*) FROM sqlite_master").fetchall()
        before = leads.read_bytes()
        with pytest.raises(BusyError, match="WAL mode and other connections kept it open"):
            import_data(str(data), str(leads), timeout=0.3)
        assert leads.read_bytes() == before
    finally:
        other.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "leads.db"]


def test_reimport_into_postgres_keeps_lists_kept_in_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = unique_name("lr_keep")
    url = f"{POSTGRES_URL}?schema={schema}"
    try:
        _routine(tmp_path, url, url, capsys)
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_reimport_into_duckdb_keeps_lists_and_other_tables_kept_in_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    leads = tmp_path / "leads.duckdb"
    assert main(["import", str(data), "--into", str(leads)]) == 0
    lists = ListManager(None, SqlListRepository.duckdb(leads))  # the store is not open
    lists.create_static("called")
    lists.add("called", ["A", "B"], by="sato")
    lists.remove("called", ["B"])
    conn = duckdb.connect(str(leads))
    conn.execute("CREATE SEQUENCE notes_id START 1")
    conn.execute("CREATE TABLE notes (id INTEGER DEFAULT nextval('notes_id'), txt TEXT)")
    conn.execute("INSERT INTO notes (txt) VALUES ('x'), ('y')")
    conn.execute("CREATE INDEX notes_txt ON notes (txt)")
    conn.execute("CREATE VIEW note_count AS SELECT count(*) AS n FROM notes")
    conn.close()
    write_data(data, with_followup=True)  # a new source: activity
    assert main(["import", str(data), "--into", str(leads)]) == 0
    again = ListManager(None, SqlListRepository.duckdb(leads))
    assert again.members("called") == ["A"]
    assert [c.action for c in again.history("called")] == ["add", "remove"]
    conn = duckdb.connect(str(leads))
    conn.execute("INSERT INTO notes (txt) VALUES ('z')")
    assert conn.execute("SELECT id, txt FROM notes ORDER BY id").fetchall() == [
        (1, "x"), (2, "y"), (3, "z")]
    assert conn.execute("SELECT n FROM note_count").fetchall() == [(3,)]
    assert conn.execute("SELECT count(*) FROM activity").fetchall() == [(1,)]
    conn.close()
    assert main(["segment", str(_rules(tmp_path)), "hot", "--data", str(leads),
                 "--as-of", "2026-11-20T09:00Z", "--format", "ids"]) == 0
    assert capsys.readouterr().out.split() == ["B"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".wal"))]


def _rules(tmp_path: Path) -> Path:
    rules = tmp_path / "hot.rules"
    rules.write_text('segment hot { match mail { kind = "click" } count >= 2 '
                     'and not activity exists }\n', encoding="utf-8")
    return rules


def test_reimport_into_sqlite_keeps_the_users_own_tables(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_data(data, with_followup=True)
    leads = tmp_path / "leads.db"
    assert main(["import", str(data), "--into", str(leads)]) == 0
    conn = sqlite3.connect(leads)
    conn.executescript("""
        CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, lead_id TEXT, txt TEXT);
        INSERT INTO notes (lead_id, txt) VALUES ('A', 'called'), ('B', 'no answer');
        DELETE FROM notes WHERE id = 2;
        CREATE TABLE tags (lead_id TEXT, tag TEXT, PRIMARY KEY (lead_id, tag)) WITHOUT ROWID;
        INSERT INTO tags VALUES ('A', 'vip');
        CREATE INDEX notes_lead ON notes (lead_id);
        CREATE VIEW vip AS SELECT lead_id FROM tags WHERE tag = 'vip';
        CREATE TRIGGER notes_upper AFTER INSERT ON notes BEGIN
            UPDATE notes SET txt = upper(txt) WHERE id = new.id; END;
    """)
    conn.commit()
    conn.close()
    write_data(data, with_followup=False)  # activity.csv stays: write a smaller folder
    (data / "activity.csv").unlink()
    assert main(["import", str(data), "--into", str(leads)]) == 0
    conn = sqlite3.connect(leads)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"notes", "tags", "notes_lead", "vip", "notes_upper"} <= names
    # The store's own tables hold the new data only.
    assert conn.execute("SELECT count(*) FROM activity").fetchall() == [(0,)]
    conn.execute("INSERT INTO notes (lead_id, txt) VALUES ('B', 'later')")
    assert conn.execute("SELECT id, txt FROM notes ORDER BY id").fetchall() == [
        (1, "called"), (3, "LATER")]
    assert conn.execute("SELECT * FROM vip").fetchall() == [("A",)]
    conn.close()


def test_reimport_refuses_a_clash_and_a_file_that_is_not_a_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    leads = tmp_path / "leads.db"
    assert main(["import", str(data), "--into", str(leads)]) == 0
    conn = sqlite3.connect(leads)
    conn.execute("CREATE TABLE webinar (x INTEGER)")
    conn.commit()
    conn.close()
    before = leads.read_bytes()
    (data / "webinar.csv").write_text("lead_id,occurred_at\n", encoding="utf-8")
    assert main(["import", str(data), "--into", str(leads)]) == 1
    assert "table webinar" in capsys.readouterr().err
    assert leads.read_bytes() == before
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n", encoding="utf-8")
    assert main(["import", str(data), "--into", str(junk)]) == 2
    assert "is not a SQLite database" in capsys.readouterr().err
    assert junk.read_text(encoding="utf-8") == "not a database\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_import_into_a_file_of_lists_only_keeps_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    state = tmp_path / "shared.db"
    lists = ListManager(None, SqlListRepository.sqlite(state))
    lists.create_static("called")
    lists.add("called", ["A"])
    assert main(["import", str(data), "--into", str(state)]) == 0
    # The open repository notices that the path now names another file.
    lists.add("called", ["B"])
    assert ListManager(None, SqlListRepository.sqlite(state)).members("called") == ["A", "B"]
    assert lr.open_store(str(state)).lead("A") is not None


# ------------------------------------------- re-import while list writers are busy


def _writer(where: str, count: int, ready: Any) -> None:
    lists = ListManager(None, SqlListRepository.sqlite(where))
    ready.set()
    for i in range(count):
        lists.add("called", [f"W{i}"])


def _importer(data: str, where: str, times: int, ready: Any) -> None:
    ready.wait(30)
    for _ in range(times):
        lr.stores.importer.import_data(data, where)


def test_reimport_while_lists_are_written_loses_no_change(tmp_path: Path) -> None:
    from tests.test_list_concurrency import _context
    data = tmp_path / "data"
    write_data(data, with_followup=False)
    leads = str(tmp_path / "leads.db")
    assert main(["import", str(data), "--into", leads]) == 0
    ListManager(None, SqlListRepository.sqlite(leads)).create_static("called")
    ctx = _context()
    ready = ctx.Event()
    procs = [ctx.Process(target=_writer, args=(leads, 60, ready)),
             ctx.Process(target=_importer, args=(str(data), leads, 6, ready))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    lists = ListManager(None, SqlListRepository.sqlite(leads))
    assert lists.members("called") == sorted(f"W{i}" for i in range(60))
    assert len(lists.history("called")) == 60


def test_sql_repositories_read_the_url_schema(tmp_path: Path) -> None:
    schema = unique_name("lr_url")
    url = f"{POSTGRES_URL}?schema={schema}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        ListManager(None, SqlListRepository.postgres(url)).create_static("called")
        with psycopg.connect(POSTGRES_URL) as conn:
            assert conn.execute(f'SELECT name FROM "{schema}".leadrules_lists').fetchall() == [
                ("called",)]
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    with pytest.raises(StoreError):
        SqlListRepository.sqlite(tmp_path / "no" / "such" / "folder.db")


def _hold_lock_forever(where: str) -> None:
    with files.FileLock(files.lock_path(where)):
        Path(where + ".held").touch()
        time.sleep(60)


def test_a_killed_writer_leaves_neither_a_lock_nor_a_temporary_file(tmp_path: Path) -> None:
    from tests.test_list_concurrency import _context
    path = tmp_path / "lists.json"
    lists = ListManager(None, JsonListRepository(path, timeout=5))
    lists.create_static("called")
    killed = _context().Process(target=_hold_lock_forever, args=(str(path),))
    killed.start()
    started = time.monotonic()
    while not Path(f"{path}.held").exists():
        assert time.monotonic() - started < 30
        time.sleep(0.01)
    # A write it was in the middle of when killed:
    (tmp_path / ".lists.json.leadrules-0badf00d.tmp").write_text("{half", encoding="utf-8")
    os.kill(killed.pid or 0, signal.SIGKILL)
    killed.join(10)
    lists.add("called", ["A"])  # the lock died with its holder
    assert lists.members("called") == ["A"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "lists.json", "lists.json.held", "lists.json.lock"]
