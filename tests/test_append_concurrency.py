"""Appends into one PostgreSQL store at once take turns (docs/reliability.md):
each one's leads and events are all there afterwards, numbered without a gap
or a repeat. Before, two appends read the same next seq and one failed with a
duplicate key on leadrules_meta."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg

from tests.backends import POSTGRES_URL, unique_name

PROCESSES = 4
ROUNDS = 3


def folder(path: Path, tag: str) -> Path:
    path.mkdir()
    (path / "lead.csv").write_text(
        "id,email\n" + "".join(f"{tag}-{i},{tag}{i}@x.jp\n" for i in range(5)), encoding="utf-8")
    (path / "tracking.csv").write_text(
        "lead_id,occurred_at,path\n" + "".join(
            f"{tag}-{i % 5},2026-11-{1 + i % 20:02d}T10:00:00Z,/p{i}\n" for i in range(20)),
        encoding="utf-8")
    return path


def test_concurrent_appends_into_one_postgres_schema_all_land(tmp_path: Path) -> None:
    schema = unique_name("lr_append")
    url = f"{POSTGRES_URL}?schema={schema}"
    base = folder(tmp_path / "base", "B")
    run = [sys.executable, "-m", "leadrules", "import"]
    subprocess.run([*run, str(base), "--into", url], check=True, capture_output=True)
    try:
        tags = []
        for r in range(ROUNDS):
            procs = []
            for p in range(PROCESSES):
                tag = f"R{r}P{p}"
                tags.append(tag)
                procs.append(subprocess.Popen(
                    [*run, str(folder(tmp_path / tag, tag)), "--into", url, "--append"],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
            for proc in procs:
                _, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, err
        with psycopg.connect(POSTGRES_URL) as conn:
            ids = {row[0] for row in conn.execute(f'SELECT id FROM "{schema}".lead')}
            assert ids == {f"{t}-{i}" for t in ["B", *tags] for i in range(5)}
            for table, per in (("lead", 5), ("tracking", 20)):
                seqs = [row[0] for row in conn.execute(
                    f'SELECT seq FROM "{schema}".{table} ORDER BY seq')]
                assert seqs == list(range(per * (1 + len(tags)))), table
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_concurrent_appends_into_one_duckdb_file_take_turns(tmp_path: Path) -> None:
    import duckdb
    target = tmp_path / "s.duckdb"
    run = [sys.executable, "-m", "leadrules", "import"]
    subprocess.run([*run, str(folder(tmp_path / "base", "B")), "--into", str(target)],
                   check=True, capture_output=True)
    tags = [f"P{p}" for p in range(PROCESSES)]
    procs = [subprocess.Popen([*run, str(folder(tmp_path / t, t)), "--into", str(target),
                               "--append"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for t in tags]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with duckdb.connect(str(target), read_only=True) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM lead").fetchall()}
        seqs = [row[0] for row in conn.execute("SELECT seq FROM tracking ORDER BY seq").fetchall()]
    assert ids == {f"{t}-{i}" for t in ["B", *tags] for i in range(5)}
    assert seqs == list(range(20 * (1 + len(tags))))


def test_an_append_waits_for_another_program_holding_the_duckdb_file(tmp_path: Path) -> None:
    """A program that is not leadrules (no lock file) holds the file open for
    writing for a moment: the append waits for it instead of failing at once."""
    import time
    target = tmp_path / "s.duckdb"
    run = [sys.executable, "-m", "leadrules", "import"]
    subprocess.run([*run, str(folder(tmp_path / "base", "B")), "--into", str(target)],
                   check=True, capture_output=True)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time\n"
        f"c = duckdb.connect({str(target)!r})\n"
        "print('held', flush=True)\n"
        "time.sleep(1.5)\n"
        "c.close()\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        began = time.monotonic()
        done = subprocess.run([*run, str(folder(tmp_path / "late", "L")), "--into",
                               str(target), "--append"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert time.monotonic() - began > 0.5  # it did wait
    finally:
        holder.wait(timeout=30)
    import duckdb
    with duckdb.connect(str(target), read_only=True) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM lead").fetchall()}
    assert {f"L-{i}" for i in range(5)} <= ids
