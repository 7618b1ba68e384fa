"""A dynamic list's lead follows its latest evaluation, never an earlier one:
``on_events`` as of a time before the list's last refresh is refused (as a
refresh before it is), and a refresh as of a time before an ``events`` entry
leaves the leads that entry changed alone (round 2, explorer "append" 2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.errors import UsageError
from leadrules.lists import ListManager
from tests.test_list_stores import Opener, opening

UTC = dt.UTC
JAN_15 = dt.datetime(2026, 1, 15, tzinfo=UTC)
FEB_1 = dt.datetime(2026, 2, 1, tzinfo=UTC)
FEB_5 = dt.datetime(2026, 2, 5, tzinfo=UTC)
MAR_1 = dt.datetime(2026, 3, 1, tzinfo=UTC)
MAR_10 = dt.datetime(2026, 3, 10, tzinfo=UTC)
MAR_11 = dt.datetime(2026, 3, 11, tzinfo=UTC)

RULES = lr.parse("segment applied { match application exists }")


def data() -> lr.MemoryStore:
    """A applied on 1 March, B on 15 January: as of 1 February only B has applied,
    from 1 March both (worked out by hand from the dates)."""
    return lr.MemoryStore([{"id": "A"}, {"id": "B"}], {"application": [
        {"lead_id": "A", "occurred_at": MAR_1}, {"lead_id": "B", "occurred_at": JAN_15}]})


@pytest.fixture(params=["memory", "sqlite"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    with opening(request.param, tmp_path) as open_again:
        yield open_again


def test_on_events_before_the_last_refresh_is_refused(opener: Opener) -> None:
    lists = ListManager(RULES, opener())
    lists.create_dynamic("applied", "applied", at="2026-01-01")
    store = data()
    lists.refresh(store, as_of=MAR_10)
    with pytest.raises(UsageError, match="would go before it") as info:
        lists.on_events(store, ["A"], as_of=FEB_1)
    text = info.value.render()
    assert "refreshed as of 2026-03-10T00:00:00+00:00" in text
    assert "members_at('applied', when)" in text and "as of now" in text
    # Nothing was recorded: A is still on the list, as the segment says later on.
    assert lists.members("applied") == ["A", "B"]
    assert lists.members_at("applied", MAR_11) == ["A", "B"]
    assert [c.action for c in lists.history("applied")] == ["refresh"]
    # As of the refresh itself, or later: accepted.
    assert lists.on_events(store, ["A"], as_of=MAR_10)["applied"].changed is False
    assert lists.on_events(store, ["A"], as_of=MAR_11)["applied"].changed is False


def test_a_refresh_before_an_events_entry_keeps_that_entrys_leads(opener: Opener) -> None:
    lists = ListManager(RULES, opener())
    lists.create_dynamic("applied", "applied", at="2026-01-01")
    store = data()
    assert lists.on_events(store, ["A"], as_of=MAR_10)["applied"].entered == ("A",)
    change = lists.refresh(store, as_of=FEB_1)["applied"]
    # B entered (it had applied by then); A, evaluated later (10 March), stays.
    assert (change.entered, change.left) == (("B",), ())
    assert lists.members("applied") == ["A", "B"]
    assert lists.members_at("applied", MAR_11) == ["A", "B"]
    assert lists.members_at("applied", FEB_5) == ["B"]
    assert RULES.segment("applied").select(store, as_of=MAR_11) == ["A", "B"]
    # Going before the refresh is still refused.
    with pytest.raises(UsageError, match="would go before it"):
        lists.refresh(store, as_of=JAN_15)
