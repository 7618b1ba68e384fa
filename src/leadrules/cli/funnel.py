"""``leadrules funnel``: SPEC 5's report (``--format json``: ``stages`` and, with
``--target``, ``required``), a breakdown (``--by``), the report over time
(``--every … --since …``) and charts (``--chart FILE.svg|.html``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import output
from ..chains import ANCHORS
from ..dates import PERIODS
from ..errors import Diagnostic, UsageError
from .common import bom_arg, data_args, default_format, load, write

if TYPE_CHECKING:
    from ..funnel import FunnelBreakdown, FunnelOverTime, FunnelReport

FUNNEL_FORMATS = ("table", "csv", "json")


def register(sub: Any) -> None:
    """Add ``funnel`` to the ``leadrules`` command's subparsers."""
    p = sub.add_parser("funnel", help="funnel report: counts, yields, back-calculation")
    p.add_argument("rules")
    p.add_argument("name")
    data_args(p)
    p.add_argument("--target", action="append", default=[], metavar="STAGE=N",
                   help="leads wanted at STAGE: prints the leads needed at each earlier "
                        "stage (repeatable)")
    p.add_argument("--by", metavar="FIELD", help="one report per value of a lead field, or "
                                                 "(ordered funnels) of an event field "
                                                 "SOURCE.FIELD on the chain's events")
    p.add_argument("--attribution", metavar="first|last|STAGE", default="first",
                   help="with --by SOURCE.FIELD: the value on the chain's first event "
                        "(default), its last one, or the event of STAGE")
    p.add_argument("--every", choices=PERIODS, help="the report as of each period end")
    p.add_argument("--since", help="first period (with --every): an ISO date or instant")
    p.add_argument("--until", help="last period (with --every; default: --as-of or now)")
    p.add_argument("--anchor", choices=ANCHORS, default="first",
                   help="ordered funnels: measure the chain from the earliest (first) or "
                        "the latest (last) first-step event reaching a lead's depth")
    p.add_argument("--format", choices=FUNNEL_FORMATS, default=None)
    bom_arg(p)
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
    if args.attribution != "first" and not args.by:
        raise UsageError("--attribution needs --by SOURCE.FIELD")
    if (args.who or args.dropped) and (args.every or args.by):
        raise UsageError("--who and --dropped list one report's leads; drop --by / --every")


def cmd_funnel(args: argparse.Namespace) -> int:
    from ..funnel import FunnelOverTime, FunnelReport
    _check_options(args)
    targets = parse_targets(args.target)
    rules, store = load(args)
    funnel = rules.funnel(args.name)
    result: FunnelReport | FunnelBreakdown | FunnelOverTime
    main: FunnelReport | None
    if args.every:
        over = funnel.over_time(store, args.every, args.since, args.until or args.as_of,
                                timezone=args.timezone, anchor=args.anchor)
        result, main = over, over.periods[-1].report if over.periods else None
    elif args.by:
        breakdown = funnel.report(store, args.as_of, timezone=args.timezone, by=args.by,
                                  anchor=args.anchor, attribution=args.attribution)
        result, main = breakdown, breakdown.total
    else:
        result = main = funnel.report(store, args.as_of, timezone=args.timezone,
                                      anchor=args.anchor)
    if targets and main is not None:
        _warn_undefined(main.required(**targets))
    if args.who or args.dropped:
        assert isinstance(result, FunnelReport)
        stage = result.stage(args.who or args.dropped)
        sys.stdout.write("".join(f"{i}\n" for i in
                                 (stage.reached if args.who else stage.dropped)))
        return 0
    fmt = default_format(args, "json")
    write(args, fmt, _render(result, fmt, targets))
    if args.chart:
        from ..funnel_chart import write_chart
        table = result.to_text() if isinstance(result, FunnelOverTime) else result.to_text(
            targets)
        write_chart(args.chart, result, table, targets)
    return 0


def _warn_undefined(required: dict[str, int | None]) -> None:
    missing = [name for name, n in required.items() if n is None]
    if missing:
        print(f"leadrules: note: no number of leads at {', '.join(missing)} reaches the "
              f"target at the observed rates (a step on the way converted nobody); "
              f"shown as null", file=sys.stderr)


def _render(result: FunnelReport | FunnelBreakdown | FunnelOverTime, fmt: str,
            targets: dict[str, int]) -> str:
    from ..funnel import FunnelOverTime
    if isinstance(result, FunnelOverTime):
        if fmt == "json":
            return output.to_json(result.to_dict(targets)) + "\n"
        return result.to_table().to_csv() if fmt == "csv" else result.to_text()
    if fmt == "json":
        return output.to_json(result.to_dict(targets)) + "\n"
    if fmt == "csv":
        return result.to_table(targets).to_csv()
    return result.to_text(targets)
