"""The in-memory store: leads and their events as normalised Python dicts.

It is the reference backend: the in-memory evaluator iterates it, and every
other backend must give the answers it gives.  Records are normalised on the
way in (see :mod:`leadrules.values`), so readers never convert or check types.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

import attrs

from .errors import MAX_DIAGNOSTICS, DataError, Diagnostic, suggest
from .limits import check_timeout
from .loaders import NearMisses, read_folder
from .output import plural
from .schema import DEFAULT_SCHEMA, EVENT_LEAD_KEY, EVENT_TIME, LEAD_KEY, Schema, Table
from .values import RecordError, TableNormalizer, describe, normalizer

if TYPE_CHECKING:
    from .handles import AsOf
    from .lists import ListManager, ListRepository
    from .timeline import Timeline

"""At most this many problems are reported for one batch of records."""

_by_time = operator.itemgetter(EVENT_TIME)


class _Problems:
    """Diagnostics of one batch, capped at :data:`MAX_DIAGNOSTICS`."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.found: list[Diagnostic] = []
        self.more = 0

    def add(self, message: str, hint: str | None = None) -> None:
        if len(self.found) < MAX_DIAGNOSTICS:
            self.found.append(Diagnostic(message, hint=hint))
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if not self.found:
            return
        found = list(self.found)
        if self.more:
            found.append(Diagnostic(f"... and {plural(self.more, 'more problem')} in the "
                                    f"{self.what}"))
        raise DataError(found)


def _unknown_field_hint(table: Table, name: str) -> str:
    return suggest(name, table.field_names) or (
        f"declare it first, e.g. schema.extend({table.name!r}, {{{name!r}: 'text'}})")


def _normalize_batch(
    table: Table, records: Iterable[Mapping[str, Any]], problems: _Problems,
) -> list[dict[str, Any]]:
    """Normalise records given from Python; problems name the table, index and field."""
    checker: TableNormalizer = normalizer(table)
    normalize = checker.normalize
    allowed = checker.field_names
    out: list[dict[str, Any]] = []
    append = out.append
    for index, record in enumerate(records):
        # The hot loop only tries; anything wrong is worked out again, slowly,
        # by _report_record.  TypeError / AttributeError: not a mapping.
        try:
            if record.keys() <= allowed:
                append(normalize(record))
                continue
        except (RecordError, TypeError, AttributeError):
            pass
        _report_record(checker, index, record, problems)
    return out


def _report_record(checker: TableNormalizer, index: int, record: Any, problems: _Problems) -> None:
    table = checker.table
    kind = "lead" if table.is_lead else f"{table.name} event"
    where = f"{kind} record at index {index}"
    if not isinstance(record, Mapping):
        problems.add(f"{where} is {describe(record)}, not a mapping of field names to values")
        return
    for name in checker.unknown_fields(record):
        problems.add(f"{where}: unknown field {name!r} for {table.name}",
                     hint=_unknown_field_hint(table, name))
    for name, problem in checker.problems(record):
        problems.add(f"{where}, field {name!r}: {problem.message}", hint=problem.hint)


def normalize_lead(schema: Schema, record: Mapping[str, Any]) -> dict[str, Any]:
    """One lead given as a plain dict, normalised; a :class:`DataError` if it does not fit."""
    problems = _Problems("lead")
    out = _normalize_batch(schema.lead, [record], problems)
    problems.raise_if_any()
    return out[0]


def _source_table(schema: Schema, source: str) -> Table:
    table = schema.source(source)
    if table is None:
        hint = suggest(source, schema.source_names) or (
            f"declare it first, e.g. schema.extend({source!r}, {{}})")
        raise DataError([Diagnostic(f"unknown source {source!r}", hint=hint)])
    return table


def normalize_events(
    schema: Schema, source: str, records: Iterable[Mapping[str, Any]], *,
    lead_id: str | None = None,
) -> list[dict[str, Any]]:
    """Events of one source given as plain dicts, normalised and sorted by ``occurred_at``.

    With ``lead_id``, records may leave out ``lead_id`` (they belong to that
    lead); a record naming another lead is an error.
    """
    table = _source_table(schema, source)
    if lead_id is not None:
        records = [r if not isinstance(r, Mapping) or r.get(EVENT_LEAD_KEY) is not None
                   else {**r, EVENT_LEAD_KEY: lead_id} for r in records]
    problems = _Problems(f"{source} events")
    out = _normalize_batch(table, records, problems)
    if lead_id is not None:
        for index, event in enumerate(out):
            if event[EVENT_LEAD_KEY] != lead_id:
                problems.add(f"{source} event record at index {index} belongs to lead "
                             f"{event[EVENT_LEAD_KEY]!r}, not {lead_id!r}")
    problems.raise_if_any()
    out.sort(key=_by_time)
    return out


def normalize_event_map(
    schema: Schema, events: Mapping[str, Iterable[Mapping[str, Any]]] | None, *,
    lead_id: str | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """One lead's events by source, as :meth:`MemoryStore.events_of` returns them.

    Every source of the schema is a key; each list is sorted by ``occurred_at``.
    """
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in schema.source_names}
    for source, records in (events or {}).items():
        out[source] = normalize_events(schema, source, records, lead_id=lead_id)
    return out


def prepare_leads(table: Table, records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Leads to write (``upsert_leads``), normalised as import does: a
    :class:`DataError` naming each bad record (by index) and field, or an id
    given twice in the batch."""
    problems = _Problems("leads")
    normalized = _normalize_batch(table, records, problems)
    seen: dict[str, int] = {}
    for index, lead in enumerate(normalized):
        lead_id = lead[LEAD_KEY]
        if lead_id in seen:
            problems.add(f"lead record at index {index}: duplicate lead id {lead_id!r} "
                         f"(also at index {seen[lead_id]})",
                         hint="give each lead once per call")
        seen.setdefault(lead_id, index)
    problems.raise_if_any()
    return normalized


def prepare_events(table: Table, records: Iterable[Mapping[str, Any]], key: str | None
                   ) -> list[dict[str, Any]]:
    """Events of one source to write (``add_events``), normalised as import does.

    With ``key`` (a field of the source identifying an event), every record
    needs a value for it, and a value given twice in the batch is kept once
    (the first).  Problems are a :class:`DataError` naming the record and field.
    """
    problems = _Problems(f"{table.name} events")
    if key is not None and table.field(key) is None:
        raise DataError([Diagnostic(f"key field {key!r} is not a field of {table.name}",
                                    hint=_unknown_field_hint(table, key))])
    normalized = _normalize_batch(table, records, problems)
    if key is None:
        problems.raise_if_any()
        return normalized
    seen: set[Any] = set()
    out = []
    for index, event in enumerate(normalized):
        value = event[key]
        if value is None:
            problems.add(f"{table.name} event record at index {index}, field {key!r}: no value",
                         hint=f"{key!r} is the key of these events: every event needs one")
        elif value not in seen:
            seen.add(value)
            out.append(event)
    problems.raise_if_any()
    return out


def prepare_ids(ids: Iterable[Any]) -> list[str]:
    """Lead ids to delete: non-empty text (a :class:`DataError` otherwise), each once."""
    problems = _Problems("lead ids")
    out: dict[str, None] = {}
    for index, value in enumerate(ids):
        if isinstance(value, str) and value:
            out[value] = None
        else:
            problems.add(f"lead id at index {index} is {describe(value)}, not a lead id",
                         hint="lead ids are non-empty text")
    problems.raise_if_any()
    return list(out)


@attrs.define
class _Undo:
    """What :meth:`MemoryStore.transaction` puts back if its block raises: each
    lead and each lead's events as they were before the block first changed
    them (``None``: there were none), and, once a lead is deleted, the whole
    order of the leads (a deleted lead put back would go last)."""

    leads: dict[str, dict[str, Any] | None] = attrs.Factory(dict)
    events: dict[str, dict[str, list[dict[str, Any]]] | None] = attrs.Factory(dict)
    order: dict[str, dict[str, Any]] | None = None

    def lead(self, by_id: Mapping[str, dict[str, Any]], lead_id: str) -> None:
        if lead_id not in self.leads:
            self.leads[lead_id] = by_id.get(lead_id)

    def events_of(self, by_lead: Mapping[str, dict[str, list[dict[str, Any]]]],
                  lead_id: str) -> None:
        if lead_id not in self.events:
            buckets = by_lead.get(lead_id)
            self.events[lead_id] = (None if buckets is None else
                                    {source: list(b) for source, b in buckets.items()})

    def deleting(self, by_id: Mapping[str, dict[str, Any]],
                 by_lead: Mapping[str, dict[str, list[dict[str, Any]]]],
                 ids: Iterable[str]) -> None:
        if self.order is None:
            self.order = dict(by_id)
        for lead_id in ids:
            self.lead(by_id, lead_id)
            self.events_of(by_lead, lead_id)


class MemoryStore:
    """Leads and events held in memory, normalised on the way in.

    ``leads`` are lead records; ``events`` maps a source name to its event
    records.  Records from Python must use only fields of the schema (extend
    the schema first for more); values are converted as
    :mod:`leadrules.values` describes.  Bad records raise
    :class:`~leadrules.errors.DataError` naming the table, the record's index
    and the field, and nothing of that call is added.

    Events whose ``lead_id`` names no lead are kept (the lead may be added
    later) but are not visible until it is.

    ``timeout`` (seconds, or None) bounds each evaluation over the store's
    leads: the evaluator checks the clock between leads and raises
    :class:`~leadrules.errors.QueryTimeout` once it has passed.
    """

    def __init__(
        self,
        leads: Iterable[Mapping[str, Any]] = (),
        events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
        *,
        schema: Schema = DEFAULT_SCHEMA,
        timeout: float | None = None,
    ) -> None:
        self.timeout = timeout
        # A folder's names that look like a source or field it lacks, misspelt
        # (loaders.NearMisses): warned about where rules read them.
        self.near_misses: NearMisses = {}
        self._schema = schema
        self._sources = schema.source_names
        self._leads: dict[str, dict[str, Any]] = {}
        self._lead_view: tuple[dict[str, Any], ...] | None = None
        # lead id -> source -> events; each lead's map holds every source.
        self._events: dict[str, dict[str, list[dict[str, Any]]]] = {}
        # Leads whose event lists were appended to out of time order; sorted
        # on first read, so data that arrives in order is never re-sorted.
        self._unsorted: set[str] = set()
        # (source, key field) -> the key values stored, built on first use.
        self._keys: dict[tuple[str, str], set[Any]] = {}
        # What an open transaction() restores if its block raises.
        self._undo: _Undo | None = None
        self.add_leads(leads)
        for source, records in (events or {}).items():
            self.add_events(source, records)

    @property
    def timeout(self) -> float | None:
        """Seconds an evaluation over the leads may run (``None``: no limit); settable."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: float | None) -> None:
        self._timeout = check_timeout(value)

    # ------------------------------------------------------------ building

    @classmethod
    def from_folder(cls, path: str | PathLike[str], schema: Schema = DEFAULT_SCHEMA, *,
                    timeout: float | None = None) -> MemoryStore:
        """Load a folder of CSV or JSON Lines files (docs/data.md).

        The store's schema is ``schema`` extended with the files' unknown columns
        (as text) and new sources.  Events whose ``lead_id`` is not the id of a
        lead in the lead file are ignored.  Every problem found in every file
        (up to 20 per file) is raised as one :class:`DataError`.
        """
        data = read_folder(path, schema)
        store = cls.from_normalized(data.schema, data.leads, data.events)
        store.timeout = timeout
        store.near_misses = data.near_misses
        return store

    @classmethod
    def from_normalized(
        cls,
        schema: Schema,
        leads: Iterable[dict[str, Any]],
        events: Mapping[str, Iterable[dict[str, Any]]],
    ) -> MemoryStore:
        """A store of records that are already normalised for ``schema``.

        Nothing is checked or copied (ids are assumed unique): this is the fast
        path for loaders and other backends that normalised the records
        themselves, e.g. with :class:`leadrules.values.TableNormalizer`.
        """
        store = cls(schema=schema)
        store._insert_leads(leads)
        for source, records in events.items():
            store._insert_events(source, records)
        return store

    def add_leads(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Add leads; a bad value, unknown field or duplicate id adds none of them."""
        problems = _Problems("leads")
        normalized = _normalize_batch(self._schema.lead, records, problems)
        seen: dict[str, int] = {}
        for index, lead in enumerate(normalized):
            lead_id = lead[LEAD_KEY]
            if lead_id in self._leads:
                problems.add(f"lead record at index {index}: lead id {lead_id!r} is already "
                             "in the store")
            elif lead_id in seen:
                problems.add(f"lead record at index {index}: duplicate lead id {lead_id!r} "
                             f"(also at index {seen[lead_id]})")
            seen.setdefault(lead_id, index)
        problems.raise_if_any()
        self._insert_leads(normalized)

    def add_events(self, source: str, records: Iterable[Mapping[str, Any]], *,
                   key: str | None = None) -> int:
        """Add events of ``source``; a bad value or unknown field adds none of them.

        ``key``: a field of the source whose value identifies an event (e.g.
        ``event_id``); an event whose key value the source already holds, or
        that the batch gave before, is skipped -- a re-sent event is not
        counted twice.  Returns how many events were added.
        """
        table = _source_table(self._schema, source)
        normalized = prepare_events(table, records, key)
        if key is not None:
            known = self._key_values(source, key)
            normalized = [e for e in normalized if e[key] not in known]
        self._insert_events(source, normalized)
        return len(normalized)

    # ------------------------------------------------------------ the write API

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Make every write inside the block one unit, as on the SQL stores
        (``with store.transaction(): store.upsert_leads(…); store.add_events(…)``):
        if the block raises, the store is as it was before it -- its leads, their
        order and their events.  A block inside another joins it."""
        if self._undo is not None:
            yield
            return
        self._undo = undo = _Undo()
        try:
            yield
        except BaseException:
            self._roll_back(undo)
            raise
        finally:
            self._undo = None

    def _roll_back(self, undo: _Undo) -> None:
        if undo.order is not None:
            self._leads = undo.order
        for lead_id, lead in undo.leads.items():
            if lead is None:
                self._leads.pop(lead_id, None)
            else:
                self._leads[lead_id] = lead
        for lead_id, buckets in undo.events.items():
            if buckets is None:
                self._events.pop(lead_id, None)
            else:
                self._events[lead_id] = buckets
                self._unsorted.add(lead_id)  # sorted again on first read: harmless
        self._lead_view = None
        self._keys.clear()

    def upsert_leads(self, records: Iterable[Mapping[str, Any]]) -> int:
        """Add leads, or replace the whole record of a lead with the same id (its
        events are kept; it keeps its place in :meth:`leads`).  A bad record
        writes nothing.  Returns how many records were written."""
        normalized = prepare_leads(self._schema.lead, records)
        self._insert_leads(normalized)
        return len(normalized)

    def delete_leads(self, ids: Iterable[str]) -> int:
        """Remove these leads and all their events; unknown ids are ignored.
        Returns how many leads were removed."""
        removed = 0
        wanted = prepare_ids(ids)
        if self._undo is not None:
            self._undo.deleting(self._leads, self._events, wanted)
        for lead_id in wanted:
            if self._leads.pop(lead_id, None) is not None:
                removed += 1
            self._events.pop(lead_id, None)
            self._unsorted.discard(lead_id)
        self._lead_view = None
        self._keys.clear()
        return removed

    def _key_values(self, source: str, key: str) -> set[Any]:
        known = self._keys.get((source, key))
        if known is None:
            known = self._keys[(source, key)] = {
                e[key] for buckets in self._events.values() for e in buckets[source]}
        return known

    def _insert_leads(self, leads: Iterable[dict[str, Any]]) -> None:
        by_id = self._leads
        undo = self._undo
        for lead in leads:
            if undo is not None:
                undo.lead(by_id, lead[LEAD_KEY])
            by_id[lead[LEAD_KEY]] = lead
        self._lead_view = None

    def _insert_events(self, source: str, events: Iterable[dict[str, Any]]) -> None:
        by_lead = self._events
        unsorted = self._unsorted
        sources = self._sources
        undo = self._undo
        for event in events:
            lead_id = event[EVENT_LEAD_KEY]
            if undo is not None:
                undo.events_of(by_lead, lead_id)
            buckets = by_lead.get(lead_id)
            if buckets is None:
                buckets = by_lead[lead_id] = {name: [] for name in sources}
            bucket = buckets[source]
            if bucket and event[EVENT_TIME] < bucket[-1][EVENT_TIME]:
                unsorted.add(lead_id)
            bucket.append(event)
        for (keyed, key), known in self._keys.items():
            if keyed == source:
                known.update(e[key] for e in events)

    # ------------------------------------------------------------- reading

    @property
    def schema(self) -> Schema:
        """The store's schema, including any extra fields a loader found."""
        return self._schema

    def leads(self) -> Sequence[dict[str, Any]]:
        """Every lead, normalised, in insertion order (read-only: do not modify)."""
        if self._lead_view is None:
            self._lead_view = tuple(self._leads.values())
        return self._lead_view

    def lead(self, lead_id: str) -> dict[str, Any] | None:
        """The lead with this id, or ``None``."""
        return self._leads.get(lead_id)

    def events_of(self, lead_id: str) -> dict[str, list[dict[str, Any]]]:
        """The lead's events by source, each list sorted by ``occurred_at`` (stable).

        Every source of the schema is a key; an unknown lead has only empty
        lists.  The result is the store's own (read-only: do not modify).
        """
        buckets = self._events.get(lead_id)
        if buckets is None or lead_id not in self._leads:
            return {name: [] for name in self._sources}
        if lead_id in self._unsorted:
            for bucket in buckets.values():
                bucket.sort(key=_by_time)
            self._unsorted.discard(lead_id)
        return buckets

    def events(self, source: str) -> Iterator[dict[str, Any]]:
        """Every visible event of ``source``: by lead in insertion order, then by time."""
        _source_table(self._schema, source)
        for lead_id in self._leads:
            if lead_id in self._events:
                yield from self.events_of(lead_id)[source]

    def timeline(self, lead_id: str, since: AsOf = None, *, as_of: AsOf = None,
                 timezone: str | dt.tzinfo | None = None,
                 lists: ListRepository | ListManager | None = None) -> Timeline:
        """Every event of the lead and its recorded list changes, in time order
        (:func:`leadrules.timeline.timeline`; a memory store keeps no lists, so
        list changes come from ``lists``)."""
        from .timeline import timeline
        return timeline(self, lead_id, since, as_of=as_of, timezone=timezone, lists=lists)

    def __len__(self) -> int:
        """The number of leads."""
        return len(self._leads)

    def _counts(self) -> dict[str, int]:
        counts = {s: 0 for s in self._schema.source_names}
        for buckets in self._events.values():
            for source, bucket in buckets.items():
                counts[source] = counts.get(source, 0) + len(bucket)
        return counts

    def __repr__(self) -> str:
        count = sum(self._counts().values())
        return f"<MemoryStore: {plural(len(self._leads), 'lead')}, {plural(count, 'event')}>"

    def _repr_html_(self) -> str:
        from .display import store_html
        return store_html(repr(self), self._schema, {"lead": len(self._leads),
                                                     **self._counts()})


__all__ = [
    "MemoryStore",
    "normalize_event_map",
    "normalize_events",
    "normalize_lead",
    "prepare_events",
    "prepare_ids",
    "prepare_leads",
]
