"""Testing and reviewing rules: ``test`` (rule test files) and ``diff`` (who a
rule change moves)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import output
from ..api import load as load_rules
from ..errors import Diagnostic, UsageError
from ..files import check_writable, write_file
from .common import (
    bound,
    data_args,
    lead_table,
    list_repository,
    map_arg,
    mapping_of,
    state_arg,
    warn,
    warn_timezone,
)


def register(sub: Any) -> None:
    """Add ``test`` and ``diff`` to the ``leadrules`` command's subparsers."""
    p = sub.add_parser("test", help="run rule test files (TOML: leads and expected answers)")
    p.add_argument("rules")
    p.add_argument("tests", nargs="+", help="test files, or folders of *.toml test files")
    p.add_argument("--data", help="read the tests' leads with this data's schema, as "
                                  "'check --data' checks the rules (its extra fields)")
    map_arg(p)
    state_arg(p)
    p.add_argument("--format", choices=("text", "junit", "json"), default="text",
                   help="junit: JUnit XML on standard output, for CI")
    p.add_argument("--junit", metavar="FILE", help="also write JUnit XML to FILE")
    p.set_defaults(run=cmd_test)

    p = sub.add_parser("diff", help="who a rule change moves: entered / left a segment, "
                                    "changed tier, grade or stage, score moved")
    p.add_argument("old", metavar="OLD_RULES")
    p.add_argument("new", metavar="NEW_RULES")
    p.add_argument("name", metavar="NAME")
    data_args(p)
    p.add_argument("--threshold", type=float, default=0, metavar="N",
                   help="scoring: list only scores that move by more than N points "
                        "(default 0: every change); scores within 0.000001 points are "
                        "the same score, so a reorder of rules moves nobody")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_diff)


def cmd_test(args: argparse.Namespace) -> int:
    """Exit 1 if a test failed (or a file is bad), else 0."""
    if Path(args.rules).suffix.lower() == ".toml":
        raise UsageError([Diagnostic(
            f"{args.rules} looks like a test file, not rules",
            hint="the rules file comes first: leadrules test RULES TESTS…")])
    if args.junit:
        # Before the tests run: a report that cannot be written is a usage error
        # then, not after every test has run.
        check_writable(args.junit, "the JUnit report", example="report.xml")
    lists = list_repository(args.state) if args.state is not None else None
    rules = load_rules(args.rules, data=args.data, mapping=mapping_of(args), lists=lists)
    try:
        warn(rules, args)
        warn_timezone(args)
        report = rules.test(*args.tests)
    finally:
        # The tests run on their own leads: of --data only the schema is used, and
        # the lists it keeps, which `in list` reads while the tests run.
        close = getattr(rules.store, "close", None)
        if close is not None:
            close()
    if args.junit:
        write_file(args.junit, report.to_junit(), "the JUnit report", example="report.xml")
    if args.format == "junit":
        sys.stdout.write(report.to_junit())
    elif args.format == "json":
        print(output.to_json(report.to_dict()))
    else:
        print(report.render())
    return 0 if report.ok else 1


def cmd_diff(args: argparse.Namespace) -> int:
    """Exit 0 whatever changed (a diff is a report, not a check)."""
    lists = list_repository(args.state) if args.state is not None else None
    old = load_rules(args.old, data=args.data, mapping=mapping_of(args), lists=lists)
    new = load_rules(args.new, data=args.data, mapping=mapping_of(args), lists=lists)
    bound(old.store, args)
    bound(new.store, args)
    warn(old, args)
    warn(new, args)
    warn_timezone(args)
    result = old.diff(new, args.name, as_of=args.as_of, timezone=args.timezone,
                      threshold=args.threshold)
    if args.format == "json":
        print(output.to_json(result.to_dict()))
        return 0
    if result.kind != "segment":
        print(result.render())
        return 0
    # Segments: who they are, for people deciding whether to ship.
    print(result.summary())
    store = new.store
    for word, ids in (("entered", result.entered), ("left", result.left)):
        assert isinstance(ids, list)
        if ids:
            print(f"\n{word} ({len(ids)}):")
            sys.stdout.write(lead_table(store, ids))
    return 0
