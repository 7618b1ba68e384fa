"""Testing and reviewing rules: ``test`` (rule test files) and ``diff`` (who a
rule change moves)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..api import load as load_rules


def register(sub: Any) -> None:
    """Add ``test`` and ``diff`` to the ``leadrules`` command's subparsers."""
    p = sub.add_parser("test", help="run rule test files (TOML: leads and expected answers)")
    p.add_argument("rules")
    p.add_argument("tests", nargs="+", help="test files, or folders of *.toml test files")
    p.add_argument("--data", help="read the tests' leads with this data's schema, as "
                                  "'check --data' checks the rules (its extra fields)")
    p.add_argument("--format", choices=("text", "junit", "json"), default="text",
                   help="junit: JUnit XML on standard output, for CI")
    p.add_argument("--junit", metavar="FILE", help="also write JUnit XML to FILE")
    p.set_defaults(run=cmd_test)


def cmd_test(args: argparse.Namespace) -> int:
    """Exit 1 if a test failed (or a file is bad), else 0."""
    rules = load_rules(args.rules, data=args.data)
    close = getattr(rules.store, "close", None)
    if close is not None:
        close()  # only its schema was needed
    for w in rules.warnings:
        print(w.render(), file=sys.stderr)
    report = rules.test(*args.tests)
    if args.junit:
        Path(args.junit).write_text(report.to_junit(), encoding="utf-8")
    if args.format == "junit":
        sys.stdout.write(report.to_junit())
    elif args.format == "json":
        from ..output import to_json
        print(to_json(report.to_dict()))
    else:
        print(report.render())
    return 0 if report.ok else 1
