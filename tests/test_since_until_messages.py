"""since after until is refused with the times as written (a bare date was shown
as the last microsecond of its day), and timeline refuses it as segment and
funnel do (it returned no entries)."""

from __future__ import annotations

import pytest

import leadrules as lr
from leadrules.errors import UsageError
from leadrules.timeline import timeline

RULES = lr.parse("segment s {\n  1: email exists\n}\n")
STORE = lr.MemoryStore([{"id": "L1", "email": "a@x.jp"}], {})


def test_over_time_names_since_and_until_as_written() -> None:
    with pytest.raises(UsageError) as info:
        RULES.segment("s").over_time(STORE, "month", "2026-03-01", "2026-01-01")
    assert "since (2026-03-01) is after until (2026-01-01)" in info.value.render()


def test_timeline_refuses_since_after_as_of() -> None:
    with pytest.raises(UsageError) as info:
        timeline(STORE, "L1", "2026-03-01", as_of="2026-01-01")
    assert "since (2026-03-01) is after as_of (2026-01-01)" in info.value.render()
    assert timeline(STORE, "L1", "2026-01-01", as_of="2026-03-01") is not None
