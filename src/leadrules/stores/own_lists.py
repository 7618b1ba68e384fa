"""The lead lists kept in a SQL store's own database, read through the store's
connection: what ``in list NAME`` reads without ``lists=`` / ``--state``.  The
tables are those :class:`leadrules.stores.lists.SqlListRepository` writes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from ..errors import StoreError
from ..lists import LeadList, ListChange, Member

Engine = Literal["sqlite", "postgres", "duckdb"]
_T = TypeVar("_T")


def _instant(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


HISTORY_COLUMNS = 'list_name, "at", action, by_whom, entered, left_ids'
"""The columns of ``leadrules_list_history`` that :func:`changes_of` reads."""


def changes_of(rows: Sequence[Sequence[Any]]) -> tuple[ListChange, ...]:
    """Rows of :data:`HISTORY_COLUMNS` as list changes."""
    out = []
    for name, at, action, by, entered, left in rows:
        when = _instant(at)
        assert when is not None
        out.append(ListChange(name, when, action, tuple(json.loads(entered)),
                              tuple(json.loads(left)), by))
    return tuple(out)


def lead_pattern(lead_id: str) -> str:
    """A ``LIKE … ESCAPE '\\'`` pattern true of every ``entered`` / ``left_ids`` JSON
    array holding ``lead_id`` (each element is written by ``json.dumps``, so the id
    appears as its JSON string); it can be true of others, which the caller drops."""
    text = json.dumps(lead_id, ensure_ascii=False)
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def of_lead(changes: Sequence[ListChange], lead_id: str) -> tuple[ListChange, ...]:
    """The changes that name ``lead_id``, by list name in Python's order (whatever
    the database's collation sorted them by), each list's in the order given."""
    return tuple(sorted((c for c in changes if lead_id in c.entered or lead_id in c.left),
                        key=lambda c: c.list_name))



class StoreLists:
    """The lists kept in a SQL store's own database, read through the store's
    connection (read-only): what ``in list NAME`` reads when no other lists are
    given (``--data leads.db`` without ``--state``).  Without the tables, there
    are no lists.  Changing them goes through :class:`SqlListRepository`."""

    def __init__(self, fetch: Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]],
                 engine: Engine, namespace: str | None = None) -> None:
        self._fetch = fetch
        self._engine = engine
        self.namespace = namespace

    def _rows(self, statement: str, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        # Written with `:name` placeholders and our own table names, never input.
        import sqlglot
        if self.namespace is not None:
            quoted = '"' + self.namespace.replace('"', '""') + '"'
            statement = statement.replace(" leadrules_", f" {quoted}.leadrules_")
        text = sqlglot.transpile(statement, read="sqlite", write=self._engine)[0]
        return list(self._fetch(text, params))

    def _has_tables(self) -> bool:
        if self._engine == "sqlite":
            rows = self._fetch("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                               "name = :t", {"t": "leadrules_list_history"})
        else:
            rows = self._rows("SELECT count(*) FROM information_schema.tables WHERE "
                              "table_name = :t AND table_schema = COALESCE(:s, "
                              "current_schema())",
                              {"t": "leadrules_list_history", "s": self.namespace})
        return bool(rows and int(rows[0][0]) > 0)

    def atomically(self, work: Callable[[], _T]) -> _T:
        return work()

    def list_names(self) -> tuple[str, ...]:
        if not self._has_tables():
            return ()
        return tuple(str(r[0]) for r in self._rows(
            "SELECT name FROM leadrules_lists ORDER BY name", {}))

    def get_list(self, name: str) -> LeadList | None:
        if not self._has_tables():
            return None
        rows = self._rows("SELECT name, kind, segment, title, created_at, created_by, "
                          "refreshed_at FROM leadrules_lists WHERE name = :n", {"n": name})
        if not rows:
            return None
        n, kind, segment, title, created, created_by, refreshed = rows[0]
        return LeadList(n, kind, segment, title, _instant(created), created_by,
                        _instant(refreshed))

    def members(self, name: str) -> Mapping[str, Member]:
        if not self._has_tables():
            return {}
        out: dict[str, Member] = {}
        for lead_id, since, by in self._rows(
                "SELECT lead_id, since, by_whom FROM leadrules_list_members WHERE "
                "list_name = :n ORDER BY lead_id", {"n": name}):
            when = _instant(since)
            assert when is not None
            out[lead_id] = Member(lead_id, when, by)
        return out

    def history(self, name: str) -> Sequence[ListChange]:
        if not self._has_tables():
            return ()
        return changes_of(self._rows(f"SELECT {HISTORY_COLUMNS} FROM leadrules_list_history "
                                     "WHERE list_name = :n ORDER BY seq", {"n": name}))

    def lead_history(self, lead_id: str) -> Sequence[ListChange]:
        """The changes of every list that ``lead_id`` entered or left, by list name,
        then in recording order (the rows read are only those that can name it)."""
        if not self._has_tables():
            return ()
        return of_lead(changes_of(self._rows(
            f"SELECT {HISTORY_COLUMNS} FROM leadrules_list_history WHERE entered LIKE :p "
            "ESCAPE '\\' OR left_ids LIKE :p ESCAPE '\\' ORDER BY list_name, seq",
            {"p": lead_pattern(lead_id)})), lead_id)

    def _read_only(self) -> StoreError:
        return StoreError("the lists of a store are read here: change them through their "
                          "state (leadrules list … STATE, or SqlListRepository)")

    def save_list(self, lead_list: LeadList) -> None:
        raise self._read_only()

    def delete_list(self, name: str) -> None:
        raise self._read_only()

    def record(self, change: ListChange) -> None:
        raise self._read_only()
