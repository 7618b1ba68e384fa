"""An ordered funnel on DuckDB against the same funnel written by hand (issue 10).

Usage: ``.venv/bin/python benchmarks/ordered_funnel.py [--leads N] [--repeat N]``
(``make bench`` runs it).

SPEC's ``web_to_deal`` (``ordered within 30 days``: a pricing page view, then a
contact form, then a visit) on N sample leads (default 100,000) in a DuckDB file:
``rules.funnel("web_to_deal").report(store)`` in process, against a hand-written
DuckDB query doing the same.  The steps read three different sources, so no
event can fill two steps and the earliest next event is always the best choice:
the query takes, for each pricing view, the first contact form at or after it
and the first visit at or after that (two ``ASOF`` joins), and a lead's depth
is the best over its pricing views.  Both give the leads reaching each step;
they are checked equal before a time is reported.  Best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import duckdb  # noqa: E402

import leadrules as lr  # noqa: E402
from leadrules.sample import AS_OF, generate  # noqa: E402
from leadrules.stores.duckdb import DuckDBStore  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
_T = TypeVar("_T")

HAND_WRITTEN = """
WITH s1 AS (
  SELECT e.lead_id, e.occurred_at AS t1 FROM tracking e JOIN "lead" l ON l.id = e.lead_id
  WHERE e.occurred_at <= $as_of AND (l.created_at IS NULL OR l.created_at <= $as_of)
    AND starts_with(COALESCE(e.path__lower, lower(e.path)), '/pricing')
), s2 AS (
  SELECT lead_id, occurred_at AS t2 FROM application
  WHERE occurred_at <= $as_of AND COALESCE(form__lower, lower(form)) = 'contact'
), s3 AS (
  SELECT lead_id, occurred_at AS t3 FROM activity
  WHERE occurred_at <= $as_of AND COALESCE(type__lower, lower(type)) = 'visit'
), a AS (
  SELECT s1.lead_id, s1.t1, s2.t2 FROM s1
  ASOF LEFT JOIN s2 ON s1.lead_id = s2.lead_id AND s2.t2 >= s1.t1
), b AS (
  SELECT a.lead_id, a.t1, a.t2, s3.t3 FROM a
  ASOF LEFT JOIN s3 ON a.lead_id = s3.lead_id AND s3.t3 >= a.t2
)
SELECT lead_id, max(CASE WHEN t3 <= t1 + INTERVAL 30 DAY THEN 3
                         WHEN t2 <= t1 + INTERVAL 30 DAY THEN 2 ELSE 1 END) AS depth
FROM b GROUP BY lead_id
"""


def best_of(fn: Callable[[], _T], repeat: int) -> tuple[float, _T]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def hand_written(conn: Any, as_of: dt.datetime) -> list[list[str]]:
    rows = conn.execute(HAND_WRITTEN, {"as_of": as_of}).fetchall()
    return [sorted(str(i) for i, d in rows if d >= k) for k in (1, 2, 3)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"funnel_{opts.leads}.duckdb"
    if not path.exists():
        DuckDBStore.create(path, lr.MemoryStore(*_records(opts.leads))).close()
    rules = lr.load(ROOT / "tests" / "spec_examples.rules")
    funnel = rules.funnel("web_to_deal")
    store = DuckDBStore(path)
    ours, report = best_of(lambda: funnel.report(store, AS_OF), opts.repeat)
    got = [sorted(s.reached) for s in report.stages]
    conn = duckdb.connect(str(path), read_only=True)
    conn.execute("SET TimeZone = 'UTC'")
    theirs, want = best_of(lambda: hand_written(conn, AS_OF), opts.repeat)
    if got != want:
        raise SystemExit(f"the answers differ: {[len(x) for x in got]} vs "
                         f"{[len(x) for x in want]}")
    print(f"# Ordered funnel on DuckDB, {dt.date.today()}, {platform.node()}, "
          f"{os.cpu_count()} cores, {opts.leads} leads (best of {opts.repeat})\n")
    print("| implementation | seconds | reached per step |")
    print("| --- | --- | --- |")
    print(f"| leadrules `funnel(...).report(store)` | {ours:.3f} | "
          f"{' / '.join(str(len(x)) for x in got)} |")
    print(f"| hand-written DuckDB query (ASOF joins) | {theirs:.3f} | same |")
    print(f"\nratio: {ours / theirs:.2f}x")


def _records(n: int) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    data = generate(n, as_of=AS_OF)
    return data.leads, data.events


if __name__ == "__main__":
    main()
