"""Sums and means whose partial sums pass the float range: the exact value as a
float (±inf beyond the range), not math.fsum's OverflowError traceback; a mean
is that sum over the number of values, in floating point, as SQL stores have it."""

from __future__ import annotations

import math

import leadrules as lr
from leadrules.runtime import average, total


def events(*values: float) -> list[dict[str, object]]:
    return [{"duration": v} for v in values]


def test_total_and_average_beyond_the_float_range() -> None:
    assert total(events(1e308, 1e308), "duration") == math.inf
    assert total(events(-1e308, -1e308), "duration") == -math.inf
    assert total(events(1e308, 1e308, -1e308), "duration") == 1e308  # exact, not inf
    assert average(events(1e308, 1e308), "duration") == math.inf
    assert average(events(1e308, 1e308, -1e308), "duration") == 1e308 / 3


def test_a_segment_and_its_explanation_answer() -> None:
    store = lr.MemoryStore(
        [{"id": "H1"}, {"id": "H2"}],
        {"tracking": [{"lead_id": "H1", "occurred_at": f"2026-11-0{d}T00:00:00Z",
                       "duration": 1e308} for d in (1, 2)]})
    rules = lr.parse("segment s {\n  1: tracking sum duration >= 1\n}\n"
                     "segment a {\n  1: tracking avg duration >= 1e308\n}\n")
    assert rules.segment("s").select(store, "2026-11-20") == ["H1"]
    assert rules.segment("a").select(store, "2026-11-20") == ["H1"]
    assert "sum duration = inf" in str(rules.segment("s").explain("H1", "2026-11-20",
                                                                  store=store))
