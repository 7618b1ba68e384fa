"""Compiled queries kept in the user cache, so that a command run again on the
same rules and store needs neither sqlglot (~0.1 s to import) nor the compiler.

A query depends on the evaluation time only through its bind parameters: the
compiler asks the :class:`~leadrules.dates.TimeContext` for ``as_of``,
``minus``, ``period_bounds``, ``day_bounds``, ``instant`` and ``duration`` (a
calendar half-life) and binds what they return.  The first compilation runs
with a :class:`RecordingTime`, which logs those calls; the cache keeps the SQL
text, the parameters and the log.  For another evaluation time the log is
replayed and each parameter that held a logged value takes the replayed one.

That is only sound if nothing else in the query depends on the time, so an
entry is kept only after a proof: the query is compiled a second time for a
different time, and the replay must give exactly that compilation's text and
parameters (an entry that fails is marked and never replayed).  A replay whose
values would merge or split parameters differently (two bounds that happen to
coincide, a bound equal to a constant) is refused and compiled afresh.

The key holds the checked program (its declarations, schema and time zone),
the store's layout, the dialect, the query shape, the evaluation time zone,
and the size and modification time of every file of the package and of
sqlglot: any change compiles again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from ..check import Program
from ..dates import TimeContext
from .layout import Layout, to_micros

Compiled = tuple[str, dict[str, Any]]
"""SQL text with named placeholders, and the parameters' values."""

_T = TypeVar("_T")

Call = tuple[Any, ...]
"""One logged question to the time context: its name and arguments."""

# The second compilation's time: far enough and odd enough that no bound of
# the first coincides with one of the second by chance.
_PROOF_SHIFT = dt.timedelta(days=400, hours=7, minutes=13, seconds=29, microseconds=1234)


@attrs.frozen
class RecordingTime(TimeContext):
    """A time context that logs the questions the compiler asks it."""

    log: list[tuple[Call, Any]] = attrs.field(factory=list, eq=False, repr=False)

    def minus(self, amount: int, unit: Any) -> dt.datetime:
        return self._logged(("minus", amount, unit), super().minus(amount, unit))

    def day_bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        return self._logged(("day_bounds", day), super().day_bounds(day))

    def instant(self, value: dt.datetime) -> dt.datetime:
        return self._logged(("instant", value), super().instant(value))

    def period_bounds(self, which: Any, period: Any) -> tuple[dt.datetime, dt.datetime]:
        return self._logged(("period_bounds", which, period),
                            super().period_bounds(which, period))

    def duration(self, amount: int, unit: Any) -> dt.timedelta:
        # A calendar half-life's length depends on as_of (1 month back from 15
        # March is 28 days, from 31 March 31).
        return self._logged(("duration", amount, unit), super().duration(amount, unit))

    def _logged(self, call: Call, value: _T) -> _T:
        self.log.append((call, value))
        return value


def _answer(tc: TimeContext, call: Call) -> Any:
    name, *args = call
    if name == "as_of":
        return tc.as_of
    method: Callable[..., Any] = getattr(TimeContext, name)
    return method(tc, *args)


def _values(answer: Any) -> list[Any]:
    return list(answer) if isinstance(answer, tuple) else [answer]


def replay(text: str, params: Mapping[str, Any], calls: list[Call], old: TimeContext,
           new: TimeContext, micros: bool) -> Compiled | None:
    """The query compiled for ``old`` (``text``, ``params``, the ``calls`` it made)
    as it is for ``new``, or None when the parameters would not map one to one."""
    def bound(value: Any) -> Any:
        return to_micros(value) if micros and isinstance(value, dt.datetime) else value

    mapping: dict[tuple[type, Any], Any] = {}
    for call in [("as_of",), *calls]:
        answers = list(zip(_values(_answer(old, call)), _values(_answer(new, call)),
                           strict=True))
        pairs = [(bound(b), bound(a)) for b, a in answers]
        # An instant is also bound as its epoch seconds (a decaying score's "now"),
        # a duration as its seconds (a decaying score's half-life).
        pairs += [(b.timestamp(), a.timestamp()) for b, a in answers
                  if isinstance(b, dt.datetime)]
        pairs += [(b.total_seconds(), a.total_seconds()) for b, a in answers
                  if isinstance(b, dt.timedelta)]
        for b, a in pairs:
            key = (type(b), b)
            if mapping.setdefault(key, a) != a:
                return None  # one old value, two new ones
    if len(set(map(_hashable, mapping.values()))) != len(mapping):
        return None  # two old values become one: the compiler would merge them
    out: dict[str, Any] = {}
    replaced = set()
    for name, value in params.items():
        key = (type(value), value)
        if key in mapping:
            out[name] = mapping[key]
            replaced.add(_hashable(mapping[key]))
        else:
            out[name] = value
    constants = {_hashable(v) for n, v in out.items() if (type(params[n]), params[n])
                 not in mapping}
    if constants & replaced:
        return None  # a new bound equals a constant: one parameter for both
    return text, out


def _hashable(value: Any) -> tuple[type, Any]:
    return (type(value), value)


Entry = tuple[str, dict[str, Any], list[Call], dt.datetime]
"""A proved cache entry: SQL text, parameters, the logged calls and the as_of
they were answered for."""
Memo = dict[tuple[Any, ...], tuple[Program, Entry | None]]
"""A store's entries kept in process (see :func:`remembered`)."""


def remembered(kind: str, name: str, program: Program, layout: Layout, dialect: str,
               shape: str, tc: TimeContext,
               compile_query: Callable[[TimeContext], Compiled | None], *,
               memo: Memo | None = None) -> Compiled | None:
    """``compile_query(tc)``, from the cache when it holds the query (see above).
    ``compile_query`` returns None for a query that is not one statement (it is
    then never cached).

    ``memo`` (one per store: the layout, dialect and shape are the store's) keeps
    each entry in process too, keyed by the very program object, so that a query
    asked again -- an application's per-event evaluation -- costs a replay, not
    a file read nor a hash of the program."""
    if program.list_references:
        # `in list` binds the members of a list, which change without the time.
        return compile_query(tc)
    memo_key = (kind, name, dialect, shape, tc.tz)
    if memo is not None:
        hit = memo.get(memo_key)
        if hit is not None and hit[0] is program:
            return _replayed(hit[1], tc, layout, compile_query)
    from ..cache import cache_dir, load_pickle, save_pickle
    folder = cache_dir()
    if folder is None and memo is None:
        return compile_query(tc)
    path = None if folder is None else (
        folder / f"sql-{_key(kind, name, program, layout, dialect, shape, tc)}.pickle")
    try:
        if path is None:
            raise FileNotFoundError
        entry: Entry | None = load_pickle(path)  # None: proved not replayable
    except Exception:  # missing or corrupt: compile, and keep it
        first, entry = _proved(tc, compile_query, layout)
        if path is not None:
            save_pickle(path, entry, "sql-*.pickle")
        if memo is not None:
            memo[memo_key] = (program, entry)
        return first
    if memo is not None:
        memo[memo_key] = (program, entry)
    return _replayed(entry, tc, layout, compile_query)


def _replayed(entry: Entry | None, tc: TimeContext, layout: Layout,
              compile_query: Callable[[TimeContext], Compiled | None]) -> Compiled | None:
    """``entry`` replayed for ``tc``, else compiled afresh."""
    if entry is None:
        return compile_query(tc)
    text, params, calls, as_of = entry
    try:
        found = replay(text, params, calls, TimeContext(as_of, tc.tz), tc,
                       layout.datetime_as_micros)
    except (OverflowError, ValueError):  # a time near year 1 or 9999: compile it
        found = None
    return found if found is not None else compile_query(tc)


def _proved(tc: TimeContext, compile_query: Callable[[TimeContext], Compiled | None],
            layout: Layout) -> tuple[Compiled | None, Entry | None]:
    """The query compiled for ``tc``, and its entry if a second compilation for
    another time proves it replayable (else None)."""
    recorder = RecordingTime(tc.as_of, tc.tz)
    first = compile_query(recorder)
    if first is None:
        return None, None
    text, params = first
    calls = [call for call, _ in recorder.log]
    entry: Entry | None = (text, params, calls, tc.as_of)
    try:
        # Near year 1 the proof's time is after as_of instead.
        shifted = (tc.as_of - _PROOF_SHIFT if tc.as_of.year > 2
                   else tc.as_of + _PROOF_SHIFT)
        other = RecordingTime(shifted, tc.tz)
        proof = compile_query(other)
        again = replay(text, params, calls, tc, other, layout.datetime_as_micros)
        if proof is None or again != proof or [call for call, _ in other.log] != calls:
            entry = None
    except Exception:  # the other time cannot be compiled: do not replay
        entry = None
    return first, entry


def _key(kind: str, name: str, program: Program, layout: Layout, dialect: str,
         shape: str, tc: TimeContext) -> str:
    digest = hashlib.sha256()
    what = (kind, name, dialect, shape, repr(tc.tz), layout, program.schema,
            program.timezone, program.segments, program.scorings, program.gradings,
            program.tiers, program.funnels, program.order, sys.version)
    digest.update(_canonical(what).encode())
    digest.update(_code_stamp())
    return digest.hexdigest()[:32]


def _canonical(value: Any) -> str:
    """A text that is equal for equal values, whatever the hash seed (sets and
    dicts in sorted order; attrs values by the fields that take part in equality,
    so source positions do not count)."""
    if attrs.has(type(value)):
        fields = _eq_fields(type(value))
        inner = ",".join(f"{f}={_canonical(getattr(value, f))}" for f in fields)
        return f"{type(value).__qualname__}({inner})"
    if isinstance(value, tuple | list):
        return "(" + ",".join(_canonical(v) for v in value) + ")"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_canonical(k)}:{_canonical(v)}"
                                     for k, v in value.items())) + "}"
    return f"{type(value).__name__}:{value!r}"


_EQ_FIELDS: dict[type, tuple[str, ...]] = {}


def _eq_fields(cls: type) -> tuple[str, ...]:
    found = _EQ_FIELDS.get(cls)
    if found is None:
        found = _EQ_FIELDS[cls] = tuple(f.name for f in attrs.fields(cls) if f.eq)
    return found


_STAMP: bytes | None = None


def _code_stamp() -> bytes:
    """The size and modification time of every file of this package and of sqlglot."""
    global _STAMP
    if _STAMP is None:
        parts: list[str] = []
        package = Path(__file__).resolve().parents[1]
        roots = [package]
        import importlib.util
        spec = importlib.util.find_spec("sqlglot")
        if spec is not None and spec.origin:
            roots.append(Path(spec.origin).parent)
        for root in roots:
            for folder, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for file in sorted(files):
                    if file.endswith((".py", ".rules", ".lark")):
                        st = os.stat(os.path.join(folder, file))
                        parts.append(f"{folder}/{file}:{st.st_size}:{st.st_mtime_ns}")
                if root != package:
                    break  # sqlglot: its top folder (its version is there)
        _STAMP = "\n".join(parts).encode()
    return _STAMP
