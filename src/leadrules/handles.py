"""What every rule handle shares: the declaration it wraps, the leads it reads.

:class:`Declared` is the base of :class:`~leadrules.api.SegmentRule`,
:class:`~leadrules.scoring.ScoringRule`, :class:`~leadrules.scoring.GradingRule`,
:class:`~leadrules.scoring.TiersRule` and :class:`~leadrules.funnel.FunnelRule`;
:data:`LeadSource` is what the in-memory evaluator reads from a store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from . import ast
from .errors import Diagnostic, suggest
from .stores.base import Store

if TYPE_CHECKING:
    from .api import Rules
    from .compile_python import Record
    from .dates import TimeContext

AsOf = dt.datetime | dt.date | str | None
D_co = TypeVar("D_co", ast.Segment, ast.Scoring, ast.Grading, ast.Tiers, ast.Funnel)


LeadSource = Store
"""What the evaluator reads from a store: the record methods of
:class:`leadrules.stores.base.Store`."""


def unknown(kind: str, name: str, known: Iterable[str]) -> list[Diagnostic]:
    return [Diagnostic(f"no {kind} named '{name}'", hint=suggest(name, known))]


def given_ids(lead_ids: Iterable[str]) -> list[str]:
    """``lead_ids=`` as a list of distinct ids, sorted; one id given as a string,
    or an id that is not text, is a :class:`~leadrules.errors.UsageError`."""
    from .errors import UsageError
    if isinstance(lead_ids, str | bytes):
        raise UsageError([Diagnostic("lead_ids takes several ids, not one string",
                                     hint=f"lead_ids=[{lead_ids!r}]")])
    ids = set()
    for value in lead_ids:
        if not isinstance(value, str):
            raise UsageError([Diagnostic(f"lead_ids holds {value!r}, not a lead id",
                                         hint="lead ids are text")])
        ids.add(value)
    return sorted(ids)


def exists_as_of(lead: Record, tc: TimeContext) -> bool:
    """A lead created after as_of does not exist for that evaluation."""
    created = lead.get("created_at")
    return created is None or created <= tc.as_of


class Declared(Generic[D_co]):
    """A named declaration of a rules file, with the rules it belongs to."""

    def __init__(self, rules: Rules, decl: D_co) -> None:
        self.rules = rules
        self.ast: D_co = decl

    @property
    def name(self) -> str:
        return self.ast.name

    @property
    def title(self) -> str | None:
        return self.ast.title

    @property
    def text(self) -> str:
        """The declaration as rules text, in ``fmt`` style."""
        from .format import format_rules
        return format_rules(ast.RuleFile((self.ast,)))

    def __repr__(self) -> str:
        title = f' "{self.title}"' if self.title else ""
        return f"<{type(self).__name__} {self.name}{title}>"

    def _repr_html_(self) -> str:
        from .display import html_block, html_pre
        return html_block(repr(self).strip("<>"), html_pre(self.text))
