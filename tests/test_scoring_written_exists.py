"""A scoring rule of ``BLOCK exists`` scores once; the bare ``BLOCK`` per event.

SPEC 3.2: "A lead condition or any segment expression on the left scores
`once`".  ``application { form = "contact" } exists`` is such an expression (a
test of the lead, as ``count >= 3`` is); it scored per event, as the bare block
does, and ``fmt`` then dropped the ``exists``.  An explicit ``per event`` still
scores each event.  The expected scores are computed by hand below.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import leadrules as lr
from leadrules.format import format_rules
from leadrules.memory import MemoryStore
from tests.backends import BACKENDS, Backends, session_backends

TEXT = """
scoring contact {
  bare:    application { form = "contact" } => +50
  written: application { form = "contact" } exists => +50
  each:    application { form = "contact" } exists => +50 per event
  any:     application exists => +5
  every:   application => +5
}
scoring decayed {
  written: application { form = "contact" } exists => +40
  decay half-life 10 days
}
"""
RULES = lr.parse(TEXT)
AS_OF = "2026-03-31T00:00:00Z"
# Lead A sent three contact forms (10, 20 and 30 days before AS_OF) and one
# seminar form; lead B one seminar form; lead C nothing.
DATA = MemoryStore(
    leads=[{"id": i} for i in ("A", "B", "C")],
    events={"application": [
        {"lead_id": "A", "occurred_at": "2026-03-01T00:00:00Z", "form": "contact"},
        {"lead_id": "A", "occurred_at": "2026-03-11T00:00:00Z", "form": "contact"},
        {"lead_id": "A", "occurred_at": "2026-03-21T00:00:00Z", "form": "contact"},
        {"lead_id": "A", "occurred_at": "2026-03-22T00:00:00Z", "form": "seminar"},
        {"lead_id": "B", "occurred_at": "2026-03-05T00:00:00Z", "form": "seminar"}]})
# bare 3 x 50, written 50, each 3 x 50, any 5, every 4 x 5.
WANT = {"A": 150 + 50 + 150 + 5 + 20, "B": 5 + 5, "C": 0}
# Once, decayed by the newest contact form: 10 days, one half-life.
WANT_DECAYED = {"A": 20.0, "B": 0, "C": 0}


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


def _scores(model: str, store: object) -> dict[str, float]:
    return {r["lead_id"]: r["score"]
            for r in RULES.scoring(model).score(store, as_of=AS_OF)}  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["memory", *BACKENDS])
def test_written_exists_scores_once_on_every_store(backends: Backends, name: str) -> None:
    store = DATA if name == "memory" else backends.load(DATA)[name]
    assert _scores("contact", store) == WANT
    assert _scores("decayed", store) == pytest.approx(WANT_DECAYED, rel=1e-12)


def test_explain_shows_the_once() -> None:
    text = str(RULES.scoring("contact").explain("A", AS_OF, store=DATA))
    assert "+50 written: application { form = \"contact\" } exists => +50 once" in text
    assert "+150 bare: application { form = \"contact\" } => +50 per event, 3 events" in text


def test_fmt_keeps_the_meaning() -> None:
    text = format_rules(RULES.program.file)
    lines = {" ".join(line.split()) for line in text.splitlines()}
    assert {'written: application { form = "contact" } => +50 once',
            'each: application { form = "contact" } => +50 per event',
            "any: application => +5 once", "every: application => +5"} <= lines
    again = lr.parse(text)
    assert again.program.file.declarations == RULES.program.file.declarations
    assert {r["lead_id"]: r["score"] for r in again.scoring("contact").score(
        DATA, as_of=AS_OF)} == WANT


def test_the_json_form_keeps_the_meaning() -> None:
    again = lr.from_json(lr.to_json(RULES))
    assert {r["lead_id"]: r["score"] for r in again.scoring("contact").score(
        DATA, as_of=AS_OF)} == WANT
