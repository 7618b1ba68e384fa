"""``leadrules lsp``: the language server for editors (the optional extra ``lsp``)."""

from __future__ import annotations

import argparse
from typing import Any

from .common import map_arg, mapping_of


def register(sub: Any) -> None:
    """Add ``lsp`` to the ``leadrules`` command's subparsers."""
    p = sub.add_parser("lsp", help="run the language server (stdio), for editors")
    p.add_argument("--data", help="check and complete against this data's schema, as "
                                  "'check --data' does")
    map_arg(p)
    p.add_argument("--state", help="complete and check the names of 'in list NAME' against "
                                   "this state's lead lists, as 'check --state' does")
    p.set_defaults(run=cmd_lsp)


def cmd_lsp(args: argparse.Namespace) -> int:
    from ..lsp import serve  # pygls is imported only here
    # Read here as well as by the server: --map without --data, or a file that is not
    # TOML, is a usage error (exit 2) before the server starts, not a diagnostic.
    mapping_of(args)
    return serve(args.data, args.state, args.map)
