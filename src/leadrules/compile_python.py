"""The in-memory back end: a checked program -> Python source -> plain functions.

The generated source is compiled once per program.  It defines a factory
whose parameters are every constant the rules need: literal sets, lower-cased
strings and compiled regexes (fixed), and values derived from ``as_of``
(``within 30 days`` -> the cutoff instant, a model's decay numbers and score
arithmetic), computed once per evaluation by :class:`~leadrules.dates.TimeContext`
and :mod:`leadrules.semantics`.  Calling the factory gives :class:`Functions`:
one plain function per segment, scoring model, grading profile, tiers
declaration and funnel stage, running at the speed of a hand-written
function -- no type dispatch per record, early exits on ``exists`` / ``none``,
one pass over each source's events.

What every construct means comes from :mod:`leadrules.semantics`; this module
only renders it as Python.  Records are the normalised dicts of the stores:
every field present, missing as None, text non-empty, events of each source
sorted by ``occurred_at``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, assert_never

import attrs

from . import ast, runtime
from .check import Program
from .dates import TimeContext
from .schema import EVENT_TIME, LEAD, LEAD_KEY, FieldType
from .semantics import (
    RulePlan,
    ScoreRow,
    TierCase,
    aggregate_type,
    clamp_grade,
    date_point_op,
    decay_numbers,
    decay_source,
    expression_cost,
    merged,
    negation_of,
    notches,
    operands,
    references,
    regex,
    rule_plans,
    score_arithmetic,
    segment_expression,
    start_index,
    tier_cases,
    using_map,
    walk,
    window_start,
)

Record = dict[str, Any]
Events = Mapping[str, Sequence[Record]]
SegmentFunction = Callable[[Record, Events], bool]
ScoreFunction = Callable[[Record, Events], ScoreRow]
GradeFunction = Callable[[Record, Events], int]
TierFunction = Callable[[Record, Events], tuple[str | None, str | None]]
TimeValue = Callable[[TimeContext], Any]

T, N, B, D, L = (FieldType.TEXT, FieldType.NUMBER, FieldType.BOOL, FieldType.DATETIME,
                 FieldType.TEXT_LIST)

_AGG_HELPERS: dict[ast.AggregateFunc, str] = {
    "count distinct": "_count_distinct", "sum": "_total", "avg": "_average",
    "min": "_minimum", "max": "_maximum", "first": "_first", "last": "_last",
}


@attrs.frozen
class Functions:
    """The compiled functions of a program for one evaluation time, by name.

    ``segments``: ``(lead, events) -> bool``; ``scores``: ``(lead, events) ->``
    the score row ``(lead_id, total, points of each rule…)``; ``grades``: the
    grade index (0 = F … 12 = A+); ``tiers``: ``(tier or None, reason or None)``;
    ``funnels``: one function per stage (None for ``all``).
    """

    segments: Mapping[str, SegmentFunction]
    scores: Mapping[str, ScoreFunction]
    grades: Mapping[str, GradeFunction]
    tiers: Mapping[str, TierFunction]
    funnels: Mapping[str, tuple[SegmentFunction | None, ...]]


class Codegen:
    """Generates Python expressions for tests, conditions and quantifiers.

    Also used by the explainer to compile single conditions, so the two
    evaluate every condition with the same code.
    """

    def __init__(self, program: Program) -> None:
        self.program = program
        self.fixed: dict[str, Any] = {
            "_count_distinct": runtime.count_distinct, "_total": runtime.total,
            "_average": runtime.average, "_minimum": runtime.minimum,
            "_maximum": runtime.maximum, "_first": runtime.first, "_last": runtime.last,
            "_groups": runtime.groups, "_clamp": clamp_grade, "_deep": runtime.deep,
        }
        self.timed: dict[str, TimeValue] = {"AS_OF": lambda tc: tc.as_of}
        # Parameter name -> lead list name: the members of each list the rules
        # read (``in list NAME``), bound per evaluation.
        self.lists: dict[str, str] = {}
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
        """A name bound to a value derived from the evaluation's as_of."""
        k = ("time", key)
        if k not in self._keys:
            self._keys[k] = name = self.fresh("_t")
            self.timed[name] = fn
        return self._keys[k]

    def members(self, name: str) -> str:
        """A name bound to the members of lead list ``name`` as of the evaluation."""
        k = ("list", name)
        if k not in self._keys:
            self._keys[k] = param = self.fresh("_m")
            self.lists[param] = name
        return self._keys[k]

    def day_start(self, day: dt.date) -> str:
        return self.time(("day", day), lambda tc: tc.day_start(day))

    def day_end(self, day: dt.date) -> str:
        return self.time(("day end", day), lambda tc: tc.day_bounds(day)[1])

    def instant(self, value: dt.datetime) -> str:
        return self.time(("instant", value, value.tzinfo), lambda tc: tc.instant(value))

    def minus(self, amount: int, unit: ast.Unit) -> str:
        return self.time(("minus", amount, unit), lambda tc: tc.minus(amount, unit))

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
        """The (positive) test on a value known to be present, named ``x``."""
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
            return self._text_test(t, x)
        if isinstance(t, ast.Between):
            low = self._compare(">=", t.low, ftype, x)
            high = self._compare("<=", t.high, ftype, x)
            return f"{low} and {high}"
        if isinstance(t, ast.Within):
            return f"{self.minus(t.amount, t.unit)} <= {x} <= AS_OF"
        if isinstance(t, ast.OlderThan):
            return f"{x} < {self.minus(t.amount, t.unit)}"
        if isinstance(t, ast.DatePoint):
            return self._compare(date_point_op(t.op), t.value, ftype, x)
        if isinstance(t, ast.InPeriod):
            which, period = t.which, t.period
            start = self.time(("period", which, period, 0),
                              lambda tc: tc.period_bounds(which, period)[0])
            end = self.time(("period", which, period, 1),
                            lambda tc: tc.period_bounds(which, period)[1])
            return f"{start} <= {x} < {end}"
        if isinstance(t, ast.Present | ast.IsTrue):
            raise AssertionError(t)  # handled by test()
        assert_never(t)

    def _text_test(self, t: ast.TextTest, x: str) -> str:
        text = ast.text_value(t.value)
        match t.op:
            case "matches":
                return f"{self.const(regex(text), ('regex', text))}.search({x}) is not None"
            case "starts with":
                return f"{x}.lower().startswith({self.const(text.lower())})"
            case "ends with":
                return f"{x}.lower().endswith({self.const(text.lower())})"
            case _:
                assert_never(t.op)

    def _compare(self, op: ast.CompareOp, value: ast.Value, ftype: FieldType, x: str) -> str:
        if ftype == T:
            return f"{x}.lower() == {self.const(ast.text_value(value).lower())}"
        if ftype == B:
            assert isinstance(value, ast.Bool)
            return f"{x} is {value.value}"
        if ftype == D and isinstance(value, ast.Day):
            # A bare date is the half-open interval [start, end) of its day.
            start, end = self.day_start(value.value), self.day_end(value.value)
            match op:
                case "=":
                    return f"{start} <= {x} < {end}"
                case "<":  # before the day starts
                    return f"{x} < {start}"
                case "<=":  # before the day ends
                    return f"{x} < {end}"
                case ">":  # from the next day's start on
                    return f"{x} >= {end}"
                case ">=":
                    return f"{x} >= {start}"
                case "!=":
                    raise AssertionError(op)  # a negation: compiled as not `=`
                case _:
                    assert_never(op)
        if ftype == D:
            assert isinstance(value, ast.Instant)
            operand = self.instant(value.value)
        else:
            operand = self.const(ast.number_value(value))
        return f"{x} {_python_op(op)} {operand}"

    # -- conditions ----------------------------------------------------------
    def condition(self, e: ast.Expr, table: str, r: str) -> str:
        """A condition inside braces (or a lead condition) on the record ``r``."""
        if isinstance(e, ast.FieldTest):
            ftype = self.program.field_type(table, e.field)
            return self.test(e.test, ftype, f"{r}[{e.field!r}]")
        if isinstance(e, ast.Not):
            return f"(not {self.condition(e.item, table, r)})"
        if isinstance(e, ast.And | ast.Or):
            return self.conditions(e.items, "all" if isinstance(e, ast.And) else "any",
                                   table, r)
        if isinstance(e, ast.LeadBlock | ast.EventBlock | ast.LabelRef | ast.SegmentRef
                      | ast.ListRef | ast.ScoreTest | ast.GradeTest):
            raise AssertionError(e)  # the checker admits only fields inside braces
        assert_never(e)

    def conditions(self, conds: Sequence[ast.Expr], mode: str, table: str, r: str) -> str:
        if not conds:
            return "True" if mode == "all" else "False"
        joiner = " and " if mode == "all" else " or "
        items = merged(conds, mode == "all",
                       lambda name: self.program.field_type(table, name))
        return "(" + joiner.join(self.condition(c, table, r) for c in items) + ")"

    def decay_weight(self, model: ast.Scoring, points: str, when: str) -> str:
        """``points`` times the decay factor of an event at the datetime ``when``
        (``points`` alone without decay)."""
        if model.decay is None:
            return points
        now = self.time(("decay now", model.name), lambda tc: _decay(model, tc)[0])
        half = self.time(("half-life", model.name), lambda tc: _decay(model, tc)[1])
        return f"{points} * {decay_source(now, f'{when}.timestamp()', half)}"

    # -- quantifiers ---------------------------------------------------------
    def quantifier(self, q: ast.Quantifier, source: str, g: str) -> str:
        """Does quantifier ``q`` hold for the list of selected events ``g``?"""
        if isinstance(q, ast.AnyEvent):
            return f"(len({g}) > 0)"
        if isinstance(q, ast.NoEvent):
            return f"(len({g}) == 0)"
        if isinstance(q, ast.Aggregate):
            return self.test(q.test, self.aggregate_type(q, source), self.aggregate_value(q, g))
        assert_never(q)

    def aggregate_type(self, q: ast.Aggregate, source: str) -> FieldType:
        field = None if q.field is None else self.program.field_type(source, q.field)
        return aggregate_type(q.func, field)

    def aggregate_value(self, q: ast.Aggregate, g: str) -> str:
        if q.func == "count":
            return f"len({g})"
        helper = _AGG_HELPERS[q.func]
        return f"{helper}({g}, {q.field!r})" if q.field is not None else f"{helper}({g})"


def _has_refs(exprs: Sequence[ast.Expr]) -> bool:
    """Whether ``exprs`` refer to a segment, scoring model or grading profile."""
    return any(isinstance(node, ast.SegmentRef | ast.ScoreTest | ast.GradeTest)
               for e in exprs for node in walk(e))


def _program_expressions(program: Program
                         ) -> list[tuple[ast.Expr, Mapping[str, str] | None]]:
    """Every expression of the program, with the ``using`` models of its tiers."""
    exprs: list[tuple[ast.Expr, Mapping[str, str] | None]] = []
    exprs += [(segment_expression(s), None) for s in program.segments]
    exprs += [(r.condition, None) for m in program.scorings for r in m.rules]
    exprs += [(c.condition, None) for g in program.gradings for c in g.criteria]
    for t in program.tiers:
        names = using_map(program.scoring, t)
        exprs += [(x.condition, names) for x in t.tiers if x.condition is not None]
    exprs += [(s.condition, None) for f in program.funnels for s in f.stages
              if s.condition is not None]
    return exprs


def _referenced(program: Program) -> set[tuple[str, str]]:
    """The segments, scoring models and grading profiles something refers to."""
    found: set[tuple[str, str]] = set()
    for e, using in _program_expressions(program):
        found.update(ref for ref, _ in references(e, using))
    return found


# Inlined segments nest at most this deep where their connectives differ
# (Python's parser refuses 200 nested parentheses); deeper ones are calls.
_INLINE_NESTING = 16


def _named_once(program: Program, root: tuple[str, str] | None) -> dict[str, ast.Expr]:
    """With a root: each segment other than the root that the program names in
    exactly one place, with its expression (compiled in that place)."""
    if root is None:
        return {}
    uses: dict[str, int] = {}
    for e, using in _program_expressions(program):
        for (kind, name), _ in references(e, using):
            if kind == "segment":
                uses[name] = uses.get(name, 0) + 1
    return {s.name: segment_expression(s) for s in program.segments
            if uses.get(s.name) == 1 and root != ("segment", s.name)}


# Beyond this many nested references, an exported function raises the
# interpreter's recursion limit for its call (runtime.deep).
_DEEP = 100


def _depths(program: Program) -> dict[tuple[str, str], int]:
    """How deeply each segment, scoring model and grading profile's calls nest:
    1 + the deepest of those it refers to (the program's order lists each after
    what it refers to)."""
    exprs: dict[tuple[str, str], list[ast.Expr]] = {}
    exprs.update((("segment", d.name), [segment_expression(d)]) for d in program.segments)
    exprs.update((("scoring", d.name), [r.condition for r in d.rules])
                 for d in program.scorings)
    exprs.update((("grading", d.name), [c.condition for c in d.criteria])
                 for d in program.gradings)
    depth: dict[tuple[str, str], int] = {}
    for ref in program.order:
        depth[ref] = 1 + max((depth.get(r, 0) for e in exprs.get(ref, [])
                              for r, _ in references(e)), default=0)
    return depth


def _decay(model: ast.Scoring, tc: TimeContext) -> tuple[float, float]:
    numbers = decay_numbers(model, tc)
    assert numbers is not None
    return numbers


def _python_op(op: ast.CompareOp) -> str:
    match op:
        case "=":
            return "=="
        case "!=" | "<" | "<=" | ">" | ">=":
            return op
        case _:
            assert_never(op)


class ProgramCompiler(Codegen):
    root: tuple[str, str] | None = None

    """Generates the whole module: one function per declaration and event block.

    A segment becomes one expression: its `match` with each label replaced by
    the block's expression (or all blocks joined by `and`).  Operands of
    `and` / `or` are ordered cheapest first (:func:`~leadrules.semantics.expression_cost`).

    A segment, scoring model or grading profile that other declarations refer
    to (``segment s``, ``score m >= 10``) is one function called with a memo of
    the lead's answers (``M``), so however often it is referred to -- a diamond
    of segments each using the previous one twice -- it runs once per lead.
    """

    def compile(self) -> str:
        prog = self.program
        self._segment_index = {seg.name: i for i, seg in enumerate(prog.segments)}
        self._scoring_index = {m.name: i for i, m in enumerate(prog.scorings)}
        self._grading_index = {g.name: i for i, g in enumerate(prog.gradings)}
        self._segment_cost: dict[str, int] = {}
        self.using: dict[str, str] = {}
        self._inline: dict[str, ast.Expr] = {}
        self._nesting = 0
        self._referenced = _referenced(prog)
        # Which declaration functions take the memo: the referenced ones (they
        # store their answer in it) and those that refer to others (they pass it on).
        self._takes_memo: set[str] = set()
        declared: list[tuple[str, str, list[ast.Expr]]] = []
        declared += [(f"_seg{i}", d.name, [segment_expression(d)])
                     for i, d in enumerate(prog.segments)]
        declared += [(f"_score{i}", d.name, [r.condition for r in d.rules])
                     for i, d in enumerate(prog.scorings)]
        declared += [(f"_grade{i}", d.name, [c.condition for c in d.criteria])
                     for i, d in enumerate(prog.gradings)]
        kinds = {"_seg": "segment", "_score": "scoring", "_grade": "grading"}
        for fn, name, exprs in declared:
            kind = kinds[fn.rstrip("0123456789")]
            if (kind, name) in self._referenced or _has_refs(exprs):
                self._takes_memo.add(fn)
        self._depth = _depths(prog)
        exports: dict[str, list[str]] = {"segments": [], "scores": [], "grades": [],
                                         "tiers": [], "funnels": []}

        def define(fn: str, key: tuple[str, str], exprs: list[ast.Expr],
                   body: list[str]) -> str:
            """Emit ``fn``; return the name to export (a wrapper giving a fresh
            memo when ``fn`` takes one)."""
            memoised = key in self._referenced
            if _has_refs(exprs):
                self._takes_memo.add(fn)
            if memoised:
                body = [f"_r = M.get({key!r})", "if _r is not None: return _r", *body,
                        f"M[{key!r}] = _r"]
            self.emit(fn, [*body, "return _r"], memo=fn in self._takes_memo)
            if fn not in self._takes_memo:
                return fn
            depth = max((self._depth.get(ref, 0) for e in exprs for ref, _ in
                         references(e, self.using or None)), default=0)
            if depth > _DEEP:
                # A chain of thousands of references: the calls nest that deep.
                self.emit(f"{fn}_", [f"return _deep({fn}, L, E, {depth})"])
            else:
                self.emit(f"{fn}_", [f"return {fn}(L, E, {{}})"])
            return f"{fn}_"

        self._inline = _named_once(prog, self.root)
        self._define_segment = define
        self._defined: set[str] = set()
        for seg in prog.segments:
            self._segment_cost[seg.name] = self.cost(segment_expression(seg))
        self._pending: list[int] = []
        for i, seg in enumerate(prog.segments):
            if seg.name in self._inline:
                continue  # compiled where it is named (or on demand, _segment_call)
            name = self._segment_function(i, seg)
            exports["segments"].append(f"{seg.name!r}: {name}")
            self._define_pending()
        for i, model in enumerate(prog.scorings):
            name = define(f"_score{i}", ("scoring", model.name),
                          [r.condition for r in model.rules], self.scoring(model))
            exports["scores"].append(f"{model.name!r}: {name}")
        for i, profile in enumerate(prog.gradings):
            name = define(f"_grade{i}", ("grading", profile.name),
                          [c.condition for c in profile.criteria], self.grading(profile))
            exports["grades"].append(f"{profile.name!r}: {name}")
        for i, tiers in enumerate(prog.tiers):
            self.using = using_map(prog.scoring, tiers)
            cases = tier_cases(tiers)
            name = define(f"_tiers{i}", ("tiers", tiers.name),
                          [c.condition for c in cases if c.condition is not None],
                          self.tiers(cases))
            self.using = {}
            exports["tiers"].append(f"{tiers.name!r}: {name}")
        for funnel in prog.funnels:
            stages = []
            for stage in funnel.stages:
                if stage.condition is None:
                    stages.append("None")
                    continue
                stages.append(define(self.fresh("_stage"), ("stage", funnel.name),
                                     [stage.condition], [f"_r = {self.expr(stage.condition)}"]))
            exports["funnels"].append(f"{funnel.name!r}: ({', '.join(stages)},)")
        self._define_pending()
        params = ", ".join([*self.fixed, *self.timed, *self.lists])
        out = [f"def _build({params}):"]
        for fn in self.functions:
            out.extend("    " + line for line in fn.splitlines())
        groups = ", ".join(f"{kind!r}: {{{', '.join(items)}}}" for kind, items in exports.items())
        out.append("    return {" + groups + "}")
        return "\n".join(out) + "\n"

    def _segment_function(self, i: int, seg: ast.Segment) -> str:
        whole = segment_expression(seg)
        self._defined.add(seg.name)
        return self._define_segment(f"_seg{i}", ("segment", seg.name), [whole],
                                    [f"_r = {self.expr(whole)}"])

    def _define_pending(self) -> None:
        while self._pending:
            i = self._pending.pop()
            self._segment_function(i, self.program.segments[i])

    def _segment_call(self, name: str) -> str:
        """A call of segment ``name``'s function (defined later, by compile(), if
        it is not yet: defining it here would recurse as deep as the chain)."""
        i = self._segment_index[name]
        if name not in self._defined:
            self._defined.add(name)
            self._pending.append(i)
        return self.call(f"_seg{i}")

    def emit(self, name: str, body: list[str], *, memo: bool = False) -> None:
        args = "L, E, M" if memo else "L, E"
        self.functions.append("\n".join([f"def {name}({args}):", *("    " + b for b in body)]))

    def call(self, fn: str) -> str:
        """A call of a generated declaration function (with the memo if it takes one)."""
        return f"{fn}(L, E, M)" if fn in self._takes_memo else f"{fn}(L, E)"

    # -- scoring ---------------------------------------------------------------
    def scoring(self, model: ast.Scoring) -> list[str]:
        """The body computing a lead's score row: each rule's parts (see
        :data:`~leadrules.semantics.RuleKind`), then the model's arithmetic."""
        finish = self.time(("arithmetic", model.name),
                           lambda tc: score_arithmetic(model, tc).finish)
        parts = []
        for rule, plan in zip(model.rules, rule_plans(model), strict=True):
            fname = self.fresh("_rule")
            memo = _has_refs([rule.condition])
            if memo:
                self._takes_memo.add(fname)
            self.emit(fname, self.score_rule(model, rule, plan), memo=memo)
            parts.append(f"{'*' if plan.parts > 1 else ''}{self.call(fname)}")
        return [f"_r = {finish}((L[{LEAD_KEY!r}], {''.join(p + ', ' for p in parts)}))"]

    def window_skip(self, model: ast.Scoring) -> list[str]:
        if model.window is None:
            return []
        cut = self.time(("window", model.name), lambda tc: window_start(model, tc))
        return [f"    if e[{EVENT_TIME!r}] < {cut}: continue"]

    def score_rule(self, model: ast.Scoring, rule: ast.ScoreRule, plan: RulePlan
                   ) -> list[str]:
        """The body computing one rule's parts for a lead."""
        cond = rule.condition
        if not isinstance(cond, ast.EventBlock):
            return [f"return {self.expr(cond)}"]  # once, no decay: held
        head = [f"for e in E.get({cond.source!r}, ()):",
                f"    if e[{EVENT_TIME!r}] > AS_OF: break", *self.window_skip(model)]
        if cond.conditions is not None:
            test = self.conditions(cond.conditions, cond.mode, cond.source, "e")
            head.append(f"    if not {test}: continue")
        match plan.kind:
            case "per":
                return ["_n = 0", *head, "    _n += 1", "return _n"]
            case "per decay":
                points = self.const(rule.points)
                weight = self.decay_weight(model, points, f"e[{EVENT_TIME!r}]")
                return ["_t = 0", *head, f"    _t += {weight}", "return _t"]
            case "once" | "once decay":
                held = " and ".join(self.quantifier(q, cond.source, "_g")
                                    for q in cond.quantifiers)
                if cond.per is not None:
                    held = f"any({held} for _g in _groups(_sel, {cond.per!r}))"
                body = ["_sel = []", *head, "    _sel.append(e)", "_g = _sel"]
                if plan.kind == "once":
                    return [*body, f"return {held}"]
                latest = f"_sel[-1][{EVENT_TIME!r}].timestamp() if _sel else None"
                return [*body, f"return ({held}, {latest})"]
            case _:
                assert_never(plan.kind)

    # -- grading and tiers -----------------------------------------------------------
    def grading(self, profile: ast.Grading) -> list[str]:
        body = [f"_i = {start_index(profile)}"]
        for c in profile.criteria:
            body.append(f"if {self.expr(c.condition)}: _i += {notches(c)}")
        body.append("_r = _clamp(_i)")
        return body

    def tiers(self, cases: Sequence[TierCase]) -> list[str]:
        body = []
        for case in cases:
            outcome = f"({case.tier!r}, {self.const(case.reason, ('reason', case.reason))})"
            if case.condition is None:
                body.append(f"_r = {outcome}")
            else:
                body.append(f"if {self.expr(case.condition)}: return {outcome}")
        return body

    def cost(self, e: ast.Expr) -> int:
        return expression_cost(e, self._segment_cost)

    def expr(self, e: ast.Expr) -> str:
        """A segment-level expression over the lead ``L``, its events ``E`` and
        the memo ``M`` of the declarations it refers to."""
        if isinstance(e, ast.SegmentRef):
            inlined = self._inline.get(e.name)
            if inlined is not None and self._nesting < _INLINE_NESTING:
                self._nesting += 1
                try:
                    return self.expr(inlined)
                finally:
                    self._nesting -= 1
            return self._segment_call(e.name)
        if isinstance(e, ast.Not):
            return f"(not {self.expr(e.item)})"
        if isinstance(e, ast.And | ast.Or):
            joiner = " and " if isinstance(e, ast.And) else " or "
            items = sorted(operands(e, self._inline), key=self.cost)
            return "(" + joiner.join(self.expr(i) for i in items) + ")"
        if isinstance(e, ast.FieldTest):
            return self.condition(e, LEAD, "L")
        if isinstance(e, ast.ListRef):
            return f"(L[{LEAD_KEY!r}] in {self.members(e.name)})"
        if isinstance(e, ast.LeadBlock):
            return self.conditions(e.conditions, e.mode, LEAD, "L")
        if isinstance(e, ast.EventBlock):
            fname = self.fresh("_events")
            self.emit(fname, self.event_block(e))
            return f"{fname}(L, E)"
        if isinstance(e, ast.ScoreTest):
            model = e.model or self.using["scoring"]
            total = f"{self.call(f'_score{self._scoring_index[model]}')}[1]"
            return self.test(e.test, N, total)
        if isinstance(e, ast.GradeTest):
            profile = e.model or self.using["grading"]
            grade = self.call(f"_grade{self._grading_index[profile]}")
            return f"({grade} {_python_op(e.op)} {ast.GRADES.index(e.letter)})"
        if isinstance(e, ast.LabelRef):
            raise AssertionError(e)  # labels are substituted first
        assert_never(e)

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
        match t.op:
            case ">=":
                return [f"    if _n >= {k}: return True"]
            case ">":
                return [f"    if _n > {k}: return True"]
            case "<":
                return [f"    if _n >= {k}: return False"]
            case "<=" | "=":
                return [f"    if _n > {k}: return False"]
            case "!=":
                return []  # can become true and false again as events are counted
            case _:
                assert_never(t.op)


@attrs.frozen
class CompiledProgram:
    """The generated module of a program; ``bind`` fixes an evaluation time."""

    source: str
    fixed: Mapping[str, Any]
    timed: Mapping[str, TimeValue]
    factory: Callable[..., dict[str, dict[str, Any]]]
    # Parameter name -> the lead list whose members it is.
    lists: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def list_names(self) -> tuple[str, ...]:
        """The lead lists the compiled rules read (``in list NAME``)."""
        return tuple(dict.fromkeys(self.lists.values()))

    def bind(self, tc: TimeContext,
             members: Mapping[str, AbstractSet[str]] | None = None) -> Functions:
        """The functions for one evaluation time; ``members``: the lead ids on
        each list of :attr:`list_names` as of that time."""
        values = {name: fn(tc) for name, fn in self.timed.items()}
        listed = {param: (members or {})[name] for param, name in self.lists.items()}
        return Functions(**self.factory(**self.fixed, **values, **listed))


def compile_program(program: Program, root: tuple[str, str] | None = None
                    ) -> CompiledProgram:
    """Compile every declaration of ``program`` to Python; with ``root`` (a
    program cut down to one declaration, :meth:`Program.only`), the segments
    named in one place only are compiled where they are named."""
    gen = ProgramCompiler(program)
    gen.root = root
    source = gen.compile()
    namespace: dict[str, Any] = {}
    exec(compile(source, "<leadrules>", "exec"), namespace)
    return CompiledProgram(source, dict(gen.fixed), dict(gen.timed), namespace["_build"],
                           dict(gen.lists))
