"""``window N UNIT`` counts only the window's events in every rule of a model
(SPEC 3.3, docs/scoring.md "Windows"), also in rules that are not one event
block: ``not tracking exists``, ``tracking exists and application exists``.
Hand-computed answers, on memory and on the SQL stores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

import leadrules as lr
from leadrules.memory import MemoryStore
from tests.backends import Backends, session_backends

UTC = dt.UTC
AS_OF = "2026-03-20T12:00:00Z"
NOW = dt.datetime(2026, 3, 20, 12, tzinfo=UTC)

RULES = """scoring w {
  recent: not tracking exists => +7
  both: tracking exists and application exists => +2
  either: tracking any { path = "/a"; path = "/b" } exists or mail exists => +1
  window 1 day
}
scoring nowin {
  recent: not tracking exists => +7
  both: tracking exists and application exists => +2
}
"""


def _store() -> MemoryStore:
    day = dt.timedelta(days=1)
    leads = [{"id": i} for i in ("old", "fresh", "mixed", "edge", "none")]
    events = {
        "tracking": [
            {"lead_id": "old", "occurred_at": NOW - 30 * day, "path": "/a"},
            {"lead_id": "fresh", "occurred_at": NOW - dt.timedelta(hours=2), "path": "/b"},
            {"lead_id": "mixed", "occurred_at": NOW - dt.timedelta(hours=3), "path": "/c"},
            # exactly at the window's start: inside (the `within` boundary)
            {"lead_id": "edge", "occurred_at": NOW - day, "path": "/a"},
        ],
        "application": [
            {"lead_id": "old", "occurred_at": NOW - 10 * day, "form": "x"},
            {"lead_id": "fresh", "occurred_at": NOW - dt.timedelta(hours=1), "form": "x"},
            {"lead_id": "mixed", "occurred_at": NOW - 19 * day, "form": "x"},
        ],
        "mail": [
            {"lead_id": "mixed", "occurred_at": NOW - 5 * day, "kind": "open"},
        ],
    }
    return MemoryStore(leads, events)


# By hand, window 1 day back from 2026-03-20T12:00Z:
#   old:   its page view and application are outside -> recent +7, both 0, either 0
#   fresh: view and application inside              -> recent 0, both +2, either +1 (/b)
#   mixed: view inside, application and mail outside -> recent 0, both 0, either 0 (/c)
#   edge:  view exactly one day old, inside          -> recent 0, both 0, either +1 (/a)
#   none:  no events                                 -> recent +7
WANT = {"old": 7, "fresh": 3, "mixed": 0, "edge": 1, "none": 7}
# Without a window every event counts.
WANT_NOWIN = {"old": 2, "fresh": 2, "mixed": 2, "edge": 0, "none": 7}


def _scores(rules: lr.Rules, name: str, store: object) -> dict[str, float]:
    return {row[0]: row[1] for row in rules.scoring(name).score(store, AS_OF).rows}


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def test_window_applies_inside_composite_rules(backends: Backends) -> None:
    rules = lr.parse(RULES)
    memory = _store()
    stores = {"memory": memory, **backends.load(memory),
              **{name: store for name, (store, _) in backends.mapped(memory, rules).items()}}
    assert len(stores) >= 6
    for name, store in stores.items():
        assert _scores(rules, "w", store) == WANT, name
        assert _scores(rules, "nowin", store) == WANT_NOWIN, name


def test_explain_shows_the_window_in_the_rule() -> None:
    rules = lr.parse(RULES)
    text = str(rules.scoring("w").explain("old", AS_OF, store=_store()))
    assert "+7 recent: not tracking { occurred_at within 1 day } exists" in text
