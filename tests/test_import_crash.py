"""``kill -9`` of ``leadrules import`` at several points, on every store (issue 15, item 2).

After each kill: the target is the old store or the new one (never half), no
process of the import outlives it by more than 1 s, and the next import leaves
no file behind but the target.  On PostgreSQL the server gives up the killed
import's transaction (its lock and its backend) within a few seconds.

Each point is found by watching, not by sleeping: the test polls the scratch
folder (or PostgreSQL's activity) until the point is reached, with a bound.
The data has 20,000 leads, the size at which the SQLite import forks a helper.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from leadrules.cli import main
from leadrules.files import SCRATCH_PREFIX, ScratchFolder
from leadrules.stores.open import open_store
from tests.backends import POSTGRES_URL, unique_name

LEADS = 20_000
OLD_LEADS = 3
WAIT = 60.0  # the longest wait for a point (the machine may be loaded)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    with (folder / "lead.csv").open("w", encoding="utf-8") as f:
        f.write("id,company,employees\n")
        f.writelines(f"L{i:06d},Company {i % 97},{i % 5000}\n" for i in range(LEADS))
    with (folder / "tracking.csv").open("w", encoding="utf-8") as f:
        f.write("lead_id,occurred_at,path\n")
        f.writelines(f"L{i % LEADS:06d},2026-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z,"
                     f"/page/{i % 50}\n" for i in range(6 * LEADS))
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    (folder / "lead.csv").write_text(
        "id,company\n" + "".join(f"O{i},Old\n" for i in range(OLD_LEADS)), encoding="utf-8")
    return folder


def _leads(target: str) -> int:
    store = open_store(target)
    try:
        return len(store.leads())
    finally:
        store.close()


def _descendants(pid: int) -> set[int]:
    """The processes whose parent is ``pid``, and theirs (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _wait_for(what: str, done: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT
    while not done():
        if process.poll() is not None:
            pytest.fail(f"the import ended (exit code {process.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} after {WAIT:g} s")
        time.sleep(0.005)


def _scratch(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(SCRATCH_PREFIX)]


def _in_scratch(folder: Path, test: Callable[[Path], bool]) -> Callable[[], bool]:
    def done() -> bool:
        for scratch in _scratch(folder):
            try:
                if any(test(p) for p in scratch.rglob("*")):
                    return True
            except OSError:  # a file vanished while listed
                continue
        return False
    return done


def _bigger_than(size: int, suffix: str) -> Callable[[Path], bool]:
    def test(path: Path) -> bool:
        try:
            return path.name.endswith(suffix) and path.stat().st_size > size
        except OSError:
            return False
    return test


def _start(big: Path, target: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "leadrules", "import", str(big),
                             "--into", target], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def _kill(process: subprocess.Popen[bytes]) -> set[int]:
    """kill -9 the import; its helper processes, which must be gone within 1 s."""
    helpers = _descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT)
    if process.stderr is not None:
        process.stderr.close()
    deadline = time.monotonic() + 1.0
    while any(_alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not [p for p in helpers if _alive(p)], "helper processes outlived the import"
    return helpers


FILE_POINTS: dict[str, dict[str, Callable[[Path], Callable[[], bool]]]] = {
    "sqlite": {
        "scratch folder made": lambda folder: lambda: bool(_scratch(folder)),
        "helper writing its part": lambda folder: _in_scratch(
            folder, lambda p: p.name.startswith(".leadrules-part-")),
        "new store half written": lambda folder: _in_scratch(
            folder, _bigger_than(1 << 20, "leads.db")),
    },
    "duckdb": {
        "scratch folder made": lambda folder: lambda: bool(_scratch(folder)),
        # DuckDB reads the CSV files into the new file's temporary tables first.
        "files being read by DuckDB": lambda folder: _in_scratch(
            folder, _bigger_than(0, "leads.duckdb")),
        "new store written": lambda folder: _in_scratch(
            folder, _bigger_than(1 << 16, "leads.duckdb")),
    },
}
CASES = [(kind, point) for kind, points in FILE_POINTS.items() for point in points]


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize(("kind", "point"), CASES)
def test_kill_9_during_import_leaves_old_or_new_and_nothing_behind(
        kind: str, point: str, big: Path, small: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    target = folder / ("leads.db" if kind == "sqlite" else "leads.duckdb")
    assert main(["import", str(small), "--into", str(target)]) == 0
    clean = sorted(p.name for p in folder.iterdir())

    process = _start(big, str(target))
    _wait_for(point, FILE_POINTS[kind][point](folder), process)
    helpers = _kill(process)
    if point == "helper writing its part":
        assert helpers, "no helper process was forked"

    assert _leads(str(target)) in (OLD_LEADS, LEADS)  # old or new, never half
    assert _scratch(folder), "the killed import left no scratch folder (nothing tested)"
    # The next import removes the dead run's folder; nothing but the store stays.
    assert main(["import", str(small), "--into", str(target)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == clean
    assert _leads(str(target)) == OLD_LEADS


def test_a_failed_import_removes_its_scratch_folder(tmp_path: Path, small: Path) -> None:
    target = tmp_path / "leads.db"
    target.write_bytes(b"not a store")  # found after the new store is built: refused
    assert main(["import", str(small), "--into", str(target)]) == 2
    assert not _scratch(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) in (["leads.db"],
                                                          ["leads.db", "leads.db.lock"])
    assert target.read_bytes() == b"not a store"


def test_a_live_runs_scratch_folder_is_kept(tmp_path: Path) -> None:
    with ScratchFolder(tmp_path) as mine:
        with ScratchFolder(tmp_path) as other:  # a second run beside a live one
            assert mine.is_dir() and other.is_dir()
        assert mine.is_dir() and not other.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_just_after_the_rename_leaves_no_scratch_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import leadrules.files as files
    rename = os.rename

    def rename_then_interrupt(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        rename(src, dst)
        raise KeyboardInterrupt  # Ctrl-C between the rename and the folder's return

    monkeypatch.setattr(files.os, "rename", rename_then_interrupt)
    with pytest.raises(KeyboardInterrupt), ScratchFolder(tmp_path):
        pass  # pragma: no cover - never entered
    assert list(tmp_path.iterdir()) == []


@pytest.fixture()
def pg_schema() -> Iterator[str]:
    schema = unique_name("lr_hardening_kill")
    yield schema
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _import_backend(conn: psycopg.Connection[tuple[object, ...]], schema: str) -> int | None:
    """The server process holding the import lock of ``schema``, if any."""
    row = conn.execute(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid::int = "
        "hashtext(%s) LIMIT 1", (f"leadrules import {schema}",)).fetchone()
    return None if row is None else int(str(row[0]))


def _copying(conn: psycopg.Connection[tuple[object, ...]], schema: str) -> bool:
    row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE query LIKE %s",
                       (f'COPY "{schema}".%',)).fetchone()
    return row is not None and int(str(row[0])) > 0


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("point", ["import lock taken", "rows being copied"])
def test_kill_9_during_a_postgres_import_rolls_back_on_the_server(
        point: str, big: Path, small: Path, pg_schema: str) -> None:
    target = f"{POSTGRES_URL}?schema={pg_schema}"
    assert main(["import", str(small), "--into", target]) == 0
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        process = _start(big, target)
        if point == "import lock taken":
            _wait_for(point, lambda: _import_backend(conn, pg_schema) is not None, process)
        else:
            _wait_for(point, lambda: _copying(conn, pg_schema), process)
        backend = _import_backend(conn, pg_schema)
        _kill(process)
        # The server notices the client is gone (client_connection_check_interval)
        # and rolls back: the lock and the backend go away.
        def backend_alive() -> bool:
            row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                               (backend,)).fetchone()
            return row is not None and int(str(row[0])) > 0

        deadline = time.monotonic() + 10.0
        while ((_import_backend(conn, pg_schema) is not None or backend_alive())
               and time.monotonic() < deadline):
            time.sleep(0.05)
        assert _import_backend(conn, pg_schema) is None, "the import lock is still held"
        assert not backend_alive(), "the killed import's server process lives on"
    assert _leads(target) == OLD_LEADS  # the old store, untouched
    assert main(["import", str(small), "--into", target]) == 0


def test_helpers_die_with_their_parent(tmp_path: Path) -> None:
    """die_with_parent: a forked child of a killed process ends at once."""
    ready = tmp_path / "ready"
    script = f"""
import os, sys, time
from leadrules.stores.sqlite import die_with_parent
parent = os.getpid()
if os.fork() == 0:
    die_with_parent(parent)
    open({str(ready)!r}, "w").write(str(os.getpid()))
    time.sleep(60)
    os._exit(0)
time.sleep(60)
"""
    process = subprocess.Popen([sys.executable, "-c", script], env={**os.environ})
    deadline = time.monotonic() + WAIT
    while not (ready.exists() and ready.read_text()) and time.monotonic() < deadline:
        time.sleep(0.01)
    child = int(ready.read_text())
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT)
    deadline = time.monotonic() + 1.0
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _alive(child)
