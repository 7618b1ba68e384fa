"""The data model: field types, tables (the lead and event sources), schemas.

A :class:`Schema` is an immutable value.  ``extend`` returns a new schema with
more fields or sources, which is how both Python code and ``source`` /
``field`` declarations in a rules file add to the default.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

import attrs

from .errors import UsageError, suggest


class FieldType(enum.Enum):
    """The type of a field.  Values are the names used in rules files."""

    TEXT = "text"
    NUMBER = "number"
    BOOL = "bool"
    DATETIME = "datetime"
    TEXT_LIST = "list of text"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, name: str) -> FieldType:
        key = " ".join(name.lower().split())
        aliases = {"tags": "list of text", "list": "list of text", "boolean": "bool",
                   "timestamp": "datetime", "string": "text", "float": "number",
                   "int": "number", "integer": "number"}
        key = aliases.get(key, key)
        for member in cls:
            if member.value == key:
                return member
        hint = suggest(name, [m.value for m in cls])
        raise UsageError(f"unknown field type '{name}'" + (f"; {hint}" if hint else ""))


LEAD = "lead"
LEAD_KEY = "id"
EVENT_LEAD_KEY = "lead_id"
EVENT_TIME = "occurred_at"


@attrs.frozen
class Field:
    name: str
    type: FieldType


@attrs.frozen
class Table:
    """The lead table or one event source: an ordered set of typed fields."""

    name: str
    fields: tuple[Field, ...]

    @property
    def is_lead(self) -> bool:
        return self.name == LEAD

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def with_fields(self, extra: Iterable[Field]) -> Table:
        fields = list(self.fields)
        for f in extra:
            old = self.field(f.name)
            if old is not None and old.type != f.type:
                raise UsageError(
                    f"field '{self.name}.{f.name}' is already declared as {old.type}, not {f.type}"
                )
            if old is None:
                fields.append(f)
        return Table(self.name, tuple(fields))


def _table(name: str, spec: Mapping[str, FieldType]) -> Table:
    return Table(name, tuple(Field(n, t) for n, t in spec.items()))


T, N, B, D, L = (FieldType.TEXT, FieldType.NUMBER, FieldType.BOOL, FieldType.DATETIME,
                 FieldType.TEXT_LIST)

_EVENT_BASE = {EVENT_LEAD_KEY: T, EVENT_TIME: D}


@attrs.frozen
class Schema:
    """The lead table plus the event sources, by name."""

    lead: Table
    sources: tuple[Table, ...]

    @property
    def source_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sources)

    def source(self, name: str) -> Table | None:
        for s in self.sources:
            if s.name == name:
                return s
        return None

    def table(self, name: str) -> Table | None:
        return self.lead if name == LEAD else self.source(name)

    @property
    def tables(self) -> tuple[Table, ...]:
        return (self.lead, *self.sources)

    def extend(self, table: str, fields: Iterable[Field] | Mapping[str, FieldType | str]) -> Schema:
        """A schema with ``fields`` added to ``table``; an unknown source is created."""
        if isinstance(fields, Mapping):
            fields = [Field(n, t if isinstance(t, FieldType) else FieldType.parse(t))
                      for n, t in fields.items()]
        fields = list(fields)
        if table == LEAD:
            return Schema(self.lead.with_fields(fields), self.sources)
        existing = self.source(table)
        if existing is None:
            base = _table(table, _EVENT_BASE)
            return Schema(self.lead, (*self.sources, base.with_fields(fields)))
        updated = existing.with_fields(fields)
        return Schema(self.lead, tuple(updated if s.name == table else s for s in self.sources))


DEFAULT_SCHEMA = Schema(
    lead=_table(LEAD, {
        "id": T, "email": T, "name": T, "company": T, "industry": T, "department": T,
        "title": T, "region": T, "lead_source": T, "status": T, "employees": N, "age": N,
        "is_competitor": B, "nurture_target": B, "unsubscribed": B, "created_at": D,
        "tags": L,
    }),
    sources=(
        _table("tracking", {**_EVENT_BASE, "url": T, "path": T, "title": T, "duration": N,
                            "session": T}),
        _table("application", {**_EVENT_BASE, "id": T, "form": T, "campaign": T}),
        _table("activity", {**_EVENT_BASE, "id": T, "type": T, "content": T, "actor": T,
                            "result": T, "source": T}),
        _table("mail", {**_EVENT_BASE, "campaign": T, "kind": T, "link": T}),
    ),
)
