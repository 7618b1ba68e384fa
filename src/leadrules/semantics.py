"""What each construct of the language means, in one place.

Every back end -- the Python evaluator (:mod:`.compile_python`), the explainer
(:mod:`.explain`), the SQL compiler (:mod:`.sql`) -- and the checker call these
functions for everything that is not rendering: which tests are negations,
the order operands are tried in, how a scoring rule counts, where a grade
starts and how it is clamped, how decay and windows are computed, how the
exclusions of tiers are split into reasons, what type an aggregate has.  A
back end only turns the answers into its own code, so two back ends cannot
disagree about a meaning, only about rendering (which the case table and the
differential tests catch).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, assert_never

import attrs

from . import ast
from .regex import Pattern, compile_pattern
from .schema import EVENT_TIME, FieldType

if TYPE_CHECKING:
    from .dates import TimeContext

T, N, D = FieldType.TEXT, FieldType.NUMBER, FieldType.DATETIME

# ------------------------------------------------------------------- tests


def negation_of(t: ast.Test) -> ast.Test | None:
    """For a negated test (``!= v``, ``not in (…)``, ``not contains v``) the
    positive test it negates, else None.  Every back end compiles a negation
    as ``not`` of that test: two-valued logic, true on a missing value."""
    if isinstance(t, ast.Compare) and t.op == "!=":
        return attrs.evolve(t, op="=")
    if isinstance(t, ast.InList | ast.Contains) and t.negated:
        return attrs.evolve(t, negated=False)
    return None


def date_point_op(op: ast.DateOp) -> ast.CompareOp:
    """``before D`` / ``after D`` / ``on D`` as the comparison with D they mean
    (a bare date D being its whole day)."""
    match op:
        case "before":
            return "<"
        case "after":
            return ">"
        case "on":
            return "="
        case _:
            assert_never(op)


def compare(op: ast.CompareOp, a: Any, b: Any) -> bool:
    """``a OP b`` for two present values of one ordered type (grade indexes, numbers)."""
    match op:
        case "=":
            return bool(a == b)
        case "!=":
            return bool(a != b)
        case "<":
            return bool(a < b)
        case "<=":
            return bool(a <= b)
        case ">":
            return bool(a > b)
        case ">=":
            return bool(a >= b)
        case _:
            assert_never(op)


def holds_on_missing(t: ast.Test) -> bool:
    """A test's answer on a missing value: ``not exists`` and the negations
    are true, every other test is false (SPEC 3.1, "Missing values")."""
    if isinstance(t, ast.Present):
        return t.negated
    return negation_of(t) is not None


def holds_for_constant(t: ast.Test, value: int | float | None) -> bool:
    """A test's answer on a value known before any record is read: a missing
    value (a field the store lacks, ``avg`` of no events) or a number (``count``
    or ``sum`` of no events is 0).  The SQL back ends fold such tests to TRUE /
    FALSE with it."""
    if value is None:
        return holds_on_missing(t)
    positive = negation_of(t)
    if positive is not None:
        return not holds_for_constant(positive, value)
    if isinstance(t, ast.Present):
        return not t.negated
    if isinstance(t, ast.Compare):
        return compare(t.op, value, ast.number_value(t.value))
    if isinstance(t, ast.InList):
        return value in {ast.number_value(v) for v in t.values}
    if isinstance(t, ast.Between):
        return ast.number_value(t.low) <= value <= ast.number_value(t.high)
    if isinstance(t, ast.IsTrue | ast.Contains | ast.TextTest | ast.Within | ast.OlderThan
                  | ast.DatePoint | ast.InPeriod):
        raise AssertionError(t)  # not a test of a number
    assert_never(t)


def regex(pattern: str) -> Pattern:
    """A ``matches`` pattern compiled for the evaluator: Python's ``re.ASCII``
    meaning (case-sensitive, ASCII classes), run by RE2 in linear time
    (:mod:`leadrules.regex`)."""
    return compile_pattern(pattern)


# ------------------------------------------------------------- aggregates


def aggregate_type(func: ast.AggregateFunc, field_type: FieldType | None) -> FieldType:
    """The type of an aggregate's value: ``count``, ``count distinct``, ``sum``
    and ``avg`` are numbers, ``first`` / ``last`` datetimes, ``min`` / ``max``
    the type of their field (``field_type``)."""
    match func:
        case "count" | "count distinct" | "sum" | "avg":
            return N
        case "first" | "last":
            return D
        case "min" | "max":
            assert field_type is not None
            return field_type
        case _:
            assert_never(func)


def empty_aggregate(func: ast.AggregateFunc) -> int | None:
    """An aggregate's value over no events: ``count``, ``count distinct`` and
    ``sum`` are 0, the others missing (SPEC 3.1, "Aggregates")."""
    match func:
        case "count" | "count distinct" | "sum":
            return 0
        case "avg" | "min" | "max" | "first" | "last":
            return None
        case _:
            assert_never(func)


def is_plain_event_block(e: ast.Expr | None) -> bool:
    """An event block that only selects events: no quantifier but `exists`, no per."""
    return (isinstance(e, ast.EventBlock) and e.quantifiers == (ast.AnyEvent(),)
            and e.per is None)


# ------------------------------------------------------------ expressions


def walk(e: ast.Expr) -> Iterator[ast.Expr]:
    """``e`` and every expression inside it (not the conditions inside an event
    block's braces, which are about events): each node before those inside it,
    the operands of ``and`` / ``or`` last first, without recursion.  (The order
    decides the dependency order of declarations, hence the names of SQL CTEs.)"""
    stack: list[ast.Expr] = [e]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.And | ast.Or):
            stack.extend(node.items)
        elif isinstance(node, ast.Not):
            stack.append(node.item)
        elif isinstance(node, ast.LeadBlock):
            stack.extend(node.conditions)
        elif isinstance(node, ast.FieldTest | ast.EventBlock | ast.LabelRef | ast.SegmentRef
                        | ast.ListRef | ast.ScoreTest | ast.GradeTest):
            pass  # no expressions of the lead inside
        else:
            assert_never(node)


Reference = tuple[str, str]
"""A declaration an expression refers to: ``(kind, name)``, kind ``segment``,
``scoring`` or ``grading``."""


def references(e: ast.Expr, using: Mapping[str, str] | None = None
               ) -> Iterator[tuple[Reference, ast.Pos | None]]:
    """The declarations ``e`` refers to, with where.  ``score`` / ``grade`` without a
    model name (inside tiers) mean ``using``'s models; without ``using`` they are
    left out."""
    for node in walk(e):
        if isinstance(node, ast.SegmentRef):
            yield ("segment", node.name), node.pos
        elif isinstance(node, ast.ScoreTest | ast.GradeTest):
            kind = "scoring" if isinstance(node, ast.ScoreTest) else "grading"
            name = node.model or (using or {}).get(kind)
            if name is not None:
                yield (kind, name), node.pos


def list_references(exprs: Iterable[ast.Expr]) -> dict[str, ast.Pos | None]:
    """The lead lists ``exprs`` read (``in list NAME``), each with where it is
    first named, in order of appearance."""
    out: dict[str, ast.Pos | None] = {}
    for e in exprs:
        for node in walk(e):
            if isinstance(node, ast.ListRef):
                out.setdefault(node.name, node.pos)
    return out


def declaration_expressions(decl: ast.Declaration) -> list[ast.Expr]:
    """Every expression a declaration holds, as written (blocks and ``match``
    of a segment, rule conditions, criteria, tiers, stages)."""
    if isinstance(decl, ast.Segment):
        return [b.expr for b in decl.blocks] + ([decl.match] if decl.match else [])
    if isinstance(decl, ast.Scoring):
        return [r.condition for r in decl.rules]
    if isinstance(decl, ast.Grading):
        return [c.condition for c in decl.criteria]
    if isinstance(decl, ast.Tiers):
        return [t.condition for t in decl.tiers if t.condition is not None]
    if isinstance(decl, ast.Funnel):
        return ([s.condition for s in decl.stages if s.condition is not None]
                + [x.block for x in decl.exclusions])
    if isinstance(decl, ast.FieldDecl | ast.SourceDecl | ast.TimezoneDecl):
        return []
    assert_never(decl)



def segment_expression(seg: ast.Segment) -> ast.Expr:
    """The segment as one expression: labels in `match` replaced by their blocks
    (or every block joined by `and`)."""
    blocks = {b.label: b.expr for b in seg.blocks}
    if seg.match is None:
        exprs = tuple(blocks.values())
        return exprs[0] if len(exprs) == 1 else ast.And(exprs)
    return _substitute(seg.match, blocks)


def _substitute(e: ast.Expr, blocks: Mapping[str, ast.Expr]) -> ast.Expr:
    if isinstance(e, ast.LabelRef):
        return blocks[e.label]
    if isinstance(e, ast.Not):
        return attrs.evolve(e, item=_substitute(e.item, blocks))
    if isinstance(e, ast.And | ast.Or):
        return attrs.evolve(e, items=tuple(_substitute(i, blocks) for i in e.items))
    return e


def merged(items: Sequence[ast.Expr], conjunction: bool,
           field_type: Callable[[str], FieldType | None]) -> list[ast.Expr]:
    """The operands of an ``and`` / ``or`` of record conditions with the tests of
    one field against constants folded into one membership test: ``f = a or
    f = b`` is ``f in (a, b)``, ``f != a and f != b`` is ``f not in (a, b)``
    (same answers, missing values included).  A 20,000-way ``or`` of literals
    becomes one set lookup / ``IN`` list instead of an expression too deep for
    SQLite.  Only text and number fields: ``=`` on a list of text is not ``in``."""
    wanted = "!=" if conjunction else "="
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(items):
        if (isinstance(e, ast.FieldTest) and isinstance(e.test, ast.Compare | ast.InList)
                and _foldable(e.test, wanted, field_type(e.field))):
            groups.setdefault(e.field, []).append(i)
    if all(len(g) < 2 for g in groups.values()):
        return list(items)
    out: list[ast.Expr] = []
    done: set[int] = set()
    for i, e in enumerate(items):
        if i in done:
            continue
        group = groups.get(e.field, []) if isinstance(e, ast.FieldTest) else []
        if len(group) < 2 or group[0] != i:
            out.append(e)
            continue
        values: list[ast.Value] = []
        for j in group:
            item = items[j]
            assert isinstance(item, ast.FieldTest)
            test = item.test
            if isinstance(test, ast.InList):
                values.extend(test.values)
            elif isinstance(test, ast.Compare):
                values.append(test.value)
            done.add(j)
        assert isinstance(e, ast.FieldTest)
        out.append(attrs.evolve(e, test=ast.InList(tuple(values), negated=conjunction,
                                                   pos=e.test.pos)))
    return out


def _foldable(t: ast.Compare | ast.InList, wanted: str, ftype: FieldType | None) -> bool:
    if ftype is T:
        kind: type = ast.Text
    elif ftype is N:
        kind = ast.Number
    else:
        return False
    if isinstance(t, ast.InList):
        values: tuple[ast.Value, ...] = t.values
        if t.negated != (wanted == "!="):
            return False
    else:
        values = (t.value,)
        if t.op != wanted:
            return False
    return all(isinstance(v, kind) for v in values)


def operands(e: ast.And | ast.Or, inline: Mapping[str, ast.Expr]) -> list[ast.Expr]:
    """The operands of ``e``, with those of the same connective inside it spliced
    in -- nested, or of a segment compiled in place (``inline``: name ->
    expression): a chain of 500 segments each ``segment previous and …`` is one
    flat ``and`` in every back end, not 500 levels."""
    kind = type(e)
    out: list[ast.Expr] = []
    stack = list(reversed(e.items))
    while stack:
        item = stack.pop()
        if isinstance(item, ast.SegmentRef) and item.name in inline:
            inlined = inline[item.name]
            if type(inlined) is kind:
                item = inlined
        if isinstance(item, ast.And | ast.Or) and type(item) is kind:
            stack.extend(reversed(item.items))
        else:
            out.append(item)
    return out


def expression_cost(e: ast.Expr, segment_cost: Mapping[str, int] | None = None) -> int:
    """A rough relative cost of evaluating ``e`` for one lead: lead fields are
    cheap, `exists` checks stop at the first event, counting loops read all.

    Every back end orders the operands of `and` / `or` by it, cheapest first --
    safe because the logic is two-valued and free of side effects.
    """
    if isinstance(e, ast.FieldTest):
        return 1
    if isinstance(e, ast.LeadBlock):
        return len(e.conditions) or 1
    if isinstance(e, ast.Not):
        return expression_cost(e.item, segment_cost)
    if isinstance(e, ast.And | ast.Or):
        return sum(expression_cost(i, segment_cost) for i in e.items)
    if isinstance(e, ast.SegmentRef):
        return (segment_cost or {}).get(e.name, 1000)
    if isinstance(e, ast.ListRef):
        return 2  # a set lookup (a semi-join on a SQL store)
    if isinstance(e, ast.ScoreTest | ast.GradeTest):
        return 2000
    if isinstance(e, ast.EventBlock):
        if e.per is not None:
            return 400
        if all(isinstance(q, ast.AnyEvent | ast.NoEvent) for q in e.quantifiers):
            return 10 if e.conditions is None else 50
        return 100
    if isinstance(e, ast.LabelRef):
        return 1  # replaced by its block before anything is compiled
    assert_never(e)


def cheapest_first(items: Iterable[ast.Expr],
                   segment_cost: Mapping[str, int] | None = None) -> list[ast.Expr]:
    """The operands of an `and` / `or` in the order every back end tries them."""
    return sorted(items, key=lambda e: expression_cost(e, segment_cost))


# ----------------------------------------------------------------- scoring

RuleMode = Literal["per event", "once"]


def rule_mode(rule: ast.ScoreRule) -> RuleMode:
    """``per event`` or ``once``: an event block that only selects events scores
    per event unless the rule says ``once``; anything else scores once (the
    parser gives ``BLOCK exists`` with ``exists`` written out ``mode="once"``)."""
    if rule.mode is not None:
        return rule.mode
    return "per event" if is_plain_event_block(rule.condition) else "once"


def rule_key(rule: ast.ScoreRule, index: int) -> str:
    """How a rule is named in breakdowns: its label, or its position (1-based)."""
    return rule.label if rule.label is not None else f"rule {index + 1}"


def rule_keys(model: ast.Scoring) -> tuple[str, ...]:
    return tuple(rule_key(r, i) for i, r in enumerate(model.rules))


def using_map(find_scoring: Callable[[str], object | None], tiers: ast.Tiers
              ) -> dict[str, str]:
    """``using`` of a tiers declaration as {'scoring': name, 'grading': name}:
    inside the tiers, ``score`` / ``grade`` without a model name mean these."""
    out = {}
    for name in tiers.using:
        out["scoring" if find_scoring(name) is not None else "grading"] = name
    return out


def decay_numbers(model: ast.Scoring, tc: TimeContext) -> tuple[float, float] | None:
    """``(as_of in epoch seconds, half-life in seconds)`` of a model with decay."""
    if model.decay is None:
        return None
    amount, unit = model.decay.amount, model.decay.unit
    return tc.as_of.timestamp(), tc.duration(amount, unit).total_seconds()


def decay_source(now: str, when: str, half_life: str) -> str:
    """The decay factor of an event that happened at ``when`` (epoch seconds):
    ``0.5 ** (age / half_life)``, age measured from ``now`` (as_of), as Python
    source.  The evaluator inlines it; :func:`decay_factor` is compiled from it."""
    return f"0.5 ** (({now} - {when}) / {half_life})"


decay_factor: Callable[[float, float, float], float] = eval(  # one definition, two uses
    compile(f"lambda now, when, half_life: {decay_source('now', 'when', 'half_life')}",
            "<leadrules decay>", "eval"))


def windowed(model: ast.Scoring) -> ast.Scoring:
    """``model`` with its ``window N UNIT`` applied to the event blocks inside
    rules that are not one event block (``not tracking exists``, ``tracking
    exists and application exists``): each block also asks ``occurred_at within
    N UNIT``, the window's boundary, so the model counts only the window's events
    in every rule (SPEC 3.3).  A rule that is one event block keeps its own
    window handling (:func:`window_start`); lead conditions, segments, scores and
    grades a rule names are not events of the model and are unchanged."""
    if model.window is None:
        return model
    recent = ast.FieldTest(EVENT_TIME, ast.Within(model.window.amount, model.window.unit,
                                                  pos=None), pos=None)
    rules = tuple(r if isinstance(r.condition, ast.EventBlock)
                  else attrs.evolve(r, condition=_in_window(r.condition, recent))
                  for r in model.rules)
    return attrs.evolve(model, rules=rules)


def _in_window(e: ast.Expr, recent: ast.FieldTest) -> ast.Expr:
    if isinstance(e, ast.EventBlock):
        if e.conditions is None:
            return attrs.evolve(e, mode="all", conditions=(recent,))
        if e.mode == "all":
            return attrs.evolve(e, conditions=(*e.conditions, recent))
        either = ast.Or(e.conditions, pos=None, parenthesized=True)
        return attrs.evolve(e, mode="all", conditions=(either, recent))
    if isinstance(e, ast.And):
        return attrs.evolve(e, items=tuple(_in_window(i, recent) for i in e.items))
    if isinstance(e, ast.Or):
        return attrs.evolve(e, items=tuple(_in_window(i, recent) for i in e.items))
    if isinstance(e, ast.Not):
        return attrs.evolve(e, item=_in_window(e.item, recent))
    return e


def window_start(model: ast.Scoring, tc: TimeContext) -> dt.datetime | None:
    """The earliest ``occurred_at`` a model with ``window N UNIT`` counts."""
    if model.window is None:
        return None
    return tc.minus(model.window.amount, model.window.unit)


RuleKind = Literal["per", "per decay", "once", "once decay"]
"""How a rule's points are made, and the parts a back end computes for it:

* ``per``: points x the number of selected events -- part: the count;
* ``per decay``: the sum over selected events of points x decay factor -- part:
  that sum (None, or 0, when no event is selected);
* ``once``: the points if the condition held -- part: held (bool or 0/1);
* ``once decay``: the points x the decay factor of the latest selected event
  if the block held (the points undecayed when it held on no event) -- parts:
  held, and the latest selected event's time in epoch seconds (or None).

Then ``max`` caps the rule's total, then ``min``; the score is 0 plus each
rule's points, added in rule order (floats are not associative).
"""


@attrs.frozen
class RulePlan:
    """One scoring rule: its breakdown key, how it counts, its points and caps."""

    key: str
    kind: RuleKind
    points: int | float
    max_total: int | float | None = None
    min_total: int | float | None = None

    @property
    def parts(self) -> int:
        """How many values a back end computes for the rule (see :data:`RuleKind`)."""
        return 2 if self.kind == "once decay" else 1


def rule_plans(model: ast.Scoring) -> tuple[RulePlan, ...]:
    """The plan of each rule of ``model`` (``extends`` already flattened)."""
    out = []
    for j, rule in enumerate(model.rules):
        per = rule_mode(rule) == "per event"
        decayed = model.decay is not None and isinstance(rule.condition, ast.EventBlock)
        kind: RuleKind = (("per decay" if decayed else "per") if per
                          else "once decay" if decayed else "once")
        out.append(RulePlan(rule_key(rule, j), kind, rule.points, rule.max_total,
                            rule.min_total))
    return tuple(out)


ScoreRow = tuple[Any, ...]
"""A row of a score table: ``(lead_id, total, points of rule 1, …)``."""


@attrs.frozen
class ScoreArithmetic:
    """The arithmetic of one scoring model at one as_of, compiled once.

    ``finish(r)`` takes ``(lead_id, parts of rule 1…, parts of rule 2…, …)`` (see
    :data:`RuleKind`) and returns the score row ``(lead_id, total, points of
    each rule…)``; ``rule(j, *parts)`` returns rule j's ``(uncapped, points,
    the cap that applied as "max N" / "min N" or None)``.
    The in-memory evaluator, the SQL stores' finisher and the explainer all call
    these, so their scores cannot disagree.
    """

    plans: tuple[RulePlan, ...]
    source: str
    finish: Callable[[Sequence[Any]], ScoreRow]
    rule: Callable[..., tuple[Any, Any, str | None]]


def score_arithmetic(model: ast.Scoring, tc: TimeContext) -> ScoreArithmetic:
    """:class:`ScoreArithmetic` for ``model`` evaluated as of ``tc``."""
    return _arithmetic(rule_plans(model), decay_numbers(model, tc))


@functools.lru_cache(maxsize=256)
def _arithmetic(plans: tuple[RulePlan, ...], numbers: tuple[float, float] | None
                ) -> ScoreArithmetic:
    env: dict[str, Any] = {}
    if numbers is not None:
        env["NOW"], env["HALF_LIFE"] = numbers
    finish = ["def finish(r):"]
    rules = []
    column = 1
    for j, plan in enumerate(plans):
        env[f"P{j}"] = plan.points
        parts = [f"r[{column + k}]" for k in range(plan.parts)]
        column += plan.parts
        body = [*_uncapped(plan, j, parts), f"t{j} = u{j}", *_caps(plan, j, env)]
        finish.extend("    " + line for line in body)
        args = ", ".join(f"a{k}" for k in range(plan.parts))
        local = [*_uncapped(plan, j, [f"a{k}" for k in range(plan.parts)]),
                 f"t{j} = u{j}", "c = None", *_caps(plan, j, env, report="c"),
                 f"return u{j}, t{j}, c"]
        rules.append(f"def rule{j}({args}):\n" + "".join(f"    {x}\n" for x in local))
    total = "0"
    for j in range(len(plans)):  # added left to right, as people add them
        total = f"({total} + t{j})"
    finish.append(f"    return (str(r[0]), {total}, "
                  f"{''.join(f't{j}, ' for j in range(len(plans)))})")
    source = "\n".join(finish) + "\n\n" + "\n".join(rules)
    exec(compile(source, "<leadrules score arithmetic>", "exec"), env)
    by_index = [env[f"rule{j}"] for j in range(len(plans))]

    def rule(j: int, *parts: Any) -> tuple[Any, Any, str | None]:
        result: tuple[Any, Any, str | None] = by_index[j](*parts)
        return result

    return ScoreArithmetic(plans, source, env["finish"], rule)


def _uncapped(plan: RulePlan, j: int, parts: Sequence[str]) -> list[str]:
    """Statements setting ``u{j}``, the rule's points before caps."""
    p, a = f"P{j}", parts[0]
    match plan.kind:
        case "per":
            if isinstance(plan.points, int):
                return [f"u{j} = {p} * {a}"]
            # Repeated addition: what summing the points event by event gives.
            return [f"u{j} = 0", f"for _ in range({a}): u{j} += {p}"]
        case "per decay":
            return [f"u{j} = 0 if {a} is None else {a}"]
        case "once":
            return [f"u{j} = {p} if {a} else 0"]
        case "once decay":
            factor = decay_source("NOW", parts[1], "HALF_LIFE")
            return [f"u{j} = ({p} if {parts[1]} is None else {p} * {factor}) if {a} else 0"]
        case _:
            assert_never(plan.kind)


def _caps(plan: RulePlan, j: int, env: dict[str, Any], report: str | None = None
          ) -> list[str]:
    """``max`` then ``min`` on ``t{j}`` (naming the cap that applied in ``report``)."""
    out = []
    for name, cap, op in (("MAX", plan.max_total, ">"), ("MIN", plan.min_total, "<")):
        if cap is None:
            continue
        env[f"{name}{j}"] = cap
        said = f"; {report} = {f'{name.lower()} {cap}'!r}" if report else ""
        out.append(f"if t{j} {op} {name}{j}: t{j} = {name}{j}{said}")
    return out


def per_event_weight_source(points: str, factor: str | None) -> str:
    """What one selected event adds to a ``per decay`` rule's sum."""
    return points if factor is None else f"{points} * {factor}"


# ----------------------------------------------------------------- grading

DEFAULT_START_GRADE = "D"
TOP_GRADE = len(ast.GRADES) - 1


def start_index(profile: ast.Grading) -> int:
    """Where a profile's grade starts: ``start`` or the built-in D."""
    return ast.GRADES.index(profile.start or DEFAULT_START_GRADE)


def notches(criterion: ast.GradeCriterion) -> int:
    """A criterion's step in notches (1/3 of a letter each; the checker made it whole)."""
    return int(criterion.steps * 3)


def clamp_grade(index: int) -> int:
    """A grade index clamped to the scale F (0) … A+ (12)."""
    return 0 if index < 0 else TOP_GRADE if index > TOP_GRADE else index


# ------------------------------------------------------------------- tiers


NO_TIER = "no tier matched"
"""The reason of a lead that no tier (and no exclusion) matched."""


@attrs.frozen
class TierCase:
    """One case of a tiers declaration, tried in order: when ``condition`` holds
    (None: always), the lead gets ``tier`` (None: no tier) for ``reason``."""

    condition: ast.Expr | None
    tier: str | None
    reason: str | None


def tier_cases(decl: ast.Tiers) -> tuple[TierCase, ...]:
    """The decision list of a tiers declaration, in the order it is tried.

    First each alternative of the ``exclude`` conditions, each its own reason (a
    lead excluded by ``a or b`` is told which of the two held first), then the
    tiers in order up to the first ``otherwise`` (tiers after it are dead), then,
    without an ``otherwise``, no tier with the reason :data:`NO_TIER`.  The last
    case always has condition None.
    """
    from .format import format_expr  # the formatter (and json) only where tiers are asked for
    out: list[TierCase] = []
    for tier in decl.tiers:
        if tier.name == "exclude" and tier.condition is not None:
            c = tier.condition
            out.extend(TierCase(part, None, format_expr(part))
                       for part in (c.items if isinstance(c, ast.Or) else (c,)))
    for tier in decl.tiers:
        if tier.name == "exclude":
            continue
        out.append(TierCase(tier.condition, tier.name, None))
        if tier.condition is None:
            return tuple(out)
    out.append(TierCase(None, None, NO_TIER))
    return tuple(out)


# ------------------------------------------------------------ ordered funnels


@attrs.frozen
class FunnelSource:
    """What an ordered funnel reads from one event source.

    ``rank`` orders the sources (first appearance among the steps, then the
    exclusions): with ``seq`` it breaks ties between events at one instant, so
    every store picks the same chain.  ``steps`` and ``exclusions`` are the
    ``(index, block)`` pairs reading this source; ``every_event``: all of its
    events matter, not only the selected ones (in a strict funnel an event no
    step selects breaks the chain).
    """

    name: str
    rank: int
    steps: tuple[tuple[int, ast.EventBlock], ...]
    exclusions: tuple[tuple[int, ast.EventBlock], ...] = ()
    every_event: bool = False


def funnel_sources(decl: ast.Funnel) -> tuple[FunnelSource, ...]:
    """The sources an ordered funnel reads, in rank order: the steps' sources in
    the order the steps first read them, then the exclusions' other sources."""
    steps: dict[str, list[tuple[int, ast.EventBlock]]] = {}
    excluded: dict[str, list[tuple[int, ast.EventBlock]]] = {}
    for k, stage in enumerate(decl.stages):
        assert isinstance(stage.condition, ast.EventBlock)
        steps.setdefault(stage.condition.source, []).append((k, stage.condition))
    for x, exclusion in enumerate(decl.exclusions):
        excluded.setdefault(exclusion.block.source, []).append((x, exclusion.block))
    names = [*steps, *(name for name in excluded if name not in steps)]
    return tuple(FunnelSource(name, rank, tuple(steps.get(name, ())),
                              tuple(excluded.get(name, ())),
                              name in steps and strict_order(decl))
                 for rank, name in enumerate(names))


def strict_order(decl: ast.Funnel) -> bool:
    """Whether any event of the steps' sources in between breaks a chain."""
    match decl.order:
        case "strict":
            return True
        case "ordered" | "any order":
            return False
        case _:
            assert_never(decl.order)


def exclusion_steps(decl: ast.Funnel) -> tuple[tuple[int, int], ...]:
    """Each exclusion as ``(start step, end step)`` indexes."""
    names = [s.name for s in decl.stages]
    return tuple((names.index(x.start), names.index(x.end)) for x in decl.exclusions)
