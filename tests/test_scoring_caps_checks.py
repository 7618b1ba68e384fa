"""Scoring declarations that cannot mean what they say: a half-life of 0 is
refused (it was a ZeroDivisionError in memory and 0 points on SQL stores), and a
cap on the wrong side of 0 is warned about (every lead got its points)."""

from __future__ import annotations

import pytest

import leadrules as lr
from leadrules.errors import CheckError


def test_a_half_life_of_0_is_refused() -> None:
    with pytest.raises(CheckError) as info:
        lr.parse("scoring s {\n  tracking exists => +10 per event\n  decay half-life 0 days\n}\n")
    d = info.value.first
    assert d.code == "invalid-value" and (d.line, d.column) == (3, 3)
    assert "half-life of 0" in d.message


@pytest.mark.parametrize(("rule", "message", "fix"), [
    ("tracking exists => -5 per event, min 10", "'min 10' is above 0", "'min -10'"),
    ("activity exists => +10 per event, max -5", "'max -5' is below 0", "'max 5'"),
])
def test_a_cap_on_the_wrong_side_of_0_is_warned(rule: str, message: str, fix: str) -> None:
    rules = lr.parse(f"scoring s {{\n  {rule}\n}}\n")
    (warning,) = [w for w in rules.warnings if w.code == "cap-gives-points"]
    assert warning.message.startswith(message) and fix in (warning.hint or "")
    # What it warns about: a lead the rule does not hold for gets the cap too.
    store = lr.MemoryStore([{"id": "L1"}], {})
    assert rules.scoring("s").score_of("L1", "2026-11-20", store=store) == (
        10 if "min" in rule else -5)


@pytest.mark.parametrize("rule", ["tracking exists => +5 per event, max 20",
                                  "tracking exists => -5 per event, min -20",
                                  "tracking exists => +5 per event, min 0, max 0"])
def test_caps_on_the_right_side_are_not_warned(rule: str) -> None:
    assert not [w for w in lr.parse(f"scoring s {{\n  {rule}\n}}\n").warnings
                if w.code == "cap-gives-points"]


def test_a_cap_given_twice_is_refused() -> None:
    with pytest.raises(lr.ParseError) as info:
        lr.parse("scoring s {\n  tracking exists => +5 per event, max 5, max 10\n}\n")
    d = info.value.first
    assert d.code == "duplicate" and (d.line, d.column) == (2, 43)
    assert d.hint == "keep one: 'max 5' or 'max 10'"
