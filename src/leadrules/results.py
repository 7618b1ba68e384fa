"""Result tables: plain rows that convert to dicts, JSON, CSV, DataFrames and
notebook tables.

Every table has ``columns`` and ``rows``; the machine-readable forms follow
SPEC section 5 (one object per lead, ``lead_id`` first).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from . import output
from .schema import LEAD, FieldType

if TYPE_CHECKING:
    from .dates import Period


@attrs.frozen(repr=False)
class Table:
    """Rows of results with named columns.

    ``categories`` names the columns whose values are ordered categories (low
    to high): grades, tiers; DataFrames get them as ordered categoricals.
    ``rates`` names the columns holding rates (0..1), shown as percentages.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    categories: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(
        default=(), eq=False, kw_only=True)
    rates: tuple[str, ...] = attrs.field(default=(), eq=False, kw_only=True)
    types: tuple[tuple[str, FieldType], ...] = attrs.field(default=(), eq=False, kw_only=True)
    """The type of the columns whose type is known (``lead_id`` is always text),
    so an empty table's DataFrame has the dtypes a full one has."""

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.to_dicts())

    def __len__(self) -> int:
        return len(self.rows)

    def to_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_json(self) -> str:
        return output.to_json(self.to_dicts())

    def to_csv(self) -> str:
        return output.to_csv(self.columns, self.rows)

    def to_text(self) -> str:
        """For people: numbers rounded to 2 places (the data keeps them exact)."""
        shown = [tuple(points(v) if isinstance(v, float) else v for v in row)
                 for row in self.rows]
        return output.to_table(self.columns, shown)

    def to_pandas(self, columns: Sequence[str] | None = None) -> Any:
        """A pandas DataFrame (the ``pandas`` extra): ``columns`` keeps only
        those; grades and tiers are ordered categoricals."""
        df = self._frame("pandas", columns)
        return df if self.rows else df.iloc[:0]

    def to_polars(self, columns: Sequence[str] | None = None) -> Any:
        """A polars DataFrame (the ``polars`` extra); grades and tiers as ``Enum``."""
        df = self._frame("polars", columns)
        return df if self.rows else df.clear()

    def _frame(self, library: Literal["pandas", "polars"], columns: Sequence[str] | None
               ) -> Any:
        from .display import frame
        select = None if columns is None else self._names(columns, "columns")
        # An empty table is framed from one row of typed values, then emptied: its
        # columns get the dtypes they have when full (else untyped: float64, Null).
        rows = self.rows or (self._sample_row(),)
        return frame(self.columns, rows, library, categories=dict(self.categories),
                     select=select)

    def _sample_row(self) -> tuple[Any, ...]:
        types = {"lead_id": FieldType.TEXT, **dict(self.types)}
        categories = dict(self.categories)
        return tuple(categories[c][0] if categories.get(c)
                     else _SAMPLES[types[c]] if c in types else None for c in self.columns)

    def _names(self, names: Sequence[str], what: str) -> list[str]:
        """``names`` as a list of distinct columns of this table; one string (whose
        letters would each be a name), a repeated or an unknown column is a
        :class:`~leadrules.errors.UsageError`."""
        from .errors import Diagnostic, UsageError
        from .lead_fields import refuse_one_string
        refuse_one_string(names, what, "column names")
        out = list(names)
        for name in out:
            self._index(name)
        repeated = sorted({n for n in out if out.count(n) > 1})
        if repeated:
            raise UsageError([Diagnostic(
                f"{what} names column '{repeated[0]}' more than once",
                hint="name each column once: a DataFrame's column names are distinct")])
        return out

    def _index(self, name: str) -> int:
        """The position of column ``name``; an unknown one is a
        :class:`~leadrules.errors.UsageError` with the nearest name."""
        from .errors import Diagnostic, UsageError, suggest
        if isinstance(name, str) and name in self.columns:
            return self.columns.index(name)
        if not isinstance(name, str):
            raise UsageError([Diagnostic(f"a column is named by its name, not {name!r}",
                                         hint=f"the columns are {', '.join(self.columns)}")])
        hint = suggest(name, self.columns) or f"the columns are {', '.join(self.columns)}"
        raise UsageError([Diagnostic(f"no column '{name}' in this table", hint=hint,
                                     code="unknown-column")])

    def __repr__(self) -> str:
        shown = ", ".join(self.columns[:6]) + (", …" if len(self.columns) > 6 else "")
        return f"<Table: {output.plural(len(self.rows), 'row')} × {shown}>"

    def _repr_html_(self) -> str:
        from .display import html_table
        return html_table(self.columns, self.rows, rates=self.rates)

    def categorical(self, column: str, order: Sequence[str]) -> Table:
        """This table with ``column`` marked as ordered categories ``order`` (low to high)."""
        cats = (*((c, o) for c, o in self.categories if c != column), (column, tuple(order)))
        return attrs.evolve(self, categories=cats)

    def with_leads(self, store: Any, columns: Sequence[str] | None = None) -> Table:
        """This table (``lead_id`` first) with lead fields after ``lead_id``
        (default: every lead field), read from ``store`` in one pass."""
        from .lead_fields import check_columns, with_lead_columns
        fields = check_columns(store.schema, columns)
        joined = with_lead_columns(self.columns, self.rows, store, fields)
        lead = store.schema.table(LEAD)
        assert lead is not None  # check_columns read it
        kinds = {f.name: f.type for f in lead.fields}
        typed = tuple((name, kinds[f]) for name, f in
                      zip(joined[0][1:1 + len(fields)], fields, strict=True))
        return Table(*joined, categories=self.categories, rates=self.rates,
                     types=(*self.types, *typed))

    def rows_of(self, *names: str) -> list[tuple[Any, ...]]:
        """The values of some columns, row by row."""
        index = [self._index(n) for n in names]
        return [tuple(row[i] for i in index) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """The values of column ``name``; an unknown name is a
        :class:`~leadrules.errors.UsageError` with the nearest one."""
        i = self._index(name)
        return [row[i] for row in self.rows]


_SAMPLES: dict[FieldType, Any] = {
    FieldType.TEXT: "", FieldType.NUMBER: 0.5, FieldType.BOOL: False,
    FieldType.DATETIME: dt.datetime(2000, 1, 1, tzinfo=dt.UTC), FieldType.TEXT_LIST: ("",)}
"""A value of each type, for framing an empty table with the dtypes of a full one."""


# -- a segment over time ---------------------------------------------------------

@attrs.frozen(repr=False)
class SegmentPeriod:
    """A segment as of the end of one period: its size, who entered and who left
    since the end of the period before (``complete``: the period ended by then)."""

    start: dt.datetime
    end: dt.datetime
    as_of: dt.datetime
    size: int
    entered: int
    left: int
    complete: bool = True
    ids: tuple[str, ...] = attrs.field(default=(), eq=False)

    def __repr__(self) -> str:
        # The start as an instant: this period knows no time zone, and its UTC date
        # east of UTC is the day before the period's first local day.
        return f"<SegmentPeriod {self.start.isoformat()}: {output.plural(self.size, 'lead')}>"


@attrs.frozen(repr=False)
class SegmentOverTime:
    """``SegmentRule.over_time``: the segment's size at the end of each period."""

    segment: str
    title: str | None
    every: Period
    periods: tuple[SegmentPeriod, ...]
    tz: dt.tzinfo
    """The evaluation time zone: the periods are its calendar weeks, months or
    quarters, and their labels name them in it."""

    def to_table(self) -> Table:
        """One row per period: period_start, period_end, as_of, size, entered, left,
        complete."""
        return Table(("period_start", "period_end", "as_of", "size", "entered", "left",
                      "complete"),
                     tuple((p.start, p.end, p.as_of, p.size, p.entered, p.left, p.complete)
                           for p in self.periods))

    def to_dict(self) -> dict[str, Any]:
        return {"segment": self.segment, "every": self.every, "periods": [
            {"start": p.start.isoformat(), "end": p.end.isoformat(),
             "as_of": p.as_of.isoformat(), "size": p.size, "entered": p.entered,
             "left": p.left, "complete": p.complete} for p in self.periods]}

    def to_text(self) -> str:
        rows = [(output.period_label(p.start, self.every, self.tz)
                 + ("" if p.complete else " (so far)"), p.size, f"+{p.entered}", f"-{p.left}")
                for p in self.periods]
        return (f"segment {self.segment} every {self.every}: leads as of the period end\n"
                + output.to_table(("period", "leads", "entered", "left"), rows))

    def to_pandas(self) -> Any:
        return self.to_table().to_pandas()

    def to_polars(self) -> Any:
        return self.to_table().to_polars()

    def svg(self) -> Any:
        """The chart (an ElementTree element; ``charts.write`` saves it)."""
        from .charts import segment_over_time_svg
        return segment_over_time_svg(self)

    def __repr__(self) -> str:
        sizes = ", ".join(str(p.size) for p in self.periods[-6:])
        more = "…, " if len(self.periods) > 6 else ""
        return (f"<SegmentOverTime {self.segment} every {self.every}: "
                f"{output.plural(len(self.periods), 'period')}; sizes {more}{sizes}>")

    def _repr_html_(self) -> str:
        from .charts import svg_element
        from .display import html_table
        t = self.to_table()
        return svg_element(self.svg()) + html_table(t.columns, t.rows)


# -- score distribution by tier ----------------------------------------------------

@attrs.frozen(repr=False)
class DistributionBin:
    """Leads whose score is in ``[low, high)`` (the last bin includes ``high``),
    counted by tier (``None``: no tier)."""

    low: float
    high: float
    counts: dict[str | None, int] = attrs.field(eq=False)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def label(self) -> str:
        return f"{points(self.low)}–{points(self.high)}"


@attrs.frozen(repr=False)
class ScoreDistribution:
    """``TiersRule.distribution``: a histogram of the scores of model ``model``,
    each bin counted by the tiers of ``tiers`` (declaration order)."""

    tiers: str
    model: str
    as_of: dt.datetime
    tier_names: tuple[str, ...]
    bins: tuple[DistributionBin, ...]

    @property
    def population(self) -> int:
        return sum(b.total for b in self.bins)

    @property
    def has_untiered(self) -> bool:
        return any(b.counts.get(None) for b in self.bins)

    def total(self, tier: str | None) -> int:
        return sum(b.counts.get(tier, 0) for b in self.bins)

    def to_table(self) -> Table:
        """One row per bin: low, high, then one count column per tier (and
        ``no_tier``), and total."""
        extra = ("no_tier",) if self.has_untiered else ()
        rows = tuple((b.low, b.high, *(b.counts.get(t, 0) for t in self.tier_names),
                      *((b.counts.get(None, 0),) if extra else ()), b.total)
                     for b in self.bins)
        return Table(("low", "high", *self.tier_names, *extra, "total"), rows)

    def to_text(self) -> str:
        t = self.to_table()
        rows = [(f"{points(r[0])}–{points(r[1])}", *r[2:]) for r in t.rows]
        return (f"score {self.model} by tiers {self.tiers} as of {self.as_of.isoformat()}: "
                f"{output.plural(self.population, 'lead')}\n"
                + output.to_table(("score", *t.columns[2:]), rows))

    def to_pandas(self) -> Any:
        return self.to_table().to_pandas()

    def to_polars(self) -> Any:
        return self.to_table().to_polars()

    def svg(self) -> Any:
        from .charts import distribution_svg
        return distribution_svg(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{t} {self.total(t)}" for t in self.tier_names)
        return (f"<ScoreDistribution {self.model} by {self.tiers}: "
                f"{output.plural(len(self.bins), 'bin')}; {counts}>")

    def _repr_html_(self) -> str:
        from .charts import svg_element
        from .display import html_table
        t = self.to_table()
        return svg_element(self.svg()) + html_table(t.columns, t.rows)


def distribution(tiers: str, model: str, as_of: dt.datetime, tier_names: Sequence[str],
                 scored: Sequence[tuple[float, str | None]], bins: int | None = None
                 ) -> ScoreDistribution:
    """Bin ``(score, tier)`` pairs: ``bins`` equal ranges of round width (about 12
    by default) from the lowest score to the highest."""
    check_bins(bins)
    if not scored:
        return ScoreDistribution(tiers, model, as_of, tuple(tier_names), ())
    low = min(s for s, _ in scored)
    high = max(s for s, _ in scored)
    step = _round_step((high - low) / (bins or 12)) if high > low else 1.0
    start = math.floor(low / step) * step
    count = max(1, math.ceil((high - start) / step + 1e-9))
    if start + count * step <= high:
        count += 1
    if bins is not None:
        step = (high - low) / bins if high > low else 1.0
        start, count = low, bins
    counts: list[dict[str | None, int]] = [{} for _ in range(count)]
    for score, tier in scored:
        k = min(int((score - start) // step), count - 1)
        counts[k][tier] = counts[k].get(tier, 0) + 1
    made = tuple(DistributionBin(start + k * step, start + (k + 1) * step, counts[k])
                 for k in range(count))
    return ScoreDistribution(tiers, model, as_of, tuple(tier_names), made)


def check_bins(bins: object) -> None:
    """``bins=`` is None (about 12 of a round width) or a whole number >= 1."""
    if bins is None:
        return
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        from .errors import Diagnostic, UsageError
        raise UsageError([Diagnostic(f"bins is a whole number of bins >= 1, not {bins!r}",
                                     hint="e.g. bins=10, or leave it out for about 12 "
                                          "bins of a round width")])


def _round_step(raw: float) -> float:
    """1, 2, 2.5 or 5 × 10^k at or above ``raw``."""
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude >= raw:
            return float(m * magnitude)
    return float(10 * magnitude)


def points(value: float, places: int = 2) -> int | float:
    """A score as people read it: whole numbers without a fraction, others rounded
    (to 2 places).  Machine-readable output keeps the exact value."""
    rounded = round(value, places)
    return int(rounded) if rounded == int(rounded) else rounded


def score_table(rows: Sequence[tuple[Any, ...]], rule_keys: Sequence[str]) -> Table:
    """lead_id, score, then one column per rule (the breakdown): ``rows`` are
    ``(lead_id, total, points of each rule…)``."""
    number = FieldType.NUMBER
    return Table(("lead_id", "score", *rule_keys), tuple(rows),
                 types=tuple((c, number) for c in ("score", *rule_keys)))
