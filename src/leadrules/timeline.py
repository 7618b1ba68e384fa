"""A lead's timeline: what a salesperson opens before calling.

Every event of every source of one lead, and every recorded change of a lead
list's membership for it (entered / left, when, why, by whom), merged in time
order and shown in one time zone.  :func:`timeline` builds it over the record
methods of any store (:class:`~leadrules.stores.base.Store`) and a list
repository; every store's ``timeline`` method is this function.

Tier changes are not recorded anywhere (``tiers`` are evaluated, never kept),
so a timeline holds none; a tier that a team follows as a dynamic list (a
segment over the tier, refreshed) shows as that list's changes.  See
docs/api.md, "A lead's timeline".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, assert_never

import attrs

from .dates import UTC, as_written, parse_as_of, since_instant, zone
from .errors import Diagnostic, UsageError
from .handles import unknown
from .output import plain, plural
from .results import Table
from .schema import DEFAULT_SCHEMA, EVENT_LEAD_KEY, EVENT_TIME, LEAD_KEY

if TYPE_CHECKING:
    from .handles import AsOf
    from .lists import Action, ListChange, ListManager, ListRepository
    from .stores.base import Record, Store

EntryKind = Literal["event", "list"]
"""What a timeline entry is: an event of a source, or a list membership change."""
Change = Literal["entered", "left"]

COLUMNS = ("at", "kind", "source", "list", "change", "action", "by", "fields")
"""The keys of every entry's :meth:`TimelineEntry.to_dict` (and the JSON output)."""


@attrs.frozen
class TimelineEntry:
    """One line of a lead's timeline.

    ``kind == "event"``: an event of ``source`` and its ``fields`` (every field
    of the source but ``lead_id`` and ``occurred_at``, which is ``at``).
    ``kind == "list"``: the lead ``change``\\ d (``entered`` / ``left``) list
    ``list_name`` -- the list change's ``action`` (``add``, ``remove``,
    ``refresh``, ``events``) and ``by`` (a person, or ``segment NAME``).
    ``at`` and the datetimes in ``fields`` are in the timeline's time zone.
    """

    at: dt.datetime
    kind: EntryKind
    source: str | None = None
    fields: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    list_name: str | None = None
    change: Change | None = None
    action: Action | None = None
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON-ready data: every key of :data:`COLUMNS`, missing as None."""
        return {"at": self.at.isoformat(), "kind": self.kind, "source": self.source,
                "list": self.list_name, "change": self.change, "action": self.action,
                "by": self.by, "fields": {k: plain(v) for k, v in self.fields.items()}}

    @property
    def what(self) -> str:
        """The source, or the list's name."""
        if self.kind == "event":
            return self.source or ""
        if self.kind == "list":
            return self.list_name or ""
        assert_never(self.kind)

    @property
    def detail(self) -> str:
        """For people: ``path=/pricing duration=30``, or ``entered (refresh, segment hot)``."""
        if self.kind == "event":
            return " ".join(f"{k}={_shown(v)}" for k, v in self.fields.items()
                            if v is not None)
        if self.kind == "list":
            why = ", ".join(x for x in (self.action, self.by) if x)
            return f"{self.change} ({why})" if why else str(self.change)
        assert_never(self.kind)


def _shown(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "|".join(str(v) for v in value)
    return str(value)


class Timeline(list[TimelineEntry]):
    """A lead's timeline: its entries, oldest first (a plain list), with the lead's
    record, the time zone they are shown in, and tables / DataFrames (one row per
    entry, the columns of :data:`COLUMNS`)."""

    def __init__(self, lead: Record, entries: Iterable[TimelineEntry], tz: dt.tzinfo) -> None:
        super().__init__(entries)
        self.lead = lead
        self.tz = tz

    @property
    def lead_id(self) -> str:
        return str(self.lead[LEAD_KEY])

    def events(self) -> list[TimelineEntry]:
        return [e for e in self if e.kind == "event"]

    def list_changes(self) -> list[TimelineEntry]:
        return [e for e in self if e.kind == "list"]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self]

    def to_table(self) -> Table:
        return Table(COLUMNS, tuple((e.at, e.kind, e.source, e.list_name, e.change, e.action,
                                     e.by, dict(e.fields)) for e in self))

    def to_pandas(self) -> Any:
        return self.to_table().to_pandas()

    def to_polars(self) -> Any:
        return self.to_table().to_polars()

    def summary(self) -> str:
        """``L1: 3 events, 1 list change``."""
        return (f"{self.lead_id}: {plural(len(self.events()), 'event')}, "
                f"{plural(len(self.list_changes()), 'list change')}")

    def __repr__(self) -> str:
        return f"<Timeline of {self.summary()}>"

    def _repr_html_(self) -> str:
        from .display import html_table
        return html_table(("at", "kind", "what", "detail"),
                          [(e.at, e.kind, e.what, e.detail) for e in self])


def time_zone(timezone: str | dt.tzinfo | None) -> dt.tzinfo:
    """``timezone`` as a tzinfo (an IANA name, or UTC when None)."""
    if timezone is None:
        return UTC
    if isinstance(timezone, dt.tzinfo):
        return timezone
    try:
        return zone(timezone)
    except KeyError:
        raise UsageError(f"unknown time zone '{timezone}'") from None


def timeline(store: Store, lead_id: str, since: AsOf = None, *, as_of: AsOf = None,
             timezone: str | dt.tzinfo | None = None,
             lists: ListRepository | ListManager | None = None) -> Timeline:
    """Every event of every source of lead ``lead_id`` and every recorded change of
    its list memberships, in time order, shown in ``timezone`` (default UTC).

    ``since``: only entries after it; a bare date means from the start of that
    day in ``timezone`` (:func:`leadrules.dates.since_instant`, as
    ``ListManager.history(since=…)`` reads it).  ``as_of``: only entries at or
    before it (a bare date: the end of that day); default everything recorded.
    ``lists``: the list repository (or manager) whose history is read; default
    the lists the store keeps in its own database, if any (a memory store or a
    folder keeps none).  At one instant, events come before list changes (a
    change an event caused follows it), events in the schema's source order then
    the store's order, list changes by list name then in recording order.

    An id the store does not have is a :class:`~leadrules.errors.UsageError`."""
    if not isinstance(lead_id, str):
        raise UsageError([Diagnostic(f"a lead id is text, not {lead_id!r}",
                                     hint=f"timeline({str(lead_id)!r})")])
    tz = time_zone(timezone)
    lead = store.lead(lead_id)
    if lead is None:
        raise UsageError(unknown("lead", lead_id, (str(x[LEAD_KEY]) for x in store.leads())))
    start = _bound(since_instant, since, tz, "since")
    end = _bound(parse_as_of, as_of, tz, "as_of")
    if start is not None and end is not None and start > end:
        raise UsageError(f"since ({as_written(since)}) is after as_of ({as_written(as_of)}): "
                         "no entry can be in between")
    entries = [*_events(store, lead_id, tz), *_list_changes(_repository(store, lists),
                                                            lead_id, tz)]
    entries.sort(key=lambda e: e.at)  # stable: the tie order above is the build order
    kept = (e for e in entries if (start is None or e.at > start)
            and (end is None or e.at <= end))
    return Timeline(lead, kept, tz)


def _bound(read: Any, value: AsOf, tz: dt.tzinfo, what: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        instant: dt.datetime = read(value, tz)
    except ValueError as exc:
        raise UsageError([Diagnostic(f"bad {what} {value!r}: {exc}",
                                     hint="an ISO-8601 date or instant, e.g. 2026-11-16")]
                         ) from None
    return instant


def _events(store: Store, lead_id: str, tz: dt.tzinfo) -> Iterator[TimelineEntry]:
    by_source = store.events_of(lead_id)
    for source in store.schema.source_names:
        order = _field_order(store, source)
        for record in by_source.get(source, ()):
            # In the schema's field order, whatever order the store's records
            # have (a mapped store's follow the mapping): JSON output is stable.
            names = sorted((k for k in record if k not in (EVENT_LEAD_KEY, EVENT_TIME)),
                           key=lambda k: order.get(k, len(order)))
            fields = {k: _local(record[k], tz) for k in names}
            yield TimelineEntry(record[EVENT_TIME].astimezone(tz), "event", source, fields)


def _field_order(store: Store, source: str) -> dict[str, int]:
    """The position of each field of ``source``: the default schema's fields in its
    order, then the others in the store schema's.  A folder's schema has that order;
    a mapped store's puts the mapped fields before the unmapped ones."""
    names = [*(t.field_names if (t := DEFAULT_SCHEMA.source(source)) else ()),
             *(t.field_names if (t := store.schema.source(source)) else ())]
    order: dict[str, int] = {}
    for name in names:
        order.setdefault(name, len(order))
    return order


def _local(value: Any, tz: dt.tzinfo) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(tz)
    return value


def _repository(store: Store, lists: ListRepository | ListManager | None
                ) -> ListRepository | None:
    from .lists import ListManager
    if isinstance(lists, ListManager):
        return lists.repository
    if lists is not None:
        return lists
    from .memberships import KeepsLists
    return store.own_lists() if isinstance(store, KeepsLists) else None


def _list_changes(repo: ListRepository | None, lead_id: str, tz: dt.tzinfo
                  ) -> Iterator[TimelineEntry]:
    if repo is None:
        return
    # A SQL repository reads only the changes that can name the lead; others
    # give every list's history, searched here.
    lead_history = getattr(repo, "lead_history", None)
    changes = (lead_history(lead_id) if callable(lead_history)
               else [c for name in sorted(repo.list_names()) for c in repo.history(name)])
    for change in changes:
        if lead_id in change.entered:
            yield _list_entry(change, "entered", tz)
        if lead_id in change.left:
            yield _list_entry(change, "left", tz)


def _list_entry(change: ListChange, kind: Change, tz: dt.tzinfo) -> TimelineEntry:
    return TimelineEntry(change.at.astimezone(tz), "list", list_name=change.list_name,
                         change=kind, action=change.action, by=change.by)
