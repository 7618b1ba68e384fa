"""``explain`` shows a score beside its test (``score m >= 1 — score m is …``) with
enough digits to agree with the ✓ or ✗: six significant digits, or the exact
shortest text when six would read as a number on the other side of the bound."""

from __future__ import annotations

import json
from typing import Any

import pytest

import leadrules as lr

AS_OF = "2026-02-01"
LEAD = {"id": "X", "created_at": "2026-01-01T00:00:00Z"}

RULES = """
scoring tenth {
  a: tracking => +0.1 per event
}
scoring sum {
  a: tracking { path = "/a" } exists => +0.1
  b: tracking { path = "/b" } exists => +0.2
}
scoring far {
  a: tracking { path = "/a" } exists => +12.3456789
}
scoring above {
  a: tracking { path = "/a" } exists => +1.0000000000000002
}
segment reached { match score tenth >= 1 }
segment exact { match score sum = 0.3 }
segment far_off { match score far >= 100 }
segment over { match score above > 1 }
tiers t using tenth {
  hot:  score >= 1
  cold: otherwise
}
"""


def visits(*paths: str) -> dict[str, list[dict[str, Any]]]:
    return {"tracking": [{"occurred_at": f"2026-01-{i + 1:02d}T00:00:00Z", "path": p}
                         for i, p in enumerate(paths)]}


TEN = visits(*["/x"] * 10)        # 10 x 0.1 in binary floating point: 0.9999999999999999
A_AND_B = visits("/a", "/b")      # 0.1 + 0.2: 0.30000000000000004


@pytest.mark.parametrize(("segment", "events", "held", "detail"), [
    ("reached", TEN, False, "score tenth is 0.9999999999999999"),
    ("exact", A_AND_B, False, "score sum is 0.30000000000000004"),
    ("over", visits("/a"), True, "score above is 1.0000000000000002"),
    ("far_off", visits("/a"), False, "score far is 12.3457"),   # six digits are enough
])
def test_the_score_shown_gives_the_test_the_answer_explain_shows(
        segment: str, events: dict[str, list[dict[str, Any]]], held: bool, detail: str
        ) -> None:
    rules = lr.parse(RULES)
    why = rules.segment(segment).explain(LEAD, AS_OF, events=events)
    assert why.result is held
    assert rules.segment(segment).matches(LEAD, AS_OF, events=events) is held
    (test,) = why.children
    assert (test.result, test.detail) == (held, detail)
    assert f"{'✓' if held else '✗'} match " in why.render()
    assert detail in why.render()
    assert json.loads(json.dumps(why.to_dict()))["children"][0]["detail"] == detail


def test_tier_explanations_show_the_same_digits() -> None:
    why = lr.parse(RULES).tiers("t").explain(LEAD, AS_OF, events=TEN)
    assert why.tier == "cold"
    assert "✗ hot: score >= 1  — score tenth is 0.9999999999999999" in why.render()
