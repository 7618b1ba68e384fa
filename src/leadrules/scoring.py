"""Scoring models, grading profiles and tiers: the handles that evaluate them.

``rules.scoring("engagement").score(store)`` gives every lead's points with the
breakdown per rule, ``rules.grading("fit").grade(store)`` their grades,
``rules.tiers("follow_up").assign(store)`` their tiers.  What the rules mean
(how a rule counts, decay, caps, grade steps and clamping, tier exclusions)
is in :mod:`leadrules.semantics`; each store renders it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from . import ast
from .errors import Diagnostic, UsageError
from .explain import (
    GradeExplanation,
    ModelExplainer,
    ScoreExplanation,
    TierExplanation,
    TiersExplainer,
)
from .handles import AsOf, Declared, LeadSource, exists_as_of, given_ids
from .results import ScoreDistribution, Table, score_table
from .schema import LEAD_KEY, FieldType
from .semantics import rule_keys
from .stores.base import Capability, DatabaseStore

if TYPE_CHECKING:
    from .api import Rules
    from .compile_python import Events, Record
    from .dates import TimeContext


class ScoringRule(Declared[ast.Scoring]):
    """A scoring model: points for behaviour, with decay, caps and a breakdown."""

    @property
    def rule_keys(self) -> tuple[str, ...]:
        return rule_keys(self.ast)

    def score(self, store: LeadSource, as_of: AsOf = None, *,
              timezone: str | None = None, lead_ids: Iterable[str] | None = None) -> Table:
        """One row per lead existing as of ``as_of``: lead_id, score, and the points
        of each rule (columns named by rule label), sorted by lead id.
        ``lead_ids``: those leads' rows only (see ``SegmentRule.select``)."""
        tc = self.rules.time_context(as_of, timezone)
        db, ids = _pushdown(self.rules, store, Capability.SCORES, lead_ids)
        if db is not None:
            # Evaluated inside the database (same rows, see docs/stores.md).
            return score_table(db.score_rows(self.rules.program, self.name, tc,
                                             **_restricted(ids)), self.rule_keys)
        fn = self.rules.functions(tc, ("scoring", self.name)).scores[self.name]
        rows = [fn(lead, events) for lead, events in _leads(self.rules, store, tc, ids)]
        rows.sort(key=lambda r: r[0])
        return score_table(rows, self.rule_keys)

    def score_of(self, lead: Mapping[str, Any] | str, as_of: AsOf = None, *,
                 events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
                 store: LeadSource | None = None, timezone: str | None = None) -> float:
        tc = self.rules.time_context(as_of, timezone)
        record, evs = self.rules.existing_lead(lead, events, store, tc)
        fn = self.rules.functions(tc, ("scoring", self.name)).scores[self.name]
        return float(fn(record, evs)[1])

    def next_change(self, lead: Mapping[str, Any] | str, as_of: AsOf = None, *,
                    threshold: float | Iterable[float] | None = None,
                    events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
                    store: LeadSource | None = None, timezone: str | None = None,
                    until: AsOf = None) -> dt.datetime | None:
        """The first instant after ``as_of`` at which the lead's score changes if no
        new event arrives, or None if it never does (or not by ``until``).

        A model with ``decay`` changes continuously, so it needs ``threshold``
        (a number or several): then the answer is the first instant at which
        ``score >= N`` starts or stops to hold for one of them -- the instant a
        decaying score falls below a tier's threshold.  With ``threshold`` on a
        model without decay, the same; without, the next instant the score
        changes at all."""
        from .next_change import Evaluations, given_thresholds, lead_search, next_change
        numbers = given_thresholds(threshold, self.name)
        tc = self.rules.time_context(as_of, timezone)
        # A lead created after as_of has no score until it is created: its
        # creation is a change, as for a segment's next_change.
        record, evs = self.rules.one_lead(lead, events, store)
        if numbers is None and self.ast.decay is not None:
            raise UsageError([Diagnostic(
                f"scoring '{self.name}' decays: its score changes continuously",
                hint="pass threshold=, e.g. the score a tier needs: threshold=100")])
        name = self.name

        def answer(ev: Evaluations, a: dt.datetime) -> Any:
            if not exists_as_of(record, ev.context(a)):
                return None
            total = ev.at(a).scores[name](record, evs)[1]
            return total if numbers is None else tuple(total >= n for n in numbers)
        search = lead_search(self.rules, ("scoring", name), record, evs, tc, answer,
                             {name: numbers or ()})
        end = None if until is None else self.rules.time_context(until, timezone).as_of
        return next_change(search, tc.as_of, end)

    def explain(self, lead: Mapping[str, Any] | str, as_of: AsOf = None, *,
                events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
                store: LeadSource | None = None, timezone: str | None = None
                ) -> ScoreExplanation:
        """Each rule's points for one lead, the events behind them, decay and caps."""
        tc = self.rules.time_context(as_of, timezone)
        record, evs = self.rules.existing_lead(lead, events, store, tc)
        return ModelExplainer(self.rules.program, tc).score(self.ast, record, evs)


class GradingRule(Declared[ast.Grading]):
    """A grading profile: fit as a letter from F to A+."""

    def grade(self, store: LeadSource, as_of: AsOf = None, *,
              timezone: str | None = None, lead_ids: Iterable[str] | None = None) -> Table:
        """One row per lead existing as of ``as_of``: lead_id, grade.
        ``lead_ids``: those leads' rows only (see ``SegmentRule.select``)."""
        tc = self.rules.time_context(as_of, timezone)
        db, ids = _pushdown(self.rules, store, Capability.GRADES, lead_ids)
        if db is not None:
            graded = db.grade_rows(self.rules.program, self.name, tc, **_restricted(ids))
            return Table(("lead_id", "grade"), tuple(graded)).categorical("grade", ast.GRADES)
        fn = self.rules.functions(tc, ("grading", self.name)).grades[self.name]
        rows = sorted((lead[LEAD_KEY], ast.GRADES[fn(lead, events)])
                      for lead, events in _leads(self.rules, store, tc, ids))
        return Table(("lead_id", "grade"), tuple(rows)).categorical("grade", ast.GRADES)

    def explain(self, lead: Mapping[str, Any] | str, as_of: AsOf = None, *,
                events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
                store: LeadSource | None = None, timezone: str | None = None
                ) -> GradeExplanation:
        tc = self.rules.time_context(as_of, timezone)
        record, evs = self.rules.existing_lead(lead, events, store, tc)
        return ModelExplainer(self.rules.program, tc).grade(self.ast, record, evs)


class TiersRule(Declared[ast.Tiers]):
    """Ordered tiers (HOT / WARM / COLD …): the first that holds wins."""

    def assign(self, store: LeadSource, as_of: AsOf = None, *,
               timezone: str | None = None, lead_ids: Iterable[str] | None = None) -> Table:
        """One row per lead existing as of ``as_of``: lead_id, tier (None when
        excluded or unmatched) and reason (why there is no tier).
        ``lead_ids``: those leads' rows only (see ``SegmentRule.select``)."""
        tc = self.rules.time_context(as_of, timezone)
        db, ids = _pushdown(self.rules, store, Capability.TIERS, lead_ids)
        if db is not None:
            assigned = db.tier_rows(self.rules.program, self.name, tc, **_restricted(ids))
            return self._table(assigned)
        fn = self.rules.functions(tc, ("tiers", self.name)).tiers[self.name]
        rows = sorted((lead[LEAD_KEY], *fn(lead, events))
                      for lead, events in _leads(self.rules, store, tc, ids))
        return self._table(rows)

    def distribution(self, store: LeadSource, as_of: AsOf = None, *,
                     scoring: str | None = None, bins: int | None = None,
                     timezone: str | None = None) -> ScoreDistribution:
        """The score distribution by tier: a histogram of the scores of the scoring
        model the tiers use (``scoring``: another model), each bin counted by
        tier.  About 12 bins of a round width by default; ``bins`` asks for that
        many equal ones.  ``.svg()`` is the chart; notebooks show it inline."""
        from .results import check_bins, distribution
        check_bins(bins)
        model = scoring or next((u for u in self.ast.using
                                 if self.rules.kind_of(u) == "scoring" or u == "default"),
                                None)
        if model is None:
            raise UsageError([Diagnostic(f"tiers '{self.name}' use no scoring model",
                                         hint="pass scoring=, e.g. scoring='default'")])
        tc = self.rules.time_context(as_of, timezone)
        scores = dict(self.rules.scoring(model).score(store, tc.as_of, timezone=timezone)
                      .rows_of("lead_id", "score"))
        tiers = self.assign(store, tc.as_of, timezone=timezone)
        pairs = [(float(scores[i]), t) for i, t in tiers.rows_of("lead_id", "tier")]
        return distribution(self.name, model, tc.as_of, self.tier_names, pairs, bins)

    @property
    def tier_names(self) -> tuple[str, ...]:
        """The tiers in declaration order (``exclude`` is not a tier)."""
        return tuple(t.name for t in self.ast.tiers if t.name != "exclude")

    def _table(self, rows: Iterable[tuple[str, str | None, str | None]]) -> Table:
        # Tiers are ordered categories in declaration order (hot, warm, cold…).
        return Table(("lead_id", "tier", "reason"), tuple(rows),
                     types=(("reason", FieldType.TEXT),)).categorical(
            "tier", self.tier_names)

    def next_change(self, lead: Mapping[str, Any] | str, as_of: AsOf = None, *,
                    events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
                    store: LeadSource | None = None, timezone: str | None = None,
                    until: AsOf = None) -> dt.datetime | None:
        """The first instant after ``as_of`` at which the lead's tier changes if no
        new event arrives -- a window lets an event go, a decaying score crosses
        a tier's threshold, … --, or None if it never does (or not by ``until``).
        Excluded and unmatched leads have no tier (None); a change of the reason
        alone is not a change of tier."""
        from .next_change import Evaluations, lead_search, next_change
        tc = self.rules.time_context(as_of, timezone)
        # A lead created after as_of has no tier until it is created (as an
        # excluded lead has none): its creation may be a change.
        record, evs = self.rules.one_lead(lead, events, store)
        name = self.name

        def answer(ev: Evaluations, a: dt.datetime) -> str | None:
            if not exists_as_of(record, ev.context(a)):
                return None
            tier: str | None = ev.at(a).tiers[name](record, evs)[0]
            return tier
        search = lead_search(self.rules, ("tiers", name), record, evs, tc, answer)
        end = None if until is None else self.rules.time_context(until, timezone).as_of
        return next_change(search, tc.as_of, end)

    def explain(self, lead: Mapping[str, Any] | str, as_of: AsOf = None, *,
                events: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
                store: LeadSource | None = None, timezone: str | None = None
                ) -> TierExplanation:
        """Why one lead has its tier: the exclusions and tiers tried in order,
        the conditions that failed, and the first that held (its tier, or the
        exclusion's reason).  Tried in the order :meth:`assign` tries them."""
        tc = self.rules.time_context(as_of, timezone)
        record, evs = self.rules.existing_lead(lead, events, store, tc)
        return TiersExplainer(self.rules.program, tc).tiers(self.ast, record, evs)


def _pushdown(rules: Rules, store: LeadSource, capability: Capability,
              lead_ids: Iterable[str] | None) -> tuple[DatabaseStore | None, list[str] | None]:
    """The store when it evaluates ``capability`` -- for some leads only (``lead_ids``
    given), when it also evaluates SEGMENT_BATCH -- and the ids, checked."""
    ids = None if lead_ids is None else given_ids(lead_ids)
    return rules.database(store, capability, ids), ids


def _restricted(ids: list[str] | None) -> dict[str, list[str]]:
    return {} if ids is None else {"lead_ids": ids}


def _leads(rules: Rules, store: LeadSource, tc: TimeContext, ids: list[str] | None
           ) -> Iterator[tuple[Record, Events]]:
    return rules.each_lead(store, tc) if ids is None else rules.given_leads(store, tc, ids)
