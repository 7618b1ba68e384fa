"""Lead lists: static lists people edit, dynamic lists that follow a segment.

A *static* list holds the leads someone added (who and when is kept) until
someone removes them.  A *dynamic* list is bound to a segment: ``refresh``
evaluates the segment as of an instant and the list becomes exactly its
leads — a lead that no longer matches leaves (nothing sticks).  Every change
of membership is a :class:`ListChange` (who entered, who left, when, why)
appended to the list's history, so the members at any past instant can be
replayed and "who entered since Monday" answered from the history.

``ListManager.on_events`` is the event-driven path: when new events arrive
for some leads, only those leads are re-evaluated against every dynamic
list's segment, which gives the memberships a full refresh at the same
``as_of`` would give (a property test holds it to that).  Conditions that
change with time alone (``within 30 days``) still need a periodic refresh.

Lists live behind the :class:`ListRepository` protocol; the in-memory
:class:`MemoryListRepository` also reads and writes a JSON file (the CLI's
``--state``).  See ``docs/lists.md`` for the tables a SQL store uses.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs

from .dates import parse_as_of
from .errors import DataError, Diagnostic, UsageError, suggest
from .handles import exists_as_of

if TYPE_CHECKING:
    from .api import Rules
    from .handles import AsOf, LeadSource

ListKind = Literal["static", "dynamic"]
Action = Literal["add", "remove", "refresh", "events", "net"]
"""Why a list changed; ``net`` is a computed summary (:meth:`ListManager.changes_since`)."""
STATE_VERSION = 1


@attrs.frozen
class LeadList:
    """A list's definition: static, or dynamic and bound to ``segment``."""

    name: str
    kind: ListKind
    segment: str | None = None
    title: str | None = None
    created_at: dt.datetime | None = None
    created_by: str | None = None
    refreshed_at: dt.datetime | None = None


@attrs.frozen
class Member:
    """A lead on a list, since when, and who (a person, or ``segment NAME``) put it there."""

    lead_id: str
    since: dt.datetime
    by: str | None = None


@attrs.frozen
class ListChange:
    """One change of a list's membership: who entered, who left, when and why."""

    list_name: str
    at: dt.datetime
    action: Action
    entered: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    by: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.entered or self.left)

    def to_dict(self) -> dict[str, Any]:
        return {"list": self.list_name, "at": self.at.isoformat(), "action": self.action,
                "by": self.by, "entered": list(self.entered), "left": list(self.left)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ListChange:
        return cls(data["list"], _instant(data["at"]), data["action"],
                   tuple(data.get("entered", ())), tuple(data.get("left", ())),
                   data.get("by"))


class ListRepository(Protocol):
    """Where lists, their members and their history are kept.

    ``record`` must be atomic: the members and the history change together
    or not at all (a SQL store does it in one transaction).
    """

    def list_names(self) -> tuple[str, ...]: ...

    def get_list(self, name: str) -> LeadList | None: ...

    def save_list(self, lead_list: LeadList) -> None:
        """Create a list, or replace its definition (members and history stay)."""

    def delete_list(self, name: str) -> None: ...

    def members(self, name: str) -> Mapping[str, Member]: ...

    def record(self, change: ListChange) -> None:
        """Add ``change.entered`` (as members since ``change.at``, by ``change.by``),
        remove ``change.left``, append ``change`` to the history, and for a
        ``refresh`` set the list's ``refreshed_at`` to ``change.at``."""

    def history(self, name: str) -> Sequence[ListChange]:
        """The list's changes, oldest first."""


class MemoryListRepository:
    """Lists in memory; ``load`` / ``save`` keep them in a JSON file."""

    def __init__(self) -> None:
        self._lists: dict[str, LeadList] = {}
        self._members: dict[str, dict[str, Member]] = {}
        self._history: dict[str, list[ListChange]] = {}

    def list_names(self) -> tuple[str, ...]:
        return tuple(self._lists)

    def get_list(self, name: str) -> LeadList | None:
        return self._lists.get(name)

    def save_list(self, lead_list: LeadList) -> None:
        self._lists[lead_list.name] = lead_list
        self._members.setdefault(lead_list.name, {})
        self._history.setdefault(lead_list.name, [])

    def delete_list(self, name: str) -> None:
        for table in (self._lists, self._members, self._history):
            table.pop(name, None)

    def members(self, name: str) -> Mapping[str, Member]:
        return dict(self._members.get(name, {}))

    def record(self, change: ListChange) -> None:
        members = self._members[change.list_name]
        for lead_id in change.entered:
            members[lead_id] = Member(lead_id, change.at, change.by)
        for lead_id in change.left:
            members.pop(lead_id, None)
        self._history[change.list_name].append(change)
        if change.action == "refresh":
            self._lists[change.list_name] = attrs.evolve(self._lists[change.list_name],
                                                         refreshed_at=change.at)

    def history(self, name: str) -> Sequence[ListChange]:
        return tuple(self._history.get(name, ()))

    # -- a JSON file ---------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Everything as plain data (the ``--state`` file's content)."""
        return {"version": STATE_VERSION, "lists": [{
            **_list_dict(lst),
            "members": [{"lead_id": m.lead_id, "since": m.since.isoformat(), "by": m.by}
                        for m in sorted(self._members[name].values(),
                                        key=lambda m: m.lead_id)],
            "history": [c.to_dict() for c in self._history[name]],
        } for name, lst in self._lists.items()]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MemoryListRepository:
        repo = cls()
        if data.get("version") != STATE_VERSION:
            raise DataError(f"unsupported list state version {data.get('version')!r}")
        for item in data["lists"]:
            repo.save_list(LeadList(
                item["name"], item["kind"], item.get("segment"), item.get("title"),
                _maybe_instant(item.get("created_at")), item.get("created_by"),
                _maybe_instant(item.get("refreshed_at"))))
            repo._members[item["name"]] = {
                m["lead_id"]: Member(m["lead_id"], _instant(m["since"]), m.get("by"))
                for m in item.get("members", ())}
            repo._history[item["name"]] = [ListChange.from_dict(c)
                                           for c in item.get("history", ())]
        return repo

    @classmethod
    def load(cls, path: str | Path) -> MemoryListRepository:
        """Lists from a JSON state file; a missing file is an empty repository."""
        p = Path(path)
        if not p.exists():
            return cls()
        try:
            return cls.from_dict(json.loads(p.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DataError([Diagnostic(f"cannot read list state: {exc}", str(p))]) from None

    def save(self, path: str | Path) -> None:
        """Write the JSON state file: beside it first, then renamed over it, so a
        crash never leaves half a file."""
        p = Path(path)
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        try:
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=p.parent or ".",
                                             delete=False, suffix=".tmp") as tmp:
                tmp.write(text)
            os.replace(tmp.name, p)
        except OSError as exc:
            raise UsageError(f"cannot write list state {p}: {exc}") from None


def _list_dict(lst: LeadList) -> dict[str, Any]:
    return {"name": lst.name, "kind": lst.kind, "segment": lst.segment, "title": lst.title,
            "created_at": None if lst.created_at is None else lst.created_at.isoformat(),
            "created_by": lst.created_by,
            "refreshed_at": None if lst.refreshed_at is None else lst.refreshed_at.isoformat()}


def _instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def _maybe_instant(text: str | None) -> dt.datetime | None:
    return None if text is None else _instant(text)


def _when(at: AsOf) -> dt.datetime:
    try:
        return parse_as_of(at)
    except ValueError as exc:
        raise UsageError(f"bad time {at!r}: {exc}") from None


class ListManager:
    """Static and dynamic lead lists over one rules file and one repository."""

    def __init__(self, rules: Rules | None, repository: ListRepository | None = None) -> None:
        # Static lists and reading need no rules; dynamic lists need their segments.
        self._rules = rules
        self.repository: ListRepository = repository or MemoryListRepository()

    @property
    def rules(self) -> Rules:
        if self._rules is None:
            raise UsageError("dynamic lists need rules: ListManager(rules, repository)")
        return self._rules

    # -- definitions -----------------------------------------------------------------
    def create_static(self, name: str, *, title: str | None = None, by: str | None = None,
                      at: AsOf = None) -> LeadList:
        """A new, empty static list."""
        return self._create(LeadList(name, "static", None, title, _when(at), by))

    def create_dynamic(self, name: str, segment: str, *, title: str | None = None,
                       by: str | None = None, at: AsOf = None) -> LeadList:
        """A new dynamic list bound to ``segment`` (empty until the first refresh)."""
        self.rules.segment(segment)  # an unknown segment fails now, with a suggestion
        return self._create(LeadList(name, "dynamic", segment, title, _when(at), by))

    def _create(self, lead_list: LeadList) -> LeadList:
        if self.repository.get_list(lead_list.name) is not None:
            raise UsageError(f"a list named '{lead_list.name}' already exists")
        self.repository.save_list(lead_list)
        return lead_list

    def delete(self, name: str) -> None:
        self.get(name)
        self.repository.delete_list(name)

    def get(self, name: str) -> LeadList:
        """The list named ``name`` (UsageError with a suggestion if there is none)."""
        found = self.repository.get_list(name)
        if found is None:
            names = self.repository.list_names()
            raise UsageError([Diagnostic(f"no list named '{name}'", hint=suggest(name, names))])
        return found

    @property
    def names(self) -> tuple[str, ...]:
        return self.repository.list_names()

    def dynamic_lists(self) -> list[LeadList]:
        found = (self.repository.get_list(n) for n in self.repository.list_names())
        return [x for x in found if x is not None and x.kind == "dynamic"]

    # -- static lists -----------------------------------------------------------------
    def add(self, name: str, lead_ids: Iterable[str], *, by: str | None = None,
            at: AsOf = None) -> ListChange:
        """Put leads on a static list; those already on it keep their original entry."""
        current = self.repository.members(self._static(name).name)
        entered = tuple(sorted({i for i in lead_ids if i not in current}))
        return self._record(ListChange(name, _when(at), "add", entered, (), by))

    def remove(self, name: str, lead_ids: Iterable[str], *, by: str | None = None,
               at: AsOf = None) -> ListChange:
        """Take leads off a static list (ids not on it are ignored)."""
        current = self.repository.members(self._static(name).name)
        left = tuple(sorted({i for i in lead_ids if i in current}))
        return self._record(ListChange(name, _when(at), "remove", (), left, by))

    def _static(self, name: str) -> LeadList:
        lst = self.get(name)
        if lst.kind != "static":
            raise UsageError([Diagnostic(
                f"'{name}' is a dynamic list: its members are the leads of segment "
                f"'{lst.segment}'", hint="change the segment (e.g. add 'and not segment "
                "followed_up'), or copy the members to a static list")])
        return lst

    def _record(self, change: ListChange) -> ListChange:
        if change.changed or change.action == "refresh":
            self.repository.record(change)
        return change

    # -- dynamic lists ------------------------------------------------------------------
    def refresh(self, store: LeadSource, as_of: AsOf = None, *, timezone: str | None = None,
                names: Sequence[str] | None = None) -> dict[str, ListChange]:
        """Evaluate each dynamic list's segment (or only ``names``) as of ``as_of``; the
        list becomes exactly its leads.  Returns, per list, who entered and who left
        since the last update; every refresh is kept in the history."""
        tc = self.rules.time_context(as_of, timezone)
        lists = self.dynamic_lists() if names is None else [self._dynamic(n) for n in names]
        out = {}
        for lst in lists:
            assert lst.segment is not None
            matching = set(self.rules.segment(lst.segment).select(store, tc.as_of,
                                                                  timezone=timezone))
            current = self.repository.members(lst.name)
            change = ListChange(lst.name, tc.as_of, "refresh",
                                tuple(sorted(matching - current.keys())),
                                tuple(sorted(current.keys() - matching)),
                                f"segment {lst.segment}")
            out[lst.name] = self._record(change)
        return out

    def on_events(self, store: LeadSource, lead_ids: Iterable[str], as_of: AsOf = None, *,
                  timezone: str | None = None) -> dict[str, ListChange]:
        """Re-evaluate only ``lead_ids`` (e.g. the leads whose events just arrived)
        against every dynamic list, as of ``as_of``.  Returns every dynamic list's
        entered / left among those leads; lists that changed get a history entry."""
        tc = self.rules.time_context(as_of, timezone)
        ids = sorted(set(lead_ids))
        loaded = {i: store.lead(i) for i in ids}
        out = {}
        for lst in self.dynamic_lists():
            assert lst.segment is not None
            fn = self.rules.segment(lst.segment).compiled(tc.as_of, timezone=timezone)
            current = self.repository.members(lst.name)
            entered, left = [], []
            for lead_id in ids:
                lead = loaded[lead_id]
                now = (lead is not None and exists_as_of(lead, tc)
                       and bool(fn(lead, store.events_of(lead_id))))
                if now and lead_id not in current:
                    entered.append(lead_id)
                elif not now and lead_id in current:
                    left.append(lead_id)
            out[lst.name] = self._record(ListChange(lst.name, tc.as_of, "events",
                                                    tuple(entered), tuple(left),
                                                    f"segment {lst.segment}"))
        return out

    def _dynamic(self, name: str) -> LeadList:
        lst = self.get(name)
        if lst.kind != "dynamic":
            raise UsageError(f"'{name}' is a static list; only dynamic lists refresh")
        return lst

    # -- reading ------------------------------------------------------------------------
    def members(self, name: str) -> list[str]:
        """The lead ids on the list, sorted."""
        return sorted(self.repository.members(self.get(name).name))

    def member_details(self, name: str) -> list[Member]:
        """Each member with since when and by whom it is on the list, by lead id."""
        found = self.repository.members(self.get(name).name)
        return [found[i] for i in sorted(found)]

    def history(self, name: str, since: AsOf = None) -> list[ListChange]:
        """The list's changes, oldest first (only those after ``since`` if given)."""
        changes = list(self.repository.history(self.get(name).name))
        if since is not None:
            cut = _when(since)
            changes = [c for c in changes if c.at > cut]
        return changes

    def members_at(self, name: str, when: AsOf) -> list[str]:
        """The members as of ``when``: the history's changes at or before it, replayed
        in the order they were recorded."""
        cut = _when(when)
        members: set[str] = set()
        for c in self.repository.history(self.get(name).name):
            if c.at > cut:
                continue
            members.update(c.entered)
            members.difference_update(c.left)
        return sorted(members)

    def changes_since(self, name: str, since: AsOf) -> ListChange:
        """Net change since ``since``: who is on the list now but was not then
        (entered), and who was then but is not now (left)."""
        before = set(self.members_at(name, since))
        now = set(self.members(name))
        return ListChange(name, _when(since), "net", tuple(sorted(now - before)),
                          tuple(sorted(before - now)))
