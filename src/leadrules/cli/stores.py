"""The store commands of the CLI: ``import`` and ``sql``.

``leadrules sql`` prints the query of a segment, scoring model, grading
profile, tiers or (unordered) funnel for the table layout of
``docs/stores.md``.  By default the values are inlined as literals — through
sqlglot's tree, never by pasting text — so the output runs as is in a
warehouse console; ``--params`` prints the dialect's placeholders instead,
followed by one ``-- name = value`` comment per parameter.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..api import Rules, parse_file_ast
from ..check import check, declared_schema
from ..errors import Diagnostic, UsageError, suggest
from ..output import plural
from ..schema import DEFAULT_SCHEMA
from ..sql.dialects import DIALECTS, default_shape, require_sqlglot
from .common import zone_name

STYLES = ("named", "qmark", "numeric", "format", "pyformat")
"""PEP 249's parameter styles (:mod:`leadrules.sql.paramstyle`; named here so the
command line lists them without importing sqlglot)."""


def register(subparsers: Any) -> None:
    """Add ``import`` and ``sql`` to the CLI's subparsers."""
    p = subparsers.add_parser("import", help="load a CSV / JSON Lines folder into a store")
    p.add_argument("src", help="a folder of CSV or JSON Lines files")
    p.add_argument("--into", required=True, dest="into",
                   help="a SQLite file (.db, .sqlite), a DuckDB file (.duckdb) or a "
                        "postgresql:// URL (?schema=NAME for a schema of its own)")
    p.add_argument("--rules", help="read field types declared in this rules file")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--replace", dest="mode", action="store_const", const="replace",
                      help="swap the target's data tables for the folder's, atomically, "
                           "keeping its lists and their history (the default)")
    mode.add_argument("--append", dest="mode", action="store_const", const="append",
                      help="add the folder's records to the target's store (leads already "
                           "there are replaced), in one transaction; a folder of event "
                           "files alone adds events to the store's leads")
    p.add_argument("--key", action="append", default=[], metavar="SOURCE.FIELD",
                   help="with --append: the field identifying an event of SOURCE; events "
                        "the store already has are skipped (repeatable)")
    p.set_defaults(run=cmd_import, mode="replace")

    p = subparsers.add_parser("sql", help="print the SQL of a segment, scoring model, grading "
                                           "profile, tiers or funnel for a dialect")
    p.add_argument("rules")
    p.add_argument("name")
    p.add_argument("--dialect", required=True, choices=DIALECTS)
    p.add_argument("--as-of", dest="as_of", help="ISO-8601 instant or date (default: now)")
    p.add_argument("--timezone", type=zone_name,
                   help="evaluation time zone (default: the file's, or UTC)")
    p.add_argument("--params", action="store_true",
                   help="print placeholders and list their values instead of literals, in "
                        "the parameter style of the dialect's usual Python client")
    p.add_argument("--map", dest="map", metavar="MAPPING.toml",
                   help="render for your own tables, named and typed as this mapping says "
                        "(no shadow columns: the engine's lower()); see docs/stores.md")
    p.add_argument("--paramstyle", choices=STYLES,
                   help="with --params: the PEP 249 parameter style to print (named :p1, "
                        "qmark ?, numeric :1, format %%s, pyformat %%(p1)s)")
    p.add_argument("--state", help="the lead lists 'in list NAME' reads: a JSON file, a "
                                   "SQLite (.db) or DuckDB (.duckdb) file or a postgresql:// "
                                   "URL; each list's members as of --as-of are bound as one "
                                   "JSON array of ids")
    p.set_defaults(run=cmd_sql)


def cmd_import(args: argparse.Namespace) -> int:
    from ..stores.importer import import_data
    schema = DEFAULT_SCHEMA
    if args.rules:
        rule_file = parse_file_ast(args.rules)
        _refuse_conflicts(rule_file)
        from ..loaders import folder_sources
        schema = declared_schema(rule_file, sources=folder_sources(args.src))
    keys = {}
    for spec in args.key:
        source, dot, field = spec.partition(".")
        if not dot or not source or not field:
            raise UsageError([Diagnostic(f"--key {spec}: expected SOURCE.FIELD",
                                         hint="e.g. --key application.id")])
        keys[source] = field
    src = Path(args.src)
    if not src.is_dir():
        what = "no such data folder" if not src.exists() else "not a folder"
        raise UsageError([Diagnostic(f"{what}: {args.src}",
                                     hint="leadrules import takes a folder holding lead.csv "
                                          "or lead.jsonl (and tracking.csv, …)")])
    if keys and args.mode == "append":
        _check_keys(src, keys, schema)
    try:
        data = import_data(args.src, args.into, schema, mode=args.mode, keys=keys)
    except UsageError as exc:  # the store lacks a --key's source or field
        raise UsageError([_key_hint(d, keys, src, schema) for d in exc.diagnostics]) from None
    _warn_near_misses(data.near_misses)
    count = data.leads
    verb = "appended" if args.mode == "append" else "imported"
    print(f"{verb} {plural(count, 'lead')} into {args.into}", file=sys.stderr)
    return 0


def _warn_near_misses(misses: Mapping[tuple[str, str | None], tuple[str, str]]) -> None:
    """A file or column named near one the folder lacks was imported under its
    own name: say so now, not only when a rule reads the name it lacks."""
    for message, hint in misses.values():
        print(Diagnostic(message, hint=hint, severity="warning", code="near-miss").render(),
              file=sys.stderr)


def _refuse_conflicts(rule_file: Any) -> None:
    """The errors ``leadrules check`` reports for declarations at odds with the schema
    or each other (``field lead.company number``: company is text), raised (exit 1)
    before anything is written: the import would leave them out.  Other errors are
    not refused here: the rules may read columns only the folder has."""
    from ..errors import CheckError
    try:
        check(rule_file, DEFAULT_SCHEMA)
    except CheckError as exc:
        conflicts = [d for d in exc.diagnostics if d.code == "field-conflict"]
        if conflicts:
            raise CheckError(conflicts) from None


def _key_hint(d: Diagnostic, keys: dict[str, str], src: Path, schema: Any) -> Diagnostic:
    """An importer's ``--key SOURCE.FIELD: the store has no such source field``
    with the nearest source (the folder's and the schema's) as its hint."""
    from ..loaders import file_names
    for source in keys:
        if d.hint is None and d.message.startswith(f"--key {source}."):
            names = {n.rsplit(".", 1)[0] for n in file_names(src)
                     if n.endswith((".csv", ".jsonl"))} | set(schema.source_names)
            names.discard("lead")
            hint = None if source in names else suggest(source, names)
            return attrs.evolve(d, hint=hint) if hint else d
    return d


def _check_keys(src: Path, keys: dict[str, str], schema: Any) -> None:
    """Each ``--key SOURCE.FIELD`` against the folder's CSV file of SOURCE: a column
    it lacks is a usage error naming the file (with the nearest column), and each
    record with no value in it a data error naming the file and row (the importer
    would say only "record at index N")."""
    from ..errors import DataError
    from ..loaders import csv_header, file_names
    names = file_names(src)
    problems: list[Diagnostic] = []
    for source, field in keys.items():
        if f"{source}.jsonl" in names:
            problems += _missing_json_keys(src / f"{source}.jsonl", source, field)
        if f"{source}.csv" not in names:
            continue  # a source of the store only: the importer checks it
        path = src / f"{source}.csv"
        header = csv_header(source, path)
        if header is None:
            continue  # a header the importer reports
        if field not in header:
            # lead_id may be a key, but it is no likely spelling of another column.
            others = [c for c in header if c != "lead_id"]
            raise UsageError([Diagnostic(
                f"--key {source}.{field}: no column '{field}' in {path.name}", file=str(path),
                hint=suggest(field, others) or f"its columns: {', '.join(header)}")])
        problems += _missing_keys(path, source, field, header.index(field))
    if problems:
        more = len(problems) - 20
        raise DataError(problems[:20] + ([Diagnostic(
            f"... and {more} more events with no {', '.join(sorted(keys))} key")]
            if more > 0 else []))


def _no_key(path: Path, where: str, line: int, source: str, field: str) -> Diagnostic:
    """An event of ``path`` (at ``where``, on ``line``) without its ``--key`` value."""
    return Diagnostic(f"{path.name} {where}", file=str(path), line=line,
                      hint=f"'{field}' is the key of these events (--key {source}.{field}): "
                           "every event needs one")


def _missing_keys(path: Path, source: str, field: str, index: int) -> list[Diagnostic]:
    """A diagnostic for each record of ``path`` with an empty cell in column ``index``
    (rows are counted as the loader counts them: the line the record starts on)."""
    import csv
    found = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f, strict=True)
            next(reader, None)
            end = reader.line_num
            for row in reader:
                start, end = end + 1, reader.line_num
                if any(row) and (index >= len(row) or row[index] == ""):
                    found.append(_no_key(path, f"row {start}, column '{field}': no value",
                                         start, source, field))
    except (csv.Error, UnicodeDecodeError):
        return []  # a file the importer reports
    return found


def _missing_json_keys(path: Path, source: str, field: str) -> list[Diagnostic]:
    """A diagnostic for each record of the JSON Lines file ``path`` with no value for
    ``field`` (absent, null or ""), by its line; a line that is no JSON object is
    left to the importer, which reports it."""
    import json

    from ..loaders import json_lines
    found = []
    try:
        with path.open(encoding="utf-8-sig") as f:
            for number, line in json_lines(f):
                try:
                    record = json.loads(line)
                except ValueError:
                    return []
                if isinstance(record, dict) and record.get(field) in (None, ""):
                    found.append(_no_key(path, f"line {number}: no value for '{field}'",
                                         number, source, field))
    except (OSError, UnicodeDecodeError):
        return []  # a file the importer reports
    return found


def _refuse_ordered(rules: Rules, args: argparse.Namespace) -> None:
    """An ordered funnel has no one query (its chains are searched in Python over
    the events each source selects): say what runs it, on Spark and elsewhere."""
    funnel = rules.program.funnel(args.name)
    if funnel is None or funnel.ordered_within is None:
        return
    report = f"leadrules funnel {args.rules} {args.name} --data DATA reports it on any store"
    if args.dialect == "spark":
        hint = (f"on Spark it runs as a DataFrame: store.depths_dataframe(rules.funnel("
                f"{args.name!r}), as_of) (each lead's depth) or store.chains_dataframe(…) "
                f"(its chain), the chain search a UDF on the executors (docs/spark.md); "
                + report)
    else:
        hint = (f"{report} (rules.funnel({args.name!r}).report(store, as_of) in Python), "
                "each source's events selected in SQL; a segment, scoring model, grading "
                "profile, tiers or unordered funnel prints its SQL here")
    raise UsageError([Diagnostic(
        f"ordered funnel '{args.name}' has no single SQL query: its chains are searched in "
        "Python over each lead's events", hint=hint)])


def cmd_sql(args: argparse.Namespace) -> int:
    require_sqlglot()
    from ..sql import query as sql
    from ..sql.layout import Layout
    rule_file = parse_file_ast(args.rules)
    rules = Rules(check(rule_file, declared_schema(rule_file)))
    if args.state:
        # `in list NAME`: the members as of --as-of, bound as one JSON array.
        from .common import list_repository
        rules = rules.with_lists(list_repository(args.state, create=False))
    kind = rules.kind_of(args.name)
    if kind is None:
        raise UsageError([Diagnostic(f"no segment, scoring model, grading profile, tiers or "
                                     f"funnel named '{args.name}'",
                                     hint=suggest(args.name, rules.names))])
    if kind == "funnel":
        _refuse_ordered(rules, args)
    compile_sql = {"segment": sql.compile_segment, "scoring": sql.compile_scoring,
                   "grading": sql.compile_grading, "tiers": sql.compile_tiers,
                   "funnel": sql.compile_depths}[kind]
    tc = rules.time_context(args.as_of, args.timezone)
    from .common import warn_timezone
    warn_timezone(args)
    if args.map:
        from ..stores.mapping import load as load_mapping
        from ..stores.mapping import offline
        layout = offline(load_mapping(args.map), rules.schema, args.dialect)[1]
    elif args.dialect == "spark":
        # What SparkStore runs over tables holding the fields in their natural
        # Spark types: datetimes as integer µs (docs/spark.md).
        from ..stores.spark import spark_layout
        layout = spark_layout(rules.schema)[1]
    else:
        layout = Layout.for_schema(rules.schema, datetime_as_micros=args.dialect == "sqlite")
    query = compile_sql(rules.program, args.name, layout, args.dialect, tc,
                        shape=default_shape(args.dialect))
    if args.paramstyle and not args.params:
        raise UsageError([Diagnostic("--paramstyle needs --params",
                                     hint=f"leadrules sql {args.rules} {args.name} --dialect "
                                          f"{args.dialect} --params --paramstyle "
                                          f"{args.paramstyle}")])
    if not args.params:
        print(query.render(literals=True, pretty=True) + ";")
        return 0
    from ..sql.paramstyle import CLIENT_STYLES, bind
    style = args.paramstyle or CLIENT_STYLES[args.dialect]
    values: dict[str, Any] | list[Any]
    if args.dialect == "spark" and style == "named":
        # The very text SparkStore runs (renaming the placeholders, as bind
        # does, could wrap the pretty-printed lines elsewhere).
        from ..stores.spark import query_text
        text, values = query_text(query), dict(query.params)
    else:
        text, values = bind(query, style, pretty=True)
    print(text + ";")
    listed = values.items() if isinstance(values, dict) else enumerate(values, start=1)
    for name, value in listed:
        print(f"-- {name} = {value!r}")
    return 0
