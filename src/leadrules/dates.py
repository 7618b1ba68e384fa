"""Time arithmetic against an evaluation's ``as_of`` instant and time zone.

Every date condition of the language reduces to comparing a value with one or
two instants that depend only on ``as_of``, the time zone and the literal:
``within 30 days`` is ``cutoff <= v <= as_of``, a bare date is the half-open
interval of its day, ``in last month`` the interval of that calendar month.
:class:`TimeContext` computes those instants once per evaluation, so the
in-memory evaluator compares datetimes and the SQL backends bind them as
parameters — both see exactly the same bounds.

Units: ``seconds``, ``minutes`` and ``hours`` are exact durations; ``days``, ``weeks``,
``months`` and ``years`` are calendar (wall-clock) arithmetic in the
evaluation time zone, with python-dateutil's month arithmetic (2026-03-31
minus one month is 2026-02-28).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs
from dateutil.relativedelta import relativedelta

from . import ast

UTC = dt.UTC

Period = Literal["week", "month", "quarter"]
PERIODS: tuple[Period, ...] = ("week", "month", "quarter")
"""The periods of a funnel over time (``--every``); here, not in :mod:`.funnel`, so
the command line can offer them without importing the evaluator."""


def zone(name: str) -> dt.tzinfo:
    """The tzinfo for an IANA name (``"UTC"``, ``"Asia/Tokyo"``); raises KeyError."""
    if name.upper() == "UTC":
        return UTC
    import zoneinfo  # here: finding the tz database imports sysconfig (start-up time)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise KeyError(name) from exc


def aware(value: dt.datetime, tz: dt.tzinfo = UTC) -> dt.datetime:
    """``value`` with ``tz`` attached if it is naive."""
    return value if value.tzinfo is not None else value.replace(tzinfo=tz)


@attrs.frozen
class TimeContext:
    """``as_of`` (aware, UTC) and the evaluation time zone."""

    as_of: dt.datetime
    tz: dt.tzinfo = UTC

    @classmethod
    def make(cls, as_of: dt.datetime | dt.date | str | None, tz: dt.tzinfo | str | None = None
             ) -> TimeContext:
        tzinfo = zone(tz) if isinstance(tz, str) else (tz or UTC)
        return cls(parse_as_of(as_of, tzinfo), tzinfo)

    def local(self, value: dt.datetime) -> dt.datetime:
        return value.astimezone(self.tz)

    def minus(self, amount: int, unit: ast.Unit) -> dt.datetime:
        """``as_of`` minus ``amount`` ``unit``, as an aware UTC instant."""
        if unit == "seconds":
            return self.as_of - dt.timedelta(seconds=amount)
        if unit == "minutes":
            return self.as_of - dt.timedelta(minutes=amount)
        if unit == "hours":
            return self.as_of - dt.timedelta(hours=amount)
        delta = {
            "days": relativedelta(days=amount), "weeks": relativedelta(weeks=amount),
            "months": relativedelta(months=amount), "years": relativedelta(years=amount),
        }[unit]
        return self._from_wall(self.local(self.as_of).replace(tzinfo=None) - delta)

    def day_start(self, day: dt.date) -> dt.datetime:
        """The first instant of ``day`` in the evaluation time zone, in UTC."""
        return self._from_wall(dt.datetime(day.year, day.month, day.day))

    def day_bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """``[start, end)`` of a bare date."""
        return self.day_start(day), self.day_start(day + dt.timedelta(days=1))

    def instant(self, value: dt.datetime) -> dt.datetime:
        """A literal instant; without an offset it is in the evaluation time zone."""
        if value.tzinfo is None:
            return self._from_wall(value)
        return value.astimezone(UTC)

    def period_bounds(self, which: ast.Which, period: ast.Period
                      ) -> tuple[dt.datetime, dt.datetime]:
        """``[start, end)`` of the calendar period containing as_of (this), before it
        (last) or after it (next).  Weeks start on Monday."""
        today = self.local(self.as_of).date()
        start: dt.date
        step: relativedelta
        if period == "week":
            start, step = today - dt.timedelta(days=today.weekday()), relativedelta(weeks=1)
        elif period == "month":
            start, step = today.replace(day=1), relativedelta(months=1)
        elif period == "quarter":
            start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
            step = relativedelta(months=3)
        else:
            start, step = dt.date(today.year, 1, 1), relativedelta(years=1)
        shift = {"last": -1, "this": 0, "next": 1}[which]
        first = start + step * shift
        return self.day_start(first), self.day_start(first + step)

    def _from_wall(self, wall: dt.datetime) -> dt.datetime:
        # A wall-clock time in the evaluation zone -> UTC.  A time that a DST
        # change skips or repeats resolves as zoneinfo does (fold=0).
        return wall.replace(tzinfo=self.tz).astimezone(UTC)


def parse_as_of(value: dt.datetime | dt.date | str | None, tz: dt.tzinfo = UTC) -> dt.datetime:
    """An ``as_of`` argument as an aware UTC instant.

    ``None`` is now.  A bare date (``2026-01-31`` or a ``date``) means the end
    of that day in ``tz`` — the last instant of the day, so the whole day's
    events count.  A naive datetime is in ``tz``.
    """
    if value is None:
        return dt.datetime.now(UTC)
    if isinstance(value, str):
        text = value.strip()
        if "T" not in text.upper() and " " not in text:
            value = dt.date.fromisoformat(text)
        else:
            value = dt.datetime.fromisoformat(text.upper().replace(" ", "T"))
    if isinstance(value, dt.datetime):
        return aware(value, tz).astimezone(UTC)
    end = dt.datetime(value.year, value.month, value.day) + dt.timedelta(days=1)
    return (end.replace(tzinfo=tz).astimezone(UTC) - dt.timedelta(microseconds=1))


def since_instant(value: dt.datetime | dt.date | str, tz: dt.tzinfo = UTC) -> dt.datetime:
    """The instant a *since* bound stands for (``list diff --since``,
    ``ListManager.history(since=…)``, ``changes_since``): what held as of this
    instant is "before", and changes after it count.

    A bare date (``2026-11-16`` or a ``date``) means from the *start* of that day in
    ``tz``, so the instant is the last one before the day begins and the whole
    day's changes count; an instant is taken as given (naive: in ``tz``).
    Raises ValueError for text that is neither.
    """
    day: dt.date | None = None
    if isinstance(value, str):
        text = value.strip()
        if "T" not in text.upper() and " " not in text:
            day = dt.date.fromisoformat(text)
    elif not isinstance(value, dt.datetime):
        day = value
    if day is None:
        return parse_as_of(value, tz)
    return TimeContext(parse_as_of(None), tz).day_start(day) - dt.timedelta(microseconds=1)
