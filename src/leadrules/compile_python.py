"""Checked program -> Python source -> one function per segment.

The generated source is compiled once per program.  It defines a factory
whose parameters are every constant the rules need: literal sets, lower-cased
strings and compiled regexes (fixed), and instants derived from ``as_of``
(``within 30 days`` -> the cutoff instant), computed once per evaluation by
:class:`~leadrules.dates.TimeContext`.  Calling the factory gives closures
``segment(lead, events) -> bool`` that run at the speed of a hand-written
function: no type dispatch per record, early exits on ``exists`` / ``none``,
one pass over each source's events.

Records are the normalised dicts of the stores: every field present, missing
as None, text non-empty, events of each source sorted by ``occurred_at``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from . import ast, runtime
from .check import Program
from .dates import TimeContext
from .schema import EVENT_TIME, LEAD, FieldType
from .semantics import (
    DEFAULT_START_GRADE,
    expression_cost,
    negation_of,
    regex,
    rule_key,
    rule_mode,
    segment_expression,
    using_map,
)

Record = dict[str, Any]
Events = Mapping[str, Sequence[Record]]
SegmentFunction = Callable[[Record, Events], bool]
TimeValue = Callable[[TimeContext], Any]

T, N, B, D, L = (FieldType.TEXT, FieldType.NUMBER, FieldType.BOOL, FieldType.DATETIME,
                 FieldType.TEXT_LIST)

_AGG_HELPERS = {
    "count distinct": "_count_distinct", "sum": "_total", "avg": "_average",
    "min": "_minimum", "max": "_maximum", "first": "_first", "last": "_last",
}



class Codegen:
    """Generates Python expressions for tests, conditions and blocks.

    Also used by the explainer to compile single conditions, so the two
    evaluate every condition with the same code.
    """

    def __init__(self, program: Program) -> None:
        self.program = program
        self.fixed: dict[str, Any] = {
            "_count_distinct": runtime.count_distinct, "_total": runtime.total,
            "_average": runtime.average, "_minimum": runtime.minimum,
            "_maximum": runtime.maximum, "_first": runtime.first, "_last": runtime.last,
            "_groups": runtime.groups,
        }
        self.timed: dict[str, TimeValue] = {"AS_OF": lambda tc: tc.as_of}
        self._keys: dict[Any, str] = {}
        self.functions: list[str] = []
        self._n = 0

    # -- names -------------------------------------------------------------
    def fresh(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def const(self, value: Any, key: Any = None) -> str:
        """A name bound to a fixed value (deduplicated by ``key``)."""
        k = ("fixed", key if key is not None else (type(value), value))
        if k not in self._keys:
            self._keys[k] = name = self.fresh("_k")
            self.fixed[name] = value
        return self._keys[k]

    def time(self, key: Any, fn: TimeValue) -> str:
        """A name bound to an instant derived from the evaluation's as_of."""
        k = ("time", key)
        if k not in self._keys:
            self._keys[k] = name = self.fresh("_t")
            self.timed[name] = fn
        return self._keys[k]

    def day_start(self, day: dt.date) -> str:
        return self.time(("day", day), lambda tc: tc.day_start(day))

    def day_end(self, day: dt.date) -> str:
        nxt = day + dt.timedelta(days=1)
        return self.time(("day", nxt), lambda tc: tc.day_start(nxt))

    def instant(self, value: dt.datetime) -> str:
        return self.time(("instant", value, value.tzinfo), lambda tc: tc.instant(value))

    # -- tests ---------------------------------------------------------------
    def test(self, t: ast.Test, ftype: FieldType, v: str) -> str:
        """A Python expression: does test ``t`` hold for the value expression ``v``?"""
        if isinstance(t, ast.Present):
            return f"({v} is None)" if t.negated else f"({v} is not None)"
        if isinstance(t, ast.IsTrue):
            return f"({v} is True)"
        positive = negation_of(t)
        if positive is not None:
            # Two-valued logic: a negation is exactly `not` of the positive test,
            # so missing values make every negation true.
            return f"(not {self.test(positive, ftype, v)})"
        tmp = self.fresh("_v")
        bound = f"({tmp} := {v}) is not None"
        return f"({bound} and {self._present(t, ftype, tmp)})"

    def _present(self, t: ast.Test, ftype: FieldType, x: str) -> str:
        """The test on a value known to be present, named ``x``."""
        if isinstance(t, ast.Compare):
            return self._compare(t.op, t.value, ftype, x)
        if isinstance(t, ast.InList):
            if ftype == T:
                values = frozenset(ast.text_value(v).lower() for v in t.values)
                return f"{x}.lower() in {self.const(values)}"
            return f"{x} in {self.const(frozenset(ast.number_value(v) for v in t.values))}"
        if isinstance(t, ast.Contains):
            needle = self.const(ast.text_value(t.value).lower())
            if ftype == L:
                return f"any(_i.lower() == {needle} for _i in {x})"
            return f"{needle} in {x}.lower()"
        if isinstance(t, ast.TextTest):
            if t.op == "matches":
                rx = self.const(regex(ast.text_value(t.value)), ("regex", ast.text_value(t.value)))
                return f"{rx}.search({x}) is not None"
            method = "startswith" if t.op == "starts with" else "endswith"
            return f"{x}.lower().{method}({self.const(ast.text_value(t.value).lower())})"
        if isinstance(t, ast.Between):
            low = self._compare(">=", t.low, ftype, x)
            high = self._compare("<=", t.high, ftype, x)
            return f"{low} and {high}"
        if isinstance(t, ast.Within):
            cut = self.time(("minus", t.amount, t.unit), _minus(t.amount, t.unit))
            return f"{cut} <= {x} <= AS_OF"
        if isinstance(t, ast.OlderThan):
            cut = self.time(("minus", t.amount, t.unit), _minus(t.amount, t.unit))
            return f"{x} < {cut}"
        if isinstance(t, ast.DatePoint):
            op = {"before": "<", "after": ">", "on": "="}[t.op]
            return self._compare(op, t.value, ftype, x)
        if isinstance(t, ast.InPeriod):
            which, period = t.which, t.period
            start = self.time(("period", which, period, 0),
                              lambda tc: tc.period_bounds(which, period)[0])
            end = self.time(("period", which, period, 1),
                            lambda tc: tc.period_bounds(which, period)[1])
            return f"{start} <= {x} < {end}"
        raise AssertionError(t)  # pragma: no cover - the checker admits no other test

    def _compare(self, op: str, value: ast.Value, ftype: FieldType, x: str) -> str:
        if ftype == T:
            return f"{x}.lower() == {self.const(ast.text_value(value).lower())}"
        if ftype == B:
            assert isinstance(value, ast.Bool)
            return f"{x} is {value.value}"
        if ftype == D and isinstance(value, ast.Day):
            # A bare date is the half-open interval [start, end) of its day.
            start, end = self.day_start(value.value), self.day_end(value.value)
            return {
                "=": f"{start} <= {x} < {end}", "<": f"{x} < {start}",
                "<=": f"{x} < {end}", ">": f"{x} >= {end}", ">=": f"{x} >= {start}",
            }[op]
        if ftype == D:
            assert isinstance(value, ast.Instant)
            operand = self.instant(value.value)
        else:
            operand = self.const(ast.number_value(value))
        return f"{x} {'==' if op == '=' else op} {operand}"

    # -- conditions ----------------------------------------------------------
    def condition(self, e: ast.Expr, table: str, r: str) -> str:
        """A condition inside braces (or a lead condition) on the record ``r``."""
        if isinstance(e, ast.FieldTest):
            ftype = self.program.field_type(table, e.field)
            return self.test(e.test, ftype, f"{r}[{e.field!r}]")
        if isinstance(e, ast.Not):
            return f"(not {self.condition(e.item, table, r)})"
        if isinstance(e, ast.And | ast.Or):
            joiner = " and " if isinstance(e, ast.And) else " or "
            return "(" + joiner.join(self.condition(i, table, r) for i in e.items) + ")"
        raise AssertionError(e)  # pragma: no cover

    def conditions(self, conds: Sequence[ast.Expr], mode: str, table: str, r: str) -> str:
        if not conds:
            return "True" if mode == "all" else "False"
        joiner = " and " if mode == "all" else " or "
        return "(" + joiner.join(self.condition(c, table, r) for c in conds) + ")"

    def decay_factor(self, model: ast.Scoring, when: str) -> str | None:
        """The expression for an event's decay factor, or None without decay."""
        if model.decay is None:
            return None
        amount, unit = model.decay.amount, model.decay.unit
        half_life = self.time(("half-life", amount, unit),
                              lambda tc: (tc.as_of - tc.minus(amount, unit)).total_seconds())
        now = self.time(("as_of seconds",), lambda tc: tc.as_of.timestamp())
        return f"0.5 ** (({now} - {when}.timestamp()) / {half_life})"

    # -- quantifiers ---------------------------------------------------------
    def quantifier(self, q: ast.Quantifier, source: str, g: str) -> str:
        """Does quantifier ``q`` hold for the list of selected events ``g``?"""
        if isinstance(q, ast.AnyEvent):
            return f"(len({g}) > 0)"
        if isinstance(q, ast.NoEvent):
            return f"(len({g}) == 0)"
        return self.test(q.test, self.aggregate_type(q, source), self.aggregate_value(q, g))

    def aggregate_type(self, q: ast.Aggregate, source: str) -> FieldType:
        if q.func in ("count", "count distinct", "sum", "avg"):
            return N
        if q.func in ("first", "last"):
            return D
        assert q.field is not None
        return self.program.field_type(source, q.field)

    def aggregate_value(self, q: ast.Aggregate, g: str) -> str:
        if q.func == "count":
            return f"len({g})"
        helper = _AGG_HELPERS[q.func]
        return f"{helper}({g}, {q.field!r})" if q.field is not None else f"{helper}({g})"


class ProgramCompiler(Codegen):
    """Generates the whole module: one function per segment and per event block.

    A segment becomes one expression: its `match` with each label replaced by
    the block's expression (or all blocks joined by `and`).  Operands of
    `and` / `or` are ordered cheapest first — lead fields, then `exists`
    checks, then loops that count — which is safe because the logic is
    two-valued and free of side effects, and is what a hand-written
    function does.
    """

    def compile(self) -> str:
        prog = self.program
        self._segment_index = {seg.name: i for i, seg in enumerate(prog.segments)}
        self._scoring_index = {m.name: i for i, m in enumerate(prog.scorings)}
        self._grading_index = {g.name: i for i, g in enumerate(prog.gradings)}
        self._segment_cost: dict[str, int] = {}
        self.using: dict[str, str] = {}
        exports: list[str] = []
        for i, seg in enumerate(prog.segments):
            whole = segment_expression(seg)
            self._segment_cost[seg.name] = self.cost(whole)
            self.emit(f"_seg{i}", [f"return {self.expr(whole)}"])
            exports.append(f"('segment', {seg.name!r}): _seg{i}")
        for i, model in enumerate(prog.scorings):
            rules = [self.score_rule(model, r) for r in model.rules]
            self.emit(f"_score{i}", [f"return {' + '.join(f'{r}(L, E)' for r in rules) or '0'}"])
            names = ", ".join(f"({rule_key(r, j)!r}, {f})"
                              for j, (r, f) in enumerate(zip(model.rules, rules, strict=True)))
            exports.append(f"('scoring', {model.name!r}): _score{i}")
            exports.append(f"('scoring rules', {model.name!r}): ({names},)")
        for i, profile in enumerate(prog.gradings):
            self.emit(f"_grade{i}", self.grading(profile))
            exports.append(f"('grading', {profile.name!r}): _grade{i}")
        for i, tiers in enumerate(prog.tiers):
            self.using = using_map(prog.scoring, tiers)
            self.emit(f"_tiers{i}", self.tiers(tiers))
            self.using = {}
            exports.append(f"('tiers', {tiers.name!r}): _tiers{i}")
        for funnel in prog.funnels:
            stages = []
            for stage in funnel.stages:
                if stage.condition is None:
                    stages.append("None")
                    continue
                fname = self.fresh("_stage")
                self.emit(fname, [f"return {self.expr(stage.condition)}"])
                stages.append(fname)
            exports.append(f"('funnel', {funnel.name!r}): ({', '.join(stages)},)")
        params = ", ".join([*self.fixed, *self.timed])
        out = [f"def _build({params}):"]
        for fn in self.functions:
            out.extend("    " + line for line in fn.splitlines())
        out.append("    return {" + ", ".join(exports) + "}")
        return "\n".join(out) + "\n"

    # -- scoring ---------------------------------------------------------------
    def window_skip(self, model: ast.Scoring) -> list[str]:
        if model.window is None:
            return []
        amount, unit = model.window.amount, model.window.unit
        cut = self.time(("minus", amount, unit), _minus(amount, unit))
        return [f"    if e[{EVENT_TIME!r}] < {cut}: continue"]

    def score_rule(self, model: ast.Scoring, rule: ast.ScoreRule) -> str:
        """Emit a function computing one rule's points for a lead; return its name."""
        fname = self.fresh("_rule")
        points = self.const(rule.points)
        cond = rule.condition
        caps = []
        if rule.max_total is not None:
            caps.append(f"if _t > {self.const(rule.max_total)}: _t = {self.const(rule.max_total)}")
        if rule.min_total is not None:
            caps.append(f"if _t < {self.const(rule.min_total)}: _t = {self.const(rule.min_total)}")
        if not isinstance(cond, ast.EventBlock):
            self.emit(fname, [f"_t = {points} if {self.expr(cond)} else 0", *caps, "return _t"])
            return fname
        head = [f"for e in E.get({cond.source!r}, ()):",
                f"    if e[{EVENT_TIME!r}] > AS_OF: break", *self.window_skip(model)]
        if cond.conditions is not None:
            test = self.conditions(cond.conditions, cond.mode, cond.source, "e")
            head.append(f"    if not {test}: continue")
        if rule_mode(rule) == "per event":
            factor = self.decay_factor(model, f"e[{EVENT_TIME!r}]")
            add = f"{points} * {factor}" if factor else points
            self.emit(fname, ["_t = 0", *head, f"    _t += {add}", *caps, "return _t"])
            return fname
        held = " and ".join(self.quantifier(q, cond.source, "_g") for q in cond.quantifiers)
        if cond.per is not None:
            held = f"any({held} for _g in _groups(_sel, {cond.per!r}))"
        factor = self.decay_factor(model, f"_sel[-1][{EVENT_TIME!r}]")
        value = f"({points} * {factor} if _sel else {points})" if factor else points
        body = ["_sel = []", *head, "    _sel.append(e)", "_g = _sel",
                f"_t = {value} if {held} else 0", *caps, "return _t"]
        self.emit(fname, body)
        return fname

    # -- grading and tiers -----------------------------------------------------------
    def grading(self, profile: ast.Grading) -> list[str]:
        start = ast.GRADES.index(profile.start or DEFAULT_START_GRADE)
        body = [f"_i = {start}"]
        for c in profile.criteria:
            notches = int(c.steps * 3)
            body.append(f"if {self.expr(c.condition)}: _i += {notches}")
        body.append(f"return 0 if _i < 0 else {len(ast.GRADES) - 1} if _i > "
                    f"{len(ast.GRADES) - 1} else _i")
        return body

    def tiers(self, decl: ast.Tiers) -> list[str]:
        from .format import format_expr
        body = []
        for tier in decl.tiers:
            if tier.name == "exclude" and tier.condition is not None:
                # Report the first alternative that excluded the lead, not the whole rule.
                parts = (tier.condition.items if isinstance(tier.condition, ast.Or)
                         else (tier.condition,))
                for part in parts:
                    reason = self.const(format_expr(part), ("reason", format_expr(part)))
                    body.append(f"if {self.expr(part)}: return (None, {reason})")
        for tier in decl.tiers:
            if tier.name == "exclude":
                continue
            if tier.condition is None:
                body.append(f"return ({tier.name!r}, None)")
                return body
            body.append(f"if {self.expr(tier.condition)}: return ({tier.name!r}, None)")
        body.append("return (None, 'no tier matched')")
        return body

    def emit(self, name: str, body: list[str]) -> None:
        self.functions.append("\n".join([f"def {name}(L, E):", *("    " + b for b in body)]))

    def cost(self, e: ast.Expr) -> int:
        return expression_cost(e, self._segment_cost)

    def expr(self, e: ast.Expr) -> str:
        """A segment-level expression over the lead ``L`` and its events ``E``."""
        if isinstance(e, ast.SegmentRef):
            return f"_seg{self._segment_index[e.name]}(L, E)"
        if isinstance(e, ast.Not):
            return f"(not {self.expr(e.item)})"
        if isinstance(e, ast.And | ast.Or):
            joiner = " and " if isinstance(e, ast.And) else " or "
            items = sorted(e.items, key=self.cost)
            return "(" + joiner.join(self.expr(i) for i in items) + ")"
        if isinstance(e, ast.FieldTest):
            return self.condition(e, LEAD, "L")
        if isinstance(e, ast.LeadBlock):
            return self.conditions(e.conditions, e.mode, LEAD, "L")
        if isinstance(e, ast.EventBlock):
            fname = self.fresh("_events")
            self.emit(fname, self.event_block(e))
            return f"{fname}(L, E)"
        if isinstance(e, ast.ScoreTest):
            model = e.model or self.using["scoring"]
            return self.test(e.test, N, f"_score{self._scoring_index[model]}(L, E)")
        if isinstance(e, ast.GradeTest):
            profile = e.model or self.using["grading"]
            op = "==" if e.op == "=" else e.op
            return f"(_grade{self._grading_index[profile]}(L, E) {op} " \
                   f"{ast.GRADES.index(e.letter)})"
        raise AssertionError(e)  # pragma: no cover - labels are substituted first

    def event_block(self, e: ast.EventBlock) -> list[str]:
        """One pass over the lead's events of one source, stopping at as_of."""
        head = [f"for e in E.get({e.source!r}, ()):",
                f"    if e[{EVENT_TIME!r}] > AS_OF: break"]
        if e.conditions is not None:
            head.append(f"    if not {self.conditions(e.conditions, e.mode, e.source, 'e')}: "
                        "continue")
        qs = e.quantifiers
        if e.per is None and qs == (ast.AnyEvent(),):
            return [*head, "    return True", "return False"]
        if e.per is None and qs == (ast.NoEvent(),):
            return [*head, "    return False", "return True"]
        if e.per is None and all(isinstance(q, ast.Aggregate) and q.func == "count" for q in qs):
            tests = [q.test for q in qs if isinstance(q, ast.Aggregate)]
            final = " and ".join(self.test(t, N, "_n") for t in tests)
            return ["_n = 0", *head, "    _n += 1", *self.count_exit(tests), f"return {final}"]
        held = " and ".join(self.quantifier(q, e.source, "_g") for q in qs)
        if e.per is None:
            return ["_g = []", *head, "    _g.append(e)", f"return {held}"]
        return ["_sel = []", *head, "    _sel.append(e)",
                f"for _g in _groups(_sel, {e.per!r}):",
                f"    if {held}: return True",
                "return False"]

    def count_exit(self, tests: Sequence[ast.Test]) -> list[str]:
        """Leave the loop as soon as one count test's answer can no longer change."""
        if len(tests) != 1 or not isinstance(tests[0], ast.Compare):
            return []
        t = tests[0]
        k = self.const(ast.number_value(t.value))
        return {
            ">=": [f"    if _n >= {k}: return True"],
            ">": [f"    if _n > {k}: return True"],
            "<": [f"    if _n >= {k}: return False"],
            "<=": [f"    if _n > {k}: return False"],
            "=": [f"    if _n > {k}: return False"],
        }.get(t.op, [])


def _minus(amount: int, unit: ast.Unit) -> TimeValue:
    return lambda tc: tc.minus(amount, unit)


@attrs.frozen
class CompiledProgram:
    """The generated module of a program; ``bind`` fixes an evaluation time."""

    source: str
    fixed: Mapping[str, Any]
    timed: Mapping[str, TimeValue]
    factory: Callable[..., dict[tuple[str, str], Any]]

    def bind(self, tc: TimeContext) -> dict[tuple[str, str], Any]:
        """The functions for one evaluation time, keyed by (kind, name):
        ('segment', n) -> bool, ('scoring', n) -> points,
        ('scoring rules', n) -> ((rule key, points function), …),
        ('grading', n) -> grade index, ('tiers', n) -> (tier or None, reason),
        ('funnel', n) -> one function (or None for `all`) per stage."""
        values = {name: fn(tc) for name, fn in self.timed.items()}
        return self.factory(**self.fixed, **values)


def compile_program(program: Program) -> CompiledProgram:
    """Compile every segment of ``program`` to Python."""
    gen = ProgramCompiler(program)
    source = gen.compile()
    namespace: dict[str, Any] = {}
    exec(compile(source, "<leadrules>", "exec"), namespace)
    return CompiledProgram(source, dict(gen.fixed), dict(gen.timed), namespace["_build"])
