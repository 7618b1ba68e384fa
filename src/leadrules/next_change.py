"""When an answer changes by time alone: the first instant after ``as_of`` at which
a segment's (a tiers declaration's, a score's) answer for one lead changes if no
new event arrives.

The answer for a lead is a function of the evaluation instant ``a``.  It can only
change at instants this module collects from the rules and the lead's records:

* an event's ``occurred_at`` and the lead's ``created_at`` (the record starts to
  exist), and every datetime ``v`` tested with ``within`` (``v <= as_of`` starts
  to hold);
* for every ``within N UNIT`` / ``older than N UNIT`` / scoring ``window`` over a
  field with value ``v``: the instants where ``cutoff(a) > v`` flips, ``cutoff(a)``
  being :meth:`TimeContext.minus` -- exactly ``a - N UNIT`` for seconds, minutes
  and hours; wall-clock arithmetic in the rules' time zone for days, weeks, months
  and years, which is *not* monotone in ``a`` (2026-03-29T00:00 minus a month is
  02-28T00:00, earlier than 03-28T23:59 minus a month; a wall clock that falls
  back repeats an hour; a skipped hour maps past the hour after it).  So each day
  of ``a`` near the crossing is cut where the cutoff can jump (the day's start,
  the zone's transitions, the walls of transitions on the cutoff's day) and the
  flip inside each piece, where the cutoff is monotone, is found by bisection
  over microseconds;
* for every ``in this / last / next PERIOD`` over a value ``v``: the starts of the
  periods around ``v``'s;
* a change of a lead list the rules read (``in list NAME``) recorded after
  ``as_of`` that puts the lead on it or takes it off (membership is the list's
  history replayed to the instant, so the change counts from its ``at``);
* for a score that decays, between two of the instants above (where the events
  counted are fixed) each rule's points are ``U * 2 ** (-(a - t) / half_life)``
  capped, so the score is monotone between the instants where a cap starts or
  stops to apply; both, and each threshold a ``score`` condition compares with,
  are found by bisection on the real score.

Then the real evaluator decides: the answer is evaluated at the candidates in
time order and the first where it differs from the answer at ``as_of`` is the
next change (the answer is constant between two consecutive candidates, and at
``candidate - 1µs`` it equals the previous candidate's).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from dateutil.relativedelta import relativedelta

from . import ast
from .check import Program
from .dates import EARLIEST, LATEST, UTC, TimeContext
from .errors import Diagnostic, UsageError
from .schema import EVENT_TIME, LEAD, LEAD_KEY, FieldType
from .semantics import rule_plans, segment_expression, using_map, walk

if TYPE_CHECKING:
    from .api import Rules
    from .compile_python import Events, Functions, Record

TICK = dt.timedelta(microseconds=1)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
_DAY = dt.timedelta(days=1)
_EXACT_UNITS = {"seconds": "seconds", "minutes": "minutes", "hours": "hours"}

Offset = tuple[int, ast.Unit]
PeriodTest = tuple[ast.Which, ast.Period]
Place = tuple[str, str]
"""A field where values are read: ``(table, field)``, table ``lead`` or a source."""


# ------------------------------------------------------------ what depends on time


@attrs.define
class TimeUses:
    """What in a (cut-down) program depends on the evaluation instant."""

    offsets: dict[Place, set[Offset]] = attrs.Factory(dict)
    periods: dict[Place, set[PeriodTest]] = attrs.Factory(dict)
    within: set[Place] = attrs.Factory(set)
    sources: set[str] = attrs.Factory(set)
    score_tests: dict[str, set[ast.Test]] = attrs.Factory(dict)

    def test(self, place: Place, t: ast.Test) -> None:
        if isinstance(t, ast.Within | ast.OlderThan):
            self.offsets.setdefault(place, set()).add((t.amount, t.unit))
            if isinstance(t, ast.Within):
                self.within.add(place)
        elif isinstance(t, ast.InPeriod):
            self.periods.setdefault(place, set()).add((t.which, t.period))

    @property
    def places(self) -> set[Place]:
        return set(self.offsets) | set(self.periods) | self.within


def time_uses(program: Program) -> TimeUses:
    """What in ``program`` (cut down to one declaration) depends on as_of: the
    fields tested against windows and periods, the sources read, and the
    thresholds compared with scores of models that decay."""
    uses = TimeUses()
    for seg in program.segments:
        _expr(uses, program, segment_expression(seg), None)
    for model in program.scorings:
        for rule in model.rules:
            _expr(uses, program, rule.condition, None)
            if model.window is not None and isinstance(rule.condition, ast.EventBlock):
                place = (rule.condition.source, EVENT_TIME)
                uses.offsets.setdefault(place, set()).add((model.window.amount,
                                                           model.window.unit))
    for profile in program.gradings:
        for criterion in profile.criteria:
            _expr(uses, program, criterion.condition, None)
    for tiers in program.tiers:
        names = using_map(program.scoring, tiers)
        for tier in tiers.tiers:
            if tier.condition is not None:
                _expr(uses, program, tier.condition, names)
    return uses


def _expr(uses: TimeUses, program: Program, e: ast.Expr, using: Mapping[str, str] | None
          ) -> None:
    for node in walk(e):
        if isinstance(node, ast.FieldTest):
            uses.test((LEAD, node.field), node.test)
        elif isinstance(node, ast.EventBlock):
            uses.sources.add(node.source)
            for c in node.conditions or ():
                _record_condition(uses, node.source, c)
            for q in node.quantifiers:
                if isinstance(q, ast.Aggregate):
                    field = EVENT_TIME if q.func in ("first", "last") else q.field
                    if field is not None:
                        uses.test((node.source, field), q.test)
        elif isinstance(node, ast.ScoreTest):
            name = node.model or (using or {}).get("scoring")
            model = program.scoring(name) if name is not None else None
            if model is not None and model.decay is not None:
                uses.score_tests.setdefault(model.name, set()).add(node.test)


def _record_condition(uses: TimeUses, source: str, e: ast.Expr) -> None:
    if isinstance(e, ast.FieldTest):
        uses.test((source, e.field), e.test)
    elif isinstance(e, ast.Not):
        _record_condition(uses, source, e.item)
    elif isinstance(e, ast.And | ast.Or):
        for item in e.items:
            _record_condition(uses, source, item)


def given_thresholds(threshold: float | Iterable[float] | None, model: str
                     ) -> tuple[float, ...] | None:
    """``scoring(…).next_change``'s ``threshold=`` as numbers (None: not given).
    An empty list, or a value that is not a finite number (``nan``, ``inf``,
    ``"100"``, ``True``), is a :class:`UsageError`: ``score >= nan`` never
    holds, so the search would silently answer "never"."""
    if threshold is None:
        return None
    given = [threshold] if isinstance(threshold, int | float | str) else list(threshold)
    hint = "a number or several, e.g. the scores a tier needs: threshold=[30, 100]"
    if not given:
        raise UsageError([Diagnostic(
            f"next_change of scoring '{model}': threshold= is an empty list", hint=hint)])
    out = []
    for value in given:
        number = None
        if not isinstance(value, bool | str):
            with contextlib.suppress(TypeError, ValueError):
                number = float(value)
        if number is None or not math.isfinite(number):
            raise UsageError([Diagnostic(
                f"next_change of scoring '{model}': threshold {value!r} is not a "
                "finite number", hint=hint)])
        out.append(number)
    return tuple(out)


def thresholds(t: ast.Test) -> list[float]:
    """The numbers a test of a score compares it with."""
    if isinstance(t, ast.Compare):
        return [float(ast.number_value(t.value))]
    if isinstance(t, ast.InList):
        return [float(ast.number_value(v)) for v in t.values]
    if isinstance(t, ast.Between):
        return [float(ast.number_value(t.low)), float(ast.number_value(t.high))]
    return []  # exists / not exists: a score is always present


# ------------------------------------------------------------- instants as numbers


def _us(a: dt.datetime) -> int:
    return (a - _EPOCH) // TICK


def _at(n: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(microseconds=n)


SEARCH_END = LATEST - 2 * dt.timedelta(days=1)
"""The last instant searched: every zone's local time is still a date then."""


def first_flip(pred: Callable[[dt.datetime], Hashable], start: dt.datetime,
               end: dt.datetime) -> dt.datetime | None:
    """For ``pred`` monotone on ``[start, end]`` (its value changes at most once
    there), the first instant in ``(start, end]`` where it differs from
    ``pred(start)``, or None."""
    if end <= start:
        return None
    p0 = pred(start)
    if pred(end) == p0:
        return None
    lo, hi = _us(start), _us(end)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(_at(mid)) == p0:
            lo = mid
        else:
            hi = mid
    return _at(hi)


# ------------------------------------------------------------------ zone changes


def transitions(tz: dt.tzinfo, lo: dt.datetime, hi: dt.datetime) -> list[dt.datetime]:
    """The instants in ``(lo, hi]`` where ``tz``'s UTC offset changes (sampled every
    six hours, each change then found to the microsecond)."""
    if tz is UTC or isinstance(tz, dt.timezone):
        return []
    out = []
    step = dt.timedelta(hours=6)
    a = lo
    off = a.astimezone(tz).utcoffset()
    while a < hi:
        b = min(a + step, hi)
        off_b = b.astimezone(tz).utcoffset()
        if off_b != off:
            t = first_flip(lambda x: x.astimezone(tz).utcoffset(), a, b)
            if t is not None:
                out.append(t)
        a, off = b, off_b
    return out


def _wall(a: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    return a.astimezone(tz).replace(tzinfo=None)


def _from_wall(wall: dt.datetime, tz: dt.tzinfo, fold: int = 0) -> dt.datetime:
    return wall.replace(tzinfo=tz, fold=fold).astimezone(UTC)


# ---------------------------------------------------------------- window cutoffs


def cutoff_flips(v: dt.datetime, amount: int, unit: ast.Unit, tz: dt.tzinfo,
                 after: dt.datetime) -> list[dt.datetime]:
    """The instants ``a > after`` where ``minus(a) > v`` differs from its value a
    microsecond earlier (``minus``: as_of minus ``amount`` ``unit``, as
    :meth:`TimeContext.minus` computes it)."""
    exact = unit in _EXACT_UNITS or (isinstance(tz, dt.timezone) and unit in ("days", "weeks"))
    if exact:
        try:
            flip = v + dt.timedelta(**{unit: amount}) + TICK
        except OverflowError:
            return []
        return [flip] if after < flip <= SEARCH_END else []

    def cut(a: dt.datetime) -> bool:
        return TimeContext(a, tz).minus(amount, unit) > v

    try:
        return [a for a in _calendar_flips(v, amount, unit, tz, cut) if a > after]
    except (OverflowError, ValueError):  # near year 1 or 9999: search the slow way
        return []


def _calendar_flips(v: dt.datetime, amount: int, unit: ast.Unit, tz: dt.tzinfo,
                    cut: Callable[[dt.datetime], bool]) -> Iterator[dt.datetime]:
    delta = _calendar_delta(amount, unit)
    dv = _wall(v, tz).date()
    first = (dv - _DAY) + delta - 3 * _DAY
    last = (dv + _DAY) + delta + 4 * _DAY
    tc = TimeContext(v, tz)
    d = first
    while d <= last:
        start, end = tc.day_start(d), tc.day_start(d + _DAY)
        target = d - delta
        if abs((target - dv).days) > 2:
            # The cutoff stays on one side of v all day; it may only jump at midnight.
            if cut(start) != cut(start - TICK):
                yield start
            d += _DAY
            continue
        splits = {start, _from_wall(dt.datetime(d.year, d.month, d.day), tz, 1)}
        splits.update(transitions(tz, start, end))
        for wall in _transition_walls(tz, tc, target):
            local = dt.datetime.combine(d, wall)
            splits.update(_from_wall(local, tz, fold) for fold in (0, 1))
        points = sorted(s for s in splits if start <= s < end)
        for k, s in enumerate(points):
            if cut(s) != cut(s - TICK):
                yield s
            e = (points[k + 1] if k + 1 < len(points) else end) - TICK
            flip = first_flip(cut, s, e)
            if flip is not None:
                yield flip
        d += _DAY


def _calendar_delta(amount: int, unit: ast.Unit) -> relativedelta:
    match unit:
        case "days":
            return relativedelta(days=amount)
        case "weeks":
            return relativedelta(weeks=amount)
        case "months":
            return relativedelta(months=amount)
        case "years":
            return relativedelta(years=amount)
        case _:
            raise AssertionError(unit)  # exact units are durations


def _transition_walls(tz: dt.tzinfo, tc: TimeContext, day: dt.date) -> list[dt.time]:
    """The wall-clock times on ``day`` where a transition of ``tz`` begins or ends."""
    lo, hi = tc.day_start(day) - _DAY, tc.day_start(day + _DAY) + _DAY
    out = []
    for t in transitions(tz, lo, hi):
        for wall in (_wall(t - TICK, tz) + TICK, _wall(t, tz)):
            if wall.date() == day:
                out.append(wall.time())
    return out


# ---------------------------------------------------------------------- periods


def period_flips(v: dt.datetime, tests: Iterable[PeriodTest], tz: dt.tzinfo,
                 after: dt.datetime) -> list[dt.datetime]:
    """The instants ``a > after`` where ``v in PERIOD(a)`` changes for one of
    ``tests``: the starts of the periods before, containing and after ``v``'s."""
    tests = tuple(tests)
    try:
        tc = TimeContext(v, tz)
    except (OverflowError, ValueError):
        return []
    points: set[dt.datetime] = set()
    for _, period in tests:
        whiches: tuple[ast.Which, ...] = ("last", "this", "next")
        for which in whiches:
            for bound in tc.period_bounds(which, period):
                if EARLIEST < bound < LATEST:
                    points.add(bound)
                    points.add(_from_wall(_wall(bound, tz), tz, 1))
    if not isinstance(tz, dt.timezone):
        for p in list(points):
            points.update(transitions(tz, p - _DAY, p + _DAY))

    def holds(a: dt.datetime) -> tuple[bool, ...]:
        at = TimeContext(a, tz)
        out = []
        for which, period in tests:
            start, end = at.period_bounds(which, period)
            out.append(start <= v < end)
        return tuple(out)

    return sorted(p for p in points if p > after and holds(p) != holds(p - TICK))


# ------------------------------------------------------------------- candidates


def structural_instants(uses: TimeUses, record: Mapping[str, Any],
                        events: Mapping[str, Sequence[Mapping[str, Any]]],
                        schema_type: Callable[[str, str], FieldType | None],
                        tz: dt.tzinfo, after: dt.datetime) -> list[dt.datetime]:
    """Every instant after ``after`` where the lead's answer may change other than by
    decay, sorted."""
    out: set[dt.datetime] = set()
    created = record.get("created_at")
    if isinstance(created, dt.datetime) and created > after:
        out.add(created)
    for source in uses.sources:
        for e in events.get(source, ()):
            if e[EVENT_TIME] > after:
                out.add(e[EVENT_TIME])
    for place in uses.places:
        table, field = place
        if schema_type(table, field) is not FieldType.DATETIME:
            continue
        rows: Iterable[Mapping[str, Any]] = ((record,) if table == LEAD
                                             else events.get(table, ()))
        offsets = uses.offsets.get(place, ())
        periods = uses.periods.get(place, ())
        for row in rows:
            v = row.get(field)
            if not isinstance(v, dt.datetime):
                continue
            if v > after:
                out.add(v)
            for amount, unit in offsets:
                out.update(cutoff_flips(v, amount, unit, tz, after))
            if periods:
                out.update(period_flips(v, periods, tz, after))
    return sorted(a for a in out if a <= SEARCH_END)


def list_instants(program: Program, lead_id: object, after: dt.datetime) -> set[dt.datetime]:
    """The instants after ``after`` at which a list ``program`` reads records a change
    of ``lead_id``'s membership (it entered or left).  Lists that are not bound or
    not known give none here: evaluating the rules then says what is missing."""
    lists = program.lists
    if lists is None or not isinstance(lead_id, str):
        return set()
    known = set(lists.names())
    out: set[dt.datetime] = set()
    for name in program.list_references:
        if name not in known:
            continue
        for change in lists.repository.history(name):
            if (after < change.at <= SEARCH_END
                    and (lead_id in change.entered or lead_id in change.left)):
                out.add(change.at)
    return out


# ---------------------------------------------------------------------- search

Answer = Callable[[dt.datetime], Hashable]
Score = Callable[[dt.datetime, str], Sequence[Any]]


@attrs.frozen
class Search:
    """The search for one lead: its answer and its scores as functions of the
    instant, the structural candidates, and the decaying models' thresholds."""

    answer: Answer
    score: Score
    candidates: Sequence[dt.datetime]
    score_tests: Mapping[str, Sequence[float]]
    models: Mapping[str, ast.Scoring]
    nested: bool = False
    tz: dt.tzinfo = UTC


def next_change(search: Search, as_of: dt.datetime, until: dt.datetime | None = None
                ) -> dt.datetime | None:
    """The first instant after ``as_of`` (and at or before ``until``) where
    ``search.answer`` differs from its value at ``as_of``, or None."""
    require_until_after(as_of, until, "next_change")
    limit = SEARCH_END if until is None else min(until, SEARCH_END)
    base = search.answer(as_of)
    lo = as_of
    for hi in [*search.candidates, None]:
        end = limit if hi is None else min(hi - TICK, limit)
        if search.score_tests and end > lo:
            for c in decay_instants(search, lo, end):
                if search.answer(c) != base:
                    return c
        if hi is None or hi > limit:
            return None
        if search.answer(hi) != base:
            return hi
        lo = hi
    return None


def require_until_after(as_of: dt.datetime, until: dt.datetime | None, what: str) -> None:
    """A :class:`UsageError` naming both if ``until`` is before ``as_of``: the search
    would find nothing, and answer as if nothing changed."""
    if until is not None and until < as_of:
        raise UsageError([Diagnostic(
            f"{what}: until ({until.isoformat()}) is before as_of ({as_of.isoformat()})",
            hint="until= is where the search ends: an instant after as_of")])


def decay_instants(search: Search, lo: dt.datetime, end: dt.datetime) -> Iterator[dt.datetime]:
    """Where, in ``(lo, end]`` (no structural candidate inside), a decaying score
    crosses one of its thresholds, a cap of one of its rules starts or stops, or a
    calendar half-life changes length; in time order, found a year at a time (the
    caller stops at the first that changes the answer)."""
    # A model whose decayed rules give no points at lo (no events, or all
    # underflowed, or capped at 0) cannot move before the next candidate.
    active = {name: ns for name, ns in search.score_tests.items()
              if _decaying(search, name, lo)}
    if not active:
        return
    search = attrs.evolve(search, score_tests=active)
    horizon = min([end, *(_settled(search.models[name], lo) for name in search.score_tests)])
    c0 = lo
    while True:
        c1 = min(c0 + _CHUNK, end) if c0 < horizon else end
        splits = {c0}
        if c0 < horizon:
            for name in search.score_tests:
                splits.update(half_life_changes(search.models[name], search.tz, c0,
                                                min(c1, horizon)))
        cuts = sorted(splits)
        for k, s in enumerate(cuts):
            e = cuts[k + 1] - TICK if k + 1 < len(cuts) else c1
            if s > lo:
                yield s
            yield from _refined(search, s, e)
        if c1 >= end:
            return
        c0 = c1 + TICK


_CHUNK = dt.timedelta(days=366)


def _decaying(search: Search, name: str, lo: dt.datetime) -> bool:
    row = search.score(lo, name)
    return any(row[2 + j] != 0 for j, plan in enumerate(rule_plans(search.models[name]))
               if plan.kind in ("per decay", "once decay"))


def _refined(search: Search, lo: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Threshold and cap instants in ``(lo, end]``, where no half-life changes."""
    points = {lo}
    for _ in range(6 if search.nested else 1):
        found = set(points)
        pieces = sorted(points)
        for k, s in enumerate(pieces):
            e = pieces[k + 1] - TICK if k + 1 < len(pieces) else end
            found.update(_piece_instants(search, s, e))
        if found == points:
            break
        points = found
    return sorted(p for p in points if lo < p <= end)


_LONGEST = {"days": dt.timedelta(days=1, hours=2), "weeks": dt.timedelta(days=7, hours=2),
            "months": dt.timedelta(days=31, hours=2), "years": dt.timedelta(days=366, hours=2)}


def _settled(model: ast.Scoring, lo: dt.datetime) -> dt.datetime:
    """An instant after which every decayed point of events up to ``lo`` has
    underflowed to 0 (0.5 ** 1100 is 0.0): 1100 of the longest half-lives."""
    decay = model.decay
    if decay is None:
        return lo
    unit = _LONGEST.get(decay.unit) or dt.timedelta(**{decay.unit: 1})
    try:
        return min(SEARCH_END, lo + 1100 * decay.amount * unit)
    except OverflowError:
        return SEARCH_END


def half_life_changes(model: ast.Scoring, tz: dt.tzinfo, lo: dt.datetime, end: dt.datetime
                      ) -> list[dt.datetime]:
    """The instants in ``(lo, end]`` where a calendar half-life's length changes (a
    month back from as_of is 28 to 31 days, a day 23 to 25 hours across DST): the
    score jumps there."""
    decay = model.decay
    if decay is None or decay.unit in _EXACT_UNITS:
        return []
    if isinstance(tz, dt.timezone) and decay.unit in ("days", "weeks"):
        return []

    def length(a: dt.datetime) -> dt.timedelta:
        return TimeContext(a, tz).duration(decay.amount, decay.unit)

    points: set[dt.datetime] = set()
    longest = decay.amount * _LONGEST[decay.unit]
    for t in transitions(tz, lo - longest, end):
        points.add(t)
        points.update(cutoff_flips(t, decay.amount, decay.unit, tz, lo))
    if decay.unit in ("months", "years"):
        # Only where a day clamps or a month begins does the length change.
        tc = TimeContext(lo, tz)
        days = (1, 29, 30, 31) if decay.unit == "months" else (1, 29)
        first = _wall(lo, tz).date()
        year, month = first.year, first.month
        while year <= 9999:
            if decay.unit == "months" or month in (2, 3):
                for k in days:
                    try:
                        m = tc.day_start(dt.date(year, month, k))
                    except ValueError:  # no such day in this month
                        continue
                    points.add(m)
            if tc.day_start(dt.date(year, month, 1)) > end:
                break
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(p for p in points if lo < p <= end and length(p) != length(p - TICK))


def _piece_instants(search: Search, lo: dt.datetime, end: dt.datetime) -> set[dt.datetime]:
    out: set[dt.datetime] = set()
    for name, numbers in search.score_tests.items():
        out.update(_model_instants(search, name, numbers, lo, end))
    return out


def _model_instants(search: Search, name: str, numbers: Sequence[float], lo: dt.datetime,
                    end: dt.datetime) -> set[dt.datetime]:
    """Where one decaying model's caps start or stop to apply, and where its score
    crosses ``numbers``, in ``(lo, end]`` (the events it counts fixed there)."""
    def row(a: dt.datetime) -> Sequence[Any]:
        return search.score(a, name)

    splits = {lo}
    for j, plan in enumerate(rule_plans(search.models[name])):
        if plan.kind not in ("per decay", "once decay"):
            continue
        for cap in (plan.max_total, plan.min_total):
            if cap is not None:
                flip = first_flip(_capped(row, j, cap), lo, end)
                if flip is not None:
                    splits.add(flip)
    pieces = sorted(splits)
    out = set(pieces)
    for k, s in enumerate(pieces):
        e = pieces[k + 1] - TICK if k + 1 < len(pieces) else end
        for n in numbers:
            # Both sides of n: `score > n` and `score >= n` flip apart when the
            # score stays exactly n for a while.
            for strict in (True, False):
                flip = first_flip(_above(row, n, strict), s, e)
                if flip is not None:
                    out.add(flip)
    return out


def _capped(row: Callable[[dt.datetime], Sequence[Any]], j: int, cap: float
            ) -> Callable[[dt.datetime], bool]:
    """Whether rule ``j``'s points are ``cap`` (the cap applies) at an instant."""
    return lambda a: bool(row(a)[2 + j] == cap)


def _above(row: Callable[[dt.datetime], Sequence[Any]], n: float, strict: bool
           ) -> Callable[[dt.datetime], bool]:
    """Whether the score is above ``n`` (or at it, unless ``strict``) at an instant."""
    if strict:
        return lambda a: bool(row(a)[1] > n)
    return lambda a: bool(row(a)[1] >= n)


class Evaluations:
    """The compiled functions of one declaration at many instants (the last few
    remembered: a bisection asks for its middle points once, candidates twice)."""

    def __init__(self, rules: Rules, root: tuple[str, str], tz: dt.tzinfo) -> None:
        self.rules, self.root, self.tz = rules, root, tz
        self._memo: dict[dt.datetime, Functions] = {}

    def at(self, a: dt.datetime) -> Functions:
        found = self._memo.get(a)
        if found is None:
            if len(self._memo) > 64:
                self._memo.clear()
            found = self._memo[a] = self.rules.functions(TimeContext(a, self.tz), self.root)
        return found

    def context(self, a: dt.datetime) -> TimeContext:
        return TimeContext(a, self.tz)


def lead_search(rules: Rules, root: tuple[str, str], record: Record, events: Events,
                tc: TimeContext, answer: Callable[[Evaluations, dt.datetime], Hashable],
                score_tests: Mapping[str, Iterable[float]] | None = None) -> Search:
    """The :class:`Search` for one lead and declaration ``root``; ``answer(ev, a)``
    is the answer at instant ``a`` (``ev.at(a)`` gives the functions there);
    ``score_tests`` adds thresholds of scores (model -> numbers)."""
    program = rules.program.only(*root)
    uses = time_uses(program)
    tests: dict[str, set[float]] = {}
    for name, ts in uses.score_tests.items():
        tests.setdefault(name, set()).update(n for t in ts for n in thresholds(t))
    for name, numbers in (score_tests or {}).items():
        tests.setdefault(name, set()).update(float(n) for n in numbers)
    models = {m.name: m for m in program.scorings}
    tests = {name: ns for name, ns in tests.items()
             if name in models and models[name].decay is not None}
    ev = Evaluations(rules, root, tc.tz)

    def field_type(table: str, field: str) -> FieldType | None:
        found = program.schema.table(table)
        f = found.field(field) if found is not None else None
        return f.type if f is not None else None

    def score(a: dt.datetime, name: str) -> Sequence[Any]:
        return ev.at(a).scores[name](record, events)

    nested = any(time_uses(program.only("scoring", name)).score_tests for name in tests)
    candidates = structural_instants(uses, record, events, field_type, tc.tz, tc.as_of)
    moves = list_instants(program, record.get(LEAD_KEY), tc.as_of)
    if moves:
        candidates = sorted(set(candidates) | moves)
    return Search(lambda a: answer(ev, a), score, candidates,
                  {name: tuple(sorted(ns)) for name, ns in tests.items()}, models, nested,
                  tc.tz)
