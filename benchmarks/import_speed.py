"""Import benchmark (issue 14 item 5): ``leadrules import`` of a CSV folder, as a whole
process, against the engine's own CSV loader on the same files in the same run.

Usage::

    .venv/bin/python benchmarks/import_speed.py [--leads 200000] [--folder DIR]
        [--dsn URL] [--repeat 1] [--engines duckdb,postgres,sqlite]

The folder is ``sample.write_csv(generate(LEADS))`` (made in a temporary folder unless
``--folder`` names one already written).  Timed, alternately:

* ``leadrules import FOLDER --into x.duckdb`` against DuckDB itself: ``read_csv`` of
  every file into a table (the event tables ``ORDER BY lead_id, occurred_at``);
* ``leadrules import FOLDER --into postgresql://…?schema=…`` against PostgreSQL's
  ``COPY … FROM STDIN (FORMAT csv)`` of every file into tables of the natural column
  types (as ``psql \\copy`` does), plus the ``(lead_id, occurred_at)`` index;
* ``leadrules import FOLDER --into x.db`` against the ``sqlite3`` command-line shell's
  ``.import --csv`` of every file (text columns, as the shell makes them) plus the
  ``(lead_id, occurred_at)`` index (without the shell: ``executemany`` of the rows
  ``csv.reader`` gives, the same tables).

Results go to ``benchmarks/results/import.md`` with ``uptime`` before and after.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/test"
TYPES = {
    "lead": "id text, email text, name text, company text, industry text, department text, "
            "title text, region text, lead_source text, status text, employees double "
            "precision, age double precision, is_competitor boolean, nurture_target boolean, "
            "unsubscribed boolean, created_at timestamptz, tags text",
    "tracking": "lead_id text, occurred_at timestamptz, url text, path text, title text, "
                "duration double precision, session text",
    "application": "lead_id text, occurred_at timestamptz, id text, form text, campaign text",
    "activity": "lead_id text, occurred_at timestamptz, id text, type text, content text, "
                "actor text, result text, source text",
    "mail": "lead_id text, occurred_at timestamptz, campaign text, kind text, link text",
}


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def leadrules_import(folder: Path, target: str) -> float:
    # The checkout's own code, whichever leadrules the interpreter has installed,
    # from its cached bytecode as an installed package runs (not compiled anew
    # each run under PYTHONDONTWRITEBYTECODE: 0.2 s).
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "leadrules", "import", str(folder), "--into", target],
                   check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def duckdb_own(folder: Path, target: Path) -> float:
    import duckdb
    start = time.perf_counter()
    conn = duckdb.connect(str(target))
    conn.execute("SET TimeZone = 'UTC'")
    for name in TYPES:
        order = "" if name == "lead" else " ORDER BY lead_id, occurred_at"
        path = str(folder / f"{name}.csv").replace("'", "''")
        conn.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header = true)"
                     f"{order}")
    conn.close()
    return time.perf_counter() - start


def postgres_own(folder: Path, dsn: str, schema: str) -> float:
    import psycopg
    start = time.perf_counter()
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute(f'CREATE SCHEMA "{schema}"')
        for name, columns in TYPES.items():
            cur.execute(f'CREATE TABLE "{schema}".{name} ({columns})')
            with (cur.copy(f'COPY "{schema}".{name} FROM STDIN (FORMAT csv, HEADER true)')
                  as copy, (folder / f"{name}.csv").open("rb") as f):
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
            if name != "lead":
                cur.execute(f'CREATE INDEX ON "{schema}".{name} (lead_id, occurred_at)')
    return time.perf_counter() - start


def sqlite_own(folder: Path, target: Path) -> float:
    import shutil
    import sqlite3
    start = time.perf_counter()
    shell = shutil.which("sqlite3")
    if shell is not None:
        script = [".mode csv"]
        for name in TYPES:
            script.append(f".import --csv {folder / f'{name}.csv'} {name}")
            if name != "lead":
                script.append(f"CREATE INDEX {name}_key ON {name} (lead_id, occurred_at);")
        subprocess.run([shell, str(target)], input="\n".join(script), text=True, check=True)
        return time.perf_counter() - start
    import csv
    conn = sqlite3.connect(target)
    for name in TYPES:
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            header = next(rows)
            conn.execute(f"CREATE TABLE {name} ({', '.join(header)})")
            conn.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(header))})",
                             rows)
        if name != "lead":
            conn.execute(f"CREATE INDEX {name}_key ON {name} (lead_id, occurred_at)")
    conn.commit()
    conn.close()
    return time.perf_counter() - start


def drop(dsn: str, schema: str) -> None:
    import psycopg
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=200_000)
    parser.add_argument("--folder", type=Path, help="a folder written by sample.write_csv")
    parser.add_argument("--dsn", default=DEFAULT_DSN)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--engines", default="duckdb,postgres,sqlite",
                        help="which pairs to run (duckdb, postgres, sqlite)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "import.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:
            from leadrules import sample
            folder = Path(tmp) / "data"
            print(f"writing {args.leads:,} leads ...", flush=True)
            sample.write_csv(sample.generate(args.leads), folder)
        events = sum(sum(1 for _ in (folder / f"{n}.csv").open("rb")) - 1
                     for n in TYPES if n != "lead")
        before = uptime()
        engines = args.engines.split(",")
        rows = []
        for run in range(args.repeat):
            if "duckdb" in engines:
                target = Path(tmp) / f"x{run}.duckdb"
                ours = leadrules_import(folder, str(target))
                own = duckdb_own(folder, Path(tmp) / f"own{run}.duckdb")
                rows.append(("DuckDB", "read_csv into tables, events sorted", ours, own))
                print(rows[-1], flush=True)
            if "sqlite" in engines:
                ours = leadrules_import(folder, str(Path(tmp) / f"x{run}.db"))
                own = sqlite_own(folder, Path(tmp) / f"own{run}.db")
                rows.append(("SQLite", "sqlite3 shell .import --csv + index", ours, own))
                print(rows[-1], flush=True)
                for made in (Path(tmp) / f"x{run}.db", Path(tmp) / f"own{run}.db"):
                    made.unlink()
            if "postgres" not in engines:
                continue
            mine = f"bench_import_{uuid.uuid4().hex[:8]}"
            theirs = f"bench_copy_{uuid.uuid4().hex[:8]}"
            try:
                ours = leadrules_import(folder, f"{args.dsn}?schema={mine}")
                own = postgres_own(folder, args.dsn, theirs)
            finally:
                drop(args.dsn, mine)
                drop(args.dsn, theirs)
            rows.append(("PostgreSQL", "COPY FROM STDIN (csv) into typed tables + index",
                         ours, own))
            print(rows[-1], flush=True)
        after = uptime()
    lines = ["# Import: `leadrules import` vs the engine's own CSV loader",
             "",
             f"{args.leads:,} leads / {events:,} events (sample.write_csv(generate(N))), "
             "2-core VM shared with other sessions' test runs.",
             f"uptime before: `{before}`", f"uptime after: `{after}`", "",
             "| engine | engine's own loader | leadrules import (process) | own loader | ratio |",
             "|---|---|---|---|---|"]
    for engine, what, ours, own in rows:
        lines.append(f"| {engine} | {what} | {ours:.1f} s | {own:.1f} s | {ours / own:.2f}x |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
