"""Over-time labels (funnels.md "Over time"): a period is a calendar week, month
or quarter in the evaluation time zone, and its label names it there — in the
segment and funnel tables, the charts and the repr, east and west of UTC.

Every expected label below is worked out by hand from a calendar: 2026-01-01 is
a Thursday, so ISO week 1 of 2026 starts on Monday 29 December 2025, week 36 on
Monday 31 August 2026, and 2026 has 53 ISO weeks (week 53 starts on Monday 28
December 2026 and holds Sunday 3 January 2027)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main

RULES = """
funnel f {
  a: all
  b: tracking exists
}
segment q { match id exists }
"""

ZONES = ("Europe/Berlin", "Asia/Tokyo", "America/New_York")

# (every, since, until, the labels in order; the last period is "so far")
CASES = [
    ("month", "2026-09-01", "2026-11-15", ["2026-09", "2026-10", "2026-11"]),
    ("quarter", "2026-07-01", "2026-11-15", ["2026-Q3", "2026-Q4"]),
    ("week", "2026-09-01", "2026-09-20", ["2026-W36", "2026-W37", "2026-W38"]),
    ("week", "2026-12-28", "2027-01-03", ["2026-W53"]),
    ("month", "2026-12-01", "2027-01-15", ["2026-12", "2027-01"]),
]
NS = "{http://www.w3.org/2000/svg}"


def store() -> lr.MemoryStore:
    # Created just after local midnight of 1 September in Berlin (22:30Z the day
    # before): an east-of-UTC period begins on the previous UTC day.
    return lr.MemoryStore([{"id": "L1", "created_at": "2026-08-31T22:30:00Z"},
                           {"id": "L2", "created_at": "2026-09-30T22:30:00Z"}])


def drawn(svg: ET.Element) -> ET.Element:
    """The SVG as a viewer reads it (serialised and parsed: namespaced tags)."""
    return ET.fromstring(ET.tostring(svg))


def table_labels(text: str) -> list[str]:
    """The period column of a to_text table (after the title and the rule)."""
    return [line.split("  ")[0] for line in text.splitlines()[3:]]


def expected_rows(labels: list[str]) -> list[str]:
    return [*labels[:-1], labels[-1] + " (so far)"]


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("every", "since", "until", "labels"), CASES)
def test_funnel_and_segment_tables_name_the_local_period(
        zone: str, every: str, since: str, until: str, labels: list[str]) -> None:
    rules = lr.parse(RULES)
    funnel = rules.funnel("f").over_time(store(), every, since, until,  # type: ignore[arg-type]
                                          timezone=zone)
    segment = rules.segment("q").over_time(store(), every, since, until,  # type: ignore[arg-type]
                                           timezone=zone)
    assert table_labels(funnel.to_text()) == expected_rows(labels)
    assert table_labels(segment.to_text()) == expected_rows(labels)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("every", "since", "until", "labels"), CASES)
def test_charts_name_the_local_period(zone: str, every: str, since: str, until: str,
                                      labels: list[str]) -> None:
    from leadrules.funnel_chart import over_time_svg
    rules = lr.parse(RULES)
    funnel = rules.funnel("f").over_time(store(), every, since, until,  # type: ignore[arg-type]
                                          timezone=zone)
    segment = rules.segment("q").over_time(store(), every, since, until,  # type: ignore[arg-type]
                                           timezone=zone)
    pattern = re.compile(r"^\d{4}-(W\d\d|Q\d|\d\d)\*?$")
    funnel_texts = [t.text or "" for t in drawn(over_time_svg(funnel)).iter(f"{NS}text")]
    assert [t for t in funnel_texts if pattern.match(t)] == labels
    segment_svg = drawn(segment.svg())
    segment_texts = [t.text or "" for t in segment_svg.iter(f"{NS}text")]
    assert [t for t in segment_texts if pattern.match(t)] == [*labels[:-1], labels[-1] + "*"]
    titles = [t.text or "" for t in segment_svg.iter(f"{NS}title")]
    assert [t.split(":")[0] for t in titles if pattern.match(t.split(":")[0])] == labels


@pytest.mark.parametrize(("zone", "span"), [
    ("Europe/Berlin", "2026-09-01 – 2026-12-01"),
    ("Asia/Tokyo", "2026-09-01 – 2026-12-01"),
    ("America/New_York", "2026-09-01 – 2026-12-01"),
    ("UTC", "2026-09-01 – 2026-12-01"),
])
def test_funnel_over_time_repr_gives_local_dates(zone: str, span: str) -> None:
    over = lr.parse(RULES).funnel("f").over_time(store(), "month", "2026-09-01",
                                                 "2026-11-15", timezone=zone)
    assert repr(over) == f"<FunnelOverTime f every month: 3 periods {span}>"


def test_cli_labels_follow_the_rules_files_timezone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "lead.csv").write_text("id,created_at\nL1,2026-08-31T22:30:00Z\n")
    rules = tmp_path / "o.rules"
    rules.write_text('timezone "Asia/Tokyo"\n' + RULES)
    for command, name in (("funnel", "f"), ("segment", "q")):
        code = main([command, str(rules), name, "--data", str(data), "--every", "quarter",
                     "--since", "2026-07-01", "--as-of", "2026-11-15", "--format", "table"])
        out = capsys.readouterr().out
        assert code == 0
        assert table_labels(out) == ["2026-Q3", "2026-Q4 (so far)"]


def test_a_segment_period_repr_is_its_start_instant() -> None:
    over = lr.parse(RULES).segment("q").over_time(store(), "month", "2026-09-01",
                                                  "2026-09-15", timezone="Europe/Berlin")
    assert repr(over.periods[0]) == "<SegmentPeriod 2026-08-31T22:00:00+00:00: 1 lead>"

