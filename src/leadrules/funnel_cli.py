"""The ``leadrules funnel`` and ``leadrules list`` commands.

``funnel`` prints SPEC 5's report (``--format json``: ``stages`` and, with
``--target``, ``required``), a breakdown (``--by``), the report over time
(``--every … --since …``) and draws charts (``--chart FILE.svg|.html``).

``list`` runs the weekly follow-up routine: ``list refresh`` keeps a dynamic
list's members and history in a JSON state file and prints who entered and
who left; ``list diff`` answers "who entered since Monday?" without any
state, by evaluating the segment as of both instants; ``list show`` prints a
list's members or history; ``list add`` / ``list remove`` edit static lists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import output
from .errors import Diagnostic, UsageError
from .funnel import PERIODS, FunnelBreakdown, FunnelOverTime, FunnelReport
from .lists import ListChange, ListManager, ListRepository, MemoryListRepository

if TYPE_CHECKING:
    from .api import Rules

FUNNEL_FORMATS = ("table", "csv", "json")


def register(subparsers: Any) -> None:
    """Add ``funnel`` and ``list`` to the ``leadrules`` command's subparsers."""
    _register_funnel(subparsers)
    _register_lists(subparsers)


def _data_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", required=True, help="a data folder, SQLite file or database URL")
    p.add_argument("--as-of", dest="as_of", help="ISO-8601 instant or date (default: now)")
    p.add_argument("--timezone", help="evaluation time zone (default: the file's, or UTC)")


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return "table" if sys.stdout.isatty() else "json"


def _load(args: argparse.Namespace) -> tuple[Rules, Any]:
    from .cli import load_rules_and_data
    rules, store = load_rules_and_data(args.rules, args.data)
    for w in rules.warnings:
        print(w.render(), file=sys.stderr)
    return rules, store


# -------------------------------------------------------------------- funnel


def _register_funnel(sub: Any) -> None:
    p = sub.add_parser("funnel", help="funnel report: counts, yields, back-calculation")
    p.add_argument("rules")
    p.add_argument("name")
    _data_args(p)
    p.add_argument("--target", action="append", default=[], metavar="STAGE=N",
                   help="leads wanted at STAGE: prints the leads needed at each earlier "
                        "stage (repeatable)")
    p.add_argument("--by", metavar="FIELD", help="one report per value of a lead field")
    p.add_argument("--every", choices=PERIODS, help="the report as of each period end")
    p.add_argument("--since", help="first period (with --every): an ISO date or instant")
    p.add_argument("--until", help="last period (with --every; default: --as-of or now)")
    p.add_argument("--format", choices=FUNNEL_FORMATS, default=None)
    p.add_argument("--chart", metavar="FILE", help="also draw the result to FILE.svg or .html")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--who", metavar="STAGE", help="print the ids of the leads that "
                                                    "reached STAGE, one per line")
    who.add_argument("--dropped", metavar="STAGE", help="print the ids of the leads that "
                                                        "reached the stage before STAGE but "
                                                        "not STAGE")
    p.set_defaults(run=cmd_funnel)


def parse_targets(texts: Sequence[str]) -> dict[str, int]:
    """``["won=10"]`` -> ``{"won": 10}``; a malformed target is a UsageError."""
    out: dict[str, int] = {}
    for text in texts:
        stage, sep, number = text.partition("=")
        try:
            n = int(number.strip())
        except ValueError:
            n = -1
        if not sep or not stage.strip() or n < 0:
            raise UsageError([Diagnostic(f"bad --target {text!r}",
                                         hint="write STAGE=N, e.g. --target won=10")])
        out[stage.strip()] = n
    return out


def _check_options(args: argparse.Namespace) -> None:
    if args.every and not args.since:
        raise UsageError("--every needs --since (the first period), e.g. --since 2026-01-01")
    if (args.since or args.until) and not args.every:
        raise UsageError("--since and --until need --every week|month|quarter")
    if args.every and args.by:
        raise UsageError("--by and --every cannot be combined; run one of them at a time")
    if (args.who or args.dropped) and (args.every or args.by):
        raise UsageError("--who and --dropped list one report's leads; drop --by / --every")


def cmd_funnel(args: argparse.Namespace) -> int:
    _check_options(args)
    targets = parse_targets(args.target)
    rules, store = _load(args)
    funnel = rules.funnel(args.name)
    result: FunnelReport | FunnelBreakdown | FunnelOverTime
    main: FunnelReport | None
    if args.every:
        over = funnel.over_time(store, args.every, args.since, args.until or args.as_of,
                                timezone=args.timezone)
        result, main = over, over.periods[-1].report if over.periods else None
    elif args.by:
        breakdown = funnel.report(store, args.as_of, timezone=args.timezone, by=args.by)
        result, main = breakdown, breakdown.total
    else:
        result = main = funnel.report(store, args.as_of, timezone=args.timezone)
    if targets and main is not None:
        _warn_undefined(main.required(**targets))
    if args.who or args.dropped:
        assert isinstance(result, FunnelReport)
        stage = result.stage(args.who or args.dropped)
        sys.stdout.write("".join(f"{i}\n" for i in
                                 (stage.reached if args.who else stage.dropped)))
        return 0
    text = _render(result, _format(args), targets)
    sys.stdout.write(text)
    if args.chart:
        from .funnel_chart import write_chart
        table = result.to_text() if isinstance(result, FunnelOverTime) else result.to_text(
            targets)
        write_chart(args.chart, result, table)
    return 0


def _warn_undefined(required: dict[str, int | None]) -> None:
    missing = [name for name, n in required.items() if n is None]
    if missing:
        print(f"leadrules: note: no number of leads at {', '.join(missing)} reaches the "
              f"target at the observed rates (a step on the way converted nobody); "
              f"shown as null", file=sys.stderr)


def _render(result: FunnelReport | FunnelBreakdown | FunnelOverTime, fmt: str,
            targets: dict[str, int]) -> str:
    if isinstance(result, FunnelOverTime):
        if fmt == "json":
            return output.to_json(result.to_dict(targets)) + "\n"
        return result.to_table().to_csv() if fmt == "csv" else result.to_text()
    if fmt == "json":
        return output.to_json(result.to_dict(targets)) + "\n"
    if fmt == "csv":
        return result.to_table(targets).to_csv()
    return result.to_text(targets)


# --------------------------------------------------------------------- lists


def _register_lists(sub: Any) -> None:
    p = sub.add_parser("list", help="lead lists: refresh, diff, show, add, remove")
    lists = p.add_subparsers(dest="list_command", required=True, parser_class=type(p))

    q = lists.add_parser("refresh", help="refresh a dynamic list kept in a state file: "
                                         "who entered, who left")
    q.add_argument("rules")
    q.add_argument("segment")
    _data_args(q)
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
    _data_args(q)
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
            from .stores.lists import SqlListRepository
            self.repo = SqlListRepository.postgres(spec)
        elif Path(spec).suffix.lower() in (".db", ".sqlite", ".sqlite3"):
            from .stores.lists import SqlListRepository
            self.repo = SqlListRepository.sqlite(spec)
        elif Path(spec).suffix.lower() == ".duckdb":
            from .stores.lists import SqlListRepository
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
    rules, store = _load(args)
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
    sys.stdout.write(_change_output([change], _format(args)))
    return 0


def cmd_list_diff(args: argparse.Namespace) -> int:
    rules, store = _load(args)
    segment = rules.segment(args.segment)
    tc = rules.time_context(args.as_of, args.timezone)
    before = set(segment.select(store, _since(rules, args.since, args.timezone),
                                timezone=args.timezone))
    now = set(segment.select(store, tc.as_of, timezone=args.timezone))
    change = ListChange(args.segment, tc.as_of, "net", tuple(sorted(now - before)),
                        tuple(sorted(before - now)))
    sys.stdout.write(_change_output([change], _format(args)))
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
    fmt = _format(args)
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
