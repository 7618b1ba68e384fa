"""The summary table of docs/benchmarks.md, from the results files of benchmarks/stores.py.

Usage::

    .venv/bin/python benchmarks/summary.py benchmarks/results/stores.md [...]

Per size, engine and task: the best hand-written SQL query, leadrules with the
store's default shape and with its best shape (each as a ratio to the best
hand-written query), the default shape's ratio to the best hand-written query
that returns what the API returns (every rule's points for a score, every
lead's depth for a funnel: :data:`SAME_ROWS`), and the in-memory evaluator.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ENGINES = ("sqlite", "postgres", "duckdb")
TASKS = ("HOT segment (3.1)", "scoring engagement (3.2)", "funnel pipeline (3.5)")
# Hand-written styles whose rows hold what the API's answer holds.
SAME_ROWS = {"HOT segment (3.1)": ("",), "scoring engagement (3.2)": ("each rule's points",),
             "funnel pipeline (3.5)": ("per-lead depth",)}


def rows(path: Path) -> Iterator[list[str]]:
    """The cells of each result row of a results file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("| ") and not line.startswith("| leads"):
            yield [cell.strip() for cell in line.strip("|").split(" | ")]


def seconds(text: str) -> float | None:
    """``1,234.5 ms`` or ``12.3 s`` in seconds; None for ``-``."""
    if text == "-":
        return None
    value, unit = text.rsplit(" ", 1)
    number = float(value.replace(",", ""))
    return number / 1000 if unit == "ms" else number


def shown(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"


def summary(paths: Sequence[Path]) -> list[str]:
    results = [r for path in paths for r in rows(path)]
    sizes = list(dict.fromkeys(r[0] for r in results if r[1] in ENGINES))
    out = ["| leads / events | engine | task | best hand-written SQL | leadrules, default "
           "shape | vs hand-written | leadrules, best shape | vs hand-written | default vs "
           "hand-written returning the same rows | in-memory evaluator |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        memory = {r[2]: seconds(r[4]) for r in results if r[0] == size and r[1] == "memory"}
        for engine in ENGINES:
            for task in TASKS:
                mine = [r for r in results if r[:3] == [size, engine, task]]
                hand = [(seconds(r[4]), r[3]) for r in mine
                        if r[3].startswith("hand-written") and seconds(r[4]) is not None]
                api = [(seconds(r[4]), r[3]) for r in mine
                       if r[3].startswith("leadrules API") and seconds(r[4]) is not None]
                if not hand or not api:
                    continue
                best_hand, hand_name = min(hand)
                default = next(((t, n) for t, n in api if "(default)" in n), min(api))
                best = min(api)
                same = [t for t, n in hand if any(k in n for k in SAME_ROWS[task])]
                in_memory = memory.get(task)
                out.append("| " + " | ".join([
                    size, engine, task,
                    f"{shown(best_hand)} ({hand_name.removeprefix('hand-written SQL ')[1:-1]})",
                    f"{shown(default[0])} ({_shape(default[1])})",
                    f"{default[0] / best_hand:.2f}x",
                    f"{shown(best[0])} ({_shape(best[1])})",
                    f"{best[0] / best_hand:.2f}x",
                    f"{default[0] / min(same):.2f}x" if same else "-",
                    shown(in_memory) if in_memory is not None else "-",
                ]) + " |")
    return out


def _shape(implementation: str) -> str:
    return implementation.removeprefix("leadrules API, ").removesuffix(" (default)")


def main(argv: Sequence[str]) -> int:
    print("\n".join(summary([Path(a) for a in argv])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
