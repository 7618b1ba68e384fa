"""The hand-written script ``benchmarks/startup.py`` races ``leadrules segment``
against: SPEC 3.1's HOT-lead segment on a leadrules SQLite store, with nothing
but :mod:`sqlite3`.

Usage: ``python benchmarks/hand_segment.py STORE.db AS_OF`` (AS_OF an ISO-8601
instant with an offset); prints the ids, sorted, one a line, as
``leadrules segment … --format ids`` does.

The SQL is the fastest hand-written shape on SQLite (correlated ``EXISTS``,
``docs/benchmarks.md``) over the documented layout (``docs/stores.md``):
instants are integer microseconds since the epoch, booleans 0 / 1.
"""

import sqlite3
import sys
from datetime import datetime, timedelta

HOT_LEADS = """
SELECT l.id FROM lead AS l
WHERE (l.created_at IS NULL OR l.created_at <= :as_of)
  AND l.email IS NOT NULL AND l.is_competitor IS NOT 1 AND l.nurture_target = 1
  AND EXISTS (SELECT 1 FROM application AS a WHERE a.lead_id = l.id AND a.occurred_at <= :as_of)
  AND NOT EXISTS (SELECT 1 FROM activity AS a WHERE a.lead_id = l.id AND a.occurred_at <= :as_of)
  AND (SELECT count(*) FROM tracking AS t WHERE t.lead_id = l.id
       AND t.occurred_at >= :since AND t.occurred_at <= :as_of) >= 15
ORDER BY l.id
"""


def micros(instant: datetime) -> int:
    return (instant - datetime(1970, 1, 1, tzinfo=instant.tzinfo)) // timedelta(microseconds=1)


def main() -> None:
    path, as_of_text = sys.argv[1], sys.argv[2]
    as_of = datetime.fromisoformat(as_of_text)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = connection.execute(HOT_LEADS, {"as_of": micros(as_of),
                                          "since": micros(as_of - timedelta(days=30))})
    sys.stdout.write("".join(f"{lead_id}\n" for (lead_id,) in rows))


if __name__ == "__main__":
    main()
