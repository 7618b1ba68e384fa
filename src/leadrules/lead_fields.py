"""Lead fields beside result ids: ``--columns email,name,company`` and
``SegmentRule.leads(store, columns=…)``.

The fields are read inside the store: a SQL store answers with one query
(the segment's own query as a subquery, so the ids never leave the database),
other stores from their records.  Unknown column names are a usage error with
a suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import Diagnostic, UsageError, suggest
from .schema import LEAD, LEAD_KEY, Schema
from .stores.base import Capability, pushdown

if TYPE_CHECKING:
    from .check import Program
    from .dates import TimeContext
    from .handles import LeadSource


def parse_columns(text: str | None) -> list[str] | None:
    """``--columns email,name,company`` as a list (``None`` when not given)."""
    if text is None:
        return None
    names = [c.strip() for c in text.split(",") if c.strip()]
    if not names:
        raise UsageError([Diagnostic("--columns names no field",
                                     hint="give lead fields, e.g. --columns email,name,company")])
    return names


def refuse_one_string(names: object, what: str, noun: str) -> None:
    """Refuse one string where several names belong (``columns="email"``): its
    letters would each be taken as a name; the hint shows the list meant."""
    if isinstance(names, str | bytes):
        text = names.decode(errors="replace") if isinstance(names, bytes) else names
        split = [n.strip() for n in text.split(",") if n.strip()] or [text]
        raise UsageError([Diagnostic(f"{what} takes several {noun}, not one string",
                                     hint=f"{what}={split!r}")])


def check_columns(schema: Schema, columns: Iterable[str] | None) -> list[str]:
    """The lead fields ``columns`` names (every field of the lead table when
    None), without ``id`` (always the first column); an unknown name is a
    :class:`UsageError` naming the fields there are."""
    table = schema.table(LEAD)
    assert table is not None
    known = [f.name for f in table.fields]
    if columns is None:
        return [n for n in known if n != LEAD_KEY]
    refuse_one_string(columns, "columns", "lead field names")
    out: list[str] = []
    problems = []
    for name in columns:
        if name in (LEAD_KEY, "lead_id"):
            continue
        if name not in known:
            hint = suggest(name, known) or f"the lead fields are {', '.join(known)}"
            problems.append(Diagnostic(f"no lead field named '{name}'", hint=hint,
                                       code="unknown-column"))
        elif name not in out:
            out.append(name)
    if problems:
        raise UsageError(problems)
    return out


def lead_rows(store: LeadSource, columns: Sequence[str], *,
              segment: tuple[Program, str, TimeContext] | None = None,
              ids: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
    """``(id, column values…)`` sorted by id: of every lead, or of the leads in
    ``segment`` (read inside a SQL store; other stores need the segment's
    ``ids``)."""
    db = pushdown(store, Capability.LEAD_ROWS)
    if db is not None:
        return db.lead_rows(columns, segment)
    if ids is not None:
        records = [store.lead(i) or {LEAD_KEY: i} for i in ids]
    else:
        records = sorted(store.leads(), key=lambda r: str(r[LEAD_KEY]))
    return [(r[LEAD_KEY], *(r.get(c) for c in columns)) for r in records]


def with_lead_columns(columns: Sequence[str], rows: Sequence[Sequence[Any]], store: LeadSource,
                      fields: Sequence[str]) -> tuple[tuple[str, ...], tuple[tuple[Any, ...], ...]]:
    """A result's ``columns`` and ``rows`` (``lead_id`` first) with the lead
    ``fields`` after ``lead_id``: all leads' fields in one read, joined by id.
    A field named like a column of the result is named ``lead.FIELD``
    (:func:`lead_column_names`)."""
    if not fields:
        return tuple(columns), tuple(tuple(r) for r in rows)
    found = {str(r[0]): r[1:] for r in lead_rows(store, fields)}
    blank = (None,) * len(fields)
    joined = tuple((row[0], *found.get(str(row[0]), blank), *row[1:]) for row in rows)
    return (columns[0], *lead_column_names(fields, columns), *columns[1:]), joined


def lead_column_names(fields: Sequence[str], columns: Sequence[str]) -> tuple[str, ...]:
    """The names of lead ``fields`` joined to a result with ``columns``: a field
    named like one of the result's columns (the default model's rule
    ``unsubscribed`` beside the lead field ``unsubscribed``) is ``lead.FIELD``, so
    no two columns share a name."""
    taken = set(columns)
    return tuple(f"{LEAD}.{f}" if f in taken else f for f in fields)
