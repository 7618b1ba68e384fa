"""``explain`` shows times in the evaluation time zone, the zone a rule's dates
and periods are read in (an event behind ``on 2026-11-01`` in Tokyo showed as
2026-10-31 in UTC)."""

from __future__ import annotations

import datetime as dt

import leadrules as lr

UTC = dt.UTC
RULES = """timezone "Asia/Tokyo"
segment s {
  1: created_at on 2026-11-01
  2: tracking { occurred_at on 2026-11-01 } max occurred_at > 2026-10-01
  match 1 and 2
}
scoring m {
  tracking { occurred_at on 2026-11-01 } => +1
}
"""


def _store() -> lr.MemoryStore:
    late = dt.datetime(2026, 10, 31, 20, 0, tzinfo=UTC)  # 1 November 05:00 in Tokyo
    return lr.MemoryStore([{"id": "L1", "created_at": late}],
                          {"tracking": [{"lead_id": "L1", "occurred_at": late, "path": "/p"},
                                        {"lead_id": "L1", "path": "/first",
                                         "occurred_at": dt.datetime(1, 1, 1, tzinfo=UTC)}]})


def test_segment_evidence_field_values_and_aggregates_are_in_the_rules_zone() -> None:
    rules = lr.parse(RULES)
    text = str(rules.segment("s").explain("L1", "2026-11-20", store=_store()))
    assert "created_at is 2026-11-01T05:00:00+09:00" in text
    assert "max occurred_at = 2026-11-01T05:00:00+09:00 (holds)" in text
    assert "· 2026-11-01T05:00:00+09:00 path=/p" in text
    assert "+00:00" not in text
    tree = rules.segment("s").explain("L1", "2026-11-20", store=_store()).to_dict()
    block = tree["children"][-1]
    assert block["events"][0]["occurred_at"] == "2026-11-01T05:00:00+09:00"


def test_score_evidence_is_in_the_zone_the_timezone_argument_gives() -> None:
    rules = lr.parse(RULES)
    text = str(rules.scoring("m").explain("L1", "2026-11-20", store=_store(),
                                          timezone="America/New_York"))
    # In New York the event is on 31 October: no point, and no evidence.
    assert "0 points" in text.splitlines()[0]
    text = str(rules.scoring("m").explain("L1", "2026-11-20", store=_store()))
    assert "· 2026-11-01T05:00:00+09:00 path=/p" in text


def test_a_time_a_zone_west_of_utc_cannot_show_stays_in_utc() -> None:
    rules = lr.parse('timezone "America/New_York"\nsegment s {\n  1: tracking exists\n}\n')
    text = str(rules.segment("s").explain("L1", "2026-11-20", store=_store()))
    assert "· 0001-01-01T00:00:00+00:00 path=/first" in text
    assert "· 2026-10-31T16:00:00-04:00 path=/p" in text
