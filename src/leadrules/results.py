"""Result tables: plain rows that convert to dicts, JSON, CSV, DataFrames and
notebook tables.

Every table has ``columns`` and ``rows``; the machine-readable forms follow
SPEC section 5 (one object per lead, ``lead_id`` first).
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from . import output


@attrs.frozen
class Table:
    """Rows of results with named columns."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

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

    def to_pandas(self) -> Any:
        """A pandas DataFrame (needs the ``pandas`` extra)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise ImportError("to_pandas needs pandas: pip install 'leadrules[pandas]'") from exc
        return pd.DataFrame(self.to_dicts(), columns=list(self.columns))

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(output.cell(v))}</td>" for v in row) + "</tr>"
            for row in self.rows[:200])
        more = f"<p>… {len(self.rows) - 200} more rows</p>" if len(self.rows) > 200 else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"

    def with_leads(self, store: Any, columns: Sequence[str] | None = None) -> Table:
        """This table (``lead_id`` first) with lead fields after ``lead_id``
        (default: every lead field), read from ``store`` in one pass."""
        from .lead_fields import check_columns, with_lead_columns
        return Table(*with_lead_columns(self.columns, self.rows, store,
                                        check_columns(store.schema, columns)))

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
