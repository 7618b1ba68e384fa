"""Wall-clock times a DST change skips or repeats (docs/language.md, "Dates and
times"): read with ``fold=0`` — a skipped time with the offset before the change,
a repeated one as its first occurrence — on every store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import leadrules as lr
from leadrules.memory import MemoryStore
from tests.backends import BACKENDS, Backends, session_backends

# 2026-03-29 02:00-03:00 does not exist in Berlin (CET +1 -> CEST +2); 2026-10-25
# 02:00-03:00 happens twice (CEST +2, then CET +1).
TIMES = {"a": "2026-03-29T01:25:00Z", "b": "2026-03-29T01:35:00Z",
         "c": "2026-10-25T00:25:00Z", "d": "2026-10-25T00:35:00Z",
         "e": "2026-10-25T01:25:00Z"}
DATA = MemoryStore(leads=[{"id": i} for i in TIMES],
                   events={"tracking": [{"lead_id": i, "occurred_at": t}
                                        for i, t in TIMES.items()]})
RULES = lr.parse("""timezone "Europe/Berlin"
segment skipped { match tracking { occurred_at after 2026-03-29T02:30:00 } exists }
segment twice { match tracking { occurred_at after 2026-10-25T02:30:00 } exists }
segment twice_cet { match tracking { occurred_at after 2026-10-25T02:30:00+01:00 } exists }
segment day { match tracking { occurred_at within 1 day } exists }
""")


@pytest.fixture(scope="module")
def backends() -> Iterator[Backends]:
    yield from session_backends()


@pytest.mark.parametrize("name", ["memory", *BACKENDS])
def test_skipped_and_repeated_wall_times(backends: Backends, name: str) -> None:
    store = DATA if name == "memory" else backends.load(DATA)[name]
    late = "2026-12-01T00:00:00Z"
    # 02:30 skipped = 02:30 CET = 01:30 UTC: b (01:35Z) on, a (01:25Z) not.
    assert RULES.segment("skipped").select(store, as_of=late) == ["b", "c", "d", "e"]
    # 02:30 twice = its first occurrence, 02:30 CEST = 00:30 UTC.
    assert RULES.segment("twice").select(store, as_of=late) == ["d", "e"]
    # The second one (CET) written with its offset: 01:30 UTC.
    assert RULES.segment("twice_cet").select(store, as_of=late) == []
    # Calendar arithmetic landing in the gap: 1 day before 03:30 CEST on 30 March is
    # 02:30 on the 29th, skipped, so 01:30 UTC.
    assert RULES.segment("day").select(store, as_of="2026-03-30T03:30:00+02:00") == ["b"]
