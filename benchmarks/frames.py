"""DataFrames benchmark (issue 14 item 2): rules over Arrow / pandas / Polars frames
against the same data in a DuckDB file store.

Usage::

    .venv/bin/python benchmarks/frames.py [--leads 200000] [--repeat 5]

The sample data of :func:`leadrules.sample.generate` (200k leads, about 5.8M
events) is imported into a DuckDB file (``DuckDBStore.create``, timed); the
frames are then read out of that file as an analyst would hold them: one
table per schema table, columns named as the fields, no ``__lower`` or
``seq`` column, tags as a list of text, TIMESTAMPTZ times (``.arrow()``,
``.df()``, ``.pl()`` of DuckDB queries; not timed as evaluation).  Each task
of ``benchmarks/stores.py`` (HOT segment 3.1, scoring ``engagement`` 3.2,
funnel ``pipeline`` 3.5) runs through the public API on the file store and on
``lr.open_store(frames)`` per kind of frame; every answer is checked against
the file store's (ids and counts equal, scores within 1e-9) before a time is
reported.  Every store is opened first, then the runs alternate between the
stores (a change in load hits all alike); times are the best of ``--repeat``
runs; results go to
``benchmarks/results/frames.md``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from stores import (  # noqa: E402
    RULES_TEXT,
    TASK_TITLES,
    TASKS,
    machine_info,
    make_data,
    run_api,
    same,
)

import leadrules as lr  # noqa: E402
from leadrules.stores.duckdb import DuckDBStore  # noqa: E402

KINDS = ("arrow", "pandas", "polars")


def frames_of(path: Path, kind: str) -> dict[str, Any]:
    """The tables of the DuckDB store at ``path`` as frames of ``kind``, in the
    user's layout: field columns only, tags as lists."""
    import duckdb
    conn = duckdb.connect(str(path), read_only=True)
    conn.execute("SET TimeZone = 'UTC'")
    out: dict[str, Any] = {}
    store = DuckDBStore(conn)
    for table in store.schema.tables:
        columns = []
        for f in table.fields:
            name = '"' + f.name + '"'
            if f.type == lr.FieldType.TEXT_LIST:
                columns.append(f"string_split({name}, '|') AS {name}")
            else:
                columns.append(name)
        order = '"seq"'
        result = conn.execute(f'SELECT {", ".join(columns)} FROM "{table.name}" ORDER BY {order}')
        if kind == "arrow":
            out[table.name] = result.to_arrow_table()
        elif kind == "pandas":
            out[table.name] = result.df()
        else:
            import polars as pl
            frame = pl.from_arrow(result.to_arrow_table())
            assert isinstance(frame, pl.DataFrame)
            out[table.name] = frame
    conn.close()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--leads", type=int, default=200_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--kinds", default=",".join(KINDS))
    p.add_argument("--modes", default="copy,in-place",
                   help="copy: open_store(frames) (loaded into DuckDB tables at open, the "
                        "default); in-place: open_store(frames, copy=False)")
    p.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results" / "frames.md")
    args = p.parse_args(argv)
    rules = lr.parse(RULES_TEXT)
    rows: list[list[str]] = []
    failures: list[str] = []
    opened: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        data, events, gen_seconds = make_data(args.leads)
        print(f"generated {args.leads:,} leads, {events:,} events in {gen_seconds:.0f} s",
              flush=True)
        path = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        DuckDBStore.create(path, data).close()
        import_seconds = time.perf_counter() - start
        print(f"imported into DuckDB in {import_seconds:.0f} s", flush=True)
        del data
        gc.collect()
        # Every store is opened first and the runs alternate between them, so a
        # change in the machine's load hits every store alike (the load here moves
        # within a minute); each store's time is its best run.
        stores: dict[str, Any] = {"DuckDB file store": DuckDBStore(path)}
        kept: list[Any] = []
        for kind in args.kinds.split(","):
            start = time.perf_counter()
            frames = frames_of(path, kind)
            read_seconds = time.perf_counter() - start
            kept.append(frames)
            for mode in args.modes.split(","):
                start = time.perf_counter()
                store = lr.open_store(frames, copy=mode == "copy")
                open_seconds = time.perf_counter() - start
                label = f"{kind} frames, {mode}"
                print(f"{label}: frames read in {read_seconds:.1f} s, store opened in "
                      f"{open_seconds:.3f} s", flush=True)
                opened.append(f"{label}: opened in {open_seconds:.2f} s")
                stores[label] = store
        for task in TASKS:
            best: dict[str, float] = {}
            answers: dict[str, Any] = {}
            for _ in range(args.repeat):
                for label, store in stores.items():
                    start = time.perf_counter()
                    answers[label] = run_api(rules, task, store)
                    seconds = time.perf_counter() - start
                    best[label] = min(best.get(label, seconds), seconds)
            base = best["DuckDB file store"]
            expected = answers["DuckDB file store"]
            for label in stores:
                problem = same(task, expected, answers[label])
                if problem is not None:
                    failures.append(f"{label} {task}: {problem}")
                    rows.append([TASK_TITLES[task], label, "WRONG", problem])
                else:
                    rows.append([TASK_TITLES[task], label, f"{best[label]:.3f}",
                                 f"{best[label] / base:.2f}"])
                print(rows[-1], flush=True)
        for store in stores.values():
            store.close()
        del stores, kept
        gc.collect()
    info = machine_info()
    lines = [f"# DataFrames vs a DuckDB file store: {args.leads:,} leads, {events:,} events",
             "", f"`{' '.join(['benchmarks/frames.py', *(argv or sys.argv[1:])])}`; "
             f"import into DuckDB {import_seconds:.0f} s.",
             "", f"| task | store | seconds (best of {args.repeat}) | vs file |",
             "|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += ["", "Opening the store (not in the times above; `copy` loads the frames into "
              "DuckDB tables then): " + "; ".join(opened) + "."]
    lines += ["", ", ".join(f"{k}: {v}" for k, v in info.items()), ""]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
