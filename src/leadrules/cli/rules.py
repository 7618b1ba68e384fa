"""The commands that evaluate one declaration, and ``check``, ``fmt``, ``demo``."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs

from .. import output
from ..api import Rules, parse_file_ast, read_rules
from ..api import load as load_file
from ..errors import Diagnostic, LeadRulesError, UsageError
from ..handles import unknown
from ..results import Table
from ..schema import LEAD_KEY
from .common import (
    data_args,
    default_format,
    emit,
    lead_columns,
    lead_table,
    list_repository,
    lists_need_state,
    load,
    map_arg,
    mapping_of,
    rule_args,
    state_arg,
    write,
)

DEMO_RULES = Path(__file__).parent.parent / "demo.rules"


def register(sub: Any) -> None:
    """Add the rule commands to the ``leadrules`` command's subparsers."""
    p = sub.add_parser("check", help="parse and type-check rules files")
    p.add_argument("rules", nargs="+")
    p.add_argument("--data", help="check against this data's schema, as 'segment' would "
                                  "(a folder, a .db / .duckdb file or a postgresql:// URL)")
    map_arg(p)
    state_arg(p)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="json: one array of diagnostics, for editors and CI")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("fmt", help="print rules in canonical form")
    p.add_argument("rules", help="a rules file (with --from json: a JSON file, - for stdin)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="rewrite the file in place")
    group.add_argument("--check", action="store_true",
                       help="exit 1 if the file is not in canonical form")
    p.add_argument("--from", dest="from_format", choices=("text", "json"), default="text",
                   help="json: read the JSON form (docs/json.md) and print it as rules text")
    p.set_defaults(run=cmd_fmt)

    p = sub.add_parser("export", help="rules in their JSON form, for UI builders")
    p.add_argument("rules", nargs="?", metavar="RULES", help="a rules file")
    p.add_argument("--format", choices=("json",), default="json",
                   help="json: the versioned JSON form of docs/json.md")
    p.add_argument("--schema", action="store_true",
                   help="print the JSON Schema of the form instead (no RULES)")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("segment", help="the lead ids in a segment")
    rule_args(p)
    p.add_argument("--count", action="store_true", help="print only the number of leads")
    p.add_argument("--every", choices=("week", "month", "quarter"),
                   help="the segment's size as of each period end (with --since)")
    p.add_argument("--since", help="first period (with --every): an ISO date or instant")
    p.add_argument("--until", help="last period (with --every; default: --as-of or now)")
    p.add_argument("--chart", metavar="FILE",
                   help="with --every: also draw the sizes to FILE.svg or .html")
    p.set_defaults(run=cmd_segment)

    p = sub.add_parser("score", help="scores of every lead in a scoring model")
    rule_args(p)
    p.add_argument("--explain", metavar="LEAD_ID", help="where this lead's score came from")
    p.set_defaults(run=cmd_score)

    p = sub.add_parser("grade", help="grades of every lead in a grading profile")
    rule_args(p)
    p.set_defaults(run=cmd_grade)

    p = sub.add_parser("tiers", help="the tier (HOT / WARM / COLD …) of every lead")
    rule_args(p)
    p.add_argument("--chart", metavar="FILE",
                   help="also draw the score distribution by tier to FILE.svg or .html")
    p.set_defaults(run=cmd_tiers)

    p = sub.add_parser("explain",
                       help="why a lead is (not) in a segment, or has its score, grade or tier")
    p.add_argument("rules")
    p.add_argument("name")
    p.add_argument("lead_id")
    data_args(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_explain)

    p = sub.add_parser("demo", help="build sample data and run the field scenarios")
    p.add_argument("--out", metavar="FOLDER",
                   help="also write the sample data (CSV) to this folder")
    p.add_argument("--leads", type=_lead_count, default=400, metavar="N",
                   help="how many sample leads (default: 400)")
    p.set_defaults(run=cmd_demo)


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 2 if a file, the data or the list state cannot be read, 1 if there is an
    error (or, with --strict, a warning), else 0.  ``in list NAME`` is checked
    against --state's lists, else those the --data store keeps, as ``segment``
    reads them; --map reads the --data database's own tables, as ``segment``
    does."""
    status = 0
    found: list[Diagnostic] = []
    lists: Any = None
    try:
        mapping = mapping_of(args)
        if args.state is not None:
            lists = list_repository(args.state, create=False)
        for path in args.rules:
            status = max(status, _check_one(args, path, lists, mapping, found))
    except LeadRulesError as exc:  # the mapping or state cannot be read: nothing is checked
        status = max(status, 2 if isinstance(exc, UsageError) else 1)
        found.extend(exc.diagnostics)
        if args.format == "text":
            for d in exc.diagnostics:
                print(d.render(), file=sys.stderr)
    finally:
        close = getattr(lists, "close", None)
        if close is not None:
            close()
    if args.format == "json":
        print(output.to_json([d.to_dict() for d in found]))
    return status


def _check_one(args: argparse.Namespace, path: str, lists: Any,
               mapping: dict[str, Any] | None, found: list[Diagnostic]) -> int:
    """Check one rules file (``lr.load(path, data=…, mapping=…, lists=…)``), print its
    diagnostics (text) or add them to ``found``; its exit status."""
    status = 0
    rules: Rules | None = None
    try:
        rules = load_file(path, data=args.data, mapping=mapping, lists=lists)
        diagnostics = list(rules.warnings)
    except LeadRulesError as exc:
        diagnostics = lists_need_state(exc.diagnostics, args)
        status = 2 if isinstance(exc, UsageError) else 1
    finally:
        close = getattr(rules.store if rules else None, "close", None)
        if close is not None:
            close()
    if args.strict:
        diagnostics = [attrs.evolve(d, severity="error") for d in diagnostics]
    if any(d.severity == "error" for d in diagnostics):
        status = max(status, 1)
    found.extend(diagnostics)
    if args.format == "text":
        for d in diagnostics:
            print(d.render(), file=sys.stderr)
        if rules is not None and not (args.strict and diagnostics):
            print(f"{path}: ok ({_declarations_summary(rules)}, "
                  f"{output.plural(len(rules.warnings), 'warning')})")
    return status


def _declarations_summary(rules: Rules) -> str:
    f = rules.program.file
    counts = [(len(f.segments), "segment"), (len(f.scorings), "scoring model"),
              (len(f.gradings), "grading profile"), (len(f.tiers), "tiers"),
              (len(f.funnels), "funnel")]
    parts = [output.plural(n, word, "tiers" if word == "tiers" else None)
             for n, word in counts if n]
    return ", ".join(parts) or "no declarations"


def cmd_fmt(args: argparse.Namespace) -> int:
    if args.from_format == "json":
        return _fmt_from_json(args)
    rule_file = parse_file_ast(args.rules)
    from ..format import format_rules
    text = format_rules(rule_file)
    if args.check or args.write:
        # The file keeps its byte order mark and its CRLF line ends, if it has
        # them: the canonical form is about the rules, not the editor's settings.
        original = read_rules(args.rules)
        text = _dressed_as(original, text)
    if args.check:
        same = original == text
        if not same:
            print(f"{args.rules}: not in canonical form (run leadrules fmt --write)",
                  file=sys.stderr)
        return 0 if same else 1
    if args.write:
        from ..files import write_file
        # A file already in canonical form is left alone (its mtime too); else it is
        # replaced atomically, through a symlink, keeping its permission bits.
        if original != text:
            write_file(args.rules, text, "the formatted rules")
        return 0
    sys.stdout.write(text)
    return 0


def _dressed_as(original: str, text: str) -> str:
    """The canonical ``text`` with the byte order mark of ``original`` and its line
    ends, when every one of them is a CRLF."""
    lines = original.count("\n")
    if lines and original.count("\r\n") == lines:
        text = text.replace("\n", "\r\n")
    return "\ufeff" + text if original.startswith("\ufeff") else text


def _fmt_from_json(args: argparse.Namespace) -> int:
    from .. import json_form
    if args.write or args.check:
        flag = "--write" if args.write else "--check"
        raise UsageError([Diagnostic(
            f"{flag} works on rules text, not with --from json",
            hint=f"redirect the output: leadrules fmt --from json {args.rules} > NAME.rules")])
    if args.rules == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        try:
            text, name = Path(args.rules).read_text(encoding="utf-8-sig"), args.rules
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
            raise UsageError([Diagnostic(f"cannot read JSON file: {reason or exc}",
                                         args.rules, code="unreadable-file")]) from None
    sys.stdout.write(json_form.to_text(text, file=name))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .. import json_form
    if args.schema:
        if args.rules:
            raise UsageError("export --schema takes no rules file")
        sys.stdout.write(json_form.schema_text())
        return 0
    if not args.rules:
        raise UsageError("export needs a rules file (or --schema)")
    print(output.to_json(json_form.encode(parse_file_ast(args.rules))))
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    rules, store = load(args)
    segment = rules.segment(args.name)
    if args.every or args.since or args.chart:
        return _segment_over_time(args, segment, store)
    if args.count:
        if args.columns or args.format or args.bom:
            raise UsageError([Diagnostic("--count prints only the number of leads",
                                         hint="drop --columns, --format and --bom")])
        print(len(segment.select(store, args.as_of, timezone=args.timezone)))
        return 0
    fmt = default_format(args, "csv" if args.columns else "ids")
    columns = lead_columns(args, store, fmt)
    if columns:
        table = segment.leads(store, args.as_of, columns=columns, timezone=args.timezone)
        text = {"json": lambda: table.to_json() + "\n", "csv": table.to_csv,
                "table": table.to_text}[fmt]()
        write(args, fmt, text)
        if fmt == "table":
            print(f"{output.plural(len(table), 'lead')} in {args.name}")
        return 0
    ids = segment.select(store, args.as_of, timezone=args.timezone)
    if fmt == "ids":
        sys.stdout.write("".join(f"{i}\n" for i in ids))
    elif fmt == "json":
        print(output.to_json(ids))
    elif fmt == "csv":
        write(args, fmt, output.to_csv(["lead_id"], [[i] for i in ids]))
    else:
        sys.stdout.write(lead_table(store, ids))
        print(f"{output.plural(len(ids), 'lead')} in {args.name}")
    return 0


def _segment_over_time(args: argparse.Namespace, segment: Any, store: Any) -> int:
    """``segment --every week --since …``: one row per period (size, entered, left)."""
    if not (args.every and args.since):
        raise UsageError([Diagnostic("--every, --since and --chart go together: the size "
                                     "of the segment as of each period end",
                                     hint="e.g. --every week --since 2026-09-01")])
    if args.count or args.columns:
        raise UsageError("--every takes neither --count nor --columns")
    over = segment.over_time(store, args.every, args.since, args.until or args.as_of,
                             timezone=args.timezone)
    fmt = default_format(args, "csv")
    if fmt == "ids":
        raise UsageError("--every prints a table of periods: use --format table, csv or json")
    text = {"json": lambda: output.to_json(over.to_dict()) + "\n",
            "csv": lambda: over.to_table().to_csv(), "table": over.to_text}[fmt]()
    write(args, fmt, text)
    if args.chart:
        from ..charts import write as write_chart
        write_chart(args.chart, over.svg(), over.to_text())
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    rules, store = load(args)
    scoring = rules.scoring(args.name)
    if args.explain:
        print(scoring.explain(args.explain, args.as_of, store=store,
                              timezone=args.timezone).render())
        return 0
    table = scoring.score(store, args.as_of, timezone=args.timezone)
    fmt = default_format(args, "csv")
    if fmt == "table":
        ranked = sorted(table.rows, key=lambda r: (-r[1], r[0]))
        table = Table(table.columns, tuple(ranked))
    emit(table, fmt, ["lead_id", "score"], args, store)
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    rules, store = load(args)
    table = rules.grading(args.name).grade(store, args.as_of, timezone=args.timezone)
    emit(table, default_format(args, "csv"), ["lead_id", "grade"], args, store)
    return 0


def cmd_tiers(args: argparse.Namespace) -> int:
    rules, store = load(args)
    tiers = rules.tiers(args.name)
    table = tiers.assign(store, args.as_of, timezone=args.timezone)
    emit(table, default_format(args, "csv"), ["lead_id", "tier", "reason"], args, store)
    if args.chart:
        from ..charts import write as write_chart
        dist = tiers.distribution(store, args.as_of, timezone=args.timezone)
        write_chart(args.chart, dist.svg(), dist.to_text())
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    rules, store = load(args)  # the rules' warnings too: explain is where one debugs
    kind = rules.kind_of(args.name)
    target: Any
    if kind == "scoring":
        target = rules.scoring(args.name)
    elif kind == "grading":
        target = rules.grading(args.name)
    elif kind == "tiers":
        target = rules.tiers(args.name)
    elif kind == "segment":
        target = rules.segment(args.name)
    elif kind is None:
        explainable = [*rules.segment_names, *(d.name for group in (
            rules.program.scorings, rules.program.gradings, rules.program.tiers)
            for d in group)]
        raise UsageError(unknown("segment, scoring model, grading profile or tiers",
                                 args.name, explainable))
    else:
        raise UsageError(f"explain takes a segment, scoring model, grading profile or "
                         f"tiers; '{args.name}' is {kind}")
    explanation = target.explain(args.lead_id, args.as_of, store=store,
                                 timezone=args.timezone)
    if args.format == "json":
        print(output.to_json(explanation.to_dict()))
    else:
        print(explanation.render())
    return 0


def _demo_scores(rules: Rules, store: Any, as_of: str) -> None:
    scores = rules.scoring("default").score(store, as_of)
    top = sorted(scores.rows, key=lambda r: (-r[1], r[0]))[:5]
    print("== scoring default: the five most engaged leads")
    sys.stdout.write(Table(("lead_id", "score"), tuple((r[0], r[1]) for r in top)).to_text())
    tiers = rules.tiers("follow_up").assign(store, as_of)
    counts: dict[str, int] = {}
    for row in tiers:
        key = row["tier"] or f"excluded ({row['reason']})"
        counts[key] = counts.get(key, 0) + 1
    print("\n== tiers follow_up (フォロー優先度)")
    sys.stdout.write(output.to_table(["tier", "leads"], sorted(counts.items())))
    if top:
        print(f"\n== where do {top[0][0]}'s points come from?")
        print(rules.scoring("default").explain(top[0][0], as_of, store=store).render())
    print()


def _lead_count(text: str) -> int:
    """``demo --leads``: a whole number, 1 or more (else argparse's usage error, exit 2)."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a whole number of leads, not {text!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"a number of leads, 1 or more, not {count}")
    return count


def _demo_folder(out: str) -> Path:
    """``demo --out``: a folder to write the CSV files into (made if missing); a
    path that is a file, or under one, is a usage error."""
    folder = Path(out)
    blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()),
                   None)
    if blocker is not None:
        raise UsageError([Diagnostic(
            f"--out {out} is a file, not a folder" if blocker == folder else
            f"--out {out}: {blocker} is a file, not a folder",
            hint="--out names a folder to write lead.csv, tracking.csv, … into")])
    return folder


def cmd_demo(args: argparse.Namespace) -> int:
    from .. import sample
    from ..stores.open import open_store
    folder = _demo_folder(args.out) if args.out else None
    data = sample.generate(args.leads)
    as_of = data.as_of.isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        folder = folder or Path(tmp)
        try:
            sample.write_csv(data, folder)
        except OSError as exc:
            raise UsageError([Diagnostic(
                f"cannot write the sample data to {folder}: {exc.strerror or exc}")]
                             ) from None
        store = open_store(str(folder))
        rules = load_file(DEMO_RULES)
        print(f"leadrules demo — {output.plural(len(store), 'sample lead')}, "
              f"{output.plural(data.event_count, 'event')}, as of {as_of}\n")
        for name in rules.segment_names:
            seg = rules.segment(name)
            ids = seg.select(store, as_of)
            title = f" ({seg.title})" if seg.title else ""
            print(f"== segment {name}{title}: {output.plural(len(ids), 'lead')}")
            shown = ids[:8]
            if shown:
                sys.stdout.write(lead_table(store, shown))
            if len(ids) > len(shown):
                print(f"… and {len(ids) - len(shown)} more")
            print()
        _demo_scores(rules, store, as_of)
        report = rules.funnel("pipeline").report(store, as_of)
        print("== funnel pipeline (リードパイプライン): leads needed for 10 won deals")
        sys.stdout.write(report.to_text({"won": 10}))
        print()
        hot = rules.segment("hot_leads").select(store, as_of)
        if hot:
            print(f"== why is {hot[0]} a HOT lead?")
            print(rules.segment("hot_leads").explain(hot[0], as_of, store=store).render())
            print()
        first_id = store.leads()[0][LEAD_KEY]
        print(f"== why is {first_id} not a HOT lead?")
        print(rules.segment("hot_leads").explain(first_id, as_of, store=store).render())
        if args.out:
            print(f"\nThe sample data is in {folder}/. Try:\n"
                  f"  leadrules segment {DEMO_RULES} hot_leads --data {folder} --as-of {as_of}")
    return 0
