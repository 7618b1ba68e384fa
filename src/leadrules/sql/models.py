"""Scoring models, grading profiles, tiers and funnels as SQL: the model layer
of the SQL back end.

Scoring: one pass per event source -- a grouped subquery LEFT JOINed to the
leads with one conditional aggregate per rule (``COUNT(CASE WHEN <braces>
THEN 1 END)``, ``SUM(CASE WHEN … THEN points * POWER(0.5, (as_of_s -
epoch(occurred_at)) / half_life_s) END)``, or the latest ``occurred_at`` for a
decayed ``once``) -- each rule rendered from its
:class:`~leadrules.semantics.RulePlan`.  The database either finishes the
arithmetic itself (:meth:`ModelCompiler.scoring_select`, for score conditions
and printed SQL) or returns each rule's parts for
:class:`~leadrules.semantics.ScoreArithmetic` to finish in Python, exactly as
the evaluator does (:meth:`ModelCompiler.scoring_parts`).  Grading: start
plus ``CASE`` notches, clamped.  Tiers: one ``CASE`` over the decision list of
:func:`~leadrules.semantics.tier_cases`.  Funnels: each lead's depth, one
``CASE`` from the last stage down; ordered funnels' stage events.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, assert_never

import attrs
from sqlglot import exp

if TYPE_CHECKING:
    from sqlglot.expressions import Expr as Node

from .. import ast
from ..schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD, LEAD_KEY
from ..semantics import (
    TOP_GRADE,
    FunnelSource,
    RulePlan,
    TierCase,
    decay_numbers,
    is_plain_event_block,
    notches,
    rule_plans,
    start_index,
    window_start,
)
from .expressions import (
    EVENT_ALIAS,
    GRADE_INDEX,
    LEAD_ALIAS,
    TOTAL,
    ExpressionCompiler,
    flag,
    join,
    paren,
    when,
)
from .layout import SEQ

SCORES = "s"
DEPTH = "depth"
_MICROS = 1_000_000.0
UNDERFLOW = 1075.0
"""The least exponent e for which 0.5 ** e is 0.0 (see ``_decay``)."""
# Engines whose text order is Python's (code points) whatever the database:
# SQLite's BINARY collation and DuckDB's default.  PostgreSQL's follows the
# database's collation.
_CODE_POINT_ORDER = frozenset({"sqlite", "duckdb"})


@attrs.define
class _Pass:
    """The pass of a scoring model over one source: the rules' conditional
    aggregates and what each selects (None: every event)."""

    alias: str
    aggregates: list[Node] = attrs.Factory(list)
    selections: list[Node | None] = attrs.Factory(list)


class ModelCompiler:
    """Compiles the scoring models, grading profiles, tiers and funnels of a
    program, with the expressions of ``x``."""

    def __init__(self, x: ExpressionCompiler) -> None:
        self.x = x

    # -- scoring -------------------------------------------------------------
    def scoring_select(self, model: ast.Scoring) -> exp.Select:
        """id, each rule's points (caps applied) and the total, in rule order as
        the evaluator adds them."""
        inner = self.scoring_inner(model, detail=False)
        columns: list[Node] = [exp.column(LEAD_KEY, table=SCORES, quoted=True)]
        capped = []
        for j, plan in enumerate(rule_plans(model)):
            value = self._capped(plan, exp.column(f"raw_{j}", table=SCORES, quoted=True))
            capped.append(value)
            columns.append(exp.alias_(value, plan.key, quoted=True, copy=False))
        # Added left to right, as the evaluator adds them (floats are not associative).
        total: Node = paren(capped[0]) if capped else exp.Literal.number(0)
        for value in capped[1:]:
            total = exp.Add(this=total, expression=paren(value))
        columns.append(exp.alias_(total, TOTAL, quoted=True, copy=False))
        return exp.select(*columns, copy=False).from_(inner.subquery(SCORES, copy=False),
                                                       copy=False)

    def scoring_parts(self, model: ast.Scoring) -> exp.Select:
        """Per alive lead: ``id``, then each rule's parts (see
        :data:`~leadrules.semantics.RuleKind`) for
        :meth:`~leadrules.semantics.ScoreArithmetic.finish`."""
        return self.scoring_inner(model, detail=True)


    def _capped(self, plan: RulePlan, value: Node) -> Node:
        """``max`` then ``min``, as the evaluator applies them."""
        x = self.x
        if plan.max_total is not None:
            cap = x.param(plan.max_total)
            value = (exp.Case().when(exp.GT(this=value, expression=cap), cap, copy=False)
                     .else_(value, copy=False))
        if plan.min_total is not None:
            cap = x.param(plan.min_total)
            value = (exp.Case().when(exp.LT(this=value, expression=cap), cap, copy=False)
                     .else_(value, copy=False))
        return value

    def scoring_inner(self, model: ast.Scoring, *, detail: bool) -> exp.Select:
        """Per alive lead: ``raw_j``, rule j's points before caps (``detail=False``),
        or the parts they are made of (``detail=True``).

        The event rules read their events in one pass per source: one grouped
        subquery per source with a conditional aggregate per rule
        (``COUNT(CASE WHEN <braces> THEN 1 END)``, ``SUM(CASE WHEN … THEN
        points * decay END)``, ``MAX(CASE WHEN … THEN occurred_at END)``),
        LEFT JOINed to the leads -- the query a developer writes by hand.
        """
        x = self.x
        columns: list[Node] = [x.column(LEAD_ALIAS, LEAD_KEY)]
        passes: dict[str, _Pass] = {}
        for j, (rule, plan) in enumerate(zip(model.rules, rule_plans(model), strict=True)):
            raw, parts = self._rule(model, rule, plan, j, passes)
            assert len(parts) == plan.parts
            if detail:
                columns.extend(exp.alias_(part, f"d{j}_{k}", quoted=True, copy=False)
                               for k, part in enumerate(parts))
            else:
                columns.append(exp.alias_(raw, f"raw_{j}", quoted=True, copy=False))
        query = exp.select(*columns, copy=False).from_(x.table(LEAD, LEAD_ALIAS), copy=False)
        for source, one in passes.items():
            on = exp.EQ(this=exp.column(EVENT_LEAD_KEY, table=one.alias, quoted=True),
                        expression=x.column(LEAD_ALIAS, LEAD_KEY))
            query = query.join(self._pass_select(model, source, one).subquery(
                one.alias, copy=False), on=on, join_type="left", copy=False)
        return query.where(x.alive(), copy=False)

    def _rule(self, model: ast.Scoring, rule: ast.ScoreRule, plan: RulePlan, j: int,
              passes: dict[str, _Pass]) -> tuple[Node, list[Node]]:
        """One rule: its points before caps, and its parts (as the plan's kind says)."""
        x = self.x
        points = x.param(rule.points)
        zero = exp.Literal.number(0)
        cond = rule.condition
        if not isinstance(cond, ast.EventBlock):  # a lead condition: once
            held = x.expr(cond)
            return when(held, points, zero), [flag(held)]
        present = x.layout.table(cond.source) is not None
        plain = is_plain_event_block(cond)
        match plan.kind:
            case "per":
                if not present:  # no stored events of this source: nothing scores
                    return zero, [zero]
                count = exp.Coalesce(this=self._aggregate(passes, cond, j, "n"),
                                     expressions=[zero])
                return exp.Mul(this=points, expression=count), [count]
            case "per decay":
                if not present:
                    return zero, [exp.null()]
                weight = exp.Mul(this=points, expression=self._decay(
                    model, x.column(EVENT_ALIAS, EVENT_TIME)))
                # NULL when no event is selected (the evaluator's sum is then int 0).
                total = self._aggregate(passes, cond, j, "v", weight)
                return exp.Coalesce(this=total, expressions=[zero]), [total]
            case "once":
                if present and plain:  # `exists`: the lead has a selected event in the pass
                    count = exp.Coalesce(this=self._aggregate(passes, cond, j, "n"),
                                         expressions=[zero])
                    held = exp.GT(this=count, expression=zero)
                else:
                    held = x.event_block(cond, self._window(model))
                return when(held, points, zero), [flag(held)]
            case "once decay":
                if not present:
                    held = x.event_block(cond, self._window(model))
                    return when(held, points, zero), [flag(held), exp.null()]
                latest = self._aggregate(passes, cond, j, "t")
                held = (exp.Not(this=exp.Is(this=latest, expression=exp.null())) if plain
                        else x.event_block(cond, self._window(model)))
                # No selected event (a block that holds on none): the points, undecayed.
                factor = exp.Coalesce(this=self._decay(model, latest),
                                      expressions=[exp.Literal.number(1)])
                return (when(held, exp.Mul(this=points, expression=factor), zero),
                        [flag(held), self._epoch(latest)])
            case _:
                assert_never(plan.kind)


    def _aggregate(self, passes: dict[str, _Pass], block: ast.EventBlock, j: int,
                   kind: Literal["n", "v", "t"], value: Node | None = None) -> Node:
        """Rule j's aggregate over its selected events in the pass over the block's
        source: ``n`` their count, ``v`` the sum of ``value``, ``t`` the latest
        ``occurred_at``; a column of the pass, NULL for a lead without any."""
        x = self.x
        one = passes.get(block.source)
        if one is None:
            one = passes[block.source] = _Pass(f"p{len(passes)}")
        selected = (None if block.conditions is None else
                    x.conditions(block.conditions, block.mode, block.source, EVENT_ALIAS))
        one.selections.append(selected)
        if kind == "t":
            value = x.column(EVENT_ALIAS, EVENT_TIME)
        elif kind == "n":
            value = exp.Literal.number(1)
        assert value is not None
        if selected is not None:
            value = exp.Case().when(selected, value, copy=False)
        aggregate = {"n": exp.Count, "v": exp.Sum, "t": exp.Max}[kind](this=value)
        name = f"{kind}{j}"
        one.aggregates.append(exp.alias_(aggregate, name, quoted=True, copy=False))
        return exp.column(name, table=one.alias, quoted=True)

    def _pass_select(self, model: ast.Scoring, source: str, one: _Pass) -> exp.Select:
        """The pass over ``source``: its events up to as_of (inside the model's
        window), narrowed to those some rule selects, grouped by lead."""
        x = self.x
        where: list[Node] = [
            *x.given(x.column(EVENT_ALIAS, EVENT_LEAD_KEY)), x.until_as_of(EVENT_ALIAS),
            *self._window(model)]
        if all(s is not None for s in one.selections):
            where.append(join(False, [s.copy() for s in one.selections if s is not None]))
        lead_id = x.column(EVENT_ALIAS, EVENT_LEAD_KEY)
        return (exp.select(lead_id, *one.aggregates, copy=False)
                .from_(x.table(source, EVENT_ALIAS), copy=False)
                .where(join(True, where), copy=False).group_by(lead_id, copy=False))

    def _window(self, model: ast.Scoring) -> list[Node]:
        x = self.x
        cut = window_start(model, x.tc)
        if cut is None:
            return []
        return [exp.GTE(this=x.event_time(EVENT_ALIAS), expression=x.param(cut))]

    def _decay(self, model: ast.Scoring, when: Node) -> Node:
        """``0.5 ** ((as_of_seconds - epoch(when)) / half_life)``, the evaluator's
        formula, with both numbers computed in Python (:func:`decay_numbers`)."""
        x = self.x
        numbers = decay_numbers(model, x.tc)
        assert numbers is not None
        now, half_life = numbers
        age = exp.Sub(this=x.param(now), expression=self._epoch(when))
        exponent = exp.Div(this=paren(age), expression=x.param(half_life))
        power = exp.Pow(this=x.param(0.5), expression=exponent)
        if x.dialect != "postgres":
            return power
        # PostgreSQL's float8 POWER raises "underflow" where the result rounds to 0
        # (an event about 1,075 half-lives old); 0.5 ** e is 0.0 in Python for every
        # e >= 1075 (2 ** -1075 lies halfway to the least subnormal, and rounds to
        # even, 0) and not below it, so the CASE gives the evaluator's value.
        return exp.Case().when(exp.GTE(this=exponent.copy(), expression=x.param(UNDERFLOW)),
                               exp.Literal.number(0), copy=False).else_(power, copy=False)

    def _epoch(self, when: Node) -> Node:
        """Seconds since 1970 as a double, ``datetime.timestamp()``'s value: exact
        microseconds divided by 10**6 (one correctly rounded division).  The
        divisor is a double parameter, so the quotient is a double on every engine
        (an integer over a DECIMAL would be a rounded DECIMAL on Spark / Snowflake)."""
        x = self.x
        if x.dialect == "postgres" and not x.layout.datetime_as_micros:
            # date_part('epoch', …) is the microseconds divided by 10**6 as a
            # double (one correctly rounded division), the value datetime.timestamp()
            # gives; EXTRACT(EPOCH …) is the same number as a slow numeric.
            return exp.Anonymous(this="DATE_PART", expressions=[exp.Literal.string("epoch"),
                                                                when])
        return exp.Div(this=self._epoch_micros(when), expression=x.param(_MICROS))

    def grading_select(self, profile: ast.Grading) -> exp.Select:
        """id and the grade index (0 = F … 12 = A+): start plus each criterion's
        notches, clamped, as the evaluator counts them."""
        x = self.x
        zero = exp.Literal.number(0)
        index: Node = x.param(start_index(profile))
        for c in profile.criteria:
            step = x.param(notches(c))
            index = exp.Add(this=index, expression=when(x.expr(c.condition), step, zero))
        raw = (exp.select(x.column(LEAD_ALIAS, LEAD_KEY),
                          exp.alias_(index, "raw", quoted=True, copy=False), copy=False)
               .from_(x.table(LEAD, LEAD_ALIAS), copy=False).where(x.alive(), copy=False))
        value = exp.column("raw", table="g", quoted=True)
        top = exp.Literal.number(TOP_GRADE)
        clamped = (exp.Case().when(exp.LT(this=value, expression=zero), zero, copy=False)
                   .when(exp.GT(this=value, expression=top), top, copy=False)
                   .else_(value, copy=False))
        return (exp.select(exp.column(LEAD_KEY, table="g", quoted=True),
                           exp.alias_(clamped, GRADE_INDEX, quoted=True, copy=False), copy=False)
                .from_(raw.subquery("g", copy=False), copy=False))

    def grading(self, profile: ast.Grading) -> exp.Select:
        """id, grade index and letter."""
        x = self.x
        graded = self.grading_select(profile).subquery(SCORES, copy=False)
        index = exp.column(GRADE_INDEX, table=SCORES, quoted=True)
        letter = exp.Case(this=index)
        for i, grade in enumerate(ast.GRADES):
            letter = letter.when(exp.Literal.number(i), x.param(grade), copy=False)
        return exp.select(exp.column(LEAD_KEY, table=SCORES, quoted=True), index,
                          exp.alias_(letter, "grade", quoted=True, copy=False),
                          copy=False).from_(graded, copy=False)

    # -- tiers and funnels ---------------------------------------------------------
    def tiers(self, cases: Sequence[TierCase]) -> exp.Select:
        """id, tier (NULL when excluded or unmatched) and reason: the first case
        of the decision list that holds, tried in order as the evaluator does."""
        x = self.x
        choice = exp.Case()
        for i, case in enumerate(cases):
            if case.condition is None:
                choice = choice.else_(exp.Literal.number(i), copy=False)
                break
            choice = choice.when(x.expr(case.condition), exp.Literal.number(i), copy=False)
        chosen = (exp.select(x.column(LEAD_ALIAS, LEAD_KEY),
                             exp.alias_(choice, "choice", quoted=True, copy=False), copy=False)
                  .from_(x.table(LEAD, LEAD_ALIAS), copy=False).where(x.alive(), copy=False)
                  .subquery(SCORES, copy=False))
        index = exp.column("choice", table=SCORES, quoted=True)
        columns: list[Node] = [exp.column(LEAD_KEY, table=SCORES, quoted=True)]
        slots: tuple[tuple[Literal["tier", "reason"], list[str | None]], ...] = (
            ("tier", [c.tier for c in cases]), ("reason", [c.reason for c in cases]))
        for name, outcomes in slots:
            out = exp.Case(this=index)
            for i, outcome in enumerate(outcomes):
                if outcome is not None:
                    out = out.when(exp.Literal.number(i), x.param(outcome), copy=False)
            value: Node = out if out.args.get("ifs") else exp.null()
            columns.append(exp.alias_(value, name, quoted=True, copy=False))
        return exp.select(*columns, copy=False).from_(chosen, copy=False)

    def depths(self, decl: ast.Funnel) -> exp.Select:
        """id and depth, one ``CASE`` tried from the last stage down, as the
        evaluator does (the engine stops at the first that holds)."""
        x = self.x
        depth = exp.Case()
        for k in range(len(decl.stages) - 1, -1, -1):
            condition = decl.stages[k].condition
            if condition is None:  # `all`
                depth = depth.else_(exp.Literal.number(k), copy=False)
                break
            depth = depth.when(x.expr(condition), exp.Literal.number(k), copy=False)
        else:
            depth = depth.else_(exp.Literal.number(-1), copy=False)
        value: Node = depth if depth.args.get("ifs") else depth.args["default"]
        query = (exp.select(x.column(LEAD_ALIAS, LEAD_KEY),
                            exp.alias_(value, DEPTH, quoted=True, copy=False), copy=False)
                 .from_(x.table(LEAD, LEAD_ALIAS), copy=False).where(x.alive(), copy=False))
        if x.dialect in _CODE_POINT_ORDER:
            # Ids in Python's order, so the report's sort is one linear pass.
            query = query.order_by(x.column(LEAD_ALIAS, LEAD_KEY), copy=False)
        return query

    def alive_ids(self) -> exp.Select:
        """The ids of the leads that exist as of as_of."""
        x = self.x
        return (exp.select(x.column(LEAD_ALIAS, LEAD_KEY), copy=False)
                .from_(x.table(LEAD, LEAD_ALIAS), copy=False)
                .where(x.alive(), copy=False))

    def stage_events(self, source: FunnelSource, value: tuple[str, str] | None = None
                     ) -> exp.Select | None:
        """The events of one source an ordered funnel reads: ``lead_id``, time in
        µs, ``seq``, the masks of the steps and exclusions selecting each, and
        the field ``value`` names (NULL on other sources); only the selected
        events unless ``source.every_event``."""
        x = self.x
        if x.layout.table(source.name) is None:
            return None
        alias = EVENT_ALIAS
        at = x.column(alias, EVENT_TIME)
        where: list[Node] = [*x.given(x.column(alias, EVENT_LEAD_KEY)), x.until_as_of(alias)]
        selects: list[Node] = []
        masks: list[Node] = []
        for bits in (source.steps, source.exclusions):
            terms: list[Node] = []
            for k, block in bits:
                bit = exp.Literal.number(1 << k)
                if block.conditions is None:
                    terms.append(bit)
                    selects.append(exp.true())
                    continue
                with x.root():
                    held = x.conditions(block.conditions, block.mode, source.name, alias)
                terms.append(when(held, bit, exp.Literal.number(0)))
                selects.append(held.copy())
            mask: Node = terms[0] if terms else exp.Literal.number(0)
            for term in terms[1:]:
                mask = exp.Add(this=mask, expression=term)
            masks.append(mask)
        if not source.every_event and selects:
            where.append(paren(join(False, selects)))
        picked: Node = exp.null()
        if value is not None and value[0] == source.name and x.layout.has(*value):
            picked = x.column(alias, value[1])
        columns = [x.column(alias, EVENT_LEAD_KEY), self._epoch_micros(at),
                   x.column(alias, SEQ), *masks, picked]
        return (exp.select(*columns, copy=False)
                .from_(x.table(source.name, alias, seq=True), copy=False)
                .where(join(True, where), copy=False))

    def _epoch_micros(self, when: Node) -> Node:
        """Integer microseconds since 1970, exactly (the chain search compares them;
        :meth:`_epoch` divides them).  Each engine's own exact function: seconds
        functions (Spark's ``UNIX_TIMESTAMP``, Snowflake's ``epoch_second``) drop the
        microseconds."""
        x = self.x
        if x.layout.datetime_as_micros:
            return when
        match x.dialect:
            case "duckdb":
                return exp.Anonymous(this="EPOCH_US", expressions=[when])
            case "bigquery" | "spark":
                return exp.Anonymous(this="UNIX_MICROS", expressions=[when])
            case "snowflake":
                return exp.Anonymous(this="DATE_PART",
                                     expressions=[exp.var("epoch_microsecond"), when])
            case "trino":
                # to_unixtime is a double within an ulp of the exact seconds (well
                # under half a microsecond until year 2255): rounded, the exact µs.
                seconds: Node = exp.Anonymous(this="TO_UNIXTIME", expressions=[when])
            case _:
                # EXTRACT(EPOCH …) is an exact numeric in PostgreSQL (6 decimals).
                seconds = exp.Extract(this=exp.var("EPOCH"), expression=when)
                return exp.cast(exp.Mul(this=seconds,
                                        expression=exp.Literal.number(1_000_000)), "BIGINT")
        micros = exp.Mul(this=seconds, expression=exp.Literal.number(1_000_000))
        return exp.cast(exp.Round(this=micros), "BIGINT")
