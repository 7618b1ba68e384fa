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
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, assert_never

import attrs

from . import ast

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

UTC = dt.UTC

Period = Literal["week", "month", "quarter"]
PERIODS: tuple[Period, ...] = ("week", "month", "quarter")
"""The periods of a funnel over time (``--every``); here, not in :mod:`.funnel`, so
the command line can offer them without importing the evaluator."""

EARLIEST = dt.datetime.min.replace(tzinfo=UTC)
"""The first instant leadrules represents (0001-01-01T00:00:00Z)."""
LATEST = dt.datetime.max.replace(tzinfo=UTC)
"""The last instant leadrules represents (9999-12-31T23:59:59.999999Z).

A bound computed from ``as_of`` or a literal that falls outside
[:data:`EARLIEST`, :data:`LATEST`] (``within 30 days`` as of 0001-01-01, the day
after 9999-12-31, ``0001-01-01`` in a zone east of UTC) is clamped to the
nearer end: no value can lie outside, so every comparison keeps its meaning.
"""


def _clamped(compute: Callable[[], dt.datetime], late: bool) -> dt.datetime:
    """``compute()``, or the range end it overflowed past (``late``: after LATEST)."""
    try:
        return compute()
    except (OverflowError, ValueError):  # ValueError: relativedelta's "year 0 is out of range"
        return LATEST if late else EARLIEST


def zone(name: str) -> dt.tzinfo:
    """The tzinfo for an IANA name (``"UTC"``, ``"Asia/Tokyo"``); raises KeyError."""
    if name.upper() == "UTC":
        return UTC
    import zoneinfo  # here: finding the tz database imports sysconfig (start-up time)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise KeyError(name) from exc


# Abbreviations people write for a time zone, and the IANA zones they stand for
# (several where the abbreviation is ambiguous: each with whose time it is).
_ABBREVIATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "JST": (("Asia/Tokyo", "Japan"),),
    "KST": (("Asia/Seoul", "Korea"),),
    "HKT": (("Asia/Hong_Kong", "Hong Kong"),),
    "SGT": (("Asia/Singapore", "Singapore"),),
    "MSK": (("Europe/Moscow", "Moscow"),),
    "PST": (("America/Los_Angeles", "US Pacific"),),
    "PDT": (("America/Los_Angeles", "US Pacific"),),
    "PT": (("America/Los_Angeles", "US Pacific"),),
    "MDT": (("America/Denver", "US Mountain"),),
    "CDT": (("America/Chicago", "US Central"),),
    "EDT": (("America/New_York", "US Eastern"),),
    "ET": (("America/New_York", "US Eastern"),),
    "CEST": (("Europe/Berlin", "Germany"), ("Europe/Paris", "France")),
    "NZST": (("Pacific/Auckland", "New Zealand"),),
    "NZDT": (("Pacific/Auckland", "New Zealand"),),
    "IST": (("Asia/Kolkata", "India"), ("Europe/Dublin", "Ireland"),
            ("Asia/Jerusalem", "Israel")),
    "CST": (("America/Chicago", "US Central"), ("Asia/Shanghai", "China")),
    "BST": (("Europe/London", "British Summer Time"), ("Asia/Dhaka", "Bangladesh")),
    "AEST": (("Australia/Sydney", "Sydney, Melbourne"), ("Australia/Brisbane", "Brisbane")),
}


def zone_hint(name: str) -> str | None:
    """The hint for ``name``, which :func:`zone` does not know: the IANA zone of a
    common abbreviation (``JST`` -> ``Asia/Tokyo``; the candidates when it is
    ambiguous, ``IST``), else the nearest zone name, else None."""
    zones = _ABBREVIATIONS.get(name.strip().upper())
    if zones is not None and len(zones) == 1:
        return (f"did you mean '{zones[0][0]}'? ({name} is an abbreviation; "
                "a time zone is named as in the IANA database)")
    if zones is not None:
        which = ", ".join(f"'{z}' ({whose})" for z, whose in zones)
        return f"{name} is ambiguous: write the IANA name of the zone meant, {which}"
    import zoneinfo

    from .errors import suggest
    return suggest(name, zoneinfo.available_timezones())


# Zone names of the tz database that are a fixed offset all year, which people
# write meaning the place's time with its summer time.
_FIXED_ABBREVIATIONS = {
    "EST": ("UTC-05:00", "America/New_York", "US Eastern"),
    "MST": ("UTC-07:00", "America/Denver", "US Mountain"),
    "HST": ("UTC-10:00", "Pacific/Honolulu", "Hawaii"),
}
_ETC_GMT = re.compile(r"(?i)^etc/gmt([+-])(\d{1,2})$")


def zone_caveat(name: str) -> tuple[str, str] | None:
    """A known pitfall of the zone ``name``, which :func:`zone` accepts, as
    (message, hint): ``EST``, ``MST`` and ``HST`` are fixed offsets without
    daylight saving time; ``Etc/GMT+5`` is UTC-05:00 (POSIX inverts the sign).
    None for every other name."""
    fixed = _FIXED_ABBREVIATIONS.get(name.upper())
    if fixed is not None:
        offset, meant, whose = fixed
        arizona = " (Arizona, which has none: 'America/Phoenix')" if whose == "US Mountain" else ""
        return (f"time zone '{name}' is {offset} all year, without daylight saving time",
                f"for {whose} time, with its summer time, write '{meant}'{arizona}")
    m = _ETC_GMT.match(name)
    if m is None or int(m[2]) == 0:
        return None
    sign = "-" if m[1] == "+" else "+"
    other = f"Etc/GMT{sign}{m[2]}"
    message = (f"time zone '{name}' is UTC{sign}{int(m[2]):02d}:00: the Etc/GMT names "
               "invert the sign (POSIX)")
    try:
        zone(other)
    except KeyError:  # Etc/GMT-14 has no Etc/GMT+14: UTC-14:00 is no zone
        return (message, "if that is meant, write the IANA name of the place (e.g. "
                         "'Pacific/Kiritimati' for UTC+14:00) to say so")
    return (message,
            f"for UTC{m[1]}{int(m[2]):02d}:00 write '{other}', or the IANA name of the place")


def as_written(value: object) -> str:
    """A time argument as the user gave it, for messages: text as written (a bare
    ``--since 2026-03-01`` is not shown as the last µs of that day), anything
    else in ISO-8601."""
    if isinstance(value, str):
        return value
    iso = getattr(value, "isoformat", None)
    return iso() if callable(iso) else repr(value)


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
        instant = parse_as_of(as_of, tzinfo)
        try:
            instant.astimezone(tzinfo)  # calendar arithmetic needs its local time
        except OverflowError:
            raise ValueError(f"{instant.isoformat()} is not a date in {tzinfo} between "
                             "0001-01-01 and 9999-12-31") from None
        return cls(instant, tzinfo)

    def local(self, value: dt.datetime) -> dt.datetime:
        return value.astimezone(self.tz)

    def minus(self, amount: int, unit: ast.Unit) -> dt.datetime:
        """``as_of`` minus ``amount`` ``unit``, as an aware UTC instant (clamped to
        :data:`EARLIEST`)."""
        return _clamped(lambda: self._minus(amount, unit), late=False)

    def duration(self, amount: int, unit: ast.Unit) -> dt.timedelta:
        """How long ``amount`` ``unit`` before ``as_of`` lasts (a decay's half-life);
        measured in year 2000 or 2001 (the same leap-ness) if it runs before year 1."""
        try:
            return self.as_of - self._minus(amount, unit)
        except (OverflowError, ValueError):
            year = 2000 if _leap(self.as_of.year) else 2001
            shifted = TimeContext(self.as_of.replace(year=year), self.tz)
            return shifted.as_of - shifted.minus(amount, unit)

    def _minus(self, amount: int, unit: ast.Unit) -> dt.datetime:
        if unit == "seconds":
            return self.as_of - dt.timedelta(seconds=amount)
        if unit == "minutes":
            return self.as_of - dt.timedelta(minutes=amount)
        if unit == "hours":
            return self.as_of - dt.timedelta(hours=amount)
        delta: dt.timedelta | relativedelta
        if unit == "days":  # on a wall time, exactly relativedelta(days=…): no dateutil import
            delta = dt.timedelta(days=amount)
        elif unit == "weeks":
            delta = dt.timedelta(weeks=amount)
        else:
            from dateutil.relativedelta import relativedelta
            if unit == "months":
                delta = relativedelta(months=amount)
            elif unit == "years":
                delta = relativedelta(years=amount)
            else:
                assert_never(unit)
        return self._from_wall(self.local(self.as_of).replace(tzinfo=None) - delta)

    def day_start(self, day: dt.date) -> dt.datetime:
        """The first instant of ``day`` in the evaluation time zone, in UTC (clamped)."""
        return _clamped(lambda: self._from_wall(dt.datetime(day.year, day.month, day.day)),
                        late=day.year > 1)

    def day_bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """``[start, end)`` of a bare date."""
        if day == dt.date.max:
            return self.day_start(day), LATEST
        return self.day_start(day), self.day_start(day + dt.timedelta(days=1))

    def instant(self, value: dt.datetime) -> dt.datetime:
        """A literal instant; without an offset it is in the evaluation time zone (clamped)."""
        if value.tzinfo is None:
            return _clamped(lambda: self._from_wall(value), late=value.year > 1)
        return _clamped(lambda: value.astimezone(UTC), late=value.year > 1)

    def period_bounds(self, which: ast.Which, period: ast.Period
                      ) -> tuple[dt.datetime, dt.datetime]:
        """``[start, end)`` of the calendar period containing as_of (this), before it
        (last) or after it (next).  Weeks start on Monday."""
        from dateutil.relativedelta import relativedelta
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
        try:
            first = start + step * shift
        except (OverflowError, ValueError):  # before year 1 or after 9999
            bound = LATEST if shift > 0 else EARLIEST
            return bound, bound
        try:
            after = self.day_start(first + step)
        except (OverflowError, ValueError):
            after = LATEST
        return self.day_start(first), after

    def _from_wall(self, wall: dt.datetime) -> dt.datetime:
        # A wall-clock time in the evaluation zone -> UTC.  A time that a DST
        # change skips or repeats resolves as zoneinfo does (fold=0).
        return wall.replace(tzinfo=self.tz).astimezone(UTC)


def parse_as_of(value: object, tz: dt.tzinfo = UTC) -> dt.datetime:
    """An ``as_of`` argument as an aware UTC instant.

    ``None`` is now.  A bare date (``2026-01-31`` or a ``date``) means the end
    of that day in ``tz`` — the last instant of the day, so the whole day's
    events count.  A naive datetime is in ``tz``.  A ``numpy.datetime64`` or
    ``pandas.Timestamp`` is read as the date or datetime it holds; any other
    type raises ValueError naming the accepted ones.
    """
    value = _time_value(value)
    if value is None:
        return dt.datetime.now(UTC)
    given = value
    if isinstance(value, str):
        text = value.strip()
        if "T" not in text.upper() and " " not in text:
            value = dt.date.fromisoformat(text)
        else:
            value = dt.datetime.fromisoformat(text.upper().replace(" ", "T"))
    try:
        if isinstance(value, dt.datetime):
            return aware(value, tz).astimezone(UTC)
        if value == dt.date.max:  # the day after it cannot be written
            return (dt.datetime.combine(value, dt.time.max).replace(tzinfo=tz)
                    .astimezone(UTC))
        end = dt.datetime(value.year, value.month, value.day) + dt.timedelta(days=1)
        return (end.replace(tzinfo=tz).astimezone(UTC) - dt.timedelta(microseconds=1))
    except OverflowError:
        shown = given if isinstance(given, str) else given.isoformat()
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            shown += f" in {tz}"
        raise ValueError(f"{shown} is outside the instants leadrules represents "
                         "(0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z)") from None


ACCEPTED_TIMES = ("a datetime, a date, an ISO-8601 string ('2026-11-20', "
                  "'2026-11-20T09:00', '…Z', '…+09:00'), a numpy.datetime64, "
                  "a pandas.Timestamp, or None (now)")


def _time_value(value: object) -> dt.datetime | dt.date | str | None:
    """``value`` as one of the types :func:`parse_as_of` reads, or ValueError
    naming the accepted ones.  A ``numpy.datetime64`` is naive, as numpy's own
    are: read as its ISO text (a day-unit one is a date).  A ``pandas.Timestamp``
    becomes a plain ``datetime`` (nanoseconds dropped), so the SQL back ends bind
    the type their drivers know."""
    if value is None or isinstance(value, str):
        return value
    kind = type(value)
    if kind.__module__ == "numpy" and kind.__name__ == "datetime64":
        value = str(value)
    if isinstance(value, dt.datetime):
        if value != value:  # pandas.NaT, the only datetime unequal to itself
            value = "NaT"
        elif kind is not dt.datetime:
            return dt.datetime(value.year, value.month, value.day, value.hour, value.minute,
                               value.second, value.microsecond, value.tzinfo, fold=value.fold)
        else:
            return value
    if value == "NaT":
        raise ValueError("NaT (not a time) is not an instant; give a time, or None for now")
    if isinstance(value, str | dt.date):
        return value
    hint = ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        hint = (f" (for a Unix time write datetime.datetime.fromtimestamp({value!r}, "
                "datetime.UTC))")
    elif isinstance(value, bytes):
        hint = " (decode it to a string first)"
    name = f"{kind.__module__}.{kind.__qualname__}".removeprefix("builtins.")
    article = "an" if name[0] in "aeiou" else "a"
    raise ValueError(f"{article} {name} is not a time{hint}; a time is {ACCEPTED_TIMES}")


def since_instant(value: object, tz: dt.tzinfo | str = UTC) -> dt.datetime:
    """The instant a *since* bound stands for (``list diff --since``,
    ``ListManager.history(since=…)``, ``changes_since``): what held as of this
    instant is "before", and changes after it count.

    A bare date (``2026-11-16`` or a ``date``) means from the *start* of that day in
    ``tz``, so the instant is the last one before the day begins and the whole
    day's changes count; an instant is taken as given (naive: in ``tz``).
    None is now, as for :func:`parse_as_of`.  ``tz``: a tzinfo or an IANA name
    (``"Asia/Tokyo"``).  Raises ValueError for text that is neither, for a value of
    another type, and for a zone name the tz database does not know.
    """
    if isinstance(tz, str):
        name = tz
        try:
            tz = zone(name)
        except KeyError:
            hint = zone_hint(name)
            raise ValueError(f"unknown time zone {name!r}" + (f": {hint}" if hint else "")
                             ) from None
    value = _time_value(value)
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


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
