"""Checked program -> SQL, built as sqlglot trees: segments, scoring models,
grading profiles, tiers and funnel stages.

The query, for a segment ``s`` that references ``r``::

    WITH "seg_1" AS (SELECT l.id FROM lead AS l WHERE <alive> AND <r>)
    SELECT l.id FROM lead AS l WHERE <alive> AND <s>

Each referenced declaration -- a segment, or a scoring model / grading
profile that ``score m …`` / ``grade g …`` test -- is one CTE (``seg_i``,
``score_i`` with ``id`` and ``total``, ``grade_i`` with ``id`` and
``grade_index``), compiled once however often it is used; ``<alive>`` drops
leads created after ``as_of``.  Semantics are those of
:mod:`leadrules.compile_python`, closed over SQL's three-valued logic:

* a positive test under an odd number of ``NOT`` is guarded, ``x IS NOT NULL
  AND <test>``, so it is FALSE (never NULL) on a missing value and ``NOT`` is
  exactly Python's ``not``; elsewhere NULL reaches a WHERE / HAVING / CASE
  WHEN that reads it as FALSE (see ``_negated``);
* text compares ``COALESCE(x__lower, x)`` (Python's ``str.lower()``, stored at
  import, see :mod:`.layout`) with a parameter lower-cased in Python;
* every date bound comes from :class:`~leadrules.dates.TimeContext` as a bind
  parameter, so bare dates, calendar months and time zones are computed once,
  in Python, exactly as the evaluator computes them;
* an event block selects ``source e WHERE e.occurred_at <= as_of AND
  <conditions>`` and tests its quantifiers ``Q`` on the selected events per
  lead.  Whether ``Q`` holds for a lead with *no* selected events is decided
  here, in Python, with the evaluator's own code; then the block is
  ``lead IN (groups where Q)`` when it does not, and ``NOT (lead IN (groups
  where NOT Q))`` when it does (``count < 3``, ``sum x = 0``, ``none``): the
  grouped query only ever sees leads that have events.

Scoring: one pass per event source -- a grouped subquery LEFT JOINed to the
leads with one conditional aggregate per rule (``COUNT(CASE WHEN <braces>
THEN 1 END)``, ``SUM(CASE WHEN … THEN points * POWER(0.5, (as_of_s -
epoch(occurred_at)) / half_life_s) END)``, or the latest ``occurred_at`` for a
decayed ``once``), ``CASE`` for ``once`` rules, caps as ``CASE``, the total
added in rule order.  Grading: start plus ``CASE`` notches,
clamped.  Tiers: one ``CASE`` in the evaluator's order.  Funnels: each lead's
depth, one ``CASE`` from the last stage down.

Every value of the rules is a bind parameter (``SqlQuery.params``);
:meth:`SqlQuery.render` can instead inline them as literals through the
sqlglot tree, for printing warehouse SQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs
from sqlglot import exp

if TYPE_CHECKING:
    # sqlglot's base node class (named Expr since sqlglot 30).
    from sqlglot.expressions import Expr as Node

from .. import ast, runtime
from ..check import Program
from ..dates import TimeContext
from ..errors import StoreError, UsageError
from ..explain import Explainer
from ..schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD, LEAD_KEY, FieldType
from ..semantics import (
    DEFAULT_START_GRADE,
    FunnelSource,
    decay_numbers,
    expression_cost,
    funnel_sources,
    is_plain_event_block,
    negation_of,
    rule_key,
    rule_mode,
    segment_expression,
    using_map,
)
from . import regex
from .dialects import DIALECTS
from .layout import SEQ, Layout, lower_column, to_micros

Shape = Literal["semijoin", "correlated", "hybrid"]
SHAPES: tuple[Shape, ...] = ("semijoin", "correlated", "hybrid")
"""How an event block is tested (``docs/stores.md``, "Query shapes")."""

T, N, B, D, L = (FieldType.TEXT, FieldType.NUMBER, FieldType.BOOL, FieldType.DATETIME,
                 FieldType.TEXT_LIST)
_LEAD_ALIAS = "l"
_EVENT_ALIAS = "e"
_CREATED = "created_at"
_SCORES = "s"
TOTAL = "total"
GRADE_INDEX = "grade_index"
DEPTH = "depth"
_MICROS = 1_000_000.0
_D = TypeVar("_D")
Ref = tuple[str, str]
"""A declaration a query depends on: (kind, name), kind segment / scoring / grading."""
_CTE_PREFIX = {"segment": "seg", "scoring": "score", "grading": "grade"}
# Engines whose text order is Python's (code points) whatever the database:
# SQLite's BINARY collation and DuckDB's default.  PostgreSQL's follows the
# database's collation.
_CODE_POINT_ORDER = frozenset({"sqlite", "duckdb"})


class NotInSql(StoreError):
    """A construct the SQL compiler does not handle (yet); stores evaluate in memory."""


@attrs.frozen
class SqlQuery:
    """A compiled segment: the sqlglot tree with named placeholders and their values."""

    tree: Node
    params: Mapping[str, Any]
    dialect: str
    datetime_as_micros: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        """The names of the result's columns, in order."""
        assert isinstance(self.tree, exp.Query)
        return tuple(self.tree.named_selects)

    def render(self, *, literals: bool = False, pretty: bool = False) -> str:
        """The SQL text: with the dialect's placeholders, or (``literals=True``)
        with every value inlined as a literal node of the tree."""
        tree = self.tree
        if literals:
            tree = tree.transform(self._literal)
        return tree.sql(dialect=self.dialect, pretty=pretty)

    def _literal(self, node: Node) -> Node:
        if not isinstance(node, exp.Placeholder):
            return node
        value = self.params[node.name]
        if isinstance(value, dt.datetime):
            return exp.cast(exp.Literal.string(value.isoformat(sep=" ")), "TIMESTAMPTZ")
        return exp.convert(value)


@attrs.define
class _Pass:
    """The pass of a scoring model over one source: the rules' conditional
    aggregates and what each selects (None: every event)."""

    alias: str
    aggregates: list[Node] = attrs.Factory(list)
    selections: list[Node | None] = attrs.Factory(list)


@attrs.frozen
class _Ref:
    """A value to test: the expression, and its lower-cased form for text and lists."""

    value: Node
    lowered: Node | None = None
    # False for values SQL can never give as NULL (counts, sums, required
    # columns): their tests need no guard.
    nullable: bool = True


def compile_segment(program: Program, name: str, layout: Layout, dialect: str,
                    tc: TimeContext, *, shape: Shape = "semijoin") -> SqlQuery:
    """The query selecting the ids of segment ``name`` as of ``tc``."""
    _check_dialect(dialect)
    _found(program.segment(name), "segment", name)
    return SegmentSqlCompiler(program, layout, dialect, tc, shape).select(name)


def compile_scoring(program: Program, name: str, layout: Layout, dialect: str,
                    tc: TimeContext, *, shape: Shape = "semijoin") -> SqlQuery:
    """Per lead: ``id``, each rule's points (columns named by rule key, caps applied)
    and ``total`` of scoring model ``name`` -- all computed in SQL."""
    _check_dialect(dialect)
    model = _found(program.scoring(name), "scoring model", name)
    return SegmentSqlCompiler(program, layout, dialect, tc, shape).scoring(model)


def compile_score_rows(program: Program, name: str, layout: Layout, dialect: str,
                       tc: TimeContext, *, shape: Shape = "semijoin") -> ScoreRowsQuery:
    """The query behind ``score_rows``: per lead and rule, the aggregates the
    points are made of, finished in Python by :meth:`ScoreRowsQuery.finish`."""
    _check_dialect(dialect)
    model = _found(program.scoring(name), "scoring model", name)
    return SegmentSqlCompiler(program, layout, dialect, tc, shape).score_rows(model)


def compile_grading(program: Program, name: str, layout: Layout, dialect: str,
                    tc: TimeContext, *, shape: Shape = "semijoin") -> SqlQuery:
    """Per lead: ``id``, ``grade_index`` (0 = F … 12 = A+) and ``grade`` (the letter)."""
    _check_dialect(dialect)
    profile = _found(program.grading(name), "grading profile", name)
    return SegmentSqlCompiler(program, layout, dialect, tc, shape).grading(profile)


def compile_tiers(program: Program, name: str, layout: Layout, dialect: str,
                  tc: TimeContext, *, shape: Shape = "semijoin") -> SqlQuery:
    """Per lead: ``id``, ``tier`` (NULL when excluded or unmatched) and ``reason``."""
    _check_dialect(dialect)
    decl = _found(program.tiers_named(name), "tiers", name)
    return SegmentSqlCompiler(program, layout, dialect, tc, shape).tiers(decl)


def compile_depths(program: Program, name: str, layout: Layout, dialect: str,
                   tc: TimeContext, *, shape: Shape = "semijoin") -> SqlQuery:
    """Per lead: ``id`` and ``depth``, the index of the last stage of funnel
    ``name`` whose condition the lead satisfies (0 = the first), -1 for none."""
    _check_dialect(dialect)
    decl = _found(program.funnel(name), "funnel", name)
    if decl.ordered_within is not None:
        # A lead's depth in an ordered funnel depends on the order of its events
        # (a chain anchored at each first-stage event, inside a calendar window):
        # searched in Python over the events each source gives (compile_stage_events).
        raise NotInSql(f"ordered funnel '{name}' is evaluated in memory")
    return SegmentSqlCompiler(program, layout, dialect, tc, shape).depths(decl)


def compile_stage_events(program: Program, name: str, layout: Layout, dialect: str,
                         tc: TimeContext, *, value: tuple[str, str] | None = None
                         ) -> tuple[SqlQuery, list[tuple[FunnelSource, SqlQuery | None]]]:
    """For ordered funnel ``name``: the ids of the leads existing as of ``tc``, and
    per source it reads (:func:`leadrules.semantics.funnel_sources`) the events
    that matter, up to as_of: ``(lead_id, time µs, seq, step mask, exclusion
    mask, value)`` — bit k of the step mask set when step k selects the event,
    ``value`` the field ``value = (source, field)`` or NULL (None: a source the
    store lacks).  The chains are searched in Python (:mod:`leadrules.chains`)
    on exactly what the evaluator sees: one query per source, not per lead."""
    _check_dialect(dialect)
    decl = program.funnel(name)
    if decl is None or decl.ordered_within is None:
        raise UsageError(f"no ordered funnel named '{name}'")
    compiler = SegmentSqlCompiler(program, layout, dialect, tc)
    return compiler.alive_ids(), [(source, compiler.stage_events(source, value))
                                  for source in funnel_sources(decl)]


def _found(decl: _D | None, kind: str, name: str) -> _D:
    """``decl``, the declaration named ``name``; a usage error if there is none."""
    if decl is None:
        raise UsageError(f"no {kind} named '{name}'")
    return decl


def _check_dialect(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise UsageError(f"unknown SQL dialect '{dialect}' (one of {', '.join(DIALECTS)})")


class SegmentSqlCompiler:
    """Compiles the declarations of one program for one store layout, dialect and as_of.

    Segments, scoring models and grading profiles that a query depends on
    (``segment s``, ``score m >= 10``, ``grade g >= B``) become one CTE each,
    compiled once however often they are used, in the program's dependency order.
    """

    def __init__(self, program: Program, layout: Layout, dialect: str, tc: TimeContext,
                 shape: Shape = "semijoin") -> None:
        self.program = program
        self.layout = layout
        self.dialect = dialect
        self.tc = tc
        self.shape = shape
        self.params: dict[str, Any] = {}
        self._param_names: dict[tuple[type, Any], str] = {}
        self._ctes: dict[Ref, str] = {}
        # Inside tiers, `score` / `grade` without a name mean the `using` models.
        self.using: dict[str, str] = {}
        # The evaluator's own code decides constant cases (the empty event set).
        self._static = Explainer(program, tc)
        # Whether the node being built is under an odd number of NOTs up to its
        # root (a WHERE, HAVING or CASE WHEN, where NULL acts as FALSE).
        self._odd = False

    # -- NULL where it means FALSE ---------------------------------------------------
    # A positive test is NULL on a missing value.  Up to a root that reads NULL
    # as FALSE, AND and OR are monotone in Kleene's logic and NOT reverses, so a
    # test under an even number of NOTs may give NULL for FALSE unchanged: the
    # root's answer is the same.  Only under an odd number is the guard
    # ``x IS NOT NULL AND …`` needed (then NOT NULL would be NULL, not TRUE).
    @contextlib.contextmanager
    def _negated(self) -> Iterator[None]:
        self._odd = not self._odd
        try:
            yield
        finally:
            self._odd = not self._odd

    @contextlib.contextmanager
    def _root(self) -> Iterator[None]:
        """A subquery's WHERE / HAVING: a root of its own, whatever is around it."""
        saved, self._odd = self._odd, False
        try:
            yield
        finally:
            self._odd = saved

    # -- the queries ---------------------------------------------------------
    def select(self, name: str) -> SqlQuery:
        """Segment ``name``: the ids of its leads."""
        target = self.program.segment(name)
        assert target is not None
        return self._query(_declaration_exprs(target), lambda: self._segment_select(target))

    def scoring(self, model: ast.Scoring) -> SqlQuery:
        """Scoring model ``model``: id, each rule's points and the total."""
        return self._query(_declaration_exprs(model), lambda: self._scoring_select(model))

    def score_rows(self, model: ast.Scoring) -> ScoreRowsQuery:
        """What :meth:`ScoreRowsQuery.finish` turns into the in-memory evaluator's rows."""
        kinds: list[str] = []

        def build() -> exp.Select:
            inner, details = self._scoring_inner(model, detail=True)
            kinds.extend(details)
            return inner

        query = self._query(_declaration_exprs(model), build)
        return ScoreRowsQuery(query, model, tuple(kinds), self.tc)

    def grading(self, profile: ast.Grading) -> SqlQuery:
        """Grading profile ``profile``: id, grade index and letter."""
        def build() -> exp.Select:
            graded = self._grading_select(profile).subquery(_SCORES, copy=False)
            index = exp.column(GRADE_INDEX, table=_SCORES, quoted=True)
            letter = exp.Case(this=index)
            for i, grade in enumerate(ast.GRADES):
                letter = letter.when(exp.Literal.number(i), self.param(grade))
            return exp.select(exp.column(LEAD_KEY, table=_SCORES, quoted=True), index,
                              exp.alias_(letter, "grade", quoted=True)).from_(graded)

        return self._query(_declaration_exprs(profile), build)

    def tiers(self, decl: ast.Tiers) -> SqlQuery:
        """Tiers ``decl``: id, tier (NULL when excluded or unmatched) and reason.

        As :meth:`ProgramCompiler.tiers` does, each alternative of an ``or`` in
        ``exclude`` is its own case, so the reason names the one that held.
        """
        from ..format import format_expr
        self.using = using_map(self.program.scoring, decl)
        cases: list[tuple[ast.Expr | None, str | None, str | None]] = []
        for tier in decl.tiers:
            if tier.name == "exclude" and tier.condition is not None:
                parts = (tier.condition.items if isinstance(tier.condition, ast.Or)
                         else (tier.condition,))
                cases.extend((part, None, format_expr(part)) for part in parts)
        for tier in decl.tiers:
            if tier.name == "exclude":
                continue
            cases.append((tier.condition, tier.name, None))
            if tier.condition is None:
                break
        else:
            cases.append((None, None, "no tier matched"))

        def build() -> exp.Select:
            choice = exp.Case()
            for i, (condition, _, _) in enumerate(cases):
                if condition is None:
                    choice = choice.else_(exp.Literal.number(i))
                    break
                choice = choice.when(self.expr(condition), exp.Literal.number(i))
            chosen = (exp.select(self._column(_LEAD_ALIAS, LEAD_KEY),
                                 exp.alias_(choice, "choice", quoted=True))
                      .from_(self._table(LEAD, _LEAD_ALIAS)).where(self._alive())
                      .subquery(_SCORES, copy=False))
            index = exp.column("choice", table=_SCORES, quoted=True)
            columns: list[Node] = [exp.column(LEAD_KEY, table=_SCORES, quoted=True)]
            for slot, name in ((1, "tier"), (2, "reason")):
                case = exp.Case(this=index)
                for i, outcome in enumerate(cases):
                    if outcome[slot] is not None:
                        case = case.when(exp.Literal.number(i), self.param(outcome[slot]))
                value: Node = case if case.args.get("ifs") else exp.null()
                columns.append(exp.alias_(value, name, quoted=True))
            return exp.select(*columns).from_(chosen)

        return self._query([c for c, _, _ in cases if c is not None], build)

    def depths(self, decl: ast.Funnel) -> SqlQuery:
        """Funnel ``decl``: id and depth, one ``CASE`` tried from the last stage
        down, as the evaluator does (the engine stops at the first that holds)."""
        def build() -> exp.Select:
            depth = exp.Case()
            for k in range(len(decl.stages) - 1, -1, -1):
                condition = decl.stages[k].condition
                if condition is None:  # `all`
                    depth = depth.else_(exp.Literal.number(k))
                    break
                depth = depth.when(self.expr(condition), exp.Literal.number(k))
            else:
                depth = depth.else_(exp.Literal.number(-1))
            value: Node = depth if depth.args.get("ifs") else depth.args["default"]
            query = (exp.select(self._column(_LEAD_ALIAS, LEAD_KEY),
                                exp.alias_(value, DEPTH, quoted=True))
                     .from_(self._table(LEAD, _LEAD_ALIAS)).where(self._alive()))
            if self.dialect in _CODE_POINT_ORDER:
                # Ids in Python's order, so the report's sort is one linear pass.
                query = query.order_by(self._column(_LEAD_ALIAS, LEAD_KEY))
            return query

        return self._query([s.condition for s in decl.stages if s.condition is not None],
                           build)

    def alive_ids(self) -> SqlQuery:
        """The ids of the leads that exist as of as_of."""
        return self._query([], lambda: exp.select(self._column(_LEAD_ALIAS, LEAD_KEY))
                           .from_(self._table(LEAD, _LEAD_ALIAS)).where(self._alive()))

    def stage_events(self, source: FunnelSource, value: tuple[str, str] | None = None
                     ) -> SqlQuery | None:
        """The events of one source an ordered funnel reads: ``lead_id``, time in
        µs, ``seq``, the masks of the steps and exclusions selecting each, and
        the field ``value`` names (NULL on other sources); only the selected
        events unless ``source.every_event``."""
        if self.layout.table(source.name) is None:
            return None
        alias = _EVENT_ALIAS
        when = self._column(alias, EVENT_TIME)
        where: list[Node] = [exp.LTE(this=when, expression=self.param(self.tc.as_of))]
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
                with self._root():
                    held = self.conditions(block.conditions, block.mode, source.name, alias)
                terms.append(_when(held, bit, exp.Literal.number(0)))
                selects.append(held.copy())
            mask: Node = terms[0] if terms else exp.Literal.number(0)
            for term in terms[1:]:
                mask = exp.Add(this=mask, expression=term)
            masks.append(mask)
        if not source.every_event and selects:
            where.append(_paren(_join(False, selects)))
        picked: Node = exp.null()
        if value is not None and value[0] == source.name and self.layout.has(*value):
            picked = self._column(alias, value[1])
        columns = [self._column(alias, EVENT_LEAD_KEY), self._epoch_micros(when),
                   self._column(alias, SEQ), *masks, picked]
        return self._query([], lambda: exp.select(*columns)
                           .from_(self._table(source.name, alias))
                           .where(_join(True, where), copy=False))

    def _epoch_micros(self, when: Node) -> Node:
        """Integer microseconds since 1970, exactly (the chain search compares them)."""
        if self.layout.datetime_as_micros:
            return when
        if self.dialect == "duckdb":
            return exp.Anonymous(this="EPOCH_US", expressions=[when])
        if self.dialect == "bigquery":
            return exp.Anonymous(this="UNIX_MICROS", expressions=[when])
        # EXTRACT(EPOCH …) is an exact numeric in PostgreSQL (6 decimals).
        seconds = exp.Extract(this=exp.var("EPOCH"), expression=when)
        return exp.cast(exp.Mul(this=seconds, expression=exp.Literal.number(1_000_000)),
                        "BIGINT")

    def _query(self, exprs: Iterable[ast.Expr], build: Callable[[], exp.Select]) -> SqlQuery:
        """``build()``'s select, with one CTE per declaration ``exprs`` depend on."""
        needed = _needed(self.program, exprs, self.using)
        ctes: list[tuple[str, exp.Select]] = []
        for ref in self.program.order:
            if ref not in needed:
                continue
            cte = f"{_CTE_PREFIX[ref[0]]}_{self._index(ref)}"
            ctes.append((cte, self._declaration_select(ref)))
            self._ctes[ref] = cte
        query = build()
        for cte, body in ctes:
            query = query.with_(cte, as_=body, copy=False)
        # Only the parameters the tree uses: drivers refuse extra ones.
        used = {node.name for node in query.find_all(exp.Placeholder)}
        params = {k: v for k, v in self.params.items() if k in used}
        return SqlQuery(query, params, self.dialect, self.layout.datetime_as_micros)

    def _index(self, ref: Ref) -> int:
        kind, name = ref
        group: Sequence[Any] = {"segment": self.program.segments,
                                "scoring": self.program.scorings,
                                "grading": self.program.gradings}[kind]
        return next(i for i, d in enumerate(group) if d.name == name)

    def _declaration_select(self, ref: Ref) -> exp.Select:
        kind, name = ref
        if kind == "segment":
            seg = self.program.segment(name)
            assert seg is not None
            return self._segment_select(seg)
        if kind == "scoring":
            model = self.program.scoring(name)
            assert model is not None
            return self._scoring_select(model)
        profile = self.program.grading(name)
        assert profile is not None
        return self._grading_select(profile)

    def _segment_select(self, seg: ast.Segment) -> exp.Select:
        where = exp.and_(self._alive(), _paren(self.expr(segment_expression(seg))), copy=False)
        return (exp.select(self._column(_LEAD_ALIAS, LEAD_KEY))
                .from_(self._table(LEAD, _LEAD_ALIAS)).where(where, copy=False))

    def _alive(self) -> Node:
        """A lead created after as_of does not exist (see ``api.exists_as_of``)."""
        lead = self.program.schema.lead.field(_CREATED)
        if lead is None or lead.type != D or not self.layout.has(LEAD, _CREATED):
            return exp.true()
        created = self._column(_LEAD_ALIAS, _CREATED)
        return _paren(exp.or_(exp.Is(this=created, expression=exp.null()),
                              exp.LTE(this=created, expression=self.param(self.tc.as_of))))

    # -- scoring and grading -----------------------------------------------------
    def _scoring_select(self, model: ast.Scoring) -> exp.Select:
        """id, each rule's points (caps applied) and the total, in rule order as
        the evaluator adds them."""
        inner, _ = self._scoring_inner(model, detail=False)
        columns: list[Node] = [exp.column(LEAD_KEY, table=_SCORES, quoted=True)]
        capped = []
        for j, rule in enumerate(model.rules):
            value = self._capped(rule, exp.column(f"raw_{j}", table=_SCORES, quoted=True))
            capped.append(value)
            columns.append(exp.alias_(value, rule_key(rule, j), quoted=True))
        # Added left to right, as the evaluator adds them (floats are not associative).
        total: Node = _paren(capped[0]) if capped else exp.Literal.number(0)
        for value in capped[1:]:
            total = exp.Add(this=total, expression=_paren(value))
        columns.append(exp.alias_(total, TOTAL, quoted=True))
        return exp.select(*columns).from_(inner.subquery(_SCORES, copy=False))

    def _capped(self, rule: ast.ScoreRule, value: Node) -> Node:
        """``max`` then ``min``, as the evaluator applies them."""
        if rule.max_total is not None:
            cap = self.param(rule.max_total)
            value = exp.Case().when(exp.GT(this=value, expression=cap), cap).else_(value)
        if rule.min_total is not None:
            cap = self.param(rule.min_total)
            value = exp.Case().when(exp.LT(this=value, expression=cap), cap).else_(value)
        return value

    def _scoring_inner(self, model: ast.Scoring, *, detail: bool
                       ) -> tuple[exp.Select, list[str]]:
        """Per alive lead: ``raw_j``, rule j's points before caps (``detail=False``),
        or the aggregates they are made of (``detail=True``, see
        :class:`ScoreRowsQuery`).

        The event rules read their events in one pass per source: one grouped
        subquery per source with a conditional aggregate per rule
        (``COUNT(CASE WHEN <braces> THEN 1 END)``, ``SUM(CASE WHEN … THEN
        points * decay END)``, ``MAX(CASE WHEN … THEN occurred_at END)``),
        LEFT JOINed to the leads -- the query a developer writes by hand.
        """
        columns: list[Node] = [self._column(_LEAD_ALIAS, LEAD_KEY)]
        passes: dict[str, _Pass] = {}
        kinds: list[str] = []
        for j, rule in enumerate(model.rules):
            kind, raw, parts = self._rule(model, rule, j, passes)
            kinds.append(kind)
            if detail:
                columns.extend(exp.alias_(part, f"d{j}_{k}", quoted=True)
                               for k, part in enumerate(parts))
            else:
                columns.append(exp.alias_(raw, f"raw_{j}", quoted=True))
        query = exp.select(*columns).from_(self._table(LEAD, _LEAD_ALIAS))
        for source, one in passes.items():
            on = exp.EQ(this=exp.column(EVENT_LEAD_KEY, table=one.alias, quoted=True),
                        expression=self._column(_LEAD_ALIAS, LEAD_KEY))
            query = query.join(self._pass_select(model, source, one).subquery(
                one.alias, copy=False), on=on, join_type="left", copy=False)
        return query.where(self._alive(), copy=False), kinds

    def _rule(self, model: ast.Scoring, rule: ast.ScoreRule, j: int,
              passes: dict[str, _Pass]) -> tuple[str, Node, list[Node]]:
        """One rule: its kind, its points before caps, and its detail columns.

        Kinds (what :meth:`ScoreRowsQuery.finish` expects): ``per`` (count),
        ``per decay`` (the decayed sum, NULL without a selected event), ``once``
        (held 0/1) and ``once decay`` (held, the latest selected event's
        ``occurred_at`` in epoch seconds, as ``datetime.timestamp()`` gives it).
        """
        points = self.param(rule.points)
        zero = exp.Literal.number(0)
        cond = rule.condition
        decayed = model.decay is not None and isinstance(cond, ast.EventBlock)
        if not isinstance(cond, ast.EventBlock):
            held = self.expr(cond)
            return "once", _when(held, points, zero), [_flag(held)]
        present = self.layout.table(cond.source) is not None
        plain = is_plain_event_block(cond)
        if rule_mode(rule) == "per event":
            if not present:  # no stored events of this source: nothing scores
                return ("per decay", zero, [exp.null()]) if decayed else ("per", zero, [zero])
            if not decayed:
                count = exp.Coalesce(this=self._aggregate(passes, cond, j, "n"),
                                     expressions=[zero])
                return "per", exp.Mul(this=points, expression=count), [count]
            weight = exp.Mul(this=points, expression=self._decay(
                model, self._column(_EVENT_ALIAS, EVENT_TIME)))
            # NULL when no event is selected (the evaluator's sum is then int 0).
            total = self._aggregate(passes, cond, j, "v", weight)
            return "per decay", exp.Coalesce(this=total, expressions=[zero]), [total]
        if not present:
            held = self.event_block(cond, self._window(model))
            return (("once decay", _when(held, points, zero), [_flag(held), exp.null()])
                    if decayed else ("once", _when(held, points, zero), [_flag(held)]))
        if not decayed:
            if plain:  # `exists`: the lead has a selected event in the pass
                count = exp.Coalesce(this=self._aggregate(passes, cond, j, "n"),
                                     expressions=[zero])
                held = exp.GT(this=count, expression=zero)
            else:
                held = self.event_block(cond, self._window(model))
            return "once", _when(held, points, zero), [_flag(held)]
        when = self._aggregate(passes, cond, j, "t")
        held = (exp.Not(this=exp.Is(this=when, expression=exp.null())) if plain
                else self.event_block(cond, self._window(model)))
        # No selected event (a block that holds on none): the points, undecayed.
        factor = exp.Coalesce(this=self._decay(model, when), expressions=[exp.Literal.number(1)])
        return ("once decay", _when(held, exp.Mul(this=points, expression=factor), zero),
                [_flag(held), self._epoch(when)])

    def _aggregate(self, passes: dict[str, _Pass], block: ast.EventBlock, j: int,
                   kind: Literal["n", "v", "t"], value: Node | None = None) -> Node:
        """Rule j's aggregate over its selected events in the pass over the block's
        source: ``n`` their count, ``v`` the sum of ``value``, ``t`` the latest
        ``occurred_at``; a column of the pass, NULL for a lead without any."""
        one = passes.get(block.source)
        if one is None:
            one = passes[block.source] = _Pass(f"p{len(passes)}")
        selected = (None if block.conditions is None else
                    self.conditions(block.conditions, block.mode, block.source, _EVENT_ALIAS))
        one.selections.append(selected)
        if kind == "t":
            value = self._column(_EVENT_ALIAS, EVENT_TIME)
        elif kind == "n":
            value = exp.Literal.number(1)
        assert value is not None
        if selected is not None:
            value = exp.Case().when(selected, value)
        aggregate = {"n": exp.Count, "v": exp.Sum, "t": exp.Max}[kind](this=value)
        name = f"{kind}{j}"
        one.aggregates.append(exp.alias_(aggregate, name, quoted=True))
        return exp.column(name, table=one.alias, quoted=True)

    def _pass_select(self, model: ast.Scoring, source: str, one: _Pass) -> exp.Select:
        """The pass over ``source``: its events up to as_of (inside the model's
        window), narrowed to those some rule selects, grouped by lead."""
        where: list[Node] = [
            exp.LTE(this=self._column(_EVENT_ALIAS, EVENT_TIME),
                    expression=self.param(self.tc.as_of)), *self._window(model)]
        if all(s is not None for s in one.selections):
            where.append(_join(False, [s.copy() for s in one.selections if s is not None]))
        lead_id = self._column(_EVENT_ALIAS, EVENT_LEAD_KEY)
        return (exp.select(lead_id, *one.aggregates).from_(self._table(source, _EVENT_ALIAS))
                .where(_join(True, where), copy=False).group_by(lead_id, copy=False))

    def _window(self, model: ast.Scoring) -> list[Node]:
        if model.window is None:
            return []
        cut = self.tc.minus(model.window.amount, model.window.unit)
        return [exp.GTE(this=self._column(_EVENT_ALIAS, EVENT_TIME), expression=self.param(cut))]

    def _decay(self, model: ast.Scoring, when: Node) -> Node:
        """``0.5 ** ((as_of_seconds - epoch(when)) / half_life)``, the evaluator's
        formula, with both numbers computed in Python (:func:`decay_numbers`)."""
        numbers = decay_numbers(model, self.tc)
        assert numbers is not None
        now, half_life = numbers
        age = exp.Sub(this=self.param(now), expression=self._epoch(when))
        exponent = exp.Div(this=_paren(age), expression=self.param(half_life))
        return exp.Pow(this=self.param(0.5), expression=exponent)

    def _epoch(self, when: Node) -> Node:
        """Seconds since 1970 as a double, ``datetime.timestamp()``'s value: exact
        microseconds divided by 10**6 (one correctly rounded division)."""
        micros: Node | None = None
        if self.layout.datetime_as_micros:
            micros = when
        elif self.dialect == "duckdb":
            micros = exp.Anonymous(this="EPOCH_US", expressions=[when])
        elif self.dialect == "bigquery":
            micros = exp.Anonymous(this="UNIX_MICROS", expressions=[when])
        elif self.dialect == "postgres":
            # date_part('epoch', …) is the microseconds divided by 10**6 as a
            # double (one correctly rounded division), the value datetime.timestamp()
            # gives; EXTRACT(EPOCH …) is the same number as a slow numeric.
            return exp.Anonymous(this="DATE_PART", expressions=[exp.Literal.string("epoch"),
                                                                when])
        if micros is None:
            return exp.TimeToUnix(this=when)
        return exp.Div(this=micros, expression=self.param(_MICROS))

    def _grading_select(self, profile: ast.Grading) -> exp.Select:
        """id and the grade index (0 = F … 12 = A+): start plus each criterion's
        notches, clamped, as the evaluator counts them."""
        zero = exp.Literal.number(0)
        index: Node = self.param(ast.GRADES.index(profile.start or DEFAULT_START_GRADE))
        for c in profile.criteria:
            notches = self.param(int(c.steps * 3))
            index = exp.Add(this=index, expression=_when(self.expr(c.condition), notches, zero))
        raw = (exp.select(self._column(_LEAD_ALIAS, LEAD_KEY), exp.alias_(index, "raw",
                                                                           quoted=True))
               .from_(self._table(LEAD, _LEAD_ALIAS)).where(self._alive()))
        value = exp.column("raw", table="g", quoted=True)
        top = exp.Literal.number(len(ast.GRADES) - 1)
        clamped = (exp.Case().when(exp.LT(this=value, expression=zero), zero)
                   .when(exp.GT(this=value, expression=top), top).else_(value))
        return (exp.select(exp.column(LEAD_KEY, table="g", quoted=True),
                           exp.alias_(clamped, GRADE_INDEX, quoted=True))
                .from_(raw.subquery("g", copy=False)))

    # -- names ---------------------------------------------------------------
    def _table(self, name: str, alias: str) -> exp.Table:
        stored = self.layout.table(name)
        assert stored is not None
        namespace = self.layout.namespace
        db = exp.to_identifier(namespace, quoted=True) if namespace else None
        return exp.Table(this=exp.to_identifier(stored.name, quoted=True), db=db,
                         alias=exp.TableAlias(this=exp.to_identifier(alias)))

    @staticmethod
    def _column(alias: str, name: str) -> exp.Column:
        return exp.Column(this=exp.to_identifier(name, quoted=True),
                          table=exp.to_identifier(alias))

    def param(self, value: Any) -> exp.Placeholder:
        """A bind parameter for ``value`` (one per distinct value)."""
        if isinstance(value, dt.datetime) and self.layout.datetime_as_micros:
            value = to_micros(value)
        key = (type(value), value)
        name = self._param_names.get(key)
        if name is None:
            name = self._param_names[key] = f"p{len(self._param_names) + 1}"
            self.params[name] = value
        return exp.Placeholder(this=name)

    # -- segment-level expressions -------------------------------------------
    def expr(self, e: ast.Expr) -> Node:
        if isinstance(e, ast.SegmentRef):
            return self._in_cte(("segment", e.name))
        if isinstance(e, ast.Not):
            with self._negated():
                return _not(self.expr(e.item))
        if isinstance(e, ast.And | ast.Or):
            # Cheapest first, as the Python compiler does: engines such as SQLite
            # evaluate the operands of AND in the order written.
            items = sorted(e.items, key=expression_cost)
            return _join(isinstance(e, ast.And), [self.expr(i) for i in items])
        if isinstance(e, ast.FieldTest):
            return self.condition(e, LEAD, _LEAD_ALIAS)
        if isinstance(e, ast.LeadBlock):
            return self.conditions(e.conditions, e.mode, LEAD, _LEAD_ALIAS)
        if isinstance(e, ast.EventBlock):
            return self.event_block(e)
        if isinstance(e, ast.ScoreTest):
            model = e.model or self.using["scoring"]
            total = _Ref(exp.column(TOTAL, quoted=True), nullable=False)
            with self._root():
                test = self.test(e.test, N, total)
            return self._in_cte(("scoring", model), test)
        if isinstance(e, ast.GradeTest):
            profile = e.model or self.using["grading"]
            node = {"=": exp.EQ, "!=": exp.NEQ, "<": exp.LT, "<=": exp.LTE, ">": exp.GT,
                    ">=": exp.GTE}[e.op]
            test = node(this=exp.column(GRADE_INDEX, quoted=True),
                        expression=self.param(ast.GRADES.index(e.letter)))
            return self._in_cte(("grading", profile), test)
        raise AssertionError(e)  # pragma: no cover - labels are substituted first

    def _in_cte(self, ref: Ref, where: Node | None = None) -> Node:
        """The lead is a row of the CTE of ``ref`` (that satisfies ``where``)."""
        inner = exp.select(exp.column(LEAD_KEY, quoted=True)).from_(self._ctes[ref])
        if where is not None:
            inner = inner.where(where)
        return exp.In(this=self._column(_LEAD_ALIAS, LEAD_KEY), query=inner.subquery(copy=False))

    def condition(self, e: ast.Expr, table: str, alias: str) -> Node:
        """A condition on one record (the lead, or an event inside braces)."""
        if isinstance(e, ast.FieldTest):
            ftype = self.program.field_type(table, e.field)
            ref = self._field(table, e.field, ftype, alias)
            if ref is None:  # a field the store lacks: every value is missing
                return _bool(self._holds(e.test, ftype, None))
            return self.test(e.test, ftype, ref)
        if isinstance(e, ast.Not):
            with self._negated():
                return _not(self.condition(e.item, table, alias))
        if isinstance(e, ast.And | ast.Or):
            return _join(isinstance(e, ast.And), [self.condition(i, table, alias)
                                                  for i in e.items])
        raise AssertionError(e)  # pragma: no cover

    def conditions(self, conds: Sequence[ast.Expr], mode: str, table: str,
                   alias: str) -> Node:
        if not conds:
            return _bool(mode == "all")
        return _join(mode == "all", [self.condition(c, table, alias) for c in conds])

    def _field(self, table: str, name: str, ftype: FieldType, alias: str) -> _Ref | None:
        if not self.layout.has(table, name):
            return None
        value = self._column(alias, name)
        required = name == LEAD_KEY if table == LEAD else name in (EVENT_LEAD_KEY, EVENT_TIME)
        if ftype == T:
            lowered: Node = exp.Coalesce(
                this=self._column(alias, lower_column(name)), expressions=[value])
            return _Ref(value, lowered, not required)
        if ftype == L:
            return _Ref(value, self._column(alias, lower_column(name)))
        return _Ref(value, nullable=not required)

    # -- event blocks ----------------------------------------------------------
    def event_block(self, e: ast.EventBlock, extra: Sequence[Node] = ()) -> Node:
        """The block as a test on the lead; ``extra`` narrows the selected events
        further (a scoring model's window)."""
        if self.layout.table(e.source) is None:  # no stored events of this source
            return _bool(e.per is None and self._holds_on_empty(e))
        with self._root():
            return self._event_block(e, extra)

    def _event_block(self, e: ast.EventBlock, extra: Sequence[Node]) -> Node:
        where: list[Node] = [
            exp.LTE(this=self._column(_EVENT_ALIAS, EVENT_TIME),
                    expression=self.param(self.tc.as_of)), *extra]
        if e.conditions is not None:
            where.append(self.conditions(e.conditions, e.mode, e.source, _EVENT_ALIAS))
        qs = e.quantifiers
        if e.per is None and all(isinstance(q, ast.AnyEvent) for q in qs):
            return self._leads_with(e.source, where)
        if e.per is None and all(isinstance(q, ast.NoEvent) for q in qs):
            return _not(self._leads_with(e.source, where))
        empty_holds = e.per is None and self._holds_on_empty(e)
        if empty_holds:  # the groups where the quantifiers do NOT hold
            with self._negated():
                held = _join(True, [self.quantifier(q, e.source) for q in qs])
            return _not(self._leads_with(e.source, where, _not(held)))
        held = _join(True, [self.quantifier(q, e.source) for q in qs])
        if e.per is not None:
            ptype = self.program.field_type(e.source, e.per)
            per = self._field(e.source, e.per, ptype, _EVENT_ALIAS)
            if per is None:  # every key missing: no group at all
                return exp.false()
            where.append(exp.Not(this=exp.Is(this=per.value, expression=exp.null())))
            return self._leads_with(e.source, where, held, per.value)
        return self._leads_with(e.source, where, held)

    def _leads_with(self, source: str, where: list[Node],
                    having: Node | None = None,
                    group: Node | None = None) -> Node:
        """Whether the lead has selected events (``having``: a group of them) for which
        ``having`` holds; uncorrelated ``IN`` or correlated ``EXISTS`` by shape
        (docs/stores.md has the measurements behind each engine's choice)."""
        lead_id = self._column(_EVENT_ALIAS, EVENT_LEAD_KEY)
        # hybrid: a correlated probe for plain exists / none, IN for grouped tests.
        correlated = self.shape == "correlated" or (self.shape == "hybrid" and having is None)
        if correlated:
            where = [exp.EQ(this=lead_id, expression=self._column(_LEAD_ALIAS, LEAD_KEY)),
                     *where]
        inner = (exp.select(exp.Literal.number(1) if correlated else lead_id)
                 .from_(self._table(source, _EVENT_ALIAS))
                 .where(_join(True, where), copy=False))
        if having is not None:
            keys = [lead_id] if group is None else [lead_id, group]
            inner = inner.group_by(*keys).having(having, copy=False)
        if correlated:
            return exp.Exists(this=inner)
        return exp.In(this=self._column(_LEAD_ALIAS, LEAD_KEY), query=inner.subquery(copy=False))

    def quantifier(self, q: ast.Quantifier, source: str) -> Node:
        """The quantifier as a test on aggregates of the (grouped) selected events."""
        count = exp.Count(this=exp.Star())
        if isinstance(q, ast.AnyEvent):
            return exp.GT(this=count, expression=exp.Literal.number(0))
        if isinstance(q, ast.NoEvent):
            return exp.EQ(this=count, expression=exp.Literal.number(0))
        ftype = self._static.aggregate_type(q, source)
        field = EVENT_TIME if q.func in ("first", "last") else q.field
        if field is not None and not self.layout.has(source, field):
            # Every value missing: the aggregate of nothing, as the evaluator has it.
            return _bool(self._holds(q.test, ftype, runtime.aggregate(q.func, q.field, [])))
        column = self._column(_EVENT_ALIAS, field) if field is not None else None
        value: Node
        nullable = q.func in ("avg", "min", "max", "first", "last") and field != EVENT_TIME
        if q.func == "count":
            value = count
        elif q.func == "count distinct":
            value = exp.Count(this=exp.Distinct(expressions=[column]))
        elif q.func == "sum":
            value = exp.Coalesce(this=exp.Sum(this=column), expressions=[exp.Literal.number(0)])
        elif q.func == "avg":
            value = exp.Avg(this=column)
        elif q.func in ("min", "first"):
            value = exp.Min(this=column)
        else:
            value = exp.Max(this=column)
        return self.test(q.test, ftype, _Ref(value, nullable=nullable))

    def _holds_on_empty(self, e: ast.EventBlock) -> bool:
        """Whether the block's quantifiers hold for a lead with no selected events."""
        for q in e.quantifiers:
            if isinstance(q, ast.AnyEvent):
                return False
            if isinstance(q, ast.Aggregate):
                ftype = self._static.aggregate_type(q, e.source)
                if not self._holds(q.test, ftype, runtime.aggregate(q.func, q.field, [])):
                    return False
        return True

    def _holds(self, t: ast.Test, ftype: FieldType, value: Any) -> bool:
        """The evaluator's answer for test ``t`` on a constant ``value``."""
        return bool(self._static.predicate(self._static.test(t, ftype, "r"))(value))

    # -- tests -----------------------------------------------------------------
    def test(self, t: ast.Test, ftype: FieldType, ref: _Ref) -> Node:
        """Test ``t`` on ``ref``: TRUE or FALSE, or NULL where that means FALSE."""
        is_null = exp.Is(this=ref.value, expression=exp.null())
        if isinstance(t, ast.Present):
            return is_null if t.negated else exp.Not(this=is_null)
        positive = negation_of(t)
        if positive is not None:
            with self._negated():
                return _not(self.test(positive, ftype, ref))
        present = self._present(t, ftype, ref)
        # The guard is needed only where NULL would not act as FALSE: under an
        # odd number of NOTs (see _negated); and always when the test does not
        # read the value (a constant: `contains ""`).
        if not ref.nullable or (not self._odd and not isinstance(present, exp.Boolean)):
            return _paren(present)
        return _paren(exp.and_(exp.Not(this=is_null), _paren(present)))

    def _present(self, t: ast.Test, ftype: FieldType, ref: _Ref) -> Node:
        """The test on a value known to be present."""
        x = ref.value
        if isinstance(t, ast.IsTrue):
            return exp.EQ(this=x, expression=exp.true())
        if isinstance(t, ast.Compare):
            return self._compare(t.op, t.value, ftype, ref)
        if isinstance(t, ast.InList):
            if ftype == T:
                assert ref.lowered is not None
                return exp.In(this=ref.lowered,
                              expressions=[self.param(ast.text_value(v).lower()) for v in t.values])
            return exp.In(this=x, expressions=[self.param(ast.number_value(v)) for v in t.values])
        if isinstance(t, ast.Contains):
            return self._contains(ast.text_value(t.value).lower(), ftype, ref)
        if isinstance(t, ast.TextTest):
            return self._text_test(t.op, ast.text_value(t.value), ref)
        if isinstance(t, ast.Between):
            return exp.and_(self._compare(">=", t.low, ftype, ref),
                            self._compare("<=", t.high, ftype, ref))
        if isinstance(t, ast.Within):
            cut = self.param(self.tc.minus(t.amount, t.unit))
            return exp.and_(exp.GTE(this=x, expression=cut),
                            exp.LTE(this=x, expression=self.param(self.tc.as_of)))
        if isinstance(t, ast.OlderThan):
            return exp.LT(this=x, expression=self.param(self.tc.minus(t.amount, t.unit)))
        if isinstance(t, ast.DatePoint):
            op = {"before": "<", "after": ">", "on": "="}[t.op]
            return self._compare(op, t.value, ftype, ref)
        if isinstance(t, ast.InPeriod):
            start, end = self.tc.period_bounds(t.which, t.period)
            return _range(x, self.param(start), self.param(end))
        raise AssertionError(t)  # pragma: no cover - the checker admits no other test

    def _compare(self, op: str, value: ast.Value, ftype: FieldType, ref: _Ref) -> Node:
        x = ref.value
        if ftype == T:
            assert ref.lowered is not None
            return exp.EQ(this=ref.lowered, expression=self.param(ast.text_value(value).lower()))
        if ftype == B:
            assert isinstance(value, ast.Bool)
            return exp.EQ(this=x, expression=self.param(value.value))
        if ftype == D and isinstance(value, ast.Day):
            # A bare date is the half-open interval [start, end) of its day.
            start, end = (self.param(b) for b in self.tc.day_bounds(value.value))
            if op == "=":
                return _range(x, start, end)
            if op in ("<", ">="):  # before the day starts / from its start on
                return (exp.LT if op == "<" else exp.GTE)(this=x, expression=start)
            # "<=": before the day ends; ">": from the next day's start on
            return (exp.LT if op == "<=" else exp.GTE)(this=x, expression=end)
        operand = (self.param(self.tc.instant(value.value)) if isinstance(value, ast.Instant)
                   else self.param(ast.number_value(value)))
        node = {"=": exp.EQ, "<": exp.LT, "<=": exp.LTE, ">": exp.GT, ">=": exp.GTE}[op]
        return node(this=x, expression=operand)

    def _contains(self, needle: str, ftype: FieldType, ref: _Ref) -> Node:
        assert ref.lowered is not None
        if ftype == L:
            # Tags are stored as "|a|b|": a tag equals the needle iff "|needle|"
            # occurs.  No tag contains "|", so such a needle matches nothing.
            if "|" in needle:
                return exp.false()
            needle = f"|{needle}|"
        elif not needle:
            return exp.true()
        position = exp.StrPosition(this=ref.lowered, substr=self.param(needle))
        return exp.GT(this=position, expression=exp.Literal.number(0))

    def _text_test(self, op: str, operand: str, ref: _Ref) -> Node:
        if op == "matches":
            pattern = operand if self.dialect == "sqlite" else regex.translate(operand,
                                                                                self.dialect)
            return exp.RegexpLike(this=ref.value, expression=self.param(pattern))
        assert ref.lowered is not None
        needle = operand.lower()
        if not needle:
            return exp.true()
        x, p, n = ref.lowered, self.param(needle), self.param(len(needle))
        if self.dialect == "postgres":
            # LIKE with the needle escaped: three times faster than starts_with().
            escaped = re.sub(r"([\\%_])", r"\\\1", needle)
            pattern = f"{escaped}%" if op == "starts with" else f"%{escaped}"
            return exp.Like(this=x, expression=self.param(pattern))
        if op == "starts with":
            if self.dialect == "sqlite":
                return exp.EQ(this=exp.Substring(this=x, start=exp.Literal.number(1), length=n),
                              expression=p)
            return exp.StartsWith(this=x, expression=p)
        if self.dialect == "sqlite":
            return exp.EQ(this=exp.Substring(this=x, start=self.param(-len(needle))),
                          expression=p)
        return exp.EndsWith(this=x, expression=p)


# ------------------------------------------------------------------- helpers


def _needed(program: Program, exprs: Iterable[ast.Expr], using: Mapping[str, str]
            ) -> set[Ref]:
    """Every segment, scoring model and grading profile ``exprs`` depend on,
    directly or not (``using`` resolves ``score`` / ``grade`` without a name)."""
    found: set[Ref] = set()
    stack = [ref for e in exprs for ref in _refs(e, using)]
    while stack:
        ref = stack.pop()
        if ref in found:
            continue
        found.add(ref)
        kind, name = ref
        decl: ast.Declaration | None = {"segment": program.segment,
                                        "scoring": program.scoring,
                                        "grading": program.grading}[kind](name)
        assert decl is not None, ref
        stack.extend(r for e in _declaration_exprs(decl) for r in _refs(e, using))
    return found


def _refs(e: ast.Expr, using: Mapping[str, str]) -> Iterator[Ref]:
    stack = [e]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.SegmentRef):
            yield ("segment", node.name)
        elif isinstance(node, ast.ScoreTest):
            yield ("scoring", node.model or using["scoring"])
        elif isinstance(node, ast.GradeTest):
            yield ("grading", node.model or using["grading"])
        elif isinstance(node, ast.Not):
            stack.append(node.item)
        elif isinstance(node, ast.And | ast.Or):
            stack.extend(node.items)


def _declaration_exprs(decl: ast.Declaration) -> list[ast.Expr]:
    if isinstance(decl, ast.Segment):
        return [segment_expression(decl)]
    if isinstance(decl, ast.Scoring):
        return [r.condition for r in decl.rules]
    if isinstance(decl, ast.Grading):
        return [c.condition for c in decl.criteria]
    return []



ScoreRow = tuple[Any, ...]
"""A row of the score table: ``(lead_id, total, points of rule 1, …)``."""


@attrs.frozen
class ScoreRowsQuery:
    """Per lead, the aggregates each rule's points are made of; :meth:`finish`
    completes them with the evaluator's arithmetic.

    Only a decayed ``per event`` rule sums in SQL (its events never leave the
    database); counts, ``once`` flags and the latest event's time come back
    exact, so every other rule -- the caps and the total, added in rule order --
    gives exactly the in-memory value, int or float alike.
    """

    query: SqlQuery
    model: ast.Scoring
    kinds: tuple[str, ...]
    tc: TimeContext

    def finish(self, rows: Iterable[Sequence[Any]]) -> list[ScoreRow]:
        """The score table's rows, ``(lead_id, total, points of each rule…)``,
        sorted by lead id."""
        row_of = self._finisher()
        out = [row_of(row) for row in rows]
        out.sort(key=lambda r: r[0])
        return out

    def _finisher(self) -> Callable[[Sequence[Any]], ScoreRow]:
        """One generated function for the whole row (a loop over the rules per
        lead costs more than the query); the same statements, in the same order,
        as :meth:`~leadrules.compile_python.Codegen.score_rule`."""
        numbers = decay_numbers(self.model, self.tc)
        env: dict[str, Any] = {}
        body: list[str] = []
        column = 1
        for j, (rule, kind) in enumerate(zip(self.model.rules, self.kinds, strict=True)):
            p = env[f"P{j}"] = rule.points
            t, at = f"t{j}", f"r[{column}]"
            if kind == "per" and isinstance(p, int):
                body.append(f"{t} = P{j} * {at}")
            elif kind == "per":  # repeated addition, as the evaluator sums
                body += [f"{t} = 0", f"for _ in range({at}): {t} += P{j}"]
            elif kind == "per decay":
                body.append(f"{t} = 0 if {at} is None else {at}")
            elif kind == "once":
                body.append(f"{t} = P{j} if {at} else 0")
            else:
                assert numbers is not None
                env["NOW"], env["HALF_LIFE"] = numbers
                when = f"r[{column + 1}]"
                body.append(f"{t} = (P{j} if {when} is None else P{j} * 0.5 ** ((NOW - {when})"
                            f" / HALF_LIFE)) if {at} else 0")
                column += 1
            column += 1
            if rule.max_total is not None:
                env[f"MAX{j}"] = rule.max_total
                body.append(f"if {t} > MAX{j}: {t} = MAX{j}")
            if rule.min_total is not None:
                env[f"MIN{j}"] = rule.min_total
                body.append(f"if {t} < MIN{j}: {t} = MIN{j}")
        parts = [f"t{j}" for j in range(len(self.model.rules))]
        total = "0"
        for part in parts:  # added left to right, as the evaluator adds them
            total = f"({total} + {part})"
        body.append(f"return (str(r[0]), {total}, {', '.join(parts)}{',' if parts else ''})")
        source = "def row_of(r):\n" + "".join(f"    {line}\n" for line in body)
        exec(compile(source, f"<score rows of {self.model.name}>", "exec"), env)
        function: Callable[[Sequence[Any]], ScoreRow] = env["row_of"]
        return function


def _paren(e: Node) -> Node:
    return e if isinstance(e, exp.Paren | exp.Boolean | exp.Column) else exp.Paren(this=e)


def _not(e: Node) -> Node:
    return exp.Not(this=_paren(e))


def _join(conjunction: bool, items: list[Node]) -> Node:
    wrapped = [_paren(i) for i in items]
    # copy=False: the items are fresh subtrees; sqlglot's default deep copy per
    # level makes compiling nested conditions quadratic.
    return exp.and_(*wrapped, copy=False) if conjunction else exp.or_(*wrapped, copy=False)


def _bool(value: bool) -> Node:
    return exp.true() if value else exp.false()


def _flag(condition: Node) -> Node:
    """A condition as 1 / 0: booleans are not values in every dialect's select list."""
    return _when(condition, exp.Literal.number(1), exp.Literal.number(0))


def _when(condition: Node, then: Node, otherwise: Node) -> Node:
    return exp.Case().when(condition, then).else_(otherwise)


def _range(x: Node, start: Node, end: Node) -> Node:
    return exp.and_(exp.GTE(this=x, expression=start), exp.LT(this=x, expression=end))
