"""Time-driven changes (issue 13 item 4): how long ``next_change`` takes per lead
and ``ListManager.due`` over a whole store.

Usage::

    .venv/bin/python benchmarks/next_change.py

Builds the demo data (``leadrules.sample.generate``: 400 leads, about 8,500 events) in a
temporary folder, then times the HOT segment's ``next_change`` for every lead
(as of the demo's instant) and ``ListManager.due`` of one dynamic list over the
whole store until the end of the year.  Prints the figures.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import leadrules as lr  # noqa: E402
from leadrules.lists import ListManager  # noqa: E402
from leadrules.sample import AS_OF, generate, write_csv  # noqa: E402

RULES = """
segment hot_leads {
  1: tracking { occurred_at within 30 days } count >= 15
  2: application exists
  3: activity exists
  4: lead { email exists; not is_competitor; nurture_target }
  match 1 and 2 and not 3 and 4
}
"""


def main() -> None:
    rules = lr.parse(RULES)
    with tempfile.TemporaryDirectory() as folder:
        write_csv(generate(), folder)
        store = lr.MemoryStore.from_folder(folder)
    seg = rules.segment("hot_leads")
    ids = [lead["id"] for lead in store.leads()]
    start = time.perf_counter()
    for lead_id in ids:
        seg.next_change(lead_id, AS_OF, store=store)
    per = (time.perf_counter() - start) / len(ids)
    lists = ListManager(rules)
    lists.create_dynamic("hot", "hot_leads")
    start = time.perf_counter()
    due = lists.due(store, AS_OF, until="2026-12-31")
    whole = time.perf_counter() - start
    print(f"next_change: {per * 1e3:.2f} ms per lead ({len(ids)} leads)")
    print(f"due until 2026-12-31: {whole:.2f} s for {len(ids)} leads, {len(due)} due")


if __name__ == "__main__":
    main()
