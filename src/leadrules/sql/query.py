"""Query assembly: the SQL back end's entry points.

Each ``compile_*`` function gives one :class:`SqlQuery` (a sqlglot tree with
named placeholders and their values) for one declaration, store layout,
dialect and as_of.  The query, for a segment ``s`` that references ``r``::

    WITH "seg_1" AS (SELECT l.id FROM lead AS l WHERE <alive> AND <r>)
    SELECT l.id FROM lead AS l WHERE <alive> AND <s>

Each referenced declaration -- a segment, or a scoring model / grading
profile that ``score m …`` / ``grade g …`` test -- is one CTE (``seg_i``,
``score_i`` with ``id`` and ``total``, ``grade_i`` with ``id`` and
``grade_index``), compiled once however often it is used; ``<alive>`` drops
leads created after ``as_of``.  The expressions are compiled by
:mod:`.expressions`, the models by :mod:`.models`.

Every value of the rules is a bind parameter (``SqlQuery.params``);
:meth:`SqlQuery.render` can instead inline them as literals through the
sqlglot tree, for printing warehouse SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, assert_never

import attrs
from sqlglot import exp

if TYPE_CHECKING:
    # sqlglot's base node class (named Expr since sqlglot 30).
    from sqlglot.expressions import Expr as Node

from .. import ast
from ..check import Program
from ..dates import TimeContext
from ..errors import StoreError, UsageError
from ..schema import LEAD, LEAD_KEY
from ..semantics import (
    FunnelSource,
    ScoreRow,
    declaration_expressions,
    funnel_sources,
    references,
    rule_plans,
    score_arithmetic,
    segment_expression,
    tier_cases,
    using_map,
)
from .dialects import DIALECTS, SHAPES, Shape
from .expressions import LEAD_ALIAS, ExpressionCompiler, Ref, flag
from .layout import Layout
from .models import ModelCompiler

__all__ = ["SHAPES", "NotInSql", "ScoreRowsQuery", "Shape", "SqlQuery", "compile_depths",
           "compile_grading", "compile_score_rows", "compile_scoring", "compile_segment",
           "compile_segment_flags",
           "compile_stage_events", "compile_tiers"]

_D = TypeVar("_D")

# Dialects that read a literal like `0.5` as an exact DECIMAL, not a double.
_DECIMAL_LITERALS = frozenset({"spark", "snowflake", "trino"})
_CTE_PREFIX = {"segment": "seg", "scoring": "score", "grading": "grade"}
# Dialects whose CTEs are computed once when marked MATERIALIZED (SQLite >= 3.35,
# PostgreSQL >= 12, DuckDB).  Unmarked, SQLite and PostgreSQL may inline a CTE at each
# use: a chain of segment references then grows past SQLite's expression depth and a
# diamond of references re-evaluates exponentially.  The warehouse dialects have no
# such keyword (sqlglot would print it anyway), so they are left as they are.
_MATERIALIZED = frozenset({"sqlite", "postgres", "duckdb"})


class NotInSql(StoreError):
    """A construct the SQL compiler does not handle (yet); stores evaluate in memory."""


@attrs.frozen
class SqlQuery:
    """A compiled segment: the sqlglot tree with named placeholders and their values."""

    tree: Node
    params: Mapping[str, Any]
    dialect: str
    datetime_as_micros: bool = False
    alias: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        """The names of the result's columns, in order."""
        assert isinstance(self.tree, exp.Query)
        return tuple(self.tree.named_selects)

    def render(self, *, literals: bool = False, pretty: bool = False) -> str:
        """The SQL text: with the dialect's placeholders, or (``literals=True``)
        with every value inlined as a literal node of the tree."""
        if literals:
            # transform() copies: the copy is generated as it is.
            return self.tree.transform(self._literal).sql(dialect=self.dialect, pretty=pretty,
                                                          copy=False)
        return self.tree.sql(dialect=self.dialect, pretty=pretty)

    @property
    def ctes(self) -> tuple[SqlQuery, ...]:
        """Each CTE of the query (one per declaration it depends on), in dependency
        order, as a query of its own named by ``alias`` -- for stores that stage
        them as temporary tables (:meth:`staged`)."""
        with_ = self.tree.args.get("with_") if isinstance(self.tree, exp.Query) else None
        if with_ is None:
            return ()
        return tuple(self._part(cte.this, cte.alias) for cte in with_.expressions)

    def staged(self) -> SqlQuery:
        """The query without its CTEs: each name then refers to a table of that name."""
        main = self.tree.copy()
        main.set("with_", None)
        return self._part(main, None)

    def _part(self, tree: Node, alias: str | None) -> SqlQuery:
        used = {node.name for node in tree.find_all(exp.Placeholder)}
        return SqlQuery(tree, {k: v for k, v in self.params.items() if k in used},
                        self.dialect, self.datetime_as_micros, alias)

    def _literal(self, node: Node) -> Node:
        if not isinstance(node, exp.Placeholder):
            return node
        value = self.params[node.name]
        if isinstance(value, dt.datetime):
            text = exp.Literal.string(value.isoformat(sep=" "))
            if self.dialect == "trino":  # Trino's default precision is milliseconds
                return exp.cast(text, exp.DataType.build("TIMESTAMP(6) WITH TIME ZONE",
                                                         dialect="trino"))
            return exp.cast(text, "TIMESTAMPTZ")
        literal = exp.convert(value)
        if type(value) is float and self.dialect in _DECIMAL_LITERALS:
            # `0.5` is a DECIMAL there: the double a bound float would be.
            return exp.cast(literal, "DOUBLE")
        return literal


def compile_segment(program: Program, name: str, layout: Layout, dialect: str,
                    tc: TimeContext, *, shape: Shape = "semijoin",
                    lead_ids: Any = None) -> SqlQuery:
    """The query selecting the ids of segment ``name`` as of ``tc``; with
    ``lead_ids`` (the bound value of the ``lead_ids`` parameter, see
    :meth:`~.expressions.ExpressionCompiler.given`) only among those leads."""
    _check_dialect(dialect)
    _found(program.segment(name), "segment", name)
    return QueryBuilder(program, layout, dialect, tc, shape, lead_ids).select(name)


def compile_scoring(program: Program, name: str, layout: Layout, dialect: str,
                    tc: TimeContext, *, shape: Shape = "semijoin",
                    lead_ids: Any = None) -> SqlQuery:
    """Per lead: ``id``, each rule's points (columns named by rule key, caps applied)
    and ``total`` of scoring model ``name`` -- all computed in SQL."""
    _check_dialect(dialect)
    model = _found(program.scoring(name), "scoring model", name)
    return QueryBuilder(program, layout, dialect, tc, shape, lead_ids).scoring(model)


def compile_score_rows(program: Program, name: str, layout: Layout, dialect: str,
                       tc: TimeContext, *, shape: Shape = "semijoin",
                    lead_ids: Any = None) -> ScoreRowsQuery:
    """The query behind ``score_rows``: per lead and rule, the aggregates the
    points are made of, finished in Python by :meth:`ScoreRowsQuery.finish`."""
    _check_dialect(dialect)
    model = _found(program.scoring(name), "scoring model", name)
    return QueryBuilder(program, layout, dialect, tc, shape, lead_ids).score_rows(model)


def compile_grading(program: Program, name: str, layout: Layout, dialect: str,
                    tc: TimeContext, *, shape: Shape = "semijoin",
                    lead_ids: Any = None) -> SqlQuery:
    """Per lead: ``id``, ``grade_index`` (0 = F … 12 = A+) and ``grade`` (the letter)."""
    _check_dialect(dialect)
    profile = _found(program.grading(name), "grading profile", name)
    return QueryBuilder(program, layout, dialect, tc, shape, lead_ids).grading(profile)


def compile_tiers(program: Program, name: str, layout: Layout, dialect: str,
                  tc: TimeContext, *, shape: Shape = "semijoin",
                    lead_ids: Any = None) -> SqlQuery:
    """Per lead: ``id``, ``tier`` (NULL when excluded or unmatched) and ``reason``."""
    _check_dialect(dialect)
    decl = _found(program.tiers_named(name), "tiers", name)
    return QueryBuilder(program, layout, dialect, tc, shape, lead_ids).tiers(decl)


def compile_segment_flags(program: Program, names: Sequence[str], layout: Layout,
                          dialect: str, tc: TimeContext, *, shape: Shape = "semijoin",
                          lead_ids: Any = None) -> SqlQuery:
    """One query for several segments: per lead (existing as of ``tc``; with
    ``lead_ids`` only among those), ``id`` then a 1 / 0 column per segment of
    ``names``, in that order -- what ``ListManager.on_events`` asks of a batch."""
    _check_dialect(dialect)
    for name in names:
        _found(program.segment(name), "segment", name)
    return QueryBuilder(program, layout, dialect, tc, shape, lead_ids).flags(names)


def compile_depths(program: Program, name: str, layout: Layout, dialect: str,
                   tc: TimeContext, *, shape: Shape = "semijoin",
                   lead_ids: Any = None) -> SqlQuery:
    """Per lead: ``id`` and ``depth``, the index of the last stage of funnel
    ``name`` whose condition the lead satisfies (0 = the first), -1 for none;
    with ``lead_ids`` (bound as :func:`compile_segment` takes it) only of those leads."""
    _check_dialect(dialect)
    decl = _found(program.funnel(name), "funnel", name)
    if decl.ordered_within is not None:
        # A lead's depth in an ordered funnel depends on the order of its events
        # (a chain anchored at each first-stage event, inside a calendar window):
        # searched in Python over the events each source gives (compile_stage_events).
        raise NotInSql(f"ordered funnel '{name}' is evaluated in memory")
    return QueryBuilder(program, layout, dialect, tc, shape, lead_ids).depths(decl)


def compile_stage_events(program: Program, name: str, layout: Layout, dialect: str,
                         tc: TimeContext, *, value: tuple[str, str] | None = None,
                         lead_ids: Any = None
                         ) -> tuple[SqlQuery, list[tuple[FunnelSource, SqlQuery | None]]]:
    """For ordered funnel ``name``: the ids of the leads existing as of ``tc``, and
    per source it reads (:func:`leadrules.semantics.funnel_sources`) the events
    that matter, up to as_of: ``(lead_id, time µs, seq, step mask, exclusion
    mask, value)`` — bit k of the step mask set when step k selects the event,
    ``value`` the field ``value = (source, field)`` or NULL (None: a source the
    store lacks).  The chains are searched in Python (:mod:`leadrules.chains`)
    on exactly what the evaluator sees: one query per source, not per lead.
    With ``lead_ids`` (bound as :func:`compile_segment` takes it) every query
    reads those leads only."""
    _check_dialect(dialect)
    decl = program.funnel(name)
    if decl is None or decl.ordered_within is None:
        raise UsageError(f"no ordered funnel named '{name}'")
    compiler = QueryBuilder(program, layout, dialect, tc, lead_ids=lead_ids)
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


class QueryBuilder:
    """Builds the queries of one program for one store layout, dialect and as_of:
    the select a declaration asks for, with one CTE per declaration it depends on
    (``segment s``, ``score m >= 10``, ``grade g >= B``), compiled once however
    often it is used, in the program's dependency order."""

    def __init__(self, program: Program, layout: Layout, dialect: str, tc: TimeContext,
                 shape: Shape = "semijoin", lead_ids: Any = None) -> None:
        self.program = program
        self.tc = tc
        self.x = ExpressionCompiler(program, layout, dialect, tc, shape, lead_ids)
        self.models = ModelCompiler(self.x)

    def select(self, name: str) -> SqlQuery:
        """Segment ``name``: the ids of its leads."""
        target = self.program.segment(name)
        assert target is not None
        return self._query(_declaration_exprs(target), lambda: self.x.segment_select(target))

    def flags(self, names: Sequence[str]) -> SqlQuery:
        """Segments ``names``: per lead, its id and whether it is in each (1 / 0)."""
        segments = [self.program.segment(n) for n in names]
        exprs = [segment_expression(s) for s in segments if s is not None]

        def build() -> exp.Select:
            x = self.x
            columns = [exp.alias_(flag(x.expr(e)), f"s{i}", quoted=True, copy=False)
                       for i, e in enumerate(exprs)]
            return (exp.select(x.column(LEAD_ALIAS, LEAD_KEY), *columns, copy=False)
                    .from_(x.table(LEAD, LEAD_ALIAS), copy=False).where(x.alive(), copy=False))
        return self._query(exprs, build)

    def scoring(self, model: ast.Scoring) -> SqlQuery:
        """Scoring model ``model``: id, each rule's points and the total."""
        return self._query(_declaration_exprs(model), lambda: self.models.scoring_select(model))

    def score_rows(self, model: ast.Scoring) -> ScoreRowsQuery:
        """Each lead's rule parts, finished in Python by the model's arithmetic."""
        query = self._query(_declaration_exprs(model), lambda: self.models.scoring_parts(model))
        return ScoreRowsQuery(query, model, self.tc)

    def grading(self, profile: ast.Grading) -> SqlQuery:
        """Grading profile ``profile``: id, grade index and letter."""
        return self._query(_declaration_exprs(profile), lambda: self.models.grading(profile))

    def tiers(self, decl: ast.Tiers) -> SqlQuery:
        """Tiers ``decl``: id, tier (NULL when excluded or unmatched) and reason."""
        self.x.using = using_map(self.program.scoring, decl)
        cases = tier_cases(decl)
        return self._query([c.condition for c in cases if c.condition is not None],
                           lambda: self.models.tiers(cases))

    def depths(self, decl: ast.Funnel) -> SqlQuery:
        """Funnel ``decl``: id and depth (the last stage the lead satisfies, -1 for none)."""
        return self._query([s.condition for s in decl.stages if s.condition is not None],
                           lambda: self.models.depths(decl))

    def alive_ids(self) -> SqlQuery:
        """The ids of the leads that exist as of as_of."""
        return self._query([], self.models.alive_ids)

    def stage_events(self, source: FunnelSource, value: tuple[str, str] | None = None
                     ) -> SqlQuery | None:
        """The events of one source an ordered funnel reads
        (:meth:`~.models.ModelCompiler.stage_events`)."""
        select = self.models.stage_events(source, value)
        return None if select is None else self._query([], lambda: select)

    def _query(self, exprs: Iterable[ast.Expr], build: Callable[[], exp.Select]) -> SqlQuery:
        """``build()``'s select, with one CTE per declaration ``exprs`` depend on."""
        x = self.x
        exprs = list(exprs)
        uses = _uses(self.program, exprs, x.using)
        x.inline = {}
        for (kind, name), count in uses.items():
            seg = self.program.segment(name) if kind == "segment" and count == 1 else None
            if seg is not None:
                x.inline[name] = segment_expression(seg)
        x.ctes = {}
        x.cte_name = lambda ref: f"{_CTE_PREFIX[ref[0]]}_{self._index(ref)}"
        bodies: dict[Ref, exp.Select] = {}
        for ref in self.program.order:
            if ref in uses and not (ref[0] == "segment" and ref[1] in x.inline):
                x.ctes[ref] = x.cte_name(ref)
                bodies[ref] = self._declaration_select(ref)
        query = build()
        # Segments named once but nested too deeply to compile in place are CTEs
        # too (ExpressionCompiler.expr); their bodies may ask for more.
        while x.pending:
            ref = x.pending.pop()
            bodies[ref] = self._declaration_select(ref)
        materialized = True if x.dialect in _MATERIALIZED else None
        for ref in self.program.order:
            if ref in bodies:
                query = query.with_(x.ctes[ref], as_=bodies[ref], materialized=materialized,
                                    copy=False)
        # Only the parameters the tree uses: drivers refuse extra ones.
        used = {node.name for node in query.find_all(exp.Placeholder)}
        params = {k: v for k, v in x.params.items() if k in used}
        if x.dialect == "spark":  # NOT EXISTS, not a null-aware anti join (sql/spark.py)
            from .spark import exists_probes
            return SqlQuery(exists_probes(query), params, x.dialect,
                            x.layout.datetime_as_micros)
        return SqlQuery(query, params, x.dialect, x.layout.datetime_as_micros)

    def _index(self, ref: Ref) -> int:
        kind, name = ref
        group: Sequence[Any] = {"segment": self.program.segments,
                                "scoring": self.program.scorings,
                                "grading": self.program.gradings}[kind]
        return next(i for i, d in enumerate(group) if d.name == name)

    def _declaration_select(self, ref: Ref) -> exp.Select:
        decl = self.program.referenced(ref)
        if isinstance(decl, ast.Segment):
            return self.x.segment_select(decl)
        if isinstance(decl, ast.Scoring):
            return self.models.scoring_select(decl)
        if isinstance(decl, ast.Grading):
            return self.models.grading_select(decl)
        assert_never(decl)


# ------------------------------------------------------------------- helpers


def _uses(program: Program, exprs: Iterable[ast.Expr], using: Mapping[str, str]
          ) -> dict[Ref, int]:
    """Every segment, scoring model and grading profile ``exprs`` depend on,
    directly or not (``using`` resolves ``score`` / ``grade`` without a name), with
    the number of places that name it (in ``exprs`` and in the declarations)."""
    uses: dict[Ref, int] = {}
    stack = [ref for e in exprs for ref, _ in references(e, using)]
    while stack:
        ref = stack.pop()
        uses[ref] = uses.get(ref, 0) + 1
        if uses[ref] == 1:
            stack.extend(r for e in _declaration_exprs(program.referenced(ref))
                         for r, _ in references(e, using))
    return uses


def _declaration_exprs(decl: ast.Segment | ast.Scoring | ast.Grading) -> list[ast.Expr]:
    """The expressions of a declaration a query depends on, as compiled."""
    if isinstance(decl, ast.Segment):
        return [segment_expression(decl)]
    return declaration_expressions(decl)


@attrs.frozen
class ScoreRowsQuery:
    """Per lead, the parts each rule's points are made of; :meth:`finish`
    completes them with the model's arithmetic
    (:class:`~leadrules.semantics.ScoreArithmetic`), the very function the
    in-memory evaluator and the explainer call.

    Only a decayed ``per event`` rule sums in SQL (its events never leave the
    database); counts, ``once`` flags and the latest event's time come back
    exact, so every other rule -- the caps and the total, added in rule order --
    gives exactly the in-memory value, int or float alike.
    """

    query: SqlQuery
    model: ast.Scoring
    tc: TimeContext

    @property
    def kinds(self) -> tuple[str, ...]:
        """Each rule's kind (:data:`~leadrules.semantics.RuleKind`): the parts the
        query returns for it."""
        return tuple(plan.kind for plan in rule_plans(self.model))

    def finish(self, rows: Iterable[Sequence[Any]]) -> list[ScoreRow]:
        """The score table's rows, ``(lead_id, total, points of each rule…)``,
        sorted by lead id."""
        row_of = score_arithmetic(self.model, self.tc).finish
        out = [row_of(row) for row in rows]
        out.sort(key=lambda r: r[0])
        return out
