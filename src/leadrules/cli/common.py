"""What the commands share: loading rules with their data, the common options,
printing warnings and result tables."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .. import output
from ..api import Rules
from ..api import load as load_rules
from ..errors import Diagnostic, UsageError
from ..results import Table


def rule_args(p: argparse.ArgumentParser) -> None:
    """RULES NAME --data DATA [--as-of] [--timezone] [--format]."""
    p.add_argument("rules")
    p.add_argument("name")
    data_args(p)
    p.add_argument("--format", choices=output.FORMATS, default=None)
    p.add_argument("--columns", metavar="FIELD,…",
                   help="lead fields beside the ids, e.g. email,name,company "
                        "(table, csv and json formats)")
    bom_arg(p)


def bom_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bom", action="store_true",
                   help="start CSV output with a UTF-8 byte order mark (for Excel); "
                        "implies --format csv")


def write(args: argparse.Namespace, fmt: str, text: str) -> None:
    """Print command output; CSV with ``--bom`` starts with U+FEFF."""
    if fmt == "csv" and getattr(args, "bom", False):
        text = "\ufeff" + text
    sys.stdout.write(text)


def state_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--state", help="the lead lists 'in list NAME' reads: a JSON file, a SQLite "
                                   "(.db) or DuckDB (.duckdb) file or a postgresql:// URL "
                                   "(default: the lists kept in the --data store)")


def list_repository(spec: str, *, create: bool = False) -> Any:
    """Where the lists are kept: a JSON file, or the tables of a SQLite file, a DuckDB
    file or a PostgreSQL database, read only (a missing file is an error, nothing is
    written, see :func:`leadrules.stores.open.open_lists`); ``create=True`` for the
    commands that write lists: every change is written as it happens."""
    from ..stores.open import open_lists
    return open_lists(spec, create=create)


def data_args(p: argparse.ArgumentParser, *, state: bool = True) -> None:
    """--data, --map, --as-of, --timezone and --timeout: what evaluating on data takes;
    and --state (the lists `in list` reads) unless the command has its own."""
    if state:
        state_arg(p)
    p.add_argument("--data", required=True,
                   help="a CSV / JSON Lines / Parquet folder, a SQLite (.db) or DuckDB "
                        "(.duckdb) file, or a postgresql:// URL")
    map_arg(p)
    p.add_argument("--as-of", dest="as_of", help="ISO-8601 instant or date (default: now)")
    p.add_argument("--timezone", type=zone_name,
                   help="evaluation time zone (default: the file's, or UTC)")
    p.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                   help="stop any query on the data that runs longer (exit 1; "
                        "default: no limit)")


def map_arg(p: argparse.ArgumentParser) -> None:
    """--map: every command that takes --data (or, as ``timeline``, DATA) takes it,
    read by :func:`mapping_of` (``tests/test_cli.py`` checks that none lacks it)."""
    p.add_argument("--map", dest="map", metavar="MAPPING.toml",
                   help="read the database the data names as your own tables, through "
                        "this mapping (docs/stores.md, 'Your own tables')")


def zone_name(text: str) -> str:
    """``--timezone``'s value: a name (an empty one is refused here, not read as
    "no zone given" and silently replaced by the file's zone or UTC)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "an empty time zone name: give an IANA name such as Asia/Tokyo or UTC, "
            "or leave the option out for the rules' own zone")
    return text


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value > 0 and value != float("inf")):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def bound(store: Any, args: argparse.Namespace) -> None:
    """Give ``store`` the time limit ``--timeout`` sets, if any."""
    seconds = getattr(args, "timeout", None)
    if seconds is not None and hasattr(store, "timeout"):
        store.timeout = seconds


def default_format(args: argparse.Namespace, machine: str) -> str:
    """``--format``, else a table on a terminal and ``machine`` in a pipe
    (``--bom``: CSV, and only CSV)."""
    if getattr(args, "bom", False):
        if args.format not in (None, "csv"):
            raise UsageError([Diagnostic(f"--bom is for CSV output, not --format {args.format}",
                                         hint="drop --bom, or use --format csv")])
        return "csv"
    if args.format:
        return str(args.format)
    return "table" if sys.stdout.isatty() else machine


def mapping_of(args: argparse.Namespace) -> dict[str, Any] | None:
    """The mapping file ``--map`` names, read (None without ``--map``); a usage
    error when there is no data for it to map (``check --map M`` without --data)."""
    path = getattr(args, "map", None)
    if path is not None and getattr(args, "data", None) is None:
        raise UsageError([Diagnostic(f"--map {path} maps the tables of the --data "
                                     "database, and there is no --data",
                                     hint="give --data DATABASE, or drop --map")])
    return read_mapping(path, getattr(args, "data", None))


_LIST_CODES = ("unknown-list", "no-lists")
_STATE = ("--state STATE, where the lists are kept (a JSON file, a SQLite or DuckDB file "
          "or a postgresql:// URL; leadrules list add STATE NAME IDS… creates one)")


def lists_need_state(diagnostics: Sequence[Diagnostic], args: argparse.Namespace
                     ) -> list[Diagnostic]:
    """``diagnostics`` with the hints about lists naming what the command takes.

    Without lists at all (``no-lists``), the library's hint names ``lists=``; a
    command names its own options instead: ``--state`` and, when it reads
    ``--data``, a store that keeps lists.  With ``--map`` and no ``--state``,
    every list hint names ``--state``: a user's own tables hold no leadrules
    lists, so ``in list`` has nothing to read without one."""
    takes_state = hasattr(args, "state")
    if getattr(args, "map", None) is not None and getattr(args, "state", None) is None:
        hint = (f"--map {args.map} reads your own tables, which hold no leadrules lists: "
                f"give {_STATE}")
        return [attrs.evolve(d, hint=hint, suggestion=None) if d.code in _LIST_CODES else d
                for d in diagnostics]
    diagnostics = [_command_for_kind(d, args) for d in diagnostics]
    if not takes_state:
        return list(diagnostics)
    hint = f"give {_STATE}"
    if hasattr(args, "data"):
        hint += (", or --data a SQLite or DuckDB file or a postgresql:// URL that keeps "
                 "them beside the leads (leadrules list add DATA NAME IDS…)")
    return [attrs.evolve(d, hint=hint, suggestion=None) if d.code == "no-lists" else d
            for d in diagnostics]


_COMMAND_OF_KIND = {"segment": "segment", "scoring": "score", "grading": "grade",
                    "tiers": "tiers", "funnel": "funnel"}


def _command_for_kind(d: Diagnostic, args: argparse.Namespace) -> Diagnostic:
    """'NAME is a scoring model, not a segment': the library's hint names
    ``rules.scoring(NAME)``; on the command line, the command that takes it."""
    kind = re.match(r"use rules\.(\w+)\(", d.hint or "") if d.code == "wrong-kind" else None
    if kind is None:
        return d
    command = _COMMAND_OF_KIND.get(kind[1])
    rules, name = getattr(args, "rules", None), getattr(args, "name", None)
    if command is None or not isinstance(rules, str) or not isinstance(name, str):
        return d
    return attrs.evolve(d, hint=f"use leadrules {command} {rules} {name} …", suggestion=None)


def read_mapping(path: str | None, data: str | None = None) -> dict[str, Any] | None:
    """The mapping file at ``path`` (what ``--map`` takes), read; None for None.  A
    usage error when ``data`` (``--data``) is a folder, which has no tables to map."""
    if path is None:
        return None
    if data is not None and Path(data).is_dir():
        raise UsageError([Diagnostic(f"a mapping reads database tables, not the folder {data}",
                                     hint="--map goes with a SQLite or DuckDB file or a "
                                          "postgresql:// URL; a folder's files are read as "
                                          "they are, without --map")])
    from ..stores.mapping import load as load_mapping
    return load_mapping(path)


def load_rules_and_data(rules_path: str, data: str, mapping_path: str | None = None,
                        state: str | None = None, *, lists: Any = None
                        ) -> tuple[Rules, Any]:
    """The rules checked against the data, and the data's store: ``lr.load(path,
    data=…)``, which reads the data with the schema the rules declare (through
    the mapping file ``mapping_path``, if given); ``in list`` reads the lists of
    ``state``, read only (default: those kept in the store), or of ``lists``, a
    repository the caller opened (to write)."""
    mapping = read_mapping(mapping_path, data)
    if lists is None and state is not None:
        lists = list_repository(state)
    rules = load_rules(rules_path, data=data, mapping=mapping, lists=lists)
    return rules, rules.store


def load(args: argparse.Namespace, *, lists: Any = None) -> tuple[Rules, Any]:
    """``args.rules`` and ``args.data`` loaded, the rules' warnings printed;
    ``lists``: the repository ``in list`` reads, if not ``args.state``'s.  A
    ``--chart`` file that cannot be written is refused first, before anything
    runs or is printed."""
    if getattr(args, "chart", None):
        from ..charts import check_target
        check_target(args.chart)
    rules, store = load_rules_and_data(args.rules, args.data, getattr(args, "map", None),
                                       getattr(args, "state", None), lists=lists)
    bound(store, args)
    warn(rules, args)
    warn_timezone(args)
    return rules, store


def warn(rules: Rules, args: argparse.Namespace | None = None) -> None:
    """Print the rules' warnings; but not the caveat about the file's ``timezone``
    when ``--timezone`` replaces it (the file's zone is not the one used)."""
    replaced = bool(getattr(args, "timezone", None))
    for w in rules.warnings:
        if replaced and w.code == "timezone-offset":
            continue
        print(w.render(), file=sys.stderr)


def warn_timezone(args: argparse.Namespace) -> None:
    """``--timezone EST`` is read as the tz database has it, a fixed offset: say so,
    as ``check`` does for ``timezone "EST"`` in a file."""
    timezone = getattr(args, "timezone", None)
    if isinstance(timezone, str):
        from ..dates import zone_caveat
        caveat = zone_caveat(timezone)
        if caveat is not None:
            print(Diagnostic(f"--timezone: {caveat[0]}", hint=caveat[1], severity="warning",
                             code="timezone-offset").render(), file=sys.stderr)


def lead_columns(args: argparse.Namespace, store: Any, fmt: str) -> list[str]:
    """The checked ``--columns`` (empty when not given)."""
    from ..lead_fields import check_columns, parse_columns
    names = parse_columns(getattr(args, "columns", None))
    if names is None:
        return []
    if fmt == "ids":
        raise UsageError([Diagnostic("--columns needs --format table, csv or json, not ids",
                                     hint="drop --format ids")])
    return check_columns(store.schema, names)


def emit(table: Table, fmt: str, machine_columns: Sequence[str],
         args: argparse.Namespace | None = None, store: Any = None) -> None:
    """Print a result table: JSON / CSV with exactly ``machine_columns`` (SPEC 5),
    plus ``--columns``' lead fields after ``lead_id``."""
    extra = lead_columns(args, store, fmt) if args is not None else []
    if extra:
        table = table.with_leads(store, extra)
        machine_columns = [machine_columns[0], *extra, *machine_columns[1:]]
    rows = [[row[table.columns.index(c)] for c in machine_columns] for row in table.rows]
    if fmt == "json":
        text = output.to_json([dict(zip(machine_columns, r, strict=True)) for r in rows]) + "\n"
    elif fmt == "csv":
        text = output.to_csv(machine_columns, rows)
    elif fmt == "ids":
        text = "".join(f"{r[0]}\n" for r in rows)
    else:
        text = table.to_text()
    if args is not None:
        write(args, fmt, text)
    else:
        sys.stdout.write(text)


def lead_table(store: Any, ids: Sequence[str]) -> str:
    columns = ["lead_id", "name", "company", "email"]
    rows = []
    for i in ids:
        lead = store.lead(i) or {}
        rows.append([i, lead.get("name"), lead.get("company"), lead.get("email")])
    return output.to_table(columns, rows)
