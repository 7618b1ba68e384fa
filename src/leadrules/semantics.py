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

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, assert_never

import attrs

from . import ast
from .schema import FieldType

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


def holds_on_missing(t: ast.Test) -> bool:
    """A test's answer on a missing value: ``not exists`` and the negations
    are true, every other test is false (SPEC 3.1, "Missing values")."""
    if isinstance(t, ast.Present):
        return t.negated
    return negation_of(t) is not None


def regex(pattern: str) -> re.Pattern[str]:
    """A ``matches`` pattern compiled for the evaluator: case-sensitive, ASCII
    classes (as RE2 and the SQL back ends have them)."""
    return re.compile(pattern, re.ASCII)


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


def is_plain_event_block(e: ast.Expr | None) -> bool:
    """An event block that only selects events: no quantifier but `exists`, no per."""
    return (isinstance(e, ast.EventBlock) and e.quantifiers == (ast.AnyEvent(),)
            and e.per is None)


# ------------------------------------------------------------ expressions


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
    per event unless the rule says ``once``; anything else scores once."""
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
    """``(as_of in epoch seconds, half-life in seconds)`` of a model with decay:
    an event's points are multiplied by ``0.5 ** ((now - when) / half_life)``."""
    if model.decay is None:
        return None
    amount, unit = model.decay.amount, model.decay.unit
    return tc.as_of.timestamp(), (tc.as_of - tc.minus(amount, unit)).total_seconds()


def decay_factor(now: float, when: float, half_life: float) -> float:
    """An event's decay factor from epoch seconds (see :func:`decay_numbers`)."""
    factor: float = 0.5 ** ((now - when) / half_life)
    return factor


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


def exclusions(decl: ast.Tiers) -> list[ast.Expr]:
    """The alternatives of the tiers' ``exclude`` conditions, each its own reason:
    a lead excluded by ``a or b`` is told which of the two held first."""
    out: list[ast.Expr] = []
    for tier in decl.tiers:
        if tier.name == "exclude" and tier.condition is not None:
            c = tier.condition
            out.extend(c.items if isinstance(c, ast.Or) else (c,))
    return out


def ranked_tiers(decl: ast.Tiers) -> Sequence[ast.Tier]:
    """The tiers a lead can get, in the order they are tried, up to the first
    ``otherwise`` (tiers after it are dead)."""
    out = []
    for tier in decl.tiers:
        if tier.name == "exclude":
            continue
        out.append(tier)
        if tier.condition is None:
            break
    return out


NO_TIER = "no tier matched"
"""The reason of a lead that no tier (and no exclusion) matched."""


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
    """The sources an ordered funnel reads, in rank order."""
    steps: dict[str, list[tuple[int, ast.EventBlock]]] = {}
    for k, stage in enumerate(decl.stages):
        assert isinstance(stage.condition, ast.EventBlock)
        steps.setdefault(stage.condition.source, []).append((k, stage.condition))
    return tuple(FunnelSource(name, rank, tuple(blocks))
                 for rank, (name, blocks) in enumerate(steps.items()))
