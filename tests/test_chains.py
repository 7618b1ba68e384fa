"""The chain search of ordered funnels against the brute-force oracle
(``tests/chain_oracle.py``), on generated event sequences full of ties."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from leadrules.chains import Event, search
from tests import chain_oracle

STEPS = st.integers(1, 4)


@st.composite
def lead_events(draw: st.DrawFn, steps: int, exclusions: int = 0,
                sources: int = 2) -> list[Event]:
    """Up to 7 events on 4 instants (ties everywhere), each selected by a random
    set of steps (often none, often several) and exclusion blocks."""
    out = []
    for seq in range(draw(st.integers(0, 7))):
        out.append((draw(st.sampled_from((0, 10, 20, 30))), draw(st.integers(0, sources - 1)),
                    seq, draw(st.integers(0, 2 ** steps - 1)),
                    draw(st.integers(0, 2 ** exclusions - 1)), None))
    return sorted(out)


@st.composite
def cases(draw: st.DrawFn, with_exclusions: bool = False
          ) -> tuple[int, list[Event], list[tuple[int, int]], int]:
    steps = draw(STEPS)
    exclusions: list[tuple[int, int]] = []
    if with_exclusions and steps > 1:
        for _ in range(draw(st.integers(0, 2))):
            a = draw(st.integers(0, steps - 2))
            exclusions.append((a, draw(st.integers(a + 1, steps - 1))))
    events = draw(lead_events(steps, len(exclusions)))
    return steps, events, exclusions, draw(st.sampled_from((0, 10, 20, 30)))


def _got(chain: Any) -> tuple[int, tuple[int, ...]] | None:
    return None if chain is None else (chain.depth, chain.events)


@settings(max_examples=600, deadline=None)
@given(cases(), st.sampled_from(("first", "last")))
def test_ordered_chain_is_the_oracles(case: Any, anchor: Any) -> None:
    steps, events, _, window = case
    end = lambda t: t + window  # noqa: E731
    want = chain_oracle.best_chain(events, steps, end, anchor=anchor)
    assert _got(search(events, steps, end, anchor=anchor)) == want


@settings(max_examples=600, deadline=None)
@given(cases(with_exclusions=True), st.booleans(), st.sampled_from(("first", "last")),
       st.sampled_from((frozenset({0}), frozenset({0, 1}))))
def test_strict_and_exclusions_are_the_oracles(case: Any, strict: bool, anchor: Any,
                                               sources: frozenset[int]) -> None:
    steps, events, exclusions, window = case
    end = lambda t: t + window  # noqa: E731
    want = chain_oracle.best_chain(events, steps, end, strict=strict, exclusions=exclusions,
                                   strict_sources=sources, anchor=anchor)
    got = search(events, steps, end, order="strict" if strict else "ordered",
                 exclusions=exclusions, strict_sources=sources, anchor=anchor)
    assert _got(got) == want


@settings(max_examples=400, deadline=None)
@given(cases(), st.sampled_from(("first", "last")))
def test_any_order_is_the_oracles(case: Any, anchor: Any) -> None:
    steps, events, _, window = case
    end = lambda t: t + window  # noqa: E731
    want = chain_oracle.best_any_order(events, steps, end, anchor=anchor)
    assert _got(search(events, steps, end, order="any order", anchor=anchor)) == want


def ev(t: int, steps: int, seq: int, source: int = 0, excl: int = 0) -> Event:
    return (t, source, seq, steps, excl, None)


def test_one_event_never_fills_two_steps() -> None:
    # "signed up, then signed up again": one sign-up reaches the first step only.
    assert _got(search([ev(0, 0b11, 0)], 2, lambda t: t + 10)) == (0, (0,))
    assert _got(search([ev(0, 0b11, 0), ev(5, 0b11, 1)], 2, lambda t: t + 10)) == (1, (0, 1))


def test_ties_are_matched_not_taken_greedily() -> None:
    # Step 1 any page, step 2 "pricing": at one instant a pricing view (seq 1) and a
    # page view (seq 2).  Greedy gives the pricing view to step 1 and fails step 2.
    events = [ev(0, 0b001, 0), ev(5, 0b110, 1), ev(5, 0b010, 2)]
    assert _got(search(events, 3, lambda t: t + 10)) == (2, (0, 2, 1))


def test_strict_allows_repeats_of_the_next_step_in_between() -> None:
    # sign up, page, page, insight: the second page view follows the sign-up with
    # only a page view (selected by that step) in between.
    events = [ev(0, 0b001, 0), ev(1, 0b010, 1), ev(2, 0b010, 2), ev(3, 0b100, 3)]
    chain = search(events, 3, lambda t: t + 10, order="strict", strict_sources=frozenset({0}))
    assert _got(chain) == (2, (0, 2, 3))
    other = [ev(0, 0b001, 0), ev(1, 0b010, 1), ev(2, 0b000, 2), ev(3, 0b100, 3)]
    chain = search(other, 3, lambda t: t + 10, order="strict", strict_sources=frozenset({0}))
    assert _got(chain) == (1, (0, 1))
