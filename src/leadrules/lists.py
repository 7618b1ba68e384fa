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

Lists live behind the :class:`ListRepository` protocol: in memory
(:class:`MemoryListRepository`), in a JSON file shared by processes
(:class:`JsonListRepository`, the CLI's ``--state lists.json``) or in database
tables (:mod:`leadrules.stores.lists`).  Every read-modify-write of a list (an
add, a remove, a refresh's diff) runs inside :meth:`ListRepository.atomically`,
so concurrent writers — threads, processes — never lose or duplicate a change
and the history always replays to the members.  See ``docs/lists.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

import attrs

from .dates import UTC, parse_as_of, since_instant, zone, zone_hint
from .errors import DataError, Diagnostic, UsageError, suggest
from .files import (
    DEFAULT_TIMEOUT,
    FileLock,
    lock_path,
    remove_stale_temporaries,
    write_durably,
)
from .handles import exists_as_of, given_ids
from .output import plural
from .results import Table
from .schema import LEAD_KEY
from .stores.base import Capability, pushdown

if TYPE_CHECKING:
    from .api import Rules
    from .dates import TimeContext
    from .handles import AsOf, LeadSource

ListKind = Literal["static", "dynamic"]
Action = Literal["add", "remove", "refresh", "events", "net"]
"""Why a list changed; ``net`` is a computed summary (:meth:`ListManager.changes_since`)."""
STATE_VERSION = 1
_T = TypeVar("_T")


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


@attrs.frozen
class DueChange:
    """A lead whose dynamic-list memberships change by time alone
    (:meth:`ListManager.due`): the instant, the lists it enters and leaves then."""

    lead_id: str
    at: dt.datetime
    entering: tuple[str, ...] = ()
    leaving: tuple[str, ...] = ()


HISTORY_COLUMNS = ("list", "at", "action", "by", "entered", "left")


class ListHistory(list[ListChange]):
    """A list's changes, oldest first (a plain list), with tables and DataFrames:
    one row per change, ``entered`` and ``left`` as lists of ids."""

    def to_table(self) -> Table:
        return Table(HISTORY_COLUMNS, tuple((c.list_name, c.at, c.action, c.by, c.entered,
                                             c.left) for c in self))

    def to_pandas(self) -> Any:
        return self.to_table().to_pandas()

    def to_polars(self) -> Any:
        return self.to_table().to_polars()

    def __repr__(self) -> str:
        name = f" of {self[0].list_name}" if self else ""
        return f"<ListHistory{name}: {plural(len(self), 'change')}>"

    def _repr_html_(self) -> str:
        from .display import html_table
        rows = [(c.list_name, c.at, c.action, c.by or "", len(c.entered), len(c.left))
                for c in self]
        return html_table(("list", "at", "action", "by", "entered", "left"), rows)


class ListRepository(Protocol):
    """Where lists, their members and their history are kept.

    ``record`` must be atomic: the members and the history change together
    or not at all (a SQL store does it in one transaction).  ``atomically``
    serialises writers: what ``work`` reads and records through the repository
    is one unit no other writer's change interleaves with.
    """

    def atomically(self, work: Callable[[], _T]) -> _T:
        """Run ``work`` — which reads and records through this repository — as one
        serialised unit and return its result; inside it, nested calls just run.
        A repository may run ``work`` again when the database asks for a retry,
        so ``work`` has no effects other than through the repository.  Waiting
        for another writer longer than the repository's timeout raises
        :class:`~leadrules.errors.BusyError`, with nothing changed."""

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
    """Lists in memory; ``load`` / ``save`` read and write a snapshot in a JSON file
    (for a file that several processes update, use :class:`JsonListRepository`)."""

    def __init__(self) -> None:
        self._lists: dict[str, LeadList] = {}
        self._members: dict[str, dict[str, Member]] = {}
        self._history: dict[str, list[ListChange]] = {}
        self._lock = threading.RLock()

    def atomically(self, work: Callable[[], _T]) -> _T:
        with self._lock:  # threads of one process
            return work()

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
        # A read-only view, not a copy: on_events reads every list's members for
        # one lead, and a copy of a list of 100k leads costs milliseconds.
        return types.MappingProxyType(self._members.get(name, {}))

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

    def save(self, path: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Write the JSON state file, replacing it whole: under its lock (see
        :class:`JsonListRepository`), durably, through a symlink, keeping the
        file's mode — a crash or power loss leaves the old file or the new one."""
        with FileLock(lock_path(path), timeout=timeout, what=f"list state {path}"):
            self._write(Path(path))

    def _write(self, path: Path) -> None:
        # The caller holds the file's lock: a temporary file beside it is a killed
        # writer's, never another live writer's.
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        try:
            remove_stale_temporaries(path)
            write_durably(path, text.encode("utf-8"))
        except OSError as exc:
            raise UsageError(f"cannot write list state {path}: {exc}") from None


class JsonListRepository:
    """Lists in a JSON file (the CLI's ``--state lists.json``) that several processes
    may update at once.

    Every change is a read-modify-write of the whole file under an exclusive lock
    on ``NAME.lock`` beside it (see :class:`~leadrules.files.FileLock`): the file is
    read again inside the lock, changed, and replaced durably before the lock is
    released, so no writer's update is lost and the history replays to the members.
    A writer that waits longer than ``timeout`` seconds gets
    :class:`~leadrules.errors.BusyError` and changes nothing.  Reading takes no lock
    (the file is only ever replaced whole).  One object per thread.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = DEFAULT_TIMEOUT
                 ) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._inside: MemoryListRepository | None = None  # the state during atomically
        self._changed = False
        self._cached: tuple[tuple[int, int, int, int], MemoryListRepository] | None = None

    def _stat_key(self) -> tuple[int, int, int, int] | None:
        # Every write renames a new file into place, so the inode tells versions apart.
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)

    def _load(self) -> MemoryListRepository:
        key = self._stat_key()
        if key is not None and self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        repo = MemoryListRepository.load(self.path)
        self._cached = None if key is None else (key, repo)
        return repo

    def atomically(self, work: Callable[[], _T]) -> _T:
        if self._inside is not None:
            return work()
        with FileLock(lock_path(self.path), timeout=self.timeout,
                      what=f"list state {self.path}"):
            state = self._load()
            self._inside, self._changed = state, False
            try:
                result = work()
                if self._changed:
                    state._write(self.path)
                    key = self._stat_key()
                    self._cached = None if key is None else (key, state)
            except BaseException:
                self._cached = None  # the loaded state may hold a change never written
                raise
            finally:
                self._inside = None
        return result

    def _state(self) -> MemoryListRepository:
        return self._inside if self._inside is not None else self._load()

    def _change(self, edit: Callable[[MemoryListRepository], None]) -> None:
        def work() -> None:
            assert self._inside is not None
            edit(self._inside)
            self._changed = True
        self.atomically(work)

    def list_names(self) -> tuple[str, ...]:
        return self._state().list_names()

    def get_list(self, name: str) -> LeadList | None:
        return self._state().get_list(name)

    def members(self, name: str) -> Mapping[str, Member]:
        return self._state().members(name)

    def history(self, name: str) -> Sequence[ListChange]:
        return self._state().history(name)

    def save_list(self, lead_list: LeadList) -> None:
        self._change(lambda state: state.save_list(lead_list))

    def delete_list(self, name: str) -> None:
        self._change(lambda state: state.delete_list(name))

    def record(self, change: ListChange) -> None:
        self._change(lambda state: state.record(change))


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
        self._reading: Rules | None = None

    @property
    def rules(self) -> Rules:
        """The rules; unless they were given lists of their own, their ``in list``
        conditions read this manager's repository."""
        if self._rules is None:
            raise UsageError("dynamic lists need rules: ListManager(rules, repository)")
        if self._reading is None:
            rules = self._rules
            if rules.program.lists is None and rules.program.list_references:
                rules = rules.with_lists(self.repository, check=False)
            self._reading = rules
        return self._reading

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
        def work() -> LeadList:
            if self.repository.get_list(lead_list.name) is not None:
                raise UsageError(f"a list named '{lead_list.name}' already exists")
            self.repository.save_list(lead_list)
            return lead_list
        return self.repository.atomically(work)

    def delete(self, name: str) -> None:
        def work() -> None:
            self.get(name)
            self.repository.delete_list(name)
        self.repository.atomically(work)

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
            at: AsOf = None, store: LeadSource | None = None) -> ListChange:
        """Put leads on a static list; those already on it keep their original entry.

        With ``store``, an id the store does not have is a :class:`UsageError` and
        nothing is added (without it nothing is checked: leads not imported yet)."""
        ids = set(lead_ids)
        if store is not None:
            require_leads(store, ids)
        when = _when(at)

        def work() -> ListChange:
            current = self.repository.members(self._static(name).name)
            entered = tuple(sorted(i for i in ids if i not in current))
            return self._record(ListChange(name, when, "add", entered, (), by))
        return self.repository.atomically(work)

    def remove(self, name: str, lead_ids: Iterable[str], *, by: str | None = None,
               at: AsOf = None) -> ListChange:
        """Take leads off a static list (ids not on it are ignored)."""
        ids = set(lead_ids)
        when = _when(at)

        def work() -> ListChange:
            current = self.repository.members(self._static(name).name)
            left = tuple(sorted(i for i in ids if i in current))
            return self._record(ListChange(name, when, "remove", (), left, by))
        return self.repository.atomically(work)

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
            # The segment is evaluated outside the lock; only the diff against the
            # members, read inside it, and the record are serialised.
            matching = set(self.rules.segment(lst.segment).select(store, tc.as_of,
                                                                  timezone=timezone))

            def change_of(current: Mapping[str, Member], lst: LeadList = lst,
                          matching: set[str] = matching) -> ListChange:
                return ListChange(lst.name, tc.as_of, "refresh",
                                  tuple(sorted(matching - current.keys())),
                                  tuple(sorted(current.keys() - matching)),
                                  f"segment {lst.segment}")
            out[lst.name] = self._apply(lst, change_of, refreshed_at=tc.as_of)
        return out

    def _apply(self, lst: LeadList,
               change_of: Callable[[Mapping[str, Member]], ListChange], *,
               refreshed_at: dt.datetime | None = None,
               events_at: dt.datetime | None = None) -> ListChange:
        """Record ``change_of(members)`` for a dynamic list, the members read and the
        change recorded as one serialised unit; the list must still follow the same
        segment (someone may have redefined or deleted it meanwhile).

        Each lead's membership follows its latest evaluation, never an earlier one:
        a refresh (``refreshed_at``) or an ``on_events`` (``events_at``) as of a
        time before the list's last refresh is refused (the list would become its
        members of an earlier time, recorded after later ones), and a refresh
        leaves alone the leads an ``events`` entry after its ``as_of`` entered or
        left (that later answer stands; refusing would fail every refresh
        overtaken by the events of a busy app)."""
        def work() -> ListChange:
            now = self._dynamic(lst.name)
            if now.segment != lst.segment:
                raise UsageError(f"list '{lst.name}' changed to follow segment "
                                 f"'{now.segment}' while '{lst.segment}' was evaluated")
            if refreshed_at is None:
                if events_at is not None:
                    _refuse_before_refresh(now, now.refreshed_at, events_at, "on_events")
                return self._record(change_of(self.repository.members(lst.name)))
            history = self.repository.history(lst.name)
            latest = max((c.at for c in history if c.action == "refresh"), default=None)
            _refuse_before_refresh(now, latest, refreshed_at, "refresh")
            later = {i for c in history if c.action == "events" and c.at > refreshed_at
                     for i in (*c.entered, *c.left)}
            change = change_of(self.repository.members(lst.name))
            if later:
                change = attrs.evolve(
                    change, entered=tuple(i for i in change.entered if i not in later),
                    left=tuple(i for i in change.left if i not in later))
            return self._record(change)
        return self.repository.atomically(work)

    def on_events(self, store: LeadSource, lead_ids: Iterable[str], as_of: AsOf = None, *,
                  timezone: str | None = None) -> dict[str, ListChange]:
        """Re-evaluate only ``lead_ids`` (e.g. the leads whose events just arrived)
        against every dynamic list, as of ``as_of``.  Returns every dynamic list's
        entered / left among those leads; lists that changed get a history entry.

        A store that evaluates some leads inside its database
        (:attr:`~leadrules.stores.base.Capability.SEGMENT_BATCH`: SQLite,
        PostgreSQL, DuckDB) answers every list's segment for the batch in one
        query; other stores are evaluated lead by lead.  An id the store lacks
        is in no segment (it leaves the lists it was on)."""
        tc = self.rules.time_context(as_of, timezone)
        ids = given_ids(lead_ids)
        lists = self.dynamic_lists()
        for lst in lists:             # before anything is evaluated or recorded
            _refuse_before_refresh(lst, lst.refreshed_at, tc.as_of, "on_events")
        found = self._members_of(store, [lst.segment for lst in lists if lst.segment], ids,
                                 tc)
        out = {}
        for lst in lists:
            assert lst.segment is not None
            matching = found[lst.segment]

            def change_of(current: Mapping[str, Member], lst: LeadList = lst,
                          matching: set[str] = matching) -> ListChange:
                return ListChange(
                    lst.name, tc.as_of, "events",
                    tuple(i for i in ids if i in matching and i not in current),
                    tuple(i for i in ids if i not in matching and i in current),
                    f"segment {lst.segment}")
            out[lst.name] = self._apply(lst, change_of, events_at=tc.as_of)
        return out

    def due(self, store: LeadSource, as_of: AsOf = None, until: AsOf = None, *,
            timezone: str | None = None, names: Sequence[str] | None = None
            ) -> list[DueChange]:
        """The leads whose membership of a dynamic list (or of the lists ``names``)
        changes by time alone after ``as_of`` and at or before ``until``, if no new
        event arrives: for each, the first such instant and the lists it enters
        and leaves then, sorted by instant, then lead id.

        Memberships are the segments' answers as of ``as_of`` (what a refresh as
        of ``as_of`` gives); a lead created after ``as_of`` may enter at its
        creation.  Each lead is searched with
        :meth:`~leadrules.api.SegmentRule.next_change` (in Python, its events
        read from the store).  Schedule a refresh of the lead (``on_events``) at
        each instant, then ask again."""
        if until is None:
            raise UsageError([Diagnostic("due needs until=, the end of the search",
                                         hint="e.g. until='2026-12-31'")])
        from .next_change import require_until_after
        tc = self.rules.time_context(as_of, timezone)
        end = self.rules.time_context(until, timezone).as_of
        require_until_after(tc.as_of, end, "due")
        lists = self.dynamic_lists() if names is None else [self._dynamic(n) for n in names]
        segments = [(lst.name, self.rules.segment(lst.segment)) for lst in lists
                    if lst.segment is not None]
        out = []
        for lead in store.leads():
            lead_id = lead[LEAD_KEY]
            events = store.events_of(lead_id)
            found: dict[str, dt.datetime] = {}
            for name, seg in segments:
                when = seg.next_change_of(lead, events, tc, end)
                if when is not None:
                    found[name] = when
            if not found:
                continue
            first = min(found.values())
            changing = [n for n, s in segments if found.get(n) == first]
            fns = {n: s.compiled(tc.as_of, timezone=timezone) for n, s in segments
                   if n in changing}
            before = {n for n in changing
                      if exists_as_of(lead, tc) and fns[n](lead, events)}
            out.append(DueChange(lead_id, first,
                                 tuple(n for n in changing if n not in before),
                                 tuple(n for n in changing if n in before)))
        out.sort(key=lambda d: (d.at, d.lead_id))
        return out

    def _members_of(self, store: LeadSource, segments: Sequence[str], ids: Sequence[str],
                    tc: TimeContext) -> dict[str, set[str]]:
        """Per segment, which of ``ids`` are in it as of ``tc``: one query on a store
        that can, else each lead (read once) through the compiled functions."""
        wanted = list(dict.fromkeys(segments))
        db = pushdown(store, Capability.SEGMENT_BATCH)
        if db is not None and ids and wanted:
            self.rules.check_store(store)
            return db.segment_members(self.rules.program, wanted, tc, ids)
        functions = {name: self.rules.functions(tc, ("segment", name)).segments[name]
                     for name in wanted}
        out: dict[str, set[str]] = {name: set() for name in wanted}
        for lead, events in self.rules.given_leads(store, tc, ids):
            for name in wanted:
                if functions[name](lead, events):
                    out[name].add(lead[LEAD_KEY])
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

    def history(self, name: str, since: AsOf = None, *, timezone: str | None = None
                ) -> ListHistory:
        """The list's changes, oldest first; with ``since``, only those after it — a
        bare date means from the start of that day in the rules' time zone (or
        ``timezone``), exactly as ``leadrules list diff --since`` reads it."""
        changes = list(self.repository.history(self.get(name).name))
        if since is not None:
            cut = self.since(since, timezone=timezone)
            changes = [c for c in changes if c.at > cut]
        return ListHistory(changes)

    def members_at(self, name: str, when: AsOf, *, timezone: str | None = None
                   ) -> list[str]:
        """The members as of ``when`` (a bare date: the end of that day in the rules'
        time zone, as ``--as-of`` reads it): the history's changes at or before it,
        replayed in the order they were recorded."""
        return sorted(_replay(self.repository.history(self.get(name).name),
                              self._instant(when, timezone)))

    def changes_since(self, name: str, since: AsOf, *, timezone: str | None = None
                      ) -> ListChange:
        """Net change since ``since`` (read as :meth:`history` reads it): who is on the
        list now but was not then (entered), and who was then but is not now (left).
        History and members are read as one consistent unit."""
        cut = self.since(since, timezone=timezone)

        def work() -> tuple[set[str], set[str]]:
            lst = self.get(name)
            return (_replay(self.repository.history(lst.name), cut),
                    set(self.repository.members(lst.name)))
        before, now = self.repository.atomically(work)
        return ListChange(name, cut, "net", tuple(sorted(now - before)),
                          tuple(sorted(before - now)))

    # -- instants -----------------------------------------------------------------------
    def time_zone(self, timezone: str | None = None) -> dt.tzinfo:
        """``timezone``, else the rules' time zone, else UTC (as evaluation chooses)."""
        name = timezone or (self._rules.program.timezone if self._rules is not None else None)
        if name is None:
            return UTC
        try:
            return zone(name)
        except KeyError:
            raise UsageError([Diagnostic(f"unknown time zone '{name}'",
                                         hint=zone_hint(name))]) from None

    def since(self, value: AsOf, *, timezone: str | None = None) -> dt.datetime:
        """The instant a *since* bound stands for (:func:`leadrules.dates.since_instant`):
        a bare date is the start of that day in :meth:`time_zone`."""
        if value is None:
            raise UsageError("since needs an instant or a date")
        try:
            return since_instant(value, self.time_zone(timezone))
        except ValueError as exc:
            raise UsageError(f"bad time {value!r}: {exc}") from None

    def _instant(self, value: AsOf, timezone: str | None) -> dt.datetime:
        try:
            return parse_as_of(value, self.time_zone(timezone))
        except ValueError as exc:
            raise UsageError(f"bad time {value!r}: {exc}") from None


def _refuse_before_refresh(lst: LeadList, latest: dt.datetime | None, at: dt.datetime,
                           what: Literal["refresh", "on_events"]) -> None:
    """A :class:`UsageError` if ``at`` goes before the list's last refresh (``latest``)."""
    if latest is None or latest <= at:
        return
    if what == "refresh":
        doing, again = "a refresh", "refresh as of that time or later"
    else:
        doing = "re-evaluating leads (on_events)"
        again = ("call on_events as of that time or later (a timer that fires after "
                 "a refresh: as of now)")
    raise UsageError([Diagnostic(
        f"list '{lst.name}' was refreshed as of {latest.isoformat()}: {doing} as of "
        f"{at.isoformat()} would go before it",
        hint=f"{again}; the members at an earlier time are members_at({lst.name!r}, "
             "when)")])


def list_time(value: dt.datetime) -> str:
    """An instant as the list tables store it: ISO-8601 UTC text with microseconds
    (sorts as it compares)."""
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def replay(history: Iterable[ListChange], cut: dt.datetime) -> set[str]:
    """The members the changes at or before ``cut`` leave, in recording order."""
    return _replay(history, cut)


def _replay(history: Iterable[ListChange], cut: dt.datetime) -> set[str]:
    """The members the changes at or before ``cut`` leave, in recording order."""
    members: set[str] = set()
    for c in history:
        if c.at <= cut:
            members.update(c.entered)
            members.difference_update(c.left)
    return members


def require_leads(store: LeadSource, lead_ids: Iterable[str]) -> None:
    """A :class:`UsageError` naming the ids ``store`` does not have, if any."""
    unknown = sorted(i for i in set(lead_ids) if store.lead(i) is None)
    if unknown:
        shown = ", ".join(unknown[:10]) + (f" and {len(unknown) - 10} more"
                                           if len(unknown) > 10 else "")
        raise UsageError([Diagnostic(
            f"{len(unknown)} lead id{'s' if len(unknown) > 1 else ''} not in the data: "
            f"{shown}; nothing was added",
            hint="check the ids; to add leads not imported yet, add without a store "
                 "(leadrules list add --force)")])
