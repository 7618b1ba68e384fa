"""A decayed event about 1,075 half-lives old is worth 0 points (``0.5 ** e`` is
0.0 for every e >= 1075): on every store, where PostgreSQL's float ``POWER``
raises "underflow" instead (docs/scoring.md, "Decay")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import leadrules as lr
from leadrules.memory import MemoryStore
from tests.backends import BACKENDS, Backends, session_backends

RULES = lr.parse("""
scoring interest {
  tracking { path = "/pricing" } => +10 per event
  decay half-life 1 day
}
scoring asked {
  application exists => +50 once
  decay half-life 1 hour
}
segment keen { match score interest >= 1 }
""")
AS_OF = "2026-12-01T00:00:00Z"
# Ages in days (half-lives of `interest`): 1074.5 (still the least subnormal, 5e-324
# times 10), exactly 1075 (0), 1430 (0) and 1 (2.5 points).
DATA = MemoryStore(
    leads=[{"id": i} for i in ("edge", "gone", "old", "new")],
    events={"tracking": [
        {"lead_id": "edge", "occurred_at": "2023-12-22T12:00:00Z", "path": "/pricing"},
        {"lead_id": "gone", "occurred_at": "2023-12-22T00:00:00Z", "path": "/pricing"},
        {"lead_id": "old", "occurred_at": "2023-01-01T00:00:00Z", "path": "/pricing"},
        {"lead_id": "new", "occurred_at": "2026-11-30T00:00:00Z", "path": "/pricing"}],
        "application": [{"lead_id": "old", "occurred_at": "2026-10-01T00:00:00Z"}]})
WANT = {"edge": 10 * 0.5 ** 1074.5, "gone": 0.0, "old": 0.0, "new": 10 * 0.5 ** 1}


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def _scores(model: str, store: object) -> dict[str, float]:
    return {r["lead_id"]: r["score"]
            for r in RULES.scoring(model).score(store, as_of=AS_OF)}  # type: ignore[arg-type]


def test_hand_computed_factors() -> None:
    assert 0.5 ** 1075.0 == 0.0 and 0.5 ** 1074.5 == 5e-324
    assert WANT["edge"] == 5e-323


@pytest.mark.parametrize("name", ["memory", *BACKENDS])
def test_an_event_1075_half_lives_old_is_worth_nothing(backends: Backends, name: str) -> None:
    store = DATA if name == "memory" else backends.load(DATA)[name]
    assert _scores("interest", store) == WANT
    # 61 days of 1-hour half-lives (1,464 of them): the once rule's event is worth 0.
    assert _scores("asked", store) == {"edge": 0.0, "gone": 0.0, "old": 0.0, "new": 0.0}
    assert RULES.segment("keen").select(store, as_of=AS_OF) == ["new"]
