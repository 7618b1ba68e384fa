"""Checked program -> one SQL query per segment, built as a sqlglot tree.

The query, for a segment ``s`` that references ``r``::

    WITH "seg_1" AS (SELECT l.id FROM lead AS l WHERE <alive> AND <r>)
    SELECT l.id FROM lead AS l WHERE <alive> AND <s>

Each referenced segment is one CTE, compiled once however often it is used;
``<alive>`` drops leads created after ``as_of``.  Semantics are those of
:mod:`leadrules.compile_python`, closed over SQL's three-valued logic:

* every positive test is guarded, ``x IS NOT NULL AND <test>``, so it is
  FALSE (never NULL) on a missing value and ``NOT`` is exactly Python's ``not``;
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

Every value of the rules is a bind parameter (``SqlQuery.params``);
:meth:`SqlQuery.render` can instead inline them as literals through the
sqlglot tree, for printing warehouse SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs
import sqlglot
from sqlglot import exp

if TYPE_CHECKING:
    # sqlglot's base node class (named Expr since sqlglot 30).
    from sqlglot.expressions import Expr as Node

from .. import ast, runtime
from ..check import Program
from ..compile_python import segment_expression
from ..dates import TimeContext
from ..errors import StoreError, UsageError
from ..explain import Explainer
from ..schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD, LEAD_KEY, FieldType
from . import regex
from .dialects import DIALECTS
from .layout import Layout, lower_column, to_micros

Shape = Literal["semijoin", "correlated", "hybrid"]

T, N, B, D, L = (FieldType.TEXT, FieldType.NUMBER, FieldType.BOOL, FieldType.DATETIME,
                 FieldType.TEXT_LIST)
_LEAD_ALIAS = "l"
_EVENT_ALIAS = "e"
_CREATED = "created_at"


class NotInSql(StoreError):
    """A construct the SQL compiler does not handle (yet); stores evaluate in memory."""


@attrs.frozen
class SqlQuery:
    """A compiled segment: the sqlglot tree with named placeholders and their values."""

    tree: Node
    params: Mapping[str, Any]
    dialect: str
    datetime_as_micros: bool = False

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
    if dialect not in DIALECTS:
        raise UsageError(f"unknown SQL dialect '{dialect}' (one of {', '.join(DIALECTS)})")
    if program.segment(name) is None:
        raise UsageError(f"no segment named '{name}'")
    return SegmentSqlCompiler(program, layout, dialect, tc, shape).select(name)


class SegmentSqlCompiler:
    """Compiles segments of one program for one store layout, dialect and as_of."""

    def __init__(self, program: Program, layout: Layout, dialect: str, tc: TimeContext,
                 shape: Shape = "semijoin") -> None:
        self.program = program
        self.layout = layout
        self.dialect = dialect
        self.tc = tc
        self.shape = shape
        self.params: dict[str, Any] = {}
        self._param_names: dict[tuple[type, Any], str] = {}
        self._ctes: dict[str, str] = {}
        # The evaluator's own code decides constant cases (the empty event set).
        self._static = Explainer(program, tc)

    # -- the query -----------------------------------------------------------
    def select(self, name: str) -> SqlQuery:
        needed = set(_referenced(self.program, name))
        ctes: list[tuple[str, exp.Select]] = []
        for index, seg in enumerate(self.program.segments):
            if seg.name in needed and seg.name != name:
                cte = f"seg_{index}"
                ctes.append((cte, self._segment_select(seg)))
                self._ctes[seg.name] = cte
        target = self.program.segment(name)
        assert target is not None
        query = self._segment_select(target)
        for cte, body in ctes:
            query = query.with_(cte, as_=body)
        # Only the parameters the tree uses: drivers refuse extra ones.
        used = {node.name for node in query.find_all(exp.Placeholder)}
        params = {k: v for k, v in self.params.items() if k in used}
        return SqlQuery(query, params, self.dialect, self.layout.datetime_as_micros)

    def _segment_select(self, seg: ast.Segment) -> exp.Select:
        where = exp.and_(self._alive(), _paren(self.expr(segment_expression(seg))))
        return (exp.select(self._column(_LEAD_ALIAS, LEAD_KEY))
                .from_(self._table(LEAD, _LEAD_ALIAS)).where(where))

    def _alive(self) -> Node:
        """A lead created after as_of does not exist (see ``api.exists_as_of``)."""
        lead = self.program.schema.lead.field(_CREATED)
        if lead is None or lead.type != D or not self.layout.has(LEAD, _CREATED):
            return exp.true()
        created = self._column(_LEAD_ALIAS, _CREATED)
        return _paren(exp.or_(exp.Is(this=created, expression=exp.null()),
                              exp.LTE(this=created, expression=self.param(self.tc.as_of))))

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
            cte = self._ctes[e.name]
            inner = exp.select(exp.column(LEAD_KEY, quoted=True)).from_(cte)
            return exp.In(this=self._column(_LEAD_ALIAS, LEAD_KEY), query=inner.subquery())
        if isinstance(e, ast.Not):
            return _not(self.expr(e.item))
        if isinstance(e, ast.And | ast.Or):
            return _join(isinstance(e, ast.And), [self.expr(i) for i in e.items])
        if isinstance(e, ast.FieldTest):
            return self.condition(e, LEAD, _LEAD_ALIAS)
        if isinstance(e, ast.LeadBlock):
            return self.conditions(e.conditions, e.mode, LEAD, _LEAD_ALIAS)
        if isinstance(e, ast.EventBlock):
            return self.event_block(e)
        if isinstance(e, ast.LabelRef):  # pragma: no cover - labels are substituted first
            raise AssertionError(e)
        raise NotInSql(f"{type(e).__name__} conditions are not compiled to SQL yet")

    def condition(self, e: ast.Expr, table: str, alias: str) -> Node:
        """A condition on one record (the lead, or an event inside braces)."""
        if isinstance(e, ast.FieldTest):
            ftype = self.program.field_type(table, e.field)
            ref = self._field(table, e.field, ftype, alias)
            if ref is None:  # a field the store lacks: every value is missing
                return _bool(self._holds(e.test, ftype, None))
            return self.test(e.test, ftype, ref)
        if isinstance(e, ast.Not):
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
    def event_block(self, e: ast.EventBlock) -> Node:
        if self.layout.table(e.source) is None:  # no stored events of this source
            return _bool(e.per is None and self._holds_on_empty(e))
        where: list[Node] = [
            exp.LTE(this=self._column(_EVENT_ALIAS, EVENT_TIME),
                    expression=self.param(self.tc.as_of))]
        if e.conditions is not None:
            where.append(self.conditions(e.conditions, e.mode, e.source, _EVENT_ALIAS))
        qs = e.quantifiers
        if e.per is None and all(isinstance(q, ast.AnyEvent) for q in qs):
            return self._leads_with(e.source, where)
        if e.per is None and all(isinstance(q, ast.NoEvent) for q in qs):
            return _not(self._leads_with(e.source, where))
        held = _join(True, [self.quantifier(q, e.source) for q in qs])
        if e.per is not None:
            ptype = self.program.field_type(e.source, e.per)
            per = self._field(e.source, e.per, ptype, _EVENT_ALIAS)
            if per is None:  # every key missing: no group at all
                return exp.false()
            where.append(exp.Not(this=exp.Is(this=per.value, expression=exp.null())))
            return self._leads_with(e.source, where, held, per.value)
        if self._holds_on_empty(e):
            return _not(self._leads_with(e.source, where, _not(held)))
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
                 .from_(self._table(source, _EVENT_ALIAS)).where(_join(True, where)))
        if having is not None:
            keys = [lead_id] if group is None else [lead_id, group]
            inner = inner.group_by(*keys).having(having)
        if correlated:
            return exp.Exists(this=inner)
        return exp.In(this=self._column(_LEAD_ALIAS, LEAD_KEY), query=inner.subquery())

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
        """Test ``t`` on ``ref``: TRUE or FALSE, never NULL."""
        is_null = exp.Is(this=ref.value, expression=exp.null())
        if isinstance(t, ast.Present):
            return is_null if t.negated else exp.Not(this=is_null)
        negated = ((isinstance(t, ast.Compare) and t.op == "!=")
                   or (isinstance(t, ast.InList | ast.Contains) and t.negated))
        if negated:
            return _not(self.test(_positive(t), ftype, ref))
        present = self._present(t, ftype, ref)
        if not ref.nullable:
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
                              expressions=[self.param(_text(v).lower()) for v in t.values])
            return exp.In(this=x, expressions=[self.param(_num(v)) for v in t.values])
        if isinstance(t, ast.Contains):
            return self._contains(_text(t.value).lower(), ftype, ref)
        if isinstance(t, ast.TextTest):
            return self._text_test(t.op, _text(t.value), ref)
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
            return exp.EQ(this=ref.lowered, expression=self.param(_text(value).lower()))
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
                   else self.param(_num(value)))
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
        if op == "starts with":
            if self.dialect == "sqlite":
                return exp.EQ(this=exp.Substring(this=x, start=exp.Literal.number(1), length=n),
                              expression=p)
            return exp.StartsWith(this=x, expression=p)
        if self.dialect == "sqlite":
            return exp.EQ(this=exp.Substring(this=x, start=self.param(-len(needle))),
                          expression=p)
        if self.dialect == "postgres":
            return exp.EQ(this=exp.Anonymous(this="RIGHT", expressions=[x, n]), expression=p)
        return exp.EndsWith(this=x, expression=p)


# ------------------------------------------------------------------- helpers


def _referenced(program: Program, name: str) -> Iterator[str]:
    """``name`` and every segment it references, directly or not."""
    seen: set[str] = set()
    stack = [name]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        seg = program.segment(current)
        assert seg is not None
        stack.extend(_segment_refs(seg))


def _segment_refs(seg: ast.Segment) -> list[str]:
    exprs: list[ast.Expr] = [b.expr for b in seg.blocks]
    if seg.match is not None:
        exprs.append(seg.match)
    found = []
    while exprs:
        e = exprs.pop()
        if isinstance(e, ast.SegmentRef):
            found.append(e.name)
        elif isinstance(e, ast.Not):
            exprs.append(e.item)
        elif isinstance(e, ast.And | ast.Or):
            exprs.extend(e.items)
    return found


def _paren(e: Node) -> Node:
    return e if isinstance(e, exp.Paren | exp.Boolean | exp.Column) else exp.Paren(this=e)


def _not(e: Node) -> Node:
    return exp.Not(this=_paren(e))


def _join(conjunction: bool, items: list[Node]) -> Node:
    wrapped = [_paren(i) for i in items]
    return exp.and_(*wrapped) if conjunction else exp.or_(*wrapped)


def _bool(value: bool) -> Node:
    return exp.true() if value else exp.false()


def _range(x: Node, start: Node, end: Node) -> Node:
    return exp.and_(exp.GTE(this=x, expression=start), exp.LT(this=x, expression=end))


def _positive(t: ast.Test) -> ast.Test:
    if isinstance(t, ast.Compare):
        return attrs.evolve(t, op="=")
    assert isinstance(t, ast.InList | ast.Contains)
    return attrs.evolve(t, negated=False)


def _text(v: ast.Value) -> str:
    assert isinstance(v, ast.Text)
    return v.value


def _num(v: ast.Value) -> int | float:
    assert isinstance(v, ast.Number)
    return v.value


def parse_back(sql: str, dialect: str) -> Node:
    """Parse rendered SQL with sqlglot (the non-executable dialects' test)."""
    return sqlglot.parse_one(sql, read=dialect)
