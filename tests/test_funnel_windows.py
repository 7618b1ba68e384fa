"""A funnel window's end: the constant-span fast path agrees with wall-clock
arithmetic, which is checked against hand-worked DST cases."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from leadrules import ast
from leadrules.funnel import add_window, instant, micros, window_end

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC_ZONE = zoneinfo.ZoneInfo("UTC")


def test_days_are_calendar_days_on_the_wall_clock() -> None:
    # 2026-03-08 is the spring-forward day in New York: 1 day after 2026-03-07
    # 12:00 EST is 2026-03-08 12:00 EDT, 23 hours later.
    start = dt.datetime(2026, 3, 7, 17, 0, tzinfo=dt.UTC)
    end = add_window(start, ast.Within(1, "days"), NEW_YORK)
    assert end - start == dt.timedelta(hours=23)
    assert add_window(start, ast.Within(1, "days"), dt.UTC) - start == dt.timedelta(days=1)
    assert add_window(start, ast.Within(1, "months"), dt.UTC) == dt.datetime(
        2026, 4, 7, 17, 0, tzinfo=dt.UTC)
    assert add_window(dt.datetime(2026, 1, 31, tzinfo=dt.UTC), ast.Within(1, "months"),
                      dt.UTC) == dt.datetime(2026, 2, 28, tzinfo=dt.UTC)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=4_102_444_800_000_000),
       st.integers(min_value=1, max_value=400),
       st.sampled_from(["seconds", "minutes", "hours", "days", "weeks", "months", "years"]),
       st.sampled_from([dt.UTC, UTC_ZONE, NEW_YORK]))
def test_window_end_is_add_window(start: int, amount: int, unit: ast.Unit,
                                  tz: dt.tzinfo) -> None:
    window = ast.Within(amount, unit)
    assert window_end(window, tz)(start) == micros(add_window(instant(start), window, tz))
