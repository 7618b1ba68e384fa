"""The ``leadrules`` command line (SPEC section 5).

Exit codes: 0 success, 1 a rule or data error (reported with file, line,
column and caret), 2 a usage error.  Machine-readable output is stable.

One module per group of commands: :mod:`.rules` (check, fmt, segment, score,
grade, tiers, explain, demo), :mod:`.funnel`, :mod:`.lists` and
:mod:`.stores` (import, sql), :mod:`.timeline`, :mod:`.editor` (lsp); :mod:`.common` holds what they
share.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .. import __version__
from ..errors import LeadRulesError, UsageError

GROUPS = ("rules", "stores", "funnel", "lists", "timeline", "editor", "review")
"""The modules of this package that register commands, in the order ``--help`` lists them."""

COMMANDS = {
    "check": "rules", "fmt": "rules", "export": "rules", "segment": "rules",
    "score": "rules", "grade": "rules", "tiers": "rules", "explain": "rules",
    "demo": "rules", "import": "stores", "sql": "stores", "funnel": "funnel",
    "list": "lists", "lsp": "editor", "test": "review", "diff": "review",
    "timeline": "timeline",
}
"""Which group registers each command: a run builds only its command's group's
parsers (argparse for all of them is ~20 ms of every start); an unknown or
missing command builds them all, for the usage message and ``--help``
(``tests/test_cli.py`` checks this table against what the groups register)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"leadrules: error: {message}", file=sys.stderr)
        sys.exit(2)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # while the parsers are built (the groups imported)
        return _interrupted()


def _main(argv: Sequence[str] | None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((w for w in words if not w.startswith("-")), None)
    group = COMMANDS.get(command or "")
    parser = _build_parser(None if group is None or command != words[0] else (group,))
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            _unrecognized(parser, args, extra)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        result: int = args.run(args)
        return result
    except UsageError as exc:
        print(_rendered(exc, args), file=sys.stderr)
        return 2
    except LeadRulesError as exc:
        print(_rendered(exc, args), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return _interrupted()
    except RuntimeError as exc:
        # DuckDB turns Ctrl-C during a query it runs in this thread into this
        # plain RuntimeError (in another thread, into its InterruptException).
        if str(exc) == "Query interrupted":
            return _interrupted()
        raise
    except BrokenPipeError:
        # `leadrules segment … | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _unrecognized(parser: argparse.ArgumentParser, args: argparse.Namespace,
                  extra: Sequence[str]) -> NoReturn:
    """Refuse arguments no parser took, with the usage of the command they were
    given to and the option a mistyped one is near.

    argparse reports them from the top-level parser, whose usage -- built with
    only this command's group -- would list a few commands as if they were all."""
    command = _innermost(parser, args)
    message = f"unrecognized arguments: {' '.join(extra)}"
    options = [o for a in command._actions for o in a.option_strings]
    near = [n for n in (_near_option(w, options) for w in extra) if n is not None]
    if near:
        message += "\n  did you mean " + " and ".join(dict.fromkeys(near)) + "?"
    command.error(message)


def _innermost(parser: argparse.ArgumentParser, args: argparse.Namespace
               ) -> argparse.ArgumentParser:
    """The (sub)parser of the command ``args`` ran: ``leadrules list add``'s, not
    ``leadrules``'."""
    while True:
        chosen = [a.choices[getattr(args, a.dest)] for a in parser._actions
                  if isinstance(a, argparse._SubParsersAction) and isinstance(a.choices, dict)
                  and getattr(args, a.dest, None) in a.choices]
        if not chosen:
            return parser
        parser = chosen[0]


def _near_option(word: str, options: Sequence[str]) -> str | None:
    """The option ``word`` (``--as_of``, ``--as_of=X``, ``--junt``, ``-data``)
    misspells, or None for a word that is no option (a value, a number)."""
    from ..errors import nearest
    name = word.split("=", 1)[0]
    if not name.startswith("-") or len(name) < 2 or name.lstrip("-")[:1].isdigit():
        return None
    dashed = "--" + name.lstrip("-").replace("_", "-")  # --as_of, -data: --as-of, --data
    long = [o for o in options if o.startswith("--")]
    if dashed in long:
        return dashed
    return nearest(name, long) if len(name) > 2 else None


def _rendered(exc: LeadRulesError, args: argparse.Namespace) -> str:
    from .common import lists_need_state
    return "\n".join(d.render() for d in lists_need_state(exc.diagnostics, args))


def _interrupted() -> int:
    # Ctrl-C: every write is one transaction or a new file renamed into place at
    # the end, so what was interrupted left nothing half-written.
    print("leadrules: interrupted", file=sys.stderr)
    return 130


def _build_parser(groups: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="leadrules", description="Lead-management rules as text.")
    parser.add_argument("--version", action="version", version=f"leadrules {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for group in GROUPS if groups is None else groups:
        _register(group, sub)
    return parser


def _register(group: str, sub: Any) -> None:
    # One import per branch (not importlib): the architecture test's import walker sees them.
    if group == "rules":
        from . import rules
        rules.register(sub)
    elif group == "stores":
        from . import stores
        stores.register(sub)
    elif group == "funnel":
        from . import funnel
        funnel.register(sub)
    elif group == "lists":
        from . import lists
        lists.register(sub)
    elif group == "timeline":
        from . import timeline
        timeline.register(sub)
    elif group == "editor":
        from . import editor
        editor.register(sub)
    elif group == "review":
        from . import review
        review.register(sub)
    else:
        raise ValueError(f"no command group {group!r}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
