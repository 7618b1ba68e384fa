"""Spark benchmark (issue 14 item 3): leadrules inside a SparkSession against
hand-written Spark SQL on the same session and tables.

Usage::

    .venv/bin/python benchmarks/spark.py [--leads 50000] [--events-per-lead 20]
        [--repeat 3] [--master local[2]]

The sample data (:func:`leadrules.sample.generate`) is written to Parquet with
pyarrow (every field in its natural Spark type: timestamps as instants, tags
as ``array<string>``), read back by Spark as temporary views named after the
schema's tables and cached (``CACHE TABLE``: both sides read the same
in-memory columns).  Then, best of ``--repeat`` runs each:

* the SPEC's HOT segment (3.1): ``segment(...).select(SparkStore)`` (every id
  collected on the driver, as the API returns them) against the best
  hand-written Spark SQL for it (EXISTS / NOT EXISTS and a grouped count);
* the same segment as a DataFrame (``store.segment_dataframe``, counted on the
  cluster, nothing collected) against the hand-written query's ``count()``;
* the SPEC scoring model ``engagement`` through the API (no hand-written
  anchor: its decay and caps are what leadrules computes).

Every answer is checked against the in-memory evaluator before a time is
printed.  Session start and loading are shown apart, not in the ratios.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import leadrules as lr  # noqa: E402
from leadrules.sample import AS_OF, generate  # noqa: E402
from leadrules.schema import FieldType  # noqa: E402
from tests.spec import spec_rules  # noqa: E402

_T = TypeVar("_T")

# SPEC 3.1 by hand, for tables holding each field in its natural Spark type.
HOT = """
SELECT l.id FROM lead AS l
WHERE (l.created_at IS NULL OR l.created_at <= :as_of)
  AND l.email IS NOT NULL AND l.is_competitor IS NOT TRUE AND l.nurture_target = TRUE
  AND EXISTS (SELECT 1 FROM application AS a WHERE a.lead_id = l.id AND a.occurred_at <= :as_of)
  AND NOT EXISTS (SELECT 1 FROM activity AS a WHERE a.lead_id = l.id AND a.occurred_at <= :as_of)
  AND l.id IN (SELECT t.lead_id FROM tracking AS t
               WHERE t.occurred_at >= :since AND t.occurred_at <= :as_of
               GROUP BY t.lead_id HAVING count(*) >= 15)
"""


def best_of(fn: Callable[[], _T], repeat: int) -> tuple[float, _T]:
    result = fn()  # a first run: Spark plans and compiles the query
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def write_parquet(data: lr.MemoryStore, folder: Path) -> dict[str, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq
    types = {FieldType.TEXT: pa.string(), FieldType.NUMBER: pa.float64(),
             FieldType.BOOL: pa.bool_(), FieldType.DATETIME: pa.timestamp("us", tz="UTC"),
             FieldType.TEXT_LIST: pa.list_(pa.string())}
    out = {}
    leads = list(data.leads())
    for table in data.schema.tables:
        records = leads if table.is_lead else [
            e for lead in leads for e in data.events_of(lead["id"])[table.name]]
        columns = {f.name: pa.array([r.get(f.name) for r in records], types[f.type])
                   for f in table.fields}
        path = folder / f"{table.name}.parquet"
        pq.write_table(pa.table(columns), path)
        out[table.name] = path
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=50_000)
    parser.add_argument("--events-per-lead", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    from pyspark.sql import SparkSession

    sample = generate(args.leads, as_of=AS_OF, events_per_lead=args.events_per_lead)
    memory = lr.MemoryStore(sample.leads, sample.events)
    rules = lr.parse(spec_rules("hot_leads", "engagement"))
    want_hot = rules.segment("hot_leads").select(memory, AS_OF)
    want_scores = rules.scoring("engagement").score(memory, AS_OF)

    start = time.perf_counter()
    spark = (SparkSession.builder.master(args.master).appName("leadrules-bench")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for name, path in write_parquet(memory, Path(tmp)).items():
            spark.read.parquet(str(path)).createOrReplaceTempView(name)
            spark.sql(f"CACHE TABLE `{name}`")
        loaded = time.perf_counter() - start
        store = lr.SparkStore(spark)
        params = {"as_of": AS_OF, "since": AS_OF - timedelta(days=30)}
        load = os.getloadavg()
        print(f"{args.leads} leads, {sample.event_count} events, {args.master}; session "
              f"start {started:.1f} s, Parquet + CACHE TABLE {loaded:.1f} s; load "
              f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

        def hand_ids() -> list[str]:
            return sorted(r[0] for r in spark.sql(HOT, args=params).collect())

        def api_ids() -> list[str]:
            return rules.segment("hot_leads").select(store, AS_OF)

        segment = rules.segment("hot_leads")
        rows = []
        t_hand, got = best_of(hand_ids, args.repeat)
        assert got == want_hot, "hand-written HOT differs from memory"
        t_api, got = best_of(api_ids, args.repeat)
        assert got == want_hot, "SparkStore HOT differs from memory"
        rows.append(("HOT segment (3.1), ids collected", t_api, t_hand))
        t_hand_n, n = best_of(lambda: spark.sql(HOT, args=params).count(), args.repeat)
        assert n == len(want_hot)
        t_api_n, n = best_of(lambda: store.segment_dataframe(segment, AS_OF).count(),
                             args.repeat)
        assert n == len(want_hot)
        rows.append(("HOT segment (3.1) as a DataFrame, counted", t_api_n, t_hand_n))
        t_score, scores = best_of(lambda: rules.scoring("engagement").score(store, AS_OF),
                                  args.repeat)
        _same_scores(scores, want_scores)
        rows.append(("scoring engagement (3.2)", t_score, None))
    print("| task | leadrules (SparkStore) | hand-written Spark SQL | ratio |")
    print("|---|---|---|---|")
    for task, mine, hand in rows:
        anchor = "-" if hand is None else f"{hand * 1000:.0f} ms"
        ratio = "-" if hand is None else f"{mine / hand:.2f}x"
        print(f"| {task} | {mine * 1000:.0f} ms | {anchor} | {ratio} |")
    spark.stop()


def _same_scores(got: Any, want: Any) -> None:
    import math
    a, b = got.rows, want.rows
    assert [r[0] for r in a] == [r[0] for r in b], "scored leads differ"
    for x, y in zip(a, b, strict=True):
        assert math.isclose(x[1], y[1], rel_tol=1e-9, abs_tol=1e-9), (x, y)


if __name__ == "__main__":
    main()
