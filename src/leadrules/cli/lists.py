"""``leadrules list``: the weekly follow-up routine.

``list refresh`` keeps a dynamic list's members and history in a state (a JSON
file, or tables of a SQLite / DuckDB file or a PostgreSQL database) and prints
who entered and who left; ``list diff`` answers "who entered since Monday?"
without any state, by evaluating the segment as of both instants; ``list
show`` prints a list's members or history; ``list add`` / ``list remove`` edit
static lists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import output
from ..api import Rules
from ..errors import UsageError
from ..lists import ListChange, ListManager, ListRepository, MemoryListRepository
from .common import data_args, default_format, load
from .funnel import FUNNEL_FORMATS


def register(sub: Any) -> None:
    """Add ``list`` to the ``leadrules`` command's subparsers."""
    p = sub.add_parser("list", help="lead lists: refresh, diff, show, add, remove")
    lists = p.add_subparsers(dest="list_command", required=True, parser_class=type(p))

    q = lists.add_parser("refresh", help="refresh a dynamic list kept in a state file: "
                                         "who entered, who left")
    q.add_argument("rules")
    q.add_argument("segment")
    data_args(q)
    q.add_argument("--state", required=True,
                   help="where the lists are kept: a JSON file, a SQLite file (.db), a "
                        "DuckDB file (.duckdb) or a postgresql:// URL")
    q.add_argument("--list", dest="list_name", help="the list's name (default: the segment's)")
    q.add_argument("--format", choices=FUNNEL_FORMATS, default=None)
    q.set_defaults(run=cmd_list_refresh)

    q = lists.add_parser("diff", help="who entered / left a segment between two instants "
                                      "(no state needed)")
    q.add_argument("rules")
    q.add_argument("segment")
    data_args(q)
    q.add_argument("--since", required=True, help="the earlier instant (ISO date or time)")
    q.add_argument("--format", choices=FUNNEL_FORMATS, default=None)
    q.set_defaults(run=cmd_list_diff)

    q = lists.add_parser("show", help="a list's members (or --history) from a state file")
    q.add_argument("state")
    q.add_argument("name")
    q.add_argument("--history", action="store_true", help="the changes instead of members")
    q.add_argument("--format", choices=FUNNEL_FORMATS, default=None)
    q.set_defaults(run=cmd_list_show)

    for action in ("add", "remove"):
        q = lists.add_parser(action, help=f"{action} lead ids on a static list in a state file")
        q.add_argument("state")
        q.add_argument("name")
        q.add_argument("lead_ids", nargs="+")
        q.add_argument("--by", help="who made the change")
        q.set_defaults(run=cmd_list_edit, action=action)


def _change_output(changes: Sequence[ListChange], fmt: str) -> str:
    if fmt == "json":
        return output.to_json([c.to_dict() for c in changes]) + "\n"
    rows = [(c.list_name, c.at, change, lead_id) for c in changes
            for change, ids in (("entered", c.entered), ("left", c.left)) for lead_id in ids]
    columns = ("list", "at", "change", "lead_id")
    if fmt == "csv":
        return output.to_csv(columns, rows)
    summary = "".join(f"{c.list_name}: {len(c.entered)} entered, {len(c.left)} left "
                      f"({c.action} at {c.at.isoformat()})\n" for c in changes)
    return (output.to_table(columns, rows) if rows else "") + summary


class _State:
    """Where the lists are kept: a JSON file, or the tables of a SQLite file, a DuckDB
    file or a PostgreSQL database (changes are written as they happen there)."""

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.repo: ListRepository
        if spec.startswith(("postgresql://", "postgres://")):
            from ..stores.lists import SqlListRepository
            self.repo = SqlListRepository.postgres(spec)
        elif Path(spec).suffix.lower() in (".db", ".sqlite", ".sqlite3"):
            from ..stores.lists import SqlListRepository
            self.repo = SqlListRepository.sqlite(spec)
        elif Path(spec).suffix.lower() == ".duckdb":
            from ..stores.lists import SqlListRepository
            self.repo = SqlListRepository.duckdb(spec)
        else:
            self.repo = MemoryListRepository.load(spec)

    def save(self) -> None:
        if isinstance(self.repo, MemoryListRepository):
            self.repo.save(self.spec)


def _manager(rules: Rules, state: str) -> tuple[ListManager, _State]:
    kept = _State(state)
    return ListManager(rules, kept.repo), kept


def cmd_list_refresh(args: argparse.Namespace) -> int:
    rules, store = load(args)
    manager, state = _manager(rules, args.state)
    name = args.list_name or args.segment
    existing = state.repo.get_list(name)
    if existing is None:
        manager.create_dynamic(name, args.segment)
    elif existing.segment != args.segment:
        raise UsageError(f"list '{name}' follows segment '{existing.segment}', "
                         f"not '{args.segment}'")
    change = manager.refresh(store, args.as_of, timezone=args.timezone, names=[name])[name]
    state.save()
    sys.stdout.write(_change_output([change], default_format(args, "json")))
    return 0


def cmd_list_diff(args: argparse.Namespace) -> int:
    rules, store = load(args)
    segment = rules.segment(args.segment)
    tc = rules.time_context(args.as_of, args.timezone)
    before = set(segment.select(store, _since(rules, args.since, args.timezone),
                                timezone=args.timezone))
    now = set(segment.select(store, tc.as_of, timezone=args.timezone))
    change = ListChange(args.segment, tc.as_of, "net", tuple(sorted(now - before)),
                        tuple(sorted(before - now)))
    sys.stdout.write(_change_output([change], default_format(args, "json")))
    return 0


def _since(rules: Rules, since: str, timezone: str | None) -> dt.datetime:
    """``--since 2026-11-16`` means from that day's start: the segment is taken as of
    the instant before the day begins (an instant is taken as given)."""
    tc = rules.time_context(since, timezone)
    try:
        day = dt.date.fromisoformat(since.strip())
    except ValueError:
        return tc.as_of
    return tc.day_start(day) - dt.timedelta(microseconds=1)


def cmd_list_show(args: argparse.Namespace) -> int:
    manager = ListManager(None, _State(args.state).repo)  # reading needs no rules
    fmt = default_format(args, "json")
    if args.history:
        sys.stdout.write(_change_output(manager.history(args.name), fmt))
        return 0
    members = manager.member_details(args.name)
    if fmt == "json":
        sys.stdout.write(output.to_json([{"lead_id": m.lead_id, "since": m.since.isoformat(),
                                          "by": m.by} for m in members]) + "\n")
        return 0
    rows = [(m.lead_id, m.since, m.by) for m in members]
    render = output.to_csv if fmt == "csv" else output.to_table
    sys.stdout.write(render(("lead_id", "since", "by"), rows))
    return 0


def cmd_list_edit(args: argparse.Namespace) -> int:
    state = _State(args.state)
    manager = ListManager(None, state.repo)  # static lists need no rules
    if state.repo.get_list(args.name) is None and args.action == "add":
        manager.create_static(args.name, by=args.by)
    edit = manager.add if args.action == "add" else manager.remove
    change = edit(args.name, args.lead_ids, by=args.by)
    state.save()
    print(f"{args.name}: {len(change.entered)} added, {len(change.left)} removed")
    return 0
