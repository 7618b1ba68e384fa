"""Where ``in list NAME`` reads its members: the lists bound to a rules file.

``lr.load(…, lists=…)`` (or ``rules.with_lists(…)``) binds a list repository to
the rules; without it, rules checked against a SQL store read the lists kept in
that store's own database (its ``leadrules_*`` tables).  A condition ``in list
NAME`` holds for a lead that is on the list *as of the evaluation's as_of*: the
list's history replayed up to that instant (what
:meth:`leadrules.lists.ListManager.members_at` gives), so an evaluation as of
last Monday sees last Monday's members, and a lead added later does not count.

In memory the members are one set lookup; a SQL store evaluates the membership
inside its database when the lists live there (:attr:`ListBinding.database`),
and otherwise binds the member ids as one parameter.  See docs/lists.md, "Lists
as conditions".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, Union, runtime_checkable

import attrs

from .dates import EARLIEST
from .errors import Diagnostic, UsageError, line_of, suggest

if TYPE_CHECKING:
    from . import ast
    from .lists import ListManager, ListRepository

Lists = Union["ListRepository", "ListManager", Mapping[str, Iterable[str]]]
"""What ``lists=`` takes: a list repository, a :class:`~leadrules.lists.ListManager`
(its repository), or a mapping from list name to lead ids (members at every
instant)."""


@attrs.frozen(eq=False)
class ListBinding:
    """The lead lists a program's ``in list`` conditions read.

    ``database``: the SQL store whose database holds these lists' tables, when
    they are that store's own; ``layout`` its layout (a query compiled for that
    layout reads the memberships there, in SQL).
    """

    repository: ListRepository
    database: Any = None
    layout: Any = None

    def names(self) -> tuple[str, ...]:
        return tuple(self.repository.list_names())

    def members(self, name: str, as_of: dt.datetime) -> frozenset[str]:
        """The ids on list ``name`` as of ``as_of``: its history replayed to then."""
        from .lists import replay
        return frozenset(replay(self.repository.history(name), as_of))


def binding(lists: Lists, database: Any = None) -> ListBinding:
    """``lists`` as a :class:`ListBinding`."""
    from .lists import ListChange, ListManager, MemoryListRepository
    if isinstance(lists, ListManager):
        return ListBinding(lists.repository, database)
    if isinstance(lists, Mapping):
        repo = MemoryListRepository()
        from .lists import LeadList
        for name, ids in lists.items():
            if isinstance(ids, str):
                raise UsageError(f"lists={{{name!r}: …}} takes lead ids, not one string")
            repo.save_list(LeadList(str(name), "static"))
            repo.record(ListChange(str(name), EARLIEST, "add", tuple(sorted(set(ids)))))
        return ListBinding(repo, database)
    return ListBinding(lists, database)


@runtime_checkable
class KeepsLists(Protocol):
    """A store that keeps lead lists in its own database (the SQL stores)."""

    def own_lists(self) -> ListRepository | None:
        """The lists kept beside the store's data (read-only), or None if it has none."""


def own_lists(store: object) -> ListBinding | None:
    """The lists ``store`` keeps in its own database, bound, or None."""
    if not isinstance(store, KeepsLists):
        return None
    repo = store.own_lists()
    return None if repo is None else ListBinding(repo, store, getattr(store, "layout", None))


def require_lists(binding: ListBinding | None, used: Mapping[str, ast.Pos | None],
                  file: str | None, text: str | None) -> None:
    """A :class:`UsageError` when the rules read lists (``used``: name -> where) that
    ``binding`` does not have -- or no lists are bound at all."""
    if not used:
        return
    if binding is None:
        name, pos = next(iter(used.items()))
        raise UsageError([_at(f"the rules read list '{name}' (in list {name}) but no lists "
                              "are given", pos, file, text,
                              "pass lists= to leadrules.load / parse (a ListManager, a list "
                              "repository or {name: ids}), or evaluate on a SQL store that "
                              "keeps lists",
                              "no-lists")])
    known = binding.names()
    problems = [_at(f"no list named '{name}'", pos, file, text,
                    suggest(name, known) or (f"the lists are {', '.join(sorted(known))}"
                                             if known else "there are no lists yet"),
                    "unknown-list")
                for name, pos in used.items() if name not in known]
    if problems:
        raise UsageError(problems)


def _at(message: str, pos: ast.Pos | None, file: str | None, text: str | None,
        hint: str | None, code: str) -> Diagnostic:
    line = pos.line if pos else None
    return Diagnostic(message, file, line, pos.column if pos else None,
                      pos.end_column if pos else None, hint,
                      source_line=line_of(text, line), code=code)
