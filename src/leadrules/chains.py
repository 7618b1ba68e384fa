"""The chain search of ordered funnels (SPEC 3.5): which of one lead's events fill
which steps.

The input is one lead's events, each an :data:`Event` tuple ``(time, source,
seq, steps, exclusions, value)`` — time in integer microseconds since the Unix
epoch; ``source`` the rank of the event's source among the funnel's sources;
``seq`` its stored order (the evaluator's list position, a SQL store's ``seq``
column: the same order); ``steps`` and ``exclusions`` bit masks of the steps
and exclusion blocks that select it; ``value`` whatever the caller carries
(an event field for a breakdown).  The list is sorted by ``(time, source,
seq)``: that order is the event's identity and the tie-break, so every store
gives the same chain.

The definitions (``docs/funnels.md``, "Ordered funnels"):

- A **chain** of depth ``d`` is ``d + 1`` *distinct* events ``e0 … ed``, ``ek``
  selected by step ``k``, each at or after the previous one (the same instant
  counts as in order), the last no later than the window's end counted from
  ``e0``.
- ``strict``: moreover no *other* event strictly between ``e(k-1)`` and ``ek``:
  an event of a step source (``strict_sources``) that step ``k`` does not
  select.
- An exclusion ``(a, b)`` forbids an event it selects strictly between ``ea``
  and ``e(min(b, d))``.
- ``any order``: ``d + 1`` distinct events filling ``d + 1`` distinct steps
  (each selected by the step it fills), all inside the window counted from
  the earliest of them.

The lead's depth is the deepest chain's.  The chain reported (its times give
time-to-convert, its events the breakdown value) is, among the deepest: the
one with the earliest first event (``anchor="last"``: the latest), then the
earliest times step by step, then the earliest events in ``(source, seq)``
order at a shared instant.  For ``any order``: the earliest (latest) first
event, then the earliest events.

Events sharing an instant are where a greedy choice goes wrong (a page view
and a pricing view at one instant, steps "any page" then "pricing"): the
steps a chain fills at one instant are assigned by bipartite matching.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Literal, assert_never

import attrs

Event = tuple[int, int, int, int, int, Any]
"""``(time µs, source rank, seq, step mask, exclusion mask, value)``."""

Order = Literal["ordered", "strict", "any order"]
ORDERS: tuple[Order, ...] = ("ordered", "strict", "any order")
Anchor = Literal["first", "last"]
ANCHORS: tuple[Anchor, ...] = ("first", "last")

WindowEnd = Callable[[int], int]
"""The last instant (µs) of the window that starts at an instant (µs)."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICRO = dt.timedelta(microseconds=1)


def micros(value: dt.datetime) -> int:
    """An aware datetime as integer microseconds since 1970 (exact)."""
    return (value - _EPOCH) // _MICRO


def instant(value: int) -> dt.datetime:
    """Integer microseconds since 1970 as an aware UTC datetime."""
    return _EPOCH + dt.timedelta(microseconds=value)


@attrs.frozen
class Chain:
    """The reported chain: ``events[k]`` indexes the lead's event list.

    Ordered and strict: ``events[k]`` fills step ``k`` (``depth + 1`` of them).
    Any order: the events that complete ``depth + 1`` steps, in time order.
    """

    depth: int
    events: tuple[int, ...]


def search(events: Sequence[Event], steps: int, window_end: WindowEnd, *,
           order: Order = "ordered", exclusions: Sequence[tuple[int, int]] = (),
           strict_sources: frozenset[int] = frozenset(), anchor: Anchor = "first"
           ) -> Chain | None:
    """The reported chain of one lead (None when no event fills the first step).

    ``exclusions[x] = (a, b)``: exclusion block ``x`` (bit ``x`` of an event's
    exclusion mask) between steps ``a < b``.
    """
    if not events or steps <= 0:
        return None
    lead = _Lead(events, steps)
    match order:
        case "any order":
            return lead.any_order(window_end, anchor)
        case "strict":
            return _General(lead, window_end, True, exclusions, strict_sources).search(anchor)
        case "ordered":
            if exclusions:
                return _General(lead, window_end, False, exclusions, strict_sources
                                ).search(anchor)
            return lead.ordered(window_end, anchor)
        case _:
            assert_never(order)


class _Lead:
    """One lead's events grouped by instant, with the instants where each step has
    a candidate."""

    def __init__(self, events: Sequence[Event], steps: int) -> None:
        self.events = events
        self.n = steps
        times: list[int] = []
        members: list[list[int]] = []
        masks: list[int] = []
        for j, ev in enumerate(events):
            if times and times[-1] == ev[0]:
                members[-1].append(j)
                masks[-1] |= ev[3]
            else:
                times.append(ev[0])
                members.append([j])
                masks.append(ev[3])
        self.times = times
        self.members = members
        self.masks = masks
        self.at = [[i for i, m in enumerate(masks) if m >> k & 1] for k in range(steps)]
        self._fills: dict[tuple[int, int], int] = {}

    # -- one instant ---------------------------------------------------------------
    def fill(self, i: int, k: int) -> int:
        """How many steps from ``k`` on distinct events at instant ``i`` can fill."""
        key = (i, k)
        got = self._fills.get(key)
        if got is None:
            got = self._fills[key] = self._fill(i, k)
        return got

    def _fill(self, i: int, k: int) -> int:
        members = self.members[i]
        if len(members) == 1:
            return 1 if self.events[members[0]][3] >> k & 1 else 0
        match: dict[int, int] = {}  # event -> step
        m = 0
        while k + m < self.n and _augment(self.events, members, k + m, match, set()):
            m += 1
        return m

    def assign(self, i: int, k: int, m: int) -> list[int]:
        """The events filling steps ``k … k+m-1`` at instant ``i``: step by step the
        first event in order that leaves a matching for the rest."""
        members = self.members[i]
        if len(members) == 1:
            return [members[0]]
        out: list[int] = []
        for s in range(k, k + m):
            for j in members:
                if j in out or not self.events[j][3] >> s & 1:
                    continue
                rest = [x for x in members if x != j and x not in out]
                match: dict[int, int] = {}
                if all(_augment(self.events, rest, t, match, set()) for t in range(s + 1, k + m)):
                    out.append(j)
                    break
        return out

    def chain(self, blocks: Sequence[tuple[int, int, int]]) -> Chain:
        picked: list[int] = []
        for i, k, m in blocks:
            picked.extend(self.assign(i, k, m))
        return Chain(len(picked) - 1, tuple(picked))

    # -- ordered: greedy per anchor ---------------------------------------------------
    def ordered(self, window_end: WindowEnd, anchor: Anchor) -> Chain | None:
        # For a fixed first instant, filling as many steps as possible at each
        # instant, as early as possible, gives every step its earliest possible
        # instant: no chain from that anchor gets deeper, and it is the earliest
        # chain (see the module docstring).
        n, times, at = self.n, self.times, self.at
        anchors = at[0] if anchor == "first" else at[0][::-1]
        best: list[tuple[int, int, int]] | None = None
        best_depth = -1
        for a in anchors:
            limit = window_end(times[a])
            k, i = 0, a
            blocks = []
            while True:
                m = self.fill(i, k)
                blocks.append((i, k, m))
                k += m
                if k == n:
                    break
                later = at[k]
                p = bisect.bisect_right(later, i)
                if p == len(later) or times[later[p]] > limit:
                    break
                i = later[p]
            if k - 1 > best_depth:
                best, best_depth = blocks, k - 1
                if k == n:
                    break
        return None if best is None else self.chain(best)

    # -- any order: greedy basis per anchor ---------------------------------------------
    def any_order(self, window_end: WindowEnd, anchor: Anchor) -> Chain | None:
        # Sets of events that fill distinct steps form a transversal matroid:
        # adding events in order whenever the matching grows gives the earliest
        # largest set, and its first event is at the anchor instant.
        events, times, members = self.events, self.times, self.members
        anchors = [i for i, m in enumerate(self.masks) if m]
        if anchor == "last":
            anchors.reverse()
        best: list[int] | None = None
        for a in anchors:
            limit = window_end(times[a])
            step_of: dict[int, int] = {}  # step -> event
            chosen: list[int] = []
            i = a
            while i < len(times) and times[i] <= limit and len(chosen) < self.n:
                for j in members[i]:
                    if events[j][3] and _augment_event(events, j, step_of, set()):
                        chosen.append(j)
                        if len(chosen) == self.n:
                            break
                i += 1
            if best is None or len(chosen) > len(best):
                best = chosen
                if len(chosen) == self.n:
                    break
        return None if best is None else Chain(len(best) - 1, tuple(best))


def _augment(events: Sequence[Event], members: Sequence[int], step: int,
             match: dict[int, int], seen: set[int]) -> bool:
    """Kuhn's augmenting path: give ``step`` an event among ``members`` (event ->
    step in ``match``), moving earlier steps to other events if need be."""
    for j in members:
        if j in seen or not events[j][3] >> step & 1:
            continue
        seen.add(j)
        holder = match.get(j)
        if holder is None or _augment(events, members, holder, match, seen):
            match[j] = step
            return True
    return False


def _augment_event(events: Sequence[Event], j: int, step_of: dict[int, int],
                   seen: set[int]) -> bool:
    """Give event ``j`` a step it fills (step -> event in ``step_of``), moving
    the events already placed to other steps if need be."""
    mask = events[j][3]
    s = 0
    while mask >> s:
        if mask >> s & 1 and s not in seen:
            seen.add(s)
            holder = step_of.get(s)
            if holder is None or _augment_event(events, holder, step_of, seen):
                step_of[s] = j
                return True
        s += 1
    return False


class _General:
    """Strict order and exclusions: a search over partial chains.

    A state ``(k, i, j)``: steps ``0 … k-1`` are filled, the last ``j … k-1`` of
    them at instant ``i``.  From it the chain moves to a later instant ``i2``
    where step ``k`` has a candidate and fills ``m >= 1`` steps there, if no
    event in between breaks strictness or an open exclusion.
    """

    def __init__(self, lead: _Lead, window_end: WindowEnd, strict: bool,
                 exclusions: Sequence[tuple[int, int]], strict_sources: frozenset[int]
                 ) -> None:
        self.lead = lead
        self.window_end = window_end
        self.exclusions = tuple(exclusions)
        events, n, members = lead.events, lead.n, lead.members
        # strict: the instants holding an event that step k does not select.
        self.bad: list[list[int]] | None = None
        if strict:
            self.bad = [[i for i, ms in enumerate(members)
                         if any(events[j][1] in strict_sources and not events[j][3] >> k & 1
                                for j in ms)]
                        for k in range(n)]
        self.excluded = [[i for i, ms in enumerate(members)
                          if any(events[j][4] >> x & 1 for j in ms)]
                         for x in range(len(self.exclusions))]
        self.memo: dict[tuple[int, int, int], int] = {}
        self.last = 0

    def search(self, anchor: Anchor) -> Chain | None:
        lead = self.lead
        anchors = lead.at[0] if anchor == "first" else lead.at[0][::-1]
        best: tuple[int, int] | None = None  # (depth, anchor instant)
        for a in anchors:
            depth = self._from_anchor(a)
            if best is None or depth > best[0]:
                best = (depth, a)
                if depth == lead.n - 1:
                    break
        if best is None:
            return None
        depth, a = best
        self._from_anchor(a)
        return lead.chain(self._walk(a, depth))

    def _from_anchor(self, a: int) -> int:
        """The deepest chain whose first event is at instant ``a``."""
        self.memo = {}
        self.last = bisect.bisect_right(self.lead.times, self.window_end(self.lead.times[a])) - 1
        return max(self._deepest(m, a, 0) for m in range(self.lead.fill(a, 0), 0, -1))

    def _moves(self, k: int, i: int, j: int) -> list[tuple[int, int]]:
        """``(i2, m)`` in the chain's preference order: earliest instant, most steps."""
        lead = self.lead
        ub = self.last
        if self.bad is not None:
            bad = self.bad[k]
            p = bisect.bisect_right(bad, i)
            if p < len(bad):
                ub = min(ub, bad[p])
        for x, (a, b) in enumerate(self.exclusions):
            if a < k <= b:
                # Filled at instant i (a >= j): an event at i is not strictly after it.
                lo = i + 1 if a >= j else i
                hits = self.excluded[x]
                q = bisect.bisect_left(hits, lo)
                if q < len(hits):
                    ub = min(ub, hits[q])
        later = lead.at[k]
        out: list[tuple[int, int]] = []
        for p in range(bisect.bisect_right(later, i), len(later)):
            i2 = later[p]
            if i2 > ub:
                break
            out.extend((i2, m) for m in range(lead.fill(i2, k), 0, -1))
        return out

    def _deepest(self, k: int, i: int, j: int) -> int:
        key = (k, i, j)
        got = self.memo.get(key)
        if got is not None:
            return got
        best = k - 1
        if k < self.lead.n:
            for i2, m in self._moves(k, i, j):
                best = max(best, self._deepest(k + m, i2, k))
                if best == self.lead.n - 1:
                    break
        self.memo[key] = best
        return best

    def _walk(self, a: int, depth: int) -> list[tuple[int, int, int]]:
        """The blocks ``(instant, first step, steps)`` of the preferred chain of
        ``depth`` from instant ``a``."""
        m = next(m for m in range(self.lead.fill(a, 0), 0, -1)
                 if self._deepest(m, a, 0) >= depth)
        blocks = [(a, 0, m)]
        k, i, j = m, a, 0
        while k <= depth:
            i2, m = next((i2, m) for i2, m in self._moves(k, i, j)
                         if self._deepest(k + m, i2, k) >= depth)
            blocks.append((i2, k, m))
            k, i, j = k + m, i2, k
        return blocks
