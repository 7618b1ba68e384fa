"""Arguments of the time-driven searches that could only ever answer "nothing
changes" are errors, not silent ``None`` / ``[]`` (round 2, explorer "append",
papercuts): ``due`` / ``next_change`` with ``until`` before ``as_of``, and a
score's ``threshold=`` that is empty or not a finite number."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import leadrules as lr
from leadrules.errors import UsageError
from leadrules.lists import ListManager

RULES = lr.parse("""
segment recent { match tracking { occurred_at within 7 days } exists }
scoring engagement {
  tracking exists => +10 per event
  decay half-life 14 days
}
""")
VIEW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
LEAD = {"id": "A", "events": {"tracking": [{"occurred_at": VIEW}]}}


def test_due_with_until_before_as_of_names_both() -> None:
    store = lr.MemoryStore([{"id": "A"}], {"tracking": [{"lead_id": "A", "occurred_at": VIEW}]})
    lists = ListManager(RULES)
    lists.create_dynamic("recent", "recent", at="2026-01-01")
    # The view leaves the 7-day window just after 8 March: due in a right window.
    assert [d.lead_id for d in lists.due(store, "2026-03-02", until="2026-03-31")] == ["A"]
    with pytest.raises(UsageError) as info:
        lists.due(store, "2026-03-02T00:00:00Z", until="2026-03-01T00:00:00Z")
    text = info.value.render()
    assert "until (2026-03-01T00:00:00+00:00) is before as_of (2026-03-02T00:00:00+00:00)" \
        in text
    # until = as_of is an empty search, not a mistake.
    assert lists.due(store, "2026-03-02T00:00:00Z", until="2026-03-02T00:00:00Z") == []


def test_next_change_with_until_before_as_of_is_refused() -> None:
    with pytest.raises(UsageError, match=r"until .* is before as_of"):
        RULES.segment("recent").next_change(LEAD, "2026-03-02", until="2026-02-01")


@pytest.mark.parametrize("threshold", [[], float("nan"), [30, float("nan")], float("inf"),
                                       "100", True])
def test_a_threshold_that_can_never_be_crossed_is_refused(threshold: Any) -> None:
    with pytest.raises(UsageError, match="threshold"):
        RULES.scoring("engagement").next_change(LEAD, "2026-03-02", threshold=threshold)


def test_a_finite_threshold_still_gives_the_crossing() -> None:
    """10 points halve every 14 days: below 5 exactly 14 days after the view."""
    when = RULES.scoring("engagement").next_change(LEAD, "2026-03-02", threshold=[5])
    assert when is not None
    assert abs((when - (VIEW + dt.timedelta(days=14))).total_seconds()) < 1e-3
