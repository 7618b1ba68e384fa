"""What the commands share: loading rules with their data, the common options,
printing warnings and result tables."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from .. import output
from ..api import Rules
from ..api import load as load_rules
from ..results import Table


def rule_args(p: argparse.ArgumentParser) -> None:
    """RULES NAME --data DATA [--as-of] [--timezone] [--format]."""
    p.add_argument("rules")
    p.add_argument("name")
    data_args(p)
    p.add_argument("--format", choices=output.FORMATS, default=None)


def data_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", required=True,
                   help="a CSV / JSON Lines / Parquet folder, a SQLite (.db) or DuckDB "
                        "(.duckdb) file, or a postgresql:// URL")
    p.add_argument("--as-of", dest="as_of", help="ISO-8601 instant or date (default: now)")
    p.add_argument("--timezone", help="evaluation time zone (default: the file's, or UTC)")


def default_format(args: argparse.Namespace, machine: str) -> str:
    """``--format``, else a table on a terminal and ``machine`` in a pipe."""
    if args.format:
        return str(args.format)
    return "table" if sys.stdout.isatty() else machine


def load_rules_and_data(rules_path: str, data: str) -> tuple[Rules, Any]:
    """The rules checked against the data, and the data's store: ``lr.load(path,
    data=…)``, which reads the data with the schema the rules declare."""
    rules = load_rules(rules_path, data=data)
    return rules, rules.store


def load(args: argparse.Namespace) -> tuple[Rules, Any]:
    """``args.rules`` and ``args.data`` loaded, the rules' warnings printed."""
    rules, store = load_rules_and_data(args.rules, args.data)
    warn(rules)
    return rules, store


def warn(rules: Rules) -> None:
    for w in rules.warnings:
        print(w.render(), file=sys.stderr)


def emit(table: Table, fmt: str, machine_columns: Sequence[str]) -> None:
    """Print a result table: JSON / CSV with exactly ``machine_columns`` (SPEC 5)."""
    rows = [[row[table.columns.index(c)] for c in machine_columns] for row in table.rows]
    if fmt == "json":
        print(output.to_json([dict(zip(machine_columns, r, strict=True)) for r in rows]))
    elif fmt == "csv":
        sys.stdout.write(output.to_csv(machine_columns, rows))
    elif fmt == "ids":
        sys.stdout.write("".join(f"{r[0]}\n" for r in rows))
    else:
        sys.stdout.write(table.to_text())


def lead_table(store: Any, ids: Sequence[str]) -> str:
    columns = ["lead_id", "name", "company", "email"]
    rows = []
    for i in ids:
        lead = store.lead(i) or {}
        rows.append([i, lead.get("name"), lead.get("company"), lead.get("email")])
    return output.to_table(columns, rows)
