"""Stores benchmark: leadrules inside each database against hand-written SQL.

Usage::

    .venv/bin/python benchmarks/stores.py [--sizes 10000,100000] [--large]
        [--backends memory,sqlite,postgres,duckdb] [--repeat 5] [--dsn URL]

(also ``benchmarks/run.py --stores [...]`` and ``make bench``).  For each size
(default 10k and 100k leads, about 20 events each; ``--large`` adds 1M) the
data of :func:`leadrules.sample.generate` is imported into every backend
(timed), then each task runs

* through the public API of leadrules (``segment(...).select``,
  ``scoring(...).score``, ``funnel(...).report``), once per query shape the
  compiler offers (``Shape`` in ``sql/expressions.py``; the store's default is
  marked), by setting the store's ``shape``;
* as hand-written SQL for the documented layout (``docs/stores.md``) on the
  same engine, connection and tables (two styles for the HOT segment:
  correlated ``EXISTS`` and uncorrelated ``IN``/``GROUP BY``);
* in the in-memory evaluator (backend ``memory``).

The tasks are the SPEC's: 3.1 HOT-lead segment, 3.2 scoring model
``engagement``, 3.5 funnel ``pipeline``.  Every answer is checked against the
in-memory evaluator's before any time is reported (ids equal; scores equal
within 1e-9 relative, 1e-9 absolute near zero; funnel counts equal).  Times
are the best of ``--repeat`` runs (fewer when one run is slow).  Results go to
``benchmarks/results/stores.md`` (``stores-large.md`` with ``--large``).

When the API answers a task by pulling every lead's records into Python
(no database-side path for it yet), the row says so and is timed only up to
``--fallback-max`` leads.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import math
import os
import platform
import re
import shlex
import shutil
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import leadrules as lr  # noqa: E402
from leadrules.sample import AS_OF, generate  # noqa: E402
from leadrules.sql import query as sql  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.spec import spec_rules  # noqa: E402

RULES_TEXT = spec_rules("hot_leads", "engagement", "pipeline")

TASKS = ("hot_leads", "engagement", "pipeline")
TASK_TITLES = {"hot_leads": "HOT segment (3.1)", "engagement": "scoring engagement (3.2)",
               "pipeline": "funnel pipeline (3.5)"}
SHAPES = sql.SHAPES
BACKENDS = ("memory", "sqlite", "postgres", "duckdb")
DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/test"
HALF_LIFE = timedelta(days=30)
CHUNK = 100_000  # leads per generated chunk for sizes above 2 chunks

_T = TypeVar("_T")
Answer = Any


class Result(NamedTuple):
    size: int
    events: int
    backend: str
    task: str
    implementation: str
    seconds: float | None
    note: str = ""


# ---------------------------------------------------------------- timing


def best_of(fn: Callable[[], _T], repeat: int) -> tuple[float, _T]:
    """Best wall time over up to ``repeat`` runs (3 if a run takes 2 s+, 1 if 10 s+)."""
    start = time.perf_counter()
    result = fn()
    best = time.perf_counter() - start
    runs = repeat if best < 2.0 else min(repeat, 3) if best < 10.0 else 1
    for _ in range(runs - 1):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best, result


# ---------------------------------------------------------------- data


def make_data(n_leads: int) -> tuple[lr.MemoryStore, int, float]:
    """A MemoryStore of ``n_leads`` sample leads; its event count; seconds taken.

    Up to 2 chunks it is ``generate(n_leads)``; above, chunks of 100k leads
    (``generate(100_000, seed=7 + k)``, ids renumbered ``L0000001`` …) are
    added one by one, so the generated dicts of one chunk at a time are alive
    next to the store (20M event dicts at once would need 14 GB).
    """
    start = time.perf_counter()
    if n_leads <= 2 * CHUNK:
        data = generate(n_leads, as_of=AS_OF)
        store = lr.MemoryStore(data.leads, data.events)
        count = data.event_count
    else:
        store = lr.MemoryStore([], {})
        count = 0
        width = len(str(n_leads))
        for k, first in enumerate(range(0, n_leads, CHUNK)):
            size = min(CHUNK, n_leads - first)
            data = generate(size, seed=7 + k, as_of=AS_OF)
            rename = {lead["id"]: f"L{first + i + 1:0{width}d}"
                      for i, lead in enumerate(data.leads)}
            for lead in data.leads:
                lead["id"] = rename[lead["id"]]
            store.add_leads(data.leads)
            for source, events in data.events.items():
                for event in events:
                    event["lead_id"] = rename[event["lead_id"]]
                store.add_events(source, events)
            count += data.event_count
            del data, rename
            gc.collect()
            print(f"  chunk {k + 1}: {first + size:,} leads, {count:,} events, "
                  f"{time.perf_counter() - start:.0f} s", flush=True)
    return store, count, time.perf_counter() - start


# ---------------------------------------------------------------- answers


def run_api(rules: Any, task: str, store: Any) -> Answer:
    if task == "hot_leads":
        return list(rules.segment(task).select(store, as_of=AS_OF))
    if task == "engagement":
        table = rules.scoring(task).score(store, as_of=AS_OF)
        at = table.columns.index("lead_id"), table.columns.index("score")
        return [(row[at[0]], float(row[at[1]])) for row in table.rows]
    report = rules.funnel(task).report(store, as_of=AS_OF)
    return [s.count for s in report.stages]


def same(task: str, expected: Answer, got: Answer) -> str | None:
    """None if ``got`` is ``expected``'s answer, else what differs."""
    if task != "engagement":
        if list(expected) == list(got):
            return None
        if task == "hot_leads":
            missing = sorted(set(expected) - set(got))[:3]
            extra = sorted(set(got) - set(expected))[:3]
            return f"{len(got)} ids vs {len(expected)}: missing {missing}, extra {extra}"
        return f"counts {got} vs {expected}"
    want = dict(expected)
    have = dict(got)
    if want.keys() != have.keys():
        return f"{len(have)} scored leads vs {len(want)}"
    for key, value in want.items():
        if not math.isclose(value, have[key], rel_tol=1e-9, abs_tol=1e-9):
            return f"score of {key}: {have[key]!r} vs {value!r}"
    return None


# ---------------------------------------------------------------- backends


class Backend:
    """An open store plus what the hand-written SQL needs to run on it."""

    name: str
    store: Any
    import_seconds: float

    def fetch(self, sql: str, params: Mapping[str, Any]) -> list[Any]:
        # Only the parameters the query uses (DuckDB refuses others).
        used = set(re.findall(r"(?<!:):(\w+)", sql))
        rows: list[Any] = self.store._fetch(self.placeholders(sql),
                                            {k: v for k, v in params.items() if k in used})
        return rows

    def placeholders(self, sql: str) -> str:
        return sql

    def table(self, name: str) -> str:
        return f'"{name}"'

    def close(self) -> None:
        self.store.close()


class SQLiteBackend(Backend):
    name = "sqlite"

    def __init__(self, folder: Path, data: lr.MemoryStore) -> None:
        from leadrules.stores import SQLiteStore
        from leadrules.stores.sqlite import default_processes
        self.path = folder / "bench.db"
        start = time.perf_counter()
        # As `leadrules import` writes it (forked helpers where possible).
        SQLiteStore.create(self.path, data, processes=default_processes(data)).close()
        self.import_seconds = time.perf_counter() - start
        self.store = SQLiteStore(self.path)


class DuckDBBackend(Backend):
    name = "duckdb"

    def __init__(self, folder: Path, data: lr.MemoryStore) -> None:
        from leadrules.stores.duckdb import DuckDBStore
        self.path = folder / "bench.duckdb"
        start = time.perf_counter()
        DuckDBStore.create(self.path, data).close()
        self.import_seconds = time.perf_counter() - start
        self.store = DuckDBStore(self.path)

    def placeholders(self, sql: str) -> str:
        return re.sub(r"(?<!:):(\w+)", r"$\1", sql)


class PostgresBackend(Backend):
    name = "postgres"

    def __init__(self, dsn: str, data: lr.MemoryStore) -> None:
        from leadrules.stores.postgres import PostgresStore, import_into
        self.dsn = dsn
        self.namespace = f"bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        url = f"{dsn}{'&' if '?' in dsn else '?'}schema={self.namespace}"
        start = time.perf_counter()
        try:
            import_into(url, data)
        except BaseException:
            self.drop()
            raise
        self.import_seconds = time.perf_counter() - start
        self.store = PostgresStore(url)

    def placeholders(self, sql: str) -> str:
        return re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql.replace("%", "%%"))

    def table(self, name: str) -> str:
        return f'"{self.namespace}"."{name}"'

    def drop(self) -> None:
        import psycopg
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{self.namespace}" CASCADE')

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.store.close()
        self.drop()


# ------------------------------------------------------- hand-written SQL


class Dialect(NamedTuple):
    """The few spellings that differ between the engines, for the layout."""

    true: Callable[[str], str]           # a bool column is true
    not_true: Callable[[str], str]       # a bool column is false or missing
    starts: Callable[[str, str], str]    # lower-cased text starts with a literal prefix
    decay: Callable[[str], str]          # 0.5 ** (age / half-life) of a time column
    least: str
    # A text column lower-cased as the layout's shadow gives it (DuckDB: engine shadows).
    low: Callable[[str], str] = lambda c: f"COALESCE({c}__lower, {c})"


SQLITE = Dialect(
    true=lambda c: f"{c} = 1",
    not_true=lambda c: f"{c} IS NOT 1",
    starts=lambda c, p: f"substr({c}, 1, {len(p)}) = '{p}'",
    # exp/ln: SQLite's built-in math (the stores register their own POWER).
    decay=lambda c: f"exp((:as_of - {c}) * :neg_ln2_per_hl)",
    least="min",
)
POSTGRES = Dialect(
    true=lambda c: f"{c}",
    not_true=lambda c: f"{c} IS NOT TRUE",
    starts=lambda c, p: f"{c} LIKE '{p}%'",
    decay=lambda c: f"power(0.5, (:as_of_s - date_part('epoch', {c})) / :hl_s)",
    least="LEAST",
)
DUCKDB = Dialect(
    true=lambda c: f"{c}",
    not_true=lambda c: f"{c} IS NOT TRUE",
    starts=lambda c, p: f"starts_with({c}, '{p}')",
    decay=lambda c: f"power(0.5, (:as_of_us - epoch_us({c})) / :hl_us)",
    least="LEAST",
    low=lambda c: f"COALESCE({c}__lower, lower({c}))",
)
DIALECTS = {"sqlite": SQLITE, "postgres": POSTGRES, "duckdb": DUCKDB}


def params_for(engine: str) -> dict[str, Any]:
    since = AS_OF - timedelta(days=30)
    epoch = datetime(1970, 1, 1, tzinfo=AS_OF.tzinfo)
    micros = (AS_OF - epoch) // timedelta(microseconds=1)
    hl_us = HALF_LIFE // timedelta(microseconds=1)
    if engine == "sqlite":
        return {"as_of": micros, "since": (since - epoch) // timedelta(microseconds=1),
                "neg_ln2_per_hl": -math.log(2) / hl_us}
    if engine == "postgres":
        return {"as_of": AS_OF, "since": since, "as_of_s": AS_OF.timestamp(),
                "hl_s": HALF_LIFE.total_seconds()}
    return {"as_of": AS_OF, "since": since, "as_of_us": micros, "hl_us": hl_us}


def hot_sql(b: Backend, d: Dialect, style: str) -> str:
    lead, tracking = b.table("lead"), b.table("tracking")
    application, activity = b.table("application"), b.table("activity")
    head = (f"SELECT l.id FROM {lead} AS l "
            "WHERE (l.created_at IS NULL OR l.created_at <= :as_of) "
            f"AND l.email IS NOT NULL AND {d.not_true('l.is_competitor')} "
            f"AND {d.true('l.nurture_target')} ")
    if style == "exists":
        return head + (
            f"AND EXISTS (SELECT 1 FROM {application} AS a "
            "WHERE a.lead_id = l.id AND a.occurred_at <= :as_of) "
            f"AND NOT EXISTS (SELECT 1 FROM {activity} AS a "
            "WHERE a.lead_id = l.id AND a.occurred_at <= :as_of) "
            f"AND (SELECT count(*) FROM {tracking} AS t WHERE t.lead_id = l.id "
            "AND t.occurred_at >= :since AND t.occurred_at <= :as_of) >= 15")
    return head + (
        f"AND l.id IN (SELECT lead_id FROM {application} WHERE occurred_at <= :as_of) "
        f"AND l.id NOT IN (SELECT lead_id FROM {activity} WHERE occurred_at <= :as_of) "
        f"AND l.id IN (SELECT lead_id FROM {tracking} "
        "WHERE occurred_at >= :since AND occurred_at <= :as_of "
        "GROUP BY lead_id HAVING count(*) >= 15)")


def score_ctes(b: Backend, d: Dialect) -> str:
    """CTE ``scores(id, score)``: the engagement model, one pass per source."""
    p = d.low("path")
    starts = {k: d.starts(p, k) for k in ("/products/", "/pricing", "/faq")}
    return (
        "tr AS (SELECT lead_id, "
        f"SUM(CASE WHEN {p} = '/' THEN w END) AS home, "
        f"SUM(CASE WHEN {starts['/products/']} THEN w END) AS products, "
        f"SUM(CASE WHEN {starts['/pricing']} THEN w END) AS pricing, "
        f"SUM(CASE WHEN {starts['/faq']} THEN w END) AS faq "
        f"FROM (SELECT lead_id, path, path__lower, {d.decay('occurred_at')} AS w "
        f"FROM {b.table('tracking')} WHERE occurred_at <= :as_of AND ({p} = '/' OR "
        f"{' OR '.join(starts.values())})) AS x GROUP BY lead_id), "
        "ap AS (SELECT lead_id, MAX(occurred_at) AS last "
        f"FROM {b.table('application')} WHERE occurred_at <= :as_of "
        f"AND {d.low('form')} = 'contact' GROUP BY lead_id), "
        f"ml AS (SELECT lead_id, SUM({d.decay('occurred_at')}) AS clicks "
        f"FROM {b.table('mail')} WHERE occurred_at <= :as_of "
        f"AND {d.low('kind')} = 'click' GROUP BY lead_id), "
        "parts AS (SELECT l.id, COALESCE(tr.home, 0) AS r1, "
        f"{d.least}(3 * COALESCE(tr.products, 0), 30) AS r2, "
        "10 * COALESCE(tr.pricing, 0) AS r3, -COALESCE(tr.faq, 0) AS r4, "
        f"CASE WHEN ap.last IS NULL THEN 0 ELSE 50 * {d.decay('ap.last')} END AS r5, "
        "5 * COALESCE(ml.clicks, 0) AS r6, "
        f"CASE WHEN {d.true('l.is_competitor')} THEN -100 ELSE 0 END AS r7 "
        f"FROM {b.table('lead')} AS l LEFT JOIN tr ON tr.lead_id = l.id "
        "LEFT JOIN ap ON ap.lead_id = l.id LEFT JOIN ml ON ml.lead_id = l.id "
        "WHERE l.created_at IS NULL OR l.created_at <= :as_of), "
        "scores AS (SELECT id, r1 + r2 + r3 + r4 + r5 + r6 + r7 AS score, "
        "r1, r2, r3, r4, r5, r6, r7 FROM parts)")


def score_sql(b: Backend, d: Dialect, style: str) -> str:
    """``total``: each lead's score; ``breakdown``: also each rule's points, as
    ``scoring(…).score`` returns them."""
    columns = "id, score" if style == "total" else "id, score, r1, r2, r3, r4, r5, r6, r7"
    return f"WITH {score_ctes(b, d)} SELECT {columns} FROM scores"


def funnel_sql(b: Backend, d: Dialect, style: str) -> str:
    """Each lead's deepest stage; ``group`` counts them per depth in SQL (five
    rows back), ``ids`` returns every lead's depth (what the report lists)."""
    head, tail = (("SELECT depth, count(*) FROM (SELECT CASE ", ") AS x GROUP BY depth")
                  if style == "group" else ("SELECT l.id, CASE ", ""))
    return (
        f"WITH {score_ctes(b, d)}, hot AS ({hot_sql(b, d, 'in')}), "
        f"opp AS (SELECT DISTINCT lead_id FROM {b.table('activity')} "
        f"WHERE occurred_at <= :as_of AND {d.low('result')} = 'opportunity'), "
        f"nur AS (SELECT DISTINCT lead_id FROM {b.table('mail')} "
        f"WHERE occurred_at <= :as_of AND {d.low('kind')} = 'open') "
        f"{head}"
        f"WHEN {d.low('l.status')} = 'won' THEN 4 "
        "WHEN l.id IN (SELECT lead_id FROM opp) THEN 3 "
        "WHEN l.id IN (SELECT id FROM hot) OR s.score >= 100 THEN 2 "
        "WHEN l.id IN (SELECT lead_id FROM nur) THEN 1 ELSE 0 END AS depth "
        f"FROM {b.table('lead')} AS l JOIN scores AS s ON s.id = l.id{tail}")


HAND_WRITTEN: dict[str, tuple[Callable[[Backend, Dialect, str], str], tuple[str, ...]]] = {
    "hot_leads": (hot_sql, ("exists", "in")),
    "engagement": (score_sql, ("total", "breakdown")),
    "pipeline": (funnel_sql, ("group", "ids")),
}
STYLE_NAMES = {"exists": "correlated EXISTS", "in": "IN / GROUP BY",
               "group": "GROUP BY per source + LEFT JOIN",
               "ids": "per-lead depth, counted in Python",
               "total": "one pass per source, total only",
               "breakdown": "one pass per source, total and each rule's points"}


def run_hand_written(b: Backend, task: str, style: str) -> Answer:
    make, _styles = HAND_WRITTEN[task]
    d = DIALECTS[b.name]
    rows = b.fetch(make(b, d, style), params_for(b.name))
    if task == "hot_leads":
        return sorted(str(r[0]) for r in rows)
    if task == "engagement":
        # (id, score, the rules' points …): the points are kept as the API keeps them.
        return [(i, s) for i, s, *_ in sorted((str(r[0]), float(r[1]), *r[2:]) for r in rows)]
    if style == "ids":
        depths = {str(r[0]): int(r[1]) for r in rows}
        return [sum(1 for d in depths.values() if d >= k) for k in range(5)]
    by_depth = {int(r[0]): int(r[1]) for r in rows}
    return [sum(n for depth, n in by_depth.items() if depth >= k) for k in range(5)]


# ---------------------------------------------------------------- the run


class _Fallback(Exception):
    """Raised on the first record pull when a fallback would be too slow to wait for."""


class Counting:
    """Counts calls of a store's ``events_of``: the API pulling records into Python.

    With ``abort`` the first call raises :class:`_Fallback` instead.
    """

    def __init__(self, store: Any, abort: bool) -> None:
        self.store = store
        self.calls = 0
        original = store.events_of

        def counted(lead_id: str) -> Any:
            self.calls += 1
            if abort:
                raise _Fallback
            return original(lead_id)

        store.events_of = counted

    def restore(self) -> None:
        del self.store.events_of


def bench_backend(b: Backend, rules: Any, size: int, events: int,
                  expected: Mapping[str, Answer], args: argparse.Namespace,
                  failures: list[str]) -> list[Result]:
    out = [Result(size, events, b.name, "import", "leadrules", b.import_seconds)]
    default_shape = b.store.shape
    for task in TASKS:
        if task not in expected:
            continue  # no in-memory answer to check against
        # Hand-written first: the reference.
        for style in HAND_WRITTEN[task][1]:
            label = f"hand-written SQL ({STYLE_NAMES[style]})"
            out.append(measure(size, events, b.name, task, label, expected[task],
                               functools.partial(run_hand_written, b, task, style),
                               args.repeat, failures))
        # Does the API evaluate this task in the database?  Run it once with
        # the record pulls counted (cut short when a fallback would be slow).
        counter = Counting(b.store, abort=size > args.fallback_max)
        try:
            run_api(rules, task, b.store)
        except _Fallback:
            pass
        except Exception as error:
            traceback.print_exc()
            failures.append(f"{size} {b.name} {task} leadrules API: {error!r}")
            out.append(Result(size, events, b.name, task, "leadrules API", None,
                              f"error: {str(error).splitlines()[0][:120]}"))
            continue
        finally:
            counter.restore()
        if counter.calls:
            note = "in-memory fallback: every lead's events pulled into Python"
            if size > args.fallback_max:
                out.append(Result(size, events, b.name, task, "leadrules API", None,
                                  f"{note}; not timed above {args.fallback_max:,} leads"))
                continue
            out.append(measure(size, events, b.name, task, "leadrules API", expected[task],
                               functools.partial(run_api, rules, task, b.store), 1, failures, note))
            continue
        for shape in SHAPES:
            b.store.shape = shape
            mark = " (default)" if shape == default_shape else ""
            out.append(measure(size, events, b.name, task, f"leadrules API, {shape}{mark}",
                               expected[task], functools.partial(run_api, rules, task, b.store),
                               args.repeat, failures))
        b.store.shape = default_shape
    return out


def measure(size: int, events: int, backend: str, task: str, implementation: str,
            expected: Answer, fn: Callable[[], Answer], repeat: int, failures: list[str],
            note: str = "") -> Result:
    try:
        first = fn()
        wrong = same(task, expected, first)
        if wrong is not None:
            failures.append(f"{size} {backend} {task} {implementation}: {wrong}")
            return Result(size, events, backend, task, implementation, None, f"WRONG: {wrong}")
        seconds, _ = best_of(fn, repeat)
    except Exception as error:
        traceback.print_exc()
        failures.append(f"{size} {backend} {task} {implementation}: {error!r}")
        return Result(size, events, backend, task, implementation, None,
                      f"error: {str(error).splitlines()[0][:120]}")
    answer = describe(task, first)
    print(f"    {backend:8} {TASK_TITLES[task]:26} {implementation:48} "
          f"{seconds * 1000:10.1f} ms  {answer}", flush=True)
    return Result(size, events, backend, task, implementation, seconds,
                  f"{answer}; {note}" if note else answer)


def describe(task: str, answer: Answer) -> str:
    if task == "hot_leads":
        return f"{len(answer)} leads"
    if task == "engagement":
        return f"{len(answer)} scores"
    return "/".join(str(n) for n in answer)


def open_backend(name: str, folder: Path, data: lr.MemoryStore, dsn: str) -> Backend:
    if name == "sqlite":
        return SQLiteBackend(folder, data)
    if name == "duckdb":
        return DuckDBBackend(folder, data)
    return PostgresBackend(dsn, data)


def bench_size(size: int, args: argparse.Namespace, failures: list[str]) -> list[Result]:
    rules = lr.parse(RULES_TEXT)
    print(f"generating {size:,} leads ...", flush=True)
    data, events, gen_seconds = make_data(size)
    print(f"  {events:,} events in {gen_seconds:.1f} s", flush=True)
    out = [Result(size, events, "-", "generate", "sample.generate + MemoryStore",
                  gen_seconds)]
    expected: dict[str, Answer] = {}
    memory_repeat = args.repeat if size <= CHUNK else 1
    for task in args.tasks:
        try:
            seconds, answer = best_of(functools.partial(run_api, rules, task, data),
                                      memory_repeat)
        except Exception as error:
            traceback.print_exc()
            failures.append(f"{size} memory {task}: {error!r}")
            out.append(Result(size, events, "memory", task, "leadrules (in-memory)", None,
                              f"error: {str(error).splitlines()[0][:120]}"))
            continue
        expected[task] = answer
        note = describe(task, answer)
        print(f"    {'memory':8} {TASK_TITLES[task]:26} {'leadrules (in-memory)':48} "
              f"{seconds * 1000:10.1f} ms  {note}", flush=True)
        if "memory" in args.backends:
            out.append(Result(size, events, "memory", task, "leadrules (in-memory)",
                              seconds, note))
    with tempfile.TemporaryDirectory(prefix="leadrules-bench-") as tmp:
        for name in args.backends:
            if name == "memory":
                continue
            print(f"  {name}: importing ...", flush=True)
            try:
                backend = open_backend(name, Path(tmp), data, args.dsn)
            except Exception as error:
                traceback.print_exc()
                failures.append(f"{size} {name} import: {error!r}")
                out.append(Result(size, events, name, "import", "leadrules", None,
                                  f"error: {error!r}"))
                continue
            print(f"    import {backend.import_seconds:.1f} s", flush=True)
            try:
                out += bench_backend(backend, rules, size, events, expected, args, failures)
            finally:
                backend.close()
                for leftover in Path(tmp).iterdir():
                    if leftover.is_dir():
                        shutil.rmtree(leftover)
                    else:
                        leftover.unlink()
    return out


# ---------------------------------------------------------------- report


HEADER = ["leads / events", "backend", "task", "implementation", "best time", "leads/s",
          "vs best hand-written", "answer"]


def cells(results: Sequence[Result]) -> list[list[str]]:
    best_hand: dict[tuple[int, str, str], float] = {}
    for r in results:
        if r.seconds is not None and r.implementation.startswith("hand-written"):
            key = (r.size, r.backend, r.task)
            best_hand[key] = min(best_hand.get(key, math.inf), r.seconds)
    out = []
    for r in results:
        size = f"{r.size:,} / {r.events:,}"
        task = TASK_TITLES.get(r.task, r.task)
        if r.seconds is None:
            out.append([size, r.backend, task, r.implementation, "-", "-", "-", r.note])
            continue
        base = best_hand.get((r.size, r.backend, r.task))
        ratio = f"{r.seconds / base:.2f}x" if base else "-"
        rate = f"{r.size / r.seconds:,.0f}" if r.task in TASKS else "-"
        if r.task in ("import", "generate"):
            rate = f"{r.events / r.seconds:,.0f} events/s"
        out.append([size, r.backend, task, r.implementation, format_seconds(r.seconds), rate,
                    ratio, r.note])
    return out


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def machine_info() -> dict[str, str]:
    import sqlite3

    import duckdb
    info = {
        "command": shlex.join(sys.orig_argv),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "CPUs": str(os.cpu_count()),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "SQLite": sqlite3.sqlite_version,
        "DuckDB": duckdb.__version__,
        "as_of": AS_OF.isoformat(),
    }
    with contextlib.suppress(Exception):
        import psycopg
        with psycopg.connect(DEFAULT_DSN) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            info["PostgreSQL"] = f"{row[0] if row else '?'} (psycopg {psycopg.__version__})"
    with contextlib.suppress(OSError):
        info["load average at the end"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return info


def render_text(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(c[i]) for c in [HEADER, *rows]) for i in range(len(HEADER))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
                     for line in [HEADER, ["-" * w for w in widths], *rows])


def render_markdown(rows: Sequence[Sequence[str]], info: Mapping[str, str]) -> str:
    out = ["# leadrules stores benchmark", ""]
    out += [f"- {key}: {value}" for key, value in info.items()]
    out += ["", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    out += ["", "\"vs best hand-written\": time divided by the fastest hand-written SQL "
            "query for the same task on the same engine (lower is better; the target is "
            "1.3x or less). Best of several runs; every answer was checked against the "
            "in-memory evaluator's first.", ""]
    return "\n".join(out)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10000,100000",
                        help="comma-separated lead counts (default 10000,100000)")
    parser.add_argument("--large", action="store_true", help="add 1,000,000 leads")
    parser.add_argument("--backends", default=",".join(BACKENDS),
                        help=f"comma-separated, of {', '.join(BACKENDS)}")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (best is kept)")
    parser.add_argument("--dsn", default=os.environ.get("LEADRULES_BENCH_DSN", DEFAULT_DSN),
                        help="PostgreSQL server (a schema is created there and dropped)")
    parser.add_argument("--fallback-max", type=int, default=10_000,
                        help="time an API call that falls back to Python only up to N leads")
    parser.add_argument("--tasks", default=",".join(TASKS),
                        help=f"comma-separated, of {', '.join(TASKS)}")
    parser.add_argument("--output", type=Path, default=None, help="Markdown file to write")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.large:
        args.sizes.append(1_000_000)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    args.tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    if set(args.tasks) - set(TASKS):
        parser.error(f"unknown task(s) {', '.join(sorted(set(args.tasks) - set(TASKS)))}")
    unknown = sorted(set(args.backends) - set(BACKENDS))
    if unknown:
        parser.error(f"unknown backend(s) {', '.join(unknown)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    failures: list[str] = []
    results: list[Result] = []
    for size in args.sizes:
        results += bench_size(size, args, failures)
    rows = cells(results)
    print()
    print(render_text(rows))
    output = args.output or ROOT / "benchmarks" / "results" / (
        "stores-large.md" if args.large else "stores.md")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_markdown(rows, machine_info()), encoding="utf-8")
    print(f"\nwritten to {output}")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
