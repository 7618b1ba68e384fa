"""The ``leadrules`` command line (SPEC section 5).

Exit codes: 0 success, 1 a rule or data error (reported with file, line,
column and caret), 2 a usage error.  Machine-readable output is stable.

One module per group of commands: :mod:`.rules` (check, fmt, segment, score,
grade, tiers, explain, demo), :mod:`.funnel`, :mod:`.lists` and
:mod:`.stores` (import, sql), :mod:`.editor` (lsp); :mod:`.common` holds what they
share.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__
from ..errors import LeadRulesError, UsageError
from . import editor, funnel, lists, review, rules, stores


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"leadrules: error: {message}", file=sys.stderr)
        sys.exit(2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        result: int = args.run(args)
        return result
    except UsageError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    except LeadRulesError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `leadrules segment … | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="leadrules", description="Lead-management rules as text.")
    parser.add_argument("--version", action="version", version=f"leadrules {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for group in (rules, stores, funnel, lists, editor):
        group.register(sub)
    review.register(sub)
    return parser


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
