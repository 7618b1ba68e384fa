"""Why one lead is (or is not) in a segment: the tree of blocks with evidence.

The explainer walks the segment's AST and evaluates each node on its own,
compiling every condition with the same :class:`~leadrules.compile_python.Codegen`
as the fast evaluator and computing aggregates with the same
:mod:`leadrules.runtime` functions, so an explanation never disagrees with
``select`` / ``matches`` (a property test holds them to that).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any, assert_never

import attrs

from . import ast, runtime
from .check import Program
from .compile_python import Codegen, Events, Record
from .dates import TimeContext
from .format import format_expr
from .memberships import require_lists
from .output import plural, terminal_text
from .results import Table
from .schema import EVENT_TIME, LEAD, LEAD_KEY, FieldType
from .semantics import (
    ScoreArithmetic,
    TierCase,
    clamp_grade,
    compare,
    decay_factor,
    decay_numbers,
    notches,
    rule_mode,
    score_arithmetic,
    start_index,
    tier_cases,
    using_map,
    window_start,
)

MAX_EVIDENCE = 20


@attrs.frozen(repr=False)
class Explanation:
    """One node of an explanation: a piece of the rule, whether it held, and why."""

    text: str
    result: bool
    detail: str | None = None
    label: str | None = None
    children: tuple[Explanation, ...] = ()
    events: tuple[Record, ...] = ()

    def render(self, indent: int = 0) -> str:
        """The tree as indented text, ✓ for true and ✗ for false."""
        mark = "✓" if self.result else "✗"
        head = f"{self.label}: " if self.label else ""
        line = f"{'  ' * indent}{mark} {head}{self.text}"
        if self.detail:
            line += f"  — {self.detail}"
        # Each line's data through terminal_text; the children's are already.
        out = [terminal_text(line)]
        for e in self.events[:5]:
            out.append(terminal_text(f"{'  ' * (indent + 2)}· {_event_summary(e, 90)}"))
        if len(self.events) > 5:
            out.append(f"{'  ' * (indent + 2)}… {len(self.events) - 5} more")
        out.extend(c.render(indent + 1) for c in self.children)
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON): text, result, detail, label, children, events."""
        return {
            "text": self.text, "result": self.result, "detail": self.detail,
            "label": self.label, "children": [c.to_dict() for c in self.children],
            "events": [{k: _plain(v) for k, v in e.items()} for e in self.events],
        }

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        mark = "✓" if self.result else "✗"
        return f"<Explanation {mark} {self.text}" + (f" — {self.detail}>" if self.detail else ">")

    def rows(self, depth: int = 0) -> list[tuple[Any, ...]]:
        """The tree flattened, depth first: depth, label, text, result, detail,
        number of evidence events."""
        out = [(depth, self.label, self.text, self.result, self.detail, len(self.events))]
        for c in self.children:
            out.extend(c.rows(depth + 1))
        return out

    def to_table(self) -> Table:
        return Table(EXPLANATION_COLUMNS, tuple(self.rows()))

    def to_pandas(self) -> Any:
        """One row per node of the tree (:meth:`rows`), as a pandas DataFrame."""
        return self.to_table().to_pandas()

    def to_polars(self) -> Any:
        return self.to_table().to_polars()

    def _repr_html_(self) -> str:
        """The tree as nested lists, ✓ in green and ✗ in red, evidence below."""
        return f"<div style=\"font-family:inherit\">{self._html()}</div>"

    def _html(self) -> str:
        colour = "#2ca02c" if self.result else "#d62728"
        mark = "✓" if self.result else "✗"
        head = f"<b>{html.escape(self.label)}:</b> " if self.label else ""
        detail = (f" <span style=\"color:#666\">— {html.escape(self.detail)}</span>"
                  if self.detail else "")
        events = "".join(f"<li style=\"color:#555\">· {html.escape(_event_summary(e, 90))}</li>"
                         for e in self.events[:5])
        if len(self.events) > 5:
            events += f"<li style=\"color:#555\">… {len(self.events) - 5} more</li>"
        children = "".join(f"<li>{c._html()}</li>" for c in self.children)
        inner = (f"<ul style=\"list-style:none;margin:0;padding-left:1.4em\">"
                 f"{events}{children}</ul>") if events or children else ""
        return (f"<span style=\"color:{colour};font-weight:bold\">{mark}</span> "
                f"{head}<code>{html.escape(self.text)}</code>{detail}{inner}")


EXPLANATION_COLUMNS = ("depth", "label", "text", "result", "detail", "events")


def in_zone(v: Any, tz: dt.tzinfo) -> Any:
    """An aware time ``v`` in zone ``tz`` (the same instant); ``v`` itself when it
    is no time, or when ``tz`` cannot show it (year 1 west of UTC)."""
    if isinstance(v, dt.datetime) and v.tzinfo is not None:
        try:
            return v.astimezone(tz)
        except (OverflowError, ValueError):
            return v
    return v


def _plain(v: Any) -> Any:
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, tuple):
        return list(v)
    return v


def _event_summary(e: Record, limit: int = 110) -> str:
    """One line per event: its time, then its present fields, shortened."""
    when = e.get(EVENT_TIME)
    parts = [when.isoformat(timespec="seconds") if isinstance(when, dt.datetime) else str(when)]
    for k, v in e.items():
        if k in (EVENT_TIME, "lead_id", "url") or v is None:
            continue
        text = str(v)
        parts.append(f"{k}={text[:28] + '…' if len(text) > 29 else text}")
    line = " ".join(parts)
    return line if len(line) <= limit else line[:limit - 1] + "…"


def _score_text(value: int | float, test: Callable[[Any], Any], held: bool) -> str:
    """A score beside its test's ✓ or ✗: 6 significant digits, unless the number
    they show would give the test the other answer (0.9999999999999999 shown as
    ``1`` beside a failed ``>= 1``); then the shortest text that reads back as
    the exact score, which gives the test the same answer."""
    short = f"{value:g}"
    return short if bool(test(float(short))) == held else repr(value)


def _show(v: Any) -> str:
    if v is None:
        return "missing"
    if hasattr(v, "isoformat"):
        return str(v.isoformat())
    if isinstance(v, tuple):
        return "[" + ", ".join(repr(x) for x in v) + "]"
    return repr(v)


class Explainer(Codegen):
    """Evaluates one lead node by node, recording evidence."""

    def __init__(self, program: Program, tc: TimeContext) -> None:
        super().__init__(program)
        self.tc = tc
        self.namespace: dict[str, Any] = {}
        self.using: dict[str, str] = {}
        self._members: dict[str, frozenset[str]] = {}

    def list_members(self, name: str) -> frozenset[str]:
        """The members of lead list ``name`` as of the explanation's as_of."""
        found = self._members.get(name)
        if found is None:
            lists = self.program.lists
            require_lists(lists, {name: self.program.list_references.get(name)},
                          self.program.file.file, self.program.file.text)
            assert lists is not None
            found = self._members[name] = lists.members(name, self.tc.as_of)
        return found

    def predicate(self, source: str) -> Callable[..., Any]:
        """Compile ``lambda r: <source>`` with the constants generated so far."""
        self.namespace.update(self.fixed)
        self.namespace.update({k: fn(self.tc) for k, fn in self.timed.items()
                               if k not in self.namespace})
        fn: Callable[..., Any] = eval(
            compile(f"lambda r: {source}", "<leadrules-explain>", "eval"), self.namespace)
        return fn

    def segment(self, seg: ast.Segment, lead: Record, events: Events) -> Explanation:
        blocks = {b.label: self.expr(b.expr, lead, events) for b in seg.blocks}
        labelled = tuple(attrs.evolve(x, label=label) for label, x in blocks.items())
        if seg.match is not None:
            match = self.expr(seg.match, lead, events, blocks)
            children = (attrs.evolve(match, text=f"match {match.text}"), *labelled)
            result = match.result
        else:
            children = labelled
            result = all(x.result for x in labelled)
        title = f' "{seg.title}"' if seg.title else ""
        verdict = "in the segment" if result else "not in the segment"
        return Explanation(f"segment {seg.name}{title}", result, verdict, None, children)

    def expr(self, e: ast.Expr, lead: Record, events: Events,
             blocks: Mapping[str, Explanation] | None = None) -> Explanation:
        text = format_expr(e)
        if isinstance(e, ast.LabelRef):
            assert blocks is not None
            return Explanation(text, blocks[e.label].result, "see block " + e.label)
        if isinstance(e, ast.SegmentRef):
            seg = self.program.segment(e.name)
            assert seg is not None
            inner = self.segment(seg, lead, events)
            return Explanation(text, inner.result, None, None, (inner,))
        if isinstance(e, ast.ListRef):
            held = lead[LEAD_KEY] in self.list_members(e.name)
            return Explanation(text, held, f"{'on' if held else 'not on'} list {e.name} as of "
                               f"{in_zone(self.tc.as_of, self.tc.tz).isoformat()}")
        if isinstance(e, ast.Not):
            child = self.expr(e.item, lead, events, blocks)
            return Explanation(text, not child.result, None, None, (child,))
        if isinstance(e, ast.And | ast.Or):
            children = tuple(self.expr(i, lead, events, blocks) for i in e.items)
            combine = all if isinstance(e, ast.And) else any
            return Explanation(text, combine(c.result for c in children), None, None, children)
        if isinstance(e, ast.FieldTest):
            return self.field_test(e, LEAD, lead)
        if isinstance(e, ast.ScoreTest | ast.GradeTest):
            return self.model_test(e, lead, events)
        if isinstance(e, ast.LeadBlock):
            children = tuple(self.condition_tree(c, LEAD, lead) for c in e.conditions)
            combine = all if e.mode == "all" else any
            return Explanation(text, combine(c.result for c in children), None, None, children)
        if isinstance(e, ast.EventBlock):
            return self.event_block(e, events)
        assert_never(e)

    def model_test(self, e: ast.ScoreTest | ast.GradeTest, lead: Record, events: Events
                   ) -> Explanation:
        explainer = ModelExplainer(self.program, self.tc)
        explainer.using = self.using
        if isinstance(e, ast.ScoreTest):
            model = self.program.scoring(e.model or self.using["scoring"])
            assert model is not None
            value = explainer.score(model, lead, events).score
            test = self.predicate(self.test(e.test, FieldType.NUMBER, "r"))
            held = bool(test(value))
            return Explanation(format_expr(e), held,
                               f"score {model.name} is {_score_text(value, test, held)}")
        profile = self.program.grading(e.model or self.using["grading"])
        assert profile is not None
        grade = explainer.grade(profile, lead, events).grade
        held = compare(e.op, ast.GRADES.index(grade), ast.GRADES.index(e.letter))
        return Explanation(format_expr(e), held, f"grade {profile.name} is {grade}")

    def field_test(self, e: ast.FieldTest, table: str, record: Record) -> Explanation:
        ftype = self.program.field_type(table, e.field)
        held = bool(self.predicate(self.test(e.test, ftype, f"r[{e.field!r}]"))(record))
        value = _show(in_zone(record[e.field], self.tc.tz))
        return Explanation(format_expr(e), held, f"{e.field} is {value}")

    def condition_tree(self, e: ast.Expr, table: str, record: Record) -> Explanation:
        if isinstance(e, ast.FieldTest):
            return self.field_test(e, table, record)
        if isinstance(e, ast.Not):
            child = self.condition_tree(e.item, table, record)
            return Explanation(format_expr(e), not child.result, None, None, (child,))
        if isinstance(e, ast.And | ast.Or):
            children = tuple(self.condition_tree(i, table, record) for i in e.items)
            combine = all if isinstance(e, ast.And) else any
            return Explanation(format_expr(e), combine(c.result for c in children), None, None,
                               children)
        if isinstance(e, ast.LeadBlock | ast.EventBlock | ast.LabelRef | ast.SegmentRef
                      | ast.ListRef | ast.ScoreTest | ast.GradeTest):
            raise AssertionError(e)  # the checker admits only fields inside braces
        assert_never(e)

    def event_block(self, e: ast.EventBlock, events: Events) -> Explanation:
        existing = [x for x in events.get(e.source, ()) if x[EVENT_TIME] <= self.tc.as_of]
        if e.conditions is None:
            selected = existing
        else:
            keep = self.predicate(self.conditions(e.conditions, e.mode, e.source, "r"))
            selected = [x for x in existing if keep(x)]
        base = f"{len(selected)} of {plural(len(existing), e.source + ' event')} matched"
        if e.per is None:
            held, facts = self.quantifiers(e.quantifiers, e.source, selected)
            detail = "; ".join([base, *facts])
            evidence = selected
        else:
            held, detail, evidence = False, base + f"; no {e.per} group satisfies it", []
            for group in runtime.groups(selected, e.per):
                ok, facts = self.quantifiers(e.quantifiers, e.source, group)
                if ok:
                    key = _show(in_zone(group[0][e.per], self.tc.tz))
                    held, evidence = True, group
                    detail = "; ".join([base, f"{e.per} {key}: " + ", ".join(facts)])
                    break
        return Explanation(format_expr(e), held, detail, None, (),
                           tuple(self.shown(x) for x in evidence[:MAX_EVIDENCE]))

    def shown(self, e: Record) -> Record:
        """An evidence event with its times in the evaluation time zone (the
        zone its conditions are read in), where that zone can show them."""
        return {k: in_zone(v, self.tc.tz) for k, v in e.items()}

    def quantifiers(self, qs: Sequence[ast.Quantifier], source: str, selected: list[Record]
                    ) -> tuple[bool, list[str]]:
        held, facts = True, []
        for q in qs:
            if isinstance(q, ast.AnyEvent):
                ok = len(selected) > 0
                facts.append(f"exists: {'yes' if ok else 'no'}")
            elif isinstance(q, ast.NoEvent):
                ok = len(selected) == 0
                facts.append(f"none: {'yes' if ok else 'no'}")
            elif isinstance(q, ast.Aggregate):
                value = runtime.aggregate(q.func, q.field, selected)
                check = self.predicate(self.test(q.test, self.aggregate_type(q, source), "r"))
                ok = bool(check(value))
                name = q.func + (f" {q.field}" if q.field else "")
                shown = _show(in_zone(value, self.tc.tz))
                facts.append(f"{name} = {shown} ({'holds' if ok else 'fails'})")
            else:
                assert_never(q)
            held = held and ok
        return held, facts


# ------------------------------------------------------------ scores and grades


@attrs.frozen
class RuleExplanation:
    """One scoring rule for one lead: its points and the events that earned them."""

    key: str
    text: str
    mode: str
    points: int | float
    total: float
    uncapped: float
    cap: str | None
    held: bool
    events: tuple[tuple[Record, float, float], ...] = ()  # (event, decay factor, points)


@attrs.frozen(repr=False)
class ScoreExplanation:
    """Where a lead's score came from, rule by rule."""

    model: str
    lead_id: str
    score: float
    rules: tuple[RuleExplanation, ...]

    def render(self, max_events: int = 5) -> str:
        """The breakdown for people: each rule that scored, with up to
        ``max_events`` of its events (``to_dict`` has them all)."""
        from .results import points
        unit = "point" if self.score == 1 else "points"
        out = [f"score {self.model} for {self.lead_id}: {points(self.score)} {unit}"]
        for r in self.rules:
            if not r.held and not r.total:
                continue
            cap = f" (capped from {points(r.uncapped)}: {r.cap})" if r.cap else ""
            n = len(r.events)
            count = f", {plural(n, 'event')}" if r.mode == "per event" else ""
            out.append(f"  {points(r.total):+} {r.key}: {r.text} => {points(r.points):+} "
                       f"{r.mode}{count}{cap}")
            # Most recent first: they carry the most weight after decay.
            for e, factor, got in list(reversed(r.events))[:max_events]:
                out.append(f"      · {_event_summary(e, 80)}  ×{factor:.3f} = "
                           f"{points(got, 3):+}")
            if len(r.events) > max_events:
                out.append(f"      … {plural(len(r.events) - max_events, 'earlier event')}")
        return "\n".join(terminal_text(line) for line in out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model, "lead_id": self.lead_id, "score": self.score,
            "rules": [{
                "rule": r.key, "text": r.text, "mode": r.mode, "points": r.points,
                "total": r.total, "uncapped": r.uncapped, "cap": r.cap, "held": r.held,
                "events": [{"event": {k: _plain(v) for k, v in e.items()}, "decay": f,
                            "points": p} for e, f, p in r.events],
            } for r in self.rules],
        }

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"<ScoreExplanation {self.model} for {self.lead_id}: {_points_text(self.score)}>"

    def to_table(self) -> Table:
        """One row per rule: rule, text, mode, points, total, uncapped, cap, held,
        events."""
        return Table(("rule", "text", "mode", "points", "total", "uncapped", "cap", "held",
                      "events"),
                     tuple((r.key, r.text, r.mode, r.points, r.total, r.uncapped, r.cap,
                            r.held, len(r.events)) for r in self.rules))

    def to_pandas(self) -> Any:
        return self.to_table().to_pandas()

    def to_polars(self) -> Any:
        return self.to_table().to_polars()

    def _repr_html_(self) -> str:
        from .display import html_block, html_table
        table = self.to_table()
        scored = [r for r, x in zip(table.rows, self.rules, strict=True) if x.held or x.total]
        cols = ("rule", "text", "mode", "points", "total", "cap", "events")
        index = [table.columns.index(c) for c in cols]
        return html_block(f"score {self.model} for {self.lead_id}: {_points_text(self.score)}",
                          html_table(cols, [[r[i] for i in index] for r in scored],
                                     limit=len(scored)))


def _points_text(score: float) -> str:
    from .results import points
    return f"{points(score)} point" + ("" if score == 1 else "s")


@attrs.frozen
class CriterionExplanation:
    text: str
    steps: str
    held: bool


@attrs.frozen(repr=False)
class GradeExplanation:
    """How a lead's grade was reached from the profile's start."""

    profile: str
    lead_id: str
    start: str
    grade: str
    clamped: bool
    criteria: tuple[CriterionExplanation, ...]

    def render(self) -> str:
        out = [f"grade {self.profile} for {self.lead_id}: {self.grade} (start {self.start}"
               + (", clamped to the scale)" if self.clamped else ")")]
        for c in self.criteria:
            mark = "✓" if c.held else "✗"
            out.append(f"  {mark} {c.steps:>5} {c.text}")
        return "\n".join(terminal_text(line) for line in out)

    def to_dict(self) -> dict[str, Any]:
        return {"profile": self.profile, "lead_id": self.lead_id, "start": self.start,
                "grade": self.grade, "clamped": self.clamped,
                "criteria": [attrs.asdict(c) for c in self.criteria]}

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"<GradeExplanation {self.profile} for {self.lead_id}: {self.grade}>"

    def to_table(self) -> Table:
        """One row per criterion: text, steps, held."""
        return Table(("text", "steps", "held"),
                     tuple((c.text, c.steps, c.held) for c in self.criteria))

    def to_pandas(self) -> Any:
        return self.to_table().to_pandas()

    def to_polars(self) -> Any:
        return self.to_table().to_polars()

    def _repr_html_(self) -> str:
        from .display import html_block, html_table
        table = self.to_table()
        title = (f"grade {self.profile} for {self.lead_id}: {self.grade} (start {self.start}"
                 + (", clamped to the scale)" if self.clamped else ")"))
        return html_block(title, html_table(table.columns, table.rows, limit=len(table.rows)))


def steps_text(steps: Fraction) -> str:
    """A grade step as written: +1, -2, +2/3."""
    sign = "+" if steps >= 0 else "-"
    magnitude = abs(steps)
    return f"{sign}{magnitude.numerator}" + (
        f"/{magnitude.denominator}" if magnitude.denominator != 1 else "")


class ModelExplainer(Explainer):
    """Explains scores and grades with the evaluator's own conditions and with
    the model's arithmetic from :mod:`leadrules.semantics`, which the evaluator
    and the SQL stores call too."""

    def score(self, model: ast.Scoring, lead: Record, events: Events) -> ScoreExplanation:
        arithmetic = score_arithmetic(model, self.tc)
        rules = tuple(self.rule(model, arithmetic, i, lead, events)
                      for i in range(len(model.rules)))
        row = arithmetic.finish((lead.get("id"), *(p for r in rules for p in r.parts)))
        return ScoreExplanation(model.name, str(lead.get("id")), row[1],
                                tuple(r.explanation for r in rules))

    def rule(self, model: ast.Scoring, arithmetic: ScoreArithmetic, index: int, lead: Record,
             events: Events) -> _Rule:
        rule, plan = model.rules[index], arithmetic.plans[index]
        mode = rule_mode(rule)
        cond = rule.condition
        evidence: list[tuple[Record, float, float]] = []
        latest: tuple[Record, float] | None = None  # a `once` rule's latest event, factor
        parts: tuple[Any, ...]
        if not isinstance(cond, ast.EventBlock):
            held = self.expr(cond, lead, events).result
            parts = (held,)
        else:
            selected = self.selected(model, cond, events)
            numbers = decay_numbers(model, self.tc)
            if mode == "per event":
                held = bool(selected)
                if numbers is None:
                    evidence = [(e, 1.0, rule.points) for e in selected]
                    parts = (len(selected),)
                else:
                    total: float = 0
                    for e in selected:
                        factor = decay_factor(numbers[0], e[EVENT_TIME].timestamp(), numbers[1])
                        got = rule.points * factor
                        total += got
                        evidence.append((e, factor, got))
                    parts = (total,)
            else:
                if cond.per is None:
                    held = self.quantifiers(cond.quantifiers, cond.source, selected)[0]
                else:
                    held = any(self.quantifiers(cond.quantifiers, cond.source, g)[0]
                               for g in runtime.groups(selected, cond.per))
                when = selected[-1][EVENT_TIME].timestamp() if selected else None
                parts = (held, when) if plan.kind == "once decay" else (held,)
                if held and selected:
                    factor = (1.0 if numbers is None or when is None
                              else decay_factor(numbers[0], when, numbers[1]))
                    latest = (selected[-1], factor)
        uncapped, total_points, cap = arithmetic.rule(index, *parts)
        if latest is not None:
            evidence.append((latest[0], latest[1], uncapped))
        text = format_expr(cond)
        if mode == "per event" and text.endswith(" exists"):
            text = text[:-len(" exists")]  # `=> +1 per event` already says what counts
        return _Rule(RuleExplanation(plan.key, text, mode, rule.points, total_points, uncapped,
                                     cap, held, tuple((self.shown(e), f, got)
                                                      for e, f, got in evidence)), parts)

    def selected(self, model: ast.Scoring, block: ast.EventBlock, events: Events
                 ) -> list[Record]:
        chosen = [x for x in events.get(block.source, ()) if x[EVENT_TIME] <= self.tc.as_of]
        cut = window_start(model, self.tc)
        if cut is not None:
            chosen = [x for x in chosen if x[EVENT_TIME] >= cut]
        if block.conditions is not None:
            keep = self.predicate(self.conditions(block.conditions, block.mode, block.source,
                                                  "r"))
            chosen = [x for x in chosen if keep(x)]
        return chosen

    def grade(self, profile: ast.Grading, lead: Record, events: Events) -> GradeExplanation:
        index = start_index(profile)
        criteria = []
        for c in profile.criteria:
            held = self.expr(c.condition, lead, events).result
            if held:
                index += notches(c)
            criteria.append(CriterionExplanation(format_expr(c.condition), steps_text(c.steps),
                                                 held))
        clamped = clamp_grade(index)
        return GradeExplanation(profile.name, str(lead.get("id")), ast.GRADES[start_index(profile)],
                                ast.GRADES[clamped], clamped != index, tuple(criteria))


@attrs.frozen
class _Rule:
    explanation: RuleExplanation
    parts: tuple[Any, ...]


# ------------------------------------------------------------------- tiers


@attrs.frozen
class TierCaseExplanation:
    """One case of a tiers declaration's decision list for one lead.

    ``kind``: ``exclude`` (an alternative of an ``exclude`` condition), ``tier``,
    or ``none`` (the "no tier matched" case of tiers without ``otherwise``).
    ``held``: None when the case was not tried (a case before it held).
    ``why``: the condition's explanation (None for ``otherwise``, the last case,
    or a case not tried).
    """

    kind: str
    tier: str | None
    reason: str | None
    condition: str | None
    held: bool | None
    why: Explanation | None = None

    @property
    def name(self) -> str:
        if self.kind == "exclude":
            return "exclude"
        return self.tier if self.tier is not None else "no tier"

    def render(self, indent: int = 1) -> str:
        mark = {True: "✓", False: "✗", None: "·"}[self.held]
        pad = "  " * indent
        text = self.condition if self.condition is not None else (
            "otherwise" if self.kind == "tier" else self.reason or "")
        line = f"{pad}{mark} {self.name}: {text}"
        if self.held is None:
            return terminal_text(line + "  — not tried")
        if self.why is None:
            return terminal_text(line)
        if self.why.detail:
            line += f"  — {self.why.detail}"
        # Each line's data through terminal_text; the children's are already.
        out = [terminal_text(line)]
        for e in self.why.events[:5]:
            out.append(terminal_text(f"{pad}    · {_event_summary(e, 90)}"))
        if len(self.why.events) > 5:
            out.append(f"{pad}    … {len(self.why.events) - 5} more")
        out.extend(c.render(indent + 1) for c in self.why.children)
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "tier": self.tier, "reason": self.reason,
                "condition": self.condition, "held": self.held,
                "explanation": self.why.to_dict() if self.why is not None else None}


@attrs.frozen(repr=False)
class TierExplanation:
    """Why a lead has its tier: the decision list of the tiers declaration
    (:func:`~leadrules.semantics.tier_cases`, the one the evaluator and the SQL
    stores run), each case with its evidence, up to the first that held."""

    tiers: str
    lead_id: str
    tier: str | None
    reason: str | None
    cases: tuple[TierCaseExplanation, ...]

    @property
    def decided_by(self) -> TierCaseExplanation:
        """The case that held: an exclusion, a tier, or no tier matched."""
        return next(c for c in self.cases if c.held)

    def render(self) -> str:
        """The cases for people: ✗ the ones that failed, ✓ the one that held,
        · the ones never tried."""
        outcome = self.tier if self.tier is not None else f"no tier ({self.reason})"
        out = [terminal_text(f"tiers {self.tiers} for {self.lead_id}: {outcome}")]
        out.extend(c.render() for c in self.cases)
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON): tiers, lead_id, tier, reason, cases."""
        return {"tiers": self.tiers, "lead_id": self.lead_id, "tier": self.tier,
                "reason": self.reason, "cases": [c.to_dict() for c in self.cases]}

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        outcome = self.tier if self.tier is not None else f"no tier ({self.reason})"
        return f"<TierExplanation {self.tiers} for {self.lead_id}: {outcome}>"

    def to_table(self) -> Table:
        """One row per case, in the order they are tried: kind, name, condition,
        held (None: not tried), detail."""
        return Table(("kind", "name", "condition", "held", "detail"), tuple(
            (c.kind, c.name, c.condition, c.held, c.why.detail if c.why else None)
            for c in self.cases))

    def to_pandas(self) -> Any:
        return self.to_table().to_pandas()

    def to_polars(self) -> Any:
        return self.to_table().to_polars()

    def _repr_html_(self) -> str:
        from .display import html_block, html_pre
        return html_block(repr(self).strip("<>"), html_pre(self.render()))


class TiersExplainer(Explainer):
    """Explains a tiers declaration by walking its decision list."""

    def tiers(self, decl: ast.Tiers, lead: Record, events: Events) -> TierExplanation:
        self.using = using_map(self.program.scoring, decl)
        cases: list[TierCaseExplanation] = []
        decided: TierCase | None = None
        for case in tier_cases(decl):
            kind = "exclude" if case.reason is not None and case.condition is not None else (
                "tier" if case.tier is not None else "none")
            text = format_expr(case.condition) if case.condition is not None else None
            if decided is not None:
                cases.append(TierCaseExplanation(kind, case.tier, case.reason, text, None))
                continue
            why = None
            held = True
            if case.condition is not None:
                why = self.expr(case.condition, lead, events)
                held = why.result
            cases.append(TierCaseExplanation(kind, case.tier, case.reason, text, held, why))
            if held:
                decided = case
        assert decided is not None  # the last case has no condition
        return TierExplanation(decl.name, str(lead.get("id")), decided.tier, decided.reason,
                               tuple(cases))
