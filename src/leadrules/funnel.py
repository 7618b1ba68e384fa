"""Funnels (SPEC 3.5): how far leads get, the yield between stages, and how
many leads a target needs.

A lead's *depth* is the index of the furthest stage it reaches, or -1.  In a
plain funnel a lead reaches stage k when it satisfies stage k or any later
stage, so its depth is the last stage it satisfies; every number of the
report (counts, rates, drop-off, ids, periods, groups) is computed from the
depths of the leads existing as of ``as_of``.  Stage conditions run through
the compiled program, exactly like segments.

In an *ordered* funnel (``ordered within N UNIT``) every stage is an event
block and the depth is that of the lead's deepest chain: distinct events, one
per step, in time order (an event at the same instant as the previous step's
counts as following it), inside the window counted from the first.  The
search is :mod:`.chains`; the chain measured for time-to-convert is the one
with the earliest (``anchor="last"``: latest) first-step event among the
deepest, then the earliest events.

Rates are exact :class:`~fractions.Fraction` values; JSON shows them as
floats.  Back-calculation divides the target by the exact product of the
step rates and rounds up once, so a whole number is never rounded to the
next.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, assert_never, overload

import attrs
from dateutil.relativedelta import relativedelta

from . import ast, output
from .chains import ANCHORS, Anchor, Chain, Event, WindowEnd, instant, micros, search
from .compile_python import Events, Record
from .dates import PERIODS, Period, TimeContext, as_written
from .errors import Diagnostic, UsageError, suggest
from .explain import Explainer
from .handles import Declared, given_ids
from .output import duration_text, percent, period_label
from .results import Table
from .schema import EVENT_TIME, LEAD_KEY, FieldType
from .semantics import exclusion_steps, funnel_sources
from .stores.base import Capability, pushdown

if TYPE_CHECKING:
    from .handles import AsOf, LeadSource

MISSING_LABEL = "(missing)"
_TICK = dt.timedelta(microseconds=1)


# ------------------------------------------------------------------ results


@attrs.frozen
class Bin:
    """Leads whose time-to-convert is in ``[start, end)`` seconds (the last bin
    of a histogram includes its end)."""

    start: int
    end: int
    leads: int

    def to_dict(self) -> dict[str, Any]:
        return {"from_seconds": self.start, "to_seconds": self.end, "leads": self.leads}


@attrs.frozen
class TimeToConvert:
    """How long leads took from the previous stage's event to this stage's:
    median, mean and a histogram (see :func:`histogram`)."""

    median: dt.timedelta
    mean: dt.timedelta
    leads: int
    histogram: tuple[Bin, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"median_seconds": self.median.total_seconds(),
                "mean_seconds": self.mean.total_seconds(), "leads": self.leads,
                "histogram": [b.to_dict() for b in self.histogram]}


@attrs.frozen(repr=False)
class StageResult:
    """One stage of a funnel report.

    ``rate`` is the yield from the previous stage (the first stage's base is
    itself, so its rate is 1), ``overall`` the rate from the first stage;
    both are None where the base is 0.  ``dropped`` are the leads that
    reached the previous stage but not this one (``drop_off`` of them).
    """

    name: str
    count: int
    rate: Fraction | None
    overall: Fraction | None
    drop_off: int
    reached: tuple[str, ...]
    dropped: tuple[str, ...]
    time_to_convert: TimeToConvert | None = None

    def to_dict(self, *, ids: bool = False) -> dict[str, Any]:
        """SPEC 5's ``name, count, rate, overall`` (floats or null), then extras."""
        out: dict[str, Any] = {"name": self.name, "count": self.count,
                               "rate": _float(self.rate), "overall": _float(self.overall),
                               "drop_off": self.drop_off}
        if self.time_to_convert is not None:
            out["time_to_convert"] = self.time_to_convert.to_dict()
        if ids:
            out["reached"] = list(self.reached)
            out["dropped"] = list(self.dropped)
        return out

    def __repr__(self) -> str:
        return (f"<StageResult {self.name}: {output.plural(self.count, 'lead')}, "
                f"{percent(self.rate)} of the previous stage>")


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


@attrs.frozen(repr=False)
class FunnelReport:
    """Counts, rates, drop-off and lead ids per stage, as of one instant."""

    funnel: str
    title: str | None
    as_of: dt.datetime
    population: int
    stages: tuple[StageResult, ...]
    order: ast.FunnelOrder | None = None
    """``ordered``, ``strict`` or ``any order`` for an ordered funnel; None for a plain one."""

    @property
    def ordered(self) -> bool:
        return self.order is not None

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def stage(self, name: str) -> StageResult:
        """The result of one stage by name (UsageError with a suggestion if unknown)."""
        for s in self.stages:
            if s.name == name:
                return s
        raise UsageError([Diagnostic(f"funnel '{self.funnel}' has no stage '{name}'",
                                     hint=suggest(name, self.stage_names)
                                     if isinstance(name, str) else None)])

    def __getitem__(self, name: str) -> StageResult:
        return self.stage(name)

    # -- back-calculation ----------------------------------------------------
    def required_for(self, stage: str, n: int) -> dict[str, int | None]:
        """Leads needed at each stage up to ``stage`` for ``n`` leads there.

        At stage k before the target t the need is ``n / (rate_k+1 * … * rate_t)``,
        computed exactly and rounded up once.  Where a step rate on the way is
        0 or undefined (no lead reached the stage before it) no number of
        leads is enough at the observed rates: that stage, and every stage
        before it, is None -- except for a target of 0, which needs 0 leads at
        every stage whatever the rates.
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise UsageError(f"a target is a whole number of leads >= 0, not {n!r}")
        target = self.stage_names.index(self.stage(stage).name)
        out: dict[str, int | None] = {}
        need: Fraction | None = Fraction(n)
        for k in range(target, -1, -1):
            out[self.stages[k].name] = None if need is None else math.ceil(need)
            rate = self.stages[k].rate
            if k > 0 and need:  # 0 needs 0 before it, whatever the rate
                need = None if not rate else need / rate
        return {name: out[name] for name in self.stage_names[:target + 1]}

    def check_targets(self, targets: Mapping[str, int]) -> None:
        """Each target names a stage of this funnel (with the nearest name if not)."""
        if not isinstance(targets, Mapping):
            raise UsageError([Diagnostic(
                f"targets maps stage names to lead counts, not a {type(targets).__name__}",
                hint=f"targets={{{self.stage_names[-1]!r}: 10}}")])
        for stage in targets:
            self.stage(stage)

    def required(self, **targets: int) -> dict[str, int | None]:
        """Back-calculation for one or more targets, e.g. ``required(won=10)``.

        With several targets (``required(won=10, opportunity=40)``) each stage
        needs enough for all of them: the largest requirement (None if any is
        undefined).  Stages run from the first up to the deepest target.
        """
        if not targets:
            raise UsageError("required() needs a target, e.g. required(won=10)")
        self.check_targets(targets)
        merged: dict[str, int | None] = {}
        for stage, n in targets.items():
            for name, need in self.required_for(stage, n).items():
                if name not in merged:
                    merged[name] = need
                else:
                    old = merged[name]
                    merged[name] = None if old is None or need is None else max(old, need)
        return {name: merged[name] for name in self.stage_names if name in merged}

    # -- output ----------------------------------------------------------------
    def to_dict(self, targets: Mapping[str, int] | None = None, *, ids: bool = False
                ) -> dict[str, Any]:
        """SPEC 5's JSON object: ``stages`` and, with targets, ``required``."""
        out: dict[str, Any] = {"stages": [s.to_dict(ids=ids) for s in self.stages]}
        if targets:
            out["required"] = self.required(**targets)
        out.update({"funnel": self.funnel, "as_of": self.as_of.isoformat(),
                    "population": self.population})
        if self.order is not None:
            out["order"] = self.order
        return out

    def to_json(self, targets: Mapping[str, int] | None = None, *, ids: bool = False) -> str:
        return output.to_json(self.to_dict(targets, ids=ids))

    def to_table(self, targets: Mapping[str, int] | None = None) -> Table:
        """One row per stage: name, count, rate, overall, drop_off[, median_seconds,
        mean_seconds][, required] — rates as floats, times in seconds (None where
        undefined)."""
        required = self.required(**targets) if targets else None
        columns = ["name", "count", "rate", "overall", "drop_off"]
        if self.ordered:
            columns += ["median_seconds", "mean_seconds"]
        if required is not None:
            columns.append("required")
        rows = []
        for s in self.stages:
            row: list[Any] = [s.name, s.count, _float(s.rate), _float(s.overall), s.drop_off]
            if self.ordered:
                ttc = s.time_to_convert
                row += [None if ttc is None else ttc.median.total_seconds(),
                        None if ttc is None else ttc.mean.total_seconds()]
            if required is not None:
                row.append(required.get(s.name))
            rows.append(tuple(row))
        return Table(tuple(columns), tuple(rows), rates=("rate", "overall"))

    def to_csv(self, targets: Mapping[str, int] | None = None) -> str:
        return self.to_table(targets).to_csv()

    def to_text(self, targets: Mapping[str, int] | None = None) -> str:
        """An aligned table for people, rates as percentages."""
        table = self.to_table(targets)
        rows = []
        for row in table.rows:
            shown = list(row)
            shown[2], shown[3] = percent(_fraction(row[2])), percent(_fraction(row[3]))
            if self.ordered:
                shown[5], shown[6] = _seconds_text(row[5]), _seconds_text(row[6])
            if targets and row[-1] is None:
                shown[-1] = "-"
            rows.append(shown)
        title = f"funnel {self.funnel}" + (f" ({self.title})" if self.title else "")
        head = f"{title} as of {self.as_of.isoformat()}: {output.plural(self.population, 'lead')}\n"
        # Times are shown as durations here, not seconds.
        columns = [{"median_seconds": "median_time", "mean_seconds": "mean_time"}.get(c, c)
                   for c in table.columns]
        return head + output.to_table(columns, rows)

    def to_pandas(self, targets: Mapping[str, int] | None = None) -> Any:
        """:meth:`to_table` as a pandas DataFrame (rates as floats 0..1)."""
        return self.to_table(targets).to_pandas()

    def to_polars(self, targets: Mapping[str, int] | None = None) -> Any:
        """:meth:`to_table` as a polars DataFrame."""
        return self.to_table(targets).to_polars()

    def __repr__(self) -> str:
        counts = ", ".join(f"{s.name} {s.count}" for s in self.stages)
        return (f"<FunnelReport {self.funnel} as of {self.as_of.isoformat()}: "
                f"{output.plural(self.population, 'lead')}; {counts}>")

    def _repr_html_(self) -> str:
        """The chart (SVG, inline) above the stage table, rates as percentages."""
        from .display import html_table
        from .funnel_chart import svg_element
        table = self.to_table()
        return svg_element(self) + html_table(table.columns, table.rows, rates=table.rates)

    def chart(self, targets: Mapping[str, int] | None = None) -> str:
        """The chart as inline SVG text; with ``targets`` (``{"won": 10}``) it
        shows the back-calculation (the leads needed at each stage) too."""
        from .funnel_chart import svg_element
        return svg_element(self, targets)

    def __str__(self) -> str:
        return self.to_text()


def _fraction(value: float | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def _seconds_text(value: float | None) -> str:
    return "-" if value is None else duration_text(dt.timedelta(seconds=value))


@attrs.frozen(repr=False)
class FunnelGroup:
    """One group of a breakdown: the field's value, its label and its report."""

    value: Any
    label: str
    report: FunnelReport

    def __repr__(self) -> str:
        return f"<FunnelGroup {self.label}: {output.plural(self.report.population, 'lead')}>"


@attrs.frozen(repr=False)
class FunnelBreakdown:
    """One funnel report per value of a lead field (or of an event field of the
    chains, ``attribution`` naming the event), plus the report of everyone."""

    field: str
    total: FunnelReport
    groups: tuple[FunnelGroup, ...]
    attribution: str | None = None

    def to_dict(self, targets: Mapping[str, int] | None = None) -> dict[str, Any]:
        """The whole funnel's SPEC 5 object plus ``by`` (``attribution``) and ``groups``."""
        out = self.total.to_dict(targets)
        out["by"] = self.field
        if self.attribution is not None:
            out["attribution"] = self.attribution
        out["groups"] = [{"value": output.plain(g.value), "label": g.label,
                          **g.report.to_dict(targets)} for g in self.groups]
        return out

    def to_table(self, targets: Mapping[str, int] | None = None) -> Table:
        """The stage table with a leading ``group`` column, one block per group."""
        rows: list[tuple[Any, ...]] = []
        for g in self.groups:
            table = g.report.to_table(targets)
            rows.extend((g.label, *row) for row in table.rows)
        columns = ("group", *self.total.to_table(targets).columns)
        return Table(columns, tuple(rows), rates=("rate", "overall"))

    def to_text(self, targets: Mapping[str, int] | None = None) -> str:
        parts = [f"== {self.field}: {output.terminal_text(g.label)}\n"
                 f"{g.report.to_text(targets)}" for g in self.groups]
        return "\n".join(parts)

    def to_pandas(self, targets: Mapping[str, int] | None = None) -> Any:
        """:meth:`to_table` (one block of stages per group) as a pandas DataFrame."""
        return self.to_table(targets).to_pandas()

    def to_polars(self, targets: Mapping[str, int] | None = None) -> Any:
        return self.to_table(targets).to_polars()

    def __repr__(self) -> str:
        return (f"<FunnelBreakdown {self.total.funnel} by {self.field}: "
                f"{output.plural(len(self.groups), 'group')}, "
                f"{output.plural(self.total.population, 'lead')}>")

    def _repr_html_(self) -> str:
        from .display import html_table
        from .funnel_chart import svg_element
        table = self.to_table()
        return svg_element(self) + html_table(table.columns, table.rows, rates=table.rates,
                                              limit=max(20, len(self.total.stages) * 4))


@attrs.frozen(repr=False)
class FunnelPeriod:
    """The funnel as of the end of one period, and who entered each stage in it."""

    start: dt.datetime
    end: dt.datetime
    report: FunnelReport
    entered: tuple[int, ...]
    complete: bool = True

    def __repr__(self) -> str:
        return (f"<FunnelPeriod {self.start.isoformat()} – {self.end.isoformat()}"
                f"{'' if self.complete else ' (so far)'}>")


@attrs.frozen(repr=False)
class FunnelOverTime:
    """The funnel as of the end of each period of a range (SPEC 3.5 "over time")."""

    funnel: str
    every: Period
    periods: tuple[FunnelPeriod, ...]
    tz: dt.tzinfo
    """The evaluation time zone: the periods are its calendar weeks, months or
    quarters, and their labels (and the repr's dates) name them in it."""

    @property
    def stage_names(self) -> tuple[str, ...]:
        return self.periods[0].report.stage_names if self.periods else ()

    def to_dict(self, targets: Mapping[str, int] | None = None) -> dict[str, Any]:
        """The last period's SPEC 5 object plus ``every`` and ``periods``."""
        out = self.periods[-1].report.to_dict(targets) if self.periods else {"stages": []}
        out["every"] = self.every
        out["periods"] = [{
            "start": p.start.isoformat(), "end": p.end.isoformat(),
            "as_of": p.report.as_of.isoformat(), "complete": p.complete,
            "stages": [{**s.to_dict(), "entered": n}
                       for s, n in zip(p.report.stages, p.entered, strict=True)],
        } for p in self.periods]
        return out

    def to_table(self) -> Table:
        """One row per period and stage: period start, end, stage, count, rate,
        overall, entered."""
        rows = []
        for p in self.periods:
            for s, n in zip(p.report.stages, p.entered, strict=True):
                rows.append((p.start, p.end, s.name, s.count, _float(s.rate),
                             _float(s.overall), n))
        return Table(("period_start", "period_end", "name", "count", "rate", "overall",
                      "entered"), tuple(rows), rates=("rate", "overall"))

    def to_pandas(self) -> Any:
        """:meth:`to_table` (one row per period and stage) as a pandas DataFrame."""
        return self.to_table().to_pandas()

    def to_polars(self) -> Any:
        return self.to_table().to_polars()

    def __repr__(self) -> str:
        span = (f" {self.periods[0].start.astimezone(self.tz):%Y-%m-%d} – "
                f"{self.periods[-1].end.astimezone(self.tz):%Y-%m-%d}" if self.periods else "")
        return (f"<FunnelOverTime {self.funnel} every {self.every}: "
                f"{output.plural(len(self.periods), 'period')}{span}>")

    def _repr_html_(self) -> str:
        from .display import html_pre
        from .funnel_chart import svg_element
        return svg_element(self) + html_pre(self.to_text())

    def to_text(self) -> str:
        """Counts (entered in brackets) with one row per period, one column per stage."""
        columns = ["period", *self.stage_names]
        rows = []
        for p in self.periods:
            label = period_label(p.start, self.every, self.tz) + ("" if p.complete
                                                                  else " (so far)")
            rows.append([label, *(f"{s.count} (+{n})"
                                  for s, n in zip(p.report.stages, p.entered, strict=True))])
        return (f"funnel {self.funnel} every {self.every}: count as of the period end "
                f"(+ entered in the period)\n" + output.to_table(columns, rows))


# ---------------------------------------------------------------- evaluation

Depths = dict[str, int]
"""lead id -> index of the furthest stage reached (-1: none)."""


@attrs.frozen
class _Chain:
    """A lead's reported chain: its events' times (µs since 1970) and the
    breakdown field's value on each (None without an event-field breakdown)."""

    depth: int
    times: tuple[int, ...]
    values: tuple[Any, ...]


class FunnelRule(Declared[ast.Funnel]):
    """One funnel of a rules file: report, breakdown, over time."""

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.ast.stages)

    @property
    def ordered(self) -> bool:
        return self.ast.ordered_within is not None

    def __repr__(self) -> str:
        kind = "ordered funnel" if self.ordered else "funnel"
        return f"<{kind} {self.name}: {' -> '.join(self.stage_names)}>"

    # -- public questions ------------------------------------------------------
    @overload
    def report(self, store: LeadSource, as_of: AsOf = None, *, timezone: str | None = None,
               by: None = None, anchor: Anchor = "first", attribution: str = "first",
               lead_ids: Iterable[str] | None = None) -> FunnelReport: ...

    @overload
    def report(self, store: LeadSource, as_of: AsOf = None, *, timezone: str | None = None,
               by: str, anchor: Anchor = "first", attribution: str = "first",
               lead_ids: Iterable[str] | None = None) -> FunnelBreakdown: ...

    def report(self, store: LeadSource, as_of: AsOf = None, *, timezone: str | None = None,
               by: str | None = None, anchor: Anchor = "first", attribution: str = "first",
               lead_ids: Iterable[str] | None = None) -> FunnelReport | FunnelBreakdown:
        """The funnel as of ``as_of``: a :class:`FunnelReport`, or with ``by=FIELD``
        a :class:`FunnelBreakdown` (one report per value of a lead field, or of an
        event field ``SOURCE.FIELD`` on the chain's event that ``attribution``
        names: ``first``, ``last`` or a stage name; ordered funnels only).

        ``anchor`` (ordered funnels): which chain is measured when several reach
        a lead's depth — the one from the earliest first-step event (``first``)
        or from the latest (``last``, PostHog's rule); docs/funnels.md.

        ``lead_ids``: the report of those leads only -- the full one's depths
        restricted to them, every count computed over them (ids the store lacks,
        or leads created after as_of, are simply absent); inside the database
        when the store evaluates some leads only
        (:attr:`~leadrules.stores.base.Capability.SEGMENT_BATCH`)."""
        tc = self.rules.time_context(as_of, timezone)
        _check_anchor(anchor)
        self._check_attribution(attribution)
        ids = None if lead_ids is None else given_ids(lead_ids)
        if by is not None:
            return self.breakdown(store, by, tc, anchor=anchor, attribution=attribution,
                                  lead_ids=ids)
        depths, chains = self._evaluate(store, tc, anchor, ids)
        return self._report(depths, chains, tc)

    def depths(self, store: LeadSource, as_of: AsOf = None, *,
               timezone: str | None = None, lead_ids: Iterable[str] | None = None
               ) -> Depths:
        """Each existing lead's furthest stage index (-1 when it reaches none);
        ``lead_ids``: of those leads only (see :meth:`report`)."""
        ids = None if lead_ids is None else given_ids(lead_ids)
        return self._evaluate(store, self.rules.time_context(as_of, timezone), ids=ids)[0]

    def breakdown(self, store: LeadSource, field: str, tc: TimeContext, *,
                  anchor: Anchor = "first", attribution: str = "first",
                  lead_ids: Iterable[str] | None = None) -> FunnelBreakdown:
        """Group the leads by ``field`` (see :func:`group_keys`) and report each group:
        a lead field, or ``SOURCE.FIELD`` of the chain's event ``attribution``
        names.  ``lead_ids``: of those leads only (see :meth:`report`)."""
        if not isinstance(field, str):
            one = (f"by={field[0]!r}" if isinstance(field, list | tuple) and len(field) == 1
                   else "by='industry'")
            raise UsageError([Diagnostic(
                f"by= takes one field name, not {field!r}",
                hint=f"{one}; for each of several fields, one report per field")])
        self._check_attribution(attribution)
        event_field = self._event_field(field)
        ids = None if lead_ids is None else given_ids(lead_ids)
        values: Iterable[tuple[str, Any]]
        if event_field is None:
            ftype = self._breakdown_type(field)
            depths, chains = self._evaluate(store, tc, anchor, ids)
            # Grouping needs only the lead records: no events.  `depths` holds
            # exactly the leads that exist (of `ids`, when given).
            values = ((lead_id, value) for lead_id, value in self._lead_values(store, field, ids)
                      if lead_id in depths)
        else:
            ftype, pick = self._attribution(event_field, attribution)
            depths, chains = self._evaluate_ordered(store, tc, value=event_field,
                                                    anchor=anchor, ids=ids)
            values = ((lead_id, pick(chains.get(lead_id))) for lead_id in depths)
        groups: dict[Any, dict[str, int]] = {}
        spellings: dict[Any, dict[Any, int]] = {}
        for lead_id, raw in values:
            for key, value in group_keys(raw, ftype):
                groups.setdefault(key, {})[lead_id] = depths[lead_id]
                seen = spellings.setdefault(key, {})
                seen[value] = seen.get(value, 0) + 1
        out = []
        for key, members in groups.items():
            value = _most_common(spellings[key])
            label = MISSING_LABEL if value is None else output.cell(value)
            report = self._report(members, {i: chains[i] for i in members if i in chains}, tc)
            out.append(FunnelGroup(value, label, report))
        out.sort(key=lambda g: (g.value is None, g.label.lower(), g.label))
        return FunnelBreakdown(field, self._report(depths, chains, tc), tuple(out),
                               None if event_field is None else attribution)

    def over_time(self, store: LeadSource, every: Period, since: AsOf, until: AsOf = None,
                  *, timezone: str | None = None, anchor: Anchor = "first",
                  progress: bool | None = None, lead_ids: Iterable[str] | None = None
                  ) -> FunnelOverTime:
        """The report as of the end of each period from the one containing ``since``
        to the one containing ``until`` (default now), and per period how many
        leads entered each stage: reached it at the period's end but not at the
        end of the period before.  The last period ends at ``until`` if that is
        earlier than its calendar end (``complete`` is then False).

        ``progress``: a tqdm bar over the periods (None: when tqdm is installed
        and a terminal or notebook is watching; see :func:`leadrules.display.progress`).
        ``lead_ids``: of those leads only (see :meth:`report`)."""
        if every not in PERIODS:
            raise UsageError([Diagnostic(f"unknown period {every!r}",
                                         hint="use week, month or quarter")])
        _check_anchor(anchor)
        ids = None if lead_ids is None else given_ids(lead_ids)
        end_tc = self.rules.time_context(until, timezone)
        start_tc = self.rules.time_context(since, timezone)
        if start_tc.as_of > end_tc.as_of:
            raise UsageError(f"since ({as_written(since)}) is after until "
                             f"({as_written(until)})")
        bounds = period_starts(start_tc, end_tc, every)
        previous = self._evaluate(store, TimeContext(bounds[0][0] - _TICK, end_tc.tz),
                                  ids=ids)[0]
        periods = []
        from .display import progress as bar
        for start, end in bar(bounds, total=len(bounds), desc=f"funnel {self.name}",
                              enabled=progress):
            complete = end <= end_tc.as_of
            tc = TimeContext(end - _TICK if complete else end_tc.as_of, end_tc.tz)
            depths, chains = self._evaluate(store, tc, anchor, ids)
            entered = tuple(
                sum(1 for i, d in depths.items() if d >= k and previous.get(i, -1) < k)
                for k in range(len(self.ast.stages)))
            periods.append(FunnelPeriod(start, end, self._report(depths, chains, tc),
                                        entered, complete))
            previous = depths
        return FunnelOverTime(self.name, every, tuple(periods), end_tc.tz)

    # -- evaluation --------------------------------------------------------------
    def _evaluate(self, store: LeadSource, tc: TimeContext, anchor: Anchor = "first",
                  ids: list[str] | None = None) -> tuple[Depths, dict[str, _Chain]]:
        """Each lead's depth (and chain), of the leads ``ids`` only when given
        (distinct, checked by :func:`~leadrules.handles.given_ids`)."""
        if self.ordered:
            return self._evaluate_ordered(store, tc, anchor=anchor, ids=ids)
        db = self.rules.database(store, Capability.FUNNEL_DEPTHS, ids)
        if db is not None:
            # Each lead's depth, computed in the database as below (the ids bound).
            return db.depth_rows(self.rules.program, self.name, tc, **_restricted(ids)), {}
        stages = self.rules.functions(tc, ("funnel", self.name)).funnels[self.name]
        last = len(stages) - 1
        depths: Depths = {}
        for lead, events in self._leads(store, tc, ids):
            depth = -1
            # From the last stage down: the first that holds is the depth.
            for k in range(last, -1, -1):
                fn = stages[k]
                if fn is None or fn(lead, events):
                    depth = k
                    break
            depths[lead[LEAD_KEY]] = depth
        return depths, {}

    def chain_depth(self, tc: TimeContext, anchor: Anchor = "first"
                    ) -> Callable[[list[Event]], int]:
        """For an ordered funnel: a function from one lead's events, as the chain
        search takes them (:data:`leadrules.chains.Event`, any order), to its depth
        (-1 for none) -- what :meth:`depths` gives for the lead.  It holds only plain
        values and module functions, so it can be shipped to other processes (a
        Spark store runs it on the executors, per lead)."""
        find = self._chain_search(tc, anchor)

        def depth(events: list[Event]) -> int:
            chain = find(events)
            return -1 if chain is None else chain.depth
        return depth

    def chain_of(self, tc: TimeContext, anchor: Anchor = "first", *, by: str | None = None,
                 attribution: str = "first"
                 ) -> Callable[[list[Event]], tuple[int, tuple[int, ...], Any]]:
        """For an ordered funnel: a function from one lead's events, as the chain
        search takes them (:data:`leadrules.chains.Event`, any order; with ``by``
        each event's value of the field ``by`` names sixth) to the lead's reported
        chain -- the one :meth:`report` measures with ``anchor``: ``(depth, times,
        value)``, ``depth`` as :meth:`depths` gives it (-1 for none), ``times`` the
        chain's events' times in µs since 1970 (one per step filled: ``depth + 1``),
        and ``value`` the value of the event ``attribution`` names (``first``,
        ``last`` or a stage name) that ``report(by=SOURCE.FIELD,
        attribution=...)`` groups the lead by (None without ``by``, without such
        an event, or without a value).  ``by`` is an event field
        ``SOURCE.FIELD``: a lead field is no chain's.  Like :meth:`chain_depth`
        it can be shipped to other processes."""
        if not self.ordered:
            raise UsageError(f"funnel '{self.name}' is not ordered: it has no chains")
        _check_anchor(anchor)
        pick: Callable[[_Chain | None], Any] | None = None
        if by is not None:
            event_field = self._event_field(by)
            if event_field is None:
                raise UsageError([Diagnostic(
                    f"'{by}' is a lead field: a chain carries the fields of its events only",
                    hint="break it down by SOURCE.FIELD, or join the lead field on the id")])
            pick = self._attribution(event_field, attribution)[1]
        find = self._chain_search(tc, anchor)

        def chain_of_lead(events: list[Event]) -> tuple[int, tuple[int, ...], Any]:
            chain = find(events)
            if chain is None:
                return -1, (), None
            picked = [events[j] for j in chain.events]
            reported = _Chain(chain.depth, tuple(e[0] for e in picked),
                              tuple(e[5] for e in picked))
            return chain.depth, reported.times, None if pick is None else pick(reported)
        return chain_of_lead

    def _chain_search(self, tc: TimeContext, anchor: Anchor
                      ) -> Callable[[list[Event]], Chain | None]:
        """The chain search of this ordered funnel as of ``tc``, on one lead's
        events (sorted in place)."""
        window = self.ast.ordered_within
        assert window is not None
        end = window_end(window, tc.tz)
        steps = len(self.ast.stages)
        order = self.ast.order
        exclusions = exclusion_steps(self.ast)
        strict_sources = frozenset(s.rank for s in funnel_sources(self.ast) if s.steps)

        def find(events: list[Event]) -> Chain | None:
            events.sort()
            return search(events, steps, end, order=order, exclusions=exclusions,
                          strict_sources=strict_sources, anchor=anchor)
        return find

    def _evaluate_ordered(self, store: LeadSource, tc: TimeContext, *,
                          value: tuple[str, str] | None = None, anchor: Anchor = "first",
                          ids: list[str] | None = None
                          ) -> tuple[Depths, dict[str, _Chain]]:
        find = self._chain_search(tc, anchor)
        depths: Depths = {}
        chains: dict[str, _Chain] = {}

        def add(lead_id: str, events: list[Event]) -> None:
            chain = find(events)
            if chain is None:
                depths[lead_id] = -1
                return
            depths[lead_id] = chain.depth
            picked = [events[j] for j in chain.events]
            chains[lead_id] = _Chain(chain.depth, tuple(e[0] for e in picked),
                                     tuple(e[5] for e in picked))

        db = self.rules.database(store, Capability.FUNNEL_EVENTS, ids)
        if db is not None:
            # Each source's events the funnel reads, from the database in one query
            # per source (with their identities: source and seq; of the leads `ids`
            # only when given); the chains are searched here, as below.
            alive, per_lead = db.stage_events(self.rules.program, self.name, tc, value,
                                              **_restricted(ids))
            for lead_id in alive:
                add(lead_id, per_lead.get(lead_id, []))
            return depths, chains
        rows = self._event_rows(tc, value)
        for lead, events in self._leads(store, tc, ids):
            add(lead[LEAD_KEY], rows(events))
        return depths, chains

    def _leads(self, store: LeadSource, tc: TimeContext, ids: list[str] | None
               ) -> Iterator[tuple[Record, Events]]:
        """The leads existing as of ``tc`` (of ``ids`` only, when given), with their events."""
        return (self.rules.each_lead(store, tc) if ids is None
                else self.rules.given_leads(store, tc, ids))

    @staticmethod
    def _lead_values(store: LeadSource, field: str, ids: list[str] | None
                     ) -> Iterable[tuple[str, Any]]:
        """``(id, value of the lead field)`` of every lead, or of the leads ``ids``
        names: a SQL store reads the id and the field of every lead in one query
        (:attr:`~leadrules.stores.base.Capability.LEAD_ROWS`; one query per id
        costs more from a few dozen ids on), other stores each lead's record."""
        if ids is None:
            return ((lead[LEAD_KEY], lead.get(field)) for lead in store.leads())
        if pushdown(store, Capability.LEAD_ROWS) is not None:
            from .lead_fields import lead_rows
            return ((str(row[0]), row[1]) for row in lead_rows(store, [field]))
        return ((lead[LEAD_KEY], lead.get(field)) for lead in map(store.lead, ids)
                if lead is not None)

    def _event_rows(self, tc: TimeContext, value: tuple[str, str] | None
                    ) -> Callable[[Events], list[Event]]:
        """A lead's events as the chain search takes them (see :mod:`.chains`);
        ``seq`` is the event's position in its source's list (time order, ties in
        stored order: the order of a SQL store's ``seq``)."""
        # The explainer compiles each block's braces with the evaluator's own
        # code generator, so a step selects exactly the events that the same
        # block selects in a segment.
        explainer = Explainer(self.rules.program, tc)

        def keep(block: ast.EventBlock) -> Callable[..., Any] | None:
            if block.conditions is None:
                return None
            return explainer.predicate(
                explainer.conditions(block.conditions, block.mode, block.source, "r"))

        plan = []
        for source in funnel_sources(self.ast):
            tests = [(1 << k, keep(block)) for k, block in source.steps]
            excluded = [(1 << x, keep(block)) for x, block in source.exclusions]
            field = value[1] if value is not None and value[0] == source.name else None
            plan.append((source.name, source.rank, tests, excluded, source.every_event, field))
        as_of = tc.as_of

        def rows(events: Events) -> list[Event]:
            out: list[Event] = []
            for name, rank, tests, excluded, every, field in plan:
                for seq, e in enumerate(events.get(name, ())):
                    when = e[EVENT_TIME]
                    if when > as_of:
                        continue
                    mask = xmask = 0
                    for bit, test in tests:
                        if test is None or test(e):
                            mask |= bit
                    for bit, test in excluded:
                        if test is None or test(e):
                            xmask |= bit
                    if mask or xmask or every:
                        out.append((micros(when), rank, seq, mask, xmask,
                                    None if field is None else e.get(field)))
            return out
        return rows

    def _report(self, depths: Mapping[str, int], chains: Mapping[str, _Chain],
                tc: TimeContext) -> FunnelReport:
        return build_report(self.ast, depths, chains, tc.as_of)

    def _event_field(self, field: str) -> tuple[str, str] | None:
        """``(source, field)`` for an event-field breakdown ``SOURCE.FIELD``; None
        for a lead field."""
        schema = self.rules.schema
        source, dot, name = field.partition(".")
        if schema.lead.field(field) is not None or not dot:
            return None
        table = schema.source(source)
        if table is None:
            raise UsageError([Diagnostic(
                f"no lead field or event source named '{source}'",
                hint=suggest(source, [*schema.lead.field_names, *schema.source_names]))])
        found = table.field(name)
        if found is None:
            raise UsageError([Diagnostic(f"source '{source}' has no field '{name}'",
                                         hint=suggest(name, table.field_names))])
        if found.type == FieldType.DATETIME:
            raise UsageError([Diagnostic(
                f"cannot break a funnel down by the datetime field '{field}'",
                hint="use over_time (--every) to follow a funnel through time")])
        if not self.ordered:
            raise UsageError([Diagnostic(
                f"breaking funnel '{self.name}' down by the event field '{field}' needs an "
                "ordered funnel: the value comes from the events of a lead's chain",
                hint="break a plain funnel down by a lead field, e.g. --by lead_source")])
        return source, name

    def _attribution(self, event_field: tuple[str, str], attribution: str
                     ) -> tuple[FieldType, Callable[[_Chain | None], Any]]:
        """The field's type and, per chain, the value of the event ``attribution``
        names (None: no such event, or one of another source)."""
        source, name = event_field
        ftype = self.rules.program.field_type(source, name)
        blocks = [s.condition for s in self.ast.stages]
        reads = [isinstance(b, ast.EventBlock) and b.source == source for b in blocks]
        if not any(reads):
            raise UsageError(f"no stage of funnel '{self.name}' reads {source} events, so "
                             f"none carries {source}.{name}")
        if attribution == "first":
            if self.ast.order != "any order" and not reads[0]:
                raise UsageError(f"the first stage of funnel '{self.name}' reads no {source} "
                                 f"events: use --attribution last or a stage that does")
            return ftype, lambda c: None if c is None else c.values[0]
        if attribution == "last":
            return ftype, lambda c: None if c is None else c.values[-1]
        names = list(self.stage_names)
        if attribution not in names:
            raise UsageError([Diagnostic(
                f"unknown attribution {attribution!r}",
                hint=suggest(attribution, names) or "use first, last or a stage name")])
        if self.ast.order == "any order":
            raise UsageError("an any-order funnel fills no step in particular: attribute "
                             "to the first or last event")
        k = names.index(attribution)
        if not reads[k]:
            raise UsageError(f"stage '{attribution}' reads no {source} events")
        return ftype, lambda c: None if c is None or c.depth < k else c.values[k]

    def _check_attribution(self, attribution: str) -> None:
        """``attribution`` is ``first``, ``last`` or a stage name (even where no
        event field is broken down: a misspelling is not silently ignored)."""
        names = ["first", "last", *self.stage_names]
        if not isinstance(attribution, str) or attribution not in names:
            hint = (suggest(attribution, names) if isinstance(attribution, str) else None)
            raise UsageError([Diagnostic(
                f"unknown attribution {attribution!r}",
                hint=hint or "use first, last or a stage name")])

    def _breakdown_type(self, field: str) -> FieldType:
        lead_table = self.rules.schema.lead
        found = lead_table.field(field)
        if found is None:
            raise UsageError([Diagnostic(f"no lead field named '{field}'",
                                         hint=suggest(field, lead_table.field_names))])
        if found.type == FieldType.DATETIME:
            raise UsageError([Diagnostic(
                f"cannot break a funnel down by the datetime field '{field}'",
                hint="use over_time (--every) to follow a funnel through time")])
        return found.type


def _restricted(ids: list[str] | None) -> dict[str, list[str]]:
    # Only a store declaring SEGMENT_BATCH is passed lead_ids (stores/base.py).
    return {} if ids is None else {"lead_ids": ids}


def _check_anchor(anchor: str) -> None:
    if anchor not in ANCHORS:
        raise UsageError([Diagnostic(f"unknown anchor {anchor!r}",
                                     hint="use first (the earliest first-step event) or last")])


def add_window(start: dt.datetime, window: ast.Within, tz: dt.tzinfo) -> dt.datetime:
    """The end of a window starting at ``start``: exact for seconds, minutes and
    hours, calendar (wall-clock) arithmetic in ``tz`` for days and longer — as
    ``within N UNIT`` counts back from as_of."""
    return _window_adder(window, tz)(start)


def _window_adder(window: ast.Within, tz: dt.tzinfo
                  ) -> Callable[[dt.datetime], dt.datetime]:
    if window.unit in ("seconds", "minutes", "hours"):
        span = dt.timedelta(**{window.unit: window.amount})
        return lambda start: start + span
    delta: dt.timedelta | relativedelta
    if window.unit in ("days", "weeks"):
        # Whole days on the wall clock: a timedelta of days adds exactly that.
        delta = dt.timedelta(**{window.unit: window.amount})
    else:
        delta = (relativedelta(months=window.amount) if window.unit == "months"
                 else relativedelta(years=window.amount))

    def add(start: dt.datetime) -> dt.datetime:
        wall = start.astimezone(tz).replace(tzinfo=None) + delta
        return wall.replace(tzinfo=tz).astimezone(dt.UTC)
    return add


# Zones whose wall clock never jumps: N days there are N x 24 hours.
_FIXED_ZONES = frozenset({"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Zulu"})


def window_end(window: ast.Within, tz: dt.tzinfo) -> WindowEnd:
    """:func:`add_window` on microseconds since 1970, as the chain search takes it
    (called once per candidate first step: a constant span where it can be)."""
    fixed = isinstance(tz, dt.timezone) or getattr(tz, "key", None) in _FIXED_ZONES
    if window.unit in ("seconds", "minutes", "hours") or (
            fixed and window.unit in ("days", "weeks")):
        span = dt.timedelta(**{window.unit: window.amount}) // dt.timedelta(microseconds=1)
        return lambda start: start + span
    add = _window_adder(window, tz)

    def end(start: int) -> int:
        return micros(add(instant(start)))
    return end


def build_report(funnel: ast.Funnel, depths: Mapping[str, int],
                 chains: Mapping[str, _Chain], as_of: dt.datetime) -> FunnelReport:
    """Counts, rates, drop-off, ids (and time-to-convert) from the leads' depths."""
    stages = []
    ordered = funnel.ordered_within is not None
    names = row_names(funnel)
    # One sort, then buckets by depth (in id order): the leads dropped at
    # stage k are bucket k-1, and those reached are buckets k.., merged from the
    # last stage down (sorting two sorted runs is one merge).  No lookups in
    # `depths`: at a million leads its random access cost more than the sort.
    buckets: list[list[str]] = [[] for _ in funnel.stages]
    for lead_id, depth in sorted(depths.items(), key=operator.itemgetter(0)):
        if depth >= 0:
            buckets[depth].append(lead_id)
    reached_at: list[tuple[str, ...]] = [()] * len(funnel.stages)
    merged: list[str] = []
    for k in range(len(funnel.stages) - 1, -1, -1):
        merged = sorted(merged + buckets[k]) if merged else buckets[k]
        reached_at[k] = tuple(merged)
    first = len(reached_at[0]) if reached_at else 0
    for k, name in enumerate(names):
        reached = reached_at[k]
        dropped = tuple(buckets[k - 1]) if k else ()
        base = len(reached_at[k - 1]) if k else first
        count = len(reached)
        ttc = time_to_convert(reached, chains, k) if ordered and k > 0 else None
        stages.append(StageResult(name, count, _ratio(count, base), _ratio(count, first),
                                  base - count, reached, dropped, ttc))
    return FunnelReport(funnel.name, funnel.title, as_of, len(depths), tuple(stages),
                        funnel.order if ordered else None)


def row_names(funnel: ast.Funnel) -> tuple[str, ...]:
    """The report's rows: the stages, or for ``any order`` ``completed_1`` …
    ``completed_n`` (leads that completed at least k of the steps)."""
    if funnel.ordered_within is None:
        return tuple(s.name for s in funnel.stages)
    match funnel.order:
        case "ordered" | "strict":
            return tuple(s.name for s in funnel.stages)
        case "any order":
            return tuple(f"completed_{k}" for k in range(1, len(funnel.stages) + 1))
        case _:
            assert_never(funnel.order)


def _ratio(part: int, base: int) -> Fraction | None:
    return Fraction(part, base) if base else None


def time_to_convert(reached: Iterable[str], chains: Mapping[str, _Chain], k: int
                    ) -> TimeToConvert | None:
    """Median and mean of (stage k event - stage k-1 event) over the leads' chains."""
    gaps = sorted(chains[i].times[k] - chains[i].times[k - 1] for i in reached)
    if not gaps:
        return None
    n = len(gaps)
    mid = n // 2
    median = Fraction(gaps[mid]) if n % 2 else Fraction(gaps[mid - 1] + gaps[mid], 2)
    mean = Fraction(sum(gaps), n)
    return TimeToConvert(_micro_delta(median), _micro_delta(mean), n, histogram(gaps))


HISTOGRAM_BINS = 10


def histogram(gaps: Sequence[int]) -> tuple[Bin, ...]:
    """Equal bins of whole seconds over sorted gaps in µs: at most
    :data:`HISTOGRAM_BINS`, and no more than there are leads; the first starts at
    the shortest time (rounded down to the second), each is ``ceil(span / bins)``
    seconds wide (at least 1), the last ends at or after the longest time and
    holds it."""
    if not gaps:
        return ()
    second = 10**6
    lo = gaps[0] // second * second
    span = gaps[-1] - lo
    wanted = min(HISTOGRAM_BINS, len(gaps))
    width = max(1, -(-span // (wanted * second))) * second
    count = max(1, -(-span // width))
    counts = [0] * count
    for gap in gaps:
        counts[min(count - 1, (gap - lo) // width)] += 1
    return tuple(Bin((lo + i * width) // second, (lo + (i + 1) * width) // second, n)
                 for i, n in enumerate(counts))


def _micro_delta(micros: Fraction) -> dt.timedelta:
    # timedelta rounds half to even at the microsecond, as timedelta division does.
    return dt.timedelta(microseconds=round(micros))


def group_keys(value: Any, ftype: FieldType) -> Iterator[tuple[Any, Any]]:
    """The breakdown groups a lead belongs to, as (key, spelling) pairs.

    Text groups case-insensitively (as ``=`` compares text), labelled with
    the most common spelling; a list of text puts the lead in one group per
    element; a number groups by numeric equality, as ``=`` compares numbers
    (``100`` with ``100.0``, ``-0.0`` with ``0``), spelled as :func:`_number_spelling`;
    a missing value (or empty list) is the group ``(missing)``.
    """
    if value is None or (ftype == FieldType.TEXT_LIST and not value):
        yield (None, None)
        return
    if ftype == FieldType.TEXT_LIST:
        seen = set()
        for item in value:
            if item.lower() not in seen:
                seen.add(item.lower())
                yield (("text", item.lower()), item)
    elif ftype == FieldType.TEXT:
        yield (("text", value.lower()), value)
    elif ftype == FieldType.NUMBER:
        # Python's == and hash already equate 100, 100.0 and -0.0 with 0 the way
        # `=` does; the type name must not be part of the key.
        yield (("number", value), _number_spelling(value))
    else:
        yield ((type(value).__name__, value), value)


def _number_spelling(value: int | float) -> int | float:
    """A number as every store gives it back: a whole float below 2**63 is the int
    it equals (``250.0`` is ``250``, ``-0.0`` is ``0``), as the SQL stores read their
    stored floats, so a group's label is the same on every store."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def _most_common(counts: Mapping[Any, int]) -> Any:
    return min(counts, key=lambda v: (-counts[v], str(v)))


def period_starts(start_tc: TimeContext, end_tc: TimeContext, every: Period
                  ) -> list[tuple[dt.datetime, dt.datetime]]:
    """``[start, end)`` of each calendar period (weeks start on Monday) from the one
    containing ``start_tc.as_of`` to the one containing ``end_tc.as_of``, in the
    evaluation time zone."""
    out = []
    tc = start_tc
    start, end = tc.period_bounds("this", every)
    while start <= end_tc.as_of:
        out.append((start, end))
        tc = TimeContext(end, end_tc.tz)
        start, end = tc.period_bounds("this", every)
    return out
