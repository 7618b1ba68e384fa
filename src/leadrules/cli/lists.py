"""``leadrules list``: the weekly follow-up routine.

``list refresh`` keeps a dynamic list's members and history in a state (a JSON
file, or tables of a SQLite / DuckDB file or a PostgreSQL database) and prints
who entered and who left; ``list diff`` answers "who entered since Monday?"
without any state, by evaluating the segment as of both instants; ``list
show`` prints a list's members or history; ``list add`` / ``list remove`` edit
static lists (``list add`` refuses ids the data does not have, unless ``--force``).
Every change is written as it happens, serialised against other processes
writing the same state (see docs/lists.md, "Concurrency").
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import output
from ..dates import since_instant
from ..errors import Diagnostic, StoreError, UsageError
from .common import data_args, default_format, list_repository, load, map_arg, mapping_of
from .funnel import FUNNEL_FORMATS

if TYPE_CHECKING:  # imported by the commands that use them (start-up time)
    from ..lists import ListChange, ListRepository


def register(sub: Any) -> None:
    """Add ``list`` to the ``leadrules`` command's subparsers."""
    p = sub.add_parser("list", help="lead lists: refresh, diff, show, add, remove")
    lists = p.add_subparsers(dest="list_command", required=True, parser_class=type(p))

    q = lists.add_parser("refresh", help="refresh a dynamic list kept in a state file: "
                                         "who entered, who left")
    q.add_argument("rules")
    q.add_argument("segment")
    data_args(q, state=False)
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
        if action == "add":
            known = q.add_mutually_exclusive_group()
            known.add_argument("--data", help="where the leads are: ids it lacks are refused "
                                              "(default: the state itself, when it is a store)")
            known.add_argument("--force", action="store_true",
                               help="add the ids unchecked (leads not imported yet)")
            map_arg(q)
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


def _repository(spec: str, *, create: bool) -> ListRepository:
    """The state ``spec`` names; ``create=False`` (what only reads): a missing file
    is a usage error, and nothing is written (no file, no tables)."""
    repo: ListRepository = list_repository(spec, create=create)
    return repo


def cmd_list_refresh(args: argparse.Namespace) -> int:
    from ..lists import ListManager
    repository = _repository(args.state, create=True)  # a first refresh creates it
    rules, store = load(args, lists=repository)
    manager = ListManager(rules, repository)
    name = args.list_name or args.segment

    def create_if_missing() -> None:  # two first refreshes at once create it once
        existing = manager.repository.get_list(name)
        if existing is None:
            manager.create_dynamic(name, args.segment)
        elif existing.segment != args.segment:
            raise UsageError(f"list '{name}' follows segment '{existing.segment}', "
                             f"not '{args.segment}'")
    manager.repository.atomically(create_if_missing)
    change = manager.refresh(store, args.as_of, timezone=args.timezone, names=[name])[name]
    sys.stdout.write(_change_output([change], default_format(args, "json")))
    return 0


def cmd_list_diff(args: argparse.Namespace) -> int:
    from ..lists import ListChange
    rules, store = load(args)
    segment = rules.segment(args.segment)
    tc = rules.time_context(args.as_of, args.timezone)
    try:
        since = since_instant(args.since, tc.tz)
    except ValueError as exc:
        raise UsageError(f"bad --since {args.since!r}: {exc}") from None
    before = set(segment.select(store, since, timezone=args.timezone))
    now = set(segment.select(store, tc.as_of, timezone=args.timezone))
    change = ListChange(args.segment, tc.as_of, "net", tuple(sorted(now - before)),
                        tuple(sorted(before - now)))
    sys.stdout.write(_change_output([change], default_format(args, "json")))
    return 0


def cmd_list_show(args: argparse.Namespace) -> int:
    from ..lists import ListManager
    manager = ListManager(None, _repository(args.state, create=False))  # reads only
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
    from ..lists import ListManager, require_leads
    if args.action == "add":
        mapping = mapping_of(args)  # --force --map: a usage error, not ignored
        if not args.force:  # checked before the state is opened (or made) and locked
            require_leads(_lead_source(args.data, args.state, mapping), args.lead_ids)
        manager = ListManager(None, _repository(args.state, create=True))  # no rules needed

        def add() -> ListChange:  # creating the list and adding are one unit
            if manager.repository.get_list(args.name) is None:
                manager.create_static(args.name, by=args.by)
            return manager.add(args.name, args.lead_ids, by=args.by)
        change = manager.repository.atomically(add)
    else:
        from ..stores.open import require_state
        require_state(args.state)  # removing from no state makes none
        manager = ListManager(None, _repository(args.state, create=True))
        change = manager.remove(args.name, args.lead_ids, by=args.by)
    print(f"{args.name}: {len(change.entered)} added, {len(change.left)} removed")
    return 0


def _lead_source(data: str | None, state: str, mapping: dict[str, Any] | None) -> Any:
    """What ``list add`` checks the ids against: ``--data`` (read through ``mapping``,
    ``--map``'s), else the state itself when it is a leadrules store (``--state
    leads.db`` beside ``--data leads.db``)."""
    from ..stores.open import open_store
    if data is not None:
        return open_store(data, mapping=mapping)
    if Path(state).suffix.lower() in (".db", ".sqlite", ".sqlite3") or state.startswith(
            ("postgresql://", "postgres://")):
        try:
            return open_store(state)
        except (StoreError, UsageError):
            pass  # lists only: no leads to check against
    raise UsageError([Diagnostic(
        f"list add checks that the leads exist, and {state} holds no leads",
        hint="give --data DATA (the folder or store the leads are in), or --force to add "
             "ids of leads not imported yet")])
