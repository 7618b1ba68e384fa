"""``leadrules timeline DATA LEAD_ID``: one lead's events and list changes in time
order, in the rules' time zone -- what a salesperson opens before calling
(:mod:`leadrules.timeline`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from ..errors import Diagnostic, UsageError
from .common import _seconds, bound, default_format, map_arg, state_arg, zone_name

if TYPE_CHECKING:
    from ..timeline import Timeline

FORMATS = ("table", "json", "jsonl")


def register(sub: Any) -> None:
    """Add ``timeline`` to the ``leadrules`` command's subparsers."""
    p = sub.add_parser("timeline", help="one lead's events and list changes in time order")
    p.add_argument("data", nargs="?",
                   help="a CSV / JSON Lines / Parquet folder, a SQLite (.db) or "
                        "DuckDB (.duckdb) file, or a postgresql:// URL (or --data DATA, "
                        "as the other commands take it)")
    p.add_argument("lead_id")
    p.add_argument("--data", dest="data_option", metavar="DATA", help=argparse.SUPPRESS)
    p.add_argument("--rules", help="read the data with this rules file's declarations and "
                                   "show times in its time zone")
    state_arg(p)
    map_arg(p)
    p.add_argument("--since", help="only what happened after this instant; a date means "
                                   "from the start of that day")
    p.add_argument("--as-of", dest="as_of",
                   help="only what happened at or before this instant; a date means the "
                        "end of that day (default: everything recorded)")
    p.add_argument("--timezone", type=zone_name,
                   help="show times in this time zone (default: the rules', or UTC)")
    p.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                   help="stop any query on the data that runs longer (exit 1)")
    p.add_argument("--format", choices=FORMATS, default=None)
    p.set_defaults(run=cmd_timeline)


def cmd_timeline(args: argparse.Namespace) -> int:
    if args.data_option is not None:
        if args.data is not None:
            raise UsageError([Diagnostic(
                f"timeline got the data twice: {args.data!r} and --data {args.data_option!r}",
                hint="leadrules timeline DATA LEAD_ID (or --data DATA LEAD_ID)")])
        args.data = args.data_option
    if args.data is None:
        raise UsageError([Diagnostic(
            "timeline needs the data the lead is in",
            hint=f"leadrules timeline DATA {args.lead_id} (or --data DATA)")])
    store, timezone = _open(args)
    bound(store, args)
    lists = None
    if args.state is not None:
        from .common import list_repository
        lists = list_repository(args.state, create=False)  # reads only
    found: Timeline = store.timeline(args.lead_id, args.since, as_of=args.as_of,
                                     timezone=timezone, lists=lists)
    fmt = default_format(args, "json")
    sys.stdout.write(render(found, fmt))
    return 0


def _open(args: argparse.Namespace) -> tuple[Any, str | None]:
    """The store, and the time zone to show: ``--timezone``, else the rules'."""
    if args.rules is None:
        from ..stores.open import open_store
        from .common import mapping_of, warn_timezone
        warn_timezone(args)
        return open_store(args.data, mapping=mapping_of(args)), args.timezone
    from .common import load_rules_and_data, warn, warn_timezone
    rules, store = load_rules_and_data(args.rules, args.data, args.map, args.state)
    warn(rules, args)
    warn_timezone(args)
    return store, args.timezone or rules.program.timezone


def render(found: Timeline, fmt: str) -> str:
    """The timeline as ``table`` (for people), ``json`` (an array of entries) or
    ``jsonl`` (one entry per line); every entry has the keys of
    :data:`leadrules.timeline.COLUMNS`."""
    from .. import output
    if fmt == "json":
        return output.to_json(found.to_dicts()) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in found.to_dicts())
    lead = found.lead
    about = ", ".join(str(lead[k]) for k in ("name", "company", "email")
                      if lead.get(k) is not None)
    head = f"{found.lead_id}{f' {about}' if about else ''} (times in {found.tz})"
    rows = [(e.at, e.kind, e.what, e.detail) for e in found]
    table = output.to_table(("at", "kind", "what", "detail"), rows, max_width=60)
    return (output.terminal_text(head) + "\n" + table
            + output.terminal_text(found.summary()) + "\n")
