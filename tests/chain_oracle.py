"""A brute-force oracle for funnel chains: every assignment of events to steps,
checked against the definitions of docs/funnels.md word for word.

It shares nothing with ``leadrules.chains`` but the input format (one lead's
events as ``(time, source, seq, step mask, exclusion mask, value)`` sorted by
``(time, source, seq)``), so a bug in the search cannot hide here.  Only for
small inputs: it enumerates.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

Event = tuple[int, int, int, int, int, Any]


def selected(event: Event, step: int) -> bool:
    return bool(event[3] >> step & 1)


def chains(events: Sequence[Event], steps: int) -> Iterator[tuple[int, ...]]:
    """Every sequence of distinct events e0 … ed, ek selected by step k."""
    def extend(prefix: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
        if prefix:
            yield prefix
        k = len(prefix)
        if k == steps:
            return
        for j, ev in enumerate(events):
            if j not in prefix and selected(ev, k):
                yield from extend((*prefix, j))
    yield from extend(())


def valid(chain: tuple[int, ...], events: Sequence[Event], window_end: Callable[[int], int],
          strict: bool, exclusions: Sequence[tuple[int, int]], strict_sources: frozenset[int]
          ) -> bool:
    t = [events[j][0] for j in chain]
    if any(b < a for a, b in itertools.pairwise(t)):
        return False
    if t[-1] > window_end(t[0]):
        return False
    d = len(chain) - 1
    if strict:
        for k in range(1, d + 1):
            for x in events:
                if t[k - 1] < x[0] < t[k] and x[1] in strict_sources and not selected(x, k):
                    return False
    for xi, (a, b) in enumerate(exclusions):
        if a < d:
            end = t[min(b, d)]
            if any(t[a] < x[0] < end and x[4] >> xi & 1 for x in events):
                return False
    return True


def best_chain(events: Sequence[Event], steps: int, window_end: Callable[[int], int], *,
               strict: bool = False, exclusions: Sequence[tuple[int, int]] = (),
               strict_sources: frozenset[int] = frozenset(), anchor: str = "first"
               ) -> tuple[int, tuple[int, ...]] | None:
    """(depth, events of the reported chain), or None."""
    found = [c for c in chains(events, steps)
             if valid(c, events, window_end, strict, exclusions, strict_sources)]
    if not found:
        return None
    depth = max(len(c) for c in found) - 1
    sign = 1 if anchor == "first" else -1

    def key(c: tuple[int, ...]) -> tuple[Any, ...]:
        times = tuple(events[j][0] for j in c)
        return (sign * times[0], times, c)

    return depth, min((c for c in found if len(c) == depth + 1), key=key)


def matchable(chosen: Sequence[int], events: Sequence[Event], steps: int) -> bool:
    """Whether the events can fill distinct steps, each one it is selected by."""
    return any(all(selected(events[j], s) for j, s in zip(chosen, perm, strict=True))
               for perm in itertools.permutations(range(steps), len(chosen)))


def best_any_order(events: Sequence[Event], steps: int, window_end: Callable[[int], int], *,
                   anchor: str = "first") -> tuple[int, tuple[int, ...]] | None:
    """(depth, events) for ``any order``: the most steps completed by distinct events
    inside the window from the earliest of them."""
    best: list[tuple[int, ...]] = []
    for size in range(min(steps, len(events)), 0, -1):
        for chosen in itertools.combinations(range(len(events)), size):
            times = [events[j][0] for j in chosen]
            if max(times) <= window_end(min(times)) and matchable(chosen, events, steps):
                best.append(chosen)
        if best:
            break
    if not best:
        return None
    sign = 1 if anchor == "first" else -1
    pick = min(best, key=lambda c: (sign * events[c[0]][0], c))
    return len(pick) - 1, pick
