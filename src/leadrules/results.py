"""Result tables: plain rows that convert to dicts, JSON, CSV, DataFrames and
notebook tables.

Every table has ``columns`` and ``rows``; the machine-readable forms follow
SPEC section 5 (one object per lead, ``lead_id`` first).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from . import output


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
        from .display import frame
        return frame(self.columns, self.rows, "pandas", categories=dict(self.categories),
                     select=columns)

    def to_polars(self, columns: Sequence[str] | None = None) -> Any:
        """A polars DataFrame (the ``polars`` extra); grades and tiers as ``Enum``."""
        from .display import frame
        return frame(self.columns, self.rows, "polars", categories=dict(self.categories),
                     select=columns)

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
        joined = with_lead_columns(self.columns, self.rows, store,
                                   check_columns(store.schema, columns))
        return Table(*joined, categories=self.categories, rates=self.rates)

    def column(self, name: str) -> list[Any]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]


def points(value: float, places: int = 2) -> int | float:
    """A score as people read it: whole numbers without a fraction, others rounded
    (to 2 places).  Machine-readable output keeps the exact value."""
    rounded = round(value, places)
    return int(rounded) if rounded == int(rounded) else rounded


def score_table(rows: Sequence[tuple[Any, ...]], rule_keys: Sequence[str]) -> Table:
    """lead_id, score, then one column per rule (the breakdown): ``rows`` are
    ``(lead_id, total, points of each rule…)``."""
    return Table(("lead_id", "score", *rule_keys), tuple(rows))
