"""Hand-written reference implementations: what leadrules must match and keep up with.

Written the way a competent developer would write them directly in Python
over the typed dicts of :mod:`leadrules.sample` (SPEC 3.1 semantics): text
compared after ``str.lower()``, a missing value (``None``) makes positive
tests false, events after ``as_of`` and leads created after ``as_of`` do not
exist.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

Record = Mapping[str, Any]
EventsByLead = Mapping[str, Mapping[str, Sequence[Record]]]

_NO_EVENTS: Sequence[Record] = ()


def group_events_by_lead(
    events: Mapping[str, Iterable[Record]],
) -> dict[str, dict[str, list[Record]]]:
    """``{lead_id: {source: [event, …]}}``, each list sorted by ``occurred_at``."""
    grouped: defaultdict[str, dict[str, list[Record]]] = defaultdict(dict)
    for source, rows in events.items():
        for row in rows:
            by_source = grouped[row["lead_id"]]
            if source in by_source:
                by_source[source].append(row)
            else:
                by_source[source] = [row]
    for by_source in grouped.values():
        for rows in by_source.values():
            rows.sort(key=lambda e: e["occurred_at"])
    return dict(grouped)


def hot_leads(leads: Iterable[Record], events_by_lead: EventsByLead,
              as_of: datetime) -> list[str]:
    """The HOT-lead segment of SPEC 3.1, sorted lead ids.

    ``1: tracking { occurred_at within 30 days } count >= 15``,
    ``2: application exists``, ``3: activity exists``,
    ``4: lead { email exists; not is_competitor; nurture_target }``,
    ``match 1 AND 2 AND NOT 3 AND 4``.  Cheap lead attributes are tested
    first; the event lists are sorted, so the earliest event decides
    "exists as of ``as_of``".
    """
    since = as_of - timedelta(days=30)
    out = []
    for lead in leads:
        created = lead["created_at"]
        if created is not None and created > as_of:
            continue
        # `not is_competitor` is the negation of a positive test: true when missing.
        if not lead["email"] or lead["is_competitor"] or not lead["nurture_target"]:
            continue
        events = events_by_lead.get(lead["id"])
        if events is None:
            continue
        applications = events.get("application", _NO_EVENTS)
        if not applications or applications[0]["occurred_at"] > as_of:
            continue
        activities = events.get("activity", _NO_EVENTS)
        if activities and activities[0]["occurred_at"] <= as_of:
            continue
        views = 0
        for event in events.get("tracking", _NO_EVENTS):
            if since <= event["occurred_at"] <= as_of:
                views += 1
                if views >= 15:
                    out.append(lead["id"])
                    break
    out.sort()
    return out


_SENIOR_TITLES = frozenset({"manager", "director", "部長"})


def attribute_predicate(record: Record) -> bool:
    """``age >= 30 and title in ("manager", "director", "部長") and employees >= 100``.

    The lambda a developer would write, with the ``None`` checks that make a
    missing value false instead of a ``TypeError``.
    """
    age = record["age"]
    title = record["title"]
    employees = record["employees"]
    return (age is not None and age >= 30
            and title is not None and title.lower() in _SENIOR_TITLES
            and employees is not None and employees >= 100)


# rule-engine has no case-insensitive `in`, so the rule lower-cases the title with
# its `as_lower` string attribute; and comparing null with a number raises
# EvaluationError ("data type mismatch") rather than being false, so each field
# is guarded with `!= null` first (`and` short-circuits).
RULE_ENGINE_TEXT = (
    'age != null and age >= 30'
    ' and title != null and title.as_lower in ["manager", "director", "部長"]'
    ' and employees != null and employees >= 100'
)


def rule_engine_predicate() -> Callable[[Record], bool]:
    """The same predicate as a rule-engine ``Rule``; returns its ``matches``."""
    import rule_engine

    rule = rule_engine.Rule(RULE_ENGINE_TEXT)
    matches: Callable[[Record], bool] = rule.matches
    return matches
