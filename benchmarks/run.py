"""``make bench``: leadrules against hand-written Python and rule-engine.

Usage: ``.venv/bin/python benchmarks/run.py [--leads N] [--quick]``, or
``benchmarks/run.py --stores [...]`` for the stores benchmark (``benchmarks/stores.py``),
or ``benchmarks/run.py --startup [...]`` for whole-process start-up
(``benchmarks/startup.py``).

Two benchmarks over data from :func:`leadrules.sample.generate`:

(a) the HOT-lead segment of SPEC 3.1 over N leads (default 100k, about 20
    events each): the hand-written function against leadrules in memory;
(b) an attribute predicate over 2N lead records (default 200k): a
    hand-written lambda against leadrules' compiled predicate and rule-engine.

Answers are checked to agree before any speed is reported.  Each timing is
the best of 5 runs (fewer when one run is slow).  The table is printed and
written as Markdown to ``benchmarks/results/latest.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
import time
import traceback
import types
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import hand_written  # noqa: E402

PACKAGE_ERROR: str | None = None
try:
    import leadrules  # noqa: F401
except Exception as error:
    # The package is mid-development: load leadrules.sample without the package's
    # __init__, so the hand-written and rule-engine rows still run.
    PACKAGE_ERROR = f"import leadrules failed: {error!r}"
    stub = types.ModuleType("leadrules")
    stub.__path__ = [str(ROOT / "src" / "leadrules")]
    sys.modules["leadrules"] = stub

from leadrules.sample import AS_OF, generate  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.spec import spec_rules  # noqa: E402

RULES_TEXT = spec_rules("hot_leads") + """
segment senior_buyers {
  1: lead { age >= 30; title in ("manager", "director", "部長"); employees >= 100 }
}
"""

SOURCES = ("tracking", "application", "activity", "mail")

_T = TypeVar("_T")
Record = dict[str, Any]


class Row(NamedTuple):
    benchmark: str
    implementation: str
    records: int
    seconds: float | None      # best time; None when the row could not run
    note: str = ""


class LeadrulesMissing(Exception):
    """leadrules does not (yet) offer the API the benchmark calls."""


def best_of(fn: Callable[[], _T], repeat: int = 5) -> tuple[float, _T]:
    """Best wall time of ``fn`` over up to ``repeat`` runs, and its result.

    A slow first run cuts the repeats, so rule-engine does not take minutes.
    """
    start = time.perf_counter()
    result = fn()
    best = time.perf_counter() - start
    runs = repeat if best < 0.5 else 3 if best < 2.0 else 1
    for _ in range(runs - 1):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def leadrules_api() -> Any:
    """The ``leadrules`` module, if it has the API the benchmark calls."""
    if PACKAGE_ERROR is not None:
        raise LeadrulesMissing(PACKAGE_ERROR)
    import leadrules as lr

    missing = [name for name in ("parse", "MemoryStore") if not hasattr(lr, name)]
    if missing:
        raise LeadrulesMissing(f"leadrules has no {', '.join(missing)} yet")
    return lr


def segment_benchmark(n_leads: int, failures: list[str]) -> list[Row]:
    print(f"generating {n_leads:,} leads ...", flush=True)
    start = time.perf_counter()
    data = generate(n_leads, as_of=AS_OF)
    print(f"  {data.event_count:,} events in {time.perf_counter() - start:.1f} s", flush=True)
    name = f"(a) HOT-lead segment, {n_leads:,} leads / {data.event_count:,} events"

    # Grouping is outside the timed region, as MemoryStore groups at construction.
    events_by_lead = hand_written.group_events_by_lead(data.events)
    seconds, expected = best_of(
        lambda: hand_written.hot_leads(data.leads, events_by_lead, AS_OF))
    rows = [Row(name, "hand-written Python", n_leads, seconds, f"{len(expected)} leads")]
    print(f"  hand-written: {len(expected)} HOT leads", flush=True)

    try:
        lr = leadrules_api()
        rules = lr.parse(RULES_TEXT)
        store = lr.MemoryStore(data.leads, data.events)
        segment = rules.segment("hot_leads")
        seconds, got = best_of(lambda: list(segment.select(store, as_of=AS_OF)))
        check_same("HOT-lead ids", expected, got)
        rows.append(Row(name, "leadrules (memory)", n_leads, seconds, f"{len(got)} leads"))
    except LeadrulesMissing as why:
        print(f"  leadrules row skipped: {why}", flush=True)
        rows.append(Row(name, "leadrules (memory)", n_leads, None, f"skipped: {why}"))
    except Exception as error:
        traceback.print_exc()
        failures.append(f"leadrules HOT-lead segment: {error!r}")
        rows.append(Row(name, "leadrules (memory)", n_leads, None, f"error: {error!r}"))
    return rows


def predicate_benchmark(n_records: int, failures: list[str]) -> list[Row]:
    print(f"generating {n_records:,} lead records ...", flush=True)
    records = generate(n_records, as_of=AS_OF, seed=11, events_per_lead=0).leads
    name = f"(b) attribute predicate, {n_records:,} records"

    def run(pred: Callable[[Record], bool]) -> list[str]:
        return [r["id"] for r in records if pred(r)]

    seconds, expected = best_of(lambda: run(hand_written.attribute_predicate))
    rows = [Row(name, "hand-written lambda", n_records, seconds, f"{len(expected)} match")]
    print(f"  hand-written: {len(expected)} records match", flush=True)

    try:
        lr = leadrules_api()
        compiled = lr.parse(RULES_TEXT).segment("senior_buyers").compiled(as_of=AS_OF)
        empty: dict[str, list[Record]] = {source: [] for source in SOURCES}

        def run_leadrules() -> list[str]:
            return [r["id"] for r in records if compiled(r, empty)]

        seconds, got = best_of(run_leadrules)
        check_same("senior_buyers matches", expected, got)
        rows.append(Row(name, "leadrules compiled", n_records, seconds, f"{len(got)} match"))
    except LeadrulesMissing as why:
        print(f"  leadrules row skipped: {why}", flush=True)
        rows.append(Row(name, "leadrules compiled", n_records, None, f"skipped: {why}"))
    except Exception as error:
        traceback.print_exc()
        failures.append(f"leadrules predicate: {error!r}")
        rows.append(Row(name, "leadrules compiled", n_records, None, f"error: {error!r}"))

    try:
        matches = hand_written.rule_engine_predicate()
    except ImportError as error:
        rows.append(Row(name, "rule-engine", n_records, None, f"skipped: {error}"))
        return rows
    seconds, got = best_of(lambda: run(matches), repeat=3)
    check_same("rule-engine matches", expected, got)
    rows.append(Row(name, "rule-engine", n_records, seconds, f"{len(got)} match"))
    return rows


def check_same(what: str, expected: Sequence[str], got: Sequence[str]) -> None:
    if list(expected) == list(got):
        return
    missing = sorted(set(expected) - set(got))[:5]
    extra = sorted(set(got) - set(expected))[:5]
    raise AssertionError(
        f"{what} disagree with the hand-written answer: {len(got)} vs {len(expected)}; "
        f"missing {missing}, extra {extra}")


def table(rows: Sequence[Row]) -> list[list[str]]:
    """Cells: benchmark, implementation, best time, records/s, speed vs hand-written."""
    base: dict[str, float] = {}
    cells = []
    for row in rows:
        if row.seconds is None:
            cells.append([row.benchmark, row.implementation, "-", "-", "-", row.note])
            continue
        rate = row.records / row.seconds
        base.setdefault(row.benchmark, rate)     # the first row of each benchmark
        cells.append([row.benchmark, row.implementation, f"{row.seconds * 1000:,.1f} ms",
                      f"{rate:,.0f}", speed_ratio(rate / base[row.benchmark]), row.note])
    return cells


def speed_ratio(ratio: float) -> str:
    if ratio >= 0.1:
        return f"{ratio:.2f}x"
    return f"{ratio:.2g}x (1/{1 / ratio:,.0f})"


HEADER = ["benchmark", "implementation", "best time", "records/s", "vs hand-written", "answer"]


def render_text(cells: Sequence[Sequence[str]]) -> str:
    widths = [max(len(c[i]) for c in [HEADER, *cells]) for i in range(len(HEADER))]
    lines = [HEADER, ["-" * w for w in widths], *cells]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
        for line in lines)


def render_markdown(cells: Sequence[Sequence[str]], info: Mapping[str, str]) -> str:
    out = ["# leadrules benchmarks", ""]
    out += [f"- {key}: {value}" for key, value in info.items()]
    out += ["", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
    out += ["", "records/s: leads evaluated per second (a) or records tested per second (b); "
            "\"vs hand-written\" is that rate divided by the hand-written one (higher is "
            "faster). Best of 5 runs, fewer for slow ones; answers checked equal first.", ""]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--leads", type=int, default=None,
                        help="leads for the segment benchmark (the predicate uses twice as many)")
    parser.add_argument("--quick", action="store_true", help="5k leads / 10k records")
    parser.add_argument("--stores", action="store_true",
                        help="run benchmarks/stores.py instead (leadrules in SQLite, "
                             "PostgreSQL and DuckDB against hand-written SQL); the "
                             "remaining arguments are its own")
    parser.add_argument("--startup", action="store_true",
                        help="run benchmarks/startup.py instead (whole-process start-up of "
                             "`leadrules check` and `leadrules segment` against their "
                             "references); the remaining arguments are its own")
    args, rest = parser.parse_known_args(argv)
    if args.stores:
        import stores
        return stores.main(rest)
    if args.startup:
        import startup
        return startup.main(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    n_leads = args.leads or (5_000 if args.quick else 100_000)

    failures: list[str] = []
    rows = segment_benchmark(n_leads, failures)
    rows += predicate_benchmark(2 * n_leads, failures)

    info = {
        "command": shlex.join(sys.orig_argv),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "CPUs": str(os.cpu_count()),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "as_of": AS_OF.isoformat(),
    }
    cells = table(rows)
    print()
    print(render_text(cells))
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "latest.md").write_text(render_markdown(cells, info), encoding="utf-8")
    print(f"\nwritten to {(results / 'latest.md').relative_to(ROOT)}")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
