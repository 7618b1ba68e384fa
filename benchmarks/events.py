"""Event-driven latency (issue 13 item 3): one event for one lead, then
``ListManager.on_events`` against 10 dynamic lists.

Usage::

    .venv/bin/python benchmarks/events.py [--leads 100000] [--events-per-lead 5]
        [--backends memory,sqlite,sqlite-wal,postgres] [--calls 300] [--dsn URL]

The sample data (:func:`leadrules.sample.generate`) is imported into each
store; 10 dynamic lists follow the segments of the bundled demo rules (the
seven of ``demo.rules`` and three more), refreshed once.  Then, ``--calls``
times, a random lead gets one new page view (``store.add_events``) and
``lists.on_events(store, [lead], as_of=now)`` runs; each call pair is timed
in process, and the p50 / p99 are printed (the first 5 calls, which compile
and prepare the query, are reported apart), with those of ``on_events`` alone.
``sqlite-wal`` is the same SQLite file switched to WAL mode, as an application
keeps it (docs/embedding.md): a commit appends to the log instead of syncing a
rollback journal and the file.  Targets: p50 < 5 ms and p99 <
20 ms on SQLite and PostgreSQL, < 1 ms in memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import leadrules as lr
from leadrules.lists import ListManager
from leadrules.sample import generate

EXTRA = """
segment recent_mail { match mail { occurred_at within 14 days } count >= 2 }
segment big_company { match lead { employees >= 500 } }
segment applied_recently { match application { occurred_at within 7 days } exists }
"""
WARMUP = 5


def rules() -> lr.Rules:
    demo = (Path(lr.__file__).parent / "demo.rules").read_text(encoding="utf-8")
    return lr.parse(demo + EXTRA)


def open_store(backend: str, data: lr.MemoryStore, folder: Path, dsn: str) -> tuple[Any, Any]:
    """The store, and how to drop it afterwards."""
    if backend == "memory":
        return data, lambda: None
    if backend in ("sqlite", "sqlite-wal"):
        import sqlite3

        from leadrules.stores.sqlite import SQLiteStore
        path = folder / f"{backend}.db"
        SQLiteStore.create(path, data).close()
        if backend == "sqlite-wal":  # what docs/embedding.md suggests for an application
            sqlite3.connect(path).execute("PRAGMA journal_mode = WAL").connection.close()
        return SQLiteStore(path), lambda: None
    if backend == "postgres":
        import psycopg

        from leadrules.stores.postgres import PostgresStore, import_into
        namespace = f"bench_events_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        url = f"{dsn}{'&' if '?' in dsn else '?'}schema={namespace}"
        import_into(url, data)

        def drop() -> None:
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{namespace}" CASCADE')
        return PostgresStore(url), drop
    raise SystemExit(f"unknown backend {backend}")


def measure(backend: str, store: Any, ids: list[str], as_of: dt.datetime, calls: int,
            seed: int) -> tuple[list[float], list[float], list[float]]:
    """Milliseconds per add_events + on_events: the warm-up calls, then the rest;
    and of the rest, the on_events part alone (the evaluation, without the write's
    commit)."""
    lists = ListManager(RULES)
    names = RULES.segment_names[:10]
    for name in names:
        lists.create_dynamic(f"list_{name}", name)
    lists.refresh(store, as_of)
    rng = random.Random(seed)
    times, evaluating = [], []
    for i in range(calls + WARMUP):
        lead = rng.choice(ids)
        now = as_of + dt.timedelta(seconds=i + 1)
        start = time.perf_counter()
        store.add_events("tracking", [{"lead_id": lead, "occurred_at": now,
                                       "path": "/pricing", "session": f"s{i}"}])
        written = time.perf_counter()
        lists.on_events(store, [lead], as_of=now)
        end = time.perf_counter()
        times.append((end - start) * 1000)
        evaluating.append((end - written) * 1000)
    return times[:WARMUP], times[WARMUP:], evaluating[WARMUP:]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


RULES = rules()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--events-per-lead", type=float, default=5.0)
    parser.add_argument("--backends", default="memory,sqlite,sqlite-wal,postgres")
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--dsn", default=os.environ.get(
        "LEADRULES_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"))
    args = parser.parse_args()
    sample = generate(args.leads, events_per_lead=args.events_per_lead)
    print(f"{args.leads} leads, {sample.event_count} events, 10 dynamic lists; "
          f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    print("| store | warm-up (first 5) ms | p50 ms | p99 ms | max ms "
          "| on_events alone: p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            data = lr.MemoryStore(sample.leads, sample.events)
            ids = [lead["id"] for lead in sample.leads]
            store, drop = open_store(backend, data, Path(tmp), args.dsn)
            try:
                warm, times, alone = measure(backend, store, ids, sample.as_of, args.calls, 7)
            finally:
                if backend != "memory":
                    store.close()
                drop()
            print(f"| {backend} | {' '.join(f'{t:.1f}' for t in warm)} | "
                  f"{statistics.median(times):.2f} | {percentile(times, 0.99):.2f} | "
                  f"{max(times):.2f} | {statistics.median(alone):.2f} | "
                  f"{percentile(alone, 0.99):.2f} |", flush=True)


if __name__ == "__main__":
    main()
