"""Conditions, event blocks and quantifiers as SQL: the expression layer of the
SQL back end.

:class:`ExpressionCompiler` turns the expressions of a checked program into
sqlglot nodes for one store layout, dialect and as_of, with the semantics of
:mod:`leadrules.semantics` closed over SQL's three-valued logic:

* a positive test under an odd number of ``NOT`` is guarded, ``x IS NOT NULL
  AND <test>``, so it is FALSE (never NULL) on a missing value and ``NOT`` is
  exactly Python's ``not``; elsewhere NULL reaches a WHERE / HAVING / CASE
  WHEN that reads it as FALSE (see ``_negated``);
* text compares ``COALESCE(x__lower, x)`` (Python's ``str.lower()``, stored at
  import, see :mod:`leadrules.stores.layout`) with a parameter lower-cased in
  Python;
* every date bound comes from :class:`~leadrules.dates.TimeContext` as a bind
  parameter, so bare dates, calendar months and time zones are computed once,
  in Python, exactly as the evaluator computes them;
* an event block selects ``source e WHERE e.occurred_at <= as_of AND
  <conditions>`` and tests its quantifiers ``Q`` on the selected events per
  lead.  Whether ``Q`` holds for a lead with *no* selected events is decided
  in Python (:func:`~leadrules.semantics.holds_for_constant`); then the block
  is ``lead IN (groups where Q)`` when it does not, and ``NOT (lead IN (groups
  where NOT Q))`` when it does (``count < 3``, ``sum x = 0``, ``none``): the
  grouped query only ever sees leads that have events.

Declarations other expressions refer to (``segment s``, ``score m …``,
``grade g …``) are CTEs that :mod:`.query` builds; here they are read by name
(:attr:`ExpressionCompiler.ctes`).  Every value is a bind parameter.

A query asked for some leads only (``lead_ids=``) reads the lead table and
every event subquery through one more bound parameter, ``lead_ids``, the ids
as the engine takes a list best (:meth:`ExpressionCompiler.given`): a JSON
array read by ``json_each`` on SQLite, an array on PostgreSQL and DuckDB.  Its
value is bound when the query runs, so one compiled text serves every batch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, assert_never

import attrs
from sqlglot import exp

if TYPE_CHECKING:
    # sqlglot's base node class (named Expr since sqlglot 30).
    from sqlglot.expressions import Expr as Node

from .. import ast, regex
from ..check import Program
from ..dates import TimeContext
from ..errors import StoreError, UsageError
from ..lists import list_time
from ..memberships import require_lists
from ..schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD, LEAD_KEY, FieldType
from ..semantics import (
    aggregate_type,
    date_point_op,
    empty_aggregate,
    expression_cost,
    holds_for_constant,
    merged,
    negation_of,
    operands,
    segment_expression,
)
from ..values import TAG_SEPARATOR
from . import mapped
from .dialects import LEAD_IDS, Shape
from .layout import Layout, lower_column, to_micros

T, N, B, D, L = (FieldType.TEXT, FieldType.NUMBER, FieldType.BOOL, FieldType.DATETIME,
                 FieldType.TEXT_LIST)
LEAD_ALIAS = "l"
EVENT_ALIAS = "e"
_CREATED = "created_at"
TOTAL = "total"
GRADE_INDEX = "grade_index"
Ref = tuple[str, str]
"""A declaration a query depends on: (kind, name), kind segment / scoring / grading."""


@attrs.frozen
class Value:
    """A value to test: the expression, and its lower-cased form for text and lists."""

    value: Node
    lowered: Node | None = None
    # False for values SQL can never give as NULL (counts, sums, required
    # columns): their tests need no guard.
    nullable: bool = True
    # The lowered form is the engine's lower() of a mapped column (no shadow): a
    # text operand is lowered by the same lower(), so a value equals itself even
    # where the engine's lower-casing is not Python's.
    engine_lower: bool = False


class ExpressionCompiler:
    """Compiles conditions, event blocks and quantifiers of one program for one
    store layout, dialect and as_of (see the module docstring)."""

    def __init__(self, program: Program, layout: Layout, dialect: str, tc: TimeContext,
                 shape: Shape = "semijoin", lead_ids: Any = None) -> None:
        self.program = program
        self.layout = layout
        self.dialect = dialect
        self.tc = tc
        self.shape = shape
        self.params: dict[str, Any] = {}
        # Only some leads (the bound value of `lead_ids`), else None: every lead.
        self.restricted = lead_ids is not None
        if self.restricted:
            self.params[LEAD_IDS] = lead_ids
        self._param_names: dict[tuple[type, Any], str] = {}
        # The CTE of each declaration the query being built refers to (.query).
        self.ctes: dict[Ref, str] = {}
        # The segments the query names in one place only: compiled where they are
        # named, as their expression (.query), not as a CTE.
        self.inline: dict[str, ast.Expr] = {}
        self._nesting = 0
        # The CTE name of a declaration (set by the query builder), and the
        # declarations given a CTE while compiling, whose bodies are still to build.
        self.cte_name: Callable[[Ref], str] = lambda ref: f"{ref[0]}_{ref[1]}"
        self.pending: list[Ref] = []
        # Inside tiers, `score` / `grade` without a name mean the `using` models.
        self.using: dict[str, str] = {}
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
    def root(self) -> Iterator[None]:
        """A subquery's WHERE / HAVING: a root of its own, whatever is around it."""
        saved, self._odd = self._odd, False
        try:
            yield
        finally:
            self._odd = saved

    # -- names and values ---------------------------------------------------------
    # -- names ---------------------------------------------------------------
    def table(self, name: str, alias: str, *, seq: bool = False) -> exp.Table | exp.Subquery:
        """The table of ``name`` as ``alias``; a mapped table is read through the
        derived table of :mod:`.mapped` (with ``seq`` only where asked for)."""
        stored = self.layout.table(name)
        assert stored is not None
        if stored.source is not None:
            return mapped.derived(stored, self.layout, self.dialect, alias, seq=seq,
                                  lead=name == LEAD)
        namespace = self.layout.namespace
        db = exp.to_identifier(namespace, quoted=True) if namespace else None
        return exp.Table(this=exp.to_identifier(stored.name, quoted=True), db=db,
                         alias=exp.TableAlias(this=exp.to_identifier(alias)))

    @staticmethod
    def column(alias: str, name: str) -> exp.Column:
        return exp.Column(this=exp.to_identifier(name, quoted=True),
                          table=exp.to_identifier(alias))

    def param(self, value: Any) -> exp.Placeholder:
        """A bind parameter for ``value`` (one per distinct value)."""
        if isinstance(value, dt.datetime) and self.layout.datetime_as_micros:
            value = to_micros(value)
        elif type(value) is int and not -(2**63) <= value < 2**63:
            # Beyond SQL's 64-bit integers: stored numbers are 64-bit floats, so
            # the literal is compared as one (parse refuses what no float holds).
            value = float(value)
        key = (type(value), value)
        name = self._param_names.get(key)
        if name is None:
            name = self._param_names[key] = f"p{len(self._param_names) + 1}"
            self.params[name] = value
        return exp.Placeholder(this=name)

    def given(self, lead_id: Node) -> list[Node]:
        """``[lead_id is one of the given ids]`` in a query restricted to some leads
        (the ``lead_ids`` parameter, a list as the engine reads one best), else
        ``[]``."""
        if not self.restricted:
            return []
        ids = exp.Placeholder(this=LEAD_IDS)
        if self.dialect == "sqlite":
            # A JSON array: one parameter whatever the count, read as a table
            # SQLite probes the id index with.
            read = exp.select(exp.column("value"), copy=False).from_(exp.func("json_each", ids),
                                                                      copy=False)
            return [exp.In(this=lead_id, query=read.subquery(copy=False))]
        if self.dialect in ("postgres", "duckdb"):
            return [exp.EQ(this=lead_id, expression=exp.Any(this=exp.Paren(this=ids)))]
        if self.dialect == "spark":  # an array bound as one parameter
            return [exp.ArrayContains(this=ids, expression=lead_id)]
        raise StoreError(f"evaluating some leads only is not compiled for {self.dialect}")

    def until_as_of(self, alias: str) -> Node:
        """``alias.occurred_at <= as_of``: the events that have happened."""
        return exp.LTE(this=self.event_time(alias), expression=self.param(self.tc.as_of))

    def event_time(self, alias: str) -> Node:
        """An event's ``occurred_at`` as conditions compare it.

        In a SQLite query of some leads it is read through ``likely()`` (the
        value unchanged), so a bound on it is tested on each event of a lead
        rather than used to seek the ``(lead_id, occurred_at, seq)`` key:
        SQLite 3.40 returns events past an upper bound used so, after
        ``lead_id IN (json_each …)``, when its statistics say a lead has about
        one event of the source (tests/test_funnel_some_leads.py)."""
        at: Node = self.column(alias, EVENT_TIME)
        if self.restricted and self.dialect == "sqlite":
            return exp.Anonymous(this="likely", expressions=[at])
        return at

    def alive(self) -> Node:
        """A lead created after as_of does not exist (see ``api.exists_as_of``); in a
        query restricted to some leads, only those."""
        given = self.given(self.column(LEAD_ALIAS, LEAD_KEY))
        lead = self.program.schema.lead.field(_CREATED)
        if lead is None or lead.type != D or not self.layout.has(LEAD, _CREATED):
            return given[0] if given else exp.true()
        created = self.column(LEAD_ALIAS, _CREATED)
        exists = paren(exp.or_(exp.Is(this=created, expression=exp.null()),
                               exp.LTE(this=created, expression=self.param(self.tc.as_of)),
                               copy=False))
        return exp.and_(*given, exists, copy=False) if given else exists

    def segment_select(self, seg: ast.Segment) -> exp.Select:
        where = exp.and_(self.alive(), paren(self.expr(segment_expression(seg))), copy=False)
        return (exp.select(self.column(LEAD_ALIAS, LEAD_KEY), copy=False)
                .from_(self.table(LEAD, LEAD_ALIAS), copy=False).where(where, copy=False))

    # -- segment-level expressions -------------------------------------------
    def expr(self, e: ast.Expr) -> Node:
        if isinstance(e, ast.SegmentRef):
            inlined = self.inline.get(e.name)
            if inlined is not None and self._nesting < _INLINE_NESTING:
                self._nesting += 1
                try:
                    return self.expr(inlined)
                finally:
                    self._nesting -= 1
            return self._in_cte(("segment", e.name))
        if isinstance(e, ast.Not):
            with self._negated():
                return negate(self.expr(e.item))
        if isinstance(e, ast.And | ast.Or):
            # Cheapest first, as the Python compiler does: engines such as SQLite
            # evaluate the operands of AND in the order written.
            items = sorted(operands(e, self.inline), key=self._cost)
            return join(isinstance(e, ast.And), [self.expr(i) for i in items])
        if isinstance(e, ast.FieldTest):
            return self.condition(e, LEAD, LEAD_ALIAS)
        if isinstance(e, ast.ListRef):
            return self.list_member(e)
        if isinstance(e, ast.LeadBlock):
            return self.conditions(e.conditions, e.mode, LEAD, LEAD_ALIAS)
        if isinstance(e, ast.EventBlock):
            return self.event_block(e)
        if isinstance(e, ast.ScoreTest):
            model = e.model or self.using["scoring"]
            total = Value(exp.column(TOTAL, quoted=True), nullable=False)
            with self.root():
                test = self.test(e.test, N, total)
            return self._in_cte(("scoring", model), test)
        if isinstance(e, ast.GradeTest):
            profile = e.model or self.using["grading"]
            test = comparison(e.op, exp.column(GRADE_INDEX, quoted=True),
                              self.param(ast.GRADES.index(e.letter)))
            return self._in_cte(("grading", profile), test)
        if isinstance(e, ast.LabelRef):
            raise AssertionError(e)  # labels are substituted first
        assert_never(e)

    # -- lead lists ----------------------------------------------------------------
    def list_member(self, e: ast.ListRef) -> Node:
        """``in list NAME``: the lead is on the list as of as_of.  When the lists are
        this database's own (:attr:`ListBinding.layout`), from the list's history
        table: the last change at or before as_of that names the lead put it on
        (``entered``) rather than off (``left``; off wins within one change), as
        :func:`leadrules.lists.replay` replays it.  Otherwise the members, computed
        in Python, bound as one parameter (a JSON array of ids).  Never NULL."""
        lists = self.program.lists
        require_lists(lists, {e.name: e.pos}, self.program.file.file, self.program.file.text)
        assert lists is not None
        lead_id = self.column(LEAD_ALIAS, LEAD_KEY)
        if lists.layout is not None and lists.layout is self.layout:
            return exp.In(this=lead_id, query=self._history_members(e.name).subquery(
                copy=False))
        ids = json.dumps(sorted(lists.members(e.name, self.tc.as_of)), ensure_ascii=False)
        return exp.In(this=lead_id, query=self._elements(self.param(ids)).subquery(copy=False))

    def _history_members(self, name: str) -> exp.Select:
        namespace = self.layout.namespace
        db = exp.to_identifier(namespace, quoted=True) if namespace else None
        parts = []
        for column, gone in (("entered", 0), ("left_ids", 1)):
            history = exp.Table(this=exp.to_identifier("leadrules_list_history", quoted=True),
                                db=db, alias=exp.TableAlias(this=exp.to_identifier("h")))
            ids = self._elements(self.column("h", column), history)
            where = exp.and_(
                exp.EQ(this=self.column("h", "list_name"), expression=self.param(name)),
                exp.LTE(this=self.column("h", "at"),
                        expression=self.param(list_time(self.tc.as_of))), copy=False)
            parts.append(ids.select(exp.alias_(self.column("h", "seq"), "seq", copy=False),
                                    exp.alias_(exp.Literal.number(gone), "gone", copy=False),
                                    copy=False).where(where, copy=False))
        changes = exp.union(*parts, distinct=False).subquery("m", copy=False)
        kind = exp.column("gone", table="m")
        seq = exp.column("seq", table="m")
        last_in = exp.Max(this=when(exp.EQ(this=kind, expression=exp.Literal.number(0)),
                                    seq, exp.null()))
        last_out = exp.Coalesce(this=exp.Max(this=when(
            exp.EQ(this=kind, expression=exp.Literal.number(1)), seq, exp.null())),
            expressions=[exp.Literal.number(0)])
        member = exp.column("member", table="m")
        return (exp.select(member, copy=False).from_(changes, copy=False)
                .group_by(member, copy=False)
                .having(exp.GT(this=last_in, expression=last_out), copy=False))

    def _elements(self, array: Node, table: Node | None = None) -> exp.Select:
        """``SELECT`` the text elements of a JSON array (a parameter, or a column of
        ``table``) as the column ``member``."""
        match self.dialect:
            case "sqlite":
                each = exp.Table(this=exp.Anonymous(this="json_each", expressions=[array]),
                                 alias=exp.TableAlias(this=exp.to_identifier("j")))
                value = exp.column("value", table="j")
                select = exp.select(exp.alias_(value, "member", copy=False), copy=False)
                if table is None:
                    return select.from_(each, copy=False)
                return select.from_(table, copy=False).join(each)
            case "postgres":
                elements: Node = exp.Anonymous(this="json_array_elements_text", expressions=[
                    exp.Cast(this=array, to=exp.DataType.build("json"))])
            case "duckdb":
                elements = exp.Explode(this=exp.Anonymous(
                    this="from_json", expressions=[array, exp.Literal.string('["VARCHAR"]')]))
            case "spark":
                elements = exp.Explode(this=exp.Anonymous(
                    this="from_json", expressions=[array, exp.Literal.string("array<string>")]))
            case "bigquery" | "snowflake" | "trino" if table is None:
                return _warehouse_elements(self.dialect, array)
            case _:
                raise UsageError(f"'in list' is not evaluated in {self.dialect} SQL yet")
        select = exp.select(exp.alias_(elements, "member", copy=False), copy=False)
        return select if table is None else select.from_(table, copy=False)

    def _cost(self, e: ast.Expr) -> int:
        """:func:`expression_cost`, of its expression for a segment compiled in place."""
        if isinstance(e, ast.SegmentRef) and e.name in self.inline:
            return expression_cost(self.inline[e.name])
        return expression_cost(e)

    def _in_cte(self, ref: Ref, where: Node | None = None) -> Node:
        """The lead is a row of the CTE of ``ref`` (that satisfies ``where``)."""
        name = self.ctes.get(ref)
        if name is None:
            name = self.ctes[ref] = self.cte_name(ref)
            self.pending.append(ref)
        inner = exp.select(exp.column(LEAD_KEY, quoted=True), copy=False).from_(name, copy=False)
        if where is not None:
            inner = inner.where(where, copy=False)
        return exp.In(this=self.column(LEAD_ALIAS, LEAD_KEY), query=inner.subquery(copy=False))

    def condition(self, e: ast.Expr, table: str, alias: str) -> Node:
        """A condition on one record (the lead, or an event inside braces)."""
        if isinstance(e, ast.FieldTest):
            ftype = self.program.field_type(table, e.field)
            ref = self._field(table, e.field, ftype, alias)
            if ref is None:  # a field the store lacks: every value is missing
                return boolean(holds_for_constant(e.test, None))
            return self.test(e.test, ftype, ref)
        if isinstance(e, ast.Not):
            with self._negated():
                return negate(self.condition(e.item, table, alias))
        if isinstance(e, ast.And | ast.Or):
            return self.conditions(e.items, "all" if isinstance(e, ast.And) else "any",
                                   table, alias)
        if isinstance(e, ast.LeadBlock | ast.EventBlock | ast.LabelRef | ast.SegmentRef
                      | ast.ListRef | ast.ScoreTest | ast.GradeTest):
            raise AssertionError(e)  # the checker admits only fields inside braces
        assert_never(e)

    def conditions(self, conds: Sequence[ast.Expr], mode: str, table: str,
                   alias: str) -> Node:
        if not conds:
            return boolean(mode == "all")
        items = merged(conds, mode == "all",
                       lambda name: self.program.field_type(table, name))
        return join(mode == "all", [self.condition(c, table, alias) for c in items])

    def _field(self, table: str, name: str, ftype: FieldType, alias: str) -> Value | None:
        if not self.layout.has(table, name):
            return None
        value = (self.event_time(alias) if table != LEAD and name == EVENT_TIME
                 else self.column(alias, name))
        required = name == LEAD_KEY if table == LEAD else name in (EVENT_LEAD_KEY, EVENT_TIME)
        stored = self.layout.table(table)
        engine = (stored is not None and stored.source is not None
                  and not self.layout.python_lower)
        shadow: Node = self.column(alias, lower_column(name))
        # Where the shadow is NULL: the value is its own lower case, or (engine
        # shadows) the engine's lower() of it is Python's.  DuckDB reads every store
        # so: its lower() changes no character Python's leaves as it is (a test
        # checks every code point), so a NULL shadow of the earlier kind is right too.
        by_engine = ((self.layout.engine_shadows or self.dialect == "duckdb")
                     and stored is not None and stored.source is None)
        if ftype == T:
            own: Node = exp.Lower(this=value) if by_engine else value
            lowered: Node = exp.Coalesce(this=shadow, expressions=[own])
            return Value(value, lowered, not required, engine)
        if ftype == L:
            if by_engine:
                sep = exp.Literal.string(TAG_SEPARATOR)
                shadow = exp.Coalesce(this=shadow, expressions=[exp.DPipe(
                    this=exp.DPipe(this=sep, expression=exp.Lower(this=value)),
                    expression=sep)])
            return Value(value, shadow, engine_lower=engine)
        return Value(value, nullable=not required)

    # -- event blocks ----------------------------------------------------------
    # -- event blocks ----------------------------------------------------------
    def event_block(self, e: ast.EventBlock, extra: Sequence[Node] = ()) -> Node:
        """The block as a test on the lead; ``extra`` narrows the selected events
        further (a scoring model's window)."""
        if self.layout.table(e.source) is None:  # no stored events of this source
            return boolean(e.per is None and self._holds_on_empty(e))
        with self.root():
            return self._event_block(e, extra)

    def _event_block(self, e: ast.EventBlock, extra: Sequence[Node]) -> Node:
        where: list[Node] = [self.until_as_of(EVENT_ALIAS), *extra]
        if e.conditions is not None:
            where.append(self.conditions(e.conditions, e.mode, e.source, EVENT_ALIAS))
        qs = e.quantifiers
        if e.per is None and all(isinstance(q, ast.AnyEvent) for q in qs):
            return self._leads_with(e.source, where)
        if e.per is None and all(isinstance(q, ast.NoEvent) for q in qs):
            return negate(self._leads_with(e.source, where))
        empty_holds = e.per is None and self._holds_on_empty(e)
        if empty_holds:  # the groups where the quantifiers do NOT hold
            with self._negated():
                held = join(True, [self.quantifier(q, e.source) for q in qs])
            return negate(self._leads_with(e.source, where, negate(held)))
        held = join(True, [self.quantifier(q, e.source) for q in qs])
        if e.per is not None:
            ptype = self.program.field_type(e.source, e.per)
            per = self._field(e.source, e.per, ptype, EVENT_ALIAS)
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
        lead_id = self.column(EVENT_ALIAS, EVENT_LEAD_KEY)
        # hybrid: a correlated probe for plain exists / none, IN for grouped tests.
        correlated = self.shape == "correlated" or (self.shape == "hybrid" and having is None)
        if correlated:
            where = [exp.EQ(this=lead_id, expression=self.column(LEAD_ALIAS, LEAD_KEY)),
                     *where]
        else:
            where = [*self.given(lead_id.copy()), *where]
        inner = (exp.select(exp.Literal.number(1) if correlated else lead_id, copy=False)
                 .from_(self.table(source, EVENT_ALIAS), copy=False)
                 .where(join(True, where), copy=False))
        if having is not None:
            keys = [lead_id] if group is None else [lead_id, group]
            inner = inner.group_by(*keys, copy=False).having(having, copy=False)
        if correlated:
            return exp.Exists(this=inner)
        return exp.In(this=self.column(LEAD_ALIAS, LEAD_KEY), query=inner.subquery(copy=False))

    def quantifier(self, q: ast.Quantifier, source: str) -> Node:
        """The quantifier as a test on aggregates of the (grouped) selected events."""
        count = exp.Count(this=exp.Star())
        if isinstance(q, ast.AnyEvent):
            return exp.GT(this=count, expression=exp.Literal.number(0))
        if isinstance(q, ast.NoEvent):
            return exp.EQ(this=count, expression=exp.Literal.number(0))
        if isinstance(q, ast.Aggregate):
            return self._aggregate(q, source, count)
        assert_never(q)

    def _aggregate(self, q: ast.Aggregate, source: str, count: Node) -> Node:
        ftype = self._aggregate_type(q, source)
        field = EVENT_TIME if q.func in ("first", "last") else q.field
        if field is not None and not self.layout.has(source, field):
            # Every value missing: the aggregate of nothing, as the evaluator has it.
            return boolean(holds_for_constant(q.test, empty_aggregate(q.func)))
        column = self.column(EVENT_ALIAS, field) if field is not None else None
        value: Node
        # NULL over no values: the aggregates whose value of nothing is missing.
        nullable = empty_aggregate(q.func) is None and field != EVENT_TIME
        match q.func:
            case "count":
                value = count
            case "count distinct":
                value = exp.Count(this=exp.Distinct(expressions=[column]))
            case "sum":
                assert column is not None
                value = exp.Coalesce(this=self._exact_sum(column),
                                     expressions=[exp.Literal.number(0)])
            case "avg" if self.dialect not in _EXACT_SUMS:
                value = exp.Avg(this=column)
            case "avg":
                assert column is not None
                # The sum over the number of values, in floating point, as memory has it.
                value = exp.Div(this=self._exact_sum(column), expression=exp.Nullif(
                    this=exp.Cast(this=exp.Count(this=column.copy()),
                                  to=exp.DataType.build("DOUBLE")),
                    expression=exp.Literal.number(0)))
            case "min" | "first":
                value = exp.Min(this=column)
            case "max" | "last":
                value = exp.Max(this=column)
            case _:
                assert_never(q.func)
        return self.test(q.test, ftype, Value(value, nullable=nullable))

    def _exact_sum(self, column: Node) -> Node:
        """The sum of a number column as memory computes it (runtime.decimal_sum):
        each value as its shortest decimal, added exactly, rounded once to a
        double; NULL over no values.  SQLite calls that very function (a Python
        aggregate); PostgreSQL adds NUMERICs made from the double's text (its
        shortest decimal); DuckDB and Spark add DECIMAL(38, 18)s made from the
        double's text where every value of the group reads back exactly from one
        (|x| < 1e11, so a billion of them cannot overflow; at most 18 decimals),
        else DuckDB's compensated ``fsum`` (Spark: ``SUM``).  The warehouse
        dialects, which the tests cannot run, keep SUM."""
        if self.dialect == "sqlite":
            return exp.Anonymous(this="leadrules_sum", expressions=[column])
        text = exp.DataType.build("TEXT")
        if self.dialect == "postgres":
            return exp.Cast(this=exp.Sum(this=exp.Cast(this=exp.Cast(this=column, to=text),
                                                        to=exp.DataType.build("DECIMAL"))),
                            to=exp.DataType.build("DOUBLE"))
        if self.dialect not in _EXACT_SUMS:
            return exp.Sum(this=column)
        double = exp.DataType.build("DOUBLE")
        decimal = exp.DataType.build("DECIMAL(38, 18)")
        as_decimal = exp.Case(ifs=[exp.If(
            this=exp.LT(this=exp.Abs(this=column.copy()), expression=exp.Literal.number("1e11")),
            true=exp.TryCast(this=exp.Cast(this=column.copy(), to=text), to=decimal))])
        back = exp.Cast(this=exp.Cast(this=as_decimal.copy(), to=text.copy()), to=double)
        exact_values = exp.Sum(this=exp.Case(ifs=[exp.If(
            this=exp.EQ(this=back, expression=column.copy()), true=exp.Literal.number(1))],
            default=exp.Literal.number(0)))
        summed = (exp.Anonymous(this="try_sum", expressions=[as_decimal.copy()])
                  if self.dialect == "spark" else exp.Sum(this=as_decimal.copy()))
        # Otherwise DuckDB's compensated sum (Kahan-Babuska: 1e30 + 0.1 - 1e30 is
        # 0.1, as the exact sum), Spark's plain SUM.
        fallback = (exp.Anonymous(this="fsum", expressions=[column.copy()])
                    if self.dialect == "duckdb" else exp.Sum(this=column.copy()))
        return exp.Case(ifs=[exp.If(
            this=exp.EQ(this=exp.Count(this=column.copy()), expression=exact_values),
            true=exp.Cast(this=exp.Cast(this=summed, to=text.copy()), to=double.copy()))],
            default=fallback)

    def _aggregate_type(self, q: ast.Aggregate, source: str) -> FieldType:
        field = None if q.field is None else self.program.field_type(source, q.field)
        return aggregate_type(q.func, field)

    def _holds_on_empty(self, e: ast.EventBlock) -> bool:
        """Whether the block's quantifiers hold for a lead with no selected events."""
        for q in e.quantifiers:
            if isinstance(q, ast.AnyEvent):
                return False
            if (isinstance(q, ast.Aggregate)
                    and not holds_for_constant(q.test, empty_aggregate(q.func))):
                return False
        return True

    # -- tests -----------------------------------------------------------------
    def test(self, t: ast.Test, ftype: FieldType, ref: Value) -> Node:
        """Test ``t`` on ``ref``: TRUE or FALSE, or NULL where that means FALSE."""
        is_null = exp.Is(this=ref.value, expression=exp.null())
        if isinstance(t, ast.Present):
            return is_null if t.negated else exp.Not(this=is_null)
        positive = negation_of(t)
        if positive is not None:
            with self._negated():
                return negate(self.test(positive, ftype, ref))
        present = self._present(t, ftype, ref)
        # The guard is needed only where NULL would not act as FALSE: under an
        # odd number of NOTs (see _negated); and always when the test does not
        # read the value (a constant: `contains ""`).
        if not ref.nullable or (not self._odd and not isinstance(present, exp.Boolean)):
            return paren(present)
        return paren(exp.and_(exp.Not(this=is_null), paren(present), copy=False))

    def _present(self, t: ast.Test, ftype: FieldType, ref: Value) -> Node:
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
                              expressions=[self.lowered(ast.text_value(v), ref) for v in t.values])
            return exp.In(this=x, expressions=[self.param(ast.number_value(v)) for v in t.values])
        if isinstance(t, ast.Contains):
            return self._contains(ast.text_value(t.value), ftype, ref)
        if isinstance(t, ast.TextTest):
            return self._text_test(t.op, ast.text_value(t.value), ref)
        if isinstance(t, ast.Between):
            return exp.and_(self._compare(">=", t.low, ftype, ref),
                            self._compare("<=", t.high, ftype, ref), copy=False)
        if isinstance(t, ast.Within):
            cut = self.param(self.tc.minus(t.amount, t.unit))
            return exp.and_(exp.GTE(this=x, expression=cut),
                            exp.LTE(this=x, expression=self.param(self.tc.as_of)), copy=False)
        if isinstance(t, ast.OlderThan):
            return exp.LT(this=x, expression=self.param(self.tc.minus(t.amount, t.unit)))
        if isinstance(t, ast.DatePoint):
            return self._compare(date_point_op(t.op), t.value, ftype, ref)
        if isinstance(t, ast.InPeriod):
            start, end = self.tc.period_bounds(t.which, t.period)
            return in_range(x, self.param(start), self.param(end))
        if isinstance(t, ast.Present):
            raise AssertionError(t)  # handled by test()
        assert_never(t)

    def _compare(self, op: ast.CompareOp, value: ast.Value, ftype: FieldType, ref: Value
                 ) -> Node:
        x = ref.value
        if ftype == T:
            assert ref.lowered is not None
            return exp.EQ(this=ref.lowered, expression=self.lowered(ast.text_value(value), ref))
        if ftype == B:
            assert isinstance(value, ast.Bool)
            return exp.EQ(this=x, expression=self.param(value.value))
        if ftype == D and isinstance(value, ast.Day):
            # A bare date is the half-open interval [start, end) of its day.
            start, end = (self.param(b) for b in self.tc.day_bounds(value.value))
            match op:
                case "=":
                    return in_range(x, start, end)
                case "<":  # before the day starts
                    return exp.LT(this=x, expression=start)
                case ">=":  # from its start on
                    return exp.GTE(this=x, expression=start)
                case "<=":  # before the day ends
                    return exp.LT(this=x, expression=end)
                case ">":  # from the next day's start on
                    return exp.GTE(this=x, expression=end)
                case "!=":
                    raise AssertionError(op)  # a negation: compiled as NOT of `=`
                case _:
                    assert_never(op)
        operand = (self.param(self.tc.instant(value.value)) if isinstance(value, ast.Instant)
                   else self.param(ast.number_value(value)))
        return comparison(op, x, operand)

    def lowered(self, text: str, ref: Value) -> Node:
        """A text operand lower-cased as ``ref``'s lowered form is: by Python
        (``x__lower`` shadows hold Python's ``str.lower()``) or by the engine."""
        if ref.engine_lower:
            return exp.Lower(this=self.param(text))
        return self.param(text.lower())

    def _contains(self, needle: str, ftype: FieldType, ref: Value) -> Node:
        assert ref.lowered is not None
        if ftype == L:
            # Tags are stored as "|a|b|": a tag equals the needle iff "|needle|"
            # occurs.  No tag contains "|", so such a needle matches nothing.
            if "|" in needle:
                return exp.false()
            needle = f"|{needle}|"
        elif not needle:
            return exp.true()
        position = exp.StrPosition(this=ref.lowered, substr=self.lowered(needle, ref))
        return exp.GT(this=position, expression=exp.Literal.number(0))

    def _text_test(self, op: ast.TextOp, operand: str, ref: Value) -> Node:
        match op:
            case "matches":
                pattern = (operand if self.dialect == "sqlite"
                           else regex.translate(operand, self.dialect))
                if self.dialect == "snowflake":
                    # Snowflake's REGEXP_LIKE / RLIKE match the whole string;
                    # REGEXP_INSTR searches (0: no match), as `matches` does.
                    position = exp.Anonymous(this="REGEXP_INSTR",
                                             expressions=[ref.value, self.param(pattern)])
                    return exp.GT(this=position, expression=exp.Literal.number(0))
                return exp.RegexpLike(this=ref.value, expression=self.param(pattern))
            case "starts with" | "ends with":
                return self._affix(op, operand, ref)
            case _:
                assert_never(op)

    def _affix(self, op: Literal["starts with", "ends with"], operand: str, ref: Value
               ) -> Node:
        """``starts with`` / ``ends with``, case-insensitive."""
        assert ref.lowered is not None
        needle = operand if ref.engine_lower else operand.lower()
        if not needle:
            return exp.true()
        x = ref.lowered
        p = exp.Lower(this=self.param(needle)) if ref.engine_lower else self.param(needle)
        n = self.param(len(needle))
        if self.dialect == "postgres":
            # LIKE with the needle escaped: three times faster than starts_with().
            escaped = re.sub(r"([\\%_])", r"\\\1", needle)
            pattern = f"{escaped}%" if op == "starts with" else f"%{escaped}"
            return exp.Like(this=x, expression=self.lowered(pattern, ref) if ref.engine_lower
                            else self.param(pattern))
        match op:
            case "starts with":
                if self.dialect == "sqlite":
                    return exp.EQ(this=exp.Substring(this=x, start=exp.Literal.number(1),
                                                     length=n), expression=p)
                return exp.StartsWith(this=x, expression=p)
            case "ends with":
                if self.dialect == "sqlite":
                    return exp.EQ(this=exp.Substring(this=x, start=self.param(-len(needle))),
                                  expression=p)
                return exp.EndsWith(this=x, expression=p)
            case _:
                assert_never(op)


# ------------------------------------------------------------------- helpers


# Segments compiled in place nest at most this deep where their connectives
# differ (deeper, sqlglot's recursive generator and SQLite's depth limit would
# fail); beyond it a segment named once is a CTE as well.
_INLINE_NESTING = 16


_EXACT_SUMS = ("sqlite", "postgres", "duckdb", "spark")
"""The dialects whose sums are memory's (:meth:`ExpressionCompiler._exact_sum`)."""


def paren(e: Node) -> Node:
    return e if isinstance(e, exp.Paren | exp.Boolean | exp.Column) else exp.Paren(this=e)


def negate(e: Node) -> Node:
    return exp.Not(this=paren(e))


# Longer AND / OR chains are joined in parenthesised groups of this many operands
# (groups of groups, …): sqlglot nests a chain one level per operand, and SQLite
# refuses expressions deeper than 1,000 levels.  The order is kept.
_FLAT_JOIN = 16


def join(conjunction: bool, items: list[Node]) -> Node:
    wrapped = [paren(i) for i in items]
    while len(wrapped) > _FLAT_JOIN:
        wrapped = [paren(_join(conjunction, wrapped[i:i + _FLAT_JOIN]))
                   for i in range(0, len(wrapped), _FLAT_JOIN)]
    return _join(conjunction, wrapped)


def _join(conjunction: bool, wrapped: list[Node]) -> Node:
    if len(wrapped) == 1:
        return wrapped[0]
    # copy=False: the items are fresh subtrees; sqlglot's default deep copy per
    # level makes compiling nested conditions quadratic.
    return exp.and_(*wrapped, copy=False) if conjunction else exp.or_(*wrapped, copy=False)


def boolean(value: bool) -> Node:
    return exp.true() if value else exp.false()


def flag(condition: Node) -> Node:
    """A condition as 1 / 0: booleans are not values in every dialect's select list."""
    return when(condition, exp.Literal.number(1), exp.Literal.number(0))


def when(condition: Node, then: Node, otherwise: Node) -> Node:
    return exp.Case().when(condition, then, copy=False).else_(otherwise, copy=False)


def in_range(x: Node, start: Node, end: Node) -> Node:
    return exp.and_(exp.GTE(this=x, expression=start), exp.LT(this=x, expression=end), copy=False)


def comparison(op: ast.CompareOp, x: Node, y: Node) -> Node:
    """``x OP y``."""
    match op:
        case "=":
            return exp.EQ(this=x, expression=y)
        case "!=":
            return exp.NEQ(this=x, expression=y)
        case "<":
            return exp.LT(this=x, expression=y)
        case "<=":
            return exp.LTE(this=x, expression=y)
        case ">":
            return exp.GT(this=x, expression=y)
        case ">=":
            return exp.GTE(this=x, expression=y)
        case _:
            assert_never(op)


# The text elements of a JSON array of ids (a bound parameter), as the column
# ``member``, in the warehouse dialects: written in each dialect and parsed by
# sqlglot, with the placeholder column ``leadrules_array`` then replaced by the
# array (docs/dialects.md lists the functions).
_ELEMENTS = {
    "bigquery": "SELECT member FROM UNNEST(JSON_VALUE_ARRAY(leadrules_array)) AS member",
    "snowflake": "SELECT CAST(j.value AS VARCHAR) AS member "
                 "FROM TABLE(FLATTEN(INPUT => PARSE_JSON(leadrules_array))) AS j",
    "trino": "SELECT member FROM UNNEST(CAST(JSON_PARSE(leadrules_array) AS ARRAY(VARCHAR))) "
             "AS j(member)",
}


def _warehouse_elements(dialect: str, array: Node) -> exp.Select:
    import sqlglot
    template = sqlglot.parse_one(_ELEMENTS[dialect], read=dialect)
    assert isinstance(template, exp.Select)

    def put(node: Node) -> Node:
        if isinstance(node, exp.Column) and node.name == "leadrules_array":
            return array.copy()
        return node

    out = template.transform(put)
    assert isinstance(out, exp.Select)
    return out

